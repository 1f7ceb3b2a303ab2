//! The model benchmark compiled to wasm32 and run in Node.js by
//! `tests/bench/wasm-model.mjs` (`make bench-model`): the same workload as
//! `benches/model.rs`, so the two figures compare.

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    /// Runs the outage workload; returns [events, delivered].
    #[wasm_bindgen]
    pub fn run_outage(messages: u32) -> Vec<f64> {
        let (events, delivered) = mxviz::bench::run_outage(messages as usize);
        vec![events as f64, delivered as f64]
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[allow(dead_code)] // built as a cdylib for wasm; natively this only explains itself
fn main() {
    eprintln!("build for wasm32: make bench-model");
}

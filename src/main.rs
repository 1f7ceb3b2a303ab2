//! The trunk entry point: mounts the app in the browser.

// Talc instead of the standard library's dlmalloc: about 2 KB less wasm to
// download, and faster. Single-threaded wasm, so no lock is needed.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    #[cfg(target_arch = "wasm32")]
    mxviz::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("mxviz runs in the browser: use `make serve` and open http://127.0.0.1:8080");
}

//! `make bench-model`: events per second of the model, natively, on the
//! 10,000-message five-day-outage workload. The wasm figure comes from
//! `tests/bench/wasm-model.mjs` on the same workload.

use std::time::Instant;

fn main() {
    let messages: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    // One warm-up on a small run, then the measured one.
    mxviz::bench::run_outage(100);
    let t = Instant::now();
    let (events, delivered) = mxviz::bench::run_outage(messages);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "native: {messages} messages, {events} events in {secs:.2} s = {:.2} M events/s ({delivered} delivered)",
        events as f64 / secs / 1e6
    );
}

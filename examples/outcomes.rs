//! What became of each message in every preset, one line each:
//! `cargo run --example outcomes`.

use mxviz::model::report::outcomes;
use mxviz::text::{report::outcome_sentence, Lang};

fn main() {
    for p in mxviz::presets::PRESETS {
        let sim = p.simulate();
        println!("{} ({} events)", p.id, sim.trace().len());
        for o in outcomes(&sim) {
            println!("    {}", outcome_sentence(&o, Lang::En));
        }
    }
}

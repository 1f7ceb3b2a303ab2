//! Prints a preset's trace as the technical log and the narration:
//! `cargo run --example trace -- seed-story`.

use mxviz::text::narrate::Narrator;
use mxviz::text::Lang;

fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "seed-story".into());
    let Some(preset) = mxviz::presets::find(&id) else {
        eprintln!("no preset {id:?}; try one of:");
        for p in mxviz::presets::PRESETS {
            eprintln!("  {}", p.id);
        }
        std::process::exit(2);
    };
    let sim = preset.simulate();
    let narrator = Narrator::new(&sim, Lang::En);
    for ev in sim.trace() {
        let n = narrator.describe(ev);
        println!("{:>12}  {} → {}  {}", ev.at.to_string(), sim.host(ev.from).name, sim.host(ev.to).name, n.sentence);
        for line in n.technical.lines() {
            println!("{:>14}{line}", "");
        }
    }
}

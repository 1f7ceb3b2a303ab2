//! Prints a preset's trace as the technical log and the narration:
//! `cargo run --example trace -- seed-story`.

fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "seed-story".into());
    let Some(preset) = mxviz::model::presets::find(&id) else {
        eprintln!("no preset {id:?}; try one of:");
        for p in mxviz::model::presets::PRESETS {
            eprintln!("  {}", p.id);
        }
        std::process::exit(2);
    };
    let mut sim = mxviz::model::Simulation::new(preset.scenario()).expect("presets are valid");
    sim.run();
    for ev in sim.trace() {
        let n = sim.describe(ev);
        println!("{:>12}  {} → {}  {}", ev.at.to_string(), sim.host(ev.from).name, sim.host(ev.to).name, n.sentence);
        for line in n.technical.lines() {
            println!("{:>14}{line}", "");
        }
    }
}

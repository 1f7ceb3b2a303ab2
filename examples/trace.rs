//! Prints a preset's trace as the technical log and the narration:
//! `cargo run --example trace -- seed-story`; or its beats, as a reader
//! steps through them, with their reading time and key moments:
//! `cargo run --example trace -- seed-story --beats [--zh]`.

use mxviz::beats::{beats, Detail};
use mxviz::text::narrate::Narrator;
use mxviz::text::Lang;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let id = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "seed-story".into());
    let lang = if args.iter().any(|a| a == "--zh") { Lang::Zh } else { Lang::En };
    let Some(preset) = mxviz::presets::find(&id) else {
        eprintln!("no preset {id:?}; try one of:");
        for p in mxviz::presets::PRESETS {
            eprintln!("  {}", p.id);
        }
        std::process::exit(2);
    };
    let sim = preset.simulate();
    if args.iter().any(|a| a == "--beats") {
        let shown = mxviz::player::shown_events(&sim);
        for (b, beat) in beats(&sim, shown, Detail::Beats).iter().enumerate() {
            let sentence = mxviz::text::beats::sentence(&sim, beat, lang);
            let reading = mxviz::text::beats::reading_ms(&sentence) / 1000.0;
            let key = beat.key.map_or(String::new(), |k| format!(" [{k:?}: {}]", mxviz::text::beats::notice(k, lang)));
            println!("{b:>3} {:>10} events {:>3}..{:<3} {reading:>4.1}s{key}\n      {sentence}", sim.trace()[beat.first].at.to_string(), beat.first, beat.end);
        }
        return;
    }
    let narrator = Narrator::new(&sim, lang);
    for ev in sim.trace() {
        let n = narrator.describe(ev);
        println!("{:>12}  {} → {}  {}", ev.at.to_string(), sim.host(ev.from).name, sim.host(ev.to).name, n.sentence);
        for line in n.technical.lines() {
            println!("{:>14}{line}", "");
        }
    }
}

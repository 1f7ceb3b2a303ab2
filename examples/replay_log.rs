//! A pasted log replayed, for a developer: `cargo run --example replay_log -- FILE`
//! prints the world that explains it (as a scenario) and, for each line about a
//! recipient's fate, the model's event it matched or `unmatched`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: replay_log FILE");
    let text = std::fs::read_to_string(&path).expect("a readable file");
    let log = match mxviz::replay::read(&text) {
        Ok(log) => log,
        Err(e) => return eprintln!("not replayed: {e:?}"),
    };
    let r = match mxviz::replay::matching::replay(&log) {
        Ok(r) => r,
        Err(e) => return eprintln!("not replayed: {e:?}"),
    };
    println!("{}", serde_json::to_string_pretty(&r.explained.scenario).unwrap_or_default());
    let n = mxviz::text::narrate::Narrator::new(&r.sim, mxviz::text::Lang::En);
    for m in &r.matches {
        let line = text.lines().nth(m.line - 1).unwrap_or_default();
        match m.event {
            Some(i) => println!("matched   line {:>4}: {}\n          model: {}", m.line, line, n.describe(&r.sim.trace()[i]).technical),
            None => println!("unmatched line {:>4}: {}", m.line, line),
        }
    }
    println!("{} of {} lines matched", r.matched(), r.matches.len());
}

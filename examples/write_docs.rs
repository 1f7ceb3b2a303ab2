//! Rewrites docs/scenario.md from the presets: `cargo run --example write_docs`.

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/scenario.md");
    std::fs::write(path, mxviz::docs::scenario_md()).expect("docs/ is writable");
    println!("wrote {path}");
}

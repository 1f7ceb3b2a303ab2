//! The documentation's examples are real: docs/scenario.md is what the
//! presets generate and each of its scenarios runs; every link in
//! docs/embedding.md decodes.
#![cfg(not(target_arch = "wasm32"))]

use mxviz::model::Scenario;
use mxviz::player::simulate;
use std::fs;

fn read(path: &str) -> String {
    fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn json_blocks(md: &str) -> Vec<String> {
    md.split("```json\n").skip(1).map(|b| b.split("\n```").next().unwrap().to_string()).collect()
}

#[test]
fn scenario_md_is_current_and_every_example_runs() {
    let md = read("docs/scenario.md");
    assert!(md == mxviz::docs::scenario_md(), "docs/scenario.md is stale: run `cargo run --example write_docs`");
    let blocks = json_blocks(&md);
    assert_eq!(blocks.len(), mxviz::presets::PRESETS.len());
    for b in blocks {
        let s = Scenario::from_json(&b).expect("each example is a valid scenario");
        assert!(!simulate(s).unwrap().trace().is_empty());
    }
}

#[test]
fn embedding_md_links_and_options_decode() {
    let md = read("docs/embedding.md");
    let fragments: Vec<&str> = md.match_indices("#preset=").map(|(i, _)| {
        let rest = &md[i + 1..];
        rest.split(|c: char| c == '"' || c == '`' || c == ')' || c.is_whitespace()).next().unwrap()
    }).collect();
    assert!(fragments.len() >= 4, "{fragments:?}");
    for f in fragments {
        let f = f.replace("&amp;", "&");
        mxviz::link::decode(&f).unwrap_or_else(|e| panic!("{f}: {e:?}"));
    }
    let example = read("static/embed-example.html");
    assert_eq!(example.matches("<iframe").count(), 2);
    for (i, _) in example.match_indices("index.html#") {
        let f = example[i + 11..].split('"').next().unwrap().replace("&amp;", "&");
        let link = mxviz::link::decode(&f).unwrap();
        assert!(link.view.embed);
    }
}

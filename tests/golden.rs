//! Every preset's trace, hashed. A refactor must leave each hash as it is;
//! an issue that changes the model's behaviour on purpose updates the hashes
//! in `tests/golden/traces.txt` and says so in its commit.
//!
//! `MXVIZ_BLESS=1 cargo test --test golden` rewrites the file.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::run;
use mxviz::presets::PRESETS;
use sha2::{Digest, Sha256};
use std::fmt::Write;

const FILE: &str = "tests/golden/traces.txt";

fn hashes() -> String {
    let mut out = String::from("# preset id, events, sha256 of the Debug form of every event\n");
    for p in PRESETS {
        let sim = run(p.scenario());
        let mut h = Sha256::new();
        for ev in sim.trace() {
            h.update(format!("{ev:?}\n").as_bytes());
        }
        let digest: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        writeln!(out, "{} {} {}", p.id, sim.trace().len(), digest).unwrap();
    }
    out
}

#[test]
fn every_preset_trace_is_unchanged() {
    let now = hashes();
    if std::env::var_os("MXVIZ_BLESS").is_some() {
        std::fs::write(FILE, &now).unwrap();
        return;
    }
    let kept = std::fs::read_to_string(FILE).expect("tests/golden/traces.txt exists");
    let (kept_lines, now_lines): (Vec<_>, Vec<_>) = (kept.lines().collect(), now.lines().collect());
    let changed: Vec<String> = now_lines
        .iter()
        .filter(|l| !kept_lines.contains(l))
        .map(|l| l.to_string())
        .collect();
    assert!(changed.is_empty() && kept_lines.len() == now_lines.len(), "traces changed:\n{}", changed.join("\n"));
}

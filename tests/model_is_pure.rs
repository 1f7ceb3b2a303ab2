//! The model must stay plain Rust: no web crates, no clock, no unseeded RNG
//! (ARCHITECTURE.md, "Invariants"). This reads every file under src/model.

use std::fs;
use std::path::Path;

const FORBIDDEN: &[(&str, &str)] = &[
    ("yew", "the UI framework"),
    ("web_sys", "browser bindings"),
    ("js_sys", "JavaScript bindings"),
    ("gloo", "browser helpers"),
    ("wasm_bindgen", "JavaScript glue"),
    ("SystemTime", "a clock"),
    ("Instant", "a clock"),
    ("thread_rng", "an unseeded RNG"),
    ("rand::rng", "an unseeded RNG"),
    ("from_entropy", "an unseeded RNG"),
    ("OsRng", "an unseeded RNG"),
    ("getrandom", "an unseeded RNG"),
    ("Date::now", "a clock"),
    ("HashMap", "an iteration order that changes between runs"),
];

fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| {
        let t = l.trim_start();
        !(t.starts_with("//") || t.starts_with("///") || t.starts_with("//!"))
    })
}

fn is_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    })
}

/// Every `.rs` file below `dir`, the engine's submodules included.
fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn model_imports_no_web_crate_and_reads_no_clock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let mut files = 0;
    let mut offences = Vec::new();
    let mut paths = Vec::new();
    walk(&dir, &mut paths);
    for path in paths {
        {
            files += 1;
            let text = fs::read_to_string(&path).unwrap();
            for (n, line) in code_lines(&text) {
                for (word, what) in FORBIDDEN {
                    if is_word(line, word) {
                        offences.push(format!("{}:{}: {what} ({word}): {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(files >= 20, "found only {files} model files");
    assert!(offences.is_empty(), "the model must stay pure:\n{}", offences.join("\n"));
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(is_word("use yew::prelude::*;", "yew"));
    assert!(is_word("let t = web_sys::window();", "web_sys"));
    assert!(!is_word("let yewish = 1;", "yew"));
    assert!(code_lines("// uses gloo in a comment\nlet x = 1;").all(|(_, l)| !is_word(l, "gloo")));
}

//! The shape ARCHITECTURE.md promises: the model imports nothing outside
//! itself, no two modules import each other (directly or round a loop), and
//! no source file grows past about 600 lines.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 620;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/model/sim/mod.rs` is `model::sim`; `src/lib.rs` is the crate root "".
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
        parts.pop();
    }
    parts.join("::")
}

fn parent(module: &str) -> String {
    module.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string())
}

fn join(base: &str, rest: &str) -> String {
    if base.is_empty() { rest.to_string() } else { format!("{base}::{rest}") }
}

/// The paths a line names through `crate::` or `super::`, each as its list
/// of segments (a `{a, b::c}` group gives one path per member).
fn named_paths(line: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    for (start, is_crate) in line.match_indices("crate::").map(|(i, _)| (i, true)).chain(line.match_indices("super::").map(|(i, _)| (i, false))) {
        if line[..start].ends_with("::") || line[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        // "crate::" and "super::" are both seven bytes long.
        let rest = &line[start + 7..];
        let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':' || *c == '{' || *c == '}' || *c == ',' || *c == ' ').collect();
        let (head, group) = match path.split_once('{') {
            Some((h, g)) => (h.trim_end_matches("::").to_string(), Some(g.split('}').next().unwrap_or("").to_string())),
            None => (path.trim_end_matches("::").split(' ').next().unwrap_or("").to_string(), None),
        };
        let head: Vec<String> = head.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        match group {
            Some(g) => {
                for member in g.split(',') {
                    let mut p = head.clone();
                    p.extend(member.trim().split("::").filter(|s| !s.is_empty() && *s != "self").map(str::to_string));
                    out.push((is_crate, p));
                }
            }
            None => out.push((is_crate, head)),
        }
    }
    out
}

fn code(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter(|l| !l.trim_start().starts_with("//"))
}

struct Crate {
    /// Module → the modules its code names.
    edges: BTreeMap<String, BTreeSet<String>>,
    lines: Vec<(PathBuf, usize)>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let longest_module = |segments: &[String]| -> Option<String> {
        (1..=segments.len()).rev().map(|n| segments[..n].join("::")).find(|m| modules.contains(m))
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut lines = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        lines.push((file.clone(), text.lines().count()));
        let me = module_of(&src, file);
        for line in code(&text) {
            for (is_crate, segments) in named_paths(line) {
                let base = if is_crate { String::new() } else { parent(&me) };
                let full: Vec<String> = join(&base, &segments.join("::")).split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
                if let Some(target) = longest_module(&full)
                    && target != me
                    && !me.starts_with(&format!("{target}::"))
                {
                    edges.entry(me.clone()).or_default().insert(target);
                }
            }
        }
    }
    Crate { edges, lines }
}

/// One loop of modules that import each other, if there is any.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(m.to_string(), 1);
        stack.push(m.to_string());
        for next in edges.get(m).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| s == next).unwrap();
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(next, edges, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in edges.keys() {
        if state.get(m.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(m, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_two_modules_import_each_other() {
    let c = read_crate();
    assert!(c.edges.len() > 20, "the reader found only {} importing modules", c.edges.len());
    // The reader sees what is there: the text layer reads the model.
    assert!(c.edges.get("text::narrate").is_some_and(|t| t.iter().any(|m| m.starts_with("model::"))), "{:?}", c.edges.get("text::narrate"));
    if let Some(cycle) = find_cycle(&c.edges) {
        panic!("an import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_model_imports_nothing_outside_itself() {
    let c = read_crate();
    let outside: Vec<String> = c
        .edges
        .iter()
        .filter(|(m, _)| m.starts_with("model"))
        .flat_map(|(m, targets)| targets.iter().filter(|t| !t.starts_with("model")).map(move |t| format!("{m} → {t}")))
        .collect();
    assert!(outside.is_empty(), "the model must not depend on the rest: {outside:?}");
}

#[test]
fn no_source_file_is_over_about_600_lines() {
    let long: Vec<String> =
        read_crate().lines.iter().filter(|(_, n)| *n > MAX_LINES).map(|(f, n)| format!("{} ({n} lines)", f.display())).collect();
    assert!(long.is_empty(), "split these by responsibility: {long:?}");
}

#[test]
fn the_reader_finds_cycles_and_paths() {
    let mut e: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    e.entry("a".into()).or_default().insert("b".into());
    e.entry("b".into()).or_default().insert("c".into());
    assert!(find_cycle(&e).is_none());
    e.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&e).unwrap(), ["a", "b", "c", "a"]);
    let paths = named_paths("use super::{attempt::{Attempt}, Class, Simulation};");
    assert!(paths.iter().any(|(c, p)| !c && p[0] == "attempt"), "{paths:?}");
    assert_eq!(named_paths("use crate::model::edit::{self, Comparison};")[0].1[..2], ["model".to_string(), "edit".to_string()]);
}

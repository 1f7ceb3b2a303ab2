//! 100,000 hostile scenario files, as a reader might paste or drop them:
//! every preset's JSON with its values, keys and bytes mutated. None may
//! panic; each is either refused (a JSON error in words, or the field and the
//! rule it breaks) or accepted and runnable within the page's event cap.
//! The counts are printed (`make test` shows them).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::mutate;
use mxviz::model::scenario::FormatError;
use mxviz::model::Scenario;
use mxviz::player::{simulate, RunError};
use mxviz::presets::PRESETS;
use mxviz::text::{problems::format_error, Lang};
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};
use serde_json::Value;
use std::collections::BTreeMap;

const FILES: usize = 100_000;

fn pick<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[(rng.next_u32() as usize) % items.len()]
}

/// A hostile value of the same kind as `like`, mostly, so that the change
/// reaches the rules and not only the JSON parser; sometimes of any kind.
fn hostile_like(rng: &mut ChaCha8Rng, like: &Value) -> Value {
    let strings = ["", " ", "a..b", "-bad-.example", "192.0.2.1", "2001:db8::1", ".", "MX1.EXAMPLE.COM.", "x@y", "@", "bob@", "nobody@example.com"];
    match (like, rng.next_u32() % 4) {
        (Value::Number(_), 0) => Value::from(-1),
        (Value::Number(_), 1) => Value::from(70_000),
        (Value::Number(_), 2) => Value::from(3_000_000_000u64),
        (Value::Number(_), _) => Value::from(0),
        (Value::String(_), 3) => Value::from("y".repeat(70)),
        (Value::String(_), _) => Value::from(pick(rng, &strings).to_string()),
        _ => hostile(rng),
    }
}

/// A hostile value of any kind.
fn hostile(rng: &mut ChaCha8Rng) -> Value {
    let strings = ["", " ", "a..b", "-bad-.example", "192.0.2.1", "2001:db8::1", ".", "<script>alert(1)</script>", "☃.example", "x@y", "@", "bob@", "\u{0}"];
    match rng.next_u32() % 9 {
        0 => Value::from(-1),
        1 => Value::from(70_000),
        2 => Value::from(i64::MAX),
        3 => Value::from(1e300),
        4 => Value::from(pick(rng, &strings).to_string()),
        5 => Value::from("x".repeat(300)),
        6 => Value::Null,
        7 => Value::Array(vec![]),
        _ => Value::from(serde_json::Map::new()),
    }
}

/// Changes one place of the document: a leaf, a key, an array's length.
fn mutate_value(rng: &mut ChaCha8Rng, v: &mut Value, depth: u32) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = pick(rng, &keys).clone();
            match rng.next_u32() % 6 {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert("unexpected".into(), hostile(rng));
                }
                2 | 3 if depth < 6 => mutate_value(rng, map.get_mut(&key).unwrap(), depth + 1),
                _ => {
                    let v = if rng.next_u32().is_multiple_of(4) { hostile(rng) } else { hostile_like(rng, &map[&key]) };
                    map.insert(key, v);
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = (rng.next_u32() as usize) % items.len();
            match rng.next_u32() % 5 {
                0 => {
                    items.remove(i);
                }
                1 => {
                    let copy = items[i].clone();
                    items.push(copy);
                }
                2 if rng.next_u32().is_multiple_of(8) => {
                    // Many copies: the size limits must hold.
                    let copy = items[i].clone();
                    items.extend(std::iter::repeat_n(copy, 510));
                }
                _ if depth < 6 => mutate_value(rng, &mut items[i], depth + 1),
                _ => items[i] = hostile_like(rng, &items[i]),
            }
        }
        other => *other = hostile_like(rng, other),
    }
}

#[test]
fn a_hundred_thousand_hostile_scenario_files_are_refused_in_words_or_run() {
    let mut rng = ChaCha8Rng::seed_from_u64(20_261_130);
    let originals: Vec<Value> = PRESETS.iter().map(|p| serde_json::to_value(p.scenario()).unwrap()).collect();
    let (mut accepted, mut simulated) = (0, 0);
    let mut refusals: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..FILES {
        let mut doc = originals[i % originals.len()].clone();
        for _ in 0..=(rng.next_u32() % 3) {
            mutate_value(&mut rng, &mut doc, 0);
        }
        let mut text = doc.to_string();
        if i % 5 == 0 {
            text = mutate(&mut rng, &text);
        }
        match Scenario::from_json(&text) {
            Ok(s) => {
                accepted += 1;
                if simulated < 200 {
                    simulated += 1;
                    // Accepted means usable: it runs, or is refused by the cap in words.
                    if let Err(e) = simulate(s) {
                        assert!(matches!(e, RunError::TooManyEvents(_)), "{e:?}");
                    }
                }
            }
            Err(e) => {
                let words = format_error(&e, Lang::En);
                assert!(words.len() > 10 && words.len() < 2000, "{words}");
                let kind = match &e {
                    FormatError::Json(_) => "not the format's JSON".to_string(),
                    FormatError::Rule(err) => {
                        // The field is a path into the format, and the rule is named.
                        assert!(err.field.chars().next().is_some_and(|c| c.is_ascii_lowercase()), "{err:?}");
                        assert!(words.contains(&err.field) && words.contains('('), "{words}");
                        err.field.split(['[', '.']).next().unwrap_or_default().to_string()
                    }
                };
                *refusals.entry(kind).or_default() += 1;
            }
        }
    }
    println!("scenario fuzz: {FILES} hostile files, 0 panics, {accepted} accepted ({simulated} run), refused by field: {refusals:?}");
    for part in ["not the format's JSON", "zones", "servers", "messages", "timeline"] {
        assert!(refusals.get(part).is_some_and(|n| *n > 50), "too few refusals in {part}: {refusals:?}");
    }
    assert!(accepted > 1000, "accepted {accepted}");
}

//! Throws 100,000 random and mutated links at the decoder: none may panic,
//! every refusal is a sentence, and whatever is accepted can be simulated
//! within the page's event cap.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::mutate;

use mxviz::presets::PRESETS;
use mxviz::player::simulate;
use mxviz::link::{decode, encode, encode_scenario, Link, LinkError, Story};
use mxviz::player::RunError;
use mxviz::text::{problems::link_error, Lang};
use std::collections::BTreeMap;
use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

const CASES: usize = 100_000;

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[(rng.next_u32() as usize) % items.len()]
}

fn random_text(rng: &mut ChaCha8Rng) -> String {
    const PIECES: &[&str] = &[
        "preset=", "s=", "e=", "embed=", "theme=", "panels=", "autoplay=", "&", "=", "#", "%", "%00", "<script>", "\"", "\\",
        "null-mx", "seed-story", "dark", "1", "0", "-1", "99999999999999999999", "narration,log", "eyJ", "AAAA", "☃", "\u{0}", "==",
    ];
    let n = (rng.next_u32() % 12) as usize;
    (0..n).map(|_| pick(rng, PIECES).to_string()).collect()
}

/// A valid scenario link whose JSON is mutated before encoding, so that the
/// mutations reach the JSON parser and the validation, not just base64.
fn mutated_scenario(rng: &mut ChaCha8Rng) -> String {
    let p = &PRESETS[(rng.next_u32() as usize) % PRESETS.len()];
    let json = p.scenario().to_json();
    let json = mutate(rng, &json);
    format!("s={}", base64_url(&json))
}

fn base64_url(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

#[test]
fn a_hundred_thousand_hostile_links_never_panic() {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let valid: Vec<String> = PRESETS
        .iter()
        .map(|p| encode(&Link { story: Story::Scenario(Box::new(p.scenario())), events: Some(3), view: Default::default(), ignored: Vec::new() }))
        .collect();
    let (mut accepted, mut simulated) = (0, 0);
    let mut refusals: BTreeMap<&str, usize> = BTreeMap::new();
    for i in 0..CASES {
        let input = match i % 4 {
            0 => random_text(&mut rng),
            1 => mutate(&mut rng, &valid[i % valid.len()]),
            2 => mutated_scenario(&mut rng),
            _ => mutate(&mut rng, &format!("preset={}&e=5&theme=dark&panels=narration", PRESETS[i % PRESETS.len()].id)),
        };
        match decode(&input) {
            Ok(link) => {
                accepted += 1;
                // Whatever is accepted re-encodes to a link that reads the same
                // (less the fields it left out, which the new link has not).
                let kept = Link { ignored: Vec::new(), ..link.clone() };
                assert_eq!(decode(&encode(&link)), Ok(kept), "{input}");
                if let Story::Scenario(s) = link.story
                    && simulated < 300
                {
                    simulated += 1;
                    // Accepted means usable: it simulates, or is refused by the cap with a message.
                    if let Err(e) = simulate(*s) {
                        assert!(matches!(e, RunError::TooManyEvents(_)), "{e:?}");
                    }
                }
            }
            Err(e) => {
                let msg = link_error(&e, Lang::En);
                assert!(msg.len() > 10 && msg.len() < 400, "{msg}");
                // A refused scenario names the field it broke, as a path into the format.
                if let LinkError::BreaksARule(err) = &e {
                    assert!(err.field.chars().next().is_some_and(|c| c.is_ascii_lowercase()), "{err:?}");
                }
                let kind = match e {
                    LinkError::TooLong(_) => "too long",
                    LinkError::UnknownPreset(_) => "unknown preset",
                    LinkError::NotBase64 => "not base64",
                    LinkError::NotText | LinkError::NotJson(_) => "not a scenario's JSON",
                    LinkError::BreaksARule(_) => "breaks a rule",
                    LinkError::BadValue { .. } => "bad value",
                    LinkError::Both => "preset and scenario",
                    LinkError::NotALog(_) => "not a log",
                };
                *refusals.entry(kind).or_default() += 1;
            }
        }
    }
    println!("link fuzz: {CASES} links, {accepted} accepted, refused: {refusals:?}");
    // Each way of breaking a link was reached, so every refusal path ran.
    for kind in ["unknown preset", "not base64", "not a scenario's JSON", "breaks a rule", "bad value"] {
        assert!(refusals.get(kind).is_some_and(|n| *n > 10), "no link was refused as {kind}: {refusals:?}");
    }
    assert!(accepted > 100 && simulated > 100, "accepted {accepted}, simulated {simulated}");
}

#[test]
fn every_preset_as_a_full_scenario_link_replays_the_same_trace() {
    for p in PRESETS {
        let link = decode(&format!("s={}", encode_scenario(&p.scenario()))).unwrap();
        let Story::Scenario(s) = link.story else { panic!() };
        assert_eq!(simulate(*s).unwrap().trace(), simulate(p.scenario()).unwrap().trace(), "{}", p.id);
    }
}

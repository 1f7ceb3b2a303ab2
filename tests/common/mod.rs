//! Helpers shared by the native model tests.
#![allow(dead_code)]

use mxviz::presets;
use mxviz::model::state::MailFile;
use mxviz::model::{Event, EventKind, HostId, Scenario, Simulation};

pub fn preset(id: &str) -> Scenario {
    presets::find(id).unwrap_or_else(|| panic!("no preset {id}")).scenario()
}

pub fn run(s: Scenario) -> Simulation {
    let mut sim = Simulation::new(s.validate(mxviz::model::Limits::OUTSIDE).expect("valid scenario"));
    sim.run();
    sim
}

pub fn host(sim: &Simulation, name: &str) -> HostId {
    sim.host_id(name).unwrap_or_else(|| panic!("no host {name}"))
}

/// The files in `user`'s folder on `server` at the end.
pub fn folder(sim: &Simulation, server: &str, user: &str) -> Vec<MailFile> {
    let h = host(sim, server);
    sim.state().hosts[h as usize].mailboxes.get(user).cloned().unwrap_or_default()
}

pub fn all_files(sim: &Simulation, server: &str) -> usize {
    let h = host(sim, server);
    sim.state().hosts[h as usize].mailboxes.values().map(Vec::len).sum()
}

pub fn find(sim: &Simulation, pred: impl Fn(&Event) -> bool) -> Vec<&Event> {
    sim.trace().iter().filter(|e| pred(e)).collect()
}

pub fn count(sim: &Simulation, pred: impl Fn(&Event) -> bool) -> usize {
    sim.trace().iter().filter(|e| pred(e)).count()
}

/// Index of the first event matching, for "this happened before that".
pub fn first(sim: &Simulation, pred: impl Fn(&Event) -> bool) -> Option<usize> {
    sim.trace().iter().position(pred)
}

pub fn is_stored(e: &Event) -> bool {
    matches!(e.kind, EventKind::Stored { .. })
}
pub fn is_bounced(e: &Event) -> bool {
    matches!(e.kind, EventKind::Bounced { .. })
}
pub fn is_deferred(e: &Event) -> bool {
    matches!(e.kind, EventKind::Deferred { .. })
}

/// The error a scenario that breaks a rule gets.
pub fn rejected(s: Scenario) -> mxviz::model::ScenarioError {
    s.validate(mxviz::model::Limits::OUTSIDE).expect_err("must be rejected")
}

/// An error in the reader's words.
pub fn words(e: &mxviz::model::ScenarioError) -> String {
    mxviz::text::problems::scenario_error(e, mxviz::text::Lang::En)
}

/// A few random byte-level changes: cuts, swaps, insertions, deletions.
pub fn mutate(rng: &mut rand_chacha::ChaCha8Rng, s: &str) -> String {
    use rand_core::Rng;
    let mut b: Vec<u8> = s.as_bytes().to_vec();
    for _ in 0..=(rng.next_u32() % 4) {
        if b.is_empty() {
            break;
        }
        let i = (rng.next_u32() as usize) % b.len();
        match rng.next_u32() % 5 {
            0 => b.truncate(i),
            1 => b[i] = b"ABCxyz019-_=&+/!{}\"".as_slice()[(rng.next_u32() % 19) as usize],
            2 => {
                b.remove(i);
            }
            3 => b.insert(i, (rng.next_u32() % 128) as u8),
            _ => {
                let j = (rng.next_u32() as usize) % b.len();
                b.swap(i, j);
            }
        }
    }
    String::from_utf8_lossy(&b).into_owned()
}


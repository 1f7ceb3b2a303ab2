//! The benchmark workload, shared by the native and the wasm benchmark so
//! that both measure the same thing: many messages through a long outage of
//! the primary, with every retry of the backup's schedule.

use crate::model::scenario::{Action, Message, Scenario, TimedAction};
use crate::model::world::Limits;
use crate::model::Simulation;
use crate::presets::{default_scenario, MX1};

/// `messages` messages sent over the first hour while MX1 is down; MX1
/// comes back an hour before MX2's five-day queue lifetime ends.
pub fn outage_workload(messages: usize) -> Scenario {
    let mut s = default_scenario();
    s.messages = (0..messages)
        .map(|i| Message {
            at: 1.0 + 3600.0 * i as f64 / messages.max(1) as f64,
            from: "alice@alice.example".into(),
            to: vec!["bob@example.com".into()],
            subject: format!("Message {i}"),
            body: "Benchmark\n".into(),
            via: None,
        })
        .collect();
    s.timeline = vec![
        TimedAction { at: 0.0, action: Action::Down { host: MX1.into() } },
        TimedAction { at: 5.0 * 86_400.0 - 3600.0, action: Action::Up { host: MX1.into() } },
    ];
    s
}

/// Runs the workload to the end without keeping the trace; returns the
/// number of events and how many messages reached bob's folder.
pub fn run_outage(messages: usize) -> (u64, usize) {
    let world = outage_workload(messages).validate(Limits::PROGRAM).expect("the workload is valid");
    let sim = Simulation::new(world);
    let mut sim = sim.discard_trace();
    sim.run();
    let mx1 = sim.host_id(MX1).expect("MX1 exists");
    let stored = sim.state().hosts[mx1 as usize].mailboxes.values().map(Vec::len).sum();
    (sim.event_count(), stored)
}

//! What became of each message (the text layer words it).

use super::event::{EventKind, Reason, Via};
use super::sim::Simulation;
use super::state::Place;
use super::time::Time;

#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    Delivered { host: String, folder: String, at: Time },
    Bounced { by: String, at: Time, reason: Reason },
    Dropped,
    /// Still queued (a host that is down holds it).
    Queued { host: String },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub to: String,
    pub subject: String,
    pub fate: Fate,
    /// Hosts other than the sender that held it in their queue on the way.
    pub waited_at: Vec<String>,
}

/// One outcome per message and recipient that alice sent (bounces are
/// reported with the message they are about).
pub fn outcomes(sim: &Simulation) -> Vec<Outcome> {
    let state = sim.state();
    let name = |h: u16| sim.host(h).name.to_string();
    let mut out = Vec::new();
    for (i, e) in sim.envelopes().iter().enumerate() {
        if e.is_bounce() {
            continue;
        }
        let env = i as u32;
        let mut waited_at: Vec<String> = Vec::new();
        let mut fate = Fate::Dropped;
        for ev in sim.trace() {
            if ev.kind.env() != Some(env) {
                continue;
            }
            match &ev.kind {
                EventKind::Enqueued { via: Via::Smtp, .. } if !waited_at.contains(&name(ev.to)) => waited_at.push(name(ev.to)),
                EventKind::Stored { user, .. } => fate = Fate::Delivered { host: name(ev.to), folder: user.to_string(), at: ev.at },
                EventKind::Bounced { reason, .. } => {
                    fate = Fate::Bounced { by: name(ev.from), at: ev.at, reason: reason.clone() }
                }
                _ => {}
            }
        }
        if let Some(Place::Queued(h)) = state.place(env) {
            fate = Fate::Queued { host: name(h) };
        }
        out.push(Outcome { to: e.to.to_string(), subject: e.subject.to_string(), fate, waited_at });
    }
    out
}

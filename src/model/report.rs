//! What became of each message, and the trace as text or JSON for export.

use super::event::{EventKind, Via};
use super::sim::Simulation;
use super::state::Place;
use super::time::Time;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    Delivered { host: String, folder: String, at: Time },
    Bounced { by: String, at: Time, why: String },
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
                    fate = Fate::Bounced { by: name(ev.from), at: ev.at, why: super::narrate::reason_text(reason) }
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

impl Outcome {
    /// "bob@example.com: delivered to mx1.example.com /bob/ at T+1h 17m, after waiting at mx2.example.com"
    pub fn sentence(&self) -> String {
        let mut s = match &self.fate {
            Fate::Delivered { host, folder, at } => format!("{}: delivered by {host} into /{folder}/ at {at}", self.to),
            Fate::Bounced { by, at, why } => format!("{}: bounced by {by} at {at} ({why})", self.to),
            Fate::Dropped => format!("{}: lost track (dropped)", self.to),
            Fate::Queued { host } => format!("{}: still queued at {host}, which is down", self.to),
        };
        if !self.waited_at.is_empty() {
            s.push_str(&format!(", after waiting at {}", self.waited_at.join(" and ")));
        }
        s
    }
}

#[derive(Serialize)]
struct Exported<'a> {
    at_ms: u64,
    at: String,
    from: &'a str,
    to: &'a str,
    sentence: String,
    technical: String,
}

/// The whole trace as JSON: time, hosts, and both voices of each event.
pub fn trace_json(sim: &Simulation) -> String {
    let events: Vec<Exported> = sim
        .trace()
        .iter()
        .map(|ev| {
            let n = sim.describe(ev);
            Exported {
                at_ms: ev.at.millis(),
                at: ev.at.to_string(),
                from: &sim.host(ev.from).name,
                to: &sim.host(ev.to).name,
                sentence: n.sentence,
                technical: n.technical,
            }
        })
        .collect();
    serde_json::to_string_pretty(&events).expect("events serialise")
}

/// The technical log as plain text, one event per block.
pub fn trace_text(sim: &Simulation) -> String {
    let mut out = String::new();
    for ev in sim.trace() {
        let n = sim.describe(ev);
        out.push_str(&format!("{:>12}  {} -> {}\n", ev.at.to_string(), sim.host(ev.from).name, sim.host(ev.to).name));
        for line in n.technical.lines() {
            out.push_str(&format!("              {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets;

    fn run(id: &str) -> Simulation {
        let mut s = Simulation::new(presets::find(id).unwrap().scenario()).unwrap();
        s.run();
        s
    }

    #[test]
    fn outcomes_say_where_each_message_ended_and_waited() {
        let o = outcomes(&run("seed-story"));
        assert_eq!(o.len(), 1);
        assert!(matches!(&o[0].fate, Fate::Delivered { host, folder, .. } if host == "mx1.example.com" && folder == "bob"));
        assert_eq!(o[0].waited_at, ["mx2.example.com"]);
        assert_eq!(o[0].sentence(), "bob@example.com: delivered by mx1.example.com into /bob/ at T+1h 17m, after waiting at mx2.example.com");
        let o = outcomes(&run("null-mx"));
        assert!(o[0].sentence().contains("bounced by mail.alice.example"));
    }

    #[test]
    fn exports_hold_every_event() {
        let sim = run("greylisting");
        let v: serde_json::Value = serde_json::from_str(&trace_json(&sim)).unwrap();
        assert_eq!(v.as_array().unwrap().len(), sim.trace().len());
        assert!(trace_text(&sim).contains("S: 450 4.7.1 Greylisted"));
    }
}

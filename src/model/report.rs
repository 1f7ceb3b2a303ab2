//! What became of each message, and when (the text layer words it). The
//! stage's end card and the comparison read it; playback ends at the last
//! outcome.

use super::event::{EnvId, EventKind, Reason, Via};
use super::sim::Simulation;
use super::state::Place;
use super::time::Time;

#[derive(Clone, Debug, PartialEq)]
pub enum Fate {
    Delivered { host: String, folder: String, file: String, at: Time },
    Bounced { by: String, at: Time, reason: Reason },
    /// Given up without a bounce: a bounce that failed too, or a failure at
    /// a machine that sends no bounces.
    Dropped { by: String, at: Time, reason: Reason },
    /// Still queued at a host that is down: stuck since `since`.
    Stuck { host: String, since: Time },
}

impl Fate {
    /// When the message reached its end (or got stuck).
    pub fn at(&self) -> Time {
        match self {
            Fate::Delivered { at, .. } | Fate::Bounced { at, .. } | Fate::Dropped { at, .. } => *at,
            Fate::Stuck { since, .. } => *since,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub env: EnvId,
    pub to: String,
    pub subject: String,
    pub fate: Fate,
    /// Hosts other than the first that held it in their queue on the way.
    pub waited_at: Vec<String>,
    /// The second copy to end, of a message sent twice because a connection
    /// dropped after the body.
    pub duplicate: bool,
}

/// One outcome per message and recipient that was sent (bounces are
/// reported with the message they are about), in the order they ended.
pub fn outcomes(sim: &Simulation) -> Vec<Outcome> {
    let state = sim.state();
    let name = |h: u16| sim.host(h).name.to_string();
    let mut out = Vec::new();
    for (i, e) in sim.envelopes().iter().enumerate() {
        if e.is_bounce() {
            continue;
        }
        let env = i as EnvId;
        let mut waited_at: Vec<String> = Vec::new();
        let mut fate = None;
        let mut last = e.submitted;
        for ev in sim.trace().iter().filter(|ev| ev.kind.env() == Some(env)) {
            last = ev.at;
            match &ev.kind {
                EventKind::Enqueued { via: Via::Smtp, .. } if !waited_at.contains(&name(ev.to)) => waited_at.push(name(ev.to)),
                EventKind::Stored { user, file, .. } => {
                    fate = Some(Fate::Delivered { host: name(ev.to), folder: user.to_string(), file: file.to_string(), at: ev.at })
                }
                EventKind::Bounced { reason, .. } => fate = Some(Fate::Bounced { by: name(ev.from), at: ev.at, reason: reason.clone() }),
                EventKind::Dropped { reason, .. } => fate = Some(Fate::Dropped { by: name(ev.from), at: ev.at, reason: reason.clone() }),
                _ => {}
            }
        }
        let fate = match (state.place(env), fate) {
            (Some(Place::Queued(h)), _) => Fate::Stuck { host: name(h), since: last },
            (_, Some(f)) => f,
            // Not yet sent when the run ended: nothing to report.
            (_, None) => continue,
        };
        out.push(Outcome { env, to: e.to.to_string(), subject: e.subject.to_string(), fate, waited_at, duplicate: false });
    }
    // Pushed in envelope order: equal times stay in it.
    super::sort::sort_by_rank(&mut out, |o| o.fate.at().0 as u128);
    // Of a message and the copy a dropped line made of it, the one that
    // ends later is the second copy, whichever of the two it is: the server
    // that kept the body usually delivers before the sender tries again.
    let original = |env: EnvId| sim.envelopes()[env as usize].copy_of.unwrap_or(env);
    let mut seen = Vec::new();
    for o in &mut out {
        let first = original(o.env);
        o.duplicate = seen.contains(&first);
        seen.push(first);
    }
    out
}

/// When the last message reached its end: where a story's playback stops
/// (what follows is at most an epilogue of cache expiries).
pub fn last_outcome_at(sim: &Simulation) -> Option<Time> {
    outcomes(sim).iter().map(|o| o.fate.at()).max()
}

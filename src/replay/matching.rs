//! The log beside the model's run of the world that explains it: each
//! line about a recipient's fate paired with the model's event, or the
//! reason there is none.

use super::infer::{explain_world, retry_candidates, with_retry, Explained, InferError};
use crate::model::retry::PostfixQueue;
use super::parse::{Event, Line, Relay, Status};
use super::Log;
use crate::model::event::{Reason, Via};
use crate::model::{EventKind, Limits, Simulation};

/// How far apart a logged line and the model's event may be: the model's
/// fixed delays, Postfix taking a message up to a second early, whole-second logs.
pub const TOLERANCE_SECS: f64 = 3.0;

#[derive(Clone, Debug, PartialEq)]
pub struct LineMatch {
    /// The log line's number in the pasted text.
    pub line: usize,
    /// The index of the model's event in its trace, if one agrees.
    pub event: Option<usize>,
    /// When none agrees: how many seconds after the line (before, if
    /// negative) the model's nearest event of the same kind is, if it has one.
    pub nearest: Option<f64>,
}

/// A replayed log: the world, its run, and every fate line paired.
pub struct Replayed {
    pub explained: Explained,
    pub sim: Simulation,
    pub matches: Vec<LineMatch>,
}

impl Replayed {
    pub fn matched(&self) -> usize {
        self.matches.iter().filter(|m| m.event.is_some()).count()
    }
}

/// The lines a replay must explain: each recipient's fate at each try.
pub fn fate_lines(log: &Log) -> impl Iterator<Item = &Line> {
    log.lines.iter().filter(|l| matches!(l.event, Event::Delivery { .. } | Event::Expired { .. }))
}

/// Replays `log` with each retry setting of `retry_candidates()` and keeps
/// the run that agrees with the most lines (the first, Postfix's defaults,
/// on a tie).
pub fn replay(log: &Log) -> Result<Replayed, InferError> {
    Replaying::new(log.clone())?.finish().map(|(_, r)| r)
}

/// A replay taken one retry setting at a time, so that a page can paint
/// (and say how far it is) between the runs of a long log.
pub struct Replaying {
    log: Log,
    /// The world once; only the retry settings differ from one run to the next.
    world: Explained,
    candidates: Vec<PostfixQueue>,
    done: usize,
    best: Option<Replayed>,
}

impl Replaying {
    pub fn new(log: Log) -> Result<Replaying, InferError> {
        let world = explain_world(&log)?;
        Ok(Replaying { log, world, candidates: retry_candidates(), done: 0, best: None })
    }

    /// Runs the next retry setting; false once every one has run.
    pub fn step(&mut self) -> bool {
        let Some(q) = self.candidates.get(self.done) else { return false };
        self.done += 1;
        let mut explained = self.world.clone();
        with_retry(&mut explained.scenario, &self.log, q);
        if let Ok(world) = explained.scenario.validate(Limits::OUTSIDE) {
            let mut sim = Simulation::new(world);
            sim.run_capped(200_000);
            let matches = pair(&self.log, &explained, &sim, false);
            let r = Replayed { explained, sim, matches };
            if self.best.as_ref().is_none_or(|b| r.matched() > b.matched()) {
                self.best = Some(r);
            }
        }
        self.done < self.candidates.len()
    }

    /// (settings run, settings in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.candidates.len())
    }

    /// The log and the run that agrees best, once every setting has run.
    pub fn finish(mut self) -> Result<(Log, Replayed), InferError> {
        while self.step() {}
        // Where the model's nearest event is, for the lines it does not
        // reproduce: asked of the chosen run alone, a scan of its whole trace.
        let mut best = self.best.ok_or(InferError::NoSubmission)?;
        if best.matched() < best.matches.len() {
            best.matches = pair(&self.log, &best.explained, &best.sim, true);
        }
        Ok((self.log, best))
    }
}

/// Pairs each fate line with an event of the model's trace within
/// `TOLERANCE_SECS` of it; `nearest` also looks for the closest event of
/// its kind, at any time, for the lines without one.
fn pair(log: &Log, ex: &Explained, sim: &Simulation, nearest: bool) -> Vec<LineMatch> {
    let name = |syslog: &str| ex.machines.iter().find(|m| m.syslog == syslog).map(|m| m.name.clone()).unwrap_or_default();
    let trace = sim.trace();
    let mut used = vec![false; trace.len()];
    let mut out = Vec::new();
    for l in fate_lines(log) {
        let at = l.secs - ex.t0;
        let me = sim.host_id(&name(&l.host));
        let fits = |i: usize| {
            let ev = &trace[i];
            let to_is = |env: u32, r: &str| sim.envelope(env).to.to_string().eq_ignore_ascii_case(r);
            match (&l.event, &ev.kind) {
                (Event::Delivery { status: Status::Deferred, to, .. }, EventKind::Deferred { env, .. } | EventKind::Bounced { env, reason: Reason::Expired { .. }, .. }) => {
                    Some(ev.from) == me && to_is(*env, to)
                }
                (Event::Delivery { status: Status::Bounced, to, .. }, EventKind::Bounced { env, .. }) => Some(ev.from) == me && to_is(*env, to),
                (Event::Expired { .. }, EventKind::Bounced { reason: Reason::Expired { .. }, .. }) => Some(ev.from) == me,
                (Event::Delivery { status: Status::Sent, relay: Relay::Mailbox, to, .. }, EventKind::Stored { env, .. }) => Some(ev.to) == me && to_is(*env, to),
                (Event::Delivery { status: Status::Sent, relay: Relay::Host { host, .. }, to, .. }, EventKind::Enqueued { env, via: Via::Smtp } | EventKind::Stored { env, .. }) => {
                    Some(ev.from) == me && sim.host(ev.to).name.eq_ignore_ascii_case(host) && to_is(*env, to)
                }
                _ => false,
            }
        };
        // A hand-over to a final server is one event of the model (stored)
        // and two lines of the log (the sender's `sent`, the server's
        // delivery); a last deferral before the lifetime runs out is one
        // event (the bounce) and two lines (`deferred`, `expired`). The
        // line that is not the event's own does not use it up.
        let shares = matches!(&l.event, Event::Delivery { status: Status::Sent, relay: Relay::Host { .. }, .. } | Event::Delivery { status: Status::Deferred, .. });
        let off = |i: usize| trace[i].at.millis() as f64 / 1000.0 - at;
        let closest = |candidates: &mut dyn Iterator<Item = usize>| candidates.min_by(|&a, &b| off(a).abs().total_cmp(&off(b).abs()));
        // The trace is in time order: only the events within the tolerance are looked at.
        let ms = |secs: f64| (secs.max(0.0) * 1000.0) as u64;
        let from = trace.partition_point(|e| e.at.millis() < ms(at - TOLERANCE_SECS));
        let to = trace.partition_point(|e| e.at.millis() <= ms(at + TOLERANCE_SECS + 0.001));
        let found = closest(&mut (from..to.max(from)).filter(|&i| (shares || !used[i]) && off(i).abs() <= TOLERANCE_SECS && fits(i)));
        if let Some(i) = found.filter(|_| !shares) {
            used[i] = true;
        }
        let nearest = match found.is_none() && nearest {
            true => closest(&mut (0..trace.len()).filter(|&i| fits(i))).map(off),
            false => None,
        };
        out.push(LineMatch { line: l.number, event: found, nearest });
    }
    out
}

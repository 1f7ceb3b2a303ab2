//! The story in beats: what a reader steps through. The model's trace has
//! an event per packet (114 in the seed story); a reader follows ideas, so
//! the presentation groups the trace into beats with one sentence each:
//! a DNS lookup with the resolver's questions to the authority, the
//! addresses of the MX hosts and the plan made from them, an SMTP
//! conversation that goes as expected, a retry answered from the cache, a
//! connection nobody answers and the deferral after it.
//!
//! Some beats are *key moments* (the premise, the address split, the MX
//! answer, the first silence, the hand-over, the TTL running out, the
//! delivery): the chapters start there, and playback holds on them until
//! the reader continues. The first occurrence of each lesson is key; its
//! repeats (the third identical retry) are not.
//!
//! Derived from the trace only: the model and its trace do not change, the
//! technical log and the exports keep every event. Plain Rust, tested
//! natively. `Detail::Events` gives the old view, one beat per event.

use crate::model::dns::{Answer, RType};
use crate::model::event::Via;
use crate::model::host::HostKind;
use crate::model::mx::Plan;
use crate::model::smtp::Command;
use crate::model::{Event, EventKind, HostId, Simulation};

/// How finely the story is told: in beats (the default), or one step per
/// event, every packet (the link's `detail=events`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    #[default]
    Beats,
    Events,
}

/// What a beat shows; the indices are the trace's.
#[derive(Clone, Debug, PartialEq)]
pub enum BeatKind {
    /// One event, told by its own sentence.
    One { event: usize },
    /// A holder asks its resolver one question (the resolver's own questions
    /// to the authority included) and gets `answer`. `attempt`: the start of
    /// a retry that begins with this lookup.
    Lookup { query: usize, answer: usize, cached: bool, attempt: Option<usize> },
    /// The address of each MX host, and the list of hosts to try.
    Addresses { answers: Vec<usize>, cached: bool, plan: Option<usize> },
    /// A new try whose lookups were all answered from the resolver's cache.
    Retry { attempt: usize, answers: Vec<usize>, plan: Option<usize> },
    /// An SMTP conversation that goes as expected, up to the message itself.
    Talk { connect: usize, last: usize },
    /// A connection that nobody answers (or that is refused), and the
    /// deferral that follows it, if one does.
    NoAnswer { connect: usize, failure: usize, deferred: Option<usize> },
    /// A reply that says no (`reply`), and the deferral after it.
    Refusal { reply: usize, deferred: Option<usize> },
    /// The server takes the message (queued, or written as a file when
    /// `stored`) and says its final 250.
    Accepted { took: usize, reply: Option<usize>, stored: bool },
    /// Cached answers run out together.
    Expiry { count: usize },
}

/// The lessons a key moment teaches (each has a "what to notice" line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Key {
    /// A server goes down: the premise.
    Down,
    /// A server comes back.
    Up,
    /// Another change: a fault, a zone edit, a flush.
    Change,
    /// The address split into mailbox and domain.
    Split,
    /// The MX answer: host names and preferences.
    MxAnswer,
    /// A lookup that failed (NXDOMAIN, SERVFAIL, no answer, null MX).
    DnsFailed,
    /// The addresses of the MX hosts and the order to try them.
    Addresses,
    /// A backup MX drops itself and worse hosts from the list.
    DropsItself,
    /// A server that does not answer at all.
    Silent,
    /// A machine that refuses the connection.
    Refused,
    /// A server that says no (4xx or 5xx).
    Said,
    /// The message is kept and tried again later.
    Deferred,
    /// A relay (a backup MX) takes the message into its queue.
    Accepted,
    /// The resolver answers from its cache what it stored before the zone
    /// changed: the old answer.
    Stale,
    /// Cached answers run out.
    TtlOut,
    /// A server that said "later" (4xx) takes the message at the next try.
    LaterWorks,
    /// A relay hands the message on to the next server.
    Forward,
    /// The final server writes the `.eml` file.
    Delivered,
    /// The message is given up: a bounce, or a bounce dropped.
    Bounced,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Beat {
    /// The beat covers events `first..end` of the trace.
    pub first: usize,
    pub end: usize,
    pub kind: BeatKind,
    /// The event the beat is about (its message, its rule, its host).
    pub lead: usize,
    pub key: Option<Key>,
}

impl Beat {
    pub fn events(&self) -> std::ops::Range<usize> {
        self.first..self.end
    }

    /// The event the stage shows once the beat has played: what its
    /// sentence is about (the 250 of a hand-over, not the QUIT after it).
    pub fn headline(&self) -> usize {
        match &self.kind {
            BeatKind::One { event } => *event,
            BeatKind::Lookup { answer, .. } => *answer,
            BeatKind::Addresses { plan: Some(p), .. } | BeatKind::Retry { plan: Some(p), .. } => *p,
            BeatKind::Addresses { answers, .. } | BeatKind::Retry { answers, .. } => answers.last().copied().unwrap_or(self.end - 1),
            BeatKind::Talk { last, .. } => *last,
            BeatKind::NoAnswer { failure, .. } => *failure,
            BeatKind::Refusal { reply, .. } => *reply,
            // A hand-over is its 250; a delivery, the file written (its sentence's subject).
            BeatKind::Accepted { took, reply, stored } => reply.filter(|_| !stored).unwrap_or(*took),
            BeatKind::Expiry { .. } => self.first,
        }
    }
}

fn one(i: usize) -> Beat {
    Beat { first: i, end: i + 1, kind: BeatKind::One { event: i }, lead: i, key: None }
}

/// The beats of the first `shown` events of `sim`'s trace.
pub fn beats(sim: &Simulation, shown: usize, detail: Detail) -> Vec<Beat> {
    let trace = &sim.trace()[..shown.min(sim.trace().len())];
    let mut out = match detail {
        Detail::Events => (0..trace.len()).map(one).collect(),
        Detail::Beats => group(sim, trace),
    };
    mark_keys(sim, trace, &mut out);
    out
}

/// The index of the beat that contains event `i`.
pub fn beat_of(beats: &[Beat], i: usize) -> Option<usize> {
    let b = beats.partition_point(|b| b.end <= i);
    (b < beats.len() && beats[b].first <= i).then_some(b)
}

fn is_resolver(sim: &Simulation, h: HostId) -> bool {
    sim.host(h).kind == HostKind::Resolver
}

/// Events that belong to whatever beat is open: the goodbye of a
/// conversation, the resolver noting what it caches.
fn is_minor(ev: &Event) -> bool {
    matches!(
        ev.kind,
        EventKind::Command { command: Command::Quit, .. }
            | EventKind::Reply { after: Some(Command::Quit), .. }
            | EventKind::Cached { .. }
            | EventKind::NotCached { .. }
    )
}

/// Where the lookup that `trace[q]` starts ends (the answer back to the
/// asker), and whether the resolver answered it from its cache.
fn lookup_end(trace: &[Event], q: usize) -> (usize, bool) {
    let ev = &trace[q];
    let EventKind::DnsQuery { env, name, rtype } = &ev.kind else { return (q, false) };
    let mut cached = false;
    for (j, later) in trace.iter().enumerate().skip(q + 1) {
        match &later.kind {
            EventKind::CacheHit { name: n, rtype: t, .. } if n == name && t == rtype => cached = true,
            EventKind::DnsAnswer { env: e, name: n, rtype: t, .. } if later.to == ev.from && e == env && n == name && t == rtype => {
                return (j, cached);
            }
            _ => {}
        }
    }
    (trace.len() - 1, cached)
}

/// How an SMTP connection from `trace[c]` goes on: the last event of the
/// conversation told as one beat, and what stopped it.
enum TalkEnd {
    /// The connection failed (timed out or refused) at this event.
    Failed(usize),
    /// Went as expected up to this event; the next of the pair is something else.
    Until(usize),
}

/// Whether `ev` is the submission or the first attempt of a recipient whose
/// message has an earlier recipient at the same domain: the first one's
/// sentence names them all.
fn joins_first_recipient(sim: &Simulation, ev: &Event) -> bool {
    let env = match ev.kind {
        EventKind::Enqueued { env, via: Via::Submission } | EventKind::AttemptStarted { env, attempt: 1 } => env,
        _ => return false,
    };
    sim.fellow_recipients(env).first().is_some_and(|&f| f < env)
}

fn talk_end(sim: &Simulation, trace: &[Event], c: usize) -> TalkEnd {
    let ev = &trace[c];
    let (client, server) = (ev.from, ev.to);
    let env = ev.kind.env();
    // The session carries the message's other recipients at that domain too.
    let fellows = env.map(|e| sim.fellow_recipients(e)).unwrap_or_default();
    let mut last = c;
    for (j, later) in trace.iter().enumerate().skip(c + 1) {
        let pair = (later.from == client && later.to == server) || (later.from == server && later.to == client);
        let ours = later.kind.env() == env || later.kind.env().is_some_and(|e| fellows.contains(&e));
        let own = ours && (pair || later.from == client);
        if !own {
            continue;
        }
        match &later.kind {
            EventKind::ConnectTimedOut { .. } | EventKind::ConnectRefused { .. } if last == c => return TalkEnd::Failed(j),
            EventKind::Reply { reply, after, .. } if reply.is_success() && *after != Some(Command::Body) => last = j,
            // One recipient refused among several: the session goes on.
            EventKind::Reply { after: Some(Command::RcptTo), .. } if !fellows.is_empty() => last = j,
            EventKind::Command { command, .. } if *command != Command::Quit => last = j,
            _ => return TalkEnd::Until(last),
        }
    }
    TalkEnd::Until(last)
}

/// The first event after `i` (skipping minor ones) if it is a deferral of
/// `env` at the same moment.
fn deferral_after(trace: &[Event], i: usize) -> Option<usize> {
    let env = trace[i].kind.env();
    let at = trace[i].at;
    trace
        .iter()
        .enumerate()
        .skip(i + 1)
        .find(|(_, e)| !is_minor(e))
        .filter(|(_, e)| e.at == at && matches!(e.kind, EventKind::Deferred { .. }) && e.kind.env() == env)
        .map(|(j, _)| j)
}

/// Is `beats.last()` a try whose lookups came from the cache so far, by `holder`?
fn open_retry<'a>(beats: &'a mut [Beat], holder: HostId, trace: &[Event]) -> Option<&'a mut Beat> {
    beats.last_mut().filter(|b| matches!(b.kind, BeatKind::Retry { plan: None, .. }) && trace[b.lead].from == holder)
}

fn group(sim: &Simulation, trace: &[Event]) -> Vec<Beat> {
    let mut out: Vec<Beat> = Vec::new();
    // The story's first split is a beat of its own; later tries group with their lookups.
    let mut split_told = false;
    let mut i = 0;
    while i < trace.len() {
        let ev = &trace[i];
        // A minor event joins the beat before it, and so does a message's
        // second or third recipient joining its first (told together).
        if (is_minor(ev) || joins_first_recipient(sim, ev)) && let Some(last) = out.last_mut() {
            last.end = i + 1;
            i += 1;
            continue;
        }
        let beat = match &ev.kind {
            EventKind::AttemptStarted { attempt, .. } if !split_told || (*attempt == 1 && ev.from == sim.sender()) => {
                split_told = true;
                one(i)
            }
            EventKind::AttemptStarted { .. } => {
                Beat { first: i, end: i + 1, kind: BeatKind::Retry { attempt: i, answers: Vec::new(), plan: None }, lead: i, key: None }
            }
            EventKind::DnsQuery { rtype, .. } if is_resolver(sim, ev.to) && !is_resolver(sim, ev.from) => {
                let (end, cached) = lookup_end(trace, i);
                let holder = ev.from;
                // A lookup the cache answers joins the try it belongs to.
                if cached && let Some(retry) = open_retry(&mut out, holder, trace) {
                    if let BeatKind::Retry { answers, .. } = &mut retry.kind {
                        answers.push(end);
                    }
                    retry.end = end + 1;
                    i = end + 1;
                    continue;
                }
                let address = matches!(rtype, RType::A | RType::AAAA);
                if address
                    && let Some(last) = out.last_mut()
                    && let BeatKind::Addresses { answers, cached: all, plan: None } = &mut last.kind
                    && trace[last.lead].from == holder
                {
                    answers.push(end);
                    *all &= cached;
                    last.end = end + 1;
                    i = end + 1;
                    continue;
                }
                // A retry that has to ask the authority again starts with this lookup.
                let attempt = match out.last() {
                    Some(b) if matches!(b.kind, BeatKind::Retry { ref answers, .. } if answers.is_empty()) && trace[b.lead].from == holder => {
                        out.pop().map(|b| b.first)
                    }
                    _ => None,
                };
                let first = attempt.unwrap_or(i);
                let kind = if address && attempt.is_none() {
                    BeatKind::Addresses { answers: vec![end], cached, plan: None }
                } else {
                    BeatKind::Lookup { query: i, answer: end, cached, attempt }
                };
                Beat { first, end: end + 1, kind, lead: i, key: None }
            }
            EventKind::Planned { .. } | EventKind::HostSkipped { .. } | EventKind::HostIsAlias { .. } => {
                let joins = out.last_mut().filter(|b| {
                    trace[b.lead].from == ev.from
                        && matches!(b.kind, BeatKind::Addresses { plan: None, .. } | BeatKind::Retry { plan: None, .. } | BeatKind::Lookup { .. })
                });
                match joins {
                    Some(b) => {
                        if matches!(ev.kind, EventKind::Planned { .. }) {
                            match &mut b.kind {
                                BeatKind::Addresses { plan, .. } | BeatKind::Retry { plan, .. } => *plan = Some(i),
                                // An implicit MX or a null MX: the plan follows the MX answer itself.
                                _ => b.kind = BeatKind::Addresses { answers: Vec::new(), cached: true, plan: Some(i) },
                            }
                        }
                        b.end = i + 1;
                        i += 1;
                        continue;
                    }
                    None if matches!(ev.kind, EventKind::Planned { .. }) => {
                        Beat { first: i, end: i + 1, kind: BeatKind::Addresses { answers: Vec::new(), cached: true, plan: Some(i) }, lead: i, key: None }
                    }
                    None => one(i),
                }
            }
            EventKind::Connect { .. } => match talk_end(sim, trace, i) {
                TalkEnd::Failed(f) => {
                    let deferred = deferral_after(trace, f);
                    let end = deferred.unwrap_or(f) + 1;
                    Beat { first: i, end, kind: BeatKind::NoAnswer { connect: i, failure: f, deferred }, lead: i, key: None }
                }
                TalkEnd::Until(last) if last == i => one(i),
                TalkEnd::Until(last) => Beat { first: i, end: last + 1, kind: BeatKind::Talk { connect: i, last }, lead: i, key: None },
            },
            EventKind::Reply { reply, .. } if !reply.is_success() => {
                let deferred = deferral_after(trace, i);
                let end = deferred.unwrap_or(i) + 1;
                Beat { first: i, end, kind: BeatKind::Refusal { reply: i, deferred }, lead: i, key: None }
            }
            EventKind::ConnectionLost { .. } => {
                let deferred = deferral_after(trace, i);
                let end = deferred.unwrap_or(i) + 1;
                Beat { first: i, end, kind: BeatKind::Refusal { reply: i, deferred }, lead: i, key: None }
            }
            EventKind::Enqueued { via: Via::Smtp, .. } | EventKind::Stored { .. } if ev.from != ev.to => {
                // The final 250 that goes with it, if it is next.
                let reply = trace.get(i + 1).and_then(|r| match &r.kind {
                    EventKind::Reply { reply, after: Some(Command::Body), .. } if reply.is_success() && r.to == ev.from => Some(i + 1),
                    _ => None,
                });
                let end = reply.unwrap_or(i) + 1;
                let stored = matches!(ev.kind, EventKind::Stored { .. });
                Beat { first: i, end, kind: BeatKind::Accepted { took: i, reply, stored }, lead: i, key: None }
            }
            EventKind::CacheExpired { .. } => {
                // Records cached together run out together (within a second or so).
                let count = trace[i..]
                    .iter()
                    .take_while(|e| matches!(e.kind, EventKind::CacheExpired { .. }) && e.at.since(ev.at) <= 2_000 && e.from == ev.from)
                    .count();
                Beat { first: i, end: i + count, kind: BeatKind::Expiry { count }, lead: i, key: None }
            }
            _ => one(i),
        };
        i = beat.end;
        out.push(beat);
    }
    out
}

/// Whether the SMTP session opened at `trace[connect]` ends with the
/// server's 250 to the message itself.
fn session_accepted(trace: &[Event], connect: usize) -> bool {
    let c = &trace[connect];
    let (client, server, env) = (c.from, c.to, c.kind.env());
    for ev in &trace[connect + 1..] {
        if ev.kind.env() != env {
            continue;
        }
        match &ev.kind {
            EventKind::Reply { reply, after, .. } if ev.from == server && ev.to == client => {
                if !reply.is_success() {
                    return false;
                }
                if *after == Some(Command::Body) {
                    return true;
                }
            }
            EventKind::ConnectionLost { .. } | EventKind::ConnectTimedOut { .. } | EventKind::ConnectRefused { .. } => return false,
            EventKind::Connect { .. } if ev.from == client => return false,
            _ => {}
        }
    }
    false
}

/// The key moments: the first time each lesson is shown.
fn mark_keys(sim: &Simulation, trace: &[Event], beats: &mut [Beat]) {
    let mut seen: Vec<(Key, HostId)> = Vec::new();
    let mut first = |key: Key, host: HostId| {
        let new = !seen.contains(&(key, host));
        if new {
            seen.push((key, host));
        }
        new.then_some(key)
    };
    let mut split_seen = false;
    // When each zone last changed, and which servers said "later" to whom.
    let mut zone_changed: Vec<crate::model::Time> = Vec::new();
    let mut said_later: Vec<(HostId, HostId)> = Vec::new();
    for b in beats.iter_mut() {
        for ev in &trace[b.events()] {
            if matches!(ev.kind, EventKind::ZoneChanged { .. }) {
                zone_changed.push(ev.at);
            }
        }
        let lead = &trace[b.lead];
        b.key = match &b.kind {
            BeatKind::One { event } => match &trace[*event].kind {
                EventKind::HostDown => Some(Key::Down),
                EventKind::HostUp => Some(Key::Up),
                EventKind::FaultSet { .. } | EventKind::ZoneChanged { .. } | EventKind::CacheFlushed => Some(Key::Change),
                EventKind::AttemptStarted { .. } if !split_seen => {
                    split_seen = true;
                    Some(Key::Split)
                }
                EventKind::Bounced { .. } | EventKind::Dropped { .. } => Some(Key::Bounced),
                EventKind::Deferred { .. } => first(Key::Deferred, lead.from),
                _ => None,
            },
            BeatKind::Lookup { cached: true, .. } if stale(trace, b, &zone_changed) => first(Key::Stale, 0),
            BeatKind::Lookup { answer, .. } => match &trace[*answer].kind {
                EventKind::DnsAnswer { answer: Answer::Records(rrs), .. } if rrs.iter().any(|r| r.is_null_mx()) => Some(Key::DnsFailed),
                EventKind::DnsAnswer { answer: Answer::Records(_), rtype: RType::MX, .. } => first(Key::MxAnswer, 0),
                EventKind::DnsAnswer { answer: Answer::Records(_), .. } => None,
                EventKind::DnsAnswer { .. } => first(Key::DnsFailed, 0),
                _ => None,
            },
            BeatKind::Addresses { plan, .. } | BeatKind::Retry { plan, .. } => {
                let drops = plan.is_some_and(|p| matches!(&trace[p].kind, EventKind::Planned { plan: Plan::Try { pruned_from: Some(_), .. }, .. }));
                let special = plan.is_some_and(|p| matches!(&trace[p].kind, EventKind::Planned { plan: Plan::NullMx | Plan::LoopsToSelf, .. }));
                if drops {
                    first(Key::DropsItself, lead.from)
                } else if special {
                    Some(Key::DnsFailed)
                } else if matches!(b.kind, BeatKind::Addresses { .. }) {
                    first(Key::Addresses, 0)
                } else {
                    None
                }
            }
            // Only a try that gets the message through: a retry taken before
            // the greylisting delay has passed is told "later" again.
            BeatKind::Talk { connect, .. } if said_later.contains(&(trace[*connect].to, trace[*connect].from)) && session_accepted(trace, *connect) => {
                first(Key::LaterWorks, trace[*connect].to)
            }
            BeatKind::Talk { connect, .. } => {
                let c = &trace[*connect];
                // A relay passing the message on: the forward.
                (c.from != sim.sender() && sim.host(c.from).kind == HostKind::Mail && sim.host(c.from).role != crate::model::host::Role::Client)
                    .then(|| first(Key::Forward, c.to))
                    .flatten()
            }
            BeatKind::NoAnswer { failure, deferred, .. } => {
                let f = &trace[*failure];
                let server = trace[b.first].to;
                let key = if matches!(f.kind, EventKind::ConnectRefused { .. }) { Key::Refused } else { Key::Silent };
                first(key, server).or_else(|| deferred.and_then(|d| first(Key::Deferred, trace[d].from)))
            }
            BeatKind::Refusal { reply, deferred } => {
                if let EventKind::Reply { reply: r, .. } = &trace[*reply].kind
                    && r.is_temporary()
                {
                    let pair = (trace[*reply].from, trace[*reply].to);
                    if !said_later.contains(&pair) {
                        said_later.push(pair);
                    }
                }
                first(Key::Said, lead.from).or_else(|| deferred.and_then(|d| first(Key::Deferred, trace[d].from)))
            }
            BeatKind::Accepted { took, .. } => match &trace[*took].kind {
                EventKind::Stored { .. } => first(Key::Delivered, 0),
                _ => first(Key::Accepted, trace[*took].to),
            },
            BeatKind::Expiry { .. } => first(Key::TtlOut, lead.from),
        };
    }
}

/// Whether a cached lookup's answer was stored before a zone change that
/// has happened since: the resolver serves the old answer.
fn stale(trace: &[Event], beat: &Beat, zone_changed: &[crate::model::Time]) -> bool {
    trace[beat.events()].iter().any(|e| match &e.kind {
        EventKind::CacheHit { elapsed_secs, .. } => {
            let stored = crate::model::Time(e.at.millis().saturating_sub(u64::from(*elapsed_secs) * 1000));
            zone_changed.iter().any(|&t| t > stored && t <= e.at)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed story's whole trace (the player plays it up to the outcome).
    fn seed() -> (Simulation, usize) {
        let sim = crate::presets::PRESETS[0].simulate();
        let shown = sim.trace().len();
        (sim, shown)
    }

    #[test]
    fn beats_cover_the_trace_in_order_without_gaps() {
        for p in crate::presets::PRESETS {
            let sim = p.simulate();
            let shown = sim.trace().len();
            for detail in [Detail::Beats, Detail::Events] {
                let bs = beats(&sim, shown, detail);
                assert_eq!(bs.first().map(|b| b.first), Some(0), "{}", p.id);
                assert_eq!(bs.last().map(|b| b.end), Some(shown), "{}", p.id);
                for w in bs.windows(2) {
                    assert_eq!(w[0].end, w[1].first, "{}: beats touch", p.id);
                }
                assert!(bs.iter().all(|b| b.first < b.end && b.events().contains(&b.lead)), "{}", p.id);
            }
        }
    }

    #[test]
    fn the_seed_story_has_a_beat_for_each_lesson() {
        let (sim, shown) = seed();
        let bs = beats(&sim, shown, Detail::Beats);
        assert_eq!(beats(&sim, shown, Detail::Events).len(), shown);
        let keys: Vec<Key> = bs.iter().filter_map(|b| b.key).collect();
        for k in [Key::Down, Key::Split, Key::MxAnswer, Key::Addresses, Key::Silent, Key::Accepted, Key::DropsItself, Key::TtlOut, Key::Up, Key::Forward, Key::Delivered] {
            assert!(keys.contains(&k), "{k:?} is a key moment of the seed story: {keys:?}");
        }
        // Each lesson once: MX2's identical retries are not key moments.
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), keys.len(), "{keys:?}");
    }

    #[test]
    fn a_retry_answered_from_the_cache_is_one_beat() {
        let (sim, shown) = seed();
        let bs = beats(&sim, shown, Detail::Beats);
        let retries: Vec<&Beat> = bs.iter().filter(|b| matches!(b.kind, BeatKind::Retry { .. })).collect();
        assert!(retries.len() >= 2, "{bs:#?}");
        for r in retries {
            let BeatKind::Retry { answers, plan, .. } = &r.kind else { unreachable!() };
            assert_eq!(answers.len(), 3, "the MX and two addresses");
            assert!(plan.is_some());
        }
    }
}

//! The story in chapters: each DNS lookup, each SMTP conversation, each
//! wait, each delivery or bounce, each change a reader or the timeline made.
//! The timeline shows them as labelled markers and the reader can jump from
//! one to the next. Derived from the trace and the schedule only.
//!
//! Plain Rust, tested natively.

use crate::model::event::Via;
use crate::model::{Event, EventKind, HostId, Time};
use crate::playback::{Schedule, SlotKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterKind {
    /// The holder splits the address and starts a try.
    Attempt { attempt: u32 },
    /// Questions to the resolver (and its questions to authorities).
    Dns,
    /// A connection and its SMTP conversation.
    Smtp,
    /// A fast-forward over quiet time.
    Wait { skipped: Time },
    /// A message enters a queue (a submission, a hand-over, a bounce).
    Queued,
    Deferred,
    Delivered,
    Bounced,
    /// Cached answers run out.
    Expiry,
    /// A server goes down or up, gets a fault, a zone changes, a cache is flushed.
    Change,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chapter {
    pub kind: ChapterKind,
    /// The host it is about (the holder, the client, the server changed).
    pub host: HostId,
    /// Where it starts in playback, and the model's clock there.
    pub pos: f64,
    pub at: Time,
}

fn kind_of(ev: &Event) -> Option<ChapterKind> {
    use EventKind::*;
    Some(match &ev.kind {
        AttemptStarted { attempt, .. } => ChapterKind::Attempt { attempt: *attempt },
        DnsQuery { .. } | CacheHit { .. } | DnsAnswer { .. } | Cached { .. } | NotCached { .. } | DnsTimedOut { .. }
        | HostSkipped { .. } | HostIsAlias { .. } | Planned { .. } => ChapterKind::Dns,
        Connect { .. } | ConnectRefused { .. } | ConnectTimedOut { .. } | Command { .. } | Reply { .. } | ConnectionLost { .. } => {
            ChapterKind::Smtp
        }
        Enqueued { via: Via::Smtp, .. } => return None, // part of the conversation that handed it over
        Enqueued { .. } => ChapterKind::Queued,
        Deferred { .. } => ChapterKind::Deferred,
        Stored { .. } => ChapterKind::Delivered,
        Bounced { .. } | Dropped { .. } => ChapterKind::Bounced,
        CacheExpired { .. } => ChapterKind::Expiry,
        CacheFlushed | HostDown | HostUp | FaultSet { .. } | ZoneChanged { .. } => ChapterKind::Change,
    })
}

/// Who a chapter is about: the client of a conversation, the host of a change.
fn host_of(ev: &Event) -> HostId {
    match ev.kind {
        EventKind::Reply { .. } | EventKind::ConnectionLost { .. } | EventKind::ConnectRefused { .. } => ev.to,
        EventKind::Enqueued { .. } | EventKind::Stored { .. } => ev.to,
        _ => ev.from,
    }
}

/// The chapters of the first `schedule.event_slot.len()` events of `trace`.
pub fn chapters(trace: &[Event], schedule: &Schedule) -> Vec<Chapter> {
    let mut out: Vec<Chapter> = Vec::new();
    for slot in &schedule.slots {
        match slot.kind {
            SlotKind::Wait { from, to, .. } => {
                out.push(Chapter { kind: ChapterKind::Wait { skipped: Time(to.since(from)) }, host: 0, pos: slot.start, at: from });
            }
            SlotKind::Event(i) => {
                let ev = &trace[i];
                let Some(kind) = kind_of(ev) else { continue };
                let host = host_of(ev);
                // A run of one kind is one chapter; an attempt's DNS follows its start.
                let continues = out.last().is_some_and(|c| {
                    c.kind == kind && !matches!(kind, ChapterKind::Attempt { .. })
                        || (kind == ChapterKind::Dns && matches!(c.kind, ChapterKind::Attempt { .. }))
                });
                if !continues {
                    out.push(Chapter { kind, host, pos: slot.start, at: ev.at });
                }
            }
        }
    }
    out
}

/// The chapter playing at `pos`.
pub fn current(chapters: &[Chapter], pos: f64) -> Option<usize> {
    chapters.partition_point(|c| c.pos <= pos).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_story_reads_as_chapters() {
        let sim = crate::presets::PRESETS[0].simulate();
        let schedule = Schedule::build(sim.trace());
        let ch = chapters(sim.trace(), &schedule);
        let kinds: Vec<ChapterKind> = ch.iter().map(|c| c.kind).collect();
        // Alice's send, the first try (DNS then SMTP), the wait of the connect timeout…
        assert_eq!(kinds[0], ChapterKind::Change, "MX1 goes down first");
        assert!(kinds.contains(&ChapterKind::Dns) && kinds.contains(&ChapterKind::Smtp));
        assert!(kinds.iter().any(|k| matches!(k, ChapterKind::Wait { skipped } if skipped.secs() >= 29 && skipped.secs() <= 31)));
        assert!(kinds.contains(&ChapterKind::Expiry) && kinds.contains(&ChapterKind::Delivered));
        assert!(ch.windows(2).all(|w| w[0].pos < w[1].pos), "in playback order");
        assert_eq!(current(&ch, 0.0), Some(0));
        assert_eq!(current(&ch, schedule.total), Some(ch.len() - 1));
        assert!(ch.len() < sim.trace().len() / 3, "{} chapters for {} events", ch.len(), sim.trace().len());
    }
}

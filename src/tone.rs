//! How an event reads at a glance, the one classification the stage (a
//! packet's colour) and the technical log (a line's colour) share: DNS, an
//! SMTP command or reply, a temporary or a permanent failure, a delivery, or
//! bookkeeping. Plain Rust, exhaustive over the model's events, so a new
//! event is classified once, here.

use crate::model::{Event, EventKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Dns,
    Command,
    Reply,
    /// Will be tried again: a 4xx, no answer, a refused connection, SERVFAIL.
    Temporary,
    /// Given up: a 5xx, a bounce.
    Permanent,
    Delivered,
    /// Queues, plans, changes: the sentence says what they mean.
    Plain,
}

impl Tone {
    pub fn of(ev: &Event) -> Tone {
        use EventKind::*;
        match &ev.kind {
            Reply { reply, .. } if reply.is_permanent() => Tone::Permanent,
            Reply { reply, .. } if reply.is_temporary() => Tone::Temporary,
            Reply { .. } => Tone::Reply,
            Command { .. } => Tone::Command,
            ConnectRefused { .. } | ConnectionLost { .. } | ConnectTimedOut { .. } | DnsTimedOut { .. } => Tone::Temporary,
            DnsAnswer { answer, .. } if answer.is_negative() => Tone::Temporary,
            Bounced { .. } | Dropped { .. } => Tone::Permanent,
            DnsQuery { .. } | DnsAnswer { .. } | CacheHit { .. } | Cached { .. } | NotCached { .. } | CacheExpired { .. } => Tone::Dns,
            Stored { .. } => Tone::Delivered,
            Enqueued { .. } | AttemptStarted { .. } | CacheFlushed | Planned { .. } | HostSkipped { .. } | HostIsAlias { .. }
            | Connect { .. } | Deferred { .. } | HostDown | HostUp | FaultSet { .. } | ZoneChanged { .. } => Tone::Plain,
        }
    }

    /// The class of a packet on the stage.
    pub fn packet_class(self) -> &'static str {
        match self {
            Tone::Dns => "dns",
            Tone::Temporary => "temp",
            Tone::Permanent => "bad",
            Tone::Delivered => "ok",
            Tone::Command | Tone::Reply | Tone::Plain => "smtp",
        }
    }

    /// The class of a line of the technical log.
    pub fn log_class(self) -> &'static str {
        match self {
            Tone::Command => "c",
            Tone::Reply => "s",
            Tone::Dns => "dns",
            Tone::Temporary | Tone::Permanent => "err",
            Tone::Delivered => "ok",
            Tone::Plain => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_greylisting_story_reads_as_its_tones() {
        let sim = crate::presets::find("greylisting").unwrap().simulate();
        let tones: Vec<Tone> = sim.trace().iter().map(Tone::of).collect();
        // The 450 is temporary, the .eml a delivery; the log marks the 450 as a failed reply.
        let grey = sim.trace().iter().position(|e| matches!(&e.kind, EventKind::Reply { reply, .. } if reply.code == 450)).unwrap();
        assert_eq!(tones[grey], Tone::Temporary);
        assert_eq!(tones.iter().filter(|t| **t == Tone::Delivered).count(), 1);
        assert!(tones.contains(&Tone::Dns) && tones.contains(&Tone::Command) && tones.contains(&Tone::Reply));
        assert_eq!(Tone::Temporary.packet_class(), "temp");
        assert_eq!(Tone::Command.log_class(), "c");
    }
}

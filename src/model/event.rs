//! The trace: what happened, when, and between which hosts. The UI animates
//! these and nothing else; `State::apply` folds them into what each host
//! holds at any moment.

use super::dns::{Answer, RType, ZoneData};
use super::mx::Plan;
use super::smtp::{Command, FaultMode, Reply};
use super::time::Time;
use std::net::IpAddr;
use std::rc::Rc;

/// Index into the simulation's host table.
pub type HostId = u16;
/// Index into the simulation's envelope table: one message to one recipient.
pub type EnvId = u32;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: Time,
    /// Where the packet leaves from (or where the thing happens, if `to` is the same).
    pub from: HostId,
    pub to: HostId,
    pub kind: EventKind,
}

/// How a message came into a queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// Alice's mail program handed it to her server.
    Submission,
    /// Another server passed it on over SMTP and got the final 250.
    Smtp,
    /// The holder wrote a bounce about a message it could not deliver.
    Bounce,
}

/// Why a delivery failed, for the defer, the bounce and the narration.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// A server's reply: the code and text it gave.
    Reply { host: Rc<str>, reply: Reply },
    /// No host answered on port 25.
    Unreachable,
    DnsServFail { name: Rc<str> },
    NxDomain { name: Rc<str> },
    NullMx,
    NoAddress,
    LoopsToSelf,
    /// The queue lifetime ran out; the last temporary reason is kept.
    Expired { after_secs: u64, last: Box<Reason> },
}

impl Reason {
    /// The SMTP reply code and enhanced status a bounce reports.
    pub fn status(&self) -> (u16, &'static str) {
        match self {
            Reason::Reply { reply, .. } => (reply.code, reply.status),
            Reason::Unreachable => (451, "4.4.1"),
            Reason::DnsServFail { .. } => (451, "4.4.3"),
            Reason::NxDomain { .. } => (550, "5.1.2"),
            Reason::NullMx => (556, "5.1.10"),
            Reason::NoAddress => (550, "5.4.4"),
            Reason::LoopsToSelf => (554, "5.4.6"),
            Reason::Expired { .. } => (554, "4.4.7"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// The envelope entered the queue of `to` (and left `from`'s, if it was there).
    Enqueued { env: EnvId, via: Via },
    /// `from` (the holder) starts a delivery attempt; `attempt` counts from 1.
    AttemptStarted { env: EnvId, attempt: u32 },
    /// A question from `from` to `to`.
    DnsQuery { env: EnvId, name: Rc<str>, rtype: RType },
    /// The resolver `from` found a live answer in its cache.
    CacheHit { env: EnvId, name: Rc<str>, rtype: RType, answer: Answer, elapsed_secs: u32 },
    /// An answer from `from` to `to`. `elapsed_secs` is how long it had been
    /// cached (its TTLs are that much lower).
    DnsAnswer { env: EnvId, name: Rc<str>, rtype: RType, answer: Answer, elapsed_secs: u32 },
    /// The resolver `from` stored an answer for `ttl` seconds.
    Cached { name: Rc<str>, rtype: RType, answer: Answer, ttl: u32 },
    /// The resolver `from` did not store an answer: its TTL is 0.
    NotCached { name: Rc<str>, rtype: RType },
    /// A cache entry's TTL ran out.
    CacheExpired { name: Rc<str>, rtype: Option<RType> },
    CacheFlushed,
    /// The ordered list of hosts the holder will try.
    Planned { env: EnvId, plan: Plan },
    /// An MX host was passed over: it has no address.
    HostSkipped { env: EnvId, host: Rc<str> },
    /// A TCP connection to port 25 is opened to `addr`.
    Connect { env: EnvId, addr: IpAddr, host: Rc<str> },
    ConnectRefused { env: EnvId, addr: IpAddr },
    ConnectTimedOut { env: EnvId, addr: IpAddr, waited_secs: u64 },
    /// `C:` from the client `from` to the server `to`.
    Command { env: EnvId, command: Command },
    /// `S:` from the server `from` to the client `to`.
    /// `after` is the command answered, `None` for the greeting.
    Reply { env: EnvId, reply: Reply, after: Option<Command> },
    Deferred { env: EnvId, reason: Reason, next_retry: Time },
    /// The final server `to` wrote the message as a file in a user's folder.
    Stored { env: EnvId, user: Rc<str>, file: Rc<str>, eml: Rc<str> },
    /// The holder gave up on `env` and wrote `bounce` to its sender.
    Bounced { env: EnvId, bounce: EnvId, reason: Reason },
    /// The holder gave up on a bounce: a bounce is never sent about a bounce.
    Dropped { env: EnvId, reason: Reason },
    HostDown,
    HostUp,
    FaultSet { mode: FaultMode },
    /// The authority `from` now serves a changed zone.
    ZoneChanged { zone: Rc<ZoneData> },
}

impl EventKind {
    pub fn env(&self) -> Option<EnvId> {
        use EventKind::*;
        match self {
            Enqueued { env, .. }
            | AttemptStarted { env, .. }
            | DnsQuery { env, .. }
            | CacheHit { env, .. }
            | DnsAnswer { env, .. }
            | Planned { env, .. }
            | HostSkipped { env, .. }
            | Connect { env, .. }
            | ConnectRefused { env, .. }
            | ConnectTimedOut { env, .. }
            | Command { env, .. }
            | Reply { env, .. }
            | Deferred { env, .. }
            | Stored { env, .. }
            | Bounced { env, .. }
            | Dropped { env, .. } => Some(*env),
            _ => None,
        }
    }

    /// Events the timeline marks: faults, deliveries, bounces.
    pub fn marker(&self) -> Option<Marker> {
        use EventKind::*;
        match self {
            HostDown | HostUp | FaultSet { .. } | ZoneChanged { .. } | CacheFlushed => Some(Marker::Change),
            Stored { .. } => Some(Marker::Delivery),
            Bounced { .. } | Dropped { .. } => Some(Marker::Bounce),
            Deferred { .. } => Some(Marker::Defer),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    Change,
    Delivery,
    Bounce,
    Defer,
}

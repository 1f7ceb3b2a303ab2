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
    /// A server's reply (`after` the command answered; `None` for the greeting).
    Reply { host: Rc<str>, addr: IpAddr, reply: Reply, after: Option<Command> },
    /// A 5yz greeting taken at its word by a sender that does not skip such
    /// servers (`skip_5xx_greeting: false`): final, unlike a `Reply` greeting.
    Greeting { host: Rc<str>, addr: IpAddr, reply: Reply },
    /// The machine answered but nothing listens on port 25.
    Refused { host: Rc<str>, addr: IpAddr },
    /// Nothing answered within the connect timeout.
    TimedOut { host: Rc<str>, addr: IpAddr },
    /// The connection dropped after `after`, before its reply.
    LostConnection { host: Rc<str>, addr: IpAddr, after: Command },
    /// SERVFAIL or an authority that does not answer: try again later.
    DnsTempfail { name: Rc<str>, rtype: RType },
    /// NXDOMAIN: the name does not exist.
    NotFound { name: Rc<str>, rtype: RType },
    NullMx { domain: Rc<str> },
    /// None of the domain's mail servers has an address.
    NoAddress { domain: Rc<str> },
    /// This server is the best MX for the domain: sending would loop.
    LoopsToSelf { domain: Rc<str> },
    /// More `Received:` headers than the hop limit: a forwarding loop.
    /// The final server has no such user.
    UnknownUser { user: Rc<str> },
    /// The queue lifetime ran out; the last temporary reason is kept.
    Expired { after_secs: u64, last: Box<Reason> },
}

impl Reason {
    /// The enhanced status code (RFC 3463) a deferral or bounce reports.
    pub fn status(&self) -> &'static str {
        match self {
            // Postfix's smtp_skip_5xx_greeting (on by default) makes a 5yz
            // greeting a temporary failure, its status's class too: 554
            // 5.3.2 is deferred with dsn=4.3.2 (recorded, greeting-554).
            // The model's one 5yz greeting is 5.3.2.
            Reason::Reply { reply, after: None, .. } if reply.is_permanent() => {
                if reply.status == "5.3.2" { "4.3.2" } else { "4.0.0" }
            }
            Reason::Reply { reply, .. } | Reason::Greeting { reply, .. } if !reply.status.is_empty() => reply.status,
            Reason::Reply { reply, .. } | Reason::Greeting { reply, .. } => {
                if reply.is_permanent() { "5.0.0" } else { "4.0.0" }
            }
            Reason::Refused { .. } | Reason::TimedOut { .. } => "4.4.1",
            Reason::LostConnection { .. } => "4.4.2",
            Reason::DnsTempfail { .. } => "4.4.3",
            Reason::NotFound { .. } | Reason::NoAddress { .. } => "5.4.4",
            Reason::NullMx { .. } => "5.1.10",
            Reason::LoopsToSelf { .. } => "5.4.6",
            Reason::UnknownUser { .. } => "5.1.1",
            // A bounce made by the queue itself reports the last temporary
            // error, as Postfix does.
            Reason::Expired { last, .. } => last.status(),
        }
    }

    /// The SMTP reply behind it, if a server gave one.
    pub fn reply(&self) -> Option<&Reply> {
        match self {
            Reason::Reply { reply, .. } | Reason::Greeting { reply, .. } => Some(reply),
            Reason::Expired { last, .. } => last.reply(),
            _ => None,
        }
    }

    /// The cause as Postfix writes it in its log and its bounces:
    /// `connect to mx1.example.com[198.51.100.10]:25: Connection refused`.
    pub fn diagnostic(&self) -> String {
        match self {
            Reason::Reply { host, addr, reply, after: None } | Reason::Greeting { host, addr, reply } => {
                format!("host {host}[{addr}] refused to talk to me: {}", reply.first_line())
            }
            Reason::Reply { host, addr, reply, after: Some(c) } => {
                format!("host {host}[{addr}] said: {} (in reply to {} command)", reply.first_line(), c.name())
            }
            Reason::Refused { host, addr } => format!("connect to {host}[{addr}]:25: Connection refused"),
            Reason::TimedOut { host, addr } => format!("connect to {host}[{addr}]:25: Connection timed out"),
            Reason::LostConnection { host, addr, after } => format!(
                "lost connection with {host}[{addr}] while sending {}{}",
                match after {
                    Command::Body => "end of data".to_string(),
                    c => format!("{} command", c.name()),
                },
                if *after == Command::Body { " -- message may be sent more than once" } else { "" }
            ),
            Reason::DnsTempfail { name, rtype } => format!(
                "Host or domain name not found. Name service error for name={name} type={}: Host not found, try again",
                rtype.as_str()
            ),
            Reason::NotFound { name, rtype } => {
                format!("Host or domain name not found. Name service error for name={name} type={}: Host not found", rtype.as_str())
            }
            Reason::NullMx { domain } => format!("Domain {domain} does not accept mail (nullMX)"),
            Reason::NoAddress { domain } => format!("Host or domain name not found: no address for any mail server of {domain}"),
            Reason::LoopsToSelf { domain } => format!("mail for {domain} loops back to myself"),
            Reason::UnknownUser { user } => format!("unknown user: \"{user}\""),
            Reason::Expired { last, .. } => last.diagnostic(),
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
    /// An MX host name is an alias (CNAME) of `target`: RFC 2181 10.3 forbids
    /// it, and most senders follow the alias anyway, as this one does.
    HostIsAlias { env: EnvId, host: Rc<str>, target: Rc<str> },
    /// The resolver `from` got no answer from the authority within its
    /// timeout; `attempt` counts its tries from 1.
    DnsTimedOut { env: EnvId, name: Rc<str>, rtype: RType, attempt: u32 },
    /// A TCP connection to port 25 is opened to `addr`.
    Connect { env: EnvId, addr: IpAddr, host: Rc<str> },
    ConnectRefused { env: EnvId, addr: IpAddr },
    /// No answer from `host` at `addr` within the connect timeout.
    ConnectTimedOut { env: EnvId, addr: IpAddr, host: Rc<str>, waited_secs: u64 },
    /// `C:` from the client `from` to the server `to`.
    Command { env: EnvId, command: Command },
    /// `S:` from the server `from` to the client `to`.
    /// `after` is the command answered, `None` for the greeting.
    Reply { env: EnvId, reply: Reply, after: Option<Command> },
    /// The connection between the server `from` and the client `to` broke
    /// after `after`, before the server's reply reached the client.
    ConnectionLost { env: EnvId, after: Command },
    Deferred { env: EnvId, reason: Reason, next_retry: Time },
    /// The final server `to` wrote the message as a file in a user's folder.
    Stored { env: EnvId, user: Rc<str>, file: Rc<str>, eml: Rc<str> },
    /// The holder gave up on `env` and wrote `bounce` to its sender.
    Bounced { env: EnvId, bounce: EnvId, reason: Reason },
    /// The holder gave up on `env` and sends no bounce: `env` is itself a
    /// bounce (none is sent about a bounce), or the holder sends none (a
    /// spammer's machine).
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
            | HostIsAlias { env, .. }
            | DnsTimedOut { env, .. }
            | ConnectionLost { env, .. }
            | Connect { env, .. }
            | ConnectRefused { env, .. }
            | ConnectTimedOut { env, .. }
            | Command { env, .. }
            | Reply { env, .. }
            | Deferred { env, .. }
            | Stored { env, .. }
            | Bounced { env, .. }
            | Dropped { env, .. } => Some(*env),
            Cached { .. } | NotCached { .. } | CacheExpired { .. } | CacheFlushed | HostDown | HostUp | FaultSet { .. }
            | ZoneChanged { .. } => None,
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

//! A delivery attempt between two scheduled steps: the one piece of state
//! the client, the resolver and the server modules hand each other.

use crate::model::dns::{Answer, RType, Rr};
use crate::model::event::{EnvId, HostId, Reason};
use crate::model::mx::Candidate;
use crate::model::smtp::{Command, Reply};
use crate::model::time::Time;
use std::net::IpAddr;
use std::rc::Rc;

/// Where a DNS question or answer is on its way.
#[derive(Clone, Debug)]
pub(super) enum Leg {
    ToResolver,
    /// The resolver asks `auth` about `asked` (the name itself, or the
    /// target of an alias in `chain`), for the `attempt`-th time.
    ToAuthority { auth: HostId, asked: Rc<str>, attempt: u32, chain: Rc<[Rr]> },
    /// Nothing came back from `auth`: the resolver's timeout ends here.
    AuthorityTimedOut { asked: Rc<str>, attempt: u32, chain: Rc<[Rr]> },
    BackToResolver(Answer),
    ToClient(Answer),
}

/// Where an attempt is between two scheduled steps.
#[derive(Clone, Debug)]
pub(super) enum Step {
    /// Looking up `name`: the original question, whatever the leg asks.
    Dns { name: Rc<str>, rtype: RType, leg: Leg },
    /// The SYN is on its way to `addr`.
    Connecting { addr: IpAddr, started: Time },
    /// Nobody answered: the client gives up waiting at this step.
    TimedOut { addr: IpAddr, started: Time },
    /// A refusal came back: go on with the next address.
    Refused,
    /// A command reaches the server.
    AtServer(Command),
    /// The server's reply (to a command, or `None` for the greeting) reaches the client.
    AtClient(Option<Command>, Reply),
    /// The connection broke after the command: the client notices.
    Lost(Command),
}

/// One delivery attempt by the holder of a message to one domain. It first
/// resolves the address of every host in `hosts` (as Postfix and Exim do),
/// then tries them in order.
pub(super) struct Attempt {
    /// The envelope the attempt's DNS and connection events name: the
    /// first of `envs`.
    pub env: EnvId,
    /// The recipients it still carries: envelopes of one message, for one
    /// domain, due together at the same holder (rules.md 4.10). They share
    /// each session: one MAIL FROM, a RCPT TO each, one DATA.
    pub envs: Vec<EnvId>,
    /// Every envelope the attempt started with, to free them at its end.
    pub batch: Vec<EnvId>,
    /// Recipients refused for good so far (a 5yz to their RCPT TO, or to the
    /// whole message): one bounce lists them all at the end.
    pub refused: Vec<(EnvId, Reason)>,
    pub session: Session,
    /// The mail server making the attempt.
    pub client: HostId,
    pub domain: Rc<str>,
    pub hosts: Vec<Candidate>,
    /// While resolving: the host whose address is being looked up.
    pub resolving: usize,
    pub shuffled: bool,
    /// No MX record (or NXDOMAIN): the domain itself is the one host.
    pub implicit: bool,
    /// A configured next hop: no MX lookup, no dropping of itself.
    pub fixed: bool,
    pub next_host: usize,
    pub next_addr: usize,
    /// The mail server connected to, and the address it was reached at.
    pub server: Option<(HostId, IpAddr)>,
    /// The last failure of a host: if no host takes the message, defer with
    /// it (or bounce, if it was a permanent refusal at the greeting).
    pub failure: Option<Reason>,
    pub step: Step,
}

/// What one SMTP session has settled about the attempt's recipients.
#[derive(Debug, Default)]
pub(super) struct Session {
    /// Index in `Attempt::envs` of the recipient whose RCPT TO is next or
    /// under way.
    pub rcpt: usize,
    /// Recipients the server answered 250 to RCPT TO: the DATA is for them.
    pub accepted: Vec<EnvId>,
    /// Recipients answered 4yz to RCPT TO: tried at the next host.
    pub later: Vec<EnvId>,
    /// The server took the message for `accepted`.
    pub delivered: bool,
}

impl Attempt {
    /// The envelope a command or reply names: its own recipient for RCPT
    /// TO; after the RCPTs, the first one the server took; otherwise the lead.
    pub fn named_by(&self, command: Option<Command>) -> EnvId {
        match command {
            Some(Command::RcptTo) => self.recipient(),
            _ => self.session.accepted.first().copied().unwrap_or(self.env),
        }
    }

    /// The recipient of the RCPT TO under way.
    pub fn recipient(&self) -> EnvId {
        self.envs.get(self.session.rcpt).copied().unwrap_or(self.env)
    }
}

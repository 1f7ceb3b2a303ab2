//! A delivery attempt between two scheduled steps: the one piece of state
//! the client, the resolver and the server modules hand each other.

use crate::model::dns::{Answer, RType};
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
    ToAuthority(HostId),
    BackToResolver(Answer),
    ToClient(Answer),
}

/// Where an attempt is between two scheduled steps.
#[derive(Clone, Debug)]
pub(super) enum Step {
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
}

/// One delivery attempt by the holder of an envelope.
pub(super) struct Attempt {
    pub env: EnvId,
    /// The mail server making the attempt.
    pub client: HostId,
    pub domain: Rc<str>,
    pub hosts: Rc<[Candidate]>,
    pub next_host: usize,
    pub host: Rc<str>,
    pub addrs: Vec<IpAddr>,
    pub next_addr: usize,
    /// The mail server connected to.
    pub server: Option<HostId>,
    /// The last temporary failure: if no host takes the message, defer with it.
    pub temporary: Option<Reason>,
    pub step: Step,
}


//! The hosts of a run: mail servers, resolvers and DNS authorities, with
//! what the stage needs to draw them. Words for them (a label such as
//! "MX1") are the text layer's; the model gives the role.

use super::event::HostId;
use std::net::IpAddr;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Mail,
    Resolver,
    Authority,
}

/// What part a host plays in the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The server alice's mail program submits to.
    Sender,
    /// Another machine that sends mail into the story (a spammer's).
    Client,
    /// A server named by an MX record: its rank in preference order, from 1.
    Mx(u16),
    /// Any other mail server.
    Mail,
    Resolver,
    /// The authoritative server of a zone (its origin is in `Host::origin`).
    Zone,
    /// The root, which answers NXDOMAIN for names in no zone.
    Root,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Host {
    pub name: Rc<str>,
    pub kind: HostKind,
    pub role: Role,
    pub address: Option<IpAddr>,
    /// Authorities: the zone origin they serve ("" for the root).
    pub origin: Option<Rc<str>>,
    /// Mail servers: the resolver they ask.
    pub resolver: Option<HostId>,
    /// Mail servers: whether they write mail into users' folders.
    pub holds_mailboxes: bool,
    /// Mail servers: whether they accept and queue mail for other domains (a backup MX).
    pub relays: bool,
}

impl Host {
    pub fn is_mail(&self) -> bool {
        self.kind == HostKind::Mail
    }
}

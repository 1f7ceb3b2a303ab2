//! A message to one recipient as it travels, and the hops it has made.

use super::address::Address;
use super::event::EnvId;
use super::time::Time;
use std::net::IpAddr;
use std::rc::Rc;

/// One `Received:` line's worth of a hop.
#[derive(Clone, Debug, PartialEq)]
pub struct Hop {
    pub by: Rc<str>,
    /// The client it came from; `None` for the submission by alice's mail program.
    pub from_host: Option<Rc<str>>,
    pub from_addr: Option<IpAddr>,
    pub at: Time,
    pub id: String,
}

/// One message to one recipient, as it travels.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The envelope sender; `None` is the null sender `<>` of a bounce.
    pub from: Option<Address>,
    pub to: Address,
    /// The `From:` header as alice wrote it (for a bounce, the daemon).
    pub header_from: String,
    /// The `To:` header: every recipient of the message, as alice wrote
    /// them, whichever one this envelope is for.
    pub header_to: Rc<str>,
    pub subject: Rc<str>,
    pub body: Rc<str>,
    pub message_id: String,
    pub submitted: Time,
    /// Newest last; the `.eml` prints them newest first.
    pub hops: Vec<Hop>,
    /// For a bounce: the envelope it reports on.
    pub bounce_of: Option<EnvId>,
    /// For a second copy (the connection dropped after the body): the
    /// envelope it copies.
    pub copy_of: Option<EnvId>,
}

impl Envelope {
    pub fn is_bounce(&self) -> bool {
        self.from.is_none()
    }
    pub fn from_text(&self) -> String {
        self.from.as_ref().map_or_else(String::new, |a| a.to_string())
    }
}

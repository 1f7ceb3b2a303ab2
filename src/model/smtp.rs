//! SMTP as both ends speak it (rules.md 4): commands, replies with the
//! texts real Postfix sends, and the faults a receiving server can have at
//! each point of a session.

use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::rc::Rc;

/// How a running server misbehaves, and at which point of the session. A
/// server that is down is a separate switch: its machine does not answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultMode {
    #[default]
    Normal,
    /// The machine answers but nothing listens on port 25: connection refused.
    Refuse,
    /// 421 at the greeting: service not available, try elsewhere or later.
    Busy,
    /// 554 at the greeting: no SMTP service here (Postfix skips to the next MX).
    GreetingRejected,
    /// 421 in mid-session (to MAIL FROM): the server is shutting down.
    ShuttingDown,
    /// 451 to MAIL FROM: a local error, try later.
    SenderTempfail,
    /// 550 to MAIL FROM: the sender is refused.
    SenderRejected,
    /// 450 4.2.0 to an unknown (client, sender, recipient) until it retries
    /// after the greylisting delay (postgrey: 300 s).
    Greylist,
    /// 450 to every recipient: the mailbox is busy, try later.
    MailboxBusy,
    /// 550 to every recipient: a permanent rejection.
    Reject,
    /// 452 4.2.2 to every recipient: the mailbox is full, try later.
    MailboxFull,
    /// 451 to DATA: the transaction failed for now.
    DataTempfail,
    /// 554 to DATA: the transaction failed for good.
    DataRejected,
    /// 452 after the body: insufficient system storage; not accepted.
    NoStorage,
    /// 552 after the body: the message is too big; not accepted.
    TooBig,
    /// 554 after the body: the message is refused; not accepted.
    BodyRejected,
    /// 550 5.7.1 after the body: a content filter (`body_checks`,
    /// `header_checks` REJECT) refuses the message; not accepted.
    ContentRejected,
    /// The connection drops after the body, before the final reply: the
    /// server has the message, the client does not know (RFC 5321 6.1).
    DropAfterBody,
}

impl FaultMode {
    pub const ALL: [FaultMode; 18] = [
        FaultMode::Normal,
        FaultMode::Refuse,
        FaultMode::Busy,
        FaultMode::GreetingRejected,
        FaultMode::ShuttingDown,
        FaultMode::SenderTempfail,
        FaultMode::SenderRejected,
        FaultMode::Greylist,
        FaultMode::MailboxBusy,
        FaultMode::Reject,
        FaultMode::MailboxFull,
        FaultMode::DataTempfail,
        FaultMode::DataRejected,
        FaultMode::NoStorage,
        FaultMode::TooBig,
        FaultMode::BodyRejected,
        FaultMode::ContentRejected,
        FaultMode::DropAfterBody,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Ehlo,
    MailFrom,
    RcptTo,
    Data,
    /// The message itself, ended by a line holding only `.`.
    Body,
    Quit,
}

impl Command {
    /// As Postfix names it in "(in reply to … command)".
    pub fn name(self) -> &'static str {
        match self {
            Command::Ehlo => "EHLO",
            Command::MailFrom => "MAIL FROM",
            Command::RcptTo => "RCPT TO",
            Command::Data => "DATA",
            Command::Body => "end of DATA",
            Command::Quit => "QUIT",
        }
    }
}

/// A reply: the code's first digit decides (RFC 5321 4.2.1), the enhanced
/// status code (RFC 3463) says why, the text is what Postfix says. A text
/// with line breaks is a multi-line reply (`250-…`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reply {
    pub code: u16,
    pub status: &'static str,
    pub text: Rc<str>,
}

impl Reply {
    pub fn new(code: u16, status: &'static str, text: impl Into<Rc<str>>) -> Reply {
        Reply { code, status, text: text.into() }
    }
    pub fn is_success(&self) -> bool {
        (200..400).contains(&self.code)
    }
    pub fn is_temporary(&self) -> bool {
        (400..500).contains(&self.code)
    }
    pub fn is_permanent(&self) -> bool {
        self.code >= 500
    }
    /// The reply as it goes over the wire: `250 2.1.5 Ok`, or for a
    /// multi-line reply every line, `250-` before all but the last.
    pub fn line(&self) -> String {
        let lines: Vec<&str> = self.text.lines().collect();
        let last = lines.len().saturating_sub(1);
        lines
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let sep = if i == last { ' ' } else { '-' };
                if self.status.is_empty() || i > 0 {
                    format!("{}{sep}{text}", self.code)
                } else {
                    format!("{}{sep}{} {text}", self.code, self.status)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
    /// The first line, for a label.
    pub fn first_line(&self) -> String {
        self.line().lines().next().unwrap_or_default().to_string()
    }
}

// ---- the replies of a Postfix 3.7 server ----

pub fn greeting(host: &str) -> Reply {
    Reply::new(220, "", format!("{host} ESMTP Postfix"))
}
pub fn ehlo(host: &str) -> Reply {
    Reply::new(250, "", format!("{host}\nPIPELINING\nSIZE 10240000\nENHANCEDSTATUSCODES\n8BITMIME\nSMTPUTF8"))
}
pub fn sender_ok() -> Reply {
    Reply::new(250, "2.1.0", "Ok")
}
pub fn recipient_ok() -> Reply {
    Reply::new(250, "2.1.5", "Ok")
}
pub fn start_data() -> Reply {
    Reply::new(354, "", "End data with <CR><LF>.<CR><LF>")
}
pub fn queued(id: &str) -> Reply {
    Reply::new(250, "2.0.0", format!("Ok: queued as {id}"))
}
pub fn bye() -> Reply {
    Reply::new(221, "2.0.0", "Bye")
}
/// A server that turns this client away at its greeting: in Postfix,
/// `smtpd_delay_reject = no` and a client access rule (recorded,
/// greeting-421 and greeting-554), which names the client.
pub fn busy(client: &str, addr: IpAddr) -> Reply {
    Reply::new(421, "4.3.2", format!("<{client}[{addr}]>: Client host rejected: Service not available, closing transmission channel"))
}
pub fn greeting_rejected(client: &str, addr: IpAddr) -> Reply {
    Reply::new(554, "5.3.2", format!("<{client}[{addr}]>: Client host rejected: No SMTP service here"))
}
pub fn shutting_down(host: &str) -> Reply {
    Reply::new(421, "4.3.2", format!("{host} Service shutting down, closing transmission channel"))
}
pub fn sender_tempfail() -> Reply {
    Reply::new(451, "4.3.0", "Error: queue file write error")
}
pub fn sender_rejected(from: &str) -> Reply {
    Reply::new(550, "5.7.1", format!("<{from}>: Sender address rejected: Access denied"))
}
fn recipient_rejected(code: u16, status: &'static str, to: &str, why: &str) -> Reply {
    Reply::new(code, status, format!("<{to}>: Recipient address rejected: {why}"))
}
/// postgrey's answer through Postfix's policy service.
pub fn greylisted(to: &str, domain: &str) -> Reply {
    recipient_rejected(450, "4.2.0", to, &format!("Greylisted, see http://postgrey.schweikert.ch/help/{domain}.html"))
}
pub fn mailbox_busy(to: &str) -> Reply {
    recipient_rejected(450, "4.2.0", to, "Mailbox busy, try again later")
}
pub fn mailbox_full(to: &str) -> Reply {
    recipient_rejected(452, "4.2.2", to, "Mailbox full")
}
pub fn rejected(to: &str) -> Reply {
    recipient_rejected(550, "5.7.1", to, "Access denied")
}
/// The final server does not know the user.
pub fn no_such_user(to: &str) -> Reply {
    recipient_rejected(550, "5.1.1", to, "User unknown in virtual mailbox table")
}
/// A backup that knows the valid recipients does not know this one.
pub fn unknown_to_relay(to: &str) -> Reply {
    recipient_rejected(550, "5.1.1", to, "User unknown in relay recipient table")
}
pub fn relay_denied(to: &str) -> Reply {
    Reply::new(554, "5.7.1", format!("<{to}>: Relay access denied"))
}
pub fn data_tempfail() -> Reply {
    Reply::new(451, "4.3.0", "Error: queue file write error")
}
pub fn data_rejected() -> Reply {
    // `smtpd_data_restrictions = reject` (recorded, data-554).
    Reply::new(554, "5.7.1", "<DATA>: Data command rejected: Access denied")
}
pub fn no_storage() -> Reply {
    Reply::new(452, "4.3.1", "Insufficient system storage")
}
pub fn too_big() -> Reply {
    Reply::new(552, "5.3.4", "Message size exceeds fixed limit")
}
/// A message with more `Received:` headers than `hopcount_limit` (50) with
/// this server's own: a forwarding loop, refused at the end of DATA.
pub fn too_many_hops() -> Reply {
    Reply::new(554, "5.4.0", "Error: too many hops")
}
/// Postfix 3.7 with `body_checks` (or `header_checks`) `REJECT`, the
/// default text (recorded, issue 21).
pub fn content_rejected() -> Reply {
    Reply::new(550, "5.7.1", "message content rejected")
}
pub fn body_rejected() -> Reply {
    Reply::new(554, "5.7.1", "Message rejected: transaction failed")
}

/// A queue id as Postfix writes one: ten or eleven hex digits.
pub fn queue_id(server: u16, env: u32, at_ms: u64) -> String {
    format!("{:05X}{:02X}{:04X}", (at_ms / 7) & 0xFFFFF, server & 0xFF, env & 0xFFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_4_2_first_digit_decides() {
        assert!(queued("1").is_success() && start_data().is_success());
        assert!(busy("x", IpAddr::from([192, 0, 2, 1])).is_temporary() && greylisted("b@x", "x").is_temporary() && mailbox_full("b@x").is_temporary());
        assert!(no_such_user("b@x").is_permanent() && relay_denied("b@x").is_permanent());
    }

    #[test]
    fn rule_4_6_typical_codes_read_as_postfix_sends_them() {
        assert_eq!(relay_denied("bob@example.org").line(), "554 5.7.1 <bob@example.org>: Relay access denied");
        assert_eq!(
            no_such_user("nobody@example.com").line(),
            "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table"
        );
        assert_eq!(greeting("mx2.example.com").line(), "220 mx2.example.com ESMTP Postfix");
        assert_eq!(queued("6F3B599A253").line(), "250 2.0.0 Ok: queued as 6F3B599A253");
        let ehlo = ehlo("mx1.example.com").line();
        assert!(ehlo.starts_with("250-mx1.example.com\n250-PIPELINING\n") && ehlo.ends_with("\n250 SMTPUTF8"), "{ehlo}");
        assert_eq!(mailbox_full("b@x").code, 452);
    }
}

//! SMTP as both ends speak it (DELIVERY-RULES 4): commands, replies and how a
//! receiving server answers according to its role and its fault mode.

use serde::{Deserialize, Serialize};

/// How a running server misbehaves. A server that is down is a separate
/// switch: its machine does not answer at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultMode {
    #[default]
    Normal,
    /// The machine answers but nothing listens on port 25: connection refused.
    Refuse,
    /// 421 at the greeting: service not available, try elsewhere or later.
    Busy,
    /// 450 4.7.1 to an unknown (client, sender, recipient) until it retries
    /// after the greylisting delay (postgrey: 300 s).
    Greylist,
    /// 550 to every recipient: a permanent rejection.
    Reject,
    /// 452 4.2.2 to every recipient: the mailbox is full, try later.
    MailboxFull,
}

impl FaultMode {
    pub const ALL: [FaultMode; 6] =
        [FaultMode::Normal, FaultMode::Refuse, FaultMode::Busy, FaultMode::Greylist, FaultMode::Reject, FaultMode::MailboxFull];
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

/// A reply line: the code's first digit decides (4.2.1), the enhanced status
/// code (RFC 3463) says why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reply {
    pub code: u16,
    pub status: &'static str,
    pub text: &'static str,
}

impl Reply {
    pub const fn new(code: u16, status: &'static str, text: &'static str) -> Reply {
        Reply { code, status, text }
    }
    pub fn is_success(self) -> bool {
        (200..400).contains(&self.code)
    }
    pub fn is_temporary(self) -> bool {
        (400..500).contains(&self.code)
    }
    pub fn is_permanent(self) -> bool {
        self.code >= 500
    }
    /// The reply as it goes over the wire: `250 2.1.5 Ok`.
    pub fn line(self) -> String {
        if self.status.is_empty() {
            format!("{} {}", self.code, self.text)
        } else {
            format!("{} {} {}", self.code, self.status, self.text)
        }
    }
}

pub const GREETING: Reply = Reply::new(220, "", "ESMTP ready");
pub const BUSY: Reply = Reply::new(421, "4.3.2", "Service not available, closing transmission channel");
pub const EHLO_OK: Reply = Reply::new(250, "", "Hello, pleased to meet you");
pub const SENDER_OK: Reply = Reply::new(250, "2.1.0", "Sender ok");
pub const RECIPIENT_OK: Reply = Reply::new(250, "2.1.5", "Recipient ok");
pub const START_DATA: Reply = Reply::new(354, "", "End data with <CR><LF>.<CR><LF>");
pub const QUEUED: Reply = Reply::new(250, "2.0.0", "Ok: queued");
pub const BYE: Reply = Reply::new(221, "2.0.0", "Bye");
pub const GREYLISTED: Reply = Reply::new(450, "4.7.1", "Greylisted, please try again later");
pub const NO_SUCH_USER: Reply = Reply::new(550, "5.1.1", "Recipient address rejected: user unknown");
pub const REJECTED: Reply = Reply::new(550, "5.7.1", "Message rejected by policy");
pub const MAILBOX_FULL: Reply = Reply::new(452, "4.2.2", "Mailbox full, insufficient storage");
pub const RELAY_DENIED: Reply = Reply::new(554, "5.7.1", "Relay access denied");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_4_2_first_digit_decides() {
        assert!(QUEUED.is_success() && START_DATA.is_success());
        assert!(BUSY.is_temporary() && GREYLISTED.is_temporary() && MAILBOX_FULL.is_temporary());
        assert!(NO_SUCH_USER.is_permanent() && RELAY_DENIED.is_permanent());
    }

    #[test]
    fn rule_4_6_typical_codes_read_as_on_the_wire() {
        assert_eq!(BUSY.line(), "421 4.3.2 Service not available, closing transmission channel");
        assert_eq!(RELAY_DENIED.line(), "554 5.7.1 Relay access denied");
        assert_eq!(NO_SUCH_USER.line(), "550 5.1.1 Recipient address rejected: user unknown");
        assert_eq!(MAILBOX_FULL.code, 452);
        assert_eq!(GREETING.line(), "220 ESMTP ready");
    }
}

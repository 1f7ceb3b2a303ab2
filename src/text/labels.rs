//! Short words for things on the stage and in menus: host labels, fault
//! modes, retry policies, DNS answers in a packet label.

use super::Lang;
use super::neutral;
use super::zh::labels as zh;
use crate::model::dns::Answer;
use crate::model::event::EventKind;
use crate::model::edit::{self, Comparison};
use crate::model::Scenario;
use crate::model::host::{Host, Role};
use crate::model::retry::RetryPolicy;
use crate::model::smtp::FaultMode;

/// "Sender", "MX1", "Resolver", the zone's origin, "Root DNS"; `None` for a
/// host known only by its name.
pub fn host_label(host: &Host, lang: Lang) -> Option<String> {
    match lang.built() {
        Lang::En => match host.role {
            Role::Sender => Some("Sender".into()),
            Role::Client => Some("Client".into()),
            Role::Mx(rank) => Some(format!("MX{rank}")),
            Role::Mail => Some("Mail".into()),
            Role::Resolver => Some("Resolver".into()),
            Role::Zone => host.origin.as_deref().map(str::to_string),
            Role::Root => Some("Root DNS".into()),
        },
        Lang::Zh => zh::host_label(host),
    }
}

/// The label if there is one, else the host name.
pub fn host_title(host: &Host, lang: Lang) -> String {
    host_label(host, lang).unwrap_or_else(|| host.name.to_string())
}

/// "MX1 mx1.example.com", or the name alone.
pub fn host_with_name(host: &Host, lang: Lang) -> String {
    match host_label(host, lang) {
        Some(label) => format!("{label} {}", host.name),
        None => host.name.to_string(),
    }
}

pub fn fault_label(mode: FaultMode, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => match mode {
            FaultMode::Normal => "working normally",
            FaultMode::Refuse => "refusing connections",
            FaultMode::Busy => "busy at the greeting (421)",
            FaultMode::GreetingRejected => "no SMTP service (554 greeting)",
            FaultMode::ShuttingDown => "shutting down mid-session (421)",
            FaultMode::SenderTempfail => "failing at MAIL FROM (451)",
            FaultMode::SenderRejected => "refusing the sender (550)",
            FaultMode::Greylist => "greylisting (450)",
            FaultMode::MailboxBusy => "mailbox busy (450)",
            FaultMode::Reject => "rejecting mail (550)",
            FaultMode::MailboxFull => "mailbox full (452)",
            FaultMode::DataTempfail => "failing at DATA (451)",
            FaultMode::DataRejected => "refusing DATA (554)",
            FaultMode::NoStorage => "out of disk after the body (452)",
            FaultMode::TooBig => "message too big (552)",
            FaultMode::BodyRejected => "refusing the message (554)",
            FaultMode::ContentRejected => "refusing the message's content (550)",
            FaultMode::DropAfterBody => "dropping the line before its 250",
        },
        Lang::Zh => zh::fault_label(mode),
    }
}

/// The status line under a server's name on the stage: words, not only
/// colour, and short enough for a small box.
pub fn status_words(up: bool, fault: FaultMode, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::status_words(up, fault),
    }
    if !up {
        return "down";
    }
    match fault {
        FaultMode::Normal => "up",
        FaultMode::Refuse => "up, refusing",
        FaultMode::Busy => "up, busy 421",
        FaultMode::GreetingRejected => "up, 554 greeting",
        FaultMode::ShuttingDown => "up, 421 mid-session",
        FaultMode::SenderTempfail => "up, 451 to MAIL",
        FaultMode::SenderRejected => "up, 550 to MAIL",
        FaultMode::Greylist => "up, greylisting",
        FaultMode::MailboxBusy => "up, 450 mailbox busy",
        FaultMode::Reject => "up, rejecting 550",
        FaultMode::MailboxFull => "up, mailbox full",
        FaultMode::DataTempfail => "up, 451 to DATA",
        FaultMode::DataRejected => "up, 554 to DATA",
        FaultMode::NoStorage => "up, 452 no storage",
        FaultMode::TooBig => "up, 552 too big",
        FaultMode::BodyRejected => "up, 554 after body",
        FaultMode::ContentRejected => "up, 550 to its content",
        FaultMode::DropAfterBody => "up, drops before 250",
    }
}

pub fn retry_name(policy: &RetryPolicy, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => match policy {
            RetryPolicy::Postfix(_) => "Postfix defaults",
            RetryPolicy::Exim(e) if e.is_default() => "Exim defaults",
            RetryPolicy::Exim(_) => "Exim, its own rules",
            RetryPolicy::RfcMinimum => "RFC 5321 minimum",
            RetryPolicy::Custom { .. } => "custom",
        },
        Lang::Zh => zh::retry_name(policy),
    }
}

/// A short summary of an answer for a packet label: "10 mx1.example.com. 20 mx2.example.com."
pub fn answer_label(answer: &Answer, lang: Lang) -> String {
    match lang.built() {
        Lang::En => neutral::answer_label(answer, "no records"),
        Lang::Zh => zh::answer_label(answer),
    }
}

/// A DNS answer one record per item, for a table cell that may wrap.
pub fn answer_lines(answer: &Answer, lang: Lang) -> Vec<String> {
    match lang.built() {
        Lang::En => neutral::answer_lines(answer, "no records"),
        Lang::Zh => zh::answer_lines(answer),
    }
}

/// A DNS answer as a stage label (about 20 characters): hosts by their first
/// label, and an address with the name it belongs to, so that a label seen
/// near the wrong box still says whose it is: "MX 10 mx1, 20 mx2",
/// "mx2 = 203.0.113.20". The whole answer is in the narration and the log.
pub fn answer_pill(name: &str, answer: &Answer, lang: Lang) -> String {
    match lang.built() {
        Lang::En => neutral::answer_pill(name, answer, "no records"),
        Lang::Zh => zh::answer_pill(name, answer),
    }
}

/// The two worlds of a comparison, this one first: "with the backup MX (mx2.example.com)", "without a backup MX".
pub fn comparison_labels(c: Comparison, this: &Scenario, other: &Scenario, lang: Lang) -> (String, String) {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::comparison_labels(c, this, other),
    }
    match c {
        Comparison::Backup => {
            let backups = edit::backups(this);
            let with = if backups.is_empty() {
                "no backup MX here either".to_string()
            } else {
                format!("with the backup MX ({})", backups.join(", "))
            };
            (with, "without a backup MX".into())
        }
        Comparison::Retry => (
            format!("{} retries", retry_name(&this.retry, lang)),
            format!("{} retries", retry_name(&other.retry, lang)),
        ),
        Comparison::Ttl => ("TTL 300 s".into(), "TTL 86400 s (a day)".into()),
    }
}

/// The choice in the comparison menu.
pub fn comparison_name(c: Comparison, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => match c {
            Comparison::Backup => "with and without a backup MX",
            Comparison::Retry => "Postfix versus Exim retries",
            Comparison::Ttl => "TTL 300 s versus 86400 s",
        },
        Lang::Zh => zh::comparison_name(c),
    }
}

/// A few words for an event that happens at one host, for the stage; the
/// packets that travel carry their protocol line instead (`Narrator::packet_label`).
pub fn event_tag(kind: &EventKind, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::event_tag(kind),
    }
    match kind {
        EventKind::Enqueued { .. } => "queued".into(),
        EventKind::AttemptStarted { attempt, .. } => format!("attempt {attempt}"),
        EventKind::DnsQuery { rtype, name, .. } => format!("{}? {name}", rtype.as_str()),
        EventKind::DnsAnswer { answer, .. } => answer_label(answer, lang),
        EventKind::CacheHit { .. } => "cache hit".into(),
        EventKind::Cached { ttl, .. } => format!("cached {ttl}s"),
        EventKind::NotCached { .. } => "TTL 0: not cached".into(),
        EventKind::CacheExpired { .. } => "TTL expired".into(),
        EventKind::CacheFlushed => "cache flushed".into(),
        EventKind::Planned { .. } => "MX order".into(),
        EventKind::HostSkipped { .. } => "skip: no address".into(),
        EventKind::HostIsAlias { .. } => "MX is an alias".into(),
        EventKind::DnsTimedOut { attempt, .. } => format!("no answer (try {attempt})"),
        EventKind::ConnectionLost { .. } => "connection lost".into(),
        EventKind::Connect { .. } => "SYN :25".into(),
        EventKind::ConnectRefused { .. } => "refused".into(),
        EventKind::ConnectTimedOut { .. } => "timed out".into(),
        EventKind::Command { .. } => "command".into(),
        EventKind::Reply { reply, .. } => reply.code.to_string(),
        EventKind::Deferred { next_retry, .. } => format!("deferred to {next_retry}"),
        EventKind::Stored { file, .. } => format!("{file}"),
        EventKind::Bounced { .. } => "bounce".into(),
        EventKind::Dropped { .. } => "dropped".into(),
        EventKind::HostDown => "down".into(),
        EventKind::HostUp => "up".into(),
        EventKind::FaultSet { mode } => fault_label(*mode, lang).into(),
        EventKind::ZoneChanged { .. } => "zone changed".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dns::{RData, Rr};

    fn rr(data: RData) -> Rr {
        Rr { name: "example.com".into(), ttl: 300, data }
    }

    #[test]
    fn answer_pills_say_whose_answer_they_are_in_20_characters() {
        let mx = Answer::Records(vec![
            rr(RData::Mx { preference: 10, host: "mx1.example.com".into() }),
            rr(RData::Mx { preference: 20, host: "mx2.example.com".into() }),
        ].into());
        assert_eq!(answer_pill("example.com", &mx, Lang::En), "MX 10 mx1, 20 mx2");
        let a = Answer::Records(vec![rr(RData::Addr([203, 0, 113, 20].into()))].into());
        assert_eq!(answer_pill("mx2.example.com", &a, Lang::En), "mx2 = 203.0.113.20");
        assert_eq!(answer_pill("example.com", &Answer::ServFail, Lang::En), "SERVFAIL");
        assert_eq!(answer_pill("example.com", &Answer::NoData { neg_ttl: 300 }, Lang::Zh), "无记录");
    }
}

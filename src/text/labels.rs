//! Short words for things on the stage and in menus: host labels, fault
//! modes, retry policies, DNS answers in a packet label.

use super::Lang;
use crate::model::dns::{Answer, RData};
use crate::model::event::EventKind;
use crate::model::edit::{self, Comparison};
use crate::model::Scenario;
use crate::model::host::{Host, Role};
use crate::model::retry::RetryPolicy;
use crate::model::smtp::FaultMode;

/// "Sender", "MX1", "Resolver", the zone's origin, "Root DNS"; `None` for a
/// host known only by its name.
pub fn host_label(host: &Host, lang: Lang) -> Option<String> {
    match (lang, host.role) {
        (Lang::En, Role::Sender) => Some("Sender".into()),
        (Lang::En, Role::Client) => Some("Client".into()),
        (Lang::En, Role::Mx(rank)) => Some(format!("MX{rank}")),
        (Lang::En, Role::Mail) => Some("Mail".into()),
        (Lang::En, Role::Resolver) => Some("Resolver".into()),
        (Lang::En, Role::Zone) => host.origin.as_deref().map(str::to_string),
        (Lang::En, Role::Root) => Some("Root DNS".into()),
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
    match (lang, mode) {
        (Lang::En, FaultMode::Normal) => "working normally",
        (Lang::En, FaultMode::Refuse) => "refusing connections",
        (Lang::En, FaultMode::Busy) => "busy at the greeting (421)",
        (Lang::En, FaultMode::GreetingRejected) => "no SMTP service (554 greeting)",
        (Lang::En, FaultMode::ShuttingDown) => "shutting down mid-session (421)",
        (Lang::En, FaultMode::SenderTempfail) => "failing at MAIL FROM (451)",
        (Lang::En, FaultMode::SenderRejected) => "refusing the sender (550)",
        (Lang::En, FaultMode::Greylist) => "greylisting (450)",
        (Lang::En, FaultMode::MailboxBusy) => "mailbox busy (450)",
        (Lang::En, FaultMode::Reject) => "rejecting mail (550)",
        (Lang::En, FaultMode::MailboxFull) => "mailbox full (452)",
        (Lang::En, FaultMode::DataTempfail) => "failing at DATA (451)",
        (Lang::En, FaultMode::DataRejected) => "refusing DATA (554)",
        (Lang::En, FaultMode::NoStorage) => "out of disk after the body (452)",
        (Lang::En, FaultMode::TooBig) => "message too big (552)",
        (Lang::En, FaultMode::BodyRejected) => "refusing the message (554)",
        (Lang::En, FaultMode::DropAfterBody) => "dropping the line before its 250",
    }
}

/// The status line under a server's name on the stage: words, not only
/// colour, and short enough for a small box.
pub fn status_words(up: bool, fault: FaultMode, lang: Lang) -> &'static str {
    let Lang::En = lang;
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
        FaultMode::DropAfterBody => "up, drops before 250",
    }
}

pub fn retry_name(policy: &RetryPolicy, lang: Lang) -> &'static str {
    match (lang, policy) {
        (Lang::En, RetryPolicy::Postfix(_)) => "Postfix defaults",
        (Lang::En, RetryPolicy::Exim) => "Exim defaults",
        (Lang::En, RetryPolicy::RfcMinimum) => "RFC 5321 minimum",
        (Lang::En, RetryPolicy::Custom { .. }) => "custom",
    }
}

/// A short summary of an answer for a packet label: "10 mx1.example.com. 20 mx2.example.com."
pub fn answer_label(answer: &Answer) -> String {
    match answer {
        Answer::Records(rrs) => rrs
            .iter()
            .map(|r| match &r.data {
                RData::Mx { preference, host } if host.is_empty() => format!("{preference} ."),
                RData::Mx { preference, host } => format!("{preference} {host}."),
                RData::Addr(a) => a.to_string(),
                RData::Cname(target) => format!("CNAME {target}."),
            })
            .collect::<Vec<_>>()
            .join(" "),
        Answer::NoData { .. } => "no records".into(),
        Answer::NxDomain { .. } => "NXDOMAIN".into(),
        Answer::ServFail => "SERVFAIL".into(),
    }
}

/// A DNS answer one record per item, for a table cell that may wrap.
pub fn answer_lines(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Records(rrs) => rrs.iter().map(|r| answer_label(&Answer::Records(std::rc::Rc::from([r.clone()])))).collect(),
        other => vec![answer_label(other)],
    }
}

/// A DNS answer as a stage label (about 20 characters): hosts by their first
/// label, and an address with the name it belongs to, so that a label seen
/// near the wrong box still says whose it is: "MX 10 mx1, 20 mx2",
/// "mx2 = 203.0.113.20". The whole answer is in the narration and the log.
pub fn answer_pill(name: &str, answer: &Answer) -> String {
    let short = |host: &str| host.split('.').next().unwrap_or(host).to_string();
    match answer {
        Answer::Records(rrs) if !rrs.is_empty() && rrs.iter().all(|r| matches!(r.data, RData::Mx { .. })) => {
            let hosts: Vec<String> = rrs
                .iter()
                .filter_map(|r| match &r.data {
                    RData::Mx { preference, host } if host.is_empty() => Some(format!("{preference} .")),
                    RData::Mx { preference, host } => Some(format!("{preference} {}", short(host))),
                    _ => None,
                })
                .collect();
            format!("MX {}", hosts.join(", "))
        }
        Answer::Records(rrs) if !rrs.is_empty() && rrs.iter().all(|r| matches!(r.data, RData::Addr(_))) => {
            format!("{} = {}", short(name), answer_label(answer))
        }
        _ => answer_label(answer),
    }
}

/// The two worlds of a comparison, this one first: "with the backup MX (mx2.example.com)", "without a backup MX".
pub fn comparison_labels(c: Comparison, this: &Scenario, other: &Scenario, lang: Lang) -> (String, String) {
    let Lang::En = lang;
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
    match (lang, c) {
        (Lang::En, Comparison::Backup) => "with and without a backup MX",
        (Lang::En, Comparison::Retry) => "Postfix versus Exim retries",
        (Lang::En, Comparison::Ttl) => "TTL 300 s versus 86400 s",
    }
}

/// A few words for an event that happens at one host, for the stage; the
/// packets that travel carry their protocol line instead (`Narrator::packet_label`).
pub fn event_tag(kind: &EventKind, lang: Lang) -> String {
    let Lang::En = lang;
    match kind {
        EventKind::Enqueued { .. } => "queued".into(),
        EventKind::AttemptStarted { attempt, .. } => format!("attempt {attempt}"),
        EventKind::DnsQuery { rtype, name, .. } => format!("{}? {name}", rtype.as_str()),
        EventKind::DnsAnswer { answer, .. } => answer_label(answer),
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
    use crate::model::dns::Rr;

    fn rr(data: RData) -> Rr {
        Rr { name: "example.com".into(), ttl: 300, data }
    }

    #[test]
    fn answer_pills_say_whose_answer_they_are_in_20_characters() {
        let mx = Answer::Records(vec![
            rr(RData::Mx { preference: 10, host: "mx1.example.com".into() }),
            rr(RData::Mx { preference: 20, host: "mx2.example.com".into() }),
        ].into());
        assert_eq!(answer_pill("example.com", &mx), "MX 10 mx1, 20 mx2");
        let a = Answer::Records(vec![rr(RData::Addr([203, 0, 113, 20].into()))].into());
        assert_eq!(answer_pill("mx2.example.com", &a), "mx2 = 203.0.113.20");
        assert_eq!(answer_pill("example.com", &Answer::ServFail), "SERVFAIL");
    }
}

//! Every structural change of a scenario, in one place: servers added,
//! removed or given another role, their settings, outages, retries, and the
//! second world of a comparison. The editors and the player only call these;
//! each returns a new scenario, which the caller still has to validate.
//!
//! Servers are named by host name, compared as DNS compares them (any case,
//! with or without the final dot).

use super::address::normalize_domain;
use super::retry::RetryPolicy;
use super::scenario::{default_resolver, Action, MailServer, Record, Scenario, TimedAction};
use super::smtp::FaultMode;

/// Whether two names are the same host.
pub fn same_host(a: &str, b: &str) -> bool {
    let norm = |n: &str| normalize_domain(n).unwrap_or_else(|_| n.trim_end_matches('.').to_ascii_lowercase());
    norm(a) == norm(b)
}

/// What a mail server is for the recipients' domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerRole {
    /// Writes the domain's mail into users' folders.
    Final,
    /// Accepts the domain's mail, queues it and forwards it (a backup MX).
    Backup,
    /// Not configured for the domain.
    Neither,
}

impl ServerRole {
    pub const ALL: [ServerRole; 3] = [ServerRole::Final, ServerRole::Backup, ServerRole::Neither];

    pub fn of(m: &MailServer) -> ServerRole {
        if !m.mailboxes_for.is_empty() {
            ServerRole::Final
        } else if !m.relay_for.is_empty() {
            ServerRole::Backup
        } else {
            ServerRole::Neither
        }
    }
}

/// The one setting a side-by-side comparison changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// With and without the backup MX.
    Backup,
    /// Postfix's retry schedule versus Exim's.
    Retry,
    /// Short TTLs (300 s) versus a day (86400 s).
    Ttl,
}

impl Comparison {
    pub const ALL: [Comparison; 3] = [Comparison::Backup, Comparison::Retry, Comparison::Ttl];
}

/// The recipient domain the servers serve: the first domain a server other
/// than the sender is final or backup for.
pub fn recipient_domain(s: &Scenario) -> String {
    s.servers
        .iter()
        .filter(|m| !same_host(&m.host, &s.sender))
        .find_map(|m| m.mailboxes_for.first().or(m.relay_for.first()).cloned())
        .unwrap_or_else(|| "example.com".into())
}

/// The servers that can be edited: every one but the sender.
pub fn editable_servers(s: &Scenario) -> impl Iterator<Item = &MailServer> {
    s.servers.iter().filter(|m| !same_host(&m.host, &s.sender))
}

fn with_server(s: &Scenario, host: &str, change: impl FnOnce(&mut MailServer)) -> Scenario {
    let mut s = s.clone();
    if let Some(m) = s.servers.iter_mut().find(|m| same_host(&m.host, host)) {
        change(m);
    }
    s
}

pub fn set_role(s: &Scenario, host: &str, role: ServerRole) -> Scenario {
    let domain = recipient_domain(s);
    with_server(s, host, |m| match role {
        ServerRole::Final => {
            m.relay_for.clear();
            m.relay_recipients = None;
            m.mailboxes_for = vec![domain];
            if m.mailboxes.is_empty() {
                m.mailboxes = vec!["bob".into()];
            }
        }
        ServerRole::Backup => {
            m.mailboxes_for.clear();
            m.relay_for = vec![domain];
        }
        ServerRole::Neither => {
            m.mailboxes_for.clear();
            m.relay_for.clear();
        }
    })
}

/// A backup that knows the valid recipients rejects others at RCPT time;
/// one that does not accepts anybody (rules.md 6.4).
pub fn set_knows_recipients(s: &Scenario, host: &str, knows: bool) -> Scenario {
    with_server(s, host, |m| m.relay_recipients = knows.then(|| vec!["bob".to_string()]))
}

pub fn set_fault(s: &Scenario, host: &str, fault: FaultMode) -> Scenario {
    with_server(s, host, |m| m.fault = fault)
}

/// A fixed next hop for the domains it relays for (Postfix `transport_maps`),
/// or none: ask DNS for the MX records.
pub fn set_next_hop(s: &Scenario, host: &str, next_hop: Option<String>) -> Scenario {
    with_server(s, host, |m| m.next_hop = next_hop)
}

pub fn set_down_from_start(s: &Scenario, host: &str, down: bool) -> Scenario {
    with_server(s, host, |m| m.down = down)
}

/// Removes a server, the MX and address records that name it, and the
/// timeline entries about it.
pub fn remove_server(s: &Scenario, host: &str) -> Scenario {
    let mut s = s.clone();
    s.servers.retain(|m| !same_host(&m.host, host));
    for z in &mut s.zones {
        z.records.retain(|r| match r {
            Record::MX { host: h, .. } => !same_host(h, host),
            other => !same_host(other.name(), host),
        });
    }
    s.timeline.retain(|t| match &t.action {
        Action::Down { host: h } | Action::Up { host: h } | Action::Fault { host: h, .. } => !same_host(h, host),
        _ => true,
    });
    s
}

/// Adds a backup MX for the recipient domain: a server that relays and
/// knows the recipients, an MX record one step worse than the worst, and its
/// address record.
pub fn add_backup(s: &Scenario) -> Scenario {
    let mut s = s.clone();
    let domain = recipient_domain(&s);
    let n = (2..50).find(|n| !s.servers.iter().any(|m| same_host(&m.host, &format!("mx{n}.{domain}")))).unwrap_or(9);
    let host = format!("mx{n}.{domain}");
    let address = (20..250)
        .map(|k| format!("203.0.113.{k}"))
        .find(|a| !s.servers.iter().any(|m| m.address == *a))
        .unwrap_or_default();
    let worst = s
        .zones
        .iter()
        .flat_map(|z| &z.records)
        .filter_map(|r| match r {
            Record::MX { preference, .. } => Some(*preference),
            _ => None,
        })
        .max()
        .unwrap_or(10);
    if let Some(z) = s.zones.iter_mut().find(|z| same_host(&z.origin, &domain)) {
        z.records.push(Record::MX { name: domain.clone(), ttl: 3600, preference: (worst + 10).min(65_535), host: host.clone() });
        z.records.push(Record::A { name: host.clone(), ttl: 3600, address: address.clone() });
    }
    s.servers.push(MailServer {
        host,
        address,
        resolver: default_resolver(),
        mailboxes_for: vec![],
        mailboxes: vec![],
        busy_mailboxes: vec![],
        relay_for: vec![domain],
        relay_recipients: Some(vec!["bob".into()]),
        down: false,
        fault: FaultMode::Normal,
        retry: None,
        next_hop: None,
        sends_bounces: true,
        skip_5xx_greeting: true,
    });
    s
}

/// A scheduled outage: `host` down at `from` and up at `to`, seconds after the start.
pub fn add_outage(s: &Scenario, host: &str, from: u64, to: u64) -> Scenario {
    let mut s = s.clone();
    s.timeline.push(TimedAction { at: from as f64, action: Action::Down { host: host.to_string() } });
    s.timeline.push(TimedAction { at: to as f64, action: Action::Up { host: host.to_string() } });
    s
}

pub fn set_retry(s: &Scenario, policy: RetryPolicy) -> Scenario {
    let mut s = s.clone();
    s.retry = policy;
    s
}

pub fn set_queue_lifetime(s: &Scenario, lifetime: Option<u64>) -> Scenario {
    let mut s = s.clone();
    s.queue_lifetime = lifetime;
    s
}

/// An action at `at_ms` after the start, added to the timeline.
pub fn intervene(s: &Scenario, at_ms: u64, action: Action) -> Scenario {
    let mut s = s.clone();
    s.timeline.push(TimedAction { at: at_ms as f64 / 1000.0, action });
    s
}

/// Both worlds of a comparison: this one (which may change too, so that
/// the two differ in the one setting alone) and the other.
pub fn comparison(s: &Scenario, c: Comparison) -> (Scenario, Scenario) {
    match c {
        Comparison::Backup => {
            let backups: Vec<String> = s.servers.iter().filter(|m| !m.relay_for.is_empty()).map(|m| m.host.clone()).collect();
            let without = backups.iter().fold(s.clone(), |w, b| remove_server(&w, b));
            (s.clone(), without)
        }
        Comparison::Retry => {
            let mut b = s.clone();
            b.retry = if matches!(s.retry, RetryPolicy::Exim(_)) { RetryPolicy::postfix() } else { RetryPolicy::exim() };
            b.queue_lifetime = None;
            for m in &mut b.servers {
                m.retry = None;
            }
            (s.clone(), b)
        }
        Comparison::Ttl => (with_ttl(s, 300), with_ttl(s, 86_400)),
    }
}

/// The backup servers of a scenario, by host name.
pub fn backups(s: &Scenario) -> Vec<String> {
    s.servers.iter().filter(|m| !m.relay_for.is_empty()).map(|m| m.host.clone()).collect()
}

fn with_ttl(s: &Scenario, ttl: i64) -> Scenario {
    let mut s = s.clone();
    for z in &mut s.zones {
        for r in &mut z.records {
            match r {
                Record::MX { ttl: t, .. } | Record::A { ttl: t, .. } | Record::AAAA { ttl: t, .. } | Record::CNAME { ttl: t, .. } => {
                    *t = ttl
                }
            }
        }
    }
    s
}

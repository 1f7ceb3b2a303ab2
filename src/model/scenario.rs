//! The scenario: everything a run starts from, as JSON a person can write
//! (see docs/scenario.md), and its validation into typed errors that name
//! the field and the rule.

use super::address::{normalize_domain, Address, DomainError};
use super::dns::ZoneStatus;
use super::retry::RetryPolicy;
use super::smtp::FaultMode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::net::IpAddr;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub explanation: String,
    /// Seeds the one random source: the shuffle of equal MX preferences.
    #[serde(default)]
    pub seed: u64,
    /// Host name of the mail server that alice's mail program submits to.
    pub sender: String,
    pub zones: Vec<Zone>,
    pub servers: Vec<MailServer>,
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Faults and changes at given times, and what a reader did.
    #[serde(default)]
    pub timeline: Vec<TimedAction>,
    #[serde(default)]
    pub retry: RetryPolicy,
    /// Overrides the policy's queue lifetime, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_lifetime: Option<u64>,
    #[serde(default)]
    pub timing: Timing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub origin: String,
    #[serde(default)]
    pub status: ZoneStatus,
    #[serde(default)]
    pub soa: Soa,
    #[serde(default)]
    pub records: Vec<Record>,
}

/// The two SOA numbers that set negative caching: min(ttl, minimum).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Soa {
    pub ttl: i64,
    pub minimum: i64,
}

impl Default for Soa {
    fn default() -> Self {
        Soa { ttl: 3600, minimum: 300 }
    }
}

/// Numbers are wide here so that an out-of-range value reaches validation
/// and gets a message naming its rule, instead of a bare parse error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum Record {
    MX { name: String, ttl: i64, preference: i64, host: String },
    A { name: String, ttl: i64, address: String },
    AAAA { name: String, ttl: i64, address: String },
}

impl Record {
    pub fn name(&self) -> &str {
        match self {
            Record::MX { name, .. } | Record::A { name, .. } | Record::AAAA { name, .. } => name,
        }
    }
    pub fn ttl(&self) -> i64 {
        match self {
            Record::MX { ttl, .. } | Record::A { ttl, .. } | Record::AAAA { ttl, .. } => *ttl,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailServer {
    pub host: String,
    pub address: String,
    /// The resolver this server asks; servers may share one.
    #[serde(default = "default_resolver")]
    pub resolver: String,
    /// Domains whose mail this server writes into mailboxes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mailboxes_for: Vec<String>,
    /// Local parts that exist here (postmaster always does).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mailboxes: Vec<String>,
    /// Domains this server accepts and queues for, as a backup MX.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relay_for: Vec<String>,
    /// Which local parts the backup knows to exist; absent: it accepts anybody.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_recipients: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub down: bool,
    #[serde(default, skip_serializing_if = "is_normal")]
    pub fault: FaultMode,
    /// This server's own schedule; the scenario's when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<RetryPolicy>,
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_normal(f: &FaultMode) -> bool {
    *f == FaultMode::Normal
}
pub fn default_resolver() -> String {
    "resolver.isp.example".into()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Seconds after the start at which alice presses Send.
    #[serde(default)]
    pub at: f64,
    pub from: String,
    pub to: Vec<String>,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimedAction {
    /// Seconds after the start.
    pub at: f64,
    #[serde(flatten)]
    pub action: Action,
}

/// A fault, a change or an intervention; the same list serves the scenario's
/// timeline and a reader's clicks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Action {
    Down { host: String },
    Up { host: String },
    Fault { host: String, mode: FaultMode },
    /// Replace a zone at its authority (a record changed, added, removed).
    SetZone { zone: Zone },
    ZoneStatus { origin: String, status: ZoneStatus },
    FlushCache { resolver: String },
    Send { message: Message },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Timing {
    /// One way, client to resolver or resolver to authority.
    pub dns_ms: u64,
    /// One way between mail servers.
    pub smtp_ms: u64,
    /// How long a client waits for a host that does not answer (Postfix
    /// `smtp_connect_timeout`).
    pub connect_timeout_secs: u64,
    /// postgrey's default `--delay`.
    pub greylist_delay_secs: u64,
    /// How long the resolver remembers a SERVFAIL (at most 300, RFC 2308 7.1).
    pub servfail_cache_secs: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Timing { dns_ms: 15, smtp_ms: 40, connect_timeout_secs: 30, greylist_delay_secs: 300, servfail_cache_secs: 30 }
    }
}

/// What went wrong, where, and by which rule.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// A path into the scenario: `zones[1].records[0].preference`.
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    UnknownHost(String),
    PreferenceOutOfRange(i64),
    TtlOutOfRange(i64),
    BadAddress(String, String),
    BadName(String, DomainError),
    MxHostIsAddress(String),
    MxHostEmpty,
    Duplicate(String),
    NullMxNotAlone,
    NameOutsideZone(String, String),
    BadIp(String),
    BadTime(f64),
    NoRecipients,
    SenderNotAServer(String),
    BadRetry(&'static str),
    TimingOutOfRange(&'static str),
    TooLarge(&'static str, usize),
}

impl Problem {
    /// The rule the value breaks, for the message and for the docs.
    pub fn rule(&self) -> &'static str {
        match self {
            Problem::PreferenceOutOfRange(_) => "RFC 5321 5.1: an MX preference is a 16-bit number, 0 to 65535",
            Problem::TtlOutOfRange(_) => "RFC 2181 8: a TTL is 0 to 2147483647 seconds",
            Problem::BadAddress(..) => "RFC 5321 4.1.2 and 4.5.3.1: local-part@domain, 64/255/256 octets at most",
            Problem::BadName(..) => "RFC 1035 2.3.1: labels of letters, digits and hyphens, 63 octets each",
            Problem::MxHostIsAddress(_) => "RFC 5321 5.1: an MX record names a host, never an address",
            Problem::MxHostEmpty => "RFC 5321 5.1: an MX record must name a host (\".\" alone is the null MX)",
            Problem::NullMxNotAlone => "RFC 7505 3: a null MX must be the only MX record of its domain",
            Problem::Duplicate(_) => "each name may appear once",
            Problem::NameOutsideZone(..) => "a zone holds only names at or below its origin",
            Problem::BadIp(_) => "an A record holds an IPv4 address, an AAAA record an IPv6 address",
            Problem::BadTime(_) => "times are seconds from the start, 0 to 1 year",
            Problem::NoRecipients => "a message needs at least one recipient",
            Problem::UnknownHost(_) | Problem::SenderNotAServer(_) => "every host named must be declared",
            Problem::BadRetry(_) => "DELIVERY-RULES 5.2: a retry schedule must make progress and end",
            Problem::TimingOutOfRange(_) => "timings must be positive; a SERVFAIL is kept at most 300 s (RFC 2308 7.1)",
            Problem::TooLarge(..) => "the scenario must stay small enough to animate",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownHost(h) => write!(f, "no server or resolver called {h:?}"),
            Problem::PreferenceOutOfRange(p) => write!(f, "preference {p} is outside 0 to 65535"),
            Problem::TtlOutOfRange(t) => write!(f, "TTL {t} is outside 0 to 2147483647"),
            Problem::BadAddress(a, why) => write!(f, "{a:?} is not a valid address: {why}"),
            Problem::BadName(n, why) => write!(f, "{n:?} is not a valid host name: {why}"),
            Problem::MxHostIsAddress(a) => write!(f, "{a:?} is an IP address; an MX must name a host"),
            Problem::MxHostEmpty => write!(f, "the MX host is empty"),
            Problem::Duplicate(n) => write!(f, "{n:?} appears twice"),
            Problem::NullMxNotAlone => write!(f, "a null MX (\"0 .\") is mixed with other MX records"),
            Problem::NameOutsideZone(n, o) => write!(f, "{n:?} is not inside the zone {o:?}"),
            Problem::BadIp(a) => write!(f, "{a:?} is not an address of the record's kind"),
            Problem::BadTime(_) => write!(f, "the time is not a number of seconds from 0 to 31536000"),
            Problem::NoRecipients => write!(f, "no recipients"),
            Problem::SenderNotAServer(h) => write!(f, "the sender {h:?} is not one of the servers"),
            Problem::BadRetry(why) => write!(f, "{why}"),
            Problem::TimingOutOfRange(which) => write!(f, "{which} is out of range"),
            Problem::TooLarge(what, n) => write!(f, "too many {what} (at most {n})"),
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.field, self.problem, self.problem.rule())
    }
}

impl std::error::Error for ScenarioError {}

fn err(field: impl Into<String>, problem: Problem) -> ScenarioError {
    ScenarioError { field: field.into(), problem }
}

pub const MAX_TTL: i64 = 2_147_483_647;
const MAX_TIME_SECS: f64 = 365.0 * 86_400.0;
/// Bounds that keep a hostile or mistaken scenario from freezing the page.
pub const MAX_ZONES: usize = 32;
pub const MAX_RECORDS: usize = 256;
pub const MAX_SERVERS: usize = 16;
pub const MAX_MESSAGES: usize = 200;
pub const MAX_TIMELINE: usize = 500;
pub const MAX_TEXT: usize = 20_000;

pub fn check_name(field: &str, name: &str) -> Result<String, ScenarioError> {
    normalize_domain(name).map_err(|e| match e {
        DomainError::IsAnAddress(a) => err(field, Problem::MxHostIsAddress(a)),
        other => err(field, Problem::BadName(name.to_string(), other)),
    })
}

pub fn check_address(field: &str, text: &str) -> Result<Address, ScenarioError> {
    Address::parse(text).map_err(|e| err(field, Problem::BadAddress(text.to_string(), e.to_string())))
}

pub fn check_time(field: &str, at: f64) -> Result<u64, ScenarioError> {
    if at.is_finite() && (0.0..=MAX_TIME_SECS).contains(&at) {
        Ok((at * 1000.0).round() as u64)
    } else {
        Err(err(field, Problem::BadTime(at)))
    }
}

fn check_ttl(field: &str, ttl: i64) -> Result<u32, ScenarioError> {
    if (0..=MAX_TTL).contains(&ttl) { Ok(ttl as u32) } else { Err(err(field, Problem::TtlOutOfRange(ttl))) }
}

impl Zone {
    /// Checks one zone; `at` is its path, for the error.
    pub fn check(&self, at: &str) -> Result<(), ScenarioError> {
        let origin = check_name(&format!("{at}.origin"), &self.origin)?;
        check_ttl(&format!("{at}.soa.ttl"), self.soa.ttl)?;
        check_ttl(&format!("{at}.soa.minimum"), self.soa.minimum)?;
        if self.records.len() > MAX_RECORDS {
            return Err(err(format!("{at}.records"), Problem::TooLarge("records", MAX_RECORDS)));
        }
        let mut mx_at_name: BTreeSet<String> = BTreeSet::new();
        let mut null_at_name: BTreeSet<String> = BTreeSet::new();
        for (i, r) in self.records.iter().enumerate() {
            let f = format!("{at}.records[{i}]");
            let name = check_name(&format!("{f}.name"), r.name())?;
            if !super::dns::in_zone(&name, &origin) {
                return Err(err(format!("{f}.name"), Problem::NameOutsideZone(name, origin)));
            }
            check_ttl(&format!("{f}.ttl"), r.ttl())?;
            match r {
                Record::MX { preference, host, .. } => {
                    if !(0..=65_535).contains(preference) {
                        return Err(err(format!("{f}.preference"), Problem::PreferenceOutOfRange(*preference)));
                    }
                    let host_field = format!("{f}.host");
                    if host.trim().is_empty() {
                        return Err(err(host_field, Problem::MxHostEmpty));
                    }
                    let is_null = host == ".";
                    if !is_null {
                        check_name(&host_field, host)?;
                    }
                    let (seen_null, seen_mx) = (null_at_name.contains(&name), mx_at_name.contains(&name));
                    if (is_null && (seen_mx || *preference != 0)) || (!is_null && seen_null) {
                        return Err(err(f, Problem::NullMxNotAlone));
                    }
                    if is_null {
                        null_at_name.insert(name.clone());
                    }
                    mx_at_name.insert(name);
                }
                Record::A { address, .. } => {
                    if !matches!(address.parse::<IpAddr>(), Ok(IpAddr::V4(_))) {
                        return Err(err(format!("{f}.address"), Problem::BadIp(address.clone())));
                    }
                }
                Record::AAAA { address, .. } => {
                    if !matches!(address.parse::<IpAddr>(), Ok(IpAddr::V6(_))) {
                        return Err(err(format!("{f}.address"), Problem::BadIp(address.clone())));
                    }
                }
            }
        }
        Ok(())
    }
}

impl Message {
    pub fn check(&self, at: &str) -> Result<(), ScenarioError> {
        check_time(&format!("{at}.at"), self.at)?;
        check_address(&format!("{at}.from"), &self.from)?;
        if self.to.is_empty() {
            return Err(err(format!("{at}.to"), Problem::NoRecipients));
        }
        if self.to.len() > 50 {
            return Err(err(format!("{at}.to"), Problem::TooLarge("recipients", 50)));
        }
        for (i, to) in self.to.iter().enumerate() {
            check_address(&format!("{at}.to[{i}]"), to)?;
        }
        if self.subject.len() + self.body.len() > MAX_TEXT {
            return Err(err(format!("{at}.body"), Problem::TooLarge("characters", MAX_TEXT)));
        }
        Ok(())
    }
}

impl Scenario {
    /// Bounds on size for input from outside (links, pasted files, forms),
    /// so that a hostile scenario cannot freeze the page. Programs such as
    /// the benchmark may build larger ones.
    pub fn check_size(&self) -> Result<(), ScenarioError> {
        if self.zones.len() > MAX_ZONES {
            return Err(err("zones", Problem::TooLarge("zones", MAX_ZONES)));
        }
        if self.servers.len() > MAX_SERVERS {
            return Err(err("servers", Problem::TooLarge("servers", MAX_SERVERS)));
        }
        if self.messages.len() > MAX_MESSAGES {
            return Err(err("messages", Problem::TooLarge("messages", MAX_MESSAGES)));
        }
        if self.timeline.len() > MAX_TIMELINE {
            return Err(err("timeline", Problem::TooLarge("timeline entries", MAX_TIMELINE)));
        }
        Ok(())
    }

    /// Every check of the rules, first failure first. A scenario that passes
    /// can be simulated without any further error.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let mut origins = BTreeSet::new();
        for (i, z) in self.zones.iter().enumerate() {
            z.check(&format!("zones[{i}]"))?;
            if !origins.insert(normalize_domain(&z.origin).unwrap_or_default()) {
                return Err(err(format!("zones[{i}].origin"), Problem::Duplicate(z.origin.clone())));
            }
        }
        let mut hosts = BTreeSet::new();
        let mut addresses = BTreeSet::new();
        let mut resolvers = BTreeSet::new();
        for (i, s) in self.servers.iter().enumerate() {
            let f = format!("servers[{i}]");
            let host = check_name(&format!("{f}.host"), &s.host)?;
            if !hosts.insert(host) {
                return Err(err(format!("{f}.host"), Problem::Duplicate(s.host.clone())));
            }
            let ip: IpAddr =
                s.address.parse().map_err(|_| err(format!("{f}.address"), Problem::BadIp(s.address.clone())))?;
            if !addresses.insert(ip) {
                return Err(err(format!("{f}.address"), Problem::Duplicate(s.address.clone())));
            }
            resolvers.insert(check_name(&format!("{f}.resolver"), &s.resolver)?);
            for (j, d) in s.mailboxes_for.iter().enumerate() {
                check_name(&format!("{f}.mailboxes_for[{j}]"), d)?;
            }
            for (j, d) in s.relay_for.iter().enumerate() {
                check_name(&format!("{f}.relay_for[{j}]"), d)?;
            }
            for (j, m) in s.mailboxes.iter().chain(s.relay_recipients.iter().flatten()).enumerate() {
                check_address(&format!("{f}.mailboxes[{j}]"), &format!("{m}@example.com"))?;
            }
            if let Some(r) = &s.retry {
                r.check().map_err(|why| err(format!("{f}.retry"), Problem::BadRetry(why)))?;
            }
        }
        for r in &resolvers {
            if hosts.contains(r) {
                return Err(err("servers.resolver", Problem::Duplicate(r.clone())));
            }
        }
        let sender = check_name("sender", &self.sender)?;
        if !hosts.contains(&sender) {
            return Err(err("sender", Problem::SenderNotAServer(self.sender.clone())));
        }
        for (i, m) in self.messages.iter().enumerate() {
            m.check(&format!("messages[{i}]"))?;
        }
        for (i, t) in self.timeline.iter().enumerate() {
            let f = format!("timeline[{i}]");
            check_time(&format!("{f}.at"), t.at)?;
            self.check_action(&f, &t.action, &hosts, &resolvers)?;
        }
        self.retry.check().map_err(|why| err("retry", Problem::BadRetry(why)))?;
        if let Some(l) = self.queue_lifetime
            && (l == 0 || l > 365 * 86_400)
        {
            return Err(err("queue_lifetime", Problem::BadRetry("the lifetime must be between 1 second and 1 year")));
        }
        let t = &self.timing;
        let bad = |w| Err(err("timing", Problem::TimingOutOfRange(w)));
        if t.dns_ms == 0 || t.dns_ms > 10_000 {
            return bad("dns_ms");
        }
        if t.smtp_ms == 0 || t.smtp_ms > 10_000 {
            return bad("smtp_ms");
        }
        if t.connect_timeout_secs == 0 || t.connect_timeout_secs > 600 {
            return bad("connect_timeout_secs");
        }
        if t.greylist_delay_secs > 86_400 {
            return bad("greylist_delay_secs");
        }
        if t.servfail_cache_secs > 300 {
            return bad("servfail_cache_secs");
        }
        Ok(())
    }

    fn check_action(
        &self,
        f: &str,
        action: &Action,
        hosts: &BTreeSet<String>,
        resolvers: &BTreeSet<String>,
    ) -> Result<(), ScenarioError> {
        let known = |field: String, h: &str, set: &BTreeSet<String>| {
            let n = check_name(&field, h)?;
            if set.contains(&n) { Ok(()) } else { Err(err(field, Problem::UnknownHost(h.to_string()))) }
        };
        match action {
            Action::Down { host } | Action::Up { host } | Action::Fault { host, .. } => {
                known(format!("{f}.host"), host, hosts)
            }
            Action::FlushCache { resolver } => known(format!("{f}.resolver"), resolver, resolvers),
            Action::SetZone { zone } => zone.check(&format!("{f}.zone")),
            Action::ZoneStatus { origin, .. } => {
                let o = check_name(&format!("{f}.origin"), origin)?;
                if self.zones.iter().any(|z| normalize_domain(&z.origin).ok().as_deref() == Some(&o)) {
                    Ok(())
                } else {
                    Err(err(format!("{f}.origin"), Problem::UnknownHost(origin.clone())))
                }
            }
            Action::Send { message } => message.check(&format!("{f}.message")),
        }
    }

    /// The scenario as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a scenario always serialises")
    }

    /// Parses and validates JSON; the error is one readable sentence.
    pub fn from_json(text: &str) -> Result<Scenario, String> {
        let s: Scenario = serde_json::from_str(text).map_err(|e| format!("not a valid scenario: {e}"))?;
        s.check_size().map_err(|e| e.to_string())?;
        s.validate().map_err(|e| e.to_string())?;
        Ok(s)
    }
}

/// The editable form of a zone as an authority serves it now.
pub fn zone_from_data(z: &super::dns::ZoneData) -> Zone {
    use super::dns::RData;
    let records = z
        .records
        .iter()
        .map(|r| {
            let name = r.name.to_string();
            let ttl = i64::from(r.ttl);
            match &r.data {
                RData::Mx { preference, host } => Record::MX {
                    name,
                    ttl,
                    preference: i64::from(*preference),
                    host: if host.is_empty() { ".".into() } else { host.to_string() },
                },
                RData::Addr(IpAddr::V4(a)) => Record::A { name, ttl, address: a.to_string() },
                RData::Addr(IpAddr::V6(a)) => Record::AAAA { name, ttl, address: a.to_string() },
            }
        })
        .collect();
    Zone {
        origin: z.origin.to_string(),
        status: z.status,
        soa: Soa { ttl: i64::from(z.soa_ttl), minimum: i64::from(z.soa_minimum) },
        records,
    }
}

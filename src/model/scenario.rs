//! The scenario: everything a run starts from, as JSON a person can write
//! (see docs/scenario.md). `world.rs` checks it into a `World`; a failure is
//! a typed error that names the field and the problem.

use super::address::{AddressError, DomainError};
use super::dns::ZoneStatus;
use super::retry::{RetryPolicy, RetryProblem};
use super::smtp::FaultMode;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// How many `Received:` headers a server accepts before it calls the
    /// message a forwarding loop (Postfix `hopcount_limit`: 50; Exim 30).
    #[serde(default = "default_hop_limit", skip_serializing_if = "is_default_hop_limit")]
    pub hop_limit: u32,
    #[serde(default)]
    pub timing: Timing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
/// Written with its `type` tag; read by `format.rs` (no buffering, the same JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum Record {
    MX { name: String, ttl: i64, preference: i64, host: String },
    A { name: String, ttl: i64, address: String },
    AAAA { name: String, ttl: i64, address: String },
    /// An alias: `name` is another name for `target`.
    CNAME { name: String, ttl: i64, target: String },
}

impl Record {
    pub fn name(&self) -> &str {
        match self {
            Record::MX { name, .. } | Record::A { name, .. } | Record::AAAA { name, .. } | Record::CNAME { name, .. } => name,
        }
    }
    pub fn ttl(&self) -> i64 {
        match self {
            Record::MX { ttl, .. } | Record::A { ttl, .. } | Record::AAAA { ttl, .. } | Record::CNAME { ttl, .. } => *ttl,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Of those, the ones whose mailbox is busy: RCPT TO for them answers
    /// 450 4.2.0 Mailbox busy, while the others are taken (one recipient
    /// deferred among several, rules.md 4.10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub busy_mailboxes: Vec<String>,
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
    /// Send mail to this host instead of asking DNS for MX records (Postfix
    /// `transport_maps` with `smtp:[host]`): the mail for the domains in
    /// `relay_for`, or all mail when that list is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_hop: Option<String>,
    /// Whether it reports failures to the sender. A spammer's machine does
    /// not: it moves on to the next victim.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub sends_bounces: bool,
    /// Whether a 5yz greeting only means "try another server later"
    /// (Postfix's `smtp_skip_5xx_greeting`, on by default), or is taken at
    /// its word: the message bounces at once (rules.md 4.4).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub skip_5xx_greeting: bool,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_normal(f: &FaultMode) -> bool {
    *f == FaultMode::Normal
}
pub fn default_hop_limit() -> u32 {
    50
}
fn is_default_hop_limit(n: &u32) -> bool {
    *n == default_hop_limit()
}
pub fn default_resolver() -> String {
    "resolver.isp.example".into()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The server the message is handed to; the scenario's `sender` when
    /// absent. Another client (a spammer's machine) is another server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

/// Written flat (`at` beside the action's `do`); read by `format.rs` (no
/// buffering, the same JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimedAction {
    /// Seconds after the start.
    pub at: f64,
    #[serde(flatten)]
    pub action: Action,
}

/// A fault, a change or an intervention; the same list serves the scenario's
/// timeline and a reader's clicks.
/// Written with its `do` tag; read as part of a `TimedAction`.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
#[serde(default)]
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
    /// How long a resolver waits for an authority that does not answer,
    /// and how often it asks before it answers SERVFAIL.
    pub dns_timeout_secs: u64,
    pub dns_tries: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            dns_ms: 15,
            smtp_ms: 40,
            connect_timeout_secs: 30,
            greylist_delay_secs: 300,
            servfail_cache_secs: 30,
            dns_timeout_secs: 5,
            dns_tries: 3,
        }
    }
}

/// What went wrong, where, and by which rule. The words are the text
/// layer's (`crate::text`); the model only names the field and the problem.
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
    BadAddress(String, AddressError),
    BadName(String, DomainError),
    MxHostIsAddress(String),
    MxHostEmpty,
    Duplicate(String),
    NullMxNotAlone,
    /// An alias shares its name with another record (RFC 1034 3.6.2).
    CnameNotAlone,
    NameOutsideZone(String, String),
    BadIp(String),
    BadTime(f64),
    NoRecipients,
    SenderNotAServer(String),
    BadRetry(RetryProblem),
    BadLifetime(u64),
    /// The field of `timing` that is out of range.
    TimingOutOfRange(&'static str),
    /// What there are too many of (a field of the format), and the limit.
    TooLarge(&'static str, usize),
}

/// Why a scenario file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum FormatError {
    /// Not JSON of the scenario's shape.
    Json(JsonError),
    Rule(ScenarioError),
}

/// Where a text stops being a scenario's JSON. The words are the text
/// layer's (`crate::text::problems`).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError {
    /// The field being read, as in [`ScenarioError::field`]; empty when the
    /// trouble is the whole text.
    pub field: String,
    pub kind: JsonErrorKind,
    /// Where in the text, counted from 1.
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonErrorKind {
    /// Not JSON: a comma, a quote or a bracket missing or extra.
    Syntax,
    /// The text ends inside the JSON.
    CutShort,
    /// JSON, but not what the field holds, in serde's description without
    /// the position ("invalid type: floating point `1.5`, expected u64").
    Shape(String),
}

impl Scenario {
    /// The scenario as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a scenario always serialises")
    }
}

//! Parse, don't validate: a `Scenario` as written becomes a `World` only by
//! passing every rule, with names normalised, defaults applied and sizes
//! checked once. `Simulation::new` takes a `World`, so the engine never
//! guesses or falls back.

use super::address::{normalize_domain, Address, DomainError};
use super::dns::{RData, Rr, ZoneData, ZoneStatus};
use super::retry::RetryPolicy;
use super::scenario::{Action, FormatError, JsonError, JsonErrorKind, Message, Problem, Record, Scenario, ScenarioError, Soa, Zone};
use super::smtp::FaultMode;
use super::time::Time;
use std::net::IpAddr;
use std::rc::Rc;

/// How large a scenario may be. Input from outside (links, pasted files,
/// forms) gets `Limits::OUTSIDE`, so that a hostile scenario cannot freeze
/// the page; programs such as the benchmark may build larger ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub zones: usize,
    pub records: usize,
    pub servers: usize,
    pub messages: usize,
    pub timeline: usize,
}

impl Limits {
    pub const OUTSIDE: Limits = Limits { zones: 32, records: 256, servers: 16, messages: 200, timeline: 500 };
    /// For workloads built by programs: only the per-zone record limit stays.
    pub const PROGRAM: Limits = Limits { zones: 32, records: 256, servers: 16, messages: usize::MAX, timeline: usize::MAX };
}

pub const MAX_TTL: i64 = 2_147_483_647;
const MAX_TIME_SECS: f64 = 365.0 * 86_400.0;
pub const MAX_TEXT: usize = 20_000;
pub const MAX_RECIPIENTS: usize = 50;

/// A mail server as the engine runs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub name: Rc<str>,
    pub address: IpAddr,
    pub resolver: Rc<str>,
    pub final_for: Vec<String>,
    pub mailboxes: Vec<String>,
    pub busy_mailboxes: Vec<String>,
    pub relay_for: Vec<String>,
    pub relay_recipients: Option<Vec<String>>,
    pub down: bool,
    pub fault: FaultMode,
    pub retry: RetryPolicy,
    pub lifetime_secs: u64,
    /// Send everything to this host, without MX lookups.
    pub next_hop: Option<Rc<str>>,
    /// `Received:` headers accepted before a message is a forwarding loop.
    pub hop_limit: u32,
    pub sends_bounces: bool,
    pub skip_5xx_greeting: bool,
}

impl Server {
    pub fn is_final_for(&self, domain: &str) -> bool {
        self.final_for.iter().any(|d| d == domain)
    }
    pub fn relays_for(&self, domain: &str) -> bool {
        self.relay_for.iter().any(|d| d == domain)
    }
    /// RFC 5321 4.5.1: postmaster exists everywhere, in any case.
    pub fn has_mailbox(&self, local: &str) -> bool {
        local.eq_ignore_ascii_case("postmaster") || self.mailboxes.iter().any(|m| m == local)
    }
    /// Whether a backup knows `local` may exist (no list: anybody may).
    pub fn relays_to(&self, local: &str) -> bool {
        self.relay_recipients.as_ref().is_none_or(|r| r.iter().any(|x| x == local) || local.eq_ignore_ascii_case("postmaster"))
    }
}

/// One message as alice's mail program submits it, addresses parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    /// Index into `World::servers` of the server it is handed to.
    pub via: usize,
    pub from: Address,
    pub to: Vec<Address>,
    pub subject: Rc<str>,
    pub body: Rc<str>,
}

/// An action with its names normalised and its data parsed.
#[derive(Clone, Debug, PartialEq)]
pub enum Act {
    Down(Rc<str>),
    Up(Rc<str>),
    Fault(Rc<str>, FaultMode),
    SetZone(Rc<ZoneData>),
    ZoneStatus(Rc<str>, ZoneStatus),
    FlushCache(Rc<str>),
    Send(Rc<Submission>),
}

/// A scenario that keeps every rule.
#[derive(Clone, Debug)]
pub struct World {
    /// As written, for links and exports.
    pub scenario: Scenario,
    pub servers: Vec<Server>,
    /// Index into `servers` of the server alice submits to.
    pub sender: usize,
    /// The zones served at T+0.
    pub zones: Vec<Rc<ZoneData>>,
    /// Origins of zones that only appear later in the timeline.
    pub later_origins: Vec<Rc<str>>,
    /// The timeline, then the messages, in the order they are scheduled.
    pub acts: Vec<(Time, Act)>,
}

fn err(field: impl Into<String>, problem: Problem) -> ScenarioError {
    ScenarioError { field: field.into(), problem }
}

pub fn check_name(field: &str, name: &str) -> Result<String, ScenarioError> {
    normalize_domain(name).map_err(|e| match e {
        DomainError::IsAnAddress(a) => err(field, Problem::MxHostIsAddress(a)),
        other => err(field, Problem::BadName(name.to_string(), other)),
    })
}

pub fn check_address(field: &str, text: &str) -> Result<Address, ScenarioError> {
    Address::parse(text).map_err(|e| err(field, Problem::BadAddress(text.to_string(), e)))
}

pub fn check_time(field: &str, at: f64) -> Result<Time, ScenarioError> {
    if at.is_finite() && (0.0..=MAX_TIME_SECS).contains(&at) {
        Ok(Time((at * 1000.0).round() as u64))
    } else {
        Err(err(field, Problem::BadTime(at)))
    }
}

pub fn check_ttl(field: &str, ttl: i64) -> Result<u32, ScenarioError> {
    if (0..=MAX_TTL).contains(&ttl) { Ok(ttl as u32) } else { Err(err(field, Problem::TtlOutOfRange(ttl))) }
}

pub fn check_preference(field: &str, preference: i64) -> Result<u16, ScenarioError> {
    u16::try_from(preference).map_err(|_| err(field, Problem::PreferenceOutOfRange(preference)))
}

/// Checks one zone (`at` is its path, for the error) and returns it as the
/// authority serves it.
pub fn check_zone(at: &str, zone: &Zone, limits: &Limits) -> Result<ZoneData, ScenarioError> {
    let origin = check_name(&format!("{at}.origin"), &zone.origin)?;
    let soa_ttl = check_ttl(&format!("{at}.soa.ttl"), zone.soa.ttl)?;
    let soa_minimum = check_ttl(&format!("{at}.soa.minimum"), zone.soa.minimum)?;
    if zone.records.len() > limits.records {
        return Err(err(format!("{at}.records"), Problem::TooLarge("records", limits.records)));
    }
    // At most `limits.records` names: lists, looked up in place.
    let mut mx_at_name: Vec<String> = Vec::new();
    let mut null_at_name: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut records = Vec::with_capacity(zone.records.len());
    for (i, r) in zone.records.iter().enumerate() {
        let f = format!("{at}.records[{i}]");
        let name = check_name(&format!("{f}.name"), r.name())?;
        if !super::dns::in_zone(&name, &origin) {
            return Err(err(format!("{f}.name"), Problem::NameOutsideZone(name, origin)));
        }
        let ttl = check_ttl(&format!("{f}.ttl"), r.ttl())?;
        let is_alias = matches!(r, Record::CNAME { .. });
        if aliases.contains(&name) || (is_alias && names.contains(&name)) {
            return Err(err(f, Problem::CnameNotAlone));
        }
        names.push(name.clone());
        if is_alias {
            aliases.push(name.clone());
        }
        let data = match r {
            Record::MX { preference, host, .. } => {
                let preference = check_preference(&format!("{f}.preference"), *preference)?;
                let host_field = format!("{f}.host");
                if host.trim().is_empty() {
                    return Err(err(host_field, Problem::MxHostEmpty));
                }
                let is_null = host == ".";
                let target = if is_null { String::new() } else { check_name(&host_field, host)? };
                let (seen_null, seen_mx) = (null_at_name.contains(&name), mx_at_name.contains(&name));
                if (is_null && (seen_mx || preference != 0)) || (!is_null && seen_null) {
                    return Err(err(f, Problem::NullMxNotAlone));
                }
                if is_null {
                    null_at_name.push(name.clone());
                }
                mx_at_name.push(name.clone());
                RData::Mx { preference, host: target.into() }
            }
            Record::A { address, .. } => match address.parse::<IpAddr>() {
                Ok(ip @ IpAddr::V4(_)) => RData::Addr(ip),
                _ => return Err(err(format!("{f}.address"), Problem::BadIp(address.clone()))),
            },
            Record::AAAA { address, .. } => match address.parse::<IpAddr>() {
                Ok(ip @ IpAddr::V6(_)) => RData::Addr(ip),
                _ => return Err(err(format!("{f}.address"), Problem::BadIp(address.clone()))),
            },
            Record::CNAME { target, .. } => RData::Cname(check_name(&format!("{f}.target"), target)?.into()),
        };
        records.push(Rr { name: name.into(), ttl, data });
    }
    Ok(ZoneData { origin: origin.into(), status: zone.status, soa_ttl, soa_minimum, records })
}

/// The editable form of a zone as an authority serves it now: the inverse
/// of `check_zone`.
pub fn zone_from_data(z: &ZoneData) -> Zone {
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
                RData::Cname(target) => Record::CNAME { name, ttl, target: target.to_string() },
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

pub fn check_message(at: &str, m: &Message, sender: usize, servers: &[Server]) -> Result<(Time, Submission), ScenarioError> {
    let time = check_time(&format!("{at}.at"), m.at)?;
    let via = match &m.via {
        None => sender,
        Some(v) => {
            let n = check_name(&format!("{at}.via"), v)?;
            servers.iter().position(|s| *s.name == *n).ok_or_else(|| err(format!("{at}.via"), Problem::UnknownHost(v.clone())))?
        }
    };
    let from = check_address(&format!("{at}.from"), &m.from)?;
    if m.to.is_empty() {
        return Err(err(format!("{at}.to"), Problem::NoRecipients));
    }
    if m.to.len() > MAX_RECIPIENTS {
        return Err(err(format!("{at}.to"), Problem::TooLarge("recipients", MAX_RECIPIENTS)));
    }
    let to = m.to.iter().enumerate().map(|(i, to)| check_address(&format!("{at}.to[{i}]"), to)).collect::<Result<Vec<_>, _>>()?;
    if m.subject.len() + m.body.len() > MAX_TEXT {
        return Err(err(format!("{at}.body"), Problem::TooLarge("characters", MAX_TEXT)));
    }
    Ok((time, Submission { via, from, to, subject: m.subject.as_str().into(), body: m.body.as_str().into() }))
}

/// serde_json's error, with the field it was reading.
/// A number is quoted as the reader wrote it (serde would print
/// 18446744073709551616 as 1.8446744073709552e+19).
fn json_error(e: &serde_json::Error, text: &str) -> JsonError {
    use serde_json::error::Category;
    let kind = match e.classify() {
        Category::Eof => JsonErrorKind::CutShort,
        Category::Syntax | Category::Io => JsonErrorKind::Syntax,
        Category::Data => {
            let message = e.to_string();
            let mut shape = message[..message.rfind(" at line ").unwrap_or(message.len())].to_string();
            let line = text.lines().nth(e.line().saturating_sub(1)).unwrap_or_default().as_bytes();
            let before = String::from_utf8_lossy(&line[..e.column().min(line.len())]);
            let written = before.trim_end_matches(|c: char| !(c.is_ascii_digit() || "eE+-.".contains(c)));
            let written =
                &written[written.trim_end_matches(|c: char| c.is_ascii_digit() || "eE+-.".contains(c)).len()..];
            for kind in ["floating point `", "integer `"] {
                if let Some(start) = shape.find(kind).map(|i| i + kind.len())
                    && let Some(len) = shape[start..].find('`')
                    && !written.is_empty()
                {
                    shape.replace_range(start..start + len, written);
                }
            }
            JsonErrorKind::Shape(shape)
        }
    };
    let field = match kind {
        JsonErrorKind::Shape(_) => super::json_path::path_at(text, e.line(), e.column()),
        _ => String::new(),
    };
    JsonError { field, kind, line: e.line(), column: e.column() }
}

impl Scenario {
    /// Parses JSON from outside and checks it within `Limits::OUTSIDE`.
    pub fn from_json(text: &str) -> Result<Scenario, FormatError> {
        Scenario::read_json(text).map(|(s, _)| s)
    }

    /// As [`Scenario::from_json`], and the fields it left out: those this
    /// version does not know (a newer version's), by their path
    /// (`servers.1.colour`). A byte-order mark and surrounding white space
    /// are no part of the JSON.
    pub fn read_json(text: &str) -> Result<(Scenario, Vec<String>), FormatError> {
        let text = text.trim_start_matches('\u{feff}').trim();
        let mut ignored = Vec::new();
        let mut json = serde_json::Deserializer::from_str(text);
        let s: Scenario = serde_ignored::deserialize(&mut json, |path| ignored.push(path.to_string()))
            .and_then(|s| json.end().map(|()| s))
            .map_err(|e| FormatError::Json(json_error(&e, text)))?;
        s.validate(Limits::OUTSIDE).map_err(FormatError::Rule)?;
        Ok((s, ignored))
    }

    /// Every check of the rules, first failure first. What passes can be
    /// simulated without any further error.
    pub fn validate(&self, limits: Limits) -> Result<World, ScenarioError> {
        let too_large = |field: &'static str, n: usize, max: usize| {
            if n > max { Err(err(field, Problem::TooLarge(field, max))) } else { Ok(()) }
        };
        too_large("zones", self.zones.len(), limits.zones)?;
        too_large("servers", self.servers.len(), limits.servers)?;
        too_large("messages", self.messages.len(), limits.messages)?;
        too_large("timeline", self.timeline.len(), limits.timeline)?;

        let mut zones: Vec<Rc<ZoneData>> = Vec::new();
        for (i, z) in self.zones.iter().enumerate() {
            let data = check_zone(&format!("zones[{i}]"), z, &limits)?;
            if zones.iter().any(|o| o.origin == data.origin) {
                return Err(err(format!("zones[{i}].origin"), Problem::Duplicate(z.origin.clone())));
            }
            zones.push(Rc::new(data));
        }

        let mut servers: Vec<Server> = Vec::new();
        for (i, s) in self.servers.iter().enumerate() {
            let f = format!("servers[{i}]");
            let name = check_name(&format!("{f}.host"), &s.host)?;
            if servers.iter().any(|o| *o.name == *name) {
                return Err(err(format!("{f}.host"), Problem::Duplicate(s.host.clone())));
            }
            let address: IpAddr =
                s.address.parse().map_err(|_| err(format!("{f}.address"), Problem::BadIp(s.address.clone())))?;
            if servers.iter().any(|o| o.address == address) {
                return Err(err(format!("{f}.address"), Problem::Duplicate(s.address.clone())));
            }
            let resolver = check_name(&format!("{f}.resolver"), &s.resolver)?;
            let final_for = s
                .mailboxes_for
                .iter()
                .enumerate()
                .map(|(j, d)| check_name(&format!("{f}.mailboxes_for[{j}]"), d))
                .collect::<Result<Vec<_>, _>>()?;
            let relay_for = s
                .relay_for
                .iter()
                .enumerate()
                .map(|(j, d)| check_name(&format!("{f}.relay_for[{j}]"), d))
                .collect::<Result<Vec<_>, _>>()?;
            for (j, m) in s.mailboxes.iter().chain(s.relay_recipients.iter().flatten()).enumerate() {
                check_address(&format!("{f}.mailboxes[{j}]"), &format!("{m}@example.com"))?;
            }
            for (j, m) in s.busy_mailboxes.iter().enumerate() {
                check_address(&format!("{f}.busy_mailboxes[{j}]"), &format!("{m}@example.com"))?;
            }
            if let Some(r) = &s.retry {
                r.check().map_err(|why| err(format!("{f}.retry"), Problem::BadRetry(why)))?;
            }
            let retry = s.retry.clone().unwrap_or_else(|| self.retry.clone());
            let lifetime_secs = self.queue_lifetime.unwrap_or_else(|| retry.lifetime_secs());
            let next_hop = match &s.next_hop {
                Some(h) => Some(check_name(&format!("{f}.next_hop"), h)?.into()),
                None => None,
            };
            servers.push(Server {
                name: name.into(),
                address,
                resolver: resolver.into(),
                final_for,
                mailboxes: s.mailboxes.clone(),
                busy_mailboxes: s.busy_mailboxes.clone(),
                relay_for,
                relay_recipients: s.relay_recipients.clone(),
                down: s.down,
                fault: s.fault,
                retry,
                lifetime_secs,
                next_hop,
                hop_limit: self.hop_limit,
                sends_bounces: s.sends_bounces,
                skip_5xx_greeting: s.skip_5xx_greeting,
            });
        }
        for s in &servers {
            if servers.iter().any(|o| o.name == s.resolver) {
                return Err(err("servers.resolver", Problem::Duplicate(s.resolver.to_string())));
            }
        }
        let sender_name = check_name("sender", &self.sender)?;
        let sender = servers
            .iter()
            .position(|s| *s.name == *sender_name)
            .ok_or_else(|| err("sender", Problem::SenderNotAServer(self.sender.clone())))?;

        let mut acts = Vec::new();
        let mut later_origins: Vec<Rc<str>> = Vec::new();
        for (i, t) in self.timeline.iter().enumerate() {
            let f = format!("timeline[{i}]");
            let at = check_time(&format!("{f}.at"), t.at)?;
            let act = self.check_action(&f, &t.action, &servers, sender, &zones, &limits)?;
            if let Act::SetZone(z) = &act
                && !zones.iter().any(|o| o.origin == z.origin)
                && !later_origins.contains(&z.origin)
            {
                later_origins.push(z.origin.clone());
            }
            acts.push((at, act));
        }
        for (i, m) in self.messages.iter().enumerate() {
            let (at, sub) = check_message(&format!("messages[{i}]"), m, sender, &servers)?;
            acts.push((at, Act::Send(Rc::new(sub))));
        }
        self.retry.check().map_err(|why| err("retry", Problem::BadRetry(why)))?;
        if let Some(l) = self.queue_lifetime
            && (l == 0 || l > 365 * 86_400)
        {
            return Err(err("queue_lifetime", Problem::BadLifetime(l)));
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
        if t.dns_timeout_secs == 0 || t.dns_timeout_secs > 60 {
            return bad("dns_timeout_secs");
        }
        if t.dns_tries == 0 || t.dns_tries > 10 {
            return bad("dns_tries");
        }
        if self.hop_limit < 2 || self.hop_limit > 1000 {
            return Err(err("hop_limit", Problem::TimingOutOfRange("hop_limit")));
        }
        Ok(World { scenario: self.clone(), servers, sender, zones, later_origins, acts })
    }

    fn check_action(
        &self,
        f: &str,
        action: &Action,
        servers: &[Server],
        sender: usize,
        zones: &[Rc<ZoneData>],
        limits: &Limits,
    ) -> Result<Act, ScenarioError> {
        let server = |field: String, h: &str| -> Result<Rc<str>, ScenarioError> {
            let n = check_name(&field, h)?;
            servers.iter().find(|s| *s.name == *n).map(|s| s.name.clone()).ok_or_else(|| err(field, Problem::UnknownHost(h.to_string())))
        };
        Ok(match action {
            Action::Down { host } => Act::Down(server(format!("{f}.host"), host)?),
            Action::Up { host } => Act::Up(server(format!("{f}.host"), host)?),
            Action::Fault { host, mode } => Act::Fault(server(format!("{f}.host"), host)?, *mode),
            Action::FlushCache { resolver } => {
                let field = format!("{f}.resolver");
                let n = check_name(&field, resolver)?;
                let r = servers.iter().find(|s| *s.resolver == *n).map(|s| s.resolver.clone());
                Act::FlushCache(r.ok_or_else(|| err(field, Problem::UnknownHost(resolver.clone())))?)
            }
            Action::SetZone { zone } => Act::SetZone(Rc::new(check_zone(&format!("{f}.zone"), zone, limits)?)),
            Action::ZoneStatus { origin, status } => {
                let field = format!("{f}.origin");
                let o = check_name(&field, origin)?;
                let z = zones.iter().find(|z| *z.origin == *o).map(|z| z.origin.clone());
                Act::ZoneStatus(z.ok_or_else(|| err(field, Problem::UnknownHost(origin.clone())))?, *status)
            }
            Action::Send { message } => {
                let (_, sub) = check_message(&format!("{f}.message"), message, sender, servers)?;
                Act::Send(Rc::new(sub))
            }
        })
    }
}

//! Reading the scenario format's tagged objects without serde's buffering.
//!
//! A DNS record (`{"type": "MX", …}`), a retry policy (`{"policy": …}`) and
//! a timeline entry (`{"at": …, "do": "down", …}`) name their kind in a
//! field. serde's derive for such internally tagged enums (and for
//! `flatten`) first copies the whole object into a generic buffer to find
//! the tag, which costs about 13 KB of wasm. Here each is read as one flat
//! struct of every field any kind may have, then checked: the same JSON, the
//! same rules (a field of another kind, a missing field and an unknown kind
//! are errors, as before), so every existing link and file still reads.
//! A field that no kind has is left out, with a note (a newer version's).

use super::dns::ZoneStatus;
use super::retry::{parse_exim_rules, EximRetry, PostfixQueue, RetryPolicy, EXIM_DEFAULT_RULES};
use super::scenario::{Action, Message, Record, TimedAction, Zone};
use super::smtp::FaultMode;
use serde::{Deserialize, Deserializer};

/// Refuses a field of another kind (`preference` on an A record). A field
/// no kind has is a newer version's: serde leaves it out, and
/// `Scenario::read_json` notes it.
fn only(kind: &str, fields: &[(&'static str, bool)], allowed: &[&str]) -> Result<(), String> {
    match fields.iter().find(|(f, here)| *here && !allowed.contains(f)).map(|(f, _)| f) {
        Some(f) => Err(format!("unknown field `{f}` for {kind}, expected one of {}", quoted(allowed))),
        None => Ok(()),
    }
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn need<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}

fn unknown(what: &str, got: &str, expected: &[&str]) -> String {
    format!("unknown {what} `{got}`, expected one of {}", quoted(expected))
}

/// `Deserialize` for a type read through its flat twin `Raw`.
macro_rules! read_through {
    ($ty:ty, $raw:ty) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <$ty>::try_from(<$raw>::deserialize(d)?).map_err(serde::de::Error::custom)
            }
        }
    };
}

read_through!(Record, RawRecord);
read_through!(RetryPolicy, RawRetry);
read_through!(TimedAction, RawTimedAction);

#[derive(Deserialize)]
struct RawRecord {
    #[serde(rename = "type")]
    kind: String,
    name: Option<String>,
    ttl: Option<i64>,
    preference: Option<i64>,
    host: Option<String>,
    address: Option<String>,
    target: Option<String>,
}

impl TryFrom<RawRecord> for Record {
    type Error = String;
    fn try_from(r: RawRecord) -> Result<Record, String> {
        let fields = [("preference", r.preference.is_some()), ("host", r.host.is_some()), ("address", r.address.is_some()), ("target", r.target.is_some())];
        let (name, ttl) = (need(r.name, "name")?, need(r.ttl, "ttl")?);
        Ok(match r.kind.as_str() {
            "MX" => {
                only("MX", &fields, &["preference", "host"])?;
                Record::MX { name, ttl, preference: need(r.preference, "preference")?, host: need(r.host, "host")? }
            }
            "A" => {
                only("A", &fields, &["address"])?;
                Record::A { name, ttl, address: need(r.address, "address")? }
            }
            "AAAA" => {
                only("AAAA", &fields, &["address"])?;
                Record::AAAA { name, ttl, address: need(r.address, "address")? }
            }
            "CNAME" => {
                only("CNAME", &fields, &["target"])?;
                Record::CNAME { name, ttl, target: need(r.target, "target")? }
            }
            other => return Err(unknown("variant", other, &["MX", "A", "AAAA", "CNAME"])),
        })
    }
}

#[derive(Deserialize)]
struct RawRetry {
    policy: String,
    minimal_backoff_time: Option<u64>,
    maximal_backoff_time: Option<u64>,
    queue_run_delay: Option<u64>,
    maximal_queue_lifetime: Option<u64>,
    first: Option<u64>,
    factor: Option<f64>,
    max: Option<u64>,
    lifetime: Option<u64>,
    by_age: Option<bool>,
    scan: Option<u64>,
    /// Exim's retry rules in its own notation, and its queue run interval.
    rules: Option<String>,
    queue_run: Option<u64>,
}

impl TryFrom<RawRetry> for RetryPolicy {
    type Error = String;
    fn try_from(r: RawRetry) -> Result<RetryPolicy, String> {
        let fields = [
            ("minimal_backoff_time", r.minimal_backoff_time.is_some()),
            ("maximal_backoff_time", r.maximal_backoff_time.is_some()),
            ("queue_run_delay", r.queue_run_delay.is_some()),
            ("maximal_queue_lifetime", r.maximal_queue_lifetime.is_some()),
            ("first", r.first.is_some()),
            ("factor", r.factor.is_some()),
            ("max", r.max.is_some()),
            ("lifetime", r.lifetime.is_some()),
            ("by_age", r.by_age.is_some()),
            ("scan", r.scan.is_some()),
            ("rules", r.rules.is_some()),
            ("queue_run", r.queue_run.is_some()),
        ];
        Ok(match r.policy.as_str() {
            "postfix" => {
                only("postfix", &fields, &["minimal_backoff_time", "maximal_backoff_time", "queue_run_delay", "maximal_queue_lifetime"])?;
                let d = PostfixQueue::default();
                RetryPolicy::Postfix(PostfixQueue {
                    minimal_backoff_time: r.minimal_backoff_time.unwrap_or(d.minimal_backoff_time),
                    maximal_backoff_time: r.maximal_backoff_time.unwrap_or(d.maximal_backoff_time),
                    queue_run_delay: r.queue_run_delay.unwrap_or(d.queue_run_delay),
                    maximal_queue_lifetime: r.maximal_queue_lifetime.unwrap_or(d.maximal_queue_lifetime),
                })
            }
            "exim" => {
                only("exim", &fields, &["rules", "queue_run"])?;
                let d = EximRetry::default();
                let rules = match r.rules {
                    Some(text) => parse_exim_rules(&text)
                        .ok_or_else(|| format!("invalid value: string {text:?}, expected Exim retry rules like \"{EXIM_DEFAULT_RULES}\""))?,
                    None => d.rules,
                };
                RetryPolicy::Exim(EximRetry { rules, queue_run: r.queue_run.unwrap_or(0) })
            }
            "rfc_minimum" => {
                only("rfc_minimum", &fields, &[])?;
                RetryPolicy::RfcMinimum
            }
            "custom" => {
                only("custom", &fields, &["first", "factor", "max", "lifetime", "by_age", "scan"])?;
                RetryPolicy::Custom {
                    first: need(r.first, "first")?,
                    factor: need(r.factor, "factor")?,
                    max: need(r.max, "max")?,
                    lifetime: need(r.lifetime, "lifetime")?,
                    by_age: r.by_age.unwrap_or(false),
                    scan: r.scan.unwrap_or(0),
                }
            }
            other => return Err(unknown("variant", other, &["postfix", "exim", "rfc_minimum", "custom"])),
        })
    }
}

/// A timeline entry: `at` and the action's own fields side by side.
#[derive(Deserialize)]
struct RawTimedAction {
    at: f64,
    #[serde(rename = "do")]
    act: String,
    host: Option<String>,
    mode: Option<FaultMode>,
    zone: Option<Zone>,
    origin: Option<String>,
    status: Option<ZoneStatus>,
    resolver: Option<String>,
    message: Option<Message>,
}

impl TryFrom<RawTimedAction> for TimedAction {
    type Error = String;
    fn try_from(r: RawTimedAction) -> Result<TimedAction, String> {
        let action = match r.act.as_str() {
            "down" => Action::Down { host: need(r.host, "host")? },
            "up" => Action::Up { host: need(r.host, "host")? },
            "fault" => Action::Fault { host: need(r.host, "host")?, mode: need(r.mode, "mode")? },
            "set_zone" => Action::SetZone { zone: need(r.zone, "zone")? },
            "zone_status" => Action::ZoneStatus { origin: need(r.origin, "origin")?, status: need(r.status, "status")? },
            "flush_cache" => Action::FlushCache { resolver: need(r.resolver, "resolver")? },
            "send" => Action::Send { message: need(r.message, "message")? },
            other => return Err(unknown("variant", other, &["down", "up", "fault", "set_zone", "zone_status", "flush_cache", "send"])),
        };
        Ok(TimedAction { at: r.at, action })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::scenario::{Record, TimedAction};
    use crate::model::retry::RetryPolicy;
    use crate::model::Action;

    /// What the old derived readers wrote reads back the same, for every kind.
    #[test]
    fn every_kind_round_trips_through_its_json() {
        let records = [
            Record::MX { name: "example.com".into(), ttl: 300, preference: 10, host: "mx1.example.com".into() },
            Record::A { name: "mx1.example.com".into(), ttl: 300, address: "192.0.2.1".into() },
            Record::AAAA { name: "mx1.example.com".into(), ttl: 300, address: "2001:db8::1".into() },
            Record::CNAME { name: "mail.example.com".into(), ttl: 300, target: "mx1.example.com".into() },
        ];
        for r in records {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<Record>(&json).unwrap(), r, "{json}");
        }
        let policies = [
            RetryPolicy::default(),
            RetryPolicy::Postfix(crate::model::retry::PostfixQueue { minimal_backoff_time: 60, ..Default::default() }),
            RetryPolicy::exim(),
            RetryPolicy::Exim(crate::model::retry::EximRetry {
                rules: crate::model::retry::parse_exim_rules("F,60s,20s; G,3m,30s,1.5; F,5m,60s").unwrap(),
                queue_run: 10,
            }),
            RetryPolicy::RfcMinimum,
            RetryPolicy::Custom { first: 60, factor: 1.5, max: 3600, lifetime: 86_400, by_age: true, scan: 300 },
            RetryPolicy::Custom { first: 60, factor: 2.0, max: 3600, lifetime: 86_400, by_age: false, scan: 0 },
        ];
        for p in policies {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<RetryPolicy>(&json).unwrap(), p, "{json}");
        }
        let zone: crate::model::scenario::Zone = serde_json::from_str(
            r#"{"origin":"example.com","status":"ok","soa":{"ttl":3600,"minimum":300},"records":[{"type":"MX","name":"example.com","ttl":300,"preference":10,"host":"mx1.example.com"}]}"#,
        ).unwrap();
        let message: crate::model::scenario::Message =
            serde_json::from_str(r#"{"at":1.0,"from":"alice@alice.example","to":["bob@example.com"],"subject":"Hi"}"#).unwrap();
        let actions = [
            Action::Down { host: "mx1.example.com".into() },
            Action::Up { host: "mx1.example.com".into() },
            Action::Fault { host: "mx1.example.com".into(), mode: crate::model::smtp::FaultMode::Greylist },
            Action::SetZone { zone },
            Action::ZoneStatus { origin: "example.com".into(), status: crate::model::dns::ZoneStatus::Servfail },
            Action::FlushCache { resolver: "resolver.isp.example".into() },
            Action::Send { message },
        ];
        for action in actions {
            let t = TimedAction { at: 12.5, action };
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<TimedAction>(&json).unwrap(), t, "{json}");
        }
    }

    /// Hand-written JSON in the shapes links and files have always used.
    #[test]
    fn the_format_is_unchanged() {
        let r: Record = serde_json::from_str(r#"{"type":"MX","name":"example.com","ttl":300,"preference":10,"host":"mx1.example.com"}"#).unwrap();
        assert_eq!(r.name(), "example.com");
        let p: RetryPolicy = serde_json::from_str(r#"{"policy":"postfix"}"#).unwrap();
        assert_eq!(p, RetryPolicy::default());
        let t: TimedAction = serde_json::from_str(r#"{"at":0.0,"do":"down","host":"mx1.example.com"}"#).unwrap();
        assert_eq!(t.action, Action::Down { host: "mx1.example.com".into() });
    }

    #[test]
    fn wrong_fields_and_kinds_are_still_refused() {
        let err = |json: &str| serde_json::from_str::<Record>(json).unwrap_err().to_string();
        assert!(err(r#"{"type":"A","name":"x.example","ttl":1,"preference":10,"address":"192.0.2.1"}"#).contains("unknown field `preference`"));
        assert!(err(r#"{"type":"MX","name":"x.example","ttl":1,"preference":10}"#).contains("missing field `host`"));
        assert!(err(r#"{"type":"TXT","name":"x.example","ttl":1}"#).contains("unknown variant `TXT`"));
        // A field no kind has is a newer version's: left out (and noted by
        // `Scenario::read_json`), not refused.
        assert!(serde_json::from_str::<Record>(r#"{"type":"A","name":"x.example","ttl":1,"address":"192.0.2.1","colour":"red"}"#).is_ok());
        let err = |json: &str| serde_json::from_str::<RetryPolicy>(json).unwrap_err().to_string();
        assert!(err(r#"{"policy":"exim","first":60}"#).contains("unknown field `first`"));
        assert!(err(r#"{"policy":"custom","first":60}"#).contains("missing field"));
        assert!(err(r#"{"policy":"sendmail"}"#).contains("unknown variant"));
        let err = |json: &str| serde_json::from_str::<TimedAction>(json).unwrap_err().to_string();
        assert!(err(r#"{"at":1,"do":"explode"}"#).contains("unknown variant `explode`"));
        assert!(err(r#"{"at":1,"do":"down"}"#).contains("missing field `host`"));
        assert!(err(r#"{"do":"down","host":"x"}"#).contains("missing field `at`"));
    }
}

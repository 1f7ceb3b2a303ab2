//! The pieces of text that read the same in every language: DNS answers
//! written as records ("10 mx1.example.com."), countdown clocks, and a
//! reader's value quoted in a message, and serde's words for a value that
//! does not fit its field, read into parts.
//! Both languages' labels use them, so they live apart from either (a
//! language's file may not call back into the English file that calls it).
//! The one word in an answer, for an answer with no records, is passed in.

use crate::model::dns::{Answer, RData};
use crate::model::retry::RetryProblem;
use crate::model::scenario::Problem;

/// A value of a link as the reader wrote it, for a message: the browser's
/// percent-encoding undone (`%3Cb%3E` reads `<b>`; the page shows it as
/// text), control characters escaped, at most 40 characters.
pub fn link_value(v: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(v).decode_utf8_lossy();
    short(&decoded)
}

/// A short summary of an answer for a packet label: "10 mx1.example.com. 20 mx2.example.com."
pub fn answer_label(answer: &Answer, no_records: &str) -> String {
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
        Answer::NoData { .. } => no_records.into(),
        Answer::NxDomain { .. } => "NXDOMAIN".into(),
        Answer::ServFail => "SERVFAIL".into(),
    }
}

/// A DNS answer one record per item, for a table cell that may wrap.
pub fn answer_lines(answer: &Answer, no_records: &str) -> Vec<String> {
    match answer {
        Answer::Records(rrs) => {
            rrs.iter().map(|r| answer_label(&Answer::Records(std::rc::Rc::from([r.clone()])), no_records)).collect()
        }
        other => vec![answer_label(other, no_records)],
    }
}

/// A DNS answer as a stage label (about 20 characters): hosts by their first
/// label, and an address with the name it belongs to: "MX 10 mx1, 20 mx2",
/// "mx2 = 203.0.113.20".
pub fn answer_pill(name: &str, answer: &Answer, no_records: &str) -> String {
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
            format!("{} = {}", short(name), answer_label(answer, no_records))
        }
        _ => answer_label(answer, no_records),
    }
}

/// "29:51", or "1:02:03" past an hour: a countdown that keeps running
/// during a fast-forward.
pub fn countdown(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

/// serde's description of a value that does not fit its field ("invalid
/// type: floating point `1.5`, expected u64"), read into parts each
/// language words in its own way.
#[derive(Debug, PartialEq)]
pub enum Misfit<'a> {
    Value {
        found: Found<'a>,
        expected: Expected<'a>,
    },
    /// A list where an object (or a list of another length) belongs.
    Length {
        expected: Expected<'a>,
    },
    UnknownVariant {
        found: &'a str,
        choices: Vec<&'a str>,
    },
    Missing(&'a str),
    Duplicate(&'a str),
    Other(&'a str),
}

#[derive(Debug, PartialEq)]
pub enum Found<'a> {
    Number(&'a str),
    Text(&'a str),
    Bool(&'a str),
    List,
    Object,
    Null,
    Other(&'a str),
}

#[derive(Debug, PartialEq)]
pub enum Expected<'a> {
    /// u8 … u64: 0 or more.
    Whole,
    /// i8 … i64.
    Integer,
    Number,
    Text,
    Bool,
    List,
    Object,
    Other(&'a str),
}

/// Reads serde's message (serde's `Unexpected` and its visitors' `expecting`).
pub fn misfit(shape: &str) -> Misfit<'_> {
    if let Some(rest) = shape.strip_prefix("invalid type: ").or_else(|| shape.strip_prefix("invalid value: ")) {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return Misfit::Value { found: found_of(found), expected: expected_of(expected) };
        }
    }
    if let Some(rest) = shape.strip_prefix("invalid length ") {
        if let Some((_, expected)) = rest.split_once(", expected ") {
            return Misfit::Length { expected: expected_of(expected) };
        }
    }
    if let Some(rest) = shape.strip_prefix("unknown variant ") {
        if let Some((found, choices)) = rest.split_once(", expected ") {
            let choices = choices.trim_start_matches("one of ").split(", ").map(|c| c.trim_matches('`')).collect();
            return Misfit::UnknownVariant { found: found.trim_matches('`'), choices };
        }
    }
    if let Some(f) = shape.strip_prefix("missing field ") {
        return Misfit::Missing(f.trim_matches('`'));
    }
    if let Some(f) = shape.strip_prefix("duplicate field ") {
        return Misfit::Duplicate(f.trim_matches('`'));
    }
    Misfit::Other(shape)
}

fn between_backticks(s: &str) -> &str {
    s.split_once('`').and_then(|(_, r)| r.rsplit_once('`')).map_or(s, |(v, _)| v)
}

fn found_of(s: &str) -> Found<'_> {
    if s.starts_with("integer ") || s.starts_with("floating point ") {
        Found::Number(between_backticks(s))
    } else if let Some(t) = s.strip_prefix("string ") {
        Found::Text(t.trim_matches('"'))
    } else if s.starts_with("boolean ") {
        Found::Bool(between_backticks(s))
    } else {
        match s {
            "sequence" => Found::List,
            "map" => Found::Object,
            "unit value" | "null" => Found::Null,
            other => Found::Other(other),
        }
    }
}

fn expected_of(s: &str) -> Expected<'_> {
    match s {
        "u8" | "u16" | "u32" | "u64" | "usize" => Expected::Whole,
        "i8" | "i16" | "i32" | "i64" | "isize" => Expected::Integer,
        "f32" | "f64" => Expected::Number,
        "a string" | "a borrowed string" | "a character" => Expected::Text,
        "a boolean" => Expected::Bool,
        "a sequence" => Expected::List,
        s if s.starts_with("struct ") || s == "a map" => Expected::Object,
        other => Expected::Other(other),
    }
}

/// The rule of a field, known by its name (the last part of its path), for
/// a value that did not even read as the field's kind: a number too large,
/// a TTL written as text.
pub fn field_rule(field: &str) -> Option<Problem> {
    let name = field.rsplit('.').next().unwrap_or(field);
    let name = name.split('[').next().unwrap_or(name);
    Some(match name {
        "ttl" | "minimum" => Problem::TtlOutOfRange(0),
        "preference" => Problem::PreferenceOutOfRange(0),
        "at" => Problem::BadTime(0.0),
        "dns_ms"
        | "smtp_ms"
        | "connect_timeout_secs"
        | "greylist_delay_secs"
        | "servfail_cache_secs"
        | "dns_timeout_secs"
        | "dns_tries" => Problem::TimingOutOfRange(""),
        "first"
        | "factor"
        | "max"
        | "lifetime"
        | "scan"
        | "minimal_backoff_time"
        | "maximal_backoff_time"
        | "queue_run_delay"
        | "maximal_queue_lifetime" => Problem::BadRetry(RetryProblem::WaitTooShort),
        _ => return None,
    })
}

/// A reader's text in a message: at most 40 characters, control characters escaped.
pub fn short(text: &str) -> String {
    text.chars().take(40).map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

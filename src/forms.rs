//! Field checks for the editors, as a reader types: each returns the value
//! or the rule the text breaks, in one sentence. They wrap the model's own
//! validation, so a value a field accepts is a value the model accepts.
//!
//! Plain Rust, tested natively.

use crate::model::address::Address;
use crate::model::scenario::Problem;
use crate::model::world::{check_name, check_preference, check_ttl, MAX_RECIPIENTS};
use crate::text::problems::{address_error, problem, retry_problem, rule};
use crate::text::Lang;

/// The editors speak the page's language; English until the switch exists.
const LANG: Lang = Lang::En;

pub type Checked<T> = Result<T, String>;

fn number(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() || t.len() > 12 {
        return None;
    }
    t.parse::<i64>().ok()
}

/// A plain decimal such as "2", "1.5" or "1.25": all a growth factor needs.
/// Written out rather than `str::parse::<f64>`, which links core's general
/// float parser and its tables into the wasm (about 12 KB after brotli).
/// Up to 6 digits each side of the point, so `whole / 10^k` is exact in
/// both operands and the one division rounds correctly, as `parse` would.
fn decimal(text: &str) -> Option<f64> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return None;
    }
    let n = format!("{whole}{frac}").parse::<u64>().ok()?;
    Some(n as f64 / 10u64.pow(frac.len() as u32) as f64)
}

/// The model's verdict on a field, worded with the rule it breaks.
fn worded<T>(checked: Result<T, crate::model::ScenarioError>) -> Checked<T> {
    checked.map_err(|e| match &e.problem {
        Problem::MxHostIsAddress(_) => rule(&e.problem, LANG).to_string(),
        p => format!("{} ({})", problem(p, LANG), rule(p, LANG)),
    })
}

/// A whole number, or the rule of the field it is for.
fn whole<T>(text: &str, check: impl Fn(i64) -> Result<T, crate::model::ScenarioError>, example: Problem) -> Checked<T> {
    match number(text) {
        Some(n) => worded(check(n)),
        None => Err(format!("a whole number is needed: {}", rule(&example, LANG))),
    }
}

/// An MX preference: 0 to 65535 (RFC 5321 5.1).
pub fn preference(text: &str) -> Checked<u16> {
    whole(text, |n| check_preference("preference", n), Problem::PreferenceOutOfRange(0))
}

/// A TTL in seconds: 0 to 2147483647 (RFC 2181 8).
pub fn ttl(text: &str) -> Checked<u32> {
    whole(text, |n| check_ttl("ttl", n), Problem::TtlOutOfRange(0))
}

/// A host name by the RFC 1035 label rules; never an address.
pub fn host(text: &str) -> Checked<String> {
    worded(check_name("host", text.trim()))
}

/// An MX target: a host name, or "." alone for the null MX.
pub fn mx_host(text: &str) -> Checked<String> {
    if text.trim() == "." { Ok(".".into()) } else { host(text) }
}

pub fn ipv4(text: &str) -> Checked<String> {
    match text.trim().parse::<std::net::Ipv4Addr>() {
        Ok(a) => Ok(a.to_string()),
        Err(_) => Err("an A record holds an IPv4 address, like 192.0.2.10".into()),
    }
}

pub fn ipv6(text: &str) -> Checked<String> {
    match text.trim().parse::<std::net::Ipv6Addr>() {
        Ok(a) => Ok(a.to_string()),
        Err(_) => Err("an AAAA record holds an IPv6 address, like 2001:db8::10".into()),
    }
}

/// One address: local part at most 64 octets, domain 255, path 256.
pub fn address(text: &str) -> Checked<String> {
    Address::parse(text.trim()).map(|a| format!("{}@{}", a.local, a.domain)).map_err(|e| address_error(&e, LANG))
}

/// Several addresses, separated by commas or spaces; at least one.
pub fn addresses(text: &str) -> Checked<Vec<String>> {
    let parts: Vec<&str> = text.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()).collect();
    if parts.is_empty() {
        return Err("at least one recipient is needed".into());
    }
    if parts.len() > MAX_RECIPIENTS {
        return Err(format!("at most {MAX_RECIPIENTS} recipients"));
    }
    parts.iter().map(|p| address(p).map_err(|e| format!("{}: {e}", p.trim()))).collect()
}

/// A local part alone (a mailbox name).
pub fn local_part(text: &str) -> Checked<String> {
    address(&format!("{}@example.com", text.trim())).map(|_| text.trim().to_string())
}

/// Seconds from 0 to a year, for outages and lifetimes.
pub fn seconds(text: &str, min: i64) -> Checked<u64> {
    match number(text) {
        Some(n) if (min..=365 * 86_400).contains(&n) => Ok(n as u64),
        _ => Err(format!("a whole number of seconds from {min} to 31536000 (a year)")),
    }
}

/// A custom retry schedule from its four fields and its rule (`by_age`:
/// wait the message's age, as Postfix does); the model's own check decides
/// (progress, an end, at most 2000 tries).
pub fn custom_retry(first: &str, factor: &str, max: &str, lifetime: &str, by_age: bool) -> Checked<crate::model::retry::RetryPolicy> {
    let first = seconds(first, 1).map_err(|e| format!("first wait: {e}"))?;
    let max = seconds(max, 1).map_err(|e| format!("longest wait: {e}"))?;
    let lifetime = seconds(lifetime, 1).map_err(|e| format!("lifetime: {e}"))?;
    let factor = decimal(factor).ok_or_else(|| "growth factor: a number such as 1.5 or 2".to_string())?;
    let policy = crate::model::retry::RetryPolicy::Custom { first, factor, max, lifetime, by_age, scan: 0 };
    policy.check().map_err(|e| format!("{} (RFC 5321 4.5.4.1)", retry_problem(e, LANG)))?;
    Ok(policy)
}

/// A subject: one line, at most 998 characters (RFC 5322 2.1.1).
pub fn subject(text: &str) -> Checked<String> {
    if text.contains(['\r', '\n']) {
        Err("a subject is one line".into())
    } else if text.chars().count() > 998 {
        Err("a header line is at most 998 characters (RFC 5322 2.1.1)".into())
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_read_as_parse_would() {
        for text in ["2", "1.5", "1.25", " 3.0 ", "0.1", "1.1", ".5", "7.", "999999.999999"] {
            assert_eq!(decimal(text), Some(text.trim().parse::<f64>().unwrap()), "{text}");
        }
        for text in ["", ".", "abc", "1.2.3", "-1", "+1", "1e3", "inf", "NaN", "1,5", "1234567", "1.1234567"] {
            assert_eq!(decimal(text), None, "{text}");
        }
    }

    #[test]
    fn each_field_names_the_rule_it_breaks() {
        assert_eq!(preference("10"), Ok(10));
        assert!(preference("65536").unwrap_err().contains("0 to 65535"));
        assert!(preference("-1").unwrap_err().contains("0 to 65535"));
        assert!(preference("ten").unwrap_err().contains("whole number"));
        assert_eq!(ttl("2147483647"), Ok(2_147_483_647));
        assert!(ttl("2147483648").unwrap_err().contains("2147483647"));
        assert_eq!(host("MX1.Example.com."), Ok("mx1.example.com".into()));
        assert!(host("192.0.2.1").unwrap_err().contains("never an address"));
        assert!(host("bad_-.example").is_ok() || host("-bad.example").unwrap_err().contains("RFC 1035"));
        assert!(host("a..b").unwrap_err().contains("RFC 1035"));
        assert_eq!(mx_host("."), Ok(".".into()));
        assert!(ipv4("2001:db8::1").is_err() && ipv6("192.0.2.1").is_err());
        assert!(address(&format!("{}@example.com", "x".repeat(65))).unwrap_err().contains("64"));
        assert_eq!(addresses("bob@example.com, carol@example.net").unwrap().len(), 2);
        assert!(addresses(" , ").is_err());
        assert!(addresses("bob@example.com, nope").unwrap_err().starts_with("nope:"));
        assert!(local_part(&"y".repeat(65)).is_err());
        assert_eq!(seconds("3600", 0), Ok(3600));
        assert!(seconds("99999999999", 0).is_err());
        assert!(subject("a\nb").is_err());
        assert!(custom_retry("60", "2", "3600", "86400", false).is_ok());
        assert!(matches!(custom_retry("60", "1", "3600", "86400", true), Ok(crate::model::retry::RetryPolicy::Custom { by_age: true, .. })));
        assert!(custom_retry("60", "0.5", "3600", "86400", false).unwrap_err().contains("factor"));
        assert!(custom_retry("60", "2", "30", "86400", false).unwrap_err().contains("longest wait"));
        assert!(custom_retry("60", "1", "60", "31536000", false).unwrap_err().contains("2000"));
    }
}

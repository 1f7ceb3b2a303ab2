//! Field checks for the editors, as a reader types: each returns the value
//! or the rule the text breaks, in one sentence. They wrap the model's own
//! validation, so a value a field accepts is a value the model accepts.
//!
//! Plain Rust, tested natively.

use crate::model::address::Address;
use crate::model::scenario::Problem;
use crate::model::world::{check_name, check_preference, check_ttl, MAX_RECIPIENTS};
use crate::text::problems::{address_error, problem, retry_problem, rule};
use crate::text::words::fill;
use crate::text::Lang;

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
fn worded<T>(checked: Result<T, crate::model::ScenarioError>, lang: Lang) -> Checked<T> {
    checked.map_err(|e| match &e.problem {
        Problem::MxHostIsAddress(_) => rule(&e.problem, lang).to_string(),
        p => format!("{} ({})", problem(p, lang), rule(p, lang)),
    })
}

/// A whole number, or the rule of the field it is for.
fn whole<T>(text: &str, check: impl Fn(i64) -> Result<T, crate::model::ScenarioError>, example: Problem, lang: Lang) -> Checked<T> {
    match number(text) {
        Some(n) => worded(check(n), lang),
        None => Err(fill(lang.words().whole_number, &[&rule(&example, lang)])),
    }
}

/// An MX preference: 0 to 65535 (RFC 5321 5.1).
pub fn preference(text: &str, lang: Lang) -> Checked<u16> {
    whole(text, |n| check_preference("preference", n), Problem::PreferenceOutOfRange(0), lang)
}

/// A TTL in seconds: 0 to 2147483647 (RFC 2181 8).
pub fn ttl(text: &str, lang: Lang) -> Checked<u32> {
    whole(text, |n| check_ttl("ttl", n), Problem::TtlOutOfRange(0), lang)
}

/// A host name by the RFC 1035 label rules; never an address.
pub fn host(text: &str, lang: Lang) -> Checked<String> {
    worded(check_name("host", text.trim()), lang)
}

/// An MX target: a host name, or "." alone for the null MX.
pub fn mx_host(text: &str, lang: Lang) -> Checked<String> {
    if text.trim() == "." { Ok(".".into()) } else { host(text, lang) }
}

pub fn ipv4(text: &str, lang: Lang) -> Checked<String> {
    match text.trim().parse::<std::net::Ipv4Addr>() {
        Ok(a) => Ok(a.to_string()),
        Err(_) => Err(lang.words().ipv4_needed.into()),
    }
}

pub fn ipv6(text: &str, lang: Lang) -> Checked<String> {
    match text.trim().parse::<std::net::Ipv6Addr>() {
        Ok(a) => Ok(a.to_string()),
        Err(_) => Err(lang.words().ipv6_needed.into()),
    }
}

/// One address: local part at most 64 octets, domain 255, path 256.
pub fn address(text: &str, lang: Lang) -> Checked<String> {
    Address::parse(text.trim()).map(|a| format!("{}@{}", a.local, a.domain)).map_err(|e| address_error(&e, lang))
}

/// Several addresses, separated by commas or spaces; at least one.
pub fn addresses(text: &str, lang: Lang) -> Checked<Vec<String>> {
    let parts: Vec<&str> = text.split([',', ' ', ';']).filter(|p| !p.trim().is_empty()).collect();
    if parts.is_empty() {
        return Err(lang.words().one_recipient.into());
    }
    if parts.len() > MAX_RECIPIENTS {
        return Err(fill(lang.words().too_many_recipients, &[&MAX_RECIPIENTS]));
    }
    parts.iter().map(|p| address(p, lang).map_err(|e| format!("{}: {e}", p.trim()))).collect()
}

/// A local part alone (a mailbox name).
pub fn local_part(text: &str, lang: Lang) -> Checked<String> {
    address(&format!("{}@example.com", text.trim()), lang).map(|_| text.trim().to_string())
}

/// Seconds from 0 to a year, for outages and lifetimes.
pub fn seconds(text: &str, min: i64, lang: Lang) -> Checked<u64> {
    match number(text) {
        Some(n) if (min..=365 * 86_400).contains(&n) => Ok(n as u64),
        _ => Err(fill(lang.words().seconds_range, &[&min])),
    }
}

/// A custom retry schedule from its four fields and its rule (`by_age`:
/// wait the message's age, as Postfix does); the model's own check decides
/// (progress, an end, at most 2000 tries).
pub fn custom_retry(first: &str, factor: &str, max: &str, lifetime: &str, by_age: bool, lang: Lang) -> Checked<crate::model::retry::RetryPolicy> {
    let w = lang.words();
    let first = seconds(first, 1, lang).map_err(|e| fill(w.first_wait_bad, &[&e]))?;
    let max = seconds(max, 1, lang).map_err(|e| fill(w.longest_wait_bad, &[&e]))?;
    let lifetime = seconds(lifetime, 1, lang).map_err(|e| fill(w.lifetime_bad, &[&e]))?;
    let factor = decimal(factor).ok_or_else(|| w.factor_bad.to_string())?;
    let policy = crate::model::retry::RetryPolicy::Custom { first, factor, max, lifetime, by_age, scan: 0 };
    policy.check().map_err(|e| format!("{} (RFC 5321 4.5.4.1)", retry_problem(e, lang)))?;
    Ok(policy)
}

/// A subject: one line, at most 998 characters (RFC 5322 2.1.1).
pub fn subject(text: &str, lang: Lang) -> Checked<String> {
    if text.contains(['\r', '\n']) {
        Err(lang.words().subject_one_line.into())
    } else if text.chars().count() > 998 {
        Err(lang.words().subject_too_long.into())
    } else {
        Ok(text.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang::En;

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
        assert_eq!(preference("10", En), Ok(10));
        assert!(preference("65536", En).unwrap_err().contains("0 to 65535"));
        assert!(preference("-1", En).unwrap_err().contains("0 to 65535"));
        assert!(preference("ten", En).unwrap_err().contains("whole number"));
        assert_eq!(ttl("2147483647", En), Ok(2_147_483_647));
        assert!(ttl("2147483648", En).unwrap_err().contains("2147483647"));
        assert_eq!(host("MX1.Example.com.", En), Ok("mx1.example.com".into()));
        assert!(host("192.0.2.1", En).unwrap_err().contains("never an address"));
        assert!(host("bad_-.example", En).is_ok() || host("-bad.example", En).unwrap_err().contains("RFC 1035"));
        assert!(host("a..b", En).unwrap_err().contains("RFC 1035"));
        assert_eq!(mx_host(".", En), Ok(".".into()));
        assert!(ipv4("2001:db8::1", En).is_err() && ipv6("192.0.2.1", En).is_err());
        assert!(address(&format!("{}@example.com", "x".repeat(65)), En).unwrap_err().contains("64"));
        assert_eq!(addresses("bob@example.com, carol@example.net", En).unwrap().len(), 2);
        assert!(addresses(" , ", En).is_err());
        assert!(addresses("bob@example.com, nope", En).unwrap_err().starts_with("nope:"));
        assert!(local_part(&"y".repeat(65), En).is_err());
        assert_eq!(seconds("3600", 0, En), Ok(3600));
        assert!(seconds("99999999999", 0, En).is_err());
        assert!(subject("a\nb", En).is_err());
        assert!(custom_retry("60", "2", "3600", "86400", false, En).is_ok());
        assert!(matches!(custom_retry("60", "1", "3600", "86400", true, En), Ok(crate::model::retry::RetryPolicy::Custom { by_age: true, .. })));
        assert!(custom_retry("60", "0.5", "3600", "86400", false, En).unwrap_err().contains("factor"));
        assert!(custom_retry("60", "2", "30", "86400", false, En).unwrap_err().contains("longest wait"));
        assert!(custom_retry("60", "1", "60", "31536000", false, En).unwrap_err().contains("2000"));
    }

    #[test]
    fn fields_speak_the_readers_language() {
        use crate::text::Lang::Zh;
        assert!(preference("ten", Zh).unwrap_err().starts_with("需要一个整数"));
        assert!(ipv4("x", Zh).unwrap_err().contains("IPv4"));
        assert!(addresses(" , ", Zh).unwrap_err().contains("收件人"));
        assert!(custom_retry("60", "x", "3600", "86400", false, Zh).unwrap_err().contains("增长倍数"));
        assert!(subject("a\nb", Zh).unwrap_err().contains("一行"));
    }
}

//! Bad input in words: what is wrong with a scenario, an address or a
//! name, and the rule it breaks. Field names stay as the format has them.

use super::zh::problems as zh;
use super::Lang;
use crate::model::address::{AddressError, DomainError, MAX_DOMAIN, MAX_LOCAL_PART, MAX_PATH};
use crate::model::retry::{RetryProblem, MAX_TRIES};
use crate::link::{LinkError, MAX_LINK};
use crate::player::{Notice, RunError};
use super::neutral::{field_rule, misfit, short, Expected, Found, Misfit};
use crate::model::scenario::{FormatError, JsonError, JsonErrorKind, Problem, ScenarioError};

/// "zones[0].records[1].preference: preference 70000 is outside 0 to 65535 (RFC 5321 5.1: …)"
pub fn scenario_error(e: &ScenarioError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => format!("{}: {} ({})", e.field, problem(&e.problem, lang), rule(&e.problem, lang)),
        Lang::Zh => zh::scenario_error(e),
    }
}

pub fn format_error(e: &FormatError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match e {
            FormatError::Json(e) => json_error(e, lang),
            FormatError::Rule(e) => scenario_error(e, lang),
        },
        Lang::Zh => zh::format_error(e),
    }
}

/// "zones[0].records[0].ttl: the number 1e30 is not a whole number (RFC 2181 8: …)";
/// a text that is not JSON at all says where it breaks.
pub fn json_error(e: &JsonError, lang: Lang) -> String {
    match lang.built() {
        Lang::En if e.field.is_empty() || !matches!(e.kind, JsonErrorKind::Shape(_)) => {
            format!("not a valid scenario: {}", json_detail(e, lang))
        }
        Lang::En => json_detail(e, lang),
        Lang::Zh => zh::json_error(e),
    }
}

/// What is wrong, without saying that it is a scenario that is wrong.
pub fn json_detail(e: &JsonError, lang: Lang) -> String {
    if lang.built() == Lang::Zh {
        return zh::json_detail(e);
    }
    let JsonError { field, line, column, .. } = e;
    match &e.kind {
        JsonErrorKind::Syntax => {
            format!(
                "this is not JSON (line {line}, column {column}: a comma, a quote or a bracket is missing, or one too many)"
            )
        }
        JsonErrorKind::CutShort => {
            format!("the text ends before its JSON does (line {line}, column {column}); was it cut short?")
        }
        JsonErrorKind::Shape(shape) => {
            let what = match misfit(shape) {
                Misfit::Value { found, expected } => {
                    format!("{} is not {}", found_en(&found), expected_en(&expected))
                }
                Misfit::Length { expected } => {
                    format!("a list [ … ] is not {}", expected_en(&expected))
                }
                Misfit::UnknownVariant { found, choices } => {
                    format!("\"{}\" is not one of {}", short(found), choices.join(", "))
                }
                Misfit::Missing(f) => format!("the field \"{f}\" is missing"),
                Misfit::Duplicate(f) => format!("the field \"{f}\" appears twice"),
                Misfit::Other(s) => s.to_string(),
            };
            let rule = field_rule(field).map(|p| format!(" ({})", rule(&p, lang))).unwrap_or_default();
            if field.is_empty() { format!("{what}{rule}") } else { format!("{field}: {what}{rule}") }
        }
    }
}

fn found_en(f: &Found) -> String {
    match f {
        Found::Number(n) => format!("the number {n}"),
        Found::Text(t) => format!("the text \"{}\"", short(t)),
        Found::Bool(b) => (*b).to_string(),
        Found::List => "a list [ … ]".into(),
        Found::Object => "an object { … }".into(),
        Found::Null => "null".into(),
        Found::Other(o) => (*o).to_string(),
    }
}

fn expected_en(e: &Expected) -> String {
    match e {
        Expected::Whole => "a whole number, 0 or more".into(),
        Expected::Integer => "a whole number".into(),
        Expected::Number => "a number".into(),
        Expected::Text => "text in quotes".into(),
        Expected::Bool => "true or false".into(),
        Expected::List => "a list [ … ]".into(),
        Expected::Object => "an object { … }".into(),
        Expected::Other(o) => (*o).to_string(),
    }
}

/// Why a pasted log could not be replayed, in one clause.
pub fn log_error(e: &crate::replay::ReplayError, lang: Lang) -> String {
    use crate::replay::ReplayError as R;
    use crate::replay::LogError as L;
    match lang.built() {
        Lang::En => match e {
            R::Log(L::TooLarge(n)) => format!("the log is {n} bytes; at most {} are read at once", crate::replay::MAX_LOG_BYTES),
            R::Log(L::NotText) => "this is not text: it holds control characters a log does not".into(),
            R::Log(L::NoDeliveryLines { lines: 1 }) => "its one line is not a Postfix line about a delivery (to=<…>, status=…)".into(),
            R::Log(L::NoDeliveryLines { lines }) => {
                format!("none of its {lines} lines is a Postfix line about a delivery (to=<…>, status=…)")
            }
            R::Log(L::ClockBackwards { line }) => {
                format!("one machine's clock goes back at line {line}: paste each machine's lines in their own order")
            }
            R::Log(L::Exim { .. }) => {
                "this is Exim's own log (its mainlog): the replay reads Postfix's mail.log, not yet Exim's".into()
            }
            R::NoSubmission => "no machine submits a message in it (no pickup line): paste the sending machine's lines too".into(),
        },
        Lang::Zh => zh::log_error(e),
    }
}

/// Why the model has no event for a line of a replayed log: "the log shows
/// a try at 12:04:10 that the inferred settings do not produce; the model's
/// nearest is 40s later".
pub fn not_reproduced(line: &crate::replay::Paired, lang: Lang) -> String {
    let apart = line.nearest.map(|d| (crate::model::time::Span((d.abs() * 1000.0).round() as u64), d >= 0.0));
    match lang.built() {
        Lang::En => {

            let nearest = match apart {
                Some((span, true)) => format!("; the model's nearest is {span} later"),
                Some((span, false)) => format!("; the model's nearest is {span} earlier"),
                None => "; the model has none of its kind".to_string(),
            };
            match line.gives_up {
                true => format!("the log gives the message up at {}, which the inferred settings do not{nearest}", line.stamp),
                false => format!("the log shows a try at {} that the inferred settings do not produce{nearest}", line.stamp),
            }
        }
        Lang::Zh => zh::not_reproduced(line.gives_up, &line.stamp, apart.map(|(span, later)| (span.0, later))),
    }
}

/// The rule a value breaks, for the message and for the editors' hints.
pub fn rule(p: &Problem, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => match p {
            Problem::PreferenceOutOfRange(_) => "RFC 5321 5.1: an MX preference is a 16-bit number, 0 to 65535",
            Problem::TtlOutOfRange(_) => "RFC 2181 8: a TTL is 0 to 2147483647 seconds",
            Problem::BadAddress(..) => "RFC 5321 4.1.2 and 4.5.3.1: local-part@domain, 64/255/256 octets at most",
            Problem::BadName(..) => "RFC 1035 2.3.1: labels of letters, digits and hyphens, 63 octets each",
            Problem::MxHostIsAddress(_) => "RFC 5321 5.1: an MX record names a host, never an address",
            Problem::MxHostEmpty => "RFC 5321 5.1: an MX record must name a host (\".\" alone is the null MX)",
            Problem::NullMxNotAlone => "RFC 7505 3: a null MX must be the only MX record of its domain",
            Problem::CnameNotAlone => "RFC 1034 3.6.2: an alias (CNAME) stands alone at its name",
            Problem::Duplicate(_) => "each name may appear once",
            Problem::NameOutsideZone(..) => "a zone holds only names at or below its origin",
            Problem::BadIp(_) => "an A record holds an IPv4 address, an AAAA record an IPv6 address",
            Problem::BadTime(_) => "times are seconds from the start, 0 to 1 year",
            Problem::NoRecipients => "a message needs at least one recipient",
            Problem::UnknownHost(_) | Problem::SenderNotAServer(_) => "every host named must be declared",
            Problem::BadRetry(_) | Problem::BadLifetime(_) => "a retry schedule must make progress and end (RFC 5321 4.5.4.1)",
            Problem::TimingOutOfRange(_) => "timings must be positive; a SERVFAIL is kept at most 300 s (RFC 2308 7.1)",
            Problem::TooLarge(..) => "the scenario must stay small enough to animate",
        },
        Lang::Zh => zh::rule(p),
    }
}

pub fn problem(p: &Problem, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match p {
            Problem::UnknownHost(h) => format!("no server or resolver called {h:?}"),
            Problem::PreferenceOutOfRange(p) => format!("preference {p} is outside 0 to 65535"),
            Problem::TtlOutOfRange(t) => format!("TTL {t} is outside 0 to 2147483647"),
            Problem::BadAddress(a, why) => format!("{a:?} is not a valid address: {}", address_error(why, lang)),
            Problem::BadName(n, why) => format!("{n:?} is not a valid host name: {}", domain_error(why, lang)),
            Problem::MxHostIsAddress(a) => format!("{a:?} is an IP address; an MX must name a host"),
            Problem::MxHostEmpty => "the MX host is empty".into(),
            Problem::Duplicate(n) => format!("{n:?} appears twice"),
            Problem::NullMxNotAlone => "a null MX (\"0 .\") is mixed with other MX records".into(),
            Problem::CnameNotAlone => "an alias (CNAME) shares its name with another record".into(),
            Problem::NameOutsideZone(n, o) => format!("{n:?} is not inside the zone {o:?}"),
            Problem::BadIp(a) => format!("{a:?} is not an address of the record's kind"),
            Problem::BadTime(_) => "the time is not a number of seconds from 0 to 31536000".into(),
            Problem::NoRecipients => "no recipients".into(),
            Problem::SenderNotAServer(h) => format!("the sender {h:?} is not one of the servers"),
            Problem::BadRetry(why) => retry_problem(*why, lang),
            Problem::BadLifetime(_) => retry_problem(RetryProblem::BadLifetime, lang),
            Problem::TimingOutOfRange(which) => format!("{which} is out of range"),
            Problem::TooLarge(what, n) => format!("too many {what} (at most {n})"),
        },
        Lang::Zh => zh::problem(p),
    }
}

pub fn retry_problem(p: RetryProblem, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match p {
            RetryProblem::WaitTooShort => "waits must be at least 1 second".into(),
            RetryProblem::BadFactor => "the growth factor must be between 1 and 100".into(),
            RetryProblem::BadLifetime => "the lifetime must be between 1 second and 1 year".into(),
            RetryProblem::MaxBelowFirst => "the longest wait must not be shorter than the first".into(),
            RetryProblem::TooManyTries => format!(
                "the schedule would try more than {MAX_TRIES} times: make the longest wait longer or the lifetime shorter"
            ),
        },
        Lang::Zh => zh::retry_problem(p),
    }
}

pub fn address_error(e: &AddressError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match e {
            AddressError::MissingAt => "an address needs an @ between the mailbox and the domain".into(),
            AddressError::EmptyLocalPart => "the part before the @ (the mailbox) is empty".into(),
            AddressError::EmptyDomain => "the part after the @ (the domain) is empty".into(),
            AddressError::LocalPartTooLong(n) => {
                format!("the mailbox part is {n} octets long; RFC 5321 4.5.3.1.1 allows at most {MAX_LOCAL_PART}")
            }
            AddressError::DomainTooLong(n) => {
                format!("the domain is {n} octets long; RFC 5321 4.5.3.1.2 allows at most {MAX_DOMAIN}")
            }
            AddressError::PathTooLong(n) => {
                format!("the address is {n} octets long with its <>; RFC 5321 4.5.3.1.3 allows at most {MAX_PATH}")
            }
            AddressError::BadDomain(e) => domain_error(e, lang),
            AddressError::BadCharacter(c) => format!("the address may not contain {c:?}"),
        },
        Lang::Zh => zh::address_error(e),
    }
}

pub fn domain_error(e: &DomainError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match e {
            DomainError::Empty => "the name is empty".into(),
            DomainError::TooLong(n) => format!("the name is {n} octets long; at most {MAX_DOMAIN} are allowed"),
            DomainError::EmptyLabel => "the name has an empty label (two dots in a row, or a leading dot)".into(),
            DomainError::LabelTooLong(l) => format!("the label {l:?} is longer than 63 octets (RFC 1035 2.3.4)"),
            DomainError::BadLabel(l) => {
                format!("the label {l:?} may only hold letters, digits and inner hyphens (RFC 1035 2.3.1)")
            }
            DomainError::IsAnAddress(a) => format!("{a} is an IP address, but this must be a host name (RFC 5321 5.1)"),
        },
        Lang::Zh => zh::domain_error(e),
    }
}

/// Why a link could not be opened, in one clause.
pub fn link_error(e: &LinkError, lang: Lang) -> String {
    let shown = super::neutral::link_value;
    match lang.built() {
        Lang::En => match e {
            LinkError::TooLong(n) => format!("the link is {n} characters long; at most {MAX_LINK} are accepted"),
            LinkError::UnknownPreset(p) => format!("there is no story called \"{}\"", shown(p)),
            LinkError::NotBase64 => "the scenario in the link is damaged (it is not valid base64; was the link cut short?)".into(),
            LinkError::NotText => "the scenario in the link is damaged: it is not text".into(),
            LinkError::NotJson(e) => format!("the scenario in the link is damaged: {}", json_detail(e, lang)),
            LinkError::BreaksARule(e) => format!("the scenario in the link cannot be used: {}", scenario_error(e, lang)),
            LinkError::NotALog(e) => format!("the mail log in the link cannot be replayed: {}", log_error(e, lang)),
            LinkError::BadValue { key, value } => {
                format!("the link's {key} \"{}\" is not one of the accepted values", shown(value))
            }
            LinkError::Both => "the link names both a preset and a scenario".into(),
        },
        Lang::Zh => zh::link_error(e),
    }
}

/// The one notice for a link that cannot be opened.
pub fn bad_link_notice(e: &LinkError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => format!("This link could not be opened: {}. Showing the default story instead.", link_error(e, lang)),
        Lang::Zh => zh::bad_link_notice(e),
    }
}

/// Why a scenario cannot be animated.
pub fn run_error(e: &RunError, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match e {
            RunError::Rule(e) => scenario_error(e, lang),
            RunError::TooManyEvents(n) => format!(
                "it produces more than {n} events, too many to animate; use fewer messages or a shorter queue lifetime"
            ),
        },
        Lang::Zh => zh::run_error(e),
    }
}

/// The page's notice for a refused link, file, edit or comparison.
pub fn notice(n: &Notice, lang: Lang) -> String {
    match lang.built() {
        Lang::En => match n {
            Notice::BadLink(e) => bad_link_notice(e, lang),
            Notice::NoSuchPreset(id) => format!("There is no preset called {id:?}."),
            Notice::ScenarioRefused(e) => format!("That scenario cannot be used: {}", run_error(e, lang)),
            Notice::ChangeRefused(e) => format!("That change was not applied: {}", run_error(e, lang)),
            Notice::OtherWorldRefused(e) => format!("The other world cannot be shown: {}", run_error(e, lang)),
            Notice::FieldsIgnored(fields) => format!(
                "This scenario has settings this version does not know, left out: {}. Everything else is as it was shared.",
                fields.join(", ")
            ),
        },
        Lang::Zh => zh::notice(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{decode, encode_scenario};

    #[test]
    fn bad_links_say_what_is_wrong_in_words() {
        let msg = |f: &str| link_error(&decode(f).unwrap_err(), Lang::En);
        assert!(msg("preset=nope").contains("no story called \"nope\""));
        assert!(msg("s=!!!").contains("not valid base64"));
        let mut s = crate::presets::default_scenario();
        if let crate::model::scenario::Record::MX { preference, .. } = &mut s.zones[1].records[0] {
            *preference = 99_999;
        }
        assert!(msg(&format!("s={}", encode_scenario(&s))).contains("65535"));
        assert!(msg("theme=purple").contains("theme \"purple\""));
        // The value as the reader typed it, not as the browser encoded it (issue 21).
        assert!(msg("theme=%3Cscript%3E").contains("theme \"<script>\""), "{}", msg("theme=%3Cscript%3E"));
        assert!(msg("preset=%E9%82%AE%E4%BB%B6").contains("\"邮件\""));
        assert!(link_error(&decode("theme=%0A%3Cb%3E").unwrap_err(), Lang::Zh).contains("\\n<b>"));
        assert!(msg("e=-1").contains("position"));
        assert!(msg(&"a".repeat(MAX_LINK + 1)).contains("at most"));
        let both = format!("preset=null-mx&s={}", encode_scenario(&crate::presets::default_scenario()));
        assert!(msg(&both).contains("both"));
    }
}

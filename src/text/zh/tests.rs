//! Every preset, every problem and every stage word in Chinese: each reads
//! in Chinese (has Chinese characters where it is words) and leaks no
//! English word beyond the protocol's own tokens, names and addresses.

use super::tidy;
use crate::link::LinkError;
use crate::model::address::{AddressError, DomainError};
use crate::model::dns::{Answer, RData};
use crate::model::edit::Comparison;
use crate::model::event::EventKind;
use crate::model::report::outcomes;
use crate::model::retry::RetryProblem;
use crate::model::scenario::{FormatError, Problem, ScenarioError};
use crate::model::smtp::FaultMode;
use crate::model::state::QueueEntry;
use crate::model::time::Time;
use crate::model::Simulation;
use crate::player::{Notice, RunError};
use crate::presets::PRESETS;
use crate::text::narrate::Narrator;
use crate::text::{labels, problems, report, stage, status, Lang};
use std::collections::BTreeSet;

/// Latin words a Chinese line may hold: protocol tokens, record types,
/// software names, and the link's own keys.
const PROTOCOL: &[&str] = &[
    "MX", "TTL", "DNS", "SMTP", "ESMTP", "RFC", "NXDOMAIN", "SERVFAIL", "NOERROR", "CNAME", "AAAA", "IPv", "Postfix",
    "Exim", "SYN", "RST", "EHLO", "HELO", "QUIT", "DATA", "MAIL", "FROM", "RCPT", "base", "eml", "embed", "autoplay",
    "theme", "panels", "JSON",
];

/// About how wide a line is set: a Chinese character takes two Latin ones.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The Latin words of three letters or more in `s` that are neither
/// protocol tokens nor in `names`. A word with `@`, `_`, `[` or a dot
/// between letters or digits is an address, a host, a file or a field name.
fn stray_english(s: &str, names: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for word in s.split(|c: char| !c.is_ascii_graphic()) {
        let b = word.as_bytes();
        let inner_dot = (1..b.len().saturating_sub(1))
            .any(|i| b[i] == b'.' && b[i - 1].is_ascii_alphanumeric() && b[i + 1].is_ascii_alphanumeric());
        let bare = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        if inner_dot || word.contains(['@', '_', '[']) || names.contains(bare) {
            continue;
        }
        for run in word.split(|c: char| !c.is_ascii_alphabetic()) {
            if run.len() >= 3 && !PROTOCOL.contains(&run) && !names.contains(run) {
                out.push(run.to_string());
            }
        }
    }
    out
}

/// The protocol text of a run that a sentence may quote whole: reply lines,
/// command lines (with the subject), which are removed before the check.
fn quoted_protocol(sim: &Simulation) -> Vec<String> {
    let narrator = Narrator::new(sim, Lang::Zh);
    let mut quoted = Vec::new();
    for ev in sim.trace() {
        match &ev.kind {
            EventKind::Reply { reply, .. } => quoted.extend(reply.line().lines().map(str::to_string)),
            EventKind::Command { .. } => quoted.extend(narrator.packet_label(ev)),
            _ => {}
        }
    }
    // Longest first, so that a line is removed before a part of it.
    quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
    quoted
}

/// Mailbox names and hosts by their first label (as a pill shows them):
/// data, not English.
fn names(sim: &Simulation) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = sim.hosts().iter().filter_map(|h| h.name.split('.').next()).map(str::to_string).collect();
    for e in sim.envelopes() {
        names.extend(e.from.iter().chain([&e.to]).map(|a| a.local.clone()));
    }
    let first = |n: &str| n.split('.').next().unwrap_or(n).to_string();
    for ev in sim.trace() {
        if let EventKind::DnsAnswer { name, answer: Answer::Records(rrs), .. } = &ev.kind {
            names.insert(first(name));
            for r in rrs.iter() {
                if let RData::Mx { host, .. } | RData::Cname(host) = &r.data {
                    names.insert(first(host));
                }
            }
        }
    }
    names
}

struct Checker {
    quoted: Vec<String>,
    names: BTreeSet<String>,
    bad: Vec<String>,
}

impl Checker {
    fn new(sim: &Simulation) -> Self {
        Checker { quoted: quoted_protocol(sim), names: names(sim), bad: Vec::new() }
    }

    fn none() -> Self {
        Checker { quoted: Vec::new(), names: BTreeSet::new(), bad: Vec::new() }
    }

    /// `text` (what `what` is) leaks no English; with `words`, it has Chinese.
    fn check(&mut self, what: &str, text: &str, words: bool) {
        let mut rest = text.to_string();
        for q in &self.quoted {
            rest = rest.replace(q.as_str(), " ");
        }
        let stray = stray_english(&rest, &self.names);
        if !stray.is_empty() || (words && !has_han(text)) {
            self.bad.push(format!("{what}: {text:?} {stray:?}"));
        }
    }

    fn done(self) {
        assert!(self.bad.is_empty(), "{} lines not in Chinese:\n{}", self.bad.len(), self.bad.join("\n"));
    }
}

/// Whether an event's stage tag is a protocol line rather than words.
fn tag_is_protocol(kind: &EventKind) -> bool {
    match kind {
        EventKind::DnsAnswer { answer, .. } => !matches!(answer, Answer::NoData { .. }),
        EventKind::DnsQuery { .. } | EventKind::Connect { .. } | EventKind::Reply { .. } | EventKind::Stored { .. } => true,
        EventKind::Enqueued { .. }
        | EventKind::AttemptStarted { .. }
        | EventKind::CacheHit { .. }
        | EventKind::Cached { .. }
        | EventKind::NotCached { .. }
        | EventKind::CacheExpired { .. }
        | EventKind::CacheFlushed
        | EventKind::Planned { .. }
        | EventKind::HostSkipped { .. }
        | EventKind::HostIsAlias { .. }
        | EventKind::DnsTimedOut { .. }
        | EventKind::ConnectRefused { .. }
        | EventKind::ConnectTimedOut { .. }
        | EventKind::Command { .. }
        | EventKind::ConnectionLost { .. }
        | EventKind::Deferred { .. }
        | EventKind::Bounced { .. }
        | EventKind::Dropped { .. }
        | EventKind::HostDown
        | EventKind::HostUp
        | EventKind::FaultSet { .. }
        | EventKind::ZoneChanged { .. } => false,
    }
}

#[test]
fn every_preset_reads_in_chinese() {
    let mut seen = BTreeSet::new();
    for preset in PRESETS {
        let sim = preset.simulate();
        let mut c = Checker::new(&sim);
        let narrator = Narrator::new(&sim, Lang::Zh);
        for ev in sim.trace() {
            let at = format!("{} {} {:?}", preset.id, ev.at, std::mem::discriminant(&ev.kind));
            seen.insert(format!("{:?}", std::mem::discriminant(&ev.kind)));
            let n = narrator.describe(ev);
            assert_eq!(n.technical, Narrator::new(&sim, Lang::En).describe(ev).technical, "{at}");
            c.check(&format!("{at} sentence"), &n.sentence, true);
            c.check(&format!("{at} tag"), &labels::event_tag(&ev.kind, Lang::Zh), !tag_is_protocol(&ev.kind));
            if let Some(label) = narrator.packet_label(ev) {
                let worded = matches!(ev.kind, EventKind::ConnectRefused { .. } | EventKind::ConnectionLost { .. });
                c.check(&format!("{at} packet"), &label, worded);
            }
            c.check(&format!("{at} wait"), &status::wait_note(&sim, ev, ev.at, Lang::Zh), true);
        }
        let outs = outcomes(&sim);
        for o in &outs {
            c.check(&format!("{} outcome", preset.id), &report::outcome_sentence(o, Lang::Zh), true);
        }
        if let Some(card) = stage::end_card(&sim, &outs, Lang::Zh) {
            c.check(&format!("{} end card", preset.id), &card, true);
        }
        for h in sim.hosts() {
            c.check(&format!("{} host", preset.id), &labels::host_title(h, Lang::Zh), false);
        }
        c.done();
    }
    assert!(seen.len() > 20, "the presets show only {} kinds of event", seen.len());
}

#[test]
fn the_seed_story_reads_as_reviewed() {
    let sim = PRESETS[0].simulate();
    let card = stage::end_card(&sim, &outcomes(&sim), Lang::Zh).unwrap();
    assert_eq!(card, "T+55m 经 MX2 送达 · 打开 0001.eml");
    assert_eq!(
        report::outcome_sentence(&outcomes(&sim)[0], Lang::Zh),
        "bob@example.com：T+55m 由 mx1.example.com 投递到 /bob/，途中曾在 mx2.example.com 等待"
    );
    let first = Narrator::new(&sim, Lang::Zh).describe(&sim.trace()[0]);
    assert_eq!(first.sentence, "MX1（mx1.example.com）宕机了。");
}

#[test]
fn stage_words_are_short_and_chinese() {
    let mut c = Checker::none();
    for mode in FaultMode::ALL {
        for up in [true, false] {
            let w = labels::status_words(up, mode, Lang::Zh);
            c.check("status", w, true);
            let en = labels::status_words(up, mode, Lang::En);
            assert!(width(w) <= width(en) + 4, "{w} is much wider than {en}");
        }
        c.check("fault", labels::fault_label(mode, Lang::Zh), true);
    }
    let now = Time::from_secs(600);
    let waiting = QueueEntry { since: Time::from_secs(0), attempts: 3, next_retry: Some(Time::from_secs(2099)), last_delay_secs: None };
    assert_eq!(stage::queue_line(&waiting, 1, true, now, Lang::Zh), "✉ 24:59 后第 4 次尝试");
    let trying = QueueEntry { next_retry: None, ..waiting.clone() };
    for (entry, count, up) in [(&waiting, 2, true), (&trying, 1, true), (&trying, 1, false), (&waiting, 3, false)] {
        c.check("queue", &stage::queue_line(entry, count, up, now, Lang::Zh), true);
    }
    for s in [stage::cache_title(Lang::Zh), stage::cache_empty(Lang::Zh), stage::expired(Lang::Zh)] {
        c.check("cache", s, true);
    }
    c.check("more", &stage::cache_more(3, Lang::Zh), true);
    c.check("skipped", &stage::skipped(Time::from_secs(3600), Lang::Zh), true);
    c.check("waiting", &stage::waiting(30, Lang::Zh), true);
    for users in [vec![], vec!["bob".to_string()], vec!["bob".into(), "carol".into()]] {
        let mut c = Checker { names: ["bob", "carol"].map(String::from).into(), ..Checker::none() };
        c.check("folder", &stage::folder_title(&users, Lang::Zh), true);
        c.done();
    }
    c.check("files", &stage::folder_files(&["a.eml".into(), "b.eml".into()], Lang::Zh), true);
    for c2 in Comparison::ALL {
        c.check("comparison", labels::comparison_name(c2, Lang::Zh), true);
    }
    c.done();
}

fn every_problem() -> Vec<Problem> {
    let domain = [
        DomainError::Empty,
        DomainError::TooLong(300),
        DomainError::EmptyLabel,
        DomainError::LabelTooLong("a1".repeat(32)),
        DomainError::BadLabel("-x".into()),
        DomainError::IsAnAddress("192.0.2.1".into()),
    ];
    let mut address = vec![
        AddressError::MissingAt,
        AddressError::EmptyLocalPart,
        AddressError::EmptyDomain,
        AddressError::LocalPartTooLong(65),
        AddressError::DomainTooLong(256),
        AddressError::PathTooLong(257),
        AddressError::BadCharacter(' '),
    ];
    address.extend(domain.iter().cloned().map(AddressError::BadDomain));
    let retry = [
        RetryProblem::WaitTooShort,
        RetryProblem::BadFactor,
        RetryProblem::BadLifetime,
        RetryProblem::MaxBelowFirst,
        RetryProblem::TooManyTries,
    ];
    let mut all = vec![
        Problem::UnknownHost("mx9".into()),
        Problem::PreferenceOutOfRange(70_000),
        Problem::TtlOutOfRange(-1),
        Problem::MxHostIsAddress("192.0.2.1".into()),
        Problem::MxHostEmpty,
        Problem::Duplicate("mx1.example.com".into()),
        Problem::NullMxNotAlone,
        Problem::CnameNotAlone,
        Problem::NameOutsideZone("www.example.org".into(), "example.com".into()),
        Problem::BadIp("300.1.1.1".into()),
        Problem::BadTime(-5.0),
        Problem::NoRecipients,
        Problem::SenderNotAServer("mx9".into()),
        Problem::BadLifetime(0),
        Problem::TimingOutOfRange("dns_timeout_secs"),
    ];
    all.extend(["zones", "servers", "messages", "timeline", "records", "recipients", "characters"].map(|w| Problem::TooLarge(w, 8)));
    all.extend(address.into_iter().map(|a| Problem::BadAddress("x@".into(), a)));
    all.extend(domain.into_iter().map(|d| Problem::BadName("a..b".into(), d)));
    all.extend(retry.into_iter().map(Problem::BadRetry));
    all
}

#[test]
fn every_problem_reads_in_chinese() {
    let mut c = Checker::none();
    let field = |p: Problem| ScenarioError { field: "zones[1].records[0].preference".into(), problem: p };
    for p in every_problem() {
        c.check("rule", problems::rule(&p, Lang::Zh), true);
        c.check("problem", &problems::problem(&p, Lang::Zh), true);
        let e = field(p);
        let msg = problems::scenario_error(&e, Lang::Zh);
        assert!(msg.starts_with("zones[1].records[0].preference："), "{msg}");
        c.check("scenario", &msg, true);
        c.check("format", &problems::format_error(&FormatError::Rule(e.clone()), Lang::Zh), true);
        for n in [Notice::ScenarioRefused(RunError::Rule(e.clone())), Notice::ChangeRefused(RunError::Rule(e.clone()))] {
            c.check("notice", &problems::notice(&n, Lang::Zh), true);
        }
    }
    let links = [
        LinkError::TooLong(9000),
        LinkError::UnknownPreset("x".into()),
        LinkError::NotBase64,
        LinkError::NotText,
        LinkError::NotJson(bad_json()[0].clone()),
        LinkError::BreaksARule(field(Problem::NoRecipients)),
        LinkError::BadValue { key: "theme", value: "x".into() },
        LinkError::BadValue { key: "position", value: "-1".into() },
        LinkError::Both,
    ];
    for e in links {
        c.check("link", &problems::link_error(&e, Lang::Zh), true);
        let notice = problems::bad_link_notice(&e, Lang::Zh);
        assert!(notice.starts_with("无法打开这个链接：") && notice.ends_with("。改为显示默认故事。"), "{notice}");
        c.check("notice", &problems::notice(&Notice::BadLink(e), Lang::Zh), true);
    }
    c.done();
    // Field names and the reader's own values stay as written.
    let values = ["null", "true", "soon", "sometimes", "postfix", "exim", "rfc_minimum", "custom", "from", "retry"];
    let mut c = Checker { quoted: values.map(String::from).to_vec(), ..Checker::none() };
    for e in bad_json() {
        c.check("json", &problems::format_error(&FormatError::Json(e), Lang::Zh), true);
    }
    c.check("preset", &problems::notice(&Notice::NoSuchPreset("x".into()), Lang::Zh), true);
    c.check("events", &problems::run_error(&RunError::TooManyEvents(200_000), Lang::Zh), true);
    c.check("other", &problems::notice(&Notice::OtherWorldRefused(RunError::TooManyEvents(9)), Lang::Zh), true);
    c.done();
}

/// What the parser says about texts that are not a scenario's JSON, of every kind.
fn bad_json() -> Vec<crate::model::scenario::JsonError> {
    let seed = crate::presets::find("seed-story").expect("the seed story").scenario().to_json();
    let texts = [
        "{".to_string(),
        "{\"sender\" 5}".to_string(),
        "[]".to_string(),
        "null".to_string(),
        seed.replacen("\"ttl\":3600", "\"ttl\":1e30", 1),
        seed.replacen("\"ttl\":3600", "\"ttl\":\"soon\"", 1),
        seed.replacen("\"policy\":\"postfix\"", "\"policy\":\"sometimes\"", 1),
        seed.replacen("\"from\":", "\"fro\":", 1),
        seed.replacen("\"to\":[", "\"to\":true,\"x\":[", 1),
    ];
    texts
        .iter()
        .map(|t| match crate::model::Scenario::from_json(t) {
            Err(FormatError::Json(e)) => e,
            other => panic!("{t} should not read: {other:?}"),
        })
        .collect()
}

#[test]
fn the_checker_finds_english() {
    let none = BTreeSet::new();
    assert_eq!(stray_english("MX1（mx1.example.com）宕机了。", &none), Vec::<String>::new());
    assert_eq!(stray_english("写入 bob 的邮件目录，文件名为 0001.eml。", &none), ["bob"]);
    assert_eq!(stray_english("Sender（mail.alice.example）", &none), ["Sender"]);
    assert_eq!(stray_english("zones[1].records[0].preference：TTL 300 秒", &none), Vec::<String>::new());
}

#[test]
fn tidy_drops_spaces_beside_full_width_marks_and_between_chinese() {
    assert_eq!(tidy("MX2 （mx2.example.com） 宕机了 。"), "MX2（mx2.example.com）宕机了。");
    assert_eq!(tidy("mx2.example.com 宕机了"), "mx2.example.com 宕机了");
    assert_eq!(tidy("T+1s 被 发件服务器 退信"), "T+1s 被发件服务器退信");
    assert_eq!(tidy("被 MX2 退信"), "被 MX2 退信");
}


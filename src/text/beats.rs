//! A beat in words: one sentence for each step a reader takes (see
//! `crate::beats`), the "what to notice" line of a key moment, and how long
//! a sentence takes to read. A beat of one event is told by that event's
//! own sentence (`Narrator::describe`); a grouped beat gets its own.

use super::narrate::{Narrator, Rule};
use super::beat_facts::{addresses, answer_list, attempt_number, authority_zone, commands, deferral, expired_names, plan_or_repeat, plan_words, refused_recipients, PlanWords};
use crate::model::time::Span;
use super::zh::beats as zh;
use super::Lang;
use crate::beats::{Beat, BeatKind, Key};
use crate::model::dns::Answer;
use crate::model::event::EventKind;
use crate::model::smtp::Command;
use crate::model::{HostId, Simulation};

/// Reading speed: about 240 English words a minute, about 300 Chinese
/// characters a minute (a Latin word inside Chinese counts as a word).
const MS_PER_WORD: f64 = 250.0;
const MS_PER_HAN: f64 = 200.0;
/// No sentence is on screen for less than this at 1x.
pub const MIN_READING_MS: f64 = 2_000.0;

/// How long `text` takes to read, at least `MIN_READING_MS`.
pub fn reading_ms(text: &str) -> f64 {
    let han = text.chars().filter(|c| super::zh::is_han(*c)).count();
    // Latin words: runs of letters or digits outside Chinese text.
    let words = text
        .split(|c: char| c.is_whitespace() || super::zh::is_han(c) || "，。：；（）、“”？！".contains(c))
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count();
    (han as f64 * MS_PER_HAN + words as f64 * MS_PER_WORD).max(MIN_READING_MS)
}

/// The event whose rule and technical line stand for the beat.
pub fn rule_event(beat: &Beat) -> usize {
    match &beat.kind {
        BeatKind::One { event } => *event,
        BeatKind::Lookup { answer, .. } => *answer,
        BeatKind::Addresses { plan: Some(p), .. } | BeatKind::Retry { plan: Some(p), .. } => *p,
        BeatKind::NoAnswer { failure, .. } => *failure,
        BeatKind::Refusal { reply, .. } => *reply,
        BeatKind::Accepted { took, .. } => *took,
        BeatKind::Addresses { .. } | BeatKind::Retry { .. } | BeatKind::Talk { .. } | BeatKind::Expiry { .. } => beat.lead,
    }
}

/// The rule (the standard's section) behind a beat, if one helps.
pub fn rule(sim: &Simulation, beat: &Beat, lang: Lang) -> Option<Rule> {
    Narrator::new(sim, lang).describe(&sim.trace()[rule_event(beat)]).rule
}

/// The one sentence of a beat, in the reader's language.
pub fn sentence(sim: &Simulation, beat: &Beat, lang: Lang) -> String {
    let describe = |i: usize| Narrator::new(sim, lang).describe(&sim.trace()[i]).sentence;
    if let BeatKind::One { event } = beat.kind {
        return describe(event);
    }
    match lang.built() {
        Lang::En => english(sim, beat, &describe),
        Lang::Zh => zh::sentence(sim, beat, &describe),
    }
}





/// A host as a grouped beat names it: its label ("MX2", "Sender"), which
/// the stage shows on its box, or its name.
fn short(sim: &Simulation, h: HostId) -> String {
    super::labels::host_title(sim.host(h), Lang::En)
}

/// "mx1.example.com (10), then mx2.example.com (20)".
fn in_order(list: &[(String, u16)]) -> String {
    list.iter().map(|(h, p)| format!("{h} ({p})")).collect::<Vec<_>>().join(", then ")
}

/// A plan in the words of a beat: the order, or a backup dropping itself.
fn plan_sentence(sim: &Simulation, beat: &Beat, plan: Option<usize>, describe: &dyn Fn(usize) -> String) -> String {
    let told = |p: usize| match plan_words(sim, p) {
        PlanWords::Order(list) => format!("It will try {}.", in_order(&list)),
        PlanWords::DropsItself { at, left } => format!(
            "It finds itself in the list at preference {at}, so it drops itself and every host numbered {at} or higher: a backup never delivers to itself. That leaves {}.",
            in_order(&left)
        ),
        PlanWords::Own => describe(p),
    };
    plan_or_repeat(sim, beat, plan, &told, |hosts| format!("It tries {hosts} again."))
}

fn english(sim: &Simulation, beat: &Beat, describe: &dyn Fn(usize) -> String) -> String {
    let trace = sim.trace();
    let lead = &trace[beat.lead];
    let authority = match authority_zone(sim, beat) {
        Some(zone) if zone.is_empty() => "the root DNS server".to_string(),
        Some(zone) => format!("{zone}'s authoritative server"),
        None => "the authoritative server".into(),
    };
    match &beat.kind {
        BeatKind::One { event } => describe(*event),
        BeatKind::Lookup { answer, cached, attempt, .. } => {
            let again = attempt.map_or_else(String::new, |a| format!("{} tries again (attempt {}). ", short(sim, trace[a].from), attempt_number(&trace[a])));
            let asker = if attempt.is_some() { "It".to_string() } else { short(sim, lead.from) };
            let how = if *cached { "its resolver answers from its cache".to_string() } else { format!("its resolver asks {authority}") };
            match &trace[*answer].kind {
                EventKind::DnsAnswer { name, rtype, answer: answer @ Answer::Records(rrs), .. }
                    if rtype.as_str() == "MX" && !rrs.iter().any(|r| r.is_null_mx()) =>
                {
                    let list = answer_list(answer, |h, p| format!("{h} ({p})"), ", ");
                    format!("{again}{asker} asks DNS which servers take mail for {name}, and {how}. The answer: {list}. These are host names, not addresses; the lower number is tried first.")
                }
                EventKind::DnsAnswer { name, rtype, .. } => {
                    format!("{again}{asker} asks DNS for the {} records of {name}, and {how}. {}", rtype.as_str(), describe(*answer))
                }
                _ => describe(*answer),
            }
        }
        BeatKind::Addresses { answers, cached, plan } => {
            let plan = plan_sentence(sim, beat, *plan, describe);
            if answers.is_empty() {
                return plan;
            }
            let found = addresses(sim, answers).into_iter().map(|(h, a)| format!("{h} is {a}")).collect::<Vec<_>>().join(", ");
            let how = if *cached { " (from the resolver's cache)".to_string() } else { String::new() };
            format!("{} looks up the address of each MX host{how}: {found}. {plan}", short(sim, lead.from))
        }
        BeatKind::Retry { attempt, plan, .. } => {
            let a = &trace[*attempt];
            let start = match attempt_number(a) {
                1 => format!("{} now sends the message on", short(sim, a.from)),
                n => format!("{} tries again (attempt {n})", short(sim, a.from)),
            };
            format!("{start}; its resolver still has every answer cached. {}", plan_sentence(sim, beat, *plan, describe))
        }
        BeatKind::Talk { connect, last } => {
            let c = &trace[*connect];
            let (client, server) = (short(sim, c.from), short(sim, c.to));
            let cmds = commands(sim, *connect, *last);
            if cmds.is_empty() {
                return format!("{client} connects to {server} on port 25, which greets it: 220, ready.");
            }
            let words: Vec<String> = cmds.iter().map(|(c, env)| english_command(sim, Some(*env), *c)).collect();
            let list = match words.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{} and then {last}", rest.join(", ")),
                _ => words.join(""),
            };
            let data = cmds.iter().any(|(c, _)| *c == Command::Data);
            let refused = refused_recipients(sim, *connect, *last);
            let replies = match (data, refused.is_empty()) {
                (true, true) => format!("{server} replies 250 (OK) to each command but DATA, which gets 354 (go ahead)."),
                (false, true) => format!("{server} replies 250 (OK) to each."),
                (_, false) => {
                    let names = refused.iter().map(|(to, code)| format!("{to} ({code})")).collect::<Vec<_>>().join(", ");
                    let rest = if data { "One DATA then carries the message to the recipients it accepted." } else { "No recipient is left, so no DATA follows." };
                    format!("{server} refuses {names}, that recipient alone, and says 250 (OK) to the rest. {rest}")
                }
            };
            format!("{client} connects to {server} on port 25 and sends {list}. {replies}")
        }
        BeatKind::NoAnswer { connect, failure, deferred } => {
            let c = &trace[*connect];
            let EventKind::Connect { addr, host, .. } = &c.kind else { return describe(*failure) };
            let client = short(sim, c.from);
            let first = match &trace[*failure].kind {
                EventKind::ConnectTimedOut { waited_secs, .. } => format!(
                    "{client} knocks on port 25 of {host} ({addr}): no answer in {waited_secs} s.{}",
                    if beat.key == Some(Key::Silent) { " A server that is down says nothing at all." } else { "" }
                ),
                _ => format!("{client} knocks on port 25 of {host} ({addr}): refused at once. The machine is up, but no mail server listens."),
            };
            match deferred.and_then(|d| deferral(sim, d)) {
                Some((wait, at)) => format!("{first} It keeps the message and tries again in {} ({at}).", Span(wait)),
                None => first,
            }
        }
        BeatKind::Refusal { reply, deferred } => match deferred {
            Some(d) => format!("{} {}", describe(*reply), describe(*d)),
            None => describe(*reply),
        },
        BeatKind::Accepted { took, .. } => match &trace[*took].kind {
            EventKind::Stored { .. } => describe(*took),
            _ => {
                let t = &trace[*took];
                format!(
                    "{} answers 250 to the message: from now on it owns the message and must not lose it, and {} deletes its copy.",
                    short(sim, t.to),
                    short(sim, t.from)
                )
            }
        },
        BeatKind::Expiry { count } if *count <= 1 => describe(beat.first),
        BeatKind::Expiry { .. } => {
            let names = expired_names(sim, beat).join(", ");
            format!("The resolver's cached records ({names}) reach the end of their TTL and are dropped: the next lookup must ask the authoritative server again.")
        }
    }
}

fn english_command(sim: &Simulation, env: Option<u32>, c: Command) -> String {
    let e = env.map(|e| sim.envelope(e));
    match (c, e) {
        // No break inside a command: a no-break space.
        (Command::MailFrom, Some(e)) => format!("MAIL\u{a0}FROM:<{}>", e.from_text()),
        (Command::RcptTo, Some(e)) => format!("RCPT\u{a0}TO:<{}>", e.to),
        (Command::Body, _) => "the message itself".into(),
        (c, _) => c.name().to_string(),
    }
}

/// A chapter's name: what its key moment is, for the timeline's markers.
pub fn chapter_title(key: Option<Key>, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::chapter_title(key),
    }
    match key {
        None => "The story begins",
        Some(Key::Down) => "A server goes down",
        Some(Key::Up) => "A server is back",
        Some(Key::Change) => "A change",
        Some(Key::Split) => "The address split",
        Some(Key::MxAnswer) => "The MX answer",
        Some(Key::DnsFailed) => "DNS says no",
        Some(Key::Addresses) => "The addresses",
        Some(Key::DropsItself) => "The backup drops itself",
        Some(Key::Silent) => "No answer",
        Some(Key::Refused) => "Refused",
        Some(Key::Said) => "The server says no",
        Some(Key::Deferred) => "Kept for later",
        Some(Key::Accepted) => "Taken into a queue",
        Some(Key::Stale) => "The old answer, from the cache",
        Some(Key::TtlOut) => "The TTL runs out",
        Some(Key::LaterWorks) => "Later works",
        Some(Key::Forward) => "The forward",
        Some(Key::Delivered) => "The .eml written",
        Some(Key::Bounced) => "Given up",
    }
}

/// A question or a thing to try at a key moment of a story, which the
/// story itself then answers: shown instead of the "what to notice" line,
/// while the story holds there, until the reader dismisses them.
pub fn prompt(story: &str, key: Key, lang: Lang) -> Option<&'static str> {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::prompt(story, key),
    }
    Some(match (story, key) {
        ("seed-story", Key::MxAnswer) => "Predict: which server will the sender try first? Continue to see.",
        ("seed-story", Key::Deferred) => "Try this: click MX1 and bring it back up now, then Continue. When does MX2 notice?",
        ("ttl-change", Key::Change) => "Predict: the next message leaves at T+2m. Will it reach mx1 or mx-new?",
        ("greylisting", Key::Said) => "Predict: will the sender give up now, or come back later?",
        _ => return None,
    })
}

/// The one line a key moment holds on: what to notice.
pub fn notice(key: Key, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::notice(key),
    }
    match key {
        Key::Down => "Watch what the sender does when its first choice does not answer.",
        Key::Up => "Nobody tells the other servers: they find out at their next try.",
        Key::Change => "The model recomputes from here; what you saw before stays as it was.",
        Key::Split => "Only the domain, after the @, decides where the message goes.",
        Key::MxAnswer => "DNS names hosts, not addresses, and the lower number is tried first.",
        Key::DnsFailed => "A DNS answer can end a delivery before any mail server is asked.",
        Key::Addresses => "Every MX host is looked up before the first connection.",
        Key::DropsItself => "A backup never delivers to itself, nor to an MX worse than itself.",
        Key::Silent => "A server that is down never says no: the sender waits out its timeout.",
        Key::Refused => "A refusal is quick: nothing listens on port 25.",
        Key::Said => "A 4xx reply means try again later; a 5xx reply means give up.",
        Key::Deferred => "The message is not lost: it waits in the queue for the next try.",
        Key::Accepted => "After this 250 the sender forgets the message: the backup must deliver it.",
        Key::Stale => "The zone has changed, but the resolver still answers what it cached before: the old servers.",
        Key::TtlOut => "Until now every lookup got the cached answer, even if the zone had changed.",
        Key::LaterWorks => "The server that said \"later\" takes the message now: coming back is all it asked.",
        Key::Forward => "The backup hands the message on to the best MX as soon as it answers.",
        Key::Delivered => "Only the final server writes the .eml; each hop added its Received: line.",
        Key::Bounced => "The sender learns of the failure from a bounce in its own mailbox.",
    }
}

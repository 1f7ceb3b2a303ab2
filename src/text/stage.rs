//! The words on the stage itself: short, because a box is small, and the
//! whole sentence is in the narration.

use super::Lang;
use crate::model::dns::{RType, ZoneStatus};
use crate::model::report::{Fate, Outcome};
use crate::model::smtp::Reply;
use crate::model::state::QueueEntry;
use crate::model::time::{Span, Time};
use crate::model::Simulation;
use super::labels::host_title;
use super::zh::stage as zh;

pub use super::neutral::countdown;

/// A row of the resolver's cache: "MX example.com".
pub fn cache_row(name: &str, rtype: Option<RType>, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::cache_row(name, rtype),
    }
    match rtype {
        Some(t) => format!("{} {name}", t.as_str()),
        None => format!("NXDOMAIN {name}"),
    }
}

pub fn cache_title(lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => "Resolver · cache",
        Lang::Zh => zh::cache_title(),
    }
}

pub fn cache_empty(lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => "nothing cached",
        Lang::Zh => zh::cache_empty(),
    }
}

pub fn cache_more(n: usize, lang: Lang) -> String {
    match lang.built() {
        Lang::En => format!("+{n} more"),
        Lang::Zh => zh::cache_more(n),
    }
}

pub fn expired(lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => "expired",
        Lang::Zh => zh::expired(),
    }
}

/// The envelope line of a mail server's box: what waits in its queue.
pub fn queue_line(entry: &QueueEntry, count: usize, up: bool, now: Time, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::queue_line(entry, count, up, now),
    }
    let n = if count > 1 { format!("✉ {count} ·") } else { "✉".to_string() };
    if !up {
        return format!("{n} stuck: it is down");
    }
    match entry.next_retry {
        Some(t) if t > now => format!("{n} try {} in {}", entry.attempts + 1, countdown(t.since(now).div_ceil(1000))),
        // Held in the queue and being tried this moment.
        _ => format!("{n} queued, trying"),
    }
}

/// "bob's folder", "folders of bob, carol".
pub fn folder_title(users: &[String], lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::folder_title(users),
    }
    match users {
        [] => "no folders".into(),
        [one] => format!("{one}'s folder"),
        many => format!("folders: {}", many.join(", ")),
    }
}

pub fn folder_on(host: &str, lang: Lang) -> String {
    match lang.built() {
        Lang::En => format!("on {host}"),
        Lang::Zh => zh::folder_on(host),
    }
}

/// What the folder holds: "empty", "0001.eml", "3 .eml files".
pub fn folder_files(files: &[String], lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::folder_files(files),
    }
    match files {
        [] => "empty".into(),
        [one] => format!("✓ {one}"),
        many => format!("✓ {} .eml files", many.len()),
    }
}

pub fn zone_caption(status: ZoneStatus, lang: Lang) -> &'static str {
    match lang.built() {
        Lang::En => match status {
            ZoneStatus::Ok => "authoritative DNS",
            ZoneStatus::Nxdomain => "says: no such domain",
            ZoneStatus::Servfail => "fails: SERVFAIL",
            ZoneStatus::Timeout => "does not answer",
        },
        Lang::Zh => zh::zone_caption(status),
    }
}

/// A failure reply as a bubble: the code and what it means.
pub fn reply_bubble(reply: &Reply, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::reply_bubble(reply),
    }
    let meaning = if reply.is_temporary() { "try later" } else { "refused" };
    format!("{} {meaning}", reply.code)
}

/// While a client waits for an answer that does not come.
pub fn waiting(secs: u64, lang: Lang) -> String {
    match lang.built() {
        Lang::En => format!("no answer… {secs} s"),
        Lang::Zh => zh::waiting(secs),
    }
}

/// The end card: what became of the message(s), in one line.
pub fn end_card(sim: &Simulation, outcomes: &[Outcome], lang: Lang) -> Option<String> {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return zh::end_card(sim, outcomes),
    }
    let first = outcomes.iter().find(|o| !o.duplicate)?;
    let short = |name: &str| sim.host_id(name).map_or_else(|| name.to_string(), |h| host_title(sim.host(h), lang));
    let mut s = match &first.fate {
        Fate::Delivered { file, at, .. } if first.waited_at.is_empty() => format!("Delivered at {at} · open {file}"),
        Fate::Delivered { file, at, .. } => format!("Delivered at {at} via {} · open {file}", short(&first.waited_at[0])),
        Fate::Bounced { by, at, .. } => format!("Bounced at {at} by {} · open the bounce", short(by)),
        Fate::Dropped { by, at, .. } => format!("Given up at {at} by {}, no bounce", short(by)),
        Fate::Stuck { host, since } => format!("Stuck at {} since {since}: it is down", short(host)),
    };
    let more = outcomes.len() - 1;
    if more > 0 {
        s.push_str(&format!(" · {more} more below"));
    }
    Some(s)
}

/// How long a fast-forward skipped, to the second ("≈ 30s skipped", never
/// "29.999s": the "≈" already says it is rounded).
pub fn skipped(span: Time, lang: Lang) -> String {
    let span = Time::from_secs(((span.millis() + 500) / 1000).max(1));
    match lang.built() {
        Lang::En => format!("≈ {} skipped", Span(span.millis())),
        Lang::Zh => zh::skipped(span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_read_as_clocks() {
        assert_eq!(countdown(0), "0:00");
        assert_eq!(countdown(1791), "29:51");
        assert_eq!(countdown(3723), "1:02:03");
    }

    #[test]
    fn skipped_time_is_said_to_the_second() {
        assert_eq!(skipped(Time(29_999), Lang::En), "≈ 30s skipped");
        assert_eq!(skipped(Time(58_300), Lang::En), "≈ 58s skipped");
        assert_eq!(skipped(Time(400), Lang::En), "≈ 1s skipped");
        assert_eq!(skipped(Time(58_300), Lang::Zh), "跳过约 58 秒");
    }

    #[test]
    fn the_seed_storys_end_card_says_where_and_when() {
        let sim = crate::presets::PRESETS[0].simulate();
        let card = end_card(&sim, &crate::model::report::outcomes(&sim), Lang::En).unwrap();
        assert_eq!(card, "Delivered at T+55m via MX2 · open 0001.eml");
    }
}

//! The words on the stage itself, in Chinese: short, because a box is small,
//! and the whole sentence is in the narration. The twin of `text/stage.rs`.

use super::duration::duration;
use super::glossary as g;
use super::tidy;
use crate::model::dns::{RType, ZoneStatus};
use crate::model::report::{Fate, Outcome};
use crate::model::smtp::Reply;
use crate::model::state::QueueEntry;
use crate::model::time::Time;
use crate::model::Simulation;
use crate::text::labels::host_title;
use crate::text::neutral::countdown;
use crate::text::Lang;

/// A row of the resolver's cache: "MX example.com" (protocol words only).
pub fn cache_row(name: &str, rtype: Option<RType>) -> String {
    match rtype {
        Some(t) => format!("{} {name}", t.as_str()),
        None => format!("NXDOMAIN {name}"),
    }
}

pub fn cache_title() -> &'static str {
    "解析器 · 缓存"
}

pub fn cache_empty() -> &'static str {
    "缓存为空"
}

pub fn cache_more(n: usize) -> String {
    format!("另有 {n} 条")
}

pub fn expired() -> &'static str {
    "已过期"
}

/// The envelope line of a mail server's box: "✉ 第 4 次，24:59 后".
pub fn queue_line(entry: &QueueEntry, count: usize, up: bool, now: Time) -> String {
    let n = if count > 1 { format!("✉ {count} ·") } else { "✉".to_string() };
    if !up {
        return format!("{n} 卡住：它{}了", g::DOWN);
    }
    match entry.next_retry {
        // Short, for a small box: "✉ 24:59 后第 4 次尝试" (the 4th try, in 24:59).
        Some(t) if t > now => tidy(&format!("{n} {} 后第 {} 次尝试", countdown(t.since(now).div_ceil(1000)), entry.attempts + 1)),
        // Held in the queue and being tried this moment.
        _ => format!("{n} 在{}中，正在尝试投递", g::QUEUE),
    }
}

/// "bob 的邮件目录", "邮件目录：bob、carol".
pub fn folder_title(users: &[String]) -> String {
    match users {
        [] => format!("没有{}", g::FOLDER),
        [one] => format!("{one} 的{}", g::FOLDER),
        many => format!("{}：{}", g::FOLDER, many.join("、")),
    }
}

pub fn folder_on(host: &str) -> String {
    format!("在 {host} 上")
}

/// What the folder holds: "空", "✓ 0001.eml", "✓ 3 个 .eml 文件".
pub fn folder_files(files: &[String]) -> String {
    match files {
        [] => "还没有邮件".into(),
        [one] => format!("✓ {one}"),
        many => format!("✓ {} 个 .eml 文件", many.len()),
    }
}

pub fn zone_caption(status: ZoneStatus) -> &'static str {
    match status {
        ZoneStatus::Ok => "权威 DNS",
        ZoneStatus::Nxdomain => "回答：无此域名",
        ZoneStatus::Servfail => "失败：SERVFAIL",
        ZoneStatus::Timeout => "没有应答",
    }
}

/// A failure reply as a bubble: the code and what it means.
pub fn reply_bubble(reply: &Reply) -> String {
    let meaning = if reply.is_temporary() { "稍后再试" } else { "拒绝" };
    format!("{} {meaning}", reply.code)
}

/// While a client waits for an answer that does not come.
pub fn waiting(secs: u64) -> String {
    format!("无应答… {secs} 秒")
}

/// The end card: "T+55m 经 MX2 送达 · 打开 0001.eml".
pub fn end_card(sim: &Simulation, outcomes: &[Outcome]) -> Option<String> {
    let first = outcomes.iter().find(|o| !o.duplicate)?;
    let short = |name: &str| sim.host_id(name).map_or_else(|| name.to_string(), |h| host_title(sim.host(h), Lang::Zh));
    let mut s = match &first.fate {
        Fate::Delivered { file, at, .. } if first.waited_at.is_empty() => format!("{at} 送达 · 打开 {file}"),
        Fate::Delivered { file, at, .. } => format!("{at} 经 {} 送达 · 打开 {file}", short(&first.waited_at[0])),
        Fate::Bounced { by, at, .. } => format!("{at} 被 {} {} · 打开{}", short(by), g::BOUNCE, g::BOUNCE),
        Fate::Dropped { by, at, .. } => format!("{at} 被 {} 放弃，未发{}", short(by), g::BOUNCE),
        Fate::Stuck { host, since } => format!("自 {since} 起卡在 {}：它{}了", short(host), g::DOWN),
    };
    let more = outcomes.len() - 1;
    if more > 0 {
        s.push_str(&format!(" · 下方还有 {more} 封"));
    }
    Some(tidy(&s))
}

/// How long a fast-forward skipped: "跳过约 1 小时".
pub fn skipped(span: Time) -> String {
    format!("跳过约 {}", duration(span.millis()))
}

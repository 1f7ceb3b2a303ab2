//! Outcomes in Chinese words. The twin of `text/report.rs`.

use super::glossary as g;
use super::tidy;
use crate::model::report::{Fate, Outcome};
use crate::text::narrate::reason_text;
use crate::text::Lang;

/// "bob@example.com：T+55m 由 mx1.example.com 投递到 /bob/，途中曾在 mx2.example.com 等待"
pub fn outcome_sentence(o: &Outcome) -> String {
    let to = &o.to;
    let mut s = match &o.fate {
        Fate::Delivered { host, folder, at, .. } => format!("{to}：{at} 由 {host} 投递到 /{folder}/"),
        Fate::Bounced { by, at, reason } => {
            format!("{to}：{at} 被 {by} {}，原因：{}", g::BOUNCE, reason_text(reason, Lang::Zh))
        }
        Fate::Dropped { by, at, reason } => {
            format!("{to}：{at} 被 {by} 放弃且没有发出{}，原因：{}", g::BOUNCE, reason_text(reason, Lang::Zh))
        }
        Fate::Stuck { host, since } => format!("{to}：自 {since} 起卡在 {host}，它{}了", g::DOWN),
    };
    if o.duplicate {
        s.push_str("（第二份副本）");
    }
    if !o.waited_at.is_empty() {
        s.push_str(&format!("，途中曾在 {} 等待", o.waited_at.join("、")));
    }
    tidy(&s)
}

//! Status lines of the page in Chinese: what a fast-forward is waiting for.
//! The twin of `text/status.rs`.

use super::glossary as g;
use super::tidy;
use crate::model::{Event, EventKind, Simulation, Time};
use crate::text::labels::host_title;
use crate::text::Lang;

/// "快进：MX2 的下一次重试在 T+25m", for the wait before `next`.
pub fn wait_note(sim: &Simulation, next: &Event, until: Time) -> String {
    let who = host_title(sim.host(next.from), Lang::Zh);
    let until = super::duration::clock(until);
    let s = match &next.kind {
        EventKind::AttemptStarted { .. } => format!("快进到 {who} 的下一次{}（{until}）", g::RETRY),
        EventKind::ConnectTimedOut { .. } => format!("快进：等待一个不会到来的应答（{}{}）", g::CONNECTION, g::TIMEOUT),
        EventKind::CacheExpired { .. } => format!("快进：一条{}{}的 {} 在 {until} {}", g::CACHE, g::ANSWER, g::TTL, g::EXPIRED),
        EventKind::Enqueued { .. } => format!("快进：下一封邮件在 {until} 发出"),
        EventKind::DnsQuery { .. }
        | EventKind::CacheHit { .. }
        | EventKind::DnsAnswer { .. }
        | EventKind::Cached { .. }
        | EventKind::NotCached { .. }
        | EventKind::CacheFlushed
        | EventKind::Planned { .. }
        | EventKind::HostSkipped { .. }
        | EventKind::HostIsAlias { .. }
        | EventKind::DnsTimedOut { .. }
        | EventKind::Connect { .. }
        | EventKind::ConnectRefused { .. }
        | EventKind::Command { .. }
        | EventKind::Reply { .. }
        | EventKind::ConnectionLost { .. }
        | EventKind::Deferred { .. }
        | EventKind::Stored { .. }
        | EventKind::Bounced { .. }
        | EventKind::Dropped { .. }
        | EventKind::HostDown
        | EventKind::HostUp
        | EventKind::FaultSet { .. }
        | EventKind::ZoneChanged { .. } => format!("快进到 {until}"),
    };
    tidy(&s)
}

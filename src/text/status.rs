//! Status lines of the page: what a fast-forward is waiting for, what a
//! host's box says.

use super::labels::host_title;
use super::Lang;
use crate::model::{Event, EventKind, Simulation, Time};

/// "Fast-forward: MX2 waits for its next retry at T+25m", for the wait before `next`.
pub fn wait_note(sim: &Simulation, next: &Event, until: Time, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return super::zh::status::wait_note(sim, next, until),
    }
    let who = host_title(sim.host(next.from), lang);
    match &next.kind {
        EventKind::AttemptStarted { .. } => format!("Fast-forward: {who} waits for its next retry at {until}"),
        EventKind::ConnectTimedOut { .. } => "Fast-forward: waiting for an answer that does not come (connect timeout)".to_string(),
        EventKind::CacheExpired { .. } => format!("Fast-forward: a cached answer's TTL runs out at {until}"),
        EventKind::Enqueued { .. } => format!("Fast-forward: the next message is sent at {until}"),
        _ => format!("Fast-forward to {until}"),
    }
}

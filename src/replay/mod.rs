//! Replaying a reader's own Postfix log (issue 22): `parse` reads the lines
//! that say something about a delivery; the rest is listed as skipped, never
//! an error. Plain Rust, like the model: no browser, no clock.

pub mod hide;
pub mod infer;
pub mod matching;
pub mod parse;

pub use parse::{Event, Line, Relay, Skip, Status};
use crate::model::sort::{float_rank, sort_by_rank};

/// The most text a pasted log may have: the page reads it at once.
pub const MAX_LOG_BYTES: usize = 1_000_000;

/// Why a pasted log is not replayed.
#[derive(Clone, Debug, PartialEq)]
pub enum ReplayError {
    Log(LogError),
    NoSubmission,
}

/// Reads `text` and replays it: the world that explains it, run, and its
/// lines paired with the model's events.
pub fn replay_text(text: &str) -> Result<(Log, matching::Replayed), ReplayError> {
    Beside::start(text)?.finish().map_err(|_| ReplayError::NoSubmission)
}

/// A log beside the run of the world that explains it, as the page shows
/// it while the story plays: each line about a recipient's fate with the
/// model's event, or what the model does instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Beside {
    /// The log as the model read it (its addresses hidden, if the reader
    /// asked): a link carries it, so the panel comes back with the link.
    pub text: std::rc::Rc<str>,
    /// The world that explains it.
    pub scenario: std::rc::Rc<crate::model::Scenario>,
    pub lines: Vec<Paired>,
    /// (line number, why) of the pasted lines left out.
    pub skipped: Vec<(usize, Skip)>,
}

/// One fate line of the log and the model's event for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Paired {
    /// The line as pasted.
    pub text: String,
    /// Its time of day as the log wrote it (`21:51:33`).
    pub stamp: String,
    /// Its time on the stage's clock: seconds after the world's T+0.
    pub at: f64,
    /// The message given up (`expired`), not a try.
    pub gives_up: bool,
    /// The event of the model's trace that agrees with it.
    pub event: Option<usize>,
    /// When none agrees: seconds from the line to the model's nearest event of its kind.
    pub nearest: Option<f64>,
}

impl Beside {
    /// Reads and replays `text` (as `replay_text`) and pairs its lines for the page.
    pub fn replay(text: &str) -> Result<Beside, ReplayError> {
        Beside::finish(text, Beside::start(text)?)
    }

    /// Reads `text` and builds its world: the replay to run, step by step
    /// (`matching::Replaying::step`), before `finish`.
    pub fn start(text: &str) -> Result<matching::Replaying, ReplayError> {
        let log = read(text).map_err(ReplayError::Log)?;
        matching::Replaying::new(log).map_err(|_| ReplayError::NoSubmission)
    }

    /// The replay of `text` (begun by `start`) run to its end and paired.
    pub fn finish(text: &str, replaying: matching::Replaying) -> Result<Beside, ReplayError> {
        let (log, r) = replaying.finish().map_err(|_| ReplayError::NoSubmission)?;
        let source: Vec<&str> = text.lines().collect();
        let lines = r
            .matches
            .iter()
            .zip(matching::fate_lines(&log))
            .map(|(m, l)| {
                let line = source.get(m.line - 1).copied().unwrap_or_default();
                Paired {
                    text: line.to_string(),
                    stamp: parse::stamp(line).to_string(),
                    at: l.secs - r.explained.t0,
                    gives_up: matches!(l.event, Event::Expired { .. }),
                    event: m.event,
                    nearest: m.nearest,
                }
            })
            .collect();
        Ok(Beside { text: text.into(), scenario: std::rc::Rc::new(r.explained.scenario), lines, skipped: log.skipped })
    }

    pub fn matched(&self) -> usize {
        self.lines.iter().filter(|l| l.event.is_some()).count()
    }
}

/// A pasted log, its delivery lines in time order.
#[derive(Clone, Debug, PartialEq)]
pub struct Log {
    pub lines: Vec<Line>,
    /// (line number, why) of every line left out.
    pub skipped: Vec<(usize, Skip)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LogError {
    TooLarge(usize),
    /// Not text: control characters a log does not have.
    NotText,
    /// Not one line of Postfix about a delivery.
    NoDeliveryLines { lines: usize },
    /// Exim's own log (its `mainlog`), which is not read yet.
    Exim { lines: usize },
    /// One machine's clock goes back (by more than a second) at this line.
    ClockBackwards { line: usize },
}

/// Reads a pasted log. Several machines' logs may be pasted one after the
/// other: the lines are put in time order, each machine's own order kept.
pub fn read(text: &str) -> Result<Log, LogError> {
    if text.len() > MAX_LOG_BYTES {
        return Err(LogError::TooLarge(text.len()));
    }
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(LogError::NotText);
    }
    let (mut lines, mut skipped) = (Vec::new(), Vec::new());
    for (i, l) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match parse::parse_line(i + 1, l) {
            Ok(line) => lines.push(line),
            Err(why) => skipped.push((i + 1, why)),
        }
    }
    if lines.is_empty() {
        if skipped.iter().any(|(_, why)| *why == Skip::Exim) {
            return Err(LogError::Exim { lines: skipped.len() });
        }
        return Err(LogError::NoDeliveryLines { lines: skipped.len() });
    }
    // Each machine's last time so far (a log names few machines).
    let mut last: Vec<(&str, f64)> = Vec::new();
    for l in &lines {
        let before = match last.iter_mut().find(|(host, _)| *host == l.host) {
            Some((_, t)) => std::mem::replace(t, l.secs),
            None => {
                last.push((&l.host, l.secs));
                f64::MIN
            }
        };
        if l.secs + 1.0 < before {
            return Err(LogError::ClockBackwards { line: l.number });
        }
    }
    sort_by_rank(&mut lines, |l| float_rank(l.secs));
    Ok(Log { lines, skipped })
}

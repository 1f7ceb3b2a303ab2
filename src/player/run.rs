//! Running a scenario for the page: the cap on its length, what part of
//! the trace a story plays, and why a scenario cannot be shown.

use crate::link::LinkError;
use crate::model::report::last_outcome_at;
use crate::model::{Limits, Scenario, ScenarioError, Simulation};

/// Why the page could not do what was asked; the text layer words it.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    BadLink(LinkError),
    NoSuchPreset(String),
    /// A scenario that was loaded, pasted or linked cannot be run.
    ScenarioRefused(RunError),
    /// An edit or an intervention was not applied.
    ChangeRefused(RunError),
    /// The second world of a comparison cannot be run.
    OtherWorldRefused(RunError),
    /// A scenario (linked, pasted or loaded) had fields this version does
    /// not know, by their path: they were left out.
    FieldsIgnored(Vec<String>),
}

/// Why a scenario cannot be animated.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    Rule(ScenarioError),
    /// It produces more events than the page animates.
    TooManyEvents(u64),
}

/// The most events the page will animate: far beyond any preset (the
/// longest has about 3,000), far below what would freeze a phone.
pub const MAX_EVENTS: u64 = 200_000;

/// Runs a scenario from outside to its end: the page replays the whole trace.
pub fn simulate(scenario: Scenario) -> Result<Simulation, RunError> {
    let world = scenario.validate(Limits::OUTSIDE).map_err(RunError::Rule)?;
    let mut sim = Simulation::new(world);
    if !sim.run_capped(MAX_EVENTS) {
        return Err(RunError::TooManyEvents(MAX_EVENTS));
    }
    Ok(sim)
}

/// After the last outcome, how much more of the trace is played: the end of
/// that conversation and, as a short epilogue, what happens within two
/// minutes (short TTLs running out); the cache expiries an hour later are
/// not part of the story.
const EPILOGUE_MS: u64 = 120_000;

/// How many events a story plays.
pub fn shown_events(sim: &Simulation) -> usize {
    let trace = sim.trace();
    match last_outcome_at(sim) {
        Some(end) => trace.partition_point(|e| e.at <= end.plus_ms(EPILOGUE_MS)),
        None => trace.len(),
    }
}


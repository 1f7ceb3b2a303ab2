//! The player: what the page is showing (a simulation, a position in its
//! presentation schedule, play or pause, speed) and the one reducer that
//! changes it, in the manner of Yew's function_todomvc. It holds no delivery
//! logic: interventions go back to the model, which recomputes the trace.
//!
//! Plain Rust, tested natively; `ui::app` wraps it in `use_reducer`.

use crate::link::View;
use crate::model::edit::{self, Comparison};
use crate::model::event::Via;
use crate::model::{Action, EventKind, Scenario, Simulation, State, Time};
use crate::beats::{Beat, Detail};
use crate::chapters::{self, Chapter};
use crate::lang::Lang;
use crate::model::Event;
use crate::playback::{Schedule, SlotKind};
use crate::presets;
use crate::replay::Beside;
use std::cell::OnceCell;
use std::rc::Rc;

/// The speeds offered, with the label each has in the speed menu.
pub const SPEEDS: [(f64, &str); 6] = [(0.25, "0.25x"), (0.5, "0.5x"), (1.0, "1x"), (2.0, "2x"), (4.0, "4x"), (8.0, "8x")];

/// An embed that plays by itself goes on from a key moment after this
/// long (at 1x): a reader who only watches is not stopped for good.
pub const AUTO_CONTINUE_MS: f64 = 9_000.0;

/// A snapshot of the state every this many events, so that a seek folds at
/// most this many events instead of the whole trace.
const CHECKPOINT_EVERY: usize = 128;

/// A state to come back to with Undo.
#[derive(Clone, Debug)]
struct Saved {
    preset: Option<&'static str>,
    story: Option<&'static str>,
    scenario: Rc<Scenario>,
    applied: usize,
    replay: Option<Rc<Beside>>,
}

/// The second world of a comparison, played in step with the first.
#[derive(Clone)]
pub struct Twin {
    pub comparison: Comparison,
    pub player: Player,
}

#[derive(Clone)]
pub struct Player {
    pub sim: Rc<Simulation>,
    pub schedule: Rc<Schedule>,
    /// Playback position in milliseconds at 1x.
    pub pos: f64,
    pub playing: bool,
    pub speed: f64,
    /// The state after the first `applied` events.
    pub state: Rc<State>,
    pub applied: usize,
    /// The preset shown, if the scenario is one unchanged.
    pub preset: Option<&'static str>,
    /// The preset this world started from, kept through clicks and edits:
    /// the page keeps its title ("modified") and its explanation.
    pub story: Option<&'static str>,
    /// How many events of the trace are played: up to the last outcome and
    /// what happens at the same moment; later cache expiries are left out.
    pub shown: usize,
    /// The story in beats: what a step is, what a sentence covers.
    pub beats: Rc<Vec<Beat>>,
    /// The story's chapters, for the timeline and the chapter keys.
    pub chapters: Rc<Vec<Chapter>>,
    /// The reader's language when the link names none (the browser's): the
    /// reading times of the sentences depend on it.
    pub browser_lang: Lang,
    /// Playing, but holding on a key moment (this beat) until the reader
    /// continues; `held_ms` is how long it has held.
    pub held: Option<usize>,
    held_ms: f64,
    /// The timeline's length: kept when a click changes the world, so that
    /// the thumb stays at the same place for the same moment.
    pub axis: f64,
    /// A message for the reader: bad input, a refused change.
    pub notice: Option<Notice>,
    /// Bumped on every new trace, so views can tell a replaced run apart.
    pub generation: u64,
    /// `checkpoints[j]` is the state after `j * CHECKPOINT_EVERY` events.
    checkpoints: Rc<Vec<Rc<State>>>,
    /// Edits and interventions to step back through, and forward again.
    undo: Rc<Vec<Saved>>,
    redo: Rc<Vec<Saved>>,
    /// The other world of a side-by-side comparison.
    pub twin: Option<Rc<Twin>>,
    /// The mail log this story replays, kept through the reader's changes,
    /// and whether the world is still the one that explains it (its panel
    /// says when not). Compared when the world changes, not every frame.
    replay: Option<(Rc<Beside>, bool)>,
    /// How the page is shown (embed, theme, panels), as its link says.
    pub view: View,
    /// The story's part of this run's link, encoded once when first asked for.
    story_fragment: Rc<OnceCell<String>>,
    last_frame: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Play,
    Pause,
    Toggle,
    StepForward,
    StepBack,
    /// Jump to a playback position.
    Seek(f64),
    Speed(f64),
    /// An animation frame at this timestamp (ms).
    Frame(f64),
    Restart,
    LoadPreset(String),
    LoadScenario(Box<Scenario>),
    /// Show the world that explains a pasted mail log, with its lines.
    LoadLog(Rc<Beside>),
    /// Open a link (the address's fragment): its story at its position.
    OpenLink(String),
    /// Replace the world (servers, retry policy…) and replay to the same step.
    EditScenario(Box<Scenario>),
    Undo,
    Redo,
    /// Show a second world beside this one, or stop comparing.
    Compare(Option<Comparison>),
    /// Apply a fault or change at the current moment and recompute.
    Intervene(Action),
    Notice(Option<Notice>),
    /// Show the page another way (a theme chosen in the page).
    SetView(View),
    /// To the first beat of the next (+1) or previous (-1) chapter.
    Chapter(i32),
    /// Go on from a key moment the story holds on.
    Continue,
    /// Tell the story with every event as its own step (true) or in beats.
    Detail(bool),
}

impl Player {
    pub fn new(scenario: Scenario) -> Result<Player, RunError> {
        let sim = simulate(scenario)?;
        Ok(Player::from_sim(sim, Detail::Beats, Lang::En))
    }

    pub fn preset(id: &str) -> Option<Player> {
        let p = presets::find(id)?;
        let mut player = Player::new(p.scenario()).ok()?;
        (player.preset, player.story) = (Some(p.id), Some(p.id));
        Some(player)
    }

    /// The language the page speaks: the link's, else the browser's.
    pub fn lang(&self) -> Lang {
        self.view.lang.unwrap_or(self.browser_lang)
    }

    /// The other world's label and this one's, for a comparison.
    pub fn comparing(&self) -> Option<Comparison> {
        self.twin.as_ref().map(|t| t.comparison)
    }

    fn from_sim(sim: Simulation, detail: Detail, lang: Lang) -> Player {
        let shown = shown_events(&sim);
        let (beats, schedule, chapters) = tell(&sim, shown, detail, lang);
        let axis = schedule.total;
        let mut checkpoints = vec![Rc::new(sim.initial_state().clone())];
        let mut folding = sim.initial_state().clone();
        for (i, ev) in sim.trace().iter().enumerate() {
            folding.apply(ev);
            if (i + 1) % CHECKPOINT_EVERY == 0 {
                checkpoints.push(Rc::new(folding.clone()));
            }
        }
        let state = checkpoints[0].clone();
        Player {
            sim: Rc::new(sim),
            schedule,
            pos: 0.0,
            playing: false,
            speed: 1.0,
            state,
            applied: 0,
            preset: None,
            story: None,
            shown,
            beats,
            chapters,
            browser_lang: lang,
            held: None,
            held_ms: 0.0,
            axis,
            notice: None,
            generation: 0,
            checkpoints: Rc::new(checkpoints),
            undo: Rc::new(Vec::new()),
            redo: Rc::new(Vec::new()),
            twin: None,
            replay: None,
            view: View::default(),
            story_fragment: Rc::new(OnceCell::new()),
            last_frame: None,
        }
    }

    /// The events that are played.
    pub fn trace(&self) -> &[Event] {
        &self.sim.trace()[..self.shown]
    }

    /// Whether the world is a preset changed by the reader.
    pub fn modified(&self) -> bool {
        self.preset.is_none() && self.story.is_some()
    }

    /// The chapter playing now.
    pub fn chapter(&self) -> Option<usize> {
        chapters::of_beat(&self.chapters, self.beat().unwrap_or(0))
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.schedule.total
    }

    /// The model's clock at the current position.
    pub fn clock(&self) -> Time {
        self.schedule.clock_at(self.pos, self.trace())
    }

    /// The event being shown (moving) now, if any. At the very start of a
    /// slot nothing moves yet: a paused step shows the event just done.
    pub fn current_event(&self) -> Option<usize> {
        let s = self.schedule.slot_at(self.pos)?;
        let slot = self.schedule.slots[s];
        match slot.kind {
            SlotKind::Event(i) if self.pos > slot.start => Some(i),
            _ => None,
        }
    }

    /// The event the stage draws: the one moving, or else the last one done,
    /// at its destination.
    pub fn shown_event(&self) -> Option<(usize, f64)> {
        match self.current_event() {
            Some(i) => Some((i, self.slot_progress())),
            None => {
                let last = self.applied.checked_sub(1)?;
                // A beat played: the stage shows what its sentence is about
                // (the final 250, not the QUIT that trails it).
                let headline = self.beat().map(|b| &self.beats[b]).filter(|b| b.events().contains(&last)).map(|b| b.headline());
                Some((headline.filter(|&h| h <= last).unwrap_or(last), 1.0))
            }
        }
    }

    /// Progress through the current slot, 0 to 1.
    pub fn slot_progress(&self) -> f64 {
        self.schedule.slot_at(self.pos).map_or(1.0, |s| {
            let slot = self.schedule.slots[s];
            ((self.pos - slot.start) / slot.dur).clamp(0.0, 1.0)
        })
    }

    /// What is being waited for, when the clock is fast-forwarding.
    pub fn waiting(&self) -> Option<(Time, Time, usize)> {
        match self.schedule.slot_at(self.pos).map(|s| self.schedule.slots[s].kind) {
            Some(SlotKind::Wait { from, to, next }) => Some((from, to, next)),
            _ => None,
        }
    }

    fn set_pos(&mut self, pos: f64) {
        self.pos = pos.clamp(0.0, self.schedule.total);
        let n = self.schedule.applied_at(self.pos);
        // Going back, or far ahead: start from the nearest checkpoint.
        let j = n / CHECKPOINT_EVERY;
        if n < self.applied || j * CHECKPOINT_EVERY > self.applied {
            self.state = self.checkpoints[j].clone();
            self.applied = j * CHECKPOINT_EVERY;
        }
        if n > self.applied {
            let state = Rc::make_mut(&mut self.state);
            for ev in &self.sim.trace()[self.applied..n] {
                state.apply(ev);
            }
            self.applied = n;
        }
        if let Some(twin) = &mut self.twin {
            let clock = self.schedule.clock_at(self.pos, &self.sim.trace()[..self.shown]);
            let t = Rc::make_mut(twin);
            let pos = t.player.schedule.pos_at_clock(clock, t.player.trace());
            t.player.set_pos(pos);
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn saved(&self) -> Saved {
        let scenario = Rc::new(self.sim.scenario().clone());
        let replay = self.replay.as_ref().map(|(log, _)| log.clone());
        Saved { preset: self.preset, story: self.story, scenario, applied: self.applied, replay }
    }

    /// Call before a change that succeeded: the state before it is undoable.
    fn remember(&mut self, before: Saved) {
        Rc::make_mut(&mut self.undo).push(before);
        Rc::make_mut(&mut self.redo).clear();
    }

    /// Rebuilds the comparison's second world after the first changed.
    fn refresh_twin(&mut self) {
        if let Some(c) = self.comparing() {
            self.twin = None;
            self.start_twin(c);
        }
    }

    fn start_twin(&mut self, comparison: Comparison) {
        let (_, other) = edit::comparison(self.sim.scenario(), comparison);
        match simulate(other) {
            Ok(sim) => {
                let mut player = Player::from_sim(sim, self.view.detail, self.lang());
                player.playing = false;
                self.twin = Some(Rc::new(Twin { comparison, player }));
                self.set_pos(self.pos);
            }
            Err(e) => self.notice = Some(Notice::OtherWorldRefused(e)),
        }
    }

    /// The one way the world is replaced (a preset, a file, a link, an edit,
    /// an intervention, undo and redo): history, speed, play state and the
    /// comparison stay; the first `keep` events stay shown.
    fn change_world(&mut self, sim: Simulation, keep: usize, origin: Origin) {
        let (undo, redo, twin, view) = (self.undo.clone(), self.redo.clone(), self.twin.clone(), self.view.clone());
        // Another story leaves the log behind; a change to this one keeps it.
        let replay = if matches!(origin, Origin::Story(_)) { None } else { self.replay.take().map(|(log, _)| log) };
        let (generation, speed, playing, browser_lang) = (self.generation + 1, self.speed, self.playing, self.browser_lang);
        let lang = view.lang.unwrap_or(browser_lang);
        *self = Player::from_sim(sim, view.detail, lang);
        self.browser_lang = browser_lang;
        // The same story changed by the reader keeps its title and its
        // explanation; the timeline is always the new story's whole length.
        match origin {
            Origin::Story(preset) => (self.preset, self.story) = (preset, preset),
            Origin::Changed { preset, story } | Origin::Restored { preset, story } => (self.preset, self.story) = (preset, story),
        }
        self.view = view;
        self.undo = undo;
        self.redo = redo;
        self.twin = twin;
        self.set_replay(replay);
        self.generation = generation;
        self.speed = speed;
        self.playing = playing;
        let keep = keep.min(self.shown);
        let pos = keep.checked_sub(1).map_or(0.0, |i| self.schedule.after_event(i));
        self.set_pos(pos);
        self.refresh_twin();
    }

    /// Runs `scenario` and, if it can be animated, makes it the world, undoably.
    fn try_change(&mut self, scenario: Scenario, keep: usize, origin: Origin) -> Result<(), RunError> {
        let sim = simulate(scenario)?;
        let before = self.saved();
        self.change_world(sim, keep, origin);
        self.remember(before);
        Ok(())
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Play if self.held.is_some() => self.update(Msg::Continue),
            Msg::Play => {
                if self.at_end() {
                    self.set_pos(0.0);
                }
                self.playing = true;
            }
            Msg::Pause => {
                self.playing = false;
                self.held = None;
            }
            Msg::Toggle => {
                let next = if self.held.is_some() {
                    Msg::Continue
                } else if self.playing {
                    Msg::Pause
                } else {
                    Msg::Play
                };
                self.update(next);
            }
            Msg::Continue => {
                self.held = None;
                self.held_ms = 0.0;
                self.playing = !self.at_end();
            }
            // On a key moment, the step forward is the reader going on.
            Msg::StepForward if self.held.is_some() => self.update(Msg::Continue),
            Msg::StepForward => self.step_forward(),
            Msg::StepBack => self.step_back(),
            Msg::Seek(pos) => {
                self.held = None;
                self.set_pos(pos);
            }
            Msg::Speed(s) => {
                if SPEEDS.iter().any(|(v, _)| *v == s) {
                    self.speed = s;
                }
            }
            Msg::Frame(ts) => self.frame(ts),
            Msg::Restart => {
                self.held = None;
                self.set_pos(0.0);
                self.playing = true;
            }
            Msg::LoadPreset(id) => match presets::find(&id) {
                Some(p) => match self.try_change(p.scenario(), 0, Origin::Story(Some(p.id))) {
                    Ok(()) => {
                        self.playing = true;
                        self.notice = None;
                    }
                    Err(e) => self.notice = Some(Notice::ScenarioRefused(e)),
                },
                None => self.notice = Some(Notice::NoSuchPreset(id)),
            },
            Msg::LoadScenario(s) => match self.try_change(*s, 0, Origin::Story(None)) {
                Ok(()) => {
                    self.playing = true;
                    self.notice = None;
                }
                Err(e) => self.notice = Some(Notice::ScenarioRefused(e)),
            },
            Msg::LoadLog(log) => match self.try_change((*log.scenario).clone(), 0, Origin::Story(None)) {
                Ok(()) => {
                    self.set_replay(Some(log));
                    self.playing = true;
                    self.notice = None;
                }
                Err(e) => self.notice = Some(Notice::ScenarioRefused(e)),
            },
            Msg::OpenLink(fragment) => {
                let before = self.saved();
                self.open_fragment(&fragment, false);
                if self.notice.is_none() {
                    self.remember(before);
                }
            }
            Msg::Intervene(action) => self.intervene(action),
            Msg::EditScenario(s) => match self.try_change(*s, self.applied, Origin::Changed { preset: None, story: self.story }) {
                Ok(()) => self.notice = None,
                Err(e) => self.notice = Some(Notice::ChangeRefused(e)),
            },
            Msg::Undo | Msg::Redo => {
                let undoing = msg == Msg::Undo;
                let from = if undoing { &self.undo } else { &self.redo };
                let Some(target) = from.last().cloned() else { return };
                // Only a step that can be taken leaves its stack.
                match simulate((*target.scenario).clone()) {
                    Ok(sim) => {
                        let current = self.saved();
                        let (from, to) = if undoing { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
                        Rc::make_mut(from).pop();
                        Rc::make_mut(to).push(current);
                        self.change_world(sim, target.applied, Origin::Restored { preset: target.preset, story: target.story });
                        self.set_replay(target.replay);
                    }
                    Err(e) => self.notice = Some(Notice::ChangeRefused(e)),
                }
            }
            Msg::Compare(None) => self.twin = None,
            Msg::Compare(Some(c)) => {
                let (this, _) = edit::comparison(self.sim.scenario(), c);
                if this != *self.sim.scenario() {
                    // The TTL comparison sets this world's TTLs too.
                    self.update(Msg::EditScenario(Box::new(this)));
                }
                self.twin = None;
                self.start_twin(c);
            }
            Msg::Notice(n) => self.notice = n,
            Msg::Chapter(step) => self.chapter_step(step),
            Msg::Detail(every) => {
                let detail = if every { Detail::Events } else { Detail::Beats };
                self.update(Msg::SetView(View { detail, ..self.view.clone() }));
            }
            Msg::SetView(v) => {
                let retell = v.detail != self.view.detail || v.lang != self.view.lang;
                self.view = v;
                if retell {
                    self.retell();
                }
            }
        }
    }

    /// Applies `action` just after the last event shown, so that everything
    /// already seen stays exactly as it was, and replays from there.
    fn intervene(&mut self, action: Action) {
        let trace = self.sim.trace();
        let after_last = self.applied.checked_sub(1).map_or(Time::ZERO, |i| trace[i].at.plus_ms(1));
        let at = self.clock().max(after_last);
        let scenario = edit::intervene(self.sim.scenario(), at.millis(), action);
        let keep = self.applied;
        if let Err(e) = self.try_change(scenario, keep, Origin::Changed { preset: self.preset, story: self.story }) {
            self.notice = Some(Notice::ChangeRefused(e));
            return;
        }
        // Show the change itself at once (a server drawn down, a message
        // queued), even while paused. Events still in flight when paused
        // mid-step come first.
        let trace = self.sim.trace();
        let keep = keep.min(trace.len());
        let first = keep + trace[keep..].partition_point(|e| e.at < at);
        let own = trace[first..].iter().take_while(|e| e.at == at && caused_by_an_action(&e.kind)).count();
        if own > 0 {
            self.set_pos(self.schedule.after_event(first + own - 1));
        }
        self.preset = None;
        self.notice = None;
    }
}

/// Where a new world comes from: another story, or this one changed.
#[derive(Clone, Copy, Debug)]
enum Origin {
    Story(Option<&'static str>),
    Changed { preset: Option<&'static str>, story: Option<&'static str> },
    Restored { preset: Option<&'static str>, story: Option<&'static str> },
}

/// Events an intervention produces the moment it is applied.
fn caused_by_an_action(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::HostDown
            | EventKind::HostUp
            | EventKind::FaultSet { .. }
            | EventKind::ZoneChanged { .. }
            | EventKind::CacheFlushed
            | EventKind::Enqueued { via: Via::Submission, .. }
    )
}

mod handover;
mod links;
mod navigate;
mod run;

use navigate::tell;

pub use handover::HandOver;
pub use run::{shown_events, simulate, Notice, RunError, MAX_EVENTS};

#[cfg(test)]
mod tests;

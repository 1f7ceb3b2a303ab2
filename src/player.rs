//! The player: what the page is showing (a simulation, a position in its
//! presentation schedule, play or pause, speed) and the one reducer that
//! changes it, in the manner of Yew's function_todomvc. It holds no delivery
//! logic: interventions go back to the model, which recomputes the trace.
//!
//! Plain Rust, tested natively; `ui::app` wraps it in `use_reducer`.

use crate::model::presets;
use crate::model::event::Via;
use crate::model::{Action, EventKind, Scenario, Simulation, State, Time};
use crate::playback::{Schedule, SlotKind};
use crate::share::{self, Link, Story, View};
use std::rc::Rc;

pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];

/// A snapshot of the state every this many events, so that a seek folds at
/// most this many events instead of the whole trace.
const CHECKPOINT_EVERY: usize = 128;

/// A state to come back to with Undo.
#[derive(Clone, Debug)]
struct Saved {
    preset: Option<&'static str>,
    scenario: Rc<Scenario>,
    applied: usize,
}

/// The one setting a side-by-side comparison changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// With and without the backup MX.
    Backup,
    /// Postfix's retry schedule versus Exim's.
    Retry,
    /// Short TTLs (300 s) versus a day (86400 s).
    Ttl,
}

impl Variant {
    pub const ALL: [Variant; 3] = [Variant::Backup, Variant::Retry, Variant::Ttl];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Backup => "with and without a backup MX",
            Variant::Retry => "Postfix versus Exim retries",
            Variant::Ttl => "TTL 300 s versus 86400 s",
        }
    }

    /// Both worlds (this one may change too, so that they differ in the
    /// one setting alone) and their labels.
    pub fn worlds(self, s: &Scenario) -> (Scenario, Scenario, String, String) {
        use crate::model::retry::RetryPolicy;
        use crate::model::scenario::Record;
        let (a, mut b) = (s.clone(), s.clone());
        match self {
            Variant::Backup => {
                let backups: Vec<String> = s.servers.iter().filter(|m| !m.relay_for.is_empty()).map(|m| m.host.to_ascii_lowercase()).collect();
                let gone = |h: &str| backups.iter().any(|x| *x == h.trim_end_matches('.').to_ascii_lowercase());
                b.servers.retain(|m| m.relay_for.is_empty());
                for z in &mut b.zones {
                    z.records.retain(|r| match r {
                        Record::MX { host, .. } => !gone(host),
                        other => !gone(other.name()),
                    });
                }
                b.timeline.retain(|t| match &t.action {
                    Action::Down { host } | Action::Up { host } | Action::Fault { host, .. } => !gone(host),
                    _ => true,
                });
                let with = if backups.is_empty() { "no backup MX here either".to_string() } else { format!("with the backup MX ({})", backups.join(", ")) };
                (a, b, with, "without a backup MX".into())
            }
            Variant::Retry => {
                b.retry = if matches!(s.retry, RetryPolicy::Exim) { RetryPolicy::Postfix } else { RetryPolicy::Exim };
                b.queue_lifetime = None;
                for m in &mut b.servers {
                    m.retry = None;
                }
                let (la, lb) = (format!("{} retries", s.retry.name()), format!("{} retries", b.retry.name()));
                (a, b, la, lb)
            }
            Variant::Ttl => {
                let with_ttl = |s: &Scenario, ttl: i64| {
                    let mut s = s.clone();
                    for z in &mut s.zones {
                        for r in &mut z.records {
                            match r {
                                Record::MX { ttl: t, .. } | Record::A { ttl: t, .. } | Record::AAAA { ttl: t, .. } => *t = ttl,
                            }
                        }
                    }
                    s
                };
                (with_ttl(s, 300), with_ttl(s, 86_400), "TTL 300 s".into(), "TTL 86400 s (a day)".into())
            }
        }
    }
}

/// The second world of a comparison, played in step with the first.
#[derive(Clone)]
pub struct Twin {
    pub variant: Variant,
    pub label_a: String,
    pub label_b: String,
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
    /// A message for the reader: bad input, a refused change.
    pub notice: Option<String>,
    /// Bumped on every new trace, so views can tell a replaced run apart.
    pub generation: u64,
    /// `checkpoints[j]` is the state after `j * CHECKPOINT_EVERY` events.
    checkpoints: Rc<Vec<Rc<State>>>,
    /// Edits and interventions to step back through, and forward again.
    undo: Rc<Vec<Saved>>,
    redo: Rc<Vec<Saved>>,
    /// The other world of a side-by-side comparison.
    pub twin: Option<Rc<Twin>>,
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
    /// Open a decoded link: its story at its position.
    OpenLink(Box<Link>),
    /// Replace the world (servers, retry policy…) and replay to the same step.
    EditScenario(Box<Scenario>),
    Undo,
    Redo,
    /// Show a second world beside this one, or stop comparing.
    Compare(Option<Variant>),
    /// Apply a fault or change at the current moment and recompute.
    Intervene(Action),
    Notice(Option<String>),
}

/// The most events the page will animate: far beyond any preset (the
/// longest has about 3,000), far below what would freeze a phone.
pub const MAX_EVENTS: u64 = 200_000;

/// Runs a scenario to its end: the page replays the whole trace.
pub fn simulate(scenario: Scenario) -> Result<Simulation, String> {
    let mut sim = Simulation::new(scenario).map_err(|e| e.to_string())?;
    if !sim.run_capped(MAX_EVENTS) {
        return Err(format!("it produces more than {MAX_EVENTS} events, too many to animate; use fewer messages or a shorter queue lifetime"));
    }
    Ok(sim)
}

impl Player {
    pub fn new(scenario: Scenario) -> Result<Player, String> {
        let sim = simulate(scenario)?;
        Ok(Player::from_sim(sim))
    }

    pub fn preset(id: &str) -> Option<Player> {
        let p = presets::find(id)?;
        let mut player = Player::new(p.scenario()).ok()?;
        player.preset = Some(p.id);
        Some(player)
    }

    /// The player a link asks for, or the default story and a notice that
    /// says why the link could not be used. `reduced_motion` decides whether
    /// to play when the link does not say.
    pub fn from_fragment(fragment: &str, reduced_motion: bool) -> (Player, View) {
        match share::decode(fragment) {
            Ok(link) => {
                let view = link.view.clone();
                (Player::from_link(link, reduced_motion), view)
            }
            Err(e) => {
                let mut p = Player::from_link(Link::default(), reduced_motion);
                p.notice = Some(format!("This link could not be opened: {e}. Showing the default story instead."));
                (p, View::default())
            }
        }
    }

    pub fn from_link(link: Link, reduced_motion: bool) -> Player {
        let built = match link.story {
            Story::Preset(id) => Player::preset(id).ok_or_else(|| format!("there is no story called {id}")),
            Story::Scenario(s) => Player::new(*s),
        };
        let mut p = match built {
            Ok(p) => p,
            Err(e) => {
                let mut p = Player::preset(presets::DEFAULT_PRESET).expect("the default preset is valid");
                p.notice = Some(format!("This link could not be opened: {e}. Showing the default story instead."));
                p
            }
        };
        // A link with a position opens paused there, unless it asks to play.
        if let Some(e) = link.events {
            let e = e.min(p.sim.trace().len());
            p.set_pos(if e == 0 { 0.0 } else { p.schedule.after_event(e - 1) });
        }
        p.playing = link.view.autoplay.unwrap_or(link.events.is_none() && !reduced_motion);
        p
    }

    /// The link that reopens exactly this: the story, its position, the view.
    pub fn link(&self, view: &View) -> Link {
        let story = match self.preset {
            Some(id) => Story::Preset(id),
            None => Story::Scenario(Box::new(self.sim.scenario().clone())),
        };
        Link { story, events: Some(self.applied), view: view.clone() }
    }

    fn from_sim(sim: Simulation) -> Player {
        let schedule = Rc::new(Schedule::build(sim.trace()));
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
            notice: None,
            generation: 0,
            checkpoints: Rc::new(checkpoints),
            undo: Rc::new(Vec::new()),
            redo: Rc::new(Vec::new()),
            twin: None,
            last_frame: None,
        }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.schedule.total
    }

    /// The model's clock at the current position.
    pub fn clock(&self) -> Time {
        self.schedule.clock_at(self.pos, self.sim.trace())
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
            None => self.applied.checked_sub(1).map(|i| (i, 1.0)),
        }
    }

    /// Progress through the current slot, 0 to 1.
    pub fn slot_progress(&self) -> f64 {
        self.schedule.slot_at(self.pos).map_or(1.0, |s| {
            let slot = self.schedule.slots[s];
            ((self.pos - slot.start) / slot.dur).clamp(0.0, 1.0)
        })
    }

    /// The event the narration speaks of: the one moving, else the last one done.
    pub fn focus_event(&self) -> Option<usize> {
        self.current_event().or(self.applied.checked_sub(1))
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
            let clock = self.schedule.clock_at(self.pos, self.sim.trace());
            let t = Rc::make_mut(twin);
            let pos = t.player.schedule.pos_for_time(clock, t.player.sim.trace());
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
        Saved { preset: self.preset, scenario: Rc::new(self.sim.scenario().clone()), applied: self.applied }
    }

    /// Call before a change that succeeded: the state before it is undoable.
    fn remember(&mut self, before: Saved) {
        Rc::make_mut(&mut self.undo).push(before);
        Rc::make_mut(&mut self.redo).clear();
    }

    /// Rebuilds the comparison's second world after the first changed.
    fn refresh_twin(&mut self) {
        if let Some(variant) = self.twin.as_ref().map(|t| t.variant) {
            self.twin = None;
            self.start_twin(variant);
        }
    }

    fn start_twin(&mut self, variant: Variant) {
        let (_, b, label_a, label_b) = variant.worlds(self.sim.scenario());
        match Player::new(b) {
            Ok(mut player) => {
                player.playing = false;
                self.twin = Some(Rc::new(Twin { variant, label_a, label_b, player }));
                self.set_pos(self.pos);
            }
            Err(e) => self.notice = Some(format!("The other world cannot be shown: {e}")),
        }
    }

    /// Swaps in a new world, keeping history, speed, play state and step.
    fn swap_world(&mut self, sim: Simulation, keep: usize, preset: Option<&'static str>) {
        let (undo, redo, twin) = (self.undo.clone(), self.redo.clone(), self.twin.clone());
        self.replace(sim, keep);
        self.undo = undo;
        self.redo = redo;
        self.twin = twin;
        self.preset = preset;
        self.refresh_twin();
    }

    fn replace(&mut self, sim: Simulation, keep_applied: usize) {
        let generation = self.generation + 1;
        let (speed, playing) = (self.speed, self.playing);
        *self = Player::from_sim(sim);
        self.generation = generation;
        self.speed = speed;
        self.playing = playing;
        let pos = keep_applied.checked_sub(1).map_or(0.0, |i| self.schedule.after_event(i));
        self.set_pos(pos);
    }

    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Play => {
                if self.at_end() {
                    self.set_pos(0.0);
                }
                self.playing = true;
            }
            Msg::Pause => self.playing = false,
            Msg::Toggle => {
                let next = if self.playing { Msg::Pause } else { Msg::Play };
                self.update(next);
            }
            Msg::StepForward => {
                self.playing = false;
                // To the end of the event in progress, or of the next one.
                let target = match self.current_event() {
                    Some(i) => i,
                    None => self.applied,
                };
                self.set_pos(self.schedule.after_event(target));
            }
            Msg::StepBack => {
                self.playing = false;
                let target = self.applied.saturating_sub(2);
                let pos = if self.applied <= 1 { 0.0 } else { self.schedule.after_event(target) };
                self.set_pos(pos);
            }
            Msg::Seek(pos) => self.set_pos(pos),
            Msg::Speed(s) => {
                if SPEEDS.contains(&s) {
                    self.speed = s;
                }
            }
            Msg::Frame(ts) => {
                if !self.playing {
                    self.last_frame = None;
                    return;
                }
                // A long gap (a background tab) does not jump the story ahead.
                let dt = self.last_frame.map_or(0.0, |last| (ts - last).clamp(0.0, 100.0));
                self.last_frame = Some(ts);
                self.set_pos(self.pos + dt * self.speed);
                if self.at_end() {
                    self.playing = false;
                    self.last_frame = None;
                }
            }
            Msg::Restart => {
                self.set_pos(0.0);
                self.playing = true;
            }
            Msg::LoadPreset(id) => match Player::preset(&id) {
                Some(mut p) => {
                    let before = self.saved();
                    p.speed = self.speed;
                    p.playing = true;
                    p.generation = self.generation + 1;
                    p.undo = self.undo.clone();
                    p.twin = self.twin.clone();
                    *self = p;
                    self.refresh_twin();
                    self.remember(before);
                }
                None => self.notice = Some(format!("There is no preset called {id:?}.")),
            },
            Msg::LoadScenario(s) => match simulate(*s) {
                Ok(sim) => {
                    let before = self.saved();
                    self.swap_world(sim, 0, None);
                    self.remember(before);
                    self.playing = true;
                }
                Err(e) => self.notice = Some(format!("That scenario cannot be used: {e}")),
            },
            Msg::OpenLink(link) => {
                let (speed, generation) = (self.speed, self.generation);
                *self = Player::from_link(*link, false);
                self.speed = speed;
                self.generation = generation + 1;
            }
            Msg::Intervene(action) => self.intervene(action),
            Msg::EditScenario(s) => {
                if let Err(e) = s.check_size() {
                    self.notice = Some(format!("That change was not applied: {e}"));
                    return;
                }
                match simulate(*s) {
                    Ok(sim) => {
                        let before = self.saved();
                        let keep = self.applied;
                        self.swap_world(sim, keep, None);
                        self.remember(before);
                        self.notice = None;
                    }
                    Err(e) => self.notice = Some(format!("That change was not applied: {e}")),
                }
            }
            Msg::Undo | Msg::Redo => {
                let undoing = msg == Msg::Undo;
                let (from, to) = if undoing { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
                let Some(target) = Rc::make_mut(from).pop() else { return };
                let current = Saved { preset: self.preset, scenario: Rc::new(self.sim.scenario().clone()), applied: self.applied };
                Rc::make_mut(to).push(current);
                if let Ok(sim) = simulate((*target.scenario).clone()) {
                    self.swap_world(sim, target.applied, target.preset);
                }
            }
            Msg::Compare(None) => self.twin = None,
            Msg::Compare(Some(variant)) => {
                let (a, _, _, _) = variant.worlds(self.sim.scenario());
                if a != *self.sim.scenario() {
                    // The TTL comparison sets this world's TTLs too.
                    self.update(Msg::EditScenario(Box::new(a)));
                }
                self.twin = None;
                self.start_twin(variant);
            }
            Msg::Notice(n) => self.notice = n,
        }
    }

    /// Applies `action` just after the last event shown, so that everything
    /// already seen stays exactly as it was, and replays from there.
    fn intervene(&mut self, action: Action) {
        let trace = self.sim.trace();
        let after_last = self.applied.checked_sub(1).map_or(Time::ZERO, |i| trace[i].at.plus_ms(1));
        let at = self.clock().max(after_last);
        let mut scenario = self.sim.scenario().clone();
        scenario.timeline.push(crate::model::scenario::TimedAction { at: at.millis() as f64 / 1000.0, action });
        if let Err(e) = scenario.check_size() {
            self.notice = Some(e.to_string());
            return;
        }
        match simulate(scenario) {
            Ok(sim) => {
                let before = self.saved();
                let keep = self.applied;
                let preset = self.preset;
                self.swap_world(sim, keep, preset);
                self.remember(before);
                // Show the change itself at once (a server drawn down, a
                // message queued), even while paused.
                // Events still in flight when paused mid-step come first.
                let trace = self.sim.trace();
                let keep = keep.min(trace.len());
                let first = keep + trace[keep..].partition_point(|e| e.at < at);
                let own = trace[first..]
                    .iter()
                    .take_while(|e| e.at == at && caused_by_an_action(&e.kind))
                    .count();
                if own > 0 {
                    self.set_pos(self.schedule.after_event(first + own - 1));
                }
                self.preset = None;
                self.notice = None;
            }
            Err(e) => self.notice = Some(format!("That change was not applied: {e}")),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::presets::MX1;

    fn seed() -> Player {
        Player::preset("seed-story").unwrap()
    }

    #[test]
    fn stepping_and_seeking_show_the_state_the_model_had() {
        let mut p = seed();
        for _ in 0..25 {
            p.update(Msg::StepForward);
        }
        assert_eq!(p.applied, 25);
        assert_eq!(*p.state, p.sim.state_after(25));
        p.update(Msg::StepBack);
        assert_eq!(p.applied, 24);
        assert_eq!(*p.state, p.sim.state_after(24));
        p.update(Msg::Seek(p.schedule.total));
        assert!(p.at_end());
        assert_eq!(*p.state, *p.sim.state());
        p.update(Msg::Seek(0.0));
        assert_eq!(p.applied, 0);
    }

    #[test]
    fn seeking_anywhere_in_a_long_story_gives_the_folded_state() {
        let mut p = Player::preset("all-down-bounce").unwrap();
        let len = p.sim.trace().len();
        assert!(len > 3 * CHECKPOINT_EVERY);
        for k in [len - 1, 3, 2 * CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY - 1, len / 2, 0, len] {
            let pos = if k == 0 { 0.0 } else { p.schedule.after_event(k - 1) };
            p.update(Msg::Seek(pos));
            assert_eq!(p.applied, k);
            assert_eq!(*p.state, p.sim.state_after(k), "after {k} events");
        }
    }

    #[test]
    fn a_link_copied_after_some_clicks_reopens_the_same_run_at_the_same_step() {
        let mut p = seed();
        for _ in 0..12 {
            p.update(Msg::StepForward);
        }
        p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
        p.update(Msg::StepForward);
        let fragment = share::encode(&p.link(&View::default()));
        assert!(fragment.starts_with("s="), "an edited story is a full scenario");
        let (q, _) = Player::from_fragment(&fragment, false);
        assert_eq!(q.sim.trace(), p.sim.trace());
        assert_eq!(q.applied, p.applied);
        assert_eq!(*q.state, *p.state);
        assert!(!q.playing, "a link with a position opens paused");

        let (d, _) = Player::from_fragment("#preset=null-mx&e=4", false);
        assert_eq!((d.preset, d.applied), (Some("null-mx"), 4));
        assert_eq!(share::encode(&d.link(&View::default())), "preset=null-mx&e=4");
    }

    #[test]
    fn a_bad_link_falls_back_to_the_default_story_with_a_notice() {
        for bad in ["#preset=../../etc", "#s=%%%", "#theme=<b>", "#e=x"] {
            let (p, view) = Player::from_fragment(bad, false);
            assert_eq!(p.preset, Some(presets::DEFAULT_PRESET), "{bad}");
            assert!(p.notice.as_deref().unwrap().starts_with("This link could not be opened"), "{bad}");
            assert_eq!(view, View::default());
        }
    }

    #[test]
    fn undo_steps_back_through_every_change_to_the_start_and_redo_forward() {
        let start = seed();
        let mut p = seed();
        for _ in 0..5 {
            p.update(Msg::StepForward);
        }
        p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
        p.update(Msg::Intervene(Action::FlushCache { resolver: "resolver.isp.example".into() }));
        let mut edited = p.sim.scenario().clone();
        edited.retry = crate::model::retry::RetryPolicy::Exim;
        p.update(Msg::EditScenario(Box::new(edited)));
        assert_eq!(p.sim.scenario().timeline.len(), 4);
        assert!(p.can_undo() && !p.can_redo());
        for _ in 0..3 {
            p.update(Msg::Undo);
        }
        assert!(!p.can_undo());
        assert_eq!(p.sim.scenario(), start.sim.scenario());
        assert_eq!(p.preset, Some("seed-story"));
        assert_eq!(p.sim.trace(), start.sim.trace());
        p.update(Msg::Redo);
        assert_eq!(p.sim.scenario().timeline.len(), 3);
        assert!(p.can_redo());
    }

    #[test]
    fn comparing_with_and_without_a_backup_runs_both_on_one_clock() {
        use crate::model::report::{outcomes, Fate};
        let mut p = seed();
        p.update(Msg::Compare(Some(Variant::Backup)));
        let twin = p.twin.clone().expect("a second world");
        assert_eq!(twin.label_b, "without a backup MX");
        let (a, b) = (outcomes(&p.sim), outcomes(&twin.player.sim));
        assert_eq!(a[0].waited_at, ["mx2.example.com"]);
        assert!(b[0].waited_at.is_empty(), "without a backup the sender keeps it");
        let (Fate::Delivered { at: ta, .. }, Fate::Delivered { at: tb, .. }) = (&a[0].fate, &b[0].fate) else { panic!() };
        assert_ne!(ta, tb);
        p.update(Msg::Seek(p.schedule.total / 2.0));
        let t = p.twin.as_ref().unwrap();
        let (ca, cb) = (p.clock(), t.player.clock());
        assert!(cb <= ca && ca.since(cb) < 40_000, "{ca} vs {cb}");
        p.update(Msg::Compare(None));
        assert!(p.twin.is_none());
    }

    #[test]
    fn comparing_ttls_changes_this_world_too_and_can_be_undone() {
        let mut p = seed();
        p.update(Msg::Compare(Some(Variant::Ttl)));
        assert!(p.can_undo());
        let t = p.twin.clone().unwrap();
        assert_eq!((t.label_a.as_str(), t.label_b.as_str()), ("TTL 300 s", "TTL 86400 s (a day)"));
        assert!(p.sim.trace().len() > t.player.sim.trace().len(), "short TTLs mean more lookups");
    }

    #[test]
    fn frames_advance_by_speed_and_stop_at_the_end() {
        let mut p = seed();
        p.update(Msg::Play);
        p.update(Msg::Frame(1000.0));
        p.update(Msg::Frame(1016.0));
        assert!((p.pos - 16.0).abs() < 1e-9);
        p.update(Msg::Speed(8.0));
        p.update(Msg::Frame(1032.0));
        assert!((p.pos - (16.0 + 128.0)).abs() < 1e-9);
        p.update(Msg::Speed(3.0)); // not offered: ignored
        assert_eq!(p.speed, 8.0);
        p.update(Msg::Seek(p.schedule.total - 1.0));
        p.update(Msg::Frame(1048.0));
        assert!(p.at_end() && !p.playing);
    }

    #[test]
    fn an_intervention_keeps_what_was_seen_and_changes_what_follows() {
        let mut p = seed();
        for _ in 0..10 {
            p.update(Msg::StepForward);
        }
        let before: Vec<_> = p.sim.trace()[..10].to_vec();
        let old_len = p.sim.trace().len();
        // Bring MX1 back right now: the sender should reach it directly.
        p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
        assert_eq!(p.notice, None);
        assert_eq!(&p.sim.trace()[..10], &before[..]);
        // The change itself shows at once, even while paused.
        assert_eq!(p.applied, 11);
        assert!(matches!(p.sim.trace()[10].kind, EventKind::HostUp));
        assert!(p.state.hosts[p.sim.host_id(MX1).unwrap() as usize].up);
        assert_ne!(p.sim.trace().len(), old_len);
        assert_eq!(p.sim.scenario().timeline.len(), 3);
        assert_eq!(p.preset, None);
    }

    #[test]
    fn an_intervention_while_paused_mid_step_shows_at_once() {
        let p = seed();
        // Pause inside the slot of every event in turn, then bring MX1 up.
        for k in 1..40 {
            let mut q = p.clone();
            let slot = q.schedule.slots[q.schedule.event_slot[k]];
            q.update(Msg::Seek(slot.start + slot.dur / 2.0));
            q.update(Msg::Intervene(Action::Up { host: MX1.into() }));
            let mx1 = q.sim.host_id(MX1).unwrap() as usize;
            assert!(q.state.hosts[mx1].up, "paused in event {k}: MX1 shows up at once");
        }
    }

    #[test]
    fn a_bad_intervention_changes_nothing_and_says_why() {
        let mut p = seed();
        let len = p.sim.trace().len();
        p.update(Msg::Intervene(Action::Down { host: "nope.example".into() }));
        assert!(p.notice.as_deref().unwrap().contains("nope.example"));
        assert_eq!(p.sim.trace().len(), len);
        p.update(Msg::LoadPreset("no-such".into()));
        assert!(p.notice.as_deref().unwrap().contains("no-such"));
    }
}

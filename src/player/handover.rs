//! A language switch between two modules: each language is built as a module
//! of its own (`make build`), so switching loads the page again in the other
//! one. What the page's link cannot carry goes along as a hand-over: what can
//! be undone and redone, the comparison, the log beside a changed world, and
//! the editor's open tab. The UI keeps it in the tab's session storage for
//! the one load that follows (src/ui/handover.rs).
//!
//! Plain text, a line each, made of the link's own encodings (a story's
//! scenario as in `s=`, a log as in `log=`), so that nothing new has to be
//! parsed: the same readers check it as they check a link.

use super::{Player, Saved};
use crate::link;
use crate::model::edit::Comparison;
use crate::presets;
use crate::replay::Beside;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::rc::Rc;

const HEADER: &str = "mxviz hand-over 1";

/// What a switch hands to the page in the other language.
#[derive(Clone, Debug, Default)]
pub struct HandOver {
    /// The editor's tab, if the editor was open.
    pub explore: Option<u8>,
    playing: bool,
    /// How far into the step the reader was (ms at 1x after the last event
    /// shown): the link gives the step, this the moment within it.
    into: f64,
    compare: Option<Comparison>,
    /// The log beside a world the reader has changed since (a world that is
    /// still the log's comes with the link itself).
    log: Option<Rc<Beside>>,
    undo: Vec<Saved>,
    redo: Vec<Saved>,
}

impl Player {
    /// The hand-over for the page that opens `to` (the link to this very
    /// moment in the other language), with the editor's open tab.
    pub fn hand_over(&self, to: &str, explore: Option<u8>) -> String {
        let mut lines = vec![HEADER.to_string(), format!("to {}", to.trim_start_matches('#'))];
        if let Some(tab) = explore {
            lines.push(format!("explore {tab}"));
        }
        if self.playing {
            lines.push("play".to_string());
        }
        let into = self.pos - self.step_start();
        if into >= 1.0 {
            lines.push(format!("into {}", into.round()));
        }
        if let Some(c) = self.comparing() {
            lines.push(format!("compare {}", Comparison::ALL.iter().position(|x| *x == c).unwrap_or(0)));
        }
        // Each log once, however many steps of the history it is beside
        // (a log may be long; the storage is not).
        let mut logs: Vec<Rc<Beside>> = Vec::new();
        let mut log_index = |log: &Option<Rc<Beside>>, lines: &mut Vec<String>| match log {
            None => "-".to_string(),
            Some(b) => {
                let i = logs.iter().position(|l| Rc::ptr_eq(l, b) || l.text == b.text).unwrap_or_else(|| {
                    lines.push(format!("text {}", URL_SAFE_NO_PAD.encode(b.text.as_bytes())));
                    logs.push(b.clone());
                    logs.len() - 1
                });
                i.to_string()
            }
        };
        if let Some((log, false)) = self.replay_shown() {
            let i = log_index(&Some(log.clone()), &mut lines);
            lines.push(format!("log {i}"));
        }
        for (name, stack) in [("undo", &self.undo), ("redo", &self.redo)] {
            for s in stack.iter() {
                let log = log_index(&s.replay, &mut lines);
                lines.push(format!("{name} {} {log}", saved_line(s)));
            }
        }
        lines.join("\n")
    }

    /// Takes over what the other page handed over, once this player has
    /// opened the link it was made for.
    pub fn take_over(&mut self, h: &HandOver) {
        self.undo = Rc::new(h.undo.clone());
        self.redo = Rc::new(h.redo.clone());
        if self.replay.is_none() && h.log.is_some() {
            self.set_replay(h.log.clone());
        }
        if let Some(c) = h.compare {
            self.start_twin(c);
        }
        // The same moment of the step: the other language's reading times
        // hold a sentence longer or shorter, so it is kept short of the step's
        // next event.
        if h.into > 0.0 {
            let start = self.step_start();
            let next = if self.applied < self.shown { self.schedule.after_event(self.applied) } else { self.schedule.total };
            self.set_pos((start + h.into).min(next - 1.0).max(start));
        }
        if h.playing && !self.at_end() {
            self.playing = true;
        }
    }

    /// Where the position is right after the last event shown.
    pub(super) fn step_start(&self) -> f64 {
        self.applied.checked_sub(1).map_or(0.0, |i| self.schedule.after_event(i))
    }
}

impl HandOver {
    /// The hand-over in `text`, if it was made for the page at `fragment`
    /// (another page, an older tab's, is not this one's) and every line
    /// reads. Anything else gives none: the link alone still opens the page.
    pub fn read(text: &str, fragment: &str) -> Option<HandOver> {
        let mut lines = text.lines();
        if lines.next()? != HEADER || lines.next()?.strip_prefix("to ")? != fragment.trim_start_matches('#') {
            return None;
        }
        let mut h = HandOver::default();
        let mut logs: Vec<Rc<Beside>> = Vec::new();
        for line in lines {
            let (key, value) = line.split_once(' ').unwrap_or((line, ""));
            match key {
                "explore" => h.explore = Some(value.parse().ok()?),
                "play" => h.playing = true,
                "into" => h.into = f64::from(value.parse::<u32>().ok()?),
                "compare" => h.compare = Some(*Comparison::ALL.get(value.parse::<usize>().ok()?)?),
                "text" => logs.push(Rc::new(Beside::replay(&decode_text(value)?).ok()?)),
                "log" => h.log = Some(logs.get(value.parse::<usize>().ok()?)?.clone()),
                "undo" => h.undo.push(read_saved(value, &logs)?),
                "redo" => h.redo.push(read_saved(value, &logs)?),
                _ => return None,
            }
        }
        Some(h)
    }
}

/// `applied preset story scenario`, `-` for none: the scenario only when it
/// is not the preset's, as `s=` encodes it. The log's number follows.
fn saved_line(s: &Saved) -> String {
    let scenario = if s.preset.is_some() { "-".to_string() } else { link::encode_scenario(&s.scenario) };
    format!("{} {} {} {scenario}", s.applied, s.preset.unwrap_or("-"), s.story.unwrap_or("-"))
}

fn read_saved(value: &str, logs: &[Rc<Beside>]) -> Option<Saved> {
    let mut parts = value.split(' ');
    let applied = parts.next()?.parse().ok()?;
    let preset_of = |id: &str| if id == "-" { Some(None) } else { presets::find(id).map(|p| Some(p.id)) };
    let preset = preset_of(parts.next()?)?;
    let story = preset_of(parts.next()?)?;
    let scenario = match (parts.next()?, preset) {
        ("-", Some(id)) => presets::find(id)?.scenario(),
        (encoded, _) => link::decode_scenario(encoded).ok()?.0,
    };
    let replay = match parts.next()? {
        "-" => None,
        i => Some(logs.get(i.parse::<usize>().ok()?)?.clone()),
    };
    Some(Saved { preset, story, scenario: Rc::new(scenario), applied, replay })
}

fn decode_text(encoded: &str) -> Option<String> {
    String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()
}

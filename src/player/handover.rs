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
        if let Some(c) = self.comparing() {
            lines.push(format!("compare {}", Comparison::ALL.iter().position(|x| *x == c).unwrap_or(0)));
        }
        if let Some((log, false)) = self.replay_shown() {
            lines.push(format!("log {}", URL_SAFE_NO_PAD.encode(log.text.as_bytes())));
        }
        for (name, stack) in [("undo", &self.undo), ("redo", &self.redo)] {
            lines.extend(stack.iter().map(|s| format!("{name} {}", saved_line(s))));
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
            let (key, value) = line.split_once(' ')?;
            match key {
                "explore" => h.explore = Some(value.parse().ok()?),
                "compare" => h.compare = Some(*Comparison::ALL.get(value.parse::<usize>().ok()?)?),
                "log" => h.log = Some(read_log(value, &mut logs)?),
                "undo" => h.undo.push(read_saved(value, &mut logs)?),
                "redo" => h.redo.push(read_saved(value, &mut logs)?),
                _ => return None,
            }
        }
        Some(h)
    }
}

/// `applied preset story scenario log`, `-` for none: the scenario only when
/// it is not the preset's, as `s=` encodes it; the log as `log=` does.
fn saved_line(s: &Saved) -> String {
    let scenario = if s.preset.is_some() { "-".to_string() } else { link::encode_scenario(&s.scenario) };
    let log = s.replay.as_ref().map_or_else(|| "-".to_string(), |b| URL_SAFE_NO_PAD.encode(b.text.as_bytes()));
    format!("{} {} {} {scenario} {log}", s.applied, s.preset.unwrap_or("-"), s.story.unwrap_or("-"))
}

fn read_saved(value: &str, logs: &mut Vec<Rc<Beside>>) -> Option<Saved> {
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
        encoded => Some(read_log(encoded, logs)?),
    };
    Some(Saved { preset, story, scenario: Rc::new(scenario), applied, replay })
}

/// A log replayed once however many steps of the history it is beside.
fn read_log(encoded: &str, logs: &mut Vec<Rc<Beside>>) -> Option<Rc<Beside>> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    if let Some(b) = logs.iter().find(|b| *b.text == *text) {
        return Some(b.clone());
    }
    let b = Rc::new(Beside::replay(&text).ok()?);
    logs.push(b.clone());
    Some(b)
}

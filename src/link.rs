//! Links that replay exactly: the story (a preset's id, or a whole scenario
//! with its edits and interventions), the playback position, and the view
//! options of an embed, all in the URL fragment.
//!
//! `#preset=null-mx&e=12`, or `#s=<scenario>&e=40&embed=1&theme=dark`, where
//! the scenario is its JSON in URL-safe base64 (the base64 crate, serde_json),
//! or `#log=<mail log>`, a pasted log in the same base64, replayed.
//! Decoding never panics: anything wrong is a `LinkError` (the text layer
//! words it), and the page falls back to the default story. This is the one
//! encoder and the one decoder of links.
//!
//! Plain Rust, tested natively (with a fuzz-style property test).

use crate::beats::Detail;
use crate::lang::Lang;
use crate::model::scenario::{FormatError, JsonError};
use crate::model::{Scenario, ScenarioError};
use crate::presets;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Longer fragments are refused before any decoding.
pub const MAX_LINK: usize = 100_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Story {
    Preset(&'static str),
    Scenario(Box<Scenario>),
    /// A pasted mail log, replayed: its world, and its lines for the panel.
    Log(std::rc::Rc<crate::replay::Beside>),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Panel {
    Narration,
    Mailbox,
    Cache,
    Queues,
    Log,
}

impl Panel {
    pub const ALL: [Panel; 5] = [Panel::Narration, Panel::Mailbox, Panel::Cache, Panel::Queues, Panel::Log];

    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Narration => "narration",
            Panel::Mailbox => "mailbox",
            Panel::Cache => "cache",
            Panel::Queues => "queues",
            Panel::Log => "log",
        }
    }

    fn parse(s: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// How the page is shown: full page, or embedded in someone's post.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub embed: bool,
    pub theme: Theme,
    /// `None`: the default (play, unless the reader prefers reduced motion).
    pub autoplay: Option<bool>,
    /// `None`: the default set (everything on the page, narration in an embed).
    pub panels: Option<Vec<Panel>>,
    /// `None`: the reader's browser language (else English). Kept in the
    /// link, never in storage, so a shared link reads the same for everyone.
    pub lang: Option<Lang>,
    /// Beats (the default) or every event as its own step (`detail=events`).
    pub detail: Detail,
}

impl View {
    pub fn shows(&self, panel: Panel) -> bool {
        match &self.panels {
            Some(list) => list.contains(&panel),
            None => !self.embed || panel == Panel::Narration,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub story: Story,
    /// How many events had happened when the link was made.
    pub events: Option<usize>,
    pub view: View,
    /// Fields of its scenario that this version does not know (a newer
    /// version's), left out: the page says so.
    pub ignored: Vec<String>,
}

impl Default for Link {
    fn default() -> Self {
        Link { story: Story::Preset(presets::DEFAULT_PRESET), events: None, view: View::default(), ignored: Vec::new() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    TooLong(usize),
    UnknownPreset(String),
    NotBase64,
    /// The scenario decodes to bytes that are not UTF-8.
    NotText,
    /// Not a scenario's JSON.
    NotJson(JsonError),
    BreaksARule(ScenarioError),
    /// A `log=` that cannot be replayed.
    NotALog(crate::replay::ReplayError),
    BadValue { key: &'static str, value: String },
    Both,
}

/// Encodes a scenario for the `s=` parameter.
pub fn encode_scenario(s: &Scenario) -> String {
    URL_SAFE_NO_PAD.encode(s.to_json())
}

/// A link value's text, from URL-safe base64. The padded and the standard
/// alphabet are tolerated too, as links get retyped.
fn decode_text(value: &str) -> Result<String, LinkError> {
    let cleaned: String = value.trim_end_matches('=').replace('+', "-").replace('/', "_");
    let bytes = URL_SAFE_NO_PAD.decode(cleaned.as_bytes()).map_err(|_| LinkError::NotBase64)?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
}

/// Decodes and validates the `s=` parameter; also the fields it left out
/// (see [`Scenario::read_json`]).
pub fn decode_scenario(text: &str) -> Result<(Scenario, Vec<String>), LinkError> {
    let json = decode_text(text)?;
    Scenario::read_json(&json).map_err(|e| match e {
        FormatError::Json(e) => LinkError::NotJson(e),
        FormatError::Rule(e) => LinkError::BreaksARule(e),
    })
}

/// Reads a fragment (with or without its `#`). An empty one is the default.
pub fn decode(fragment: &str) -> Result<Link, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK {
        return Err(LinkError::TooLong(fragment.len()));
    }
    let mut link = Link::default();
    let mut story: Option<Story> = None;
    let mut set = |s: Story| if story.replace(s).is_some() { Err(LinkError::Both) } else { Ok(()) };
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let bad = |key: &'static str| LinkError::BadValue { key, value: value.to_string() };
        match key {
            "preset" => set(Story::Preset(presets::find(value).map(|p| p.id).ok_or_else(|| LinkError::UnknownPreset(value.to_string()))?))?,
            "s" => {
                let (s, ignored) = decode_scenario(value)?;
                set(Story::Scenario(Box::new(s)))?;
                link.ignored = ignored;
            }
            // A Postfix log (URL-safe base64): the world that explains it
            // (docs/log-replay.md).
            "log" => {
                let text = decode_text(value)?;
                set(Story::Log(std::rc::Rc::new(crate::replay::Beside::replay(&text).map_err(LinkError::NotALog)?)))?;
            }
            "e" => link.events = Some(value.parse::<usize>().ok().filter(|n| *n <= 10_000_000).ok_or_else(|| bad("position"))?),
            "embed" => link.view.embed = parse_flag(value).ok_or_else(|| bad("embed"))?,
            "autoplay" => link.view.autoplay = Some(parse_flag(value).ok_or_else(|| bad("autoplay"))?),
            "theme" => {
                link.view.theme = match value {
                    "auto" => Theme::Auto,
                    "light" => Theme::Light,
                    "dark" => Theme::Dark,
                    _ => return Err(bad("theme")),
                }
            }
            // A language this version does not speak reads as none given (the
            // browser's): a newer version's links still open.
            "lang" => link.view.lang = Lang::from_tag(value),
            "detail" => {
                link.view.detail = match value {
                    "beats" => Detail::Beats,
                    "events" => Detail::Events,
                    _ => return Err(bad("detail")),
                }
            }
            "panels" => {
                let mut list = Vec::new();
                for name in value.split(',').filter(|n| !n.is_empty() && *n != "none") {
                    let p = Panel::parse(name).ok_or_else(|| bad("panels"))?;
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
                link.view.panels = Some(list);
            }
            // Unknown keys are left alone: a newer version's links still open.
            _ => {}
        }
    }
    link.story = story.unwrap_or(Story::Preset(presets::DEFAULT_PRESET));
    Ok(link)
}

/// The language a fragment asks for, even when the rest of it cannot be
/// read: a broken link is still explained in the reader's language. Read as
/// `decode` reads it (the last `lang=`; an unknown one names none), and as
/// static/boot.js does, which picks the build to load by it.
pub fn lang_of(fragment: &str) -> Option<Lang> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.split('&').filter_map(|p| p.strip_prefix("lang=")).next_back().and_then(Lang::from_tag)
}

fn parse_flag(v: &str) -> Option<bool> {
    match v {
        "" | "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// Writes a fragment (without `#`) that `decode` reads back to `link`.
pub fn encode(link: &Link) -> String {
    join(&encode_story(&link.story), &encode_position_and_view(link.events, &link.view))
}

/// A fragment from its two parts (the story's may be computed once per run).
pub fn join(story: &str, rest: &str) -> String {
    if rest.is_empty() { story.to_string() } else { format!("{story}&{rest}") }
}

/// The story's part of a fragment: the costly part for a whole scenario,
/// so the page computes it once per run.
pub fn encode_story(story: &Story) -> String {
    match story {
        Story::Preset(p) => format!("preset={p}"),
        Story::Scenario(s) => format!("s={}", encode_scenario(s)),
        // A log too long for a link gives its world alone: the same story
        // without the panel of its lines.
        Story::Log(b) => match URL_SAFE_NO_PAD.encode(b.text.as_bytes()) {
            log if log.len() + 1_000 <= MAX_LINK => format!("log={log}"),
            _ => format!("s={}", encode_scenario(&b.scenario)),
        },
    }
}

/// The rest of a fragment: the position and the view options.
pub fn encode_position_and_view(events: Option<usize>, v: &View) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(e) = events {
        parts.push(format!("e={e}"));
    }
    if v.embed {
        parts.push("embed=1".into());
    }
    if v.theme != Theme::Auto {
        parts.push(format!("theme={}", v.theme.as_str()));
    }
    if let Some(a) = v.autoplay {
        parts.push(format!("autoplay={}", u8::from(a)));
    }
    if let Some(list) = &v.panels {
        let names: Vec<&str> = list.iter().map(|p| p.as_str()).collect();
        parts.push(format!("panels={}", if names.is_empty() { "none".to_string() } else { names.join(",") }));
    }
    if v.detail == Detail::Events {
        parts.push("detail=events".into());
    }
    if let Some(l) = v.lang {
        parts.push(format!("lang={}", l.code()));
    }
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_short_links() {
        let link = Link { story: Story::Preset("null-mx"), events: Some(12), view: View::default(), ..Link::default() };
        assert_eq!(encode(&link), "preset=null-mx&e=12");
        assert_eq!(decode("#preset=null-mx&e=12").unwrap(), link);
        assert_eq!(decode("").unwrap(), Link::default());
    }

    #[test]
    fn a_scenario_with_interventions_round_trips() {
        let mut s = presets::default_scenario();
        s.timeline.push(crate::model::scenario::TimedAction {
            at: 31.621,
            action: crate::model::Action::Down { host: "mx2.example.com".into() },
        });
        let link = Link {
            story: Story::Scenario(Box::new(s)),
            events: Some(40),
            view: View { embed: true, theme: Theme::Dark, autoplay: Some(false), panels: Some(vec![Panel::Narration, Panel::Mailbox]), lang: Some(Lang::Zh), detail: Detail::Events },
            ignored: Vec::new(),
        };
        let text = encode(&link);
        assert!(text.len() < 6000, "{} characters", text.len());
        assert_eq!(decode(&text).unwrap(), link);
    }

    #[test]
    fn bad_links_say_what_is_wrong() {
        let err = |f: &str| decode(f).unwrap_err();
        assert_eq!(err("preset=nope"), LinkError::UnknownPreset("nope".into()));
        assert_eq!(err("s=!!!"), LinkError::NotBase64);
        assert!(matches!(err(&format!("s={}", URL_SAFE_NO_PAD.encode("{\"sender\":"))), LinkError::NotJson(_)));
        let mut s = presets::default_scenario();
        if let crate::model::scenario::Record::MX { preference, .. } = &mut s.zones[1].records[0] {
            *preference = 99_999;
        }
        let LinkError::BreaksARule(e) = err(&format!("s={}", encode_scenario(&s))) else { panic!() };
        assert_eq!(e.field, "zones[1].records[0].preference");
        assert_eq!(err("theme=purple"), LinkError::BadValue { key: "theme", value: "purple".into() });
        assert!(matches!(err("e=-1"), LinkError::BadValue { key: "position", .. }));
        assert!(matches!(err("panels=narration,evil"), LinkError::BadValue { key: "panels", .. }));
        assert_eq!(err(&"a".repeat(MAX_LINK + 1)), LinkError::TooLong(MAX_LINK + 1));
        assert_eq!(err(&format!("preset=null-mx&s={}", encode_scenario(&presets::default_scenario()))), LinkError::Both);
    }

    #[test]
    fn embed_defaults_show_only_the_narration() {
        let v = decode("embed=1").unwrap().view;
        assert!(v.shows(Panel::Narration) && !v.shows(Panel::Log));
        let full = View::default();
        assert!(Panel::ALL.iter().all(|p| full.shows(*p)));
        assert!(!decode("embed=1&panels=none").unwrap().view.shows(Panel::Narration));
    }

    #[test]
    fn the_language_is_kept_in_the_link() {
        assert_eq!(decode("lang=zh").unwrap().view.lang, Some(Lang::Zh));
        assert_eq!(decode("preset=null-mx&lang=en").unwrap().view.lang, Some(Lang::En));
        assert_eq!(decode("lang=zh-CN").unwrap().view.lang, Some(Lang::Zh));
        // A language this version does not speak: the browser's, not an error.
        assert_eq!(decode("preset=null-mx&lang=tlh").unwrap().view.lang, None);
        assert_eq!(decode("").unwrap().view.lang, None);
        assert_eq!(lang_of("#preset=nope&lang=zh"), Some(Lang::Zh));
        // The last one counts, as in `decode`.
        assert_eq!(lang_of("#lang=zh&lang=en"), Some(Lang::En));
        assert_eq!(decode("lang=zh&lang=en").unwrap().view.lang, Some(Lang::En));
        assert_eq!(lang_of("#lang=zh&lang=fr"), None);
        assert_eq!(lang_of(&"x".repeat(MAX_LINK + 1)), None);
        let view = View { lang: Some(Lang::Zh), ..View::default() };
        assert_eq!(encode_position_and_view(Some(3), &view), "e=3&lang=zh");
    }
}

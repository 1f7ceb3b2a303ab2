//! Links in and out of the player: a link opened (its story, its position,
//! its view, a replayed log's lines) and the link that reopens what the
//! page shows.

use super::{simulate, Notice, Origin, Player};
use crate::lang::Lang;
use crate::link::{self, Link, Story, View};
use crate::presets;
use crate::replay::Beside;
use std::rc::Rc;

impl Player {
    /// The player a link asks for, or the default story and a notice that
    /// says why the link could not be used. `reduced_motion` decides whether
    /// to play when the link does not say.
    pub fn from_fragment(fragment: &str, reduced_motion: bool, browser_lang: Lang) -> Player {
        let mut p = Player::preset(presets::DEFAULT_PRESET).expect("the default preset is valid");
        p.browser_lang = browser_lang;
        p.open_fragment(fragment, reduced_motion);
        p
    }

    /// Opens a link in this player, the one way any link is opened (start,
    /// address changes): its story at its position, keeping history. A link
    /// that cannot be opened shows the default story with the one notice for
    /// it. The view is the link's.
    pub fn open_fragment(&mut self, fragment: &str, reduced_motion: bool) {
        match link::decode(fragment) {
            Ok(link) => self.open_link(link, reduced_motion),
            Err(e) => {
                let mut fallback = Link::default();
                fallback.view.lang = link::lang_of(fragment);
                self.open_link(fallback, reduced_motion);
                self.notice = Some(Notice::BadLink(e));
            }
        }
    }

    fn open_link(&mut self, link: Link, reduced_motion: bool) {
        let ignored = link.ignored.clone();
        let replay = match &link.story {
            Story::Log(b) => Some(b.clone()),
            _ => None,
        };
        let (built, origin) = match link.story {
            // `decode` only returns presets that exist.
            Story::Preset(id) => (simulate(presets::find(id).expect("a decoded preset exists").scenario()), Origin::Story(Some(id))),
            // A story changed by a reader and shared keeps the story's title
            // (its scenario carries it), marked "modified".
            Story::Scenario(s) => {
                let story = presets::PRESETS.iter().find(|p| !s.title.is_empty() && p.title == s.title).map(|p| p.id);
                (simulate(*s), Origin::Changed { preset: None, story })
            }
            Story::Log(ref b) => (simulate((*b.scenario).clone()), Origin::Story(None)),
        };

        let keep = link.events.unwrap_or(0);
        // The view first: how finely and in which language the story is told.
        self.view = link.view.clone();
        match built {
            Ok(sim) => {
                self.change_world(sim, keep, origin);
                self.set_replay(replay);
            }
            Err(e) => {
                let default = presets::find(presets::DEFAULT_PRESET).expect("the default preset exists");
                let sim = simulate(default.scenario()).expect("the default preset runs");
                self.change_world(sim, 0, Origin::Story(Some(default.id)));
                // `decode` checked the rules; what is left is a run too long to animate.
                self.notice = Some(Notice::ScenarioRefused(e));
            }
        }
        if !ignored.is_empty() && self.notice.is_none() {
            self.notice = Some(Notice::FieldsIgnored(ignored));
        }
        // A link with a position opens paused there, unless it asks to play.
        self.playing = link.view.autoplay.unwrap_or(link.events.is_none() && !reduced_motion);
        self.view = link.view;
    }

    /// The fragment of the link that reopens exactly this: the story, the
    /// position (if `at_position`) and `view`. The one place links are made.
    pub fn fragment(&self, view: &View, at_position: bool) -> String {
        let story = self.story_fragment.get_or_init(|| {
            link::encode_story(&match (self.preset, self.replay_shown()) {
                (Some(id), _) => Story::Preset(id),
                (None, Some((log, true))) => Story::Log(log.clone()),
                (None, _) => Story::Scenario(Box::new(self.sim.scenario().clone())),
            })
        });
        link::join(story, &link::encode_position_and_view(at_position.then_some(self.applied), view))
    }

    /// The mail log this story replays, and whether the world is still the
    /// one that explains it (the reader has not changed it since).
    pub fn replay_shown(&self) -> Option<(&Rc<Beside>, bool)> {
        self.replay.as_ref().map(|(log, same)| (log, *same))
    }

    /// Keeps `log` beside this world, noting whether the world is its own.
    pub(super) fn set_replay(&mut self, log: Option<Rc<Beside>>) {
        self.replay = log.map(|log| {
            let same = *log.scenario == *self.sim.scenario();
            (log, same)
        });
    }
}

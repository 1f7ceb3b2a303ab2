//! The app's ties to the page around it, as hooks: the player in a reducer,
//! the animation loop, the address kept a link to what is shown, `<html>`'s
//! theme and language, the stage's measured width and an embed's height.
//! All of it runs in effects, which a server render (the first picture)
//! never runs.

use crate::link::Theme;
use crate::player::{Msg, Player};
use crate::text::Lang;
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// `use_reducer` needs `Reducible`; the logic is `Player::update`.
#[derive(Clone)]
pub struct PlayerState(pub Player);

impl Reducible for PlayerState {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut p = self.0.clone();
        p.update(msg);
        Rc::new(PlayerState(p))
    }
}

fn location_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Requests frames while playing; dropping the handle cancels the next one.
fn frame_loop(dispatch: UseReducerDispatcher<PlayerState>, slot: Rc<RefCell<Option<AnimationFrame>>>) {
    let next = slot.clone();
    let handle = request_animation_frame(move |ts| {
        dispatch.dispatch(Msg::Frame(ts));
        frame_loop(dispatch, next);
    });
    *slot.borrow_mut() = Some(handle);
}

/// `data-theme` on <html> overrides `prefers-color-scheme`; auto removes it.
fn apply_theme(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match theme {
            Theme::Auto => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
}

/// `<html lang>` follows the page's language (screen readers pick their
/// voice by it, browsers their CJK glyphs), and so does the tab's title.
fn apply_lang(lang: Lang) {
    let doc = gloo::utils::document();
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
    doc.set_title(lang.words().doc_title);
}

/// Everything the page does around the player: the theme and language on
/// `<html>`, the address, a link pasted into it, the animation loop while
/// playing, the player's keys, and an autoplaying embed that waits until seen.
#[hook]
pub fn use_page(player: &UseReducerHandle<PlayerState>) {
    let p = &player.0;
    use_effect_with(p.view.theme, |theme| apply_theme(*theme));
    use_effect_with(p.lang(), |lang| apply_lang(*lang));
    {
        // Keep the address a link to what is shown: the story and, while
        // paused, the step (while playing it changes every frame). The
        // story's part is encoded once per run. replaceState adds no history
        // entry per click.
        let fragment = p.fragment(&p.view, !p.playing);
        use_effect_with(fragment, |fragment| {
            // Written once the reader pauses for a moment: writing the
            // address costs milliseconds, too much for every step of a drag.
            let wanted = format!("#{fragment}");
            let timer = gloo::timers::callback::Timeout::new(250, move || {
                if location_hash() != wanted
                    && let Ok(history) = gloo::utils::window().history()
                {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted));
                }
            });
            move || drop(timer)
        });
    }
    {
        // A link pasted into the address bar of an open page: opened the
        // same way as at start; in a language this module does not speak,
        // by the page loaded again (boot.js then picks that language's).
        let dispatcher = player.dispatcher();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = location_hash();
                let wanted = crate::link::lang_of(&fragment).unwrap_or_else(super::browser_lang);
                if !wanted.in_this_build() {
                    let _ = gloo::utils::window().location().reload();
                    return;
                }
                dispatcher.dispatch(Msg::OpenLink(fragment));
            });
            move || drop(listener)
        });
    }
    {
        let dispatcher = player.dispatcher();
        use_effect_with(p.playing, move |playing| {
            let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
            if *playing {
                frame_loop(dispatcher, slot.clone());
            }
            move || {
                slot.borrow_mut().take();
            }
        });
    }
    let dispatcher = player.dispatcher();
    let dispatch = use_callback((), move |m: Msg, _| dispatcher.dispatch(m));
    super::keys::use_player_keys(dispatch.clone());
    // Whether the story started playing by itself (not at a reader's click).
    let autoplay = *use_state(|| p.playing);
    super::seen::use_play_when_seen(p.view.embed, autoplay, dispatch);
}

/// The stage's width: at first the width the page's style gives it in this
/// viewport (`widths::stage_width`), so the live app takes over from the
/// first picture without another layout in between; then measured, as it
/// changes. Also whether it has been measured yet.
#[hook]
pub fn use_stage_width(stage_ref: &NodeRef, viewport: f64, embed: bool) -> (i32, bool) {
    let width = use_state(|| crate::widths::stage_width(viewport, embed) as i32);
    let measured = use_state(|| false);
    {
        let (stage_ref, width, measured) = (stage_ref.clone(), width.clone(), measured.clone());
        use_effect_with((), move |_| {
            let element = stage_ref.cast::<web_sys::Element>();
            let last = Cell::new(None);
            let measure = move || {
                if let Some(el) = stage_ref.cast::<web_sys::Element>() {
                    let w = el.client_width();
                    if w > 0 && last.replace(Some(w)) != Some(w) {
                        width.set(w);
                        measured.set(true);
                    }
                }
            };
            measure();
            let observer = element.and_then(|el| super::resize::observe(&el, measure));
            move || drop(observer)
        });
    }
    (*width, *measured)
}

/// In an embed, tells the page around it how tall the content is, so a blog
/// can size the frame (docs/embedding.md has the listener). Only once the
/// stage is laid out for its measured width: before that, its height is a
/// guess that would make the frame jump.
#[hook]
pub fn use_embed_height(post: bool) {
    let last = use_mut_ref(|| 0i32);
    use_effect(move || {
        if post {
            post_height(&mut last.borrow_mut());
        }
    });
}

/// Posts `{type: "mxviz:height", height}` to the parent page when the
/// content's height changed.
fn post_height(last: &mut i32) {
    let doc = gloo::utils::document();
    let Some(layout) = doc.query_selector(".app .layout").ok().flatten() else { return };
    // What the stage's own scroll hides counts too: that is what the frame lacks.
    let hidden = doc.query_selector(".stage-box").ok().flatten().map_or(0, |b| b.scroll_height() - b.client_height());
    let height = layout.scroll_height() + hidden.max(0) + 8;
    if height == *last {
        return;
    }
    *last = height;
    let Ok(Some(parent)) = gloo::utils::window().parent() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"mxviz:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

//! The player's keys: Space, ← →, PageUp/PageDown (↑ ↓), Home and End, and
//! Ctrl+Z / Ctrl+Shift+Z for undo and redo.

use crate::player::Msg;
use yew::prelude::*;

/// Listens for the player's keys on the whole document while the app lives.
#[hook]
pub fn use_player_keys(dispatch: Callback<Msg>) {
    // Space, ← and →, PageUp and PageDown wherever the focus is in the
    // app (Play, the timeline, a server), but not in a text field. Not
    // passive: the keys must not scroll the page, nor, in an embed, the
    // blog page around the frame.
    use_effect_with((), move |_| {
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |e| {
            let Some(e) = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(e) else { return };
            let target = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok());
            let tag = target.as_ref().map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
            // The timeline (a range input) takes the player's keys; a field a reader types in does not.
            let range = target.as_ref().and_then(|el| el.get_attribute("type")).as_deref() == Some("range");
            let in_text = matches!(tag.as_str(), "input" | "textarea") && !range;
            if (e.ctrl_key() || e.meta_key()) && !in_text && e.key().eq_ignore_ascii_case("z") {
                e.prevent_default();
                dispatch.emit(if e.shift_key() { Msg::Redo } else { Msg::Undo });
                return;
            }
            if (e.ctrl_key() || e.meta_key()) && !in_text && e.key().eq_ignore_ascii_case("y") {
                e.prevent_default();
                dispatch.emit(Msg::Redo);
                return;
            }
            if in_text || tag == "select" || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            // A focused button, link or server takes Space and Enter itself.
            if matches!(tag.as_str(), "button" | "a" | "g" | "summary") && matches!(e.key().as_str(), " " | "Enter") {
                return;
            }
            let msg = match e.key().as_str() {
                " " | "k" => Msg::Toggle,
                "ArrowRight" | "l" => Msg::StepForward,
                "ArrowLeft" | "j" => Msg::StepBack,
                "PageDown" | "]" | "ArrowDown" => Msg::Chapter(1),
                "PageUp" | "[" | "ArrowUp" => Msg::Chapter(-1),
                "Home" => Msg::Seek(0.0),
                "End" => Msg::Seek(f64::MAX),
                _ => return,
            };
            e.prevent_default();
            dispatch.emit(msg);
        });
        move || drop(listener)
    });
}

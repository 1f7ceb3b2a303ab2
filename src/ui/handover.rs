//! The language switch when the other language is another module (the
//! release build has one per language, `make build`): the page loads again
//! in that language, at the same step, with what the reader did
//! (`player::HandOver`). In a build with both languages it is a re-render.

use crate::link::View;
use crate::player::{Msg, Player};
use crate::text::Lang;
use yew::Callback;

/// Where the hand-over waits for the next load of this tab.
const KEY: &str = "mxviz-handover";

/// Shows the page in `lang`: here if this module speaks it, else by loading
/// the page again with the other module and a hand-over.
pub(super) fn switch_language(player: &Player, lang: Option<Lang>, dispatch: &Callback<Msg>) {
    let view = View { lang, ..player.view.clone() };
    let wanted = lang.unwrap_or(player.browser_lang);
    if wanted.in_this_build() {
        dispatch.emit(Msg::SetView(view));
        return;
    }
    let fragment = player.fragment(&view, true);
    let text = player.hand_over(&fragment, explore_tab());
    let window = gloo::utils::window();
    // Without storage (a sandboxed frame, a private mode that refuses it)
    // the link alone still gives the same story at the same step.
    if let Ok(Some(storage)) = window.session_storage() {
        let _ = storage.set_item(KEY, &text);
    }
    let location = window.location();
    let replaced = window.history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}"))));
    if replaced.is_err() {
        let _ = location.set_hash(&fragment);
    }
    let _ = location.reload();
}

/// The hand-over left for this load, taken so that it is used once. Read
/// against the page's link by `HandOver::read`.
pub(super) fn take() -> Option<String> {
    let storage = gloo::utils::window().session_storage().ok().flatten()?;
    let text = storage.get_item(KEY).ok().flatten()?;
    let _ = storage.remove_item(KEY);
    Some(text)
}

/// The editor's open tab, as the editor marks it on its panel.
fn explore_tab() -> Option<u8> {
    let panel = gloo::utils::document().query_selector("details.explore[open]").ok().flatten()?;
    panel.get_attribute("data-tab")?.parse().ok()
}

/// After a switch, the keyboard is where the reader left it: on the
/// language menu.
pub(super) fn focus_switch() {
    use wasm_bindgen::JsCast;
    if let Some(menu) = gloo::utils::document().query_selector("select.lang").ok().flatten() {
        let _ = menu.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

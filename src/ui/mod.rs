//! The Yew app. It replays the model's trace through `player::Player` and
//! sends a reader's interventions back to the model; it decides no delivery
//! logic. Timers and requestAnimationFrame live here and nowhere else.

mod app;
mod controls;
mod keys;
mod explore;
mod layout;
mod panels;
mod resize;
mod seen;
mod share;
mod stage;

pub use app::App;

use crate::text::words::Words;
use crate::text::Lang;

use std::ops::Deref;
use std::rc::Rc;
use yew::{Callback, KeyboardEvent, MouseEvent};

/// A shared value that props compare by identity: the same `Rc` is the same
/// value (a run, a folded state), so a derived `PartialEq` on props stays
/// cheap and never skips a field.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.0, &o.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

/// The reader's language, which the app provides to every component.
#[yew::hook]
pub(crate) fn use_lang() -> Lang {
    yew::use_context::<Lang>().unwrap_or_default()
}

/// The page's fixed words in the reader's language.
#[yew::hook]
pub(crate) fn use_words() -> &'static Words {
    use_lang().words()
}

/// The languages the browser asks for, best first.
pub(crate) fn browser_lang() -> Lang {
    let nav = gloo::utils::window().navigator();
    let tags: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).chain(nav.language()).collect();
    Lang::from_browser(tags.iter().map(String::as_str))
}

/// A dialog's close button and its Escape key, both ending in `close`.
pub(crate) fn dialog_closers(close: &Callback<()>) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let on_click = {
        let c = close.clone();
        Callback::from(move |_: MouseEvent| c.emit(()))
    };
    let on_key = {
        let c = close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                c.emit(());
            }
        })
    };
    (on_click, on_key)
}

/// Mounts the app on `#app`, after making sure that a panic shows a readable
/// panel instead of a blank page.
pub fn start() {
    install_panic_panel();
    let doc = gloo::utils::document();
    // The first picture (drawn into index.html at build time by these same
    // components, tests/e2e/first-picture.mjs) gives way to the live app.
    if let Some(picture) = doc.get_element_by_id("first-picture") {
        picture.remove();
    }
    let root = doc.get_element_by_id("app").expect("index.html has an #app element");
    yew::Renderer::<App>::with_root(root).render();
}

/// With `panic = "abort"` the app cannot continue after a panic, so the hook
/// fills in the static `#fatal` panel of index.html (as text, never markup)
/// and shows it; its button reloads the default story.
fn install_panic_panel() {
    // Through Yew, which would otherwise replace the hook with its own.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        let doc = gloo::utils::document();
        if let Some(detail) = doc.get_element_by_id("fatal-detail") {
            detail.set_text_content(Some(&message));
        }
        if let Some(panel) = doc.get_element_by_id("fatal") {
            let _ = panel.remove_attribute("hidden");
        }
        if let Some(app) = doc.get_element_by_id("app") {
            let _ = app.set_attribute("hidden", "");
        }
    }));
}

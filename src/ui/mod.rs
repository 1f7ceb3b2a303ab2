//! The Yew app. It replays the model's trace through `player::Player` and
//! sends a reader's interventions back to the model; it decides no delivery
//! logic. Timers and requestAnimationFrame live here and nowhere else.

mod app;
mod controls;
mod dialogs;
mod explore;
mod handover;
mod header;
mod key_note;
mod keys;
mod page;
mod panels;
mod replay;
mod resize;
mod seen;
mod share;
mod stage;
mod toolbar;

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

/// What the app starts from: the link, the reader's settings and the
/// viewport. Read from the browser by [`start`]; fixed for each copy of the
/// first picture by the renderer that draws it ahead of time
/// (src/bin/prerender.rs), where there is no browser to ask.
#[derive(Clone, Debug, PartialEq, yew::Properties)]
pub struct Start {
    /// The address's fragment, `#…` or empty.
    pub fragment: String,
    pub reduced_motion: bool,
    /// The first language the browser asks for that the page speaks.
    pub browser_lang: Lang,
    /// The viewport's width without its scroll bar, CSS px: the stage is
    /// drawn for the width it will have (`widths::stage_width`) from the
    /// first frame, and measured once it is on the page.
    pub viewport: f64,
    /// What the page in the other language handed over (a language switch
    /// between two modules, `player::HandOver`), for this load only.
    pub handover: Option<String>,
}

impl Start {
    /// The browser's answers.
    pub fn from_browser() -> Start {
        let window = gloo::utils::window();
        let viewport = gloo::utils::document().document_element().map_or(0, |e| e.client_width());
        Start {
            fragment: window.location().hash().unwrap_or_default(),
            reduced_motion: window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches()),
            browser_lang: browser_lang(),
            viewport: f64::from(viewport),
            handover: handover::take(),
        }
    }
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
#[cfg(feature = "csr")]
pub fn start() {
    install_panic_panel();
    let doc = gloo::utils::document();
    let root = doc.get_element_by_id("app").expect("index.html has an #app element");
    let start = Start::from_browser();
    // The first picture (these same components rendered ahead of time,
    // src/bin/prerender.rs) gives way to the live app, drawn for the same
    // width, in the same task: no frame shows neither, or another layout.
    if let Some(picture) = doc.get_element_by_id("first-picture") {
        picture.remove();
    }
    yew::Renderer::<App>::with_root_and_props(root, start).render();
}

/// With `panic = "abort"` the app cannot continue after a panic, so the hook
/// fills in the static `#fatal` panel of index.html (as text, never markup)
/// and shows it; its button reloads the default story.
#[cfg(feature = "csr")]
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

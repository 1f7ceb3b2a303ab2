//! An embed that plays by itself starts when at least half of it is in
//! view and pauses when it is scrolled away: an embed far down a blog post
//! has not played its story before anyone reaches it. Inside an iframe the
//! browser measures against the reader's window, not the frame's.

use crate::player::Msg;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How much of the app must be in view for it to play.
const SEEN: f64 = 0.5;

struct Watch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// For an embed that starts playing (`autoplay`), holds it paused until it
/// is seen; pauses it when it leaves the view, and plays it again when it
/// comes back, unless the reader paused it in between.
#[hook]
pub fn use_play_when_seen(embed: bool, autoplay: bool, dispatch: Callback<Msg>) {
    // Whether the page paused the story itself (not the reader).
    let paused_by_us = use_mut_ref(|| false);
    let watching = autoplay && embed;
    {
        let (paused_by_us, dispatch) = (paused_by_us.clone(), dispatch.clone());
        use_effect_with(watching, move |&watching| {
            let mut watch = None;
            if watching {
                // Held back until seen.
                *paused_by_us.borrow_mut() = true;
                dispatch.emit(Msg::Pause);
                let seen = Rc::new(Cell::new(false));
                let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let Some(entry) = entries.iter().last().and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()) else { return };
                    let now = entry.intersection_ratio() >= SEEN;
                    if now == seen.replace(now) {
                        return;
                    }
                    let mut ours = paused_by_us.borrow_mut();
                    if now && *ours {
                        *ours = false;
                        dispatch.emit(Msg::Play);
                    } else if !now && !*ours {
                        *ours = true;
                        dispatch.emit(Msg::Pause);
                    }
                });
                let options = web_sys::IntersectionObserverInit::new();
                let thresholds = js_sys::Array::of2(&0.0.into(), &SEEN.into());
                options.set_threshold(&thresholds);
                if let (Ok(observer), Some(root)) = (
                    web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options),
                    gloo::utils::document().query_selector(".app").ok().flatten(),
                ) {
                    observer.observe(&root);
                    watch = Some(Watch { observer, _callback: callback });
                }
            }
            move || drop(watch)
        });
    }
}

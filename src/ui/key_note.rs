//! The line under the stage for a key moment: what to notice (or the
//! story's question, which the reader can turn off for the visit) with a
//! Continue button while the story holds on it; at the end, the story's
//! lesson. Room is kept for it at every step, so the controls never move.

use crate::beats::Key;
use crate::player::Msg;
use crate::text::beats::{notice, prompt};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct KeyNoteProps {
    /// The key moment the story holds on.
    pub held: Option<Key>,
    /// The story shown, whose questions are asked.
    pub story: Option<&'static str>,
    /// At the end of an unchanged story, its lesson.
    pub lesson: Option<&'static str>,
    pub dispatch: Callback<Msg>,
}

#[function_component(KeyNote)]
pub fn key_note(p: &KeyNoteProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    // The reader turned the story's questions off, for this visit.
    let prompts_off = use_state(|| false);
    let question = p.held.zip(p.story.filter(|_| !*prompts_off)).and_then(|(key, story)| prompt(story, key, lang));
    let go_on = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Continue))
    };
    let turn_off = {
        let off = prompts_off.clone();
        Callback::from(move |_: MouseEvent| off.set(true))
    };
    html! {
        <p class={classes!("key-note", (p.held.is_some() || p.lesson.is_some()).then_some("on"))} aria-live="polite">
            if let Some(key) = p.held {
                if let Some(q) = question {
                    <span class="what prompt">{ q }</span>
                    <button type="button" class="prompts-off" aria-label={w.prompts_off} title={w.prompts_off} onclick={turn_off}>{ "✕" }</button>
                } else {
                    <span class="what">{ w.notice_heading }{ " " }{ notice(key, lang) }</span>
                }
                <button type="button" class="go-on" onclick={go_on}>{ w.continue_story }{ " ▸" }</button>
            } else if let Some(lesson) = p.lesson {
                // The end: the story's lesson beside its outcome (the end card).
                <span class="what lesson">{ w.lesson_heading }{ " " }{ lesson }</span>
            }
        </p>
    }
}

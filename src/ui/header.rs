//! The page's header (not in an embed): the name, Share, the scenario file,
//! the theme and the language, the story menu, and the story's explanation.

use crate::link::{Theme, View};
use crate::player::Msg;
use crate::presets::PRESETS;
use crate::text::words::fill;
use crate::text::{stories, Lang};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub view: View,
    /// The story this world started from, and whether it was changed since.
    pub story: Option<&'static str>,
    pub modified: bool,
    /// The scenario's own title, for a scenario of the reader's own.
    pub title: Option<String>,
    pub explanation: String,
    pub dispatch: Callback<Msg>,
    pub on_share: Callback<MouseEvent>,
    pub on_scenario: Callback<MouseEvent>,
    /// Another story closes any open dialog.
    pub on_story: Callback<()>,
    /// The reader picked a language (`ui::handover`).
    pub switch_lang: Callback<Option<Lang>>,
}

#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let on_preset = {
        let (dispatch, on_story) = (p.dispatch.clone(), p.on_story.clone());
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_story.emit(());
            dispatch.emit(Msg::LoadPreset(sel.value()));
        })
    };
    let cycle_theme = {
        let (dispatch, view) = (p.dispatch.clone(), p.view.clone());
        Callback::from(move |_: MouseEvent| {
            let theme = match view.theme {
                Theme::Auto => Theme::Dark,
                Theme::Dark => Theme::Light,
                Theme::Light => Theme::Auto,
            };
            dispatch.emit(Msg::SetView(View { theme, ..view.clone() }));
        })
    };
    let theme_label = match p.view.theme {
        Theme::Auto => w.theme_auto,
        Theme::Dark => w.theme_dark,
        Theme::Light => w.theme_light,
    };
    let on_lang = {
        let switch = p.switch_lang.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            switch.emit(Lang::from_tag(&sel.value()));
        })
    };
    let story_name = |id: &'static str, title: &str| {
        if p.story == Some(id) && p.modified { fill(w.modified, &[&title]) } else { title.to_string() }
    };
    html! {
        <>
        <header class="top">
            <h1>{ "mxviz" }<span class="tag">{ w.tagline }</span></h1>
            <div class="top-actions">
                <button type="button" onclick={p.on_share.clone()}>{ w.share_button }</button>
                <button type="button" onclick={p.on_scenario.clone()}>{ w.scenario_button }</button>
                <button type="button" class="theme" onclick={cycle_theme} aria-label={theme_label}>{ theme_label }</button>
                <select class="lang" onchange={on_lang} aria-label={w.language} title={w.language}>
                    { for Lang::ALL.iter().map(|l| html! { <option value={l.code()} lang={l.html_lang()} selected={*l == lang}>{ l.own_name() }</option> }) }
                </select>
            </div>
            <label class="presets">{ w.story }
                <select onchange={on_preset} aria-label={w.choose_story}>
                    if p.story.is_none() {
                        <option value="" selected=true>{ p.title.clone().unwrap_or_else(|| w.own_scenario.to_string()) }</option>
                    }
                    { for PRESETS.iter().map(|pr| html! {
                        <option value={pr.id} selected={p.story == Some(pr.id)}>{ story_name(pr.id, &stories::title(pr, lang)) }</option>
                    }) }
                </select>
            </label>
        </header>
        if !p.explanation.trim().is_empty() {
            // One line, so that the stage and its controls are in view at
            // once; "more" opens the rest.
            <details class="explanation">
                <summary><span class="first">{ stories::first_sentence(&p.explanation).to_string() }</span><span class="more">{ w.more }</span></summary>
                <p>{ p.explanation.clone() }</p>
            </details>
        }
        </>
    }
}

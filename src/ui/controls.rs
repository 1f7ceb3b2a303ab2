//! Playback controls, the timeline scrubber with its markers, and the menu
//! of a server (down/up and fault modes).

use super::Shared;
use crate::beats::Key;
use crate::chapters::Chapter;
use crate::model::sim::Simulation;
use crate::model::Time;
use crate::text::stage as stage_words;
use crate::model::smtp::FaultMode;
use crate::model::{Action, HostId, State};
use crate::playback::{Schedule, SlotKind};
use crate::player::{Msg, SPEEDS};
use crate::text::labels::{fault_label, host_with_name};
use crate::text::words::fill;
use crate::text::Lang;

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct ControlsProps {
    pub schedule: Shared<Schedule>,
    pub chapters: Shared<Vec<Chapter>>,
    pub pos: f64,
    /// The timeline's length (kept when a click shortens the story).
    pub axis: f64,
    pub playing: bool,
    /// Holding on a key moment: Play reads "Continue".
    pub held: bool,
    /// The chapter on screen.
    pub current: Option<usize>,
    /// Every event as its own step ("every packet").
    pub every_event: bool,
    pub speed: f64,
    pub clock: Time,
    /// The timeline's width in CSS px (the stage's), so markers and the
    /// "skipped" notes are thinned where they would run together.
    pub width: f64,
    pub dispatch: Callback<Msg>,
}

/// Small drawn icons: the glyphs for these are missing from many fonts.
fn icon(name: &str) -> Html {
    let d = match name {
        "restart" => "M3 3h2.5v14H3z M17 3v14L6.5 10z",
        "back" => "M16 3v14L5.5 10z M3 3h2.5v14H3z",
        "play" => "M5 3l12 7-12 7z",
        "pause" => "M4 3h4.5v14H4z M11.5 3H16v14h-4.5z",
        "chapter-back" => "M10 3v14L2 10z M18 3v14l-8-7z",
        "chapter-next" => "M2 3v14l8-7z M10 3v14l8-7z",
        _ => "M4 3v14l10.5-7z M14.5 3H17v14h-2.5z",
    };
    html! { <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d={d} /></svg> }
}

fn send(d: &Callback<Msg>, m: Msg) -> Callback<MouseEvent> {
    let d = d.clone();
    Callback::from(move |_| d.emit(m.clone()))
}

/// Per ten thousand of the timeline, as a CSS percentage with two decimals
/// (integer formatting keeps the float formatter out of the build).
fn percent(pos: f64, axis: f64) -> String {
    let at = (pos / axis.max(1.0) * 10_000.0).round().clamp(0.0, 10_000.0) as u32;
    format!("{}.{:02}%", at / 100, at % 100)
}

#[function_component(Controls)]
pub fn controls(p: &ControlsProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let d = &p.dispatch;
    let oninput = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let v = input.value_as_number();
            if v.is_finite() {
                d.emit(Msg::Seek(v));
            }
        })
    };
    let onspeed = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some((v, _)) = SPEEDS.get(input.selected_index().max(0) as usize) {
                d.emit(Msg::Speed(*v));
            }
        })
    };
    let current = p.current;
    // Chapters are buttons over the track, thinned where they would crowd
    // (the chapter keys reach them all); waits are marked under it.
    let track = (p.width - 16.0).max(100.0);
    // A marker is about 20 px wide; a "≈ 19m 58s skipped" note about 120.
    let (marker_gap, note_gap) = (24.0 / track * 100.0, 130.0 / track * 100.0);
    // The current chapter and the outcome are always shown; a plain marker
    // too close before one of them gives way to it.
    let at = |pos: f64| pos / p.axis.max(1.0) * 100.0;
    let mut shown: Vec<(usize, &Chapter, bool)> = Vec::new();
    for (k, c) in p.chapters.iter().enumerate() {
        let must = Some(k) == current || matches!(c.key, Some(Key::Delivered | Key::Bounced));
        let crowded = shown.last().is_some_and(|(_, prev, _)| at(c.pos) - at(prev.pos) < marker_gap);
        if crowded && must && shown.last().is_some_and(|(_, _, prev_must)| !prev_must) {
            shown.pop();
        }
        if must || !shown.last().is_some_and(|(_, prev, _)| at(c.pos) - at(prev.pos) < marker_gap) {
            shown.push((k, c, must));
        }
    }
    let markers = shown.into_iter().map(|(k, c, _)| {
        let (class, symbol) = chapter_symbol(c.key);
        let label = chapter_label(c, lang);
        let onclick = {
            let (d, pos) = (d.clone(), c.land);
            Callback::from(move |_: MouseEvent| d.emit(Msg::Seek(pos)))
        };
        html! {
            <button type="button" class={classes!("chapter", class, (current == Some(k)).then_some("current"))}
                style={format!("left:{}", percent(c.pos, p.axis))} aria-label={label.clone()} title={label} {onclick}>{ symbol }</button>
        }
    });
    // The longest fast-forwards, marked under the timeline: "≈ 25m skipped".
    let mut waits: Vec<(f64, Time)> = p
        .schedule
        .slots
        .iter()
        .filter_map(|s| match s.kind {
            SlotKind::Wait { from, to, .. } if to.since(from) >= 300_000 => Some((s.start, Time(to.since(from)))),
            _ => None,
        })
        .collect();
    crate::model::sort::sort_by_rank(&mut waits, |(_, skipped)| u128::MAX - skipped.0 as u128);
    let mut kept: Vec<f64> = Vec::new();
    let skipped = waits.iter().filter(|(pos, _)| {
        let at = at(*pos);
        let room = kept.len() < 3 && kept.iter().all(|k| (k - at).abs() >= note_gap);
        if room {
            kept.push(at);
        }
        room
    }).map(|(pos, skipped)| html! {
        <span class="skipped" style={format!("left:{}", percent(*pos, p.axis))}>{ stage_words::skipped(*skipped, lang) }</span>
    });
    let here = current.and_then(|k| p.chapters.get(k)).map(|c| crate::text::beats::chapter_title(c.key, lang)).unwrap_or_default();
    let play_label = if p.held { w.continue_story } else if p.playing { w.pause } else { w.play };
    let on_detail = {
        let (d, every) = (d.clone(), p.every_event);
        Callback::from(move |_: Event| d.emit(Msg::Detail(!every)))
    };
    html! {
        <div class="controls" role="toolbar" aria-label={w.playback} data-at-end={(p.pos >= p.schedule.total).to_string()}>
            <div class="buttons">
                <button type="button" onclick={send(d, Msg::Restart)} aria-label={w.restart} title={w.restart}>{ icon("restart") }</button>
                <button type="button" onclick={send(d, Msg::Chapter(-1))} aria-label={w.prev_chapter} title={w.prev_chapter_keys}>{ icon("chapter-back") }</button>
                <button type="button" onclick={send(d, Msg::StepBack)} aria-label={w.step_back} title={w.step_back_keys}>{ icon("back") }</button>
                <button type="button" class={classes!("play", p.held.then_some("held"))} onclick={send(d, Msg::Toggle)} aria-label={play_label} title={w.play_keys}>
                    { if p.playing && !p.held { icon("pause") } else { icon("play") } }{ " " }{ play_label }
                </button>
                <button type="button" onclick={send(d, Msg::StepForward)} aria-label={w.step_forward} title={w.step_forward_keys}>{ icon("forward") }</button>
                <button type="button" onclick={send(d, Msg::Chapter(1))} aria-label={w.next_chapter} title={w.next_chapter_keys}>{ icon("chapter-next") }</button>
                <label class="speed">{ w.speed }
                    <select onchange={onspeed} aria-label={w.speed_label}>
                        { for SPEEDS.iter().map(|(s, label)| html! { <option value={*label} selected={*s == p.speed}>{ *label }</option> }) }
                    </select>
                </label>
                <label class="detail" title={w.every_packet_title}>
                    <input type="checkbox" checked={p.every_event} onchange={on_detail} />{ " " }{ w.every_packet }
                </label>
                <span class="chapter-now" aria-live="off">{ here }</span>
            </div>
            <div class="scrubber">
                <div class="chapters" role="group" aria-label={w.chapters}>{ for markers }</div>
                <input type="range" min="0" max={(p.axis.ceil() as u64).to_string()} step="1" value={(p.pos.round() as u64).to_string()} {oninput}
                    aria-label={w.timeline} aria-valuetext={p.clock.to_string()} />
                <div class="skips" aria-hidden="true">{ for skipped }</div>
            </div>
            <Legend />
        </div>
    }
}

/// What the markers' symbols mean, each "symbol meaning" pair on one line.
/// Its own component without props: the controls draw every frame, the
/// legend only when the language changes.
#[function_component(Legend)]
fn legend() -> Html {
    let w = super::use_words();
    html! {
        <p class="legend">{ for w.legend.split(" · ").enumerate().map(|(i, item)| html! {
            <>{ if i > 0 { " · " } else { "" } }<span class="item">{ item }</span></>
        }) }</p>
    }
}

fn chapter_symbol(key: Option<Key>) -> (&'static str, &'static str) {
    match key {
        None | Some(Key::Split | Key::MxAnswer | Key::DnsFailed | Key::Addresses | Key::DropsItself | Key::Stale) => ("dns", "D"),
        Some(Key::Silent | Key::Refused | Key::Said | Key::Forward | Key::LaterWorks) => ("smtp", "S"),
        Some(Key::Accepted) => ("queued", "✉"),
        Some(Key::Deferred) => ("deferred", "↻"),
        Some(Key::Delivered) => ("delivered", "✓"),
        Some(Key::Bounced) => ("bounced", "✕"),
        Some(Key::TtlOut) => ("expiry", "T"),
        Some(Key::Down | Key::Up | Key::Change) => ("change", "▲"),
    }
}

/// A chapter marker's label: what happens and when, for its tooltip and screen readers.
fn chapter_label(c: &Chapter, lang: Lang) -> String {
    fill(lang.words().chapter_at, &[&crate::text::beats::chapter_title(c.key, lang), &c.at])
}

#[derive(Properties, PartialEq, Clone)]
pub struct MenuProps {
    pub sim: Shared<Simulation>,
    pub state: Shared<State>,
    pub host: HostId,
    pub dispatch: Callback<Msg>,
    pub on_close: Callback<()>,
}

/// The menu of one server: take it down or bring it up, or pick a fault.
#[function_component(ServerMenu)]
pub fn server_menu(p: &MenuProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with(p.host, move |_| {
            if let Some(b) = first.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let h = p.sim.host(p.host);
    let st = &p.state.hosts[p.host as usize];
    let name = h.name.to_string();
    // Closing, by any way, gives the focus back to the server that opened it.
    let close_and_return = {
        let (close, name) = (p.on_close.clone(), name.clone());
        Callback::from(move |_: ()| {
            close.emit(());
            focus_host(&name);
        })
    };
    let act = |action: Action| {
        let (d, close) = (p.dispatch.clone(), close_and_return.clone());
        Callback::from(move |_: MouseEvent| {
            d.emit(Msg::Intervene(action.clone()));
            close.emit(());
        })
    };
    let toggle = if st.up { act(Action::Down { host: name.clone() }) } else { act(Action::Up { host: name.clone() }) };
    let (close, onkeydown) = super::dialog_closers(&close_and_return);
    let modes = FaultMode::ALL.iter().map(|m| {
        let current = st.fault == *m;
        html! {
            <li role="none">
                <button type="button" role="menuitemradio" aria-checked={current.to_string()} class={classes!(current.then_some("current"))}
                    onclick={act(Action::Fault { host: name.clone(), mode: *m })}>
                    { if current { "✓ " } else { "" } }{ fault_label(*m, lang) }
                </button>
            </li>
        }
    });
    html! {
        <div class="dialog menu" role="dialog" aria-labelledby="menu-h" {onkeydown}>
            <div class="dialog-head">
                <h2 id="menu-h">{ host_with_name(h, lang) }</h2>
                <button type="button" onclick={close} aria-label={w.close_menu}>{ "✕" }</button>
            </div>
            <p class="now">{ fill(w.now, &[&crate::text::labels::status_words(st.up, st.fault, lang)]) }</p>
            <button ref={first} type="button" class="primary" onclick={toggle}>
                { if st.up { w.take_down } else { w.bring_up } }
            </button>
            <h3>{ if st.up { w.fault_when_up } else { w.fault_when_down } }</h3>
            <ul role="menu" aria-label={w.fault_mode}>{ for modes }</ul>
        </div>
    }
}

/// Puts the keyboard focus on a server of the stage, by its name.
fn focus_host(name: &str) {
    let selector = format!("g[data-host=\"{}\"]", name.replace('"', ""));
    if let Some(el) = gloo::utils::document().query_selector(&selector).ok().flatten()
        && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(el)
    {
        let _ = el.focus();
    }
}

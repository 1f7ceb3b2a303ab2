//! Playback controls, the timeline scrubber with its markers, and the menu
//! of a server (down/up and fault modes).

use crate::model::event::Marker;
use crate::model::sim::Simulation;
use crate::model::smtp::FaultMode;
use crate::model::{Action, HostId, State};
use crate::playback::Schedule;
use crate::player::{Msg, SPEEDS};
use crate::text::labels::{fault_label, host_with_name};
use crate::text::Lang;

use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct ControlsProps {
    pub sim: Rc<Simulation>,
    pub schedule: Rc<Schedule>,
    pub pos: f64,
    pub playing: bool,
    pub speed: f64,
    pub clock: String,
    pub dispatch: Callback<Msg>,
}

impl PartialEq for ControlsProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.schedule, &o.schedule)
            && self.pos == o.pos
            && self.playing == o.playing
            && self.speed == o.speed
            && self.clock == o.clock
    }
}

/// Small drawn icons: the glyphs for these are missing from many fonts.
fn icon(name: &str) -> Html {
    let d = match name {
        "restart" => "M3 3h2.5v14H3z M17 3v14L6.5 10z",
        "back" => "M16 3v14L5.5 10z M3 3h2.5v14H3z",
        "play" => "M5 3l12 7-12 7z",
        "pause" => "M4 3h4.5v14H4z M11.5 3H16v14h-4.5z",
        _ => "M4 3v14l10.5-7z M14.5 3H17v14h-2.5z",
    };
    html! { <svg class="icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d={d} /></svg> }
}

fn send(d: &Callback<Msg>, m: Msg) -> Callback<MouseEvent> {
    let d = d.clone();
    Callback::from(move |_| d.emit(m.clone()))
}

#[function_component(Controls)]
pub fn controls(p: &ControlsProps) -> Html {
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
    let total = p.schedule.total.max(1.0);
    let trace = p.sim.trace();
    let markers = trace.iter().enumerate().filter_map(|(i, ev)| ev.kind.marker().map(|m| (i, ev, m))).map(|(i, ev, m)| {
        // Per ten thousand, printed as an integer percentage with two decimals.
        let at = (p.schedule.start_of_event(i) / total * 10_000.0).round() as u32;
        let (class, symbol, what) = match m {
            Marker::Change => ("change", "▲", "change"),
            Marker::Delivery => ("delivery", "●", "delivered"),
            Marker::Bounce => ("bounce", "✕", "bounce"),
            Marker::Defer => ("defer", "·", "deferred"),
        };
        let title = format!("{what} at {}", ev.at);
        html! { <span class={classes!("marker", class)} style={format!("left:{}.{:02}%", at / 100, at % 100)} title={title}>{ symbol }</span> }
    });
    html! {
        <div class="controls" role="toolbar" aria-label="Playback">
            <div class="buttons">
                <button type="button" onclick={send(d, Msg::Restart)} aria-label="Restart" title="Restart">{ icon("restart") }</button>
                <button type="button" onclick={send(d, Msg::StepBack)} aria-label="Step back one event" title="Step back (←)">{ icon("back") }</button>
                <button type="button" class="play" onclick={send(d, Msg::Toggle)} aria-label={ if p.playing { "Pause" } else { "Play" } } title="Play or pause (space)">
                    { if p.playing { icon("pause") } else { icon("play") } }{ if p.playing { " Pause" } else { " Play" } }
                </button>
                <button type="button" onclick={send(d, Msg::StepForward)} aria-label="Step forward one event" title="Step forward (→)">{ icon("forward") }</button>
                <label class="speed">{ "Speed " }
                    <select onchange={onspeed} aria-label="Playback speed">
                        { for SPEEDS.iter().map(|(s, label)| html! { <option value={*label} selected={*s == p.speed}>{ *label }</option> }) }
                    </select>
                </label>
                <span class="clock" aria-label={format!("Clock {}", p.clock)}>{ p.clock.clone() }</span>
            </div>
            <div class="scrubber">
                <input type="range" min="0" max={(total.ceil() as u64).to_string()} step="1" value={(p.pos.round() as u64).to_string()} {oninput}
                    aria-label="Timeline" aria-valuetext={p.clock.clone()} />
                <div class="markers" aria-hidden="true">{ for markers }</div>
            </div>
        </div>
    }
}

#[derive(Properties, Clone)]
pub struct MenuProps {
    pub sim: Rc<Simulation>,
    pub state: Rc<State>,
    pub host: HostId,
    pub dispatch: Callback<Msg>,
    pub on_close: Callback<()>,
}

impl PartialEq for MenuProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &o.sim) && Rc::ptr_eq(&self.state, &o.state) && self.host == o.host
    }
}

/// The menu of one server: take it down or bring it up, or pick a fault.
#[function_component(ServerMenu)]
pub fn server_menu(p: &MenuProps) -> Html {
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
    let act = |action: Action| {
        let (d, close) = (p.dispatch.clone(), p.on_close.clone());
        Callback::from(move |_: MouseEvent| {
            d.emit(Msg::Intervene(action.clone()));
            close.emit(());
        })
    };
    let toggle = if st.up { act(Action::Down { host: name.clone() }) } else { act(Action::Up { host: name.clone() }) };
    let (close, onkeydown) = super::dialog_closers(&p.on_close);
    let modes = FaultMode::ALL.iter().map(|m| {
        let current = st.fault == *m;
        html! {
            <li>
                <button type="button" role="menuitemradio" aria-checked={current.to_string()} class={classes!(current.then_some("current"))}
                    onclick={act(Action::Fault { host: name.clone(), mode: *m })}>
                    { if current { "✓ " } else { "" } }{ fault_label(*m, Lang::En) }
                </button>
            </li>
        }
    });
    html! {
        <div class="dialog menu" role="dialog" aria-labelledby="menu-h" {onkeydown}>
            <div class="dialog-head">
                <h2 id="menu-h">{ host_with_name(h, Lang::En) }</h2>
                <button type="button" onclick={close} aria-label="Close menu">{ "✕" }</button>
            </div>
            <p class="now">{ format!("Now: {}", crate::text::labels::status_words(st.up, st.fault, Lang::En)) }</p>
            <button ref={first} type="button" class="primary" onclick={toggle}>
                { if st.up { "Take it down" } else { "Bring it back up" } }
            </button>
            <h3>{ "Or, while it is up, make it…" }</h3>
            <ul role="menu" aria-label="Fault mode">{ for modes }</ul>
        </div>
    }
}

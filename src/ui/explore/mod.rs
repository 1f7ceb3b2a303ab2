//! The playground: edit the zone and the servers, write an email, compare
//! two worlds, export, undo and redo. Every field is checked as it is typed
//! (src/forms.rs) and an invalid value is never applied: the last valid
//! world stays. Changes go to the model as actions or as a new scenario.

mod compose;
mod servers;
mod zone;

use super::share::download_text;
use crate::model::edit::Comparison;
use crate::model::{Simulation, State};
use crate::player::Msg;
use crate::text::labels::comparison_name;
use crate::text::report::{trace_json, trace_text};
use crate::text::Lang;
use compose::Compose;
use servers::ServersEditor;
use super::Shared;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use zone::ZoneEditor;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Zone,
    Servers,
    Compose,
    Compare,
    Export,
}

impl Tab {
    /// In the order of the tab bar; a tab's place is what a language switch
    /// hands over (`data-tab` on the panel).
    const ALL: [Tab; 5] = [Tab::Zone, Tab::Servers, Tab::Compose, Tab::Compare, Tab::Export];

    fn name(self, w: &crate::text::words::Words) -> &'static str {
        match self {
            Tab::Zone => w.tab_zone,
            Tab::Servers => w.tab_servers,
            Tab::Compose => w.tab_write,
            Tab::Compare => w.tab_compare,
            Tab::Export => w.tab_export,
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct ExploreProps {
    pub sim: Shared<Simulation>,
    pub state: Shared<State>,
    pub generation: u64,
    pub applied: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub comparing: Option<Comparison>,
    pub dispatch: Callback<Msg>,
    /// Open on this tab from the start (a language switch handed it over).
    #[prop_or_default]
    pub opened_on: Option<u8>,
}

/// What the editors of one run need: the run and a way to change it.
#[derive(Properties, PartialEq, Clone)]
struct SimProps {
    sim: Shared<Simulation>,
    dispatch: Callback<Msg>,
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A labelled text field that shows its rule while the text is invalid.
fn field(id: &str, label: &str, value: &str, error: Option<String>, oninput: Callback<InputEvent>) -> Html {
    let err_id = format!("{id}-err");
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.to_string()}>{ label.to_string() }</label>
            <input id={id.to_string()} type="text" value={value.to_string()} {oninput} spellcheck="false"
                aria-invalid={error.is_some().to_string()} aria-describedby={err_id.clone()} />
            <span id={err_id} class="err" role="status">{ error.unwrap_or_default() }</span>
        </div>
    }
}

#[function_component(Explore)]
pub fn explore(p: &ExploreProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let tab = use_state(|| p.opened_on.and_then(|i| Tab::ALL.get(usize::from(i)).copied()).unwrap_or(Tab::Zone));
    // The editors are built only while the panel is open: closed, it costs
    // nothing per frame.
    let open = use_state(|| p.opened_on.is_some());
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            open.set(el.has_attribute("open"));
        })
    };
    let tabs = Tab::ALL.map(|t| (t, t.name(w)));
    let body = if !*open {
        html! {}
    } else {
        match *tab {
        Tab::Zone => html! { <ZoneEditor sim={p.sim.clone()} state={p.state.clone()} generation={p.generation} dispatch={p.dispatch.clone()} /> },
        Tab::Servers => html! { <ServersEditor sim={p.sim.clone()} dispatch={p.dispatch.clone()} /> },
        Tab::Compose => html! { <Compose sim={p.sim.clone()} dispatch={p.dispatch.clone()} /> },
        Tab::Compare => compare_tab(p, lang),
        Tab::Export => export_tab(p, lang),
        }
    };
    html! {
        <details class="panel explore" open={*open} data-tab={Tab::ALL.iter().position(|t| *t == *tab).unwrap_or(0).to_string()} {ontoggle}>
            <summary><h2 id="explore-h">{ w.explore }</h2>
                <span class="hint">{ w.explore_hint }</span></summary>
            <div class="tabs" role="tablist" aria-label={w.explore_tabs}>
                { for tabs.iter().map(|(t, name)| {
                    let tab2 = tab.clone();
                    let t = *t;
                    html! {
                        <button type="button" role="tab" aria-selected={(*tab == t).to_string()} class={classes!((*tab == t).then_some("current"))}
                            onclick={Callback::from(move |_| tab2.set(t))}>{ *name }</button>
                    }
                }) }
            </div>
            <div class="tab-body" role="tabpanel">{ body }</div>
        </details>
    }
}

// ---- compare and export ----

fn compare_tab(p: &ExploreProps, lang: Lang) -> Html {
    let w = lang.words();
    let choose = |v: Option<Comparison>| {
        let d = p.dispatch.clone();
        Callback::from(move |_: Event| d.emit(Msg::Compare(v)))
    };
    html! {
        <div class="compare" role="radiogroup" aria-label={w.compare_label}>
            <p class="hint">{ w.compare_hint }</p>
            <label class="check"><input type="radio" name="compare" checked={p.comparing.is_none()} onchange={choose(None)} />{ w.one_world }</label>
            { for Comparison::ALL.iter().map(|v| html! {
                <label class="check"><input type="radio" name="compare" checked={p.comparing == Some(*v)} onchange={choose(Some(*v))} />{ format!(" {}", comparison_name(*v, lang)) }</label>
            }) }
        </div>
    }
}

fn export_tab(p: &ExploreProps, lang: Lang) -> Html {
    let w = lang.words();
    let sim = p.sim.clone();
    let json = {
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| download_text("mxviz-trace.json", &trace_json(&sim, lang), "application/json"))
    };
    let text = {
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| download_text("mxviz-trace.txt", &trace_text(&sim, lang), "text/plain"))
    };
    let svg = Callback::from(move |_: MouseEvent| {
        if let Some(svg) = gloo::utils::document().query_selector("svg.stage").ok().flatten() {
            download_text("mxviz-stage.svg", &standalone_svg(&svg.outer_html()), "image/svg+xml");
        }
    });
    html! {
        <div class="export">
            <p class="hint">{ w.export_hint }</p>
            <div class="row">
                <button type="button" onclick={json}>{ w.trace_json }</button>
                <button type="button" onclick={text}>{ w.trace_text }</button>
                <button type="button" onclick={svg}>{ w.stage_svg }</button>
            </div>
        </div>
    }
}

/// The stage's markup as a file that stands alone: the namespace and the
/// few styles it needs, in light colours.
pub fn standalone_svg(outer: &str) -> String {
    const STYLE: &str = "<style>text{font-family:sans-serif;text-anchor:middle;fill:#1b1f2a}.edges line{stroke:#d9dde8;stroke-width:2}\
.box{fill:#fff;stroke:#8f98ad;stroke-width:2}.host.resolver .box,.host.authority .box{stroke:#7a3fc1}.host.down .box{stroke:#c0262d;stroke-dasharray:7 5}\
.label{font-weight:700;font-size:19px}.name,.status{font-size:14px}.packet rect{fill:#2458d6}.packet text{fill:#fff;font-family:monospace;font-size:14px}\
.packet.failed rect{fill:#c0262d}.queue-badge rect{fill:#a15c00}.queue-badge text{fill:#fff;font-size:13px}.folder.filled .box{stroke:#17803d}</style>";
    let with_ns = outer.replacen("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 1);
    match with_ns.find('>') {
        Some(i) => format!("{}{}{}", &with_ns[..=i], STYLE, &with_ns[i + 1..]),
        None => with_ns,
    }
}

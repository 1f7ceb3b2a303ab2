//! "Replay a mail log" (issue 22): the reader pastes Postfix log lines; the
//! model builds the world that explains them (`crate::replay`), and the
//! dialog lists each line about a recipient's fate as reproduced or not,
//! before the world is shown on the stage. Nothing leaves the page.

use crate::player::Msg;
use crate::text::words::fill;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    pub dispatch: Callback<Msg>,
    pub on_close: Callback<()>,
}

/// What the last replay gave: each fate line (its text, reproduced or not)
/// and the world, or why there is none.
#[derive(Clone, PartialEq)]
enum Outcome {
    Replayed { lines: Vec<(String, bool)>, scenario: Box<crate::model::Scenario> },
    Refused(String),
}

#[function_component(ReplayLog)]
pub fn replay_log(p: &ReplayProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let text = use_node_ref();
    let outcome = use_state(|| None::<Outcome>);
    let hide = use_state(|| false);
    let on_hide = {
        let hide = hide.clone();
        Callback::from(move |e: Event| hide.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let on_replay = {
        let (text, outcome, hide) = (text.clone(), outcome.clone(), *hide);
        Callback::from(move |_: MouseEvent| {
            let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let pasted = if hide { crate::replay::hide::hide_addresses(&t.value()) } else { t.value() };
            outcome.set(Some(match crate::replay::replay_text(&pasted) {
                Ok((_, r)) => Outcome::Replayed {
                    lines: r.matches.iter().map(|m| (pasted.lines().nth(m.line - 1).unwrap_or_default().to_string(), m.event.is_some())).collect(),
                    scenario: Box::new(r.explained.scenario.clone()),
                },
                Err(e) => Outcome::Refused(crate::text::problems::log_error(&e, lang)),
            }));
        })
    };
    let result = match &*outcome {
        None => html! {},
        Some(Outcome::Refused(why)) => html! { <p class="error" role="alert">{ fill(w.replay_not_replayed, &[why]) }</p> },
        Some(Outcome::Replayed { lines, scenario }) => {
            let agree = lines.iter().filter(|(_, ok)| *ok).count();
            let show = {
                let (dispatch, close, scenario) = (p.dispatch.clone(), p.on_close.clone(), scenario.clone());
                Callback::from(move |_: MouseEvent| {
                    dispatch.emit(Msg::LoadScenario(scenario.clone()));
                    close.emit(());
                })
            };
            html! {
                <>
                    <p class="replay-summary" role="status">{ fill(w.replay_result, &[&agree.to_string(), &lines.len().to_string()]) }</p>
                    <ol class="replay-lines">
                        { for lines.iter().map(|(line, ok)| html! {
                            <li class={classes!(if *ok { "agrees" } else { "differs" })}>
                                <span class="verdict">{ if *ok { w.replay_agrees } else { w.replay_not_produced } }</span>
                                <code>{ line.clone() }</code>
                            </li>
                        }) }
                    </ol>
                    <div class="row"><button type="button" class="primary" onclick={show}>{ w.replay_show }</button></div>
                </>
            }
        }
    };
    html! {
        <section class="replay" aria-labelledby="replay-h">
            <h3 id="replay-h">{ w.replay_heading }</h3>
            <p>{ w.replay_intro }</p>
            <label for="replay-text">{ w.replay_label }</label>
            <textarea id="replay-text" ref={text} rows="6" spellcheck="false" placeholder="Dec  6 21:51:33 mail postfix/smtp[1]: 9E64F9D4514: to=<bob@example.com>, relay=…, status=deferred (…)" />
            <label class="check"><input type="checkbox" id="replay-hide" checked={*hide} onchange={on_hide} />{ " " }{ w.replay_hide }</label>
            <div class="row"><button type="button" onclick={on_replay}>{ w.replay_button }</button></div>
            { result }
        </section>
    }
}

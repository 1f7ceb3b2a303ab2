//! "Replay a mail log" (issue 22): the reader pastes Postfix log lines; the
//! model builds the world that explains them (`crate::replay`), and the
//! dialog lists each line about a recipient's fate as reproduced or not,
//! before the world is shown on the stage. There, `LogPanel` keeps the log
//! beside the story: each line lights up as its moment plays. Nothing
//! leaves the page.

use super::Shared;
use crate::playback::Schedule;
use crate::player::Msg;
use crate::replay::Beside;
use crate::text::words::fill;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    pub dispatch: Callback<Msg>,
    pub on_close: Callback<()>,
    /// The reader pressed Replay (the scenario box's note about a log it
    /// moved here has done its job).
    #[prop_or_default]
    pub on_replay: Callback<()>,
}

/// What the last replay gave: each fate line (its text, reproduced or not)
/// and the world, or why there is none.
#[derive(Clone, PartialEq)]
enum Outcome {
    Replayed(Rc<Beside>),
    Refused(String),
}

/// A replay under way: the text it reads and the runs left.
struct Job {
    text: String,
    replaying: crate::replay::matching::Replaying,
}

/// Runs the job's next retry setting after the page has painted, then the
/// next, until the last: a long log keeps the page answering and says how
/// far it is. A closed dialog drops the job, and the chain stops.
fn run_steps(job: Rc<std::cell::RefCell<Option<Job>>>, progress: UseStateHandle<Option<(usize, usize)>>, done: Callback<Outcome>, lang: crate::text::Lang) {
    gloo::timers::callback::Timeout::new(0, move || {
        let mut slot = job.borrow_mut();
        let Some(j) = slot.as_mut() else { return };
        if j.replaying.step() {
            progress.set(Some(j.replaying.progress()));
            drop(slot);
            return run_steps(job, progress, done, lang);
        }
        let Some(Job { text, replaying }) = slot.take() else { return };
        progress.set(None);
        done.emit(match Beside::finish(&text, replaying) {
            Ok(beside) => Outcome::Replayed(Rc::new(beside)),
            Err(e) => Outcome::Refused(crate::text::problems::log_error(&e, lang)),
        });
    })
    .forget();
}

#[function_component(ReplayLog)]
pub fn replay_log(p: &ReplayProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let text = use_node_ref();
    let outcome = use_state(|| None::<Outcome>);
    let progress = use_state(|| None::<(usize, usize)>);
    let job = use_mut_ref(|| None::<Job>);
    {
        // Closing the dialog stops a replay under way.
        let job = job.clone();
        use_effect_with((), move |_| move || drop(job.borrow_mut().take()));
    }
    let hide = use_state(|| false);
    let on_hide = {
        let hide = hide.clone();
        Callback::from(move |e: Event| hide.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let on_replay = {
        let (text, outcome, hide, progress, job) = (text.clone(), outcome.clone(), *hide, progress.clone(), job.clone());
        let replaying = p.on_replay.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(t) = text.cast::<web_sys::HtmlTextAreaElement>() else { return };
            replaying.emit(());
            let pasted = if hide { crate::replay::hide::hide_addresses(&t.value()) } else { t.value() };
            outcome.set(None);
            match Beside::start(&pasted) {
                Ok(replaying) => {
                    progress.set(Some(replaying.progress()));
                    *job.borrow_mut() = Some(Job { text: pasted, replaying });
                    let outcome = outcome.clone();
                    run_steps(job.clone(), progress.clone(), Callback::from(move |o| outcome.set(Some(o))), lang);
                }
                Err(e) => outcome.set(Some(Outcome::Refused(crate::text::problems::log_error(&e, lang)))),
            }
        })
    };
    // The result comes in below the button, often below the dialog's fold:
    // brought into view, its summary at the top.
    let summary = use_node_ref();
    {
        let summary = summary.clone();
        let done = matches!(&*outcome, Some(Outcome::Replayed(_))) && progress.is_none();
        use_effect_with(done, move |done| {
            if let Some(el) = summary.cast::<web_sys::Element>().filter(|_| *done) {
                el.scroll_into_view_with_bool(true);
            }
        });
    }
    let result = match (&*outcome, *progress) {
        (_, Some((done, all))) => html! { <p class="replay-progress" role="status">{ fill(w.replay_running, &[&done, &all]) }</p> },
        (None, None) => html! {},
        (Some(Outcome::Refused(why)), None) => html! { <p class="error" role="alert">{ fill(w.replay_not_replayed, &[why]) }</p> },
        (Some(Outcome::Replayed(beside)), None) => {
            let show = {
                let (dispatch, close, beside) = (p.dispatch.clone(), p.on_close.clone(), beside.clone());
                Callback::from(move |_: MouseEvent| {
                    dispatch.emit(Msg::LoadLog(beside.clone()));
                    close.emit(());
                })
            };
            html! {
                <>
                    <p class="replay-summary" role="status" ref={summary.clone()}>{ if beside.lines.len() == 1 && beside.matched() == 1 { w.replay_result_one.to_string() } else { fill(w.replay_result, &[&beside.matched(), &beside.lines.len()]) } }</p>
                    <ol class="replay-lines">
                        { for beside.lines.iter().map(|l| html! {
                            <li class={classes!(if l.event.is_some() { "agrees" } else { "differs" })}>
                                <span class="verdict">{ if l.event.is_some() { w.replay_agrees } else { w.replay_not_produced } }</span>
                                <code>{ l.text.clone() }</code>
                                if l.event.is_none() {
                                    <p class="why">{ crate::text::problems::not_reproduced(l, lang) }</p>
                                }
                            </li>
                        }) }
                    </ol>
                    if !beside.skipped.is_empty() {
                        <details class="replay-skipped">
                            <summary>{ fill(w.replay_skipped, &[&beside.skipped.len()]) }</summary>
                            <ol>
                                { for beside.skipped.iter().map(|(n, why)| html! {
                                    <li>{ fill(w.replay_skipped_line, &[n, &skip_reason(*why, w)]) }</li>
                                }) }
                            </ol>
                        </details>
                    }
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
            <div class="row"><button type="button" onclick={on_replay} disabled={progress.is_some()}>{ w.replay_button }</button></div>
            { result }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LogPanelProps {
    pub log: Shared<Beside>,
    /// The world on the stage is still the one that explains the log.
    pub same_world: bool,
    /// How many events of the trace have happened.
    pub applied: usize,
    /// The events of the beat on screen.
    pub now: Option<(usize, usize)>,
    pub schedule: Shared<Schedule>,
    pub dispatch: Callback<Msg>,
}

/// Where a line of the log stands in the story being played.
#[derive(Clone, Copy, PartialEq)]
enum LineState {
    Seen,
    Now,
    /// The first line still to come.
    Next,
    Ahead,
    NotReproduced,
    /// The reader changed the world: no pairing to show.
    Unpaired,
}

/// The pasted log beside the stage: each line about a recipient's fate,
/// lit when its moment plays, dimmed until it does; a line the model does
/// not reproduce says why. Choosing a line shows its moment.
#[function_component(LogPanel)]
pub fn log_panel(p: &LogPanelProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let log = &p.log.0;
    let now = |e: usize| p.now.is_some_and(|(a, b)| (a..b).contains(&e));
    // The line the story comes to next, when none is playing now.
    let next = match log.lines.iter().filter_map(|l| l.event).any(now) {
        true => None,
        false => log.lines.iter().filter_map(|l| l.event).filter(|&e| e >= p.applied).min(),
    };
    let state = |event: Option<usize>| match event {
        _ if !p.same_world => LineState::Unpaired,
        None => LineState::NotReproduced,
        Some(e) if now(e) => LineState::Now,
        Some(e) if e < p.applied => LineState::Seen,
        Some(e) if Some(e) == next => LineState::Next,
        Some(_) => LineState::Ahead,
    };
    let left_out = match log.skipped.len() {
        0 => String::new(),
        n => format!(" {}", fill(w.log_panel_skipped, &[&n])),
    };
    html! {
        <section class="panel log-replay" aria-labelledby="log-replay-h">
            <h2 id="log-replay-h">{ w.log_panel }</h2>
            if p.same_world {
                <p class="hint">{ if log.lines.len() == 1 && log.matched() == 1 { w.log_panel_result_one.to_string() } else { fill(w.log_panel_result, &[&log.matched(), &log.lines.len()]) } }{ left_out }{ " " }{ w.log_panel_intro }</p>
            } else {
                <p class="hint changed">{ w.log_panel_changed }</p>
            }
            <ol class="paired">
                { for log.lines.iter().map(|l| {
                    let st = state(l.event);
                    let verdict = match st {
                        LineState::Seen | LineState::Now => w.replay_agrees,
                        LineState::Next => w.log_line_next,
                        LineState::Ahead => w.log_line_ahead,
                        LineState::NotReproduced => w.replay_not_produced,
                        LineState::Unpaired => "",
                    };
                    let class = match st {
                        LineState::Seen => "seen",
                        LineState::Now => "now",
                        LineState::Next => "ahead next",
                        LineState::Ahead => "ahead",
                        LineState::NotReproduced => "differs",
                        LineState::Unpaired => "unpaired",
                    };
                    let seek = l.event.filter(|_| p.same_world).map(|e| {
                        let (dispatch, to) = (p.dispatch.clone(), p.schedule.0.after_event(e));
                        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Seek(to)))
                    });
                    let show = fill(w.log_line_show, &[&l.stamp]);
                    let clock = crate::model::Time((l.at.max(0.0) * 1000.0).round() as u64 / 1000 * 1000).to_string();
                    html! {
                        <li class={class} aria-current={(st == LineState::Now).then_some("step")}>
                            <div class="line-head">
                                if let Some(onclick) = seek {
                                    <button type="button" class="stamp" {onclick} title={show.clone()} aria-label={show}>{ "▶ " }{ l.stamp.clone() }</button>
                                } else {
                                    <span class="stamp">{ l.stamp.clone() }</span>
                                }
                                <span class="at" title={w.log_line_clock}>{ clock }</span>
                                <span class="verdict">{ verdict }</span>
                            </div>
                            <code>{ after_stamp(&l.text, &l.stamp) }</code>
                            if st == LineState::NotReproduced {
                                <p class="why">{ crate::text::problems::not_reproduced(l, lang) }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// Why a pasted line was left out, in a few words.
fn skip_reason(why: crate::replay::Skip, w: &crate::text::words::Words) -> &'static str {
    use crate::replay::Skip;
    match why {
        Skip::NotALogLine => w.skip_not_a_log_line,
        Skip::NotPostfix => w.skip_not_postfix,
        Skip::NoDelivery => w.skip_no_delivery,
        Skip::Exim => w.skip_exim,
    }
}

/// The line without its time stamp, which the panel shows on its own.
fn after_stamp(line: &str, stamp: &str) -> String {
    match line.find(stamp).filter(|_| !stamp.is_empty()) {
        Some(i) => line[i + stamp.len()..].trim_start().to_string(),
        None => line.to_string(),
    }
}

//! The panels beside the stage: narration (an ARIA live region), the
//! technical log, the resolver cache with its TTL countdowns, the queues and
//! the mailboxes. Each reads the state folded from the trace; none decides.

use crate::beats::{Beat, Key};
use crate::text::labels::{answer_lines, host_with_name};
use crate::text::narrate::Narrator;
use crate::text::words::fill;
use crate::model::host::HostKind;
use crate::model::Simulation;
use crate::model::time::Span;
use crate::model::{EventKind, State, Time};
use std::cell::RefCell;
use super::Shared;
use std::rc::Rc;
use yew::prelude::*;

/// What every panel needs: the run, the state shown, and a version key so
/// that a panel re-renders only when what it shows changed.
#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    pub sim: Shared<Simulation>,
    pub state: Shared<State>,
    pub applied: usize,
    /// How many events the story plays.
    pub shown: usize,
    pub focus: Option<usize>,
    /// The clock, in whole seconds (so that a panel re-renders once a
    /// second, not every frame), for countdowns.
    #[prop_or_default]
    pub clock: Time,
    #[prop_or_default]
    pub on_open: Option<Callback<(u16, Rc<str>, usize)>>,
}


#[derive(Properties, PartialEq, Clone)]
pub struct NarrationProps {
    pub sim: Shared<Simulation>,
    pub beats: Shared<Vec<Beat>>,
    /// The beat on screen, if the story has started.
    pub beat: Option<usize>,
    /// Holding on this key moment: its "what to notice" line is shown.
    pub held: Option<Key>,
}

/// The beat's sentence (a live region: a beat stays on screen for its
/// reading time, so a screen reader can say each one), where in the story
/// it is, and the rule behind it. The live region stays the same element
/// for the whole session: screen readers only announce changes inside a
/// region they already know.
#[function_component(Narration)]
pub fn narration(p: &NarrationProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let beat = p.beat.and_then(|b| p.beats.get(b).map(|beat| (b, beat)));
    let when = beat.map_or_else(String::new, |(b, _)| fill(w.step_of, &[&(b + 1), &p.beats.len()]));
    let sentence = beat.map_or_else(|| w.press_play.to_string(), |(_, beat)| crate::text::beats::sentence(&p.sim, beat, lang));
    let rule = beat.and_then(|(_, beat)| crate::text::beats::rule(&p.sim, beat, lang));
    html! {
        <section class="panel narration" aria-labelledby="narration-h">
            <h2 id="narration-h">{ w.what_happens }</h2>
            <p class="when">{ when }</p>
            <p aria-live="polite" aria-atomic="true" class="sentence">{ sentence }</p>
            <p class="rule">
                if let Some(rule) = rule {
                    <a href={rule.url} target="_blank" rel="noopener noreferrer">{ rule.label }</a>
                }
            </p>
        </section>
    }
}

/// How many of the latest lines the log shows.
const LOG_LINES: usize = 60;

#[function_component(Log)]
pub fn log(p: &PanelProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let sim = &p.sim;
    let narrator = Narrator::new(sim, lang);
    // Technical lines are formatted once per event of a run, not on every
    // render: playing and seeking re-render the log often.
    let lines = use_memo(Rc::as_ptr(&sim.0) as usize, {
        let n = sim.trace().len();
        move |_| RefCell::new(vec![None::<(Rc<str>, &'static str)>; n])
    });
    // The latest lines by default; the whole transcript on request.
    let full = use_state(|| false);
    let start = if *full { 0 } else { p.applied.saturating_sub(LOG_LINES) };
    let toggle = {
        let full = full.clone();
        Callback::from(move |_: MouseEvent| full.set(!*full))
    };
    let hidden = start;
    let mut cache = lines.borrow_mut();
    let rows = (start..p.applied).map(|i| {
        let ev = &sim.trace()[i];
        let (text, class) = cache[i]
            .get_or_insert_with(|| {
                // A failed reply is still a reply: "s err".
                let class = match (crate::tone::Tone::of(ev), &ev.kind) {
                    (crate::tone::Tone::Temporary | crate::tone::Tone::Permanent, EventKind::Reply { .. }) => "s err",
                    (tone, _) => tone.log_class(),
                };
                (narrator.describe(ev).technical.into(), class)
            })
            .clone();
        html! {
            <li key={i} class={class}><span class="t">{ ev.at.to_string() }</span><pre>{ text }</pre></li>
        }
    });
    let rows: Vec<Html> = rows.collect();
    drop(cache);
    html! {
        <section class="panel log" aria-labelledby="log-h">
            <div class="panel-head">
                <h2 id="log-h">{ w.technical_log }</h2>
                if hidden > 0 || *full {
                    <button type="button" class="small" onclick={toggle} aria-pressed={full.to_string()}>
                        { if *full { w.show_latest.to_string() } else { fill(w.show_all, &[&hidden]) } }
                    </button>
                }
            </div>
            // The scroller stacks bottom-up (CSS), so the newest line stays in
            // view without reading the layout from script on every event.
            <div class="log-scroll" tabindex="0" role="region" aria-label={w.log_region}>
                <ol class="log-lines">{ for rows }</ol>
            </div>
        </section>
    }
}

#[function_component(CachePanel)]
pub fn cache_panel(p: &PanelProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let sim = &p.sim;
    let now = p.clock.max(p.state.now);
    let tables = sim.hosts().iter().enumerate().filter(|(_, h)| h.kind == HostKind::Resolver).map(|(i, h)| {
        let cache = &p.state.hosts[i].cache;
        let rows = cache.entries().map(|(name, rtype, e)| {
            let left = e.remaining_secs(now);
            let frac = if e.ttl == 0 { 0.0 } else { f64::from(left) / f64::from(e.ttl) };
            let expired = left == 0;
            html! {
                <tr class={classes!(expired.then_some("expired"))}>
                    <td>{ name.to_string() }</td>
                    <td>{ rtype.map_or(w.any_type, |t| t.as_str()) }</td>
                    // One record per line: "20" stays with its host.
                    <td class="ans">{ for answer_lines(&e.answer, lang).into_iter().map(|r| html! { <span class="rr">{ r }</span> }) }</td>
                    <td class="ttl">
                        <span class="bar" role="img" aria-label={fill(w.seconds_left, &[&left, &e.ttl])}>
                            <span style={format!("width:{}%", (frac * 100.0).round() as u32)}></span>
                        </span>
                        <span class="left">{ if expired { w.expired.to_string() } else { format!("{}", Span(u64::from(left) * 1000)) } }</span>
                    </td>
                </tr>
            }
        });
        html! {
            <>
                <h3>{ h.name.to_string() }</h3>
                if cache.is_empty() {
                    <p class="empty">{ w.cache_empty_panel }</p>
                } else {
                    <table>
                        <thead><tr><th>{ w.col_name }</th><th>{ w.col_type }</th><th>{ w.col_answer }</th><th>{ w.col_ttl_left }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
            </>
        }
    });
    html! {
        <section class="panel cache" aria-labelledby="cache-h">
            <h2 id="cache-h">{ w.resolver_cache }</h2>
            { for tables }
        </section>
    }
}

#[function_component(Queues)]
pub fn queues(p: &PanelProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let sim = &p.sim;
    let blocks = sim.hosts().iter().enumerate().filter(|(_, h)| h.kind == HostKind::Mail).map(|(i, h)| {
        let q = &p.state.hosts[i].queue;
        let items = q.iter().map(|(env, e)| {
            let envl = sim.envelope(*env);
            let what = fill(if envl.is_bounce() { w.bounce_to } else { w.mail_to }, &[&envl.to]);
            let when = match e.next_retry {
                Some(_) if e.attempts == 0 => fill(w.queued_at, &[&e.since]),
                Some(t) if e.attempts == 1 => fill(w.one_try_next, &[&t]),
                Some(t) => fill(w.tries_next, &[&e.attempts, &t]),
                None => fill(w.try_under_way, &[&e.attempts]),
            };
            html! { <li><span class="what">{ what }</span><span class="when">{ when }</span></li> }
        });
        let label = host_with_name(h, lang);
        html! {
            <div class="queue">
                <h3>{ label }</h3>
                if q.is_empty() { <p class="empty">{ w.queue_empty }</p> } else { <ul>{ for items }</ul> }
            </div>
        }
    });
    html! {
        <section class="panel queues" aria-labelledby="queues-h">
            <h2 id="queues-h">{ w.queues }</h2>
            { for blocks }
        </section>
    }
}

#[function_component(Mailboxes)]
pub fn mailboxes(p: &PanelProps) -> Html {
    let lang = super::use_lang();
    let w = lang.words();
    let sim = &p.sim;
    let blocks = sim.hosts().iter().enumerate().filter(|(_, h)| {
        h.holds_mailboxes
    });
    let blocks = blocks.map(|(i, h)| {
        let boxes = &p.state.hosts[i].mailboxes;
        let folders = boxes.iter().map(|(user, files)| {
            let items = files.iter().enumerate().map(|(k, f)| {
                let on_open = p.on_open.clone();
                let user2 = user.clone();
                let onclick = Callback::from(move |_| {
                    if let Some(cb) = &on_open {
                        cb.emit((i as u16, user2.clone(), k));
                    }
                });
                let received = f.eml.lines().filter(|l| l.starts_with("Received:")).count();
                html! {
                    <li>
                        <button type="button" class="file" {onclick} aria-label={fill(w.open_file, &[user, &f.name, &received])}>
                            { format!("{}", f.name) }
                        </button>
                        <span class="meta">{ fill(w.file_meta, &[&f.at, &received]) }</span>
                    </li>
                }
            });
            html! { <li class="folder-item"><span class="dir">{ format!("/{user}/") }</span><ul>{ for items }</ul></li> }
        });
        let label = host_with_name(h, lang);
        html! {
            <div class="mailbox">
                <h3>{ label }</h3>
                if boxes.is_empty() { <p class="empty">{ w.no_mail }</p> } else { <ul class="folders">{ for folders }</ul> }
            </div>
        }
    });
    html! {
        <section class="panel mailboxes" aria-labelledby="mail-h">
            <h2 id="mail-h">{ w.mailboxes }</h2>
            { for blocks }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct EmlProps {
    pub title: String,
    pub eml: Rc<str>,
    pub on_close: Callback<()>,
}

/// The raw `.eml`, with its `Received:` headers marked so the detour shows.
#[function_component(EmlViewer)]
pub fn eml_viewer(p: &EmlProps) -> Html {
    let w = super::use_words();
    let close_ref = use_node_ref();
    {
        let close_ref = close_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = close_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let on_close = p.on_close.clone();
    let onclick = Callback::from(move |_| on_close.emit(()));
    let download = {
        let (eml, title) = (p.eml.clone(), p.title.clone());
        Callback::from(move |_: MouseEvent| {
            let name = title.rsplit('/').next().unwrap_or("message.eml").to_string();
            super::share::download_text(&name, &eml, "message/rfc822");
        })
    };
    let (_, onkeydown) = super::dialog_closers(&p.on_close);
    let mut in_received = false;
    let lines = p.eml.lines().map(|l| {
        if l.starts_with("Received:") {
            in_received = true;
        } else if !l.starts_with(' ') {
            in_received = false;
        }
        html! { <span class={classes!("line", in_received.then_some("received"))}>{ l }{ "\n" }</span> }
    });
    html! {
        <div class="dialog eml" role="dialog" aria-modal="true" aria-labelledby="eml-h" {onkeydown}>
            <div class="dialog-head">
                <h2 id="eml-h">{ p.title.clone() }</h2>
                <span class="row">
                    <button type="button" onclick={download}>{ w.download_eml }</button>
                    <button ref={close_ref} type="button" {onclick}>{ w.close }</button>
                </span>
            </div>
            <pre class="raw">{ for lines }</pre>
        </div>
    }
}

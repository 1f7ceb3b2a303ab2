//! The app: the player in a reducer, the animation loop, keyboard
//! shortcuts, and the page around the stage.

use super::controls::{Controls, ServerMenu};
use crate::layout::Layout;
use super::panels::{CachePanel, EmlViewer, Log, Mailboxes, Narration, PanelProps, Queues};
use super::explore::Explore;
use super::share::{ScenarioDialog, ShareDialog};
use super::stage::Stage;
use super::Shared;
use crate::link::{Panel, Theme, View};
use crate::model::host::HostKind;
use crate::model::scenario::Message;
use crate::model::{Action, HostId};
use crate::player::{Msg, Player};
use crate::presets::{self, PRESETS};
use crate::text::words::fill;
use crate::text::{labels, problems, status, stories, Lang};
use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// `use_reducer` needs `Reducible`; the logic is `Player::update`.
#[derive(Clone)]
pub struct PlayerState(pub Player);

impl Reducible for PlayerState {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut p = self.0.clone();
        p.update(msg);
        Rc::new(PlayerState(p))
    }
}

/// Requests frames while playing; dropping the handle cancels the next one.
fn frame_loop(dispatch: UseReducerDispatcher<PlayerState>, slot: Rc<RefCell<Option<AnimationFrame>>>) {
    let next = slot.clone();
    let handle = request_animation_frame(move |ts| {
        dispatch.dispatch(Msg::Frame(ts));
        frame_loop(dispatch, next);
    });
    *slot.borrow_mut() = Some(handle);
}

/// Which dialog is open.
#[derive(Clone, PartialEq)]
enum Dialog {
    None,
    Server(HostId),
    Eml { host: u16, user: Rc<str>, index: usize },
    Share,
    Scenario,
}

fn location_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// `data-theme` on <html> overrides `prefers-color-scheme`; auto removes it.
fn apply_theme(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match theme {
            Theme::Auto => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.as_str()),
        };
    }
}

/// `<html lang>` follows the page's language (screen readers pick their
/// voice by it, browsers their CJK glyphs), and so does the tab's title.
fn apply_lang(lang: Lang) {
    let doc = gloo::utils::document();
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
    doc.set_title(lang.words().doc_title);
}

#[function_component(App)]
pub fn app(start: &super::Start) -> Html {
    // The page opens what its link says: a story, a position, a view.
    // The link's language, else the browser's, else English (never storage:
    // a shared link reads the same for everyone who opens it).
    let player = use_reducer(|| PlayerState(Player::from_fragment(&start.fragment, start.reduced_motion, start.browser_lang)));
    let lang = player.0.lang();
    let w = lang.words();
    let reduced_motion = use_state(|| start.reduced_motion);
    let dialog = use_state(|| Dialog::None);
    // The reader turned the story's questions off, for this visit.
    let prompts_off = use_state(|| false);
    let p = &player.0;
    let view = &p.view;

    use_effect_with(view.theme, |theme| apply_theme(*theme));
    // `<html lang>` and the title follow the page's language.
    use_effect_with(lang, |lang| apply_lang(*lang));
    {
        // Keep the address a link to what is shown: the story and, while
        // paused, the step (while playing it changes every frame). The
        // story's part is encoded once per run. replaceState adds no history
        // entry per click.
        let fragment = p.fragment(view, !p.playing);
        use_effect_with(fragment, |fragment| {
            // Written once the reader pauses for a moment: writing the
            // address costs milliseconds, too much for every step of a drag.
            let wanted = format!("#{fragment}");
            let timer = gloo::timers::callback::Timeout::new(250, move || {
                if location_hash() != wanted
                    && let Ok(history) = gloo::utils::window().history()
                {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&wanted));
                }
            });
            move || drop(timer)
        });
    }
    {
        // A link pasted into the address bar of an open page: opened the
        // same way as at start.
        let dispatcher = player.dispatcher();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                dispatcher.dispatch(Msg::OpenLink(location_hash()));
            });
            move || drop(listener)
        });
    }

    {
        let dispatcher = player.dispatcher();
        use_effect_with(p.playing, move |playing| {
            let slot: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
            if *playing {
                frame_loop(dispatcher, slot.clone());
            }
            move || {
                slot.borrow_mut().take();
            }
        });
    }
    {
        let dispatcher = player.dispatcher();
        let dispatch = use_callback((), move |m: Msg, _| dispatcher.dispatch(m));
        super::keys::use_player_keys(dispatch.clone());
        // Whether the story started playing by itself (not at a reader's click).
        let autoplay = *use_state(|| player.0.playing);
        super::seen::use_play_when_seen(player.0.view.embed, autoplay, dispatch);
    }

    // The stage is drawn for the width its container has (a blog column, a
    // phone, a wide window), measured as it changes.
    let stage_ref = use_node_ref();
    // Drawn for the width the page's style gives it (widths.rs) from the
    // first frame: the live app takes over from the first picture without
    // another layout in between. Then measured.
    let stage_width = use_state(|| crate::widths::stage_width(start.viewport, player.0.view.embed) as i32);
    let measured = use_state(|| false);
    {
        let (stage_ref, stage_width, measured) = (stage_ref.clone(), stage_width.clone(), measured.clone());
        use_effect_with((), move |_| {
            let element = stage_ref.cast::<web_sys::Element>();
            let last = std::cell::Cell::new(None);
            let measure = move || {
                if let Some(el) = stage_ref.cast::<web_sys::Element>() {
                    let w = el.client_width();
                    if w > 0 && last.replace(Some(w)) != Some(w) {
                        stage_width.set(w);
                        measured.set(true);
                    }
                }
            };
            measure();
            let observer = element.and_then(|el| super::resize::observe(&el, measure));
            move || drop(observer)
        });
    }
    let layout = use_memo((p.generation, *stage_width, lang), {
        let sim = p.sim.clone();
        move |(_, w, lang)| Rc::new(Layout::new(&sim, f64::from((*w).max(300)), *lang))
    });
    let twin_layout = use_memo((p.twin.as_ref().map(|t| Rc::as_ptr(&t.player.sim) as usize), *stage_width, lang), {
        let twin = p.twin.clone();
        move |(_, w, lang)| twin.map(|t| Rc::new(Layout::new(&t.player.sim, f64::from((*w).max(300)), *lang)))
    });
    // In an embed, tell the page around it how tall the content is, so a
    // blog can size the frame (docs/embedding.md has the listener).
    {
        let last = use_mut_ref(|| 0i32);
        // Only once the stage is laid out for its measured width: before
        // that, its height is a guess that would make the frame jump.
        let embed = p.view.embed && *measured;
        use_effect(move || {
            if embed {
                post_height(&mut last.borrow_mut());
            }
        });
    }
    // What became of each message, for the end card: once per run.
    let end_card = use_memo((Rc::as_ptr(&p.sim) as usize, lang), {
        let sim = p.sim.clone();
        move |_| {
            let outcomes = crate::model::report::outcomes(&sim);
            let card = crate::text::stage::end_card(&sim, &outcomes, lang).map(Rc::<str>::from);
            (card, outcomes)
        }
    });
    // What became of each message in both worlds: computed once per run.
    let summaries = use_memo((Rc::as_ptr(&p.sim) as usize, p.twin.as_ref().map(|t| Rc::as_ptr(&t.player.sim) as usize), lang), {
        let (a, twin) = (p.sim.clone(), p.twin.clone());
        move |_| {
            twin.map(|t| {
                let lines = |sim: &crate::model::Simulation| {
                    crate::model::report::outcomes(sim).iter().map(|o| crate::text::report::outcome_sentence(o, lang)).collect::<Vec<_>>()
                };
                (lines(&a), lines(&t.player.sim))
            })
        }
    });
    // Callbacks made once: components compare their props, and a new
    // callback every frame would make every one of them draw again.
    let dispatch = {
        let dispatcher = player.dispatcher();
        use_callback((), move |m: Msg, _| dispatcher.dispatch(m))
    };
    let dialog_setter = dialog.setter();
    let on_host = {
        let set = dialog_setter.clone();
        use_callback((), move |h: HostId, _| set.set(Dialog::Server(h)))
    };
    let close_dialog = {
        let set = dialog_setter.clone();
        use_callback((), move |_: (), _| set.set(Dialog::None))
    };
    let on_open = {
        let set = dialog_setter.clone();
        use_callback((), move |(host, user, index): (u16, Rc<str>, usize), _| set.set(Dialog::Eml { host, user, index }))
    };
    // The end card opens the file it names: the first message's .eml, or its bounce.
    let on_end = {
        let (dialog, outcomes, sim) = (dialog.clone(), end_card.1.clone(), p.sim.clone());
        Callback::from(move |_: ()| {
            use crate::model::report::Fate;
            let Some(o) = outcomes.iter().find(|o| !o.duplicate) else { return };
            let found = match &o.fate {
                Fate::Delivered { host, folder, file, .. } => sim.host_id(host).map(|h| (h, folder.clone(), file.clone())),
                Fate::Bounced { .. } => sim.envelopes().iter().position(|e| e.bounce_of == Some(o.env)).and_then(|b| {
                    let st = sim.state();
                    st.hosts.iter().enumerate().find_map(|(h, hs)| {
                        hs.mailboxes.iter().find_map(|(u, files)| files.iter().find(|f| f.env as usize == b).map(|f| (h as HostId, u.to_string(), f.name.to_string())))
                    })
                }),
                _ => None,
            };
            if let Some((host, user, file)) = found {
                let index = sim.state().hosts[host as usize].mailboxes.get(user.as_str()).and_then(|fs| fs.iter().position(|f| *f.name == *file)).unwrap_or(0);
                dialog.set(Dialog::Eml { host, user: user.into(), index });
            }
        })
    };
    let on_preset = {
        let dispatch = dispatch.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            dialog.set(Dialog::None);
            dispatch.emit(Msg::LoadPreset(sel.value()));
        })
    };

    let sim = p.sim.clone();
    let clock = p.clock();
    let beat = p.beat();
    let focus = beat.map(|b| p.beats[b].lead);
    let moving = p.shown_event();
    let held = p.held.and_then(|b| p.beats.get(b)).and_then(|b| b.key);
    // At the end of an unchanged story, its lesson.
    // Not in an embed, which has no height to spare under its end card.
    let lesson = p.preset.and_then(presets::find).filter(|_| p.at_end() && !p.view.embed).map(|story| stories::lesson(story, lang));
    // An embed puts the buttons and the timeline on one row (style.css).
    let timeline_width = if p.view.embed { layout.width - 250.0 } else { layout.width };
    // On a phone the narration panel is far below: its sentence also sits
    // under the stage (hidden from screen readers, which hear the panel).
    // It keeps room for four lines so the controls under it rarely move.
    // Worded only where it is shown: the narrow layout, outside an embed.
    // Worded once per beat, not on every frame.
    let caption = use_memo((Rc::as_ptr(&p.beats) as usize, beat, lang, layout.mode == crate::layout::Mode::Narrow && !p.view.embed), {
        let (sim, beats) = (sim.clone(), p.beats.clone());
        move |(_, beat, lang, narrow)| beat.filter(|_| *narrow).map(|b| crate::text::beats::sentence(&sim, &beats[b], *lang))
    });

    // The address of the message in focus, split the way the sender splits it.
    let focus_env = focus.and_then(|i| sim.trace()[i].kind.env()).or_else(|| (!sim.envelopes().is_empty()).then_some(0));
    let address = focus_env.map(|e| sim.envelope(e).to.clone());

    let wait_note = p.waiting().map(|(_, to, next)| status::wait_note(&sim, &sim.trace()[next], to, lang));

    let preset_info = p.story.and_then(presets::find);
    // The title and explanation shown: the story's, in the reader's
    // language, or those a scenario of the reader's own carries (as text).
    let (title, explanation): (String, String) = match preset_info {
        Some(i) => (stories::title(i, lang).into(), stories::explanation(i, lang).into()),
        None => (sim.scenario().title.clone(), sim.scenario().explanation.clone()),
    };
    let title = if title.trim().is_empty() { None } else { Some(title) };
    let twin_labels = p.twin.as_ref().map(|t| labels::comparison_labels(t.comparison, sim.scenario(), t.player.sim.scenario(), lang));
    let panel = |focus: Option<usize>, with_clock: bool| PanelProps {
        sim: Shared(sim.clone()),
        state: Shared(p.state.clone()),
        applied: p.applied,
        shown: p.shown,
        focus,
        clock: if with_clock { crate::model::Time::from_secs(clock.secs()) } else { crate::model::Time::ZERO },
        on_open: Some(on_open.clone()),
    };
    let resolver_name = sim
        .hosts()
        .iter()
        .find(|h| h.kind == HostKind::Resolver)
        .map(|h| h.name.to_string());
    let flush = {
        let dispatch = dispatch.clone();
        let name = resolver_name.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(r) = &name {
                dispatch.emit(Msg::Intervene(Action::FlushCache { resolver: r.clone() }));
            }
        })
    };
    let send_another = {
        let dispatch = dispatch.clone();
        let sim = sim.clone();
        Callback::from(move |_: MouseEvent| {
            let first = sim.scenario().messages.first();
            let message = Message {
                at: 0.0,
                from: first.map_or_else(|| "alice@alice.example".to_string(), |m| m.from.clone()),
                to: first.map_or_else(|| vec!["bob@example.com".to_string()], |m| m.to.clone()),
                subject: "Another message".into(),
                body: "Sent from the visualizer.\n".into(),
                via: None,
            };
            // The place and the play state stay: the new message joins the story.
            dispatch.emit(Msg::Intervene(Action::Send { message }));
        })
    };
    let undo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Undo))
    };
    let redo = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Redo))
    };
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Notice(None)))
    };

    let dialog_html = match &*dialog {
        Dialog::None => html! {},
        // A dialog may outlive the world it was opened in (an edit removed a
        // server, undo went back): then it quietly closes.
        Dialog::Server(h) if (*h as usize) < sim.hosts().len() && sim.host(*h).is_mail() => html! {
            <ServerMenu sim={Shared(sim.clone())} state={Shared(p.state.clone())} host={*h} dispatch={dispatch.clone()} on_close={close_dialog.clone()} />
        },
        Dialog::Server(_) => html! {},
        Dialog::Eml { host, user, index } => {
            let file = p.state.hosts.get(*host as usize).and_then(|h| h.mailboxes.get(user)).and_then(|f| f.get(*index));
            match file {
                Some(f) => html! {
                    <EmlViewer title={format!("{} /{user}/{}", sim.host(*host).name, f.name)} eml={f.eml.clone()} on_close={close_dialog.clone()} />
                },
                None => html! {},
            }
        }
        Dialog::Share => {
            let title = title.clone().unwrap_or_else(|| w.untitled.to_string());
            // What Share writes keeps the language the reader sees.
            let shared = View { lang: Some(lang), ..view.clone() };
            let embedded = View { embed: true, ..shared.clone() };
            html! { <ShareDialog page={p.fragment(&shared, true)} embed={p.fragment(&embedded, true)} title={title.to_string()} on_close={close_dialog.clone()} /> }
        }
        Dialog::Scenario => {
            let name = format!("mxviz-{}.json", p.preset.unwrap_or("scenario"));
            let json = serde_json::to_string_pretty(sim.scenario()).unwrap_or_default();
            html! { <ScenarioDialog json={json} file_name={name} dispatch={dispatch.clone()} on_close={close_dialog.clone()} /> }
        }
    };
    let open_dialog = |d: Dialog| {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| dialog.set(d.clone()))
    };
    let cycle_theme = {
        let (dispatch, view) = (dispatch.clone(), view.clone());
        Callback::from(move |_: MouseEvent| {
            let mut v = view.clone();
            v.theme = match v.theme {
                Theme::Auto => Theme::Dark,
                Theme::Dark => Theme::Light,
                Theme::Light => Theme::Auto,
            };
            dispatch.emit(Msg::SetView(v));
        })
    };
    let theme_label = match view.theme {
        Theme::Auto => w.theme_auto,
        Theme::Dark => w.theme_dark,
        Theme::Light => w.theme_light,
    };
    let on_lang = {
        let (dispatch, view) = (dispatch.clone(), view.clone());
        Callback::from(move |e: Event| {
            let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut v = view.clone();
            v.lang = Lang::from_tag(&sel.value());
            dispatch.emit(Msg::SetView(v));
        })
    };
    let embed = view.embed;
    let shows = |panel: Panel| view.shows(panel);
    // Only an embed shows the "open in mxviz" link; the page itself need not
    // build it on every frame.
    let open_full = use_memo((Rc::as_ptr(&p.sim) as usize, p.applied, view.theme, lang, embed), {
        let (player, theme) = (p.clone(), view.theme);
        move |_| embed.then(|| super::share::full_url(&player.fragment(&View { theme, lang: Some(lang), ..View::default() }, true)))
    });
    let open_full = (*open_full).clone();

    html! {
        <ContextProvider<Lang> context={lang}>
        <div class={classes!("app", (*reduced_motion).then_some("reduced-motion"), embed.then_some("embed"))}>
            if !embed {
            <header class="top">
                <h1>{ "mxviz" }<span class="tag">{ w.tagline }</span></h1>
                <div class="top-actions">
                    <button type="button" onclick={open_dialog(Dialog::Share)}>{ w.share_button }</button>
                    <button type="button" onclick={open_dialog(Dialog::Scenario)}>{ w.scenario_button }</button>
                    <button type="button" class="theme" onclick={cycle_theme} aria-label={theme_label}>{ theme_label }</button>
                    <select class="lang" onchange={on_lang} aria-label={w.language} title={w.language}>
                        { for Lang::ALL.iter().map(|l| html! { <option value={l.code()} lang={l.html_lang()} selected={*l == lang}>{ l.own_name() }</option> }) }
                    </select>
                </div>
                <label class="presets">{ w.story }
                    <select onchange={on_preset} aria-label={w.choose_story}>
                        if p.story.is_none() {
                            <option value="" selected=true>{ title.clone().unwrap_or_else(|| w.own_scenario.to_string()) }</option>
                        }
                        { for PRESETS.iter().map(|pr| html! {
                            <option value={pr.id} selected={p.story == Some(pr.id)}>
                                { if p.story == Some(pr.id) && p.modified() { fill(w.modified, &[&stories::title(pr, lang)]) } else { stories::title(pr, lang).to_string() } }
                            </option>
                        }) }
                    </select>
                </label>
            </header>
            if !explanation.trim().is_empty() {
                // One line, so that the stage and its controls are in view at
                // once; "more" opens the rest.
                <details class="explanation">
                    <summary><span class="first">{ stories::first_sentence(&explanation).to_string() }</span><span class="more">{ w.more }</span></summary>
                    <p>{ explanation.clone() }</p>
                </details>
            }
            }
            if let Some(n) = &p.notice {
                <div class="notice" role="alert">
                    <span>{ problems::notice(n, lang) }</span>
                    <button type="button" onclick={dismiss}>{ w.dismiss }</button>
                </div>
            }
            <main class="layout">
                if embed {
                    // A heading for screen readers' navigation; the frame shows the stage itself.
                    <h1 class="visually-hidden">{ title.clone().unwrap_or_else(|| w.untitled.to_string()) }</h1>
                }
                <section class="stage-wrap" aria-label={w.stage}>
                    <div class="stage-head">
                        if let Some(a) = &address {
                            <p class="address" aria-label={fill(w.recipient, &[a, &a.local, &a.domain])}>
                                <span class="local" title={w.mailbox_part}>{ a.local.clone() }</span>
                                <span class="at">{ "@" }</span>
                                <span class="domain" title={w.domain_part}>{ a.domain.clone() }</span>
                                <span class="split-note">{ w.split_note }</span>
                            </p>
                        }
                        <p class="big-clock" aria-hidden="true">{ clock.to_string() }</p>
                    </div>
                    if let Some((a, _)) = &twin_labels {
                        <p class="world-label">{ fill(w.this_world, &[a]) }</p>
                    }
                    <div class="stage-box" ref={stage_ref.clone()}>
                    <Stage sim={Shared(sim.clone())} layout={(*layout).clone()} state={Shared(p.state.clone())} {moving} clock={clock}
                        waiting={p.waiting()} end_card={p.at_end().then(|| end_card.0.clone()).flatten()}
                        reduced_motion={*reduced_motion} on_host={on_host.clone()} on_end={on_end.clone()} />
                    </div>
                    if let (Some(t), Some(tl), Some((label_a, label_b))) = (&p.twin, (*twin_layout).clone(), &twin_labels) {
                        <p class="world-label">{ fill(w.other_world, &[label_b]) }</p>
                        <Stage sim={Shared(t.player.sim.clone())} layout={tl} state={Shared(t.player.state.clone())} moving={t.player.shown_event()}
                            clock={t.player.clock()} waiting={t.player.waiting()} end_card={None::<Rc<str>>}
                            reduced_motion={*reduced_motion} on_host={Callback::noop()} on_end={Callback::noop()} />
                        if let Some((a, b)) = &*summaries {
                            <div class="compare-summary">
                                <div><h3>{ label_a.clone() }</h3><ul>{ for a.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                                <div><h3>{ label_b.clone() }</h3><ul>{ for b.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                            </div>
                        }
                    }
                    if layout.mode == crate::layout::Mode::Narrow && !embed && p.twin.is_none() {
                        <p class="phone-caption" aria-hidden="true">{ (*caption).clone().unwrap_or_else(|| w.press_play.to_string()) }</p>
                    }
                    <p class="wait-note" aria-live="off">{ wait_note.unwrap_or_default() }</p>
                    <p class={classes!("key-note", (held.is_some() || lesson.is_some()).then_some("on"))} aria-live="polite">
                        if let Some(key) = held {
                            if let Some(q) = p.story.filter(|_| !*prompts_off).and_then(|story| crate::text::beats::prompt(story, key, lang)) {
                                <span class="what prompt">{ q }</span>
                                <button type="button" class="prompts-off" aria-label={w.prompts_off} title={w.prompts_off}
                                    onclick={{ let off = prompts_off.clone(); Callback::from(move |_: MouseEvent| off.set(true)) }}>{ "✕" }</button>
                            } else {
                                <span class="what">{ w.notice_heading }{ " " }{ crate::text::beats::notice(key, lang) }</span>
                            }
                            <button type="button" class="go-on" onclick={{ let d = dispatch.clone(); Callback::from(move |_: MouseEvent| d.emit(Msg::Continue)) }}>{ w.continue_story }{ " ▸" }</button>
                        } else if let Some(lesson) = lesson {
                            // The end: the story's lesson beside its outcome (the end card).
                            <span class="what lesson">{ w.lesson_heading }{ " " }{ lesson }</span>
                        }
                    </p>
                    <Controls schedule={Shared(p.schedule.clone())} chapters={Shared(p.chapters.clone())} pos={p.pos} axis={p.axis}
                        held={held.is_some()} current={p.chapter()} every_event={view.detail == crate::beats::Detail::Events}
                        playing={p.playing} speed={p.speed} clock={clock} width={timeline_width} dispatch={dispatch.clone()} />
                    <div class="actions" role="toolbar" aria-label={w.change_world}>
                        <span class="hint">{ w.click_hint }</span>
                        <button type="button" onclick={flush} disabled={resolver_name.is_none()}>{ w.flush_cache }</button>
                        <button type="button" onclick={send_another}>{ w.send_another }</button>
                        <button type="button" onclick={undo} disabled={!p.can_undo()} title={w.undo_title}>{ w.undo }</button>
                        <button type="button" onclick={redo} disabled={!p.can_redo()} title={w.redo_title}>{ w.redo }</button>
                        if let Some(href) = open_full {
                            <a class="open-full" {href} target="_blank" rel="noopener">{ w.open_full }</a>
                        }
                    </div>
                </section>
                <div class="panels">
                    if shows(Panel::Narration) { <Narration sim={Shared(sim.clone())} beats={Shared(p.beats.clone())} {beat} {held} /> }
                    if !embed {
                        <Explore sim={Shared(sim.clone())} state={Shared(p.state.clone())} generation={p.generation} applied={p.applied}
                            can_undo={p.can_undo()} can_redo={p.can_redo()} comparing={p.comparing()} dispatch={dispatch.clone()} />
                    }
                    if shows(Panel::Mailbox) { <Mailboxes ..panel(None, false) /> }
                    if shows(Panel::Cache) { <CachePanel ..panel(None, true) /> }
                    if shows(Panel::Queues) { <Queues ..panel(None, false) /> }
                    if shows(Panel::Log) { <Log ..panel(None, false) /> }
                </div>
            </main>
            { dialog_html }
        </div>
        </ContextProvider<Lang>>
    }
}

/// Posts `{type: "mxviz:height", height}` to the parent page when the
/// content's height changed.
fn post_height(last: &mut i32) {
    let doc = gloo::utils::document();
    let Some(layout) = doc.query_selector(".app .layout").ok().flatten() else { return };
    // What the stage's own scroll hides counts too: that is what the frame lacks.
    let hidden = doc.query_selector(".stage-box").ok().flatten().map_or(0, |b| b.scroll_height() - b.client_height());
    let height = layout.scroll_height() + hidden.max(0) + 8;
    if height == *last {
        return;
    }
    *last = height;
    let Ok(Some(parent)) = gloo::utils::window().parent() else { return };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"mxviz:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

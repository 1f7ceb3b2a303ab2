//! The app: the player in a reducer (`page::PlayerState`), and the page
//! around the stage put together from its parts: the header, the stage and
//! its head, the key-moment line, the controls, the toolbar, the panels and
//! the open dialog. The page's effects are hooks in `page.rs`.

use super::controls::Controls;
use super::dialogs::{self, Dialog};
use super::explore::Explore;
use super::header::Header;
use super::key_note::KeyNote;
use super::page::{use_embed_height, use_page, use_stage_width, PlayerState};
use super::panels::{CachePanel, Log, Mailboxes, Narration, PanelProps, Queues};
use super::stage::Stage;
use super::replay::LogPanel;
use super::toolbar::Toolbar;
use super::Shared;
use crate::layout::{Layout, Mode};
use crate::link::{Panel, View};
use crate::model::HostId;
use crate::player::{HandOver, Msg, Player};
use crate::presets;
use crate::text::words::fill;
use crate::text::{labels, problems, status, stories, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[function_component(App)]
pub fn app(start: &super::Start) -> Html {
    // The page opens what its link says: a story, a position, a view.
    // The link's language, else the browser's, else English (never storage:
    // a shared link reads the same for everyone who opens it).
    // A language switch between two modules hands over what the link cannot
    // carry: undo and redo, the comparison, the editor's tab.
    let handed = use_memo((), |_| start.handover.as_deref().and_then(|text| HandOver::read(text, &start.fragment)));
    let player = use_reducer(|| {
        let mut player = Player::from_fragment(&start.fragment, start.reduced_motion, start.browser_lang);
        if let Some(h) = handed.as_ref() {
            player.take_over(h);
        }
        PlayerState(player)
    });
    use_page(&player);
    use_effect_with((), {
        let switched = handed.is_some();
        move |_| {
            if switched {
                super::handover::focus_switch();
            }
        }
    });
    let p = &player.0;
    let view = &p.view;
    let embed = view.embed;
    let lang = p.lang();
    let w = lang.words();
    let reduced_motion = start.reduced_motion;
    let dialog = use_state(|| Dialog::None);

    // The stage is drawn for the width its container has (a blog column, a
    // phone, a wide window).
    let stage_ref = use_node_ref();
    let (stage_width, measured) = use_stage_width(&stage_ref, start.viewport, embed);
    use_embed_height(embed && measured);
    let layout = use_memo((p.generation, stage_width, lang), {
        let sim = p.sim.clone();
        move |(_, w, lang)| Rc::new(Layout::new(&sim, f64::from((*w).max(300)), *lang))
    });
    let twin_layout = use_memo((p.twin.as_ref().map(|t| Rc::as_ptr(&t.player.sim) as usize), stage_width, lang), {
        let twin = p.twin.clone();
        move |(_, w, lang)| twin.map(|t| Rc::new(Layout::new(&t.player.sim, f64::from((*w).max(300)), *lang)))
    });
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
    // The language switch reads the player as it is when the reader picks a
    // language (a stable callback: the header is not drawn again each frame).
    let latest = use_mut_ref(|| player.clone());
    *latest.borrow_mut() = player.clone();
    let switch_lang = {
        let dispatch = dispatch.clone();
        use_callback((), move |lang: Option<Lang>, _| super::handover::switch_language(&latest.borrow().0, lang, &dispatch))
    };
    let set_dialog = dialog.setter();
    let on_host = {
        let set = set_dialog.clone();
        use_callback((), move |h: HostId, _| set.set(Dialog::Server(h)))
    };
    let close_dialog = {
        let set = set_dialog.clone();
        use_callback((), move |_: (), _| set.set(Dialog::None))
    };
    let on_open = {
        let set = set_dialog.clone();
        use_callback((), move |(host, user, index): (u16, Rc<str>, usize), _| set.set(Dialog::Eml { host, user, index }))
    };
    let open_dialog = |d: Dialog| {
        let set = set_dialog.clone();
        Callback::from(move |_: MouseEvent| set.set(d.clone()))
    };
    let on_end = {
        let (set, sim, end_card) = (set_dialog.clone(), p.sim.clone(), end_card.clone());
        Callback::from(move |_: ()| {
            if let Some(d) = dialogs::end_card_file(&sim, &end_card.1) {
                set.set(d);
            }
        })
    };
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Msg::Notice(None)))
    };

    let sim = p.sim.clone();
    let clock = p.clock();
    let beat = p.beat();
    let held = p.held.and_then(|b| p.beats.get(b)).and_then(|b| b.key);
    // At the end of an unchanged story, its lesson.
    // Not in an embed, which has no height to spare under its end card.
    let lesson = p.preset.and_then(presets::find).filter(|_| p.at_end() && !embed).map(|story| stories::lesson(story, lang));
    // An embed puts the buttons and the timeline on one row (style.css).
    let timeline_width = if embed { layout.width - 250.0 } else { layout.width };
    // On a phone the narration panel is far below: its sentence also sits
    // under the stage (hidden from screen readers, which hear the panel).
    // It keeps room for four lines so the controls under it rarely move.
    // Worded only where it is shown, once per beat, not on every frame.
    let phone_caption = layout.mode == Mode::Narrow && !embed && p.twin.is_none();
    let caption = use_memo((Rc::as_ptr(&p.beats) as usize, beat, lang, phone_caption), {
        let (sim, beats) = (sim.clone(), p.beats.clone());
        move |(_, beat, lang, shown)| beat.filter(|_| *shown).map(|b| crate::text::beats::sentence(&sim, &beats[b], *lang))
    });

    // The address of the message in focus, split the way the sender splits it.
    let focus = beat.map(|b| p.beats[b].lead);
    let focus_env = focus.and_then(|i| sim.trace()[i].kind.env()).or_else(|| (!sim.envelopes().is_empty()).then_some(0));
    let address = focus_env.map(|e| sim.envelope(e).to.clone());
    let wait_note = p.waiting().map(|(_, to, next)| status::wait_note(&sim, &sim.trace()[next], to, lang));

    // The title and explanation shown: the story's, in the reader's
    // language, or those a scenario of the reader's own carries (as text).
    let (title, explanation): (String, String) = match p.story.and_then(presets::find) {
        Some(i) => (stories::title(i, lang).into(), stories::explanation(i, lang).into()),
        None if sim.scenario().title == crate::replay::infer::TITLE => (w.log_story_title.into(), w.log_story_explanation.into()),
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
    let dialog_html = dialogs::view(&dialog, p, title.as_deref().unwrap_or(w.untitled), &dispatch, &close_dialog);
    let shows = |panel: Panel| view.shows(panel);
    // Only an embed shows the "open in mxviz" link; the page itself need not
    // build it on every frame.
    let open_full = use_memo((Rc::as_ptr(&p.sim) as usize, p.applied, view.theme, lang, embed), {
        let (player, theme) = (p.clone(), view.theme);
        move |_| embed.then(|| super::share::full_url(&player.fragment(&View { theme, lang: Some(lang), ..View::default() }, true)))
    });

    html! {
        <ContextProvider<Lang> context={lang}>
        <div class={classes!("app", reduced_motion.then_some("reduced-motion"), embed.then_some("embed"))}>
            if !embed {
                <Header view={view.clone()} story={p.story} modified={p.modified()} title={title.clone()} explanation={explanation}
                    dispatch={dispatch.clone()} on_share={open_dialog(Dialog::Share)} on_scenario={open_dialog(Dialog::Scenario)}
                    on_story={close_dialog.clone()} switch_lang={switch_lang} />
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
                    <Stage sim={Shared(sim.clone())} layout={(*layout).clone()} state={Shared(p.state.clone())} moving={p.shown_event()} clock={clock}
                        waiting={p.waiting()} end_card={p.at_end().then(|| end_card.0.clone()).flatten()}
                        reduced_motion={reduced_motion} on_host={on_host.clone()} on_end={on_end.clone()} />
                    </div>
                    if let (Some(t), Some(tl), Some((label_a, label_b))) = (&p.twin, (*twin_layout).clone(), &twin_labels) {
                        <p class="world-label">{ fill(w.other_world, &[label_b]) }</p>
                        <Stage sim={Shared(t.player.sim.clone())} layout={tl} state={Shared(t.player.state.clone())} moving={t.player.shown_event()}
                            clock={t.player.clock()} waiting={t.player.waiting()} end_card={None::<Rc<str>>}
                            reduced_motion={reduced_motion} on_host={Callback::noop()} on_end={Callback::noop()} />
                        if let Some((a, b)) = &*summaries {
                            <div class="compare-summary">
                                <div><h3>{ label_a.clone() }</h3><ul>{ for a.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                                <div><h3>{ label_b.clone() }</h3><ul>{ for b.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul></div>
                            </div>
                        }
                    }
                    if phone_caption {
                        <p class="phone-caption" aria-hidden="true">{ (*caption).clone().unwrap_or_else(|| w.press_play.to_string()) }</p>
                    }
                    <p class="wait-note" aria-live="off">{ wait_note.unwrap_or_default() }</p>
                    <KeyNote {held} story={p.story} {lesson} dispatch={dispatch.clone()} />
                    <Controls schedule={Shared(p.schedule.clone())} chapters={Shared(p.chapters.clone())} pos={p.pos} axis={p.axis}
                        held={held.is_some()} current={p.chapter()} every_event={view.detail == crate::beats::Detail::Events}
                        playing={p.playing} speed={p.speed} clock={clock} width={timeline_width} dispatch={dispatch.clone()} />
                    <Toolbar sim={Shared(sim.clone())} can_undo={p.can_undo()} can_redo={p.can_redo()} open_full={(*open_full).clone()} dispatch={dispatch.clone()} />
                </section>
                <div class="panels">
                    if shows(Panel::Narration) { <Narration sim={Shared(sim.clone())} beats={Shared(p.beats.clone())} {beat} {held} /> }
                    if let Some((log, same_world)) = p.replay_shown() {
                        <LogPanel log={Shared(log.clone())} {same_world} applied={p.applied} schedule={Shared(p.schedule.clone())}
                            now={beat.and_then(|b| p.beats.get(b)).map(|b| (b.first, b.end))} dispatch={dispatch.clone()} />
                    }
                    if !embed {
                        <Explore sim={Shared(sim.clone())} state={Shared(p.state.clone())} generation={p.generation} applied={p.applied}
                            can_undo={p.can_undo()} can_redo={p.can_redo()} comparing={p.comparing()} dispatch={dispatch.clone()}
                            opened_on={handed.as_ref().as_ref().and_then(|h| h.explore)} />
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

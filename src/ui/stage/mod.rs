//! The stage: an SVG drawn at the container's own width (one unit, one CSS
//! pixel), so its text has the size it says. Servers are buttons; every
//! colour is also said in words. The boxes are in `boxes.rs`, what moves in
//! `motion.rs`, the geometry in `../layout.rs`.

mod boxes;
mod motion;

use crate::layout::{Layout, Mode};
use super::Shared;
use crate::model::host::HostKind;
use crate::model::{EventKind, HostId, Simulation, State, Time};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct StageProps {
    pub sim: Shared<Simulation>,
    pub layout: Rc<Layout>,
    pub state: Shared<State>,
    /// The event shown and how far along it is (0 to 1).
    pub moving: Option<(usize, f64)>,
    /// The model's clock: countdowns keep running during a fast-forward.
    pub clock: Time,
    /// A fast-forward in progress: from, to, and the event it waits for.
    pub waiting: Option<(Time, Time, usize)>,
    /// What became of the message, once the story has reached its end.
    pub end_card: Option<Rc<str>>,
    pub reduced_motion: bool,
    pub on_host: Callback<HostId>,
    /// The end card was chosen: open the file it names.
    pub on_end: Callback<()>,
}

/// SVG coordinates as whole pixels: integer formatting keeps the float
/// formatter out of the build, and a pixel grid keeps edges crisp.
pub(crate) fn px(v: f64) -> String {
    (v.round() as i32).to_string()
}

#[function_component(Stage)]
pub fn stage(p: &StageProps) -> Html {
    let l = &p.layout;
    let sim = &p.sim;
    let hosts = sim.hosts();
    let active: Option<(HostId, HostId)> = p.moving.map(|(i, _)| (sim.trace()[i].from, sim.trace()[i].to));
    let is_active = |id: HostId| active.is_some_and(|(a, b)| a == id || b == id);

    let edge = |a: crate::layout::Node, b: crate::layout::Node| {
        let ((x1, y1), (x2, y2)) = (a.border_towards(b.cx(), b.cy()), b.border_towards(a.cx(), a.cy()));
        html! { <line class="edge" x1={px(x1)} y1={px(y1)} x2={px(x2)} y2={px(y2)} /> }
    };
    let edges = l.edges.iter().filter_map(|&(a, b)| Some(edge(l.node(a)?, l.node(b)?)));
    let folder_edges = l.folders.iter().enumerate().filter_map(|(i, f)| Some(edge(l.nodes[i]?, (*f)?)));

    let nodes = hosts.iter().enumerate().filter_map(|(i, h)| {
        let n = l.nodes[i]?;
        let (id, st) = (i as HostId, &p.state.hosts[i]);
        Some(match h.kind {
            HostKind::Mail => boxes::mail_box(p, id, h, st, n, is_active(id)),
            HostKind::Resolver => boxes::resolver_box(p, id, st, n, is_active(id)),
            HostKind::Authority => boxes::authority_box(p, h, st, n, is_active(id)),
        })
    });
    let folders = hosts.iter().enumerate().filter_map(|(i, h)| {
        let n = l.folders[i]?;
        let users = sim.server(i as HostId).map(|s| s.mailboxes.clone()).unwrap_or_default();
        let filling = p.moving.is_some_and(|(k, _)| sim.trace()[k].to == i as HostId && matches!(sim.trace()[k].kind, EventKind::Stored { .. }));
        Some(boxes::folder_box(p, h, &p.state.hosts[i], &users, n, filling))
    });

    let moving = match p.moving {
        Some((i, progress)) => match sim.trace()[i].kind {
            EventKind::AttemptStarted { env, attempt: 1 } => motion::split(p, sim.trace()[i].from, env, progress),
            _ => motion::packet(p, i, progress),
        },
        None => html! {},
    };
    // Waiting for an answer that does not come: the ring at the client.
    let waiting = p.waiting.and_then(|(from, to, next)| {
        let ev = &sim.trace()[next];
        let EventKind::ConnectTimedOut { addr, .. } = ev.kind else { return None };
        let total = to.since(from).max(1) as f64;
        let left = to.since(p.clock);
        Some(motion::waiting_for_answer(p, ev.from, addr, left as f64 / total, left.div_ceil(1000)))
    });
    let card = p.end_card.as_ref().map(|text| motion::end_card(p, text));

    // Spelled out: `to_lowercase` of a Debug name would pull core's Unicode
    // case tables (about 7 KB brotli) into the first download.
    html! {
        <svg class={classes!("stage", match l.mode { Mode::Wide => "mode-wide", Mode::Column => "mode-column", Mode::Narrow => "mode-narrow" })}
            width={px(l.width)} height={px(l.height)} viewBox={format!("0 0 {} {}", px(l.width), px(l.height))}
            role="group" aria-label={p.layout.lang.words().stage_hosts}>
            <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" class="arrow" />
                </marker>
            </defs>
            <g class="edges" aria-hidden="true">{ for edges }{ for folder_edges }</g>
            { for folders }
            { for nodes }
            { moving }
            { for waiting }
            { for card }
        </svg>
    }
}

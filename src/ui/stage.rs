//! The stage: an SVG diagram of the hosts, the edges between them and the
//! packet of the event being shown. Servers are buttons; everything the
//! colours say is also said in words.

use super::layout::{Layout, Spot};
use crate::model::host::HostKind;
use crate::text::labels::{event_tag, host_title};
use crate::text::narrate::Narrator;
use crate::text::Lang;
use crate::model::Simulation;
use crate::model::smtp::FaultMode;
use crate::model::{EventKind, HostId, State};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct StageProps {
    pub sim: Rc<Simulation>,
    pub layout: Rc<Layout>,
    pub state: Rc<State>,
    /// The event moving now and how far along (0 to 1).
    pub moving: Option<(usize, f64)>,
    pub reduced_motion: bool,
    pub on_host: Callback<HostId>,
}

impl PartialEq for StageProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.sim, &o.sim)
            && Rc::ptr_eq(&self.state, &o.state)
            && self.moving == o.moving
            && self.reduced_motion == o.reduced_motion
    }
}

/// SVG coordinates as whole units: integer formatting keeps the float
/// formatter (about 15 KB of wasm) out of the build.
fn px(v: f64) -> String {
    (v.round() as i32).to_string()
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

fn edge_point(a: Spot, b: Spot) -> (f64, f64, f64, f64) {
    (a.x, a.y, b.x, b.y)
}

#[function_component(Stage)]
pub fn stage(p: &StageProps) -> Html {
    let sim = &p.sim;
    let layout = &p.layout;
    let hosts = sim.hosts();
    let sender = sim.sender();

    // Edges: who talks to whom.
    let mut edges = Vec::new();
    for (i, h) in hosts.iter().enumerate() {
        let s = layout.spots[i];
        match h.kind {
            HostKind::Mail => {
                if let Some(r) = hosts.iter().position(|x| x.kind == HostKind::Resolver) {
                    edges.push(edge_point(s, layout.spots[r]));
                }
                if i != sender as usize {
                    edges.push(edge_point(layout.spot(sender), s));
                }
                if let Some(f) = layout.folders[i] {
                    edges.push(edge_point(s, f));
                }
            }
            HostKind::Authority => {
                if let Some(r) = hosts.iter().position(|x| x.kind == HostKind::Resolver) {
                    edges.push(edge_point(layout.spots[r], s));
                }
            }
            HostKind::Resolver => {}
        }
    }
    let mail_others: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].kind == HostKind::Mail && i != sender as usize).collect();
    for w in mail_others.windows(2) {
        let (a, b) = (layout.spots[w[0]], layout.spots[w[1]]);
        edges.push((a.x + a.w / 2.0, a.y, b.x + b.w / 2.0, b.y));
    }

    let active: Option<(HostId, HostId)> = p.moving.map(|(i, _)| {
        let ev = &sim.trace()[i];
        (ev.from, ev.to)
    });

    let host_nodes = hosts.iter().enumerate().map(|(i, h)| {
        let s = layout.spots[i];
        let st = &p.state.hosts[i];
        let id = i as HostId;
        let status = crate::text::labels::status_words(st.up, st.fault, Lang::En);
        let queue = st.queue.len();
        let kind_class = match h.kind {
            HostKind::Mail => "mail",
            HostKind::Resolver => "resolver",
            HostKind::Authority => "authority",
        };
        let is_active = active.is_some_and(|(a, b)| a == id || b == id);
        let class = classes!(
            "host",
            kind_class,
            (!st.up).then_some("down"),
            (st.fault != FaultMode::Normal && st.up).then_some("faulty"),
            is_active.then_some("active")
        );
        let title = host_title(h, Lang::En);
        let (x, y) = (s.x - s.w / 2.0, s.y - s.h / 2.0);
        match h.kind {
            HostKind::Mail => {
                let name = format!("{} {}, {}", title, h.name, status);
                let aria = if queue > 0 { format!("{name}, {queue} queued") } else { name };
                let on_host = p.on_host.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_host.emit(id));
                let on_host = p.on_host.clone();
                let onkeydown = Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" || e.key() == " " {
                        e.prevent_default();
                        on_host.emit(id);
                    }
                });
                html! {
                    <g class={class} role="button" tabindex="0" aria-label={aria} aria-haspopup="dialog" {onclick} {onkeydown} data-host={h.name.to_string()}>
                        <rect class="box" x={px(x)} y={px(y)} width={px(s.w)} height={px(s.h)} rx="10" />
                        <text class="label" x={px(s.x)} y={px(y + s.h * 0.32)}>{ title }</text>
                        <text class="name" x={px(s.x)} y={px(y + s.h * 0.56)}>{ truncate(&h.name, 24) }</text>
                        <text class="status" x={px(s.x)} y={px(y + s.h * 0.8)}>
                            { if st.up { "● " } else { "✕ " } }{ status }
                            { if queue > 0 { format!(" · queue {queue}") } else { String::new() } }
                        </text>
                        if queue > 0 {
                            <g class="queue-badge">
                                <rect x={px(x + s.w - 30.0)} y={px(y - 12.0)} width="38" height="22" rx="11" />
                                <text x={px(x + s.w - 11.0)} y={px(y + 4.0)}>{ format!("{queue}") }</text>
                            </g>
                        }
                    </g>
                }
            }
            _ => {
                let caption = match h.kind {
                    HostKind::Resolver => format!("cache: {} entr{}", st.cache.len(), if st.cache.len() == 1 { "y" } else { "ies" }),
                    _ if h.origin.as_deref() == Some("") => "root & TLD servers".to_string(),
                    _ => "authoritative DNS".to_string(),
                };
                html! {
                    <g class={class} data-host={h.name.to_string()}>
                        <rect class="box" x={px(x)} y={px(y)} width={px(s.w)} height={px(s.h)} rx="10" />
                        <text class="label" x={px(s.x)} y={px(y + s.h * 0.42)}>{ truncate(&title, 22) }</text>
                        <text class="name" x={px(s.x)} y={px(y + s.h * 0.78)}>{ caption }</text>
                    </g>
                }
            }
        }
    });

    let folders = layout.folders.iter().enumerate().filter_map(|(i, f)| f.map(|f| (i, f))).map(|(i, f)| {
        let boxes = &p.state.hosts[i].mailboxes;
        let files: usize = boxes.values().map(Vec::len).sum();
        let users: Vec<String> = boxes.iter().map(|(u, v)| format!("/{u}/ {}", v.len())).collect();
        let (x, y) = (f.x - f.w / 2.0, f.y - f.h / 2.0);
        let label = if users.is_empty() { "mailboxes: empty".to_string() } else { truncate(&users.join("  "), 22) };
        html! {
            <g class={classes!("folder", (files > 0).then_some("filled"))} aria-hidden="true">
                <path class="box" d={format!("M{} {} h50 l10 10 h{} v{} h-{} z", px(x), px(y), px(f.w - 60.0), px(f.h - 10.0), px(f.w))} />
                <text class="label" x={px(f.x)} y={px(y + f.h * 0.48)}>{ format!("{files} .eml file{}", if files == 1 { "" } else { "s" }) }</text>
                <text class="name" x={px(f.x)} y={px(y + f.h * 0.78)}>{ label }</text>
            </g>
        }
    });

    let packet = p.moving.map(|(i, progress)| {
        let ev = &sim.trace()[i];
        let (a, b) = (layout.spot(ev.from), layout.spot(ev.to));
        let stored_target = matches!(ev.kind, EventKind::Stored { .. }).then(|| layout.folders[ev.to as usize]).flatten();
        let b = stored_target.unwrap_or(b);
        let label = Narrator::new(sim, Lang::En).packet_label(ev);
        let t = if p.reduced_motion { 0.5 } else { ease(progress) };
        let (pos_x, pos_y) = if ev.from == ev.to && stored_target.is_none() {
            (a.x, a.y - a.h / 2.0 - 18.0)
        } else {
            (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        };
        let failed = matches!(
            ev.kind,
            EventKind::ConnectTimedOut { .. } | EventKind::ConnectRefused { .. } | EventKind::Bounced { .. } | EventKind::Dropped { .. }
        ) || matches!(&ev.kind, EventKind::Reply { reply, .. } if !reply.is_success())
            || matches!(&ev.kind, EventKind::DnsAnswer { answer, .. } if answer.is_negative());
        let text = label.unwrap_or_else(|| event_tag(&ev.kind, Lang::En));
        let tall = layout.width < 700.0;
        let text = truncate(&text, if tall { 30 } else { 38 });
        let w = 18.0 + if tall { 9.0 } else { 8.8 } * text.chars().count() as f64;
        html! {
            <g class={classes!("packet", failed.then_some("failed"))} transform={format!("translate({} {})", px(pos_x), px(pos_y))}>
                <rect x={px(-w / 2.0)} y="-15" width={px(w)} height="30" rx="15" />
                <text y="5">{ text }</text>
            </g>
        }
    });

    // The first attempt splits the address on the stage: the mailbox part
    // travels to the folder of the server final for the domain, the domain
    // part to the resolver, which is where each is used.
    let split = p.moving.and_then(|(i, progress)| {
        let ev = &sim.trace()[i];
        let EventKind::AttemptStarted { env, attempt: 1 } = ev.kind else { return None };
        let to = &sim.envelope(env).to;
        let resolver = hosts.iter().position(|h| h.kind == HostKind::Resolver)?;
        let folder = (0..hosts.len() as u16)
            .find(|h| sim.server(*h).is_some_and(|s| s.is_final_for(&to.domain)))
            .and_then(|h| layout.folders.get(h as usize).copied().flatten());
        let a = layout.spot(ev.from);
        let t = if p.reduced_motion { 1.0 } else { ease(progress) };
        let mut parts = vec![(layout.spots[resolver], to.domain.clone(), "domain")];
        if let Some(f) = folder {
            parts.push((f, to.local.clone(), "local"));
        }
        Some(html! {
            <g aria-hidden="true">
                { for parts.into_iter().map(|(b, text, class)| {
                    let (x, y) = (a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                    let text = truncate(&text, 30);
                    let w = 18.0 + 8.8 * text.chars().count() as f64;
                    html! {
                        <g class={classes!("packet", "split", class)} transform={format!("translate({} {})", px(x), px(y))}>
                            <rect x={px(-w / 2.0)} y="-15" width={px(w)} height="30" rx="15" />
                            <text y="5">{ text }</text>
                        </g>
                    }
                }) }
            </g>
        })
    });

    html! {
        <svg class={classes!("stage", (layout.width < 700.0).then_some("tall"))} viewBox={format!("0 0 {} {}", layout.width, layout.height)} role="group" aria-label="The hosts involved in delivering the message" preserveAspectRatio="xMidYMid meet">
            <g class="edges" aria-hidden="true">
                { for edges.iter().map(|(x1, y1, x2, y2)| html! {
                    <line x1={px(*x1)} y1={px(*y1)} x2={px(*x2)} y2={px(*y2)} />
                }) }
            </g>
            { for folders }
            { for host_nodes }
            if split.is_some() { { for split } } else { <g aria-hidden="true">{ for packet }</g> }
        </svg>
    }
}

fn ease(t: f64) -> f64 {
    // Ease in and out, so a packet leaves and arrives gently.
    t * t * (3.0 - 2.0 * t)
}

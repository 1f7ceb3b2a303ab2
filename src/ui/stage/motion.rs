//! What moves: the event being shown as a dot along its highlighted edge and
//! a label that rides in the lane beside its destination (never on a name or
//! a status), the address splitting in two, the wait for an answer that does
//! not come, and the end card.

use crate::layout::{end_card_height, text_width, Layout, Mode, Node};
use super::{px, StageProps};
use crate::model::{Event, EventKind, HostId};
use crate::text::labels::event_tag;
use crate::text::narrate::Narrator;
use crate::text::stage as words;
use yew::prelude::*;

/// At most this many characters ride on the stage (fewer on a phone); the
/// narration and the log have the rest.
fn label_chars(l: &Layout) -> usize {
    if l.mode == Mode::Narrow { 20 } else { 28 }
}

/// How a packet is drawn: DNS, SMTP, a temporary or a permanent failure.
fn tone(ev: &Event) -> &'static str {
    crate::tone::Tone::of(ev).packet_class()
}

fn ease(t: f64) -> f64 {
    // Ease in and out, so a packet leaves and arrives gently.
    t * t * (3.0 - 2.0 * t)
}

fn label_of(p: &StageProps, ev: &Event) -> String {
    let lang = p.layout.lang;
    let text = match &ev.kind {
        EventKind::Reply { reply, .. } if !reply.is_success() => words::reply_bubble(reply, lang),
        _ => Narrator::new(&p.sim, lang).packet_label(ev).unwrap_or_else(|| event_tag(&ev.kind, lang)),
    };
    cut(&text, label_chars(&p.layout))
}

/// `text` in at most `max` Latin characters' width (a Chinese character
/// takes the room of two), shortened with "…".
fn cut(text: &str, max: usize) -> String {
    let budget = max as f64 * 0.62;
    if ems(text) <= budget {
        return text.to_string();
    }
    let mut used = 0.62;
    let kept: String = text.chars().take_while(|c| { used += ems_of(*c); used <= budget }).collect();
    format!("{kept}…")
}

/// A character's width in the pills' monospace font: 0.62 em a Latin
/// character, a full em a Chinese one (the fallback font draws it square).
fn ems_of(c: char) -> f64 {
    if c.is_ascii() { 0.62 } else { 1.0 }
}

fn ems(text: &str) -> f64 {
    text.chars().map(ems_of).sum()
}

fn pill_width(l: &Layout, text: &str) -> f64 {
    ems(text) * l.small + 16.0
}

/// A label pill centred on `cx` in the lane whose top is `lane`.
fn pill(l: &Layout, text: &str, cx: f64, lane: f64, class: Classes) -> Html {
    let size = l.small;
    let w = pill_width(l, text);
    let cx = cx.clamp(10.0 + w / 2.0, l.width - 10.0 - w / 2.0);
    let top = lane + 3.0;
    html! {
        <g class={classes!("pill", class)}>
            <rect x={px(cx - w / 2.0)} y={px(top)} width={px(w)} height={px(l.pill)} rx={px(l.pill / 2.0)} />
            <text x={px(cx)} y={px(top + l.pill / 2.0 + size * 0.36)} font-size={px(size)}>{ text.to_string() }</text>
        </g>
    }
}

/// The node an event travels to: a stored message goes into the folder.
fn target(l: &Layout, ev: &Event) -> Option<Node> {
    match ev.kind {
        EventKind::Stored { .. } if ev.from != ev.to || l.folders[ev.to as usize].is_some() => l.folders[ev.to as usize].or(l.node(ev.to)),
        _ => l.node(ev.to),
    }
}

/// The node an event leaves from: a message is written into a folder by
/// the server that holds the folder, not by the one that handed it over.
fn source(l: &Layout, ev: &Event) -> Option<Node> {
    match ev.kind {
        EventKind::Stored { .. } if l.folders[ev.to as usize].is_some() => l.node(ev.to),
        _ => l.node(ev.from),
    }
}

/// The event being shown: its edge, its dot and its label.
pub fn packet(p: &StageProps, i: usize, progress: f64) -> Html {
    let l = &p.layout;
    let ev = &p.sim.trace()[i];
    let (Some(a), Some(b)) = (source(l, ev), target(l, ev)) else { return html! {} };
    let class = tone(ev);
    let text = label_of(p, ev);
    let t = if p.reduced_motion { 1.0 } else { ease(progress) };
    if ev.from == ev.to && !matches!(ev.kind, EventKind::Stored { .. }) {
        // Something happens at one host: the label sits above it. A
        // timeout also shows whom it waited for, by a line with no arrow.
        let silent = match ev.kind {
            EventKind::ConnectTimedOut { addr, .. } => unanswered(p, ev.from, addr),
            _ => html! {},
        };
        // In the DNS band the lane under a box belongs to the mail row
        // below, so the resolver's own news ("TTL expired") sits inside its
        // box, right of the title, when there is room.
        let w = pill_width(l, &text);
        let title_w = text_width(words::cache_title(l.lang), l.font) * 1.1;
        let is_resolver = p.sim.host(ev.from).kind == crate::model::host::HostKind::Resolver;
        let (cx, lane) = if is_resolver && a.w - 28.0 - title_w >= w {
            (a.x + a.w - 8.0 - w / 2.0, a.y + 2.0)
        } else {
            (a.cx(), l.lane_for(a))
        };
        return html! { <g class="motion" aria-hidden="true">{ silent }{ pill(l, &text, cx, lane, classes!(class)) }</g> };
    }
    // From border to border, over a box in between: a wire never crosses a box's text.
    let route = l.route(a, b);
    let ((ax, _), (bx, _)) = route.ends();
    let (dx, dy) = route.at(t);
    // The label docks where the arrow arrives, over the box it arrives at,
    // so it reads as the arrow's and not as the neighbour's name tag.
    let w = pill_width(l, &text);
    let dock = |n: Node, x: f64| if n.w > w { x.clamp(n.x + w / 2.0, n.x + n.w - w / 2.0) } else { n.cx() };
    let (from_x, to_x) = (dock(a, ax), dock(b, bx));
    let (lane, from_x, to_x) = match band_lane(l, a, b, w) {
        Some(on_wire) => on_wire,
        // Between two rows (a reply going up to the row above): in the lane
        // between them, which the wire crosses, along the wire.
        None if a.row > b.row && b.row > 0 => (l.lane_for(a), ax, bx),
        None => (l.lane_for(b), from_x, to_x),
    };
    html! {
        <g class="motion" aria-hidden="true">
            <path class={classes!("wire", class)} d={route.d()} fill="none" marker-end="url(#arrow)" />
            <circle class={classes!("dot", class)} cx={px(dx)} cy={px(dy)} r="6" />
            { pill(l, &text, from_x + (to_x - from_x) * t, lane, classes!(class)) }
        </g>
    }
}

/// Where a label rides a wire inside the DNS band (the resolver and the
/// authorities), so that it stays beside its own arrow and not in the lane
/// under the band, which reads as the mail row's: `(lane, from x, to x)`.
fn band_lane(l: &Layout, a: Node, b: Node, w: f64) -> Option<(f64, f64, f64)> {
    if a.row != 0 || b.row != 0 {
        return None;
    }
    let (left, right) = if a.x < b.x { (a, b) } else { (b, a) };
    if left.x + left.w > right.x {
        // Stacked (a wrapped band on a phone): in the gap between the lines.
        let upper = if a.y < b.y { a } else { b };
        let x = (a.cx() + b.cx()) / 2.0;
        return Some((upper.y + upper.h + 1.0, x, x));
    }
    // Side by side: above the box whose top is lower, clear of the other
    // box beside it, just over the wire that joins them.
    let top = left.y.max(right.y) - l.pill - 3.0;
    if top < 2.0 {
        return None;
    }
    let (lo, hi) = if right.y > left.y {
        (left.x + left.w + 4.0 + w / 2.0, l.width - 10.0 - w / 2.0)
    } else {
        (10.0 + w / 2.0, right.x - 4.0 - w / 2.0)
    };
    if lo > hi {
        return None;
    }
    let at = |n: Node| n.cx().clamp(lo, hi);
    Some((top - 3.0, at(a), at(b)))
}

/// The first try of a message splits its address: the mailbox part goes to
/// the folder where it will end up, the domain part to the resolver, which
/// is where each of them is used.
pub fn split(p: &StageProps, client: HostId, env: u32, progress: f64) -> Html {
    let l = &p.layout;
    let sim = &p.sim;
    let to = &sim.envelope(env).to;
    let Some(a) = l.node(client) else { return html! {} };
    let resolver = sim.host(client).resolver.and_then(|r| l.node(r));
    let folder = (0..sim.hosts().len() as u16)
        .find(|h| sim.server(*h).is_some_and(|s| s.is_final_for(&to.domain)))
        .and_then(|h| l.folders[h as usize]);
    let t = if p.reduced_motion { 1.0 } else { ease(progress) };
    // They start side by side, as the address reads (mailbox, then domain),
    // and part towards where each is used.
    let (local, domain) = (cut(&to.local, label_chars(l)), cut(&to.domain, label_chars(l)));
    let (wl, wd) = (pill_width(l, &local), pill_width(l, &domain));
    let part = |b: Option<Node>, text: &str, start: f64, class: &'static str| match b {
        Some(b) => pill(l, text, start + (b.cx() - start) * t, l.lane_for(b), classes!("split", class)),
        None => html! {},
    };
    html! {
        <g class="motion" aria-hidden="true">
            { part(folder, &local, a.cx() - wl / 2.0 - 3.0, "local") }
            { part(resolver, &domain, a.cx() + wd / 2.0 + 3.0, "domain") }
        </g>
    }
}

/// A dashed line, without an arrow, from a client to the host it is
/// connecting to that does not answer: nothing travels on it.
fn unanswered(p: &StageProps, client: HostId, addr: std::net::IpAddr) -> Html {
    let l = &p.layout;
    let target = p.sim.hosts().iter().position(|h| h.address == Some(addr)).and_then(|h| l.node(h as HostId));
    let (Some(a), Some(b)) = (l.node(client), target) else { return html! {} };
    html! { <path class="wire unanswered" d={l.route(a, b).d()} fill="none" /> }
}

/// A client waiting out its connect timeout: a ring drains at the client,
/// and its label counts the seconds; nothing comes from the dead host.
pub fn waiting_for_answer(p: &StageProps, client: HostId, addr: std::net::IpAddr, left: f64, secs: u64) -> Html {
    let l = &p.layout;
    let Some(n) = l.node(client) else { return html! {} };
    let r = 11.0;
    let (cx, cy) = (n.x + n.w - r - 5.0, n.y + r + 5.0);
    let circumference = 2.0 * std::f64::consts::PI * r;
    html! {
        <g class="motion waiting" aria-hidden="true">
            { unanswered(p, client, addr) }
            <circle class="ring-track" cx={px(cx)} cy={px(cy)} r={px(r)} />
            <circle class="ring" cx={px(cx)} cy={px(cy)} r={px(r)}
                stroke-dasharray={format!("{} {}", px(circumference * left.clamp(0.0, 1.0)), px(circumference))}
                transform={format!("rotate(-90 {} {})", px(cx), px(cy))} />
            { pill(l, &words::waiting(secs, l.lang), n.cx(), l.lane_for(n), classes!("temp")) }
        </g>
    }
}

/// The end card: what became of the message, on the stage, a button that
/// opens the file.
pub fn end_card(p: &StageProps, text: &str) -> Html {
    let l = &p.layout;
    let lane = *l.lanes.last().expect("a last lane");
    // Too long for one line: break it after the outcome, before "open …".
    let lines: Vec<&str> = if text_width(text, l.font) + 40.0 > l.width - 20.0 && l.mode == Mode::Narrow {
        text.splitn(2, " · ").collect()
    } else {
        vec![text]
    };
    let longest = lines.iter().map(|t| text_width(t, l.font)).fold(0.0, f64::max);
    let w = (longest + 40.0).min(l.width - 20.0);
    let x = (l.width - w) / 2.0;
    let h = end_card_height(l.mode, l.pill).min(l.pill * (0.5 + lines.len() as f64));
    let line_h = l.font * 1.3;
    let first_y = lane + 3.0 + h / 2.0 + l.font * 0.36 - line_h * (lines.len() - 1) as f64 / 2.0;
    let texts = lines.iter().enumerate().map(|(k, t)| html! {
        <text x={px(l.width / 2.0)} y={px(first_y + line_h * k as f64)} font-size={px(l.font)}>
            { super::boxes::fit(t, w - 20.0, l.font) }
        </text>
    });
    let on_end = p.on_end.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_end.emit(()));
    let on_end = p.on_end.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            on_end.emit(());
        }
    });
    html! {
        <g class="end-card" role="button" tabindex="0" aria-label={text.to_string()} {onclick} {onkeydown}>
            <rect x={px(x)} y={px(lane + 3.0)} width={px(w)} height={px(h)} rx="8" />
            { for texts }
        </g>
    }
}

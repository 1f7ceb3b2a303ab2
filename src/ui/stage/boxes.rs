//! The boxes of the stage: mail servers (buttons, with their queue), the
//! resolver with its cache as rows that drain, the authorities, and the
//! users' folders. Text is left-aligned inside each box and cut to fit it,
//! so nothing spills onto a neighbour.

use crate::layout::{text_width, Node};
use super::{px, StageProps};
use crate::model::host::Host;
use crate::model::state::HostState;
use crate::model::{EventKind, HostId};
use crate::text::labels::{host_title, status_words};
use crate::text::stage as words;
use crate::text::words::fill;
use yew::prelude::*;

/// `text` cut (with "…") to fit `width` px at `size`.
pub fn fit(text: &str, width: f64, size: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if text_width(&out, size) + size * 1.2 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// One line of a box. The space after it keeps the box's lines apart in its
/// text content, which assistive tools read as one string (and compare with
/// the box's accessible name); SVG does not draw it.
fn line(x: f64, y: f64, size: f64, class: &'static str, text: String) -> Html {
    html! { <text class={class} x={px(x)} y={px(y)} font-size={px(size)}>{ text }{ " " }</text> }
}

pub fn mail_box(p: &StageProps, id: HostId, h: &Host, st: &HostState, n: Node, active: bool) -> Html {
    let l = &p.layout;
    let lang = p.layout.lang;
    let (pad, inner) = (10.0, n.w - 20.0);
    let title = host_title(h, lang);
    let status = status_words(st.up, st.fault, lang);
    let queue = st.queue.values().next().map(|q| words::queue_line(q, st.queue.len(), st.up, p.clock, lang));
    let class = classes!(
        "host",
        "mail",
        (!st.up).then_some("down"),
        (st.fault != crate::model::smtp::FaultMode::Normal && st.up).then_some("faulty"),
        active.then_some("active"),
        queue.is_some().then_some("holding")
    );
    let aria = match &queue {
        Some(q) => fill(lang.words().host_status_queue, &[&title, &h.name, &status, q, &st.queue.len()]),
        None => fill(lang.words().host_status, &[&title, &h.name, &status]),
    };
    let on_host = p.on_host.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_host.emit(id));
    let on_host = p.on_host.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            on_host.emit(id);
        }
    });
    let row = l.font * 1.3;
    let (x, y) = (n.x + pad, n.y + 6.0);
    html! {
        <g class={class} role="button" tabindex="0" aria-label={aria} aria-haspopup="dialog" {onclick} {onkeydown} data-host={h.name.to_string()}>
            <rect class="box" x={px(n.x)} y={px(n.y)} width={px(n.w)} height={px(n.h)} rx="9" />
            { line(x, y + row * 0.9, l.font, "label", fit(&title, inner, l.font)) }
            { line(x, y + row * 0.9 + l.small * 1.35, l.small, "name", fit(&h.name, inner, l.small)) }
            { line(x, y + row * 0.9 + l.small * 2.7, l.small, "status", fit(&format!("{} {status}", if st.up { "●" } else { "✕" }), inner, l.small)) }
            if let Some(q) = queue {
                <rect class="envelope" x={px(n.x + 4.0)} y={px(n.y + n.h - l.small * 1.55 - 5.0)} width={px(n.w - 8.0)} height={px(l.small * 1.55)} rx="4" />
                { line(x, n.y + n.h - l.small * 0.55 - 5.0, l.small, "queue", fit(&q, inner, l.small)) }
            }
        </g>
    }
}

/// The resolver and its cache: one row per entry, a bar that drains with
/// the clock (during a fast-forward too), the time left; an entry whose TTL
/// runs out now is shown as expired before it leaves.
pub fn resolver_box(p: &StageProps, id: HostId, st: &HostState, n: Node, active: bool) -> Html {
    let l = &p.layout;
    let lang = p.layout.lang;
    let now = p.clock;
    let expiring: Vec<(String, Option<crate::model::dns::RType>)> = p
        .moving
        .map(|(i, _)| &p.sim.trace()[i])
        .filter(|ev| ev.from == id)
        .and_then(|ev| match &ev.kind {
            EventKind::CacheExpired { name, rtype } => Some(vec![(name.to_string(), *rtype)]),
            _ => None,
        })
        .unwrap_or_default();
    let mut rows: Vec<(String, u64, u32, bool)> = st
        .cache
        .entries()
        .map(|(name, rtype, e)| (words::cache_row(name, rtype, lang), e.expires_at.since(now).div_ceil(1000), e.ttl, false))
        .collect();
    for (name, rtype) in &expiring {
        let row = words::cache_row(name, *rtype, lang);
        if !rows.iter().any(|r| r.0 == row) {
            rows.push((row, 0, 1, true));
        }
    }
    // Past the room there is, the last row says how many more there are.
    let (shown, more) = if rows.len() > l.cache_rows { (l.cache_rows - 1, rows.len() - (l.cache_rows - 1)) } else { (rows.len(), 0) };
    let (pad, row_h) = (10.0, l.small + 7.0);
    let top = n.y + 6.0 + l.font * 1.3 * 0.9;
    let bar_w = (n.w * 0.24).round();
    let clock_w = text_width("0:00:00", l.small).max(text_width(words::expired(lang), l.small) * 1.12); // bold
    let name_w = n.w - 2.0 * pad - bar_w - clock_w - 12.0;
    let class = classes!("host", "resolver", active.then_some("active"));
    let list = rows.iter().take(shown).enumerate().map(|(k, (row, left, ttl, gone))| {
        let y = top + 8.0 + row_h * k as f64;
        let frac = if *gone { 0.0 } else { (*left as f64 / f64::from((*ttl).max(1))).clamp(0.0, 1.0) };
        let bx = n.x + n.w - pad - clock_w - 6.0 - bar_w;
        html! {
            <g class={classes!("cache-row", gone.then_some("gone"))}>
                { line(n.x + pad, y + l.small, l.small, "entry", fit(row, name_w, l.small)) }
                <rect class="ttl-track" x={px(bx)} y={px(y + 3.0)} width={px(bar_w)} height={px(l.small - 3.0)} rx="3" />
                <rect class="ttl-bar" x={px(bx)} y={px(y + 3.0)} width={px(bar_w * frac)} height={px(l.small - 3.0)} rx="3" />
                { line(n.x + n.w - pad - clock_w, y + l.small, l.small, "ttl", if *gone { words::expired(lang).to_string() } else { words::countdown(*left) }) }
            </g>
        }
    });
    html! {
        <g class={class} data-host={p.sim.host(id).name.to_string()} role="img"
            aria-label={fill(lang.words().cache_entries, &[&words::cache_title(lang), &rows.len()])}>
            <rect class="box" x={px(n.x)} y={px(n.y)} width={px(n.w)} height={px(n.h)} rx="9" />
            { line(n.x + pad, top, l.font, "label", fit(words::cache_title(lang), n.w - 2.0 * pad, l.font)) }
            { for list }
            if rows.is_empty() {
                { line(n.x + pad, top + 8.0 + l.small, l.small, "entry muted", words::cache_empty(lang).to_string()) }
            }
            if more > 0 {
                { line(n.x + pad, top + 8.0 + row_h * shown as f64 + l.small, l.small, "entry muted", words::cache_more(more, lang)) }
            }
        </g>
    }
}

pub fn authority_box(p: &StageProps, h: &Host, st: &HostState, n: Node, active: bool) -> Html {
    let l = &p.layout;
    let lang = p.layout.lang;
    let caption = st.zone.as_ref().map_or(lang.words().root_caption, |z| words::zone_caption(z.status, lang));
    let inner = n.w - 20.0;
    let class = classes!("host", "authority", active.then_some("active"), st.zone.as_ref().is_some_and(|z| z.status != crate::model::dns::ZoneStatus::Ok).then_some("faulty"));
    html! {
        <g class={class} data-host={h.name.to_string()} aria-hidden="true">
            <rect class="box" x={px(n.x)} y={px(n.y)} width={px(n.w)} height={px(n.h)} rx="9" />
            { line(n.x + 10.0, n.y + 6.0 + l.font, l.font, "label", fit(&host_title(h, lang), inner, l.font)) }
            { line(n.x + 10.0, n.y + 6.0 + l.font + l.small * 1.4, l.small, "name", fit(caption, inner, l.small)) }
        </g>
    }
}

/// The users' folder on a final server: whose it is, and the `.eml` files.
pub fn folder_box(p: &StageProps, h: &Host, st: &HostState, users: &[String], n: Node, filling: bool) -> Html {
    let l = &p.layout;
    let lang = p.layout.lang;
    let files: Vec<String> = st.mailboxes.values().flatten().map(|f| f.name.to_string()).collect();
    let inner = n.w - 20.0;
    let (x, y) = (n.x, n.y);
    let row = l.font * 1.3;
    // "on mx1.example.com" when it fits, else the server's name alone: the
    // name is what ties the folder to the server that writes into it.
    let on_host = Some(words::folder_on(&h.name, lang)).filter(|t| text_width(t, l.small) <= inner).unwrap_or_else(|| h.name.to_string());
    html! {
        <g class={classes!("folder", (!files.is_empty()).then_some("filled"), filling.then_some("active"))} aria-hidden="true">
            <path class="box" d={format!("M{} {} h{} l8 8 h{} v{} h-{} z", px(x), px(y + 8.0), px(n.w * 0.35), px(n.w * 0.65 - 8.0), px(n.h - 16.0), px(n.w))} />
            { line(x + 10.0, y + 12.0 + row * 0.9, l.font, "label", fit(&words::folder_title(users, lang), inner, l.font)) }
            { line(x + 10.0, y + 12.0 + row * 0.9 + l.small * 1.35, l.small, "name", fit(&on_host, inner, l.small)) }
            { line(x + 10.0, y + 12.0 + row * 0.9 + l.small * 2.7, l.small, "files", fit(&words::folder_files(&files, lang), inner, l.small)) }
        </g>
    }
}

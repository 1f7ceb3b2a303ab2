//! Where everything sits on the stage, for the stage's own width in CSS
//! pixels: one SVG unit is one CSS pixel, so a font size here is the size a
//! reader sees. Three modes by width (`widths`): wide (900 px and more),
//! column (a blog column, 560 to 900 px) and narrow (a phone). Boxes flow into rows in story
//! order; between the rows run lanes that hold nothing but the packets'
//! labels, so a label never covers a name or a status.

use crate::model::host::{HostKind, Role};
use crate::model::{EventKind, HostId, Simulation};
use crate::model::dns::ZoneStatus;
use crate::model::state::QueueEntry;
use crate::model::Time;
use crate::text::stage as words;
use crate::text::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Wide,
    Column,
    Narrow,
}

impl Mode {
    pub fn for_width(w: f64) -> Mode {
        if w >= crate::widths::STAGE_WIDE {
            Mode::Wide
        } else if w >= crate::widths::STAGE_COLUMN {
            Mode::Column
        } else {
            Mode::Narrow
        }
    }
}

/// A wire's path on the stage (see [`Layout::route`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Route {
    Straight { start: (f64, f64), end: (f64, f64) },
    Arc { start: (f64, f64), control: (f64, f64), end: (f64, f64) },
}

impl Route {
    /// The point a fraction `t` of the way along.
    pub fn at(&self, t: f64) -> (f64, f64) {
        match *self {
            Route::Straight { start, end } => (start.0 + (end.0 - start.0) * t, start.1 + (end.1 - start.1) * t),
            Route::Arc { start, control, end } => {
                let u = 1.0 - t;
                (u * u * start.0 + 2.0 * u * t * control.0 + t * t * end.0, u * u * start.1 + 2.0 * u * t * control.1 + t * t * end.1)
            }
        }
    }

    /// Where it starts and ends.
    pub fn ends(&self) -> ((f64, f64), (f64, f64)) {
        match *self {
            Route::Straight { start, end } | Route::Arc { start, end, .. } => (start, end),
        }
    }

    /// The SVG path data.
    pub fn d(&self) -> String {
        let r = |v: f64| v.round() as i32;
        match *self {
            Route::Straight { start, end } => format!("M{} {} L{} {}", r(start.0), r(start.1), r(end.0), r(end.1)),
            Route::Arc { start, control, end } => {
                format!("M{} {} Q{} {} {} {}", r(start.0), r(start.1), r(control.0), r(control.1), r(end.0), r(end.1))
            }
        }
    }
}

/// A box, by its top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub row: usize,
}

impl Node {
    /// Where the line from this box's centre towards (x, y) leaves the box.
    pub fn border_towards(&self, x: f64, y: f64) -> (f64, f64) {
        let (cx, cy) = (self.cx(), self.cy());
        let (dx, dy) = (x - cx, y - cy);
        let sx = if dx.abs() > 1e-9 { (self.w / 2.0) / dx.abs() } else { f64::INFINITY };
        let sy = if dy.abs() > 1e-9 { (self.h / 2.0) / dy.abs() } else { f64::INFINITY };
        let s = sx.min(sy).min(1.0);
        (cx + dx * s, cy + dy * s)
    }

    pub fn cx(&self) -> f64 {
        self.x + self.w / 2.0
    }
    pub fn cy(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub mode: Mode,
    pub width: f64,
    pub height: f64,
    /// The main text size, and the size of second lines, in CSS px.
    pub font: f64,
    pub small: f64,
    /// A label pill's height.
    pub pill: f64,
    /// Per host: its box, if the story uses it.
    pub nodes: Vec<Option<Node>>,
    /// Per mail host that holds mailboxes: its users' folder.
    pub folders: Vec<Option<Node>>,
    /// The top of each row of boxes, and of the lane above it (`lanes[0]`
    /// is the lane under the DNS band, above the first mail row).
    pub rows: Vec<(f64, f64)>,
    pub lanes: Vec<f64>,
    /// How many cache rows the resolver box has room for.
    pub cache_rows: usize,
    /// The pairs of hosts that talk to each other in the story.
    pub edges: Vec<(HostId, HostId)>,
    /// The language its words are in (and measured in).
    pub lang: Lang,
}

/// About how wide a text is, in px, for a sans-serif face at `size`.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.56 } else { 1.0 }).sum::<f64>() * size
}

const MARGIN: f64 = 10.0;
const GAP: f64 = 8.0;

impl Layout {
    pub fn new(sim: &Simulation, width: f64, lang: Lang) -> Layout {
        let width = width.clamp(300.0, 1600.0);
        let mode = Mode::for_width(width);
        let (font, small) = match mode {
            Mode::Wide => (15.0, 13.0),
            Mode::Column => (14.0, 12.0),
            Mode::Narrow => (13.0, 11.0),
        };
        let pill = font + 10.0;
        let line = font * 1.3;
        let hosts = sim.hosts();
        let used = used_hosts(sim);
        let mut nodes = vec![None; hosts.len()];
        let mut folders = vec![None; hosts.len()];
        let inner = width - 2.0 * MARGIN;
        // Boxes are sized for the longest words they show, in this language.
        let zone_caption = words::zone_caption(ZoneStatus::Ok, lang);
        let sample_queue = {
            let entry = QueueEntry { since: Time::ZERO, attempts: 11, next_retry: Some(Time::from_secs(3599)), last_delay_secs: None };
            words::queue_line(&entry, 1, true, Time::ZERO, lang)
        };
        let sample_folder = words::folder_title(&["bob".to_string()], lang);

        // Row 0: the DNS band, the resolvers (with their cache) and the authorities used.
        let cache_rows = if mode == Mode::Wide { 4 } else { 3 };
        let resolver_w = match mode {
            Mode::Narrow => inner,
            _ => (inner * 0.46).clamp(280.0, 380.0),
        };
        let resolver_h = line * 1.6 + 8.0 + cache_rows as f64 * (small + 7.0) + 6.0;
        let auth_h = line * 2.0 + 10.0;
        let auth_w = hosts
            .iter()
            .filter(|h| h.kind == HostKind::Authority)
            .map(|h| text_width(&h.name, small).max(text_width(zone_caption, small)))
            .fold(120.0_f64, f64::max)
            + 18.0;
        let auth_w = auth_w.min(inner);
        let mut rows: Vec<(f64, f64)> = Vec::new();
        let mut lanes: Vec<f64> = Vec::new();
        let mut band = Flow::new(MARGIN, inner);
        let mut dns: Vec<(usize, usize)> = Vec::new();
        // On a phone the band wraps: the authority goes on top, so that the
        // resolver's wires down to the mail servers cross no other box.
        let band_order = if mode == Mode::Narrow { [HostKind::Authority, HostKind::Resolver] } else { [HostKind::Resolver, HostKind::Authority] };
        for kind in band_order {
            for (i, h) in hosts.iter().enumerate().filter(|(i, h)| h.kind == kind && used[*i]) {
                let (w, bh) = if h.kind == HostKind::Resolver { (resolver_w, resolver_h) } else { (auth_w, auth_h) };
                dns.push((i, band.place(w, bh)));
            }
        }
        // Where the band wraps (a phone), a gap between its lines holds the
        // arrow between the resolver and the authority and its label.
        let (mut y, placed) = band.settle(MARGIN, &mut rows, &mut Vec::new(), pill + 8.0);
        for (i, slot) in dns {
            // The DNS band may wrap (many authorities): all of it is row 0.
            nodes[i] = Some(Node { row: 0, ..placed[slot] });
        }
        rows.truncate(1);

        // The mail rows: the sender, other clients, relays and backups, the
        // final servers each followed by its folder: the order a message
        // travels in.
        let lane_h = pill + 8.0;
        let mail_w = match mode {
            Mode::Narrow => ((inner - GAP) / 2.0).floor(),
            _ => {
                let longest = hosts.iter().filter(|h| h.is_mail()).map(|h| text_width(&h.name, small)).fold(0.0, f64::max);
                (longest + 26.0).max(text_width(&sample_queue, small) + 22.0).clamp(140.0, 200.0)
            }
        };
        let mail_h = line * 3.0 + small * 1.4 + 14.0;
        let delivers = receiving_folders(sim);
        // Whose folder it is ("folders: bob, dave") is the one thing a folder
        // box must not lose to "…".
        let titles = (0..hosts.len()).filter(|i| delivers[*i]).filter_map(|i| sim.server(i as HostId)).map(|s| text_width(&words::folder_title(&s.mailboxes, lang), font) + 28.0);
        let title_w = titles.fold(text_width(&sample_folder, small) + 44.0, f64::max);
        let folder_w = match mode {
            Mode::Narrow => mail_w,
            // Wide enough for "on mx1.example.com", which ties the folder to its server.
            Mode::Wide => {
                let longest = hosts.iter().filter(|h| h.is_mail()).map(|h| text_width(&words::folder_on(&h.name, lang), small)).fold(0.0, f64::max);
                (longest + 24.0).max(title_w).clamp(116.0, 190.0)
            }
            Mode::Column => title_w.clamp(116.0, 170.0),
        };
        let order = story_order(sim);
        // Boxes that would share one row keep sharing it in every language:
        // a longer word is shortened with "…" in its box (the narration has
        // it whole) rather than pushing the last box, bob's folder, out of a
        // small frame.
        let mail_w = match mode {
            Mode::Narrow => mail_w,
            _ => {
                let folders_n = order.iter().filter(|i| delivers[**i]).count();
                let n = order.len() + folders_n;
                let room = ((inner - folders_n as f64 * folder_w - (n.max(1) - 1) as f64 * GAP) / order.len().max(1) as f64).floor();
                if n <= 4 && room >= 132.0 { mail_w.min(room) } else { mail_w }
            }
        };
        let mut mail = Flow::new(MARGIN, inner);
        let mut boxes: Vec<(usize, usize, Option<usize>)> = Vec::new();
        for i in order {
            let host = mail.place(mail_w, mail_h);
            let folder = delivers[i].then(|| mail.place(folder_w, mail_h));
            boxes.push((i, host, folder));
        }
        lanes.push(y + 2.0);
        y += lane_h;
        let (end, placed) = mail.settle(y, &mut rows, &mut lanes, lane_h);
        for (i, host, folder) in boxes {
            nodes[i] = Some(placed[host]);
            folders[i] = folder.map(|f| placed[f]);
        }
        // A last lane under the mail rows, for the end card: two lines of
        // it on a phone, where "Delivered at … · open 0001.eml" is too long.
        lanes.push(end + 2.0);
        let height = end + 8.0 + end_card_height(mode, pill);
        let mut edges: Vec<(HostId, HostId)> = sim
            .trace()
            .iter()
            .filter(|e| e.from != e.to)
            .map(|e| (e.from.min(e.to), e.from.max(e.to)))
            .collect();
        edges.sort_unstable();
        edges.dedup();
        Layout { mode, width, height: height.ceil(), font, small, pill, nodes, folders, rows, lanes, cache_rows, edges, lang }
    }

    pub fn node(&self, h: HostId) -> Option<Node> {
        self.nodes.get(h as usize).copied().flatten()
    }

    /// The way a wire runs from box `a` to box `b`: straight from border to
    /// border, or, when another box of the same row stands between them, an
    /// arc over the row through the lane above it, so that the wire never
    /// seems to pass through the box in between.
    pub fn route(&self, a: Node, b: Node) -> Route {
        let between = a.row == b.row
            && self.nodes.iter().chain(self.folders.iter()).flatten().any(|n| {
                n.row == a.row && n.cx() > a.cx().min(b.cx()) + 1.0 && n.cx() < a.cx().max(b.cx()) - 1.0
            });
        if between {
            let dir = (b.cx() - a.cx()).signum();
            let start = (a.cx() + dir * a.w * 0.3, a.y);
            let end = (b.cx() - dir * b.w * 0.3, b.y);
            // A quadratic's peak is halfway to its control point: this puts
            // the peak at the top of the lane above the row.
            let lane_top = self.lane_for(b);
            let control = ((start.0 + end.0) / 2.0, 2.0 * (lane_top + 2.0) - a.y.min(b.y));
            Route::Arc { start, control, end }
        } else if a.row == b.row && (a.y - b.y).abs() < 1.0 {
            // Neighbours in a row: the wire runs high in the gap between
            // them, close to the lane above where its label rides.
            let y = a.y + 14.0_f64.min(a.h.min(b.h) / 2.0);
            let (start, end) = if a.cx() < b.cx() { (a.x + a.w, b.x) } else { (a.x, b.x + b.w) };
            Route::Straight { start: (start, y), end: (end, y) }
        } else {
            Route::Straight { start: a.border_towards(b.cx(), b.cy()), end: b.border_towards(a.cx(), a.cy()) }
        }
    }

    /// The lane a label going to `b` rides in: the lane above `b`'s row
    /// (`lanes[r - 1]` is above row r), or for the DNS band the lane under it.
    pub fn lane_for(&self, b: Node) -> f64 {
        self.lanes[b.row.saturating_sub(1).min(self.lanes.len() - 1)]
    }
}

/// Hosts the story uses: every mail server (a reader can click them), the
/// resolvers and authorities that take part in the trace.
fn used_hosts(sim: &Simulation) -> Vec<bool> {
    let mut used: Vec<bool> = sim.hosts().iter().map(|h| h.is_mail()).collect();
    for ev in sim.trace() {
        if !matches!(ev.kind, EventKind::CacheExpired { .. }) || ev.from != ev.to {
            used[ev.from as usize] = true;
            used[ev.to as usize] = true;
        }
    }
    // A resolver is drawn even before its first question: it is where the cache lives.
    for (i, h) in sim.hosts().iter().enumerate() {
        if h.kind == HostKind::Resolver && sim.hosts().iter().any(|m| m.resolver == Some(i as HostId)) {
            used[i] = true;
        }
    }
    used
}

/// The end card's height: one line, or two in the narrow layout.
pub fn end_card_height(mode: Mode, pill: f64) -> f64 {
    if mode == Mode::Narrow { pill * 2.4 } else { pill * 1.5 }
}

/// The final servers whose folders matter to the story: those a message is
/// written to, or addressed to (for a reader who changes the story).
fn receiving_folders(sim: &Simulation) -> Vec<bool> {
    let mut folders = vec![false; sim.hosts().len()];
    for ev in sim.trace() {
        if matches!(ev.kind, EventKind::Stored { .. }) {
            folders[ev.to as usize] = true;
        }
    }
    for e in sim.envelopes().iter().filter(|e| !e.is_bounce()) {
        for (i, f) in folders.iter_mut().enumerate() {
            *f |= sim.server(i as HostId).is_some_and(|s| s.is_final_for(&e.to.domain));
        }
    }
    folders
}

/// Mail hosts in the order a message travels: the sender, other clients,
/// hosts that do not hold mailboxes (relays, backups) from the worst
/// preference to the best, then the final servers by preference.
fn story_order(sim: &Simulation) -> Vec<usize> {
    let hosts = sim.hosts();
    let rank = |i: usize| match hosts[i].role {
        Role::Sender => (0, 0),
        Role::Client => (1, 0),
        Role::Mx(n) if !hosts[i].holds_mailboxes => (2, u16::MAX - n),
        Role::Mail if !hosts[i].holds_mailboxes => (3, 0),
        Role::Mx(n) => (4, n),
        _ => (5, 0),
    };
    let mut order: Vec<usize> = (0..hosts.len()).filter(|&i| hosts[i].is_mail()).collect();
    crate::model::sort::sort_by_rank(&mut order, |&i| {
        let (group, within) = rank(i);
        (group as u128) << 16 | within as u128
    });
    order
}

/// Boxes placed left to right, wrapping into a new row when the width runs
/// out; `settle` then spreads each row over the width.
struct Flow {
    left: f64,
    inner: f64,
    x: f64,
    /// Per row, the boxes reserved in it: (handle, width, height).
    rows: Vec<Vec<(usize, f64, f64)>>,
    count: usize,
}

impl Flow {
    fn new(left: f64, inner: f64) -> Flow {
        Flow { left, inner, x: 0.0, rows: vec![vec![]], count: 0 }
    }

    /// Reserves a box and returns its handle into what `settle` returns.
    fn place(&mut self, w: f64, h: f64) -> usize {
        if self.x > 0.0 && self.x + w > self.inner + 0.5 {
            self.rows.push(vec![]);
            self.x = 0.0;
        }
        let handle = self.count;
        self.count += 1;
        self.rows.last_mut().expect("a row").push((handle, w, h));
        self.x += w + GAP;
        handle
    }

    /// Gives every reserved box its place, the rows from `y` down with a
    /// lane of `lane_h` between them; returns the y under the last row and
    /// the boxes by handle.
    fn settle(&self, mut y: f64, rows_out: &mut Vec<(f64, f64)>, lanes: &mut Vec<f64>, lane_h: f64) -> (f64, Vec<Node>) {
        let mut placed = vec![Node { x: 0.0, y: 0.0, w: 0.0, h: 0.0, row: 0 }; self.count];
        for (r, row) in self.rows.iter().enumerate().filter(|(_, row)| !row.is_empty()) {
            if r > 0 {
                lanes.push(y + 2.0);
                y += lane_h;
            }
            let used: f64 = row.iter().map(|(_, w, _)| w).sum();
            let gap = if row.len() > 1 { ((self.inner - used) / (row.len() - 1) as f64).clamp(GAP, 90.0) } else { 0.0 };
            let total = used + gap * (row.len() - 1) as f64;
            let mut x = self.left + ((self.inner - total) / 2.0).max(0.0);
            let h = row.iter().map(|(_, _, h)| *h).fold(0.0, f64::max);
            let index = rows_out.len();
            rows_out.push((y, h));
            for &(handle, w, bh) in row {
                placed[handle] = Node { x: x.round(), y: (y + (h - bh) / 2.0).round(), w: w.round(), h: bh.round(), row: index };
                x += w + gap;
            }
            y += h;
        }
        (y, placed)
    }
}

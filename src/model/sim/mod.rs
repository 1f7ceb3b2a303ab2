//! The simulation: a sans-IO state machine over virtual time, in the manner
//! of smoltcp. Build it from a `World`, then `step()` to the next event or
//! `run()` to the end; `next_event_at()` says when something happens next.
//! Same world, same seed: the same trace, byte for byte.
//!
//! This module is the scheduler: it owns time, the task queue and the trace.
//! The roles are in their own modules, one per protocol end, as smoltcp has
//! one per socket: `resolver` (DNS legs and the cache), `client` (a delivery
//! attempt), `server` (how a receiving server answers) and `queue`
//! (submission, retries, bounces). Every network exchange is its own
//! scheduled step, so a fault applied between two steps is seen by the next
//! one, and the trace stays in time order.

mod attempt;
mod client;
mod queue;
mod resolver;
mod server;

use super::cache::CacheKey;
use super::dns::{RData, ZoneData};
use super::envelope::Envelope;
use super::event::{EnvId, Event, EventKind, HostId};
use super::host::{Host, HostKind, Role};
use super::smtp::FaultMode;
use super::state::{HostState, State};
use super::time::Time;
use super::world::{Act, Server, World};
use super::scenario::{Scenario, Timing};
use attempt::Attempt;
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::rc::Rc;

/// A mail server as the engine runs it. Mail servers are the first hosts,
/// in the world's order, so a mail server's `HostId` is its index in
/// `Simulation::mtas`; nothing outside the engine relies on that.
struct Mta {
    host: HostId,
    resolver: HostId,
    cfg: Server,
}

#[derive(Clone, Debug)]
enum Task {
    Act(Rc<Act>),
    Start(EnvId),
    Resume(usize),
    Expire { resolver: HostId, key: CacheKey },
}

/// Order among tasks due at the same millisecond: expiries, then actions
/// (faults and clicks), then the mail in flight, each in the order scheduled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Expiry = 0,
    Action = 1,
    Mail = 2,
}

struct Scheduled {
    at: Time,
    class: Class,
    seq: u64,
    task: Task,
}

impl PartialEq for Scheduled {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Scheduled {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.at, self.class, self.seq).cmp(&(o.at, o.class, o.seq))
    }
}

pub struct Simulation {
    scenario: Scenario,
    timing: Timing,
    now: Time,
    hosts: Vec<Host>,
    mtas: Vec<Mta>,
    sender: HostId,
    root: HostId,
    envelopes: Vec<Envelope>,
    attempts: Vec<Option<Attempt>>,
    free_attempts: Vec<usize>,
    /// Per envelope, the host running an attempt for it, if any.
    busy: Vec<Option<HostId>>,
    /// Per envelope, the first envelope of its message (a message's
    /// recipients, and the copies a server keeps, share one message id);
    /// per first envelope, all of them in order. A queue manager looks for
    /// the recipients it may carry in one attempt among these, not through
    /// the whole queue (10,000 messages queued at a backup would make every
    /// attempt a scan of all of them).
    message_of: Vec<EnvId>,
    same_message: Vec<Vec<EnvId>>,
    /// Greylisting servers' first tries (server, sender, recipient): few,
    /// looked up in place (a small list costs less code than a map).
    greylist: Vec<((HostId, String, String), Time)>,
    tasks: BinaryHeap<Reverse<Scheduled>>,
    seq: u64,
    rng: ChaCha8Rng,
    initial: State,
    state: State,
    trace: Vec<Event>,
    keep_trace: bool,
    events: u64,
}

impl Simulation {
    /// Sets up T+0 of a checked world; nothing has happened yet.
    pub fn new(world: World) -> Simulation {
        let World { scenario, servers, sender, zones, later_origins, acts } = world;
        let mut hosts = Vec::new();
        let mut states = Vec::new();

        // Mail servers first, in the world's order (see `Mta`).
        for s in &servers {
            hosts.push(Host {
                name: s.name.clone(),
                kind: HostKind::Mail,
                role: Role::Mail,
                address: Some(s.address),
                origin: None,
                resolver: None,
                holds_mailboxes: !s.final_for.is_empty(),
                relays: !s.relay_for.is_empty(),
            });
            states.push(HostState::new(!s.down, s.fault));
        }
        // Then each resolver once.
        let mut resolver_ids: Vec<(Rc<str>, HostId)> = Vec::new();
        for s in &servers {
            if !resolver_ids.iter().any(|(r, _)| *r == s.resolver) {
                resolver_ids.push((s.resolver.clone(), hosts.len() as HostId));
                hosts.push(authority_or_resolver(s.resolver.clone(), HostKind::Resolver, Role::Resolver, None));
                states.push(HostState::new(true, FaultMode::Normal));
            }
        }
        // One authority per zone, including zones that only appear later.
        let initial_origins = zones.iter().map(|z| z.origin.clone());
        for origin in initial_origins.chain(later_origins.iter().cloned()) {
            let name: Rc<str> = format!("ns1.{origin}").into();
            hosts.push(authority_or_resolver(name, HostKind::Authority, Role::Zone, Some(origin.clone())));
            let mut st = HostState::new(true, FaultMode::Normal);
            st.zone = zones.iter().find(|z| z.origin == origin).cloned();
            states.push(st);
        }
        let root = hosts.len() as HostId;
        hosts.push(authority_or_resolver("root".into(), HostKind::Authority, Role::Root, Some("".into())));
        states.push(HostState::new(true, FaultMode::Normal));

        let mtas: Vec<Mta> = servers
            .into_iter()
            .enumerate()
            .map(|(i, cfg)| Mta { host: i as HostId, resolver: resolver_ids.iter().find(|(r, _)| *r == cfg.resolver).map_or(0, |(_, id)| *id), cfg })
            .collect();
        for m in &mtas {
            hosts[m.host as usize].resolver = Some(m.resolver);
        }
        let clients: Vec<usize> = acts
            .iter()
            .filter_map(|(_, act)| match act {
                Act::Send(m) => Some(m.via),
                _ => None,
            })
            .collect();
        assign_roles(&mut hosts, &zones, sender, &clients);

        let initial = State { now: Time::ZERO, hosts: states, places: Vec::new() };
        let mut sim = Simulation {
            timing: scenario.timing,
            rng: ChaCha8Rng::seed_from_u64(scenario.seed),
            scenario,
            now: Time::ZERO,
            hosts,
            mtas,
            sender: sender as HostId,
            root,
            envelopes: Vec::new(),
            attempts: Vec::new(),
            free_attempts: Vec::new(),
            busy: Vec::new(),
            message_of: Vec::new(),
            same_message: Vec::new(),
            greylist: Vec::new(),
            tasks: BinaryHeap::new(),
            seq: 0,
            state: initial.clone(),
            initial,
            trace: Vec::new(),
            keep_trace: true,
            events: 0,
        };
        // The timeline (faults) before messages sent at the same moment.
        for (at, act) in acts {
            sim.schedule(at, Class::Action, Task::Act(Rc::new(act)));
        }
        sim
    }

    /// Stops recording events (they are still counted and applied); for
    /// benchmarks that would otherwise hold millions of them.
    pub fn discard_trace(mut self) -> Self {
        self.keep_trace = false;
        self
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }
    pub fn now(&self) -> Time {
        self.now
    }
    pub fn hosts(&self) -> &[Host] {
        &self.hosts
    }
    pub fn host(&self, id: HostId) -> &Host {
        &self.hosts[id as usize]
    }
    /// The host with this name, written in any case, with or without the final dot.
    pub fn host_id(&self, name: &str) -> Option<HostId> {
        let n = super::address::normalize_domain(name).unwrap_or_else(|_| name.to_ascii_lowercase());
        self.hosts.iter().position(|h| *h.name == *n).map(|i| i as HostId)
    }
    pub fn sender(&self) -> HostId {
        self.sender
    }
    /// A mail server's settings as the engine runs them.
    pub fn server(&self, id: HostId) -> Option<&Server> {
        self.mtas.get(id as usize).map(|m| &m.cfg)
    }
    pub fn envelopes(&self) -> &[Envelope] {
        &self.envelopes
    }
    pub fn envelope(&self, id: EnvId) -> &Envelope {
        &self.envelopes[id as usize]
    }
    /// The other recipients of `env`'s message at the same domain, which
    /// travel with it (rules.md 4.10), in the order they were written.
    pub fn fellow_recipients(&self, env: EnvId) -> Vec<EnvId> {
        let e = &self.envelopes[env as usize];
        (0..self.envelopes.len() as EnvId)
            .filter(|&o| {
                let f = &self.envelopes[o as usize];
                o != env && f.message_id == e.message_id && f.to.domain == e.to.domain && f.copy_of == e.copy_of
            })
            .collect()
    }
    pub fn trace(&self) -> &[Event] {
        &self.trace
    }
    /// Events emitted so far, recorded or not.
    pub fn event_count(&self) -> u64 {
        self.events
    }
    /// The state now.
    pub fn state(&self) -> &State {
        &self.state
    }
    /// The state at T+0, before any event: fold `trace()[..k]` into a clone
    /// of it to get the state after event k.
    pub fn initial_state(&self) -> &State {
        &self.initial
    }
    /// The state after the first `k` events of the trace.
    pub fn state_after(&self, k: usize) -> State {
        let mut s = self.initial.clone();
        for ev in &self.trace[..k.min(self.trace.len())] {
            s.apply(ev);
        }
        s
    }
    /// When the next event is due, if anything is left to happen.
    pub fn next_event_at(&self) -> Option<Time> {
        self.tasks.peek().map(|Reverse(s)| s.at)
    }

    /// Processes the next task; false when nothing is left.
    pub fn step(&mut self) -> bool {
        let Some(Reverse(s)) = self.tasks.pop() else { return false };
        debug_assert!(s.at >= self.now, "time never goes back");
        self.now = s.at;
        match s.task {
            Task::Act(a) => self.act(&a),
            Task::Start(env) => self.start(env),
            Task::Resume(id) => self.resume(id),
            Task::Expire { resolver, key } => self.expire(resolver, key),
        }
        true
    }

    /// Runs until nothing is left to happen: every message delivered,
    /// bounced or dropped. Bounded by the queue lifetimes, so it ends.
    pub fn run(&mut self) {
        while self.step() {}
    }

    /// Like `run`, but stops after `max_events` events; false if it had to.
    /// The page uses it so that no scenario can freeze it.
    pub fn run_capped(&mut self, max_events: u64) -> bool {
        while self.events < max_events {
            if !self.step() {
                return true;
            }
        }
        self.next_event_at().is_none()
    }

    // ---- scheduling and emitting ----

    fn schedule(&mut self, at: Time, class: Class, task: Task) {
        self.seq += 1;
        self.tasks.push(Reverse(Scheduled { at, class, seq: self.seq, task }));
    }

    fn emit(&mut self, from: HostId, to: HostId, kind: EventKind) {
        let ev = Event { at: self.now, from, to, kind };
        self.state.apply(&ev);
        self.events += 1;
        if self.keep_trace {
            self.trace.push(ev);
        }
    }

    // ---- actions ----

    fn act(&mut self, act: &Act) {
        match act {
            Act::Down(host) => {
                if let Some(h) = self.host_id(host)
                    && self.state.hosts[h as usize].up
                {
                    self.emit(h, h, EventKind::HostDown);
                }
            }
            Act::Up(host) => {
                if let Some(h) = self.host_id(host)
                    && !self.state.hosts[h as usize].up
                {
                    self.emit(h, h, EventKind::HostUp);
                    self.flush_overdue(h);
                }
            }
            Act::Fault(host, mode) => {
                if let Some(h) = self.host_id(host)
                    && self.state.hosts[h as usize].fault != *mode
                {
                    self.emit(h, h, EventKind::FaultSet { mode: *mode });
                }
            }
            Act::SetZone(zone) => {
                if let Some(h) = self.authority_of_origin(&zone.origin) {
                    self.emit(h, h, EventKind::ZoneChanged { zone: zone.clone() });
                }
            }
            Act::ZoneStatus(origin, status) => {
                let Some(h) = self.authority_of_origin(origin) else { return };
                if let Some(z) = &self.state.hosts[h as usize].zone
                    && z.status != *status
                {
                    let mut z = (**z).clone();
                    z.status = *status;
                    self.emit(h, h, EventKind::ZoneChanged { zone: Rc::new(z) });
                }
            }
            Act::FlushCache(resolver) => {
                if let Some(h) = self.host_id(resolver) {
                    self.emit(h, h, EventKind::CacheFlushed);
                }
            }
            Act::Send(message) => self.submit(message),
        }
    }
}

fn authority_or_resolver(name: Rc<str>, kind: HostKind, role: Role, origin: Option<Rc<str>>) -> Host {
    Host { name, kind, role, address: None, origin, resolver: None, holds_mailboxes: false, relays: false }
}

/// The sender; "MX1", "MX2"… for the servers named by MX records, in
/// preference order within their zone; any other mail server stays `Mail`.
fn assign_roles(hosts: &mut [Host], zones: &[Rc<ZoneData>], sender: usize, clients: &[usize]) {
    let mut ranked: Vec<(Rc<str>, u16)> = Vec::new();
    for z in zones {
        let mut mx: Vec<(u16, Rc<str>)> = z
            .records
            .iter()
            .filter_map(|r| match &r.data {
                RData::Mx { preference, host } if !host.is_empty() => Some((*preference, host.clone())),
                _ => None,
            })
            .collect();
        mx.sort();
        for (rank, (_, host)) in mx.into_iter().enumerate() {
            if !ranked.iter().any(|(h, _)| *h == host) {
                ranked.push((host, rank as u16 + 1));
            }
        }
    }
    for (i, h) in hosts.iter_mut().enumerate() {
        if h.kind != HostKind::Mail {
            continue;
        }
        h.role = if i == sender {
            Role::Sender
        } else if let Some((_, rank)) = ranked.iter().find(|(n, _)| *n == h.name) {
            Role::Mx(*rank)
        } else if clients.contains(&i) {
            Role::Client
        } else {
            Role::Mail
        };
    }
}

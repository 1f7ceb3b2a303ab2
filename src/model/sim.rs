//! The simulation: a sans-IO state machine over virtual time, in the manner
//! of smoltcp. Build it from a scenario, then `step()` to the next event,
//! `run_until(t)` or `run()`; `next_event_at()` says when something happens
//! next. Interventions are actions applied at a time. Same scenario, same
//! interventions, same seed: the same trace, byte for byte.
//!
//! Every network exchange is its own scheduled step, so that a fault applied
//! between two steps is seen by the next one, and the trace stays in time order.

use super::address::Address;
use super::cache::CacheKey;
use super::dns::{Answer, RData, RType, Rr, ZoneData, ROOT_NEGATIVE_TTL};
use super::eml;
use super::event::{EnvId, Event, EventKind, HostId, Reason, Via};
use super::mx::{self, Candidate, Plan};
use super::retry::RetryPolicy;
use super::scenario::{check_name, check_time, Action, Message, Record, Scenario, ScenarioError, TimedAction, Timing, Zone};
use super::smtp::{self, Command, FaultMode, Reply};
use super::state::{HostState, Place, State};
use super::time::Time;
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};
use std::net::IpAddr;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostKind {
    Mail,
    Resolver,
    Authority,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Host {
    pub name: Rc<str>,
    pub kind: HostKind,
    /// A short label for the stage: "Sender", "MX1", "MX2", "Resolver", "DNS".
    pub label: String,
    pub address: Option<IpAddr>,
    /// Authorities: the zone origin they serve ("" for the root).
    pub origin: Option<Rc<str>>,
}

/// One `Received:` line's worth of a hop.
#[derive(Clone, Debug, PartialEq)]
pub struct Hop {
    pub by: Rc<str>,
    pub from_host: Rc<str>,
    pub from_addr: Option<IpAddr>,
    pub at: Time,
    pub id: String,
}

/// One message to one recipient, as it travels.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    /// The envelope sender; `None` is the null sender `<>` of a bounce.
    pub from: Option<Address>,
    pub to: Address,
    /// The `From:` header as alice wrote it (for a bounce, the daemon).
    pub header_from: String,
    pub subject: Rc<str>,
    pub body: Rc<str>,
    pub message_id: String,
    pub submitted: Time,
    /// Newest last; the `.eml` prints them newest first.
    pub hops: Vec<Hop>,
    /// For a bounce: the envelope it reports on.
    pub bounce_of: Option<EnvId>,
}

impl Envelope {
    pub fn is_bounce(&self) -> bool {
        self.from.is_none()
    }
    pub fn from_text(&self) -> String {
        self.from.as_ref().map_or_else(String::new, |a| a.to_string())
    }
}

struct Mta {
    host: HostId,
    name: Rc<str>,
    addr: IpAddr,
    resolver: HostId,
    final_for: Vec<String>,
    mailboxes: Vec<String>,
    relay_for: Vec<String>,
    relay_recipients: Option<Vec<String>>,
    retry: RetryPolicy,
    lifetime_secs: u64,
}

impl Mta {
    fn is_final_for(&self, domain: &str) -> bool {
        self.final_for.iter().any(|d| d == domain)
    }
    fn relays_for(&self, domain: &str) -> bool {
        self.relay_for.iter().any(|d| d == domain)
    }
    /// RFC 5321 4.5.1: postmaster exists everywhere, in any case.
    fn has_mailbox(&self, local: &str) -> bool {
        local.eq_ignore_ascii_case("postmaster") || self.mailboxes.iter().any(|m| m == local)
    }
}

#[derive(Clone, Debug)]
enum Leg {
    ToResolver,
    ToAuthority(HostId),
    BackToResolver(Answer),
    ToClient(Answer),
}

#[derive(Clone, Debug)]
enum Step {
    Dns { name: Rc<str>, rtype: RType, leg: Leg },
    /// The SYN is on its way to `addr`.
    Connecting { addr: IpAddr, started: Time },
    /// Nobody answered: the client gives up waiting at this step.
    TimedOut { addr: IpAddr, started: Time },
    /// A refusal came back: go on with the next address.
    Refused,
    /// A command (or, for `None`, the connection) reaches the server.
    AtServer(Command),
    /// The server's reply reaches the client.
    AtClient(Option<Command>, Reply),
}

struct Attempt {
    env: EnvId,
    mta: usize,
    domain: Rc<str>,
    hosts: Rc<[Candidate]>,
    next_host: usize,
    host: Rc<str>,
    addrs: Vec<IpAddr>,
    next_addr: usize,
    /// The mail server connected to, and its host id.
    server: Option<(usize, HostId)>,
    /// The last temporary failure: if no host takes the message, defer with it.
    temporary: Option<Reason>,
    step: Step,
}

#[derive(Clone, Debug)]
enum Task {
    Act(Rc<Action>),
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
    /// Per host id: its index in `mtas`, if it is a mail server.
    mta_of: Vec<Option<usize>>,
    sender: usize,
    root: HostId,
    envelopes: Vec<Envelope>,
    attempts: Vec<Option<Attempt>>,
    free_attempts: Vec<usize>,
    /// Per envelope, the host running an attempt for it, if any.
    busy: Vec<Option<HostId>>,
    greylist: BTreeMap<(HostId, String, String), Time>,
    tasks: BinaryHeap<Reverse<Scheduled>>,
    seq: u64,
    rng: ChaCha8Rng,
    initial: State,
    state: State,
    trace: Vec<Event>,
    keep_trace: bool,
    events: u64,
}

fn zone_data(z: &Zone) -> ZoneData {
    // Only called on validated zones.
    let name = |n: &str| -> Rc<str> { check_name("", n).map(Rc::from).unwrap_or_else(|_| Rc::from(n)) };
    let records = z
        .records
        .iter()
        .map(|r| match r {
            Record::MX { name: n, ttl, preference, host } => Rr {
                name: name(n),
                ttl: *ttl as u32,
                data: RData::Mx {
                    preference: *preference as u16,
                    host: if host == "." { Rc::from("") } else { name(host) },
                },
            },
            Record::A { name: n, ttl, address } | Record::AAAA { name: n, ttl, address } => Rr {
                name: name(n),
                ttl: *ttl as u32,
                data: RData::Addr(address.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))),
            },
        })
        .collect();
    ZoneData {
        origin: name(&z.origin),
        status: z.status,
        soa_ttl: z.soa.ttl as u32,
        soa_minimum: z.soa.minimum as u32,
        records,
    }
}

fn norm(n: &str) -> String {
    check_name("", n).unwrap_or_else(|_| n.to_ascii_lowercase())
}

impl Simulation {
    /// Validates the scenario and sets up T+0; nothing has happened yet.
    pub fn new(scenario: Scenario) -> Result<Simulation, ScenarioError> {
        scenario.validate()?;
        let mut hosts = Vec::new();
        let mut states = Vec::new();
        let lifetime_override = scenario.queue_lifetime;

        // Mail servers first, in the scenario's order.
        for s in &scenario.servers {
            hosts.push(Host {
                name: norm(&s.host).into(),
                kind: HostKind::Mail,
                label: String::new(),
                address: s.address.parse().ok(),
                origin: None,
            });
            states.push(HostState::new(!s.down, s.fault));
        }
        // Then each resolver once.
        let mut resolver_ids: BTreeMap<String, HostId> = BTreeMap::new();
        for s in &scenario.servers {
            let r = norm(&s.resolver);
            if !resolver_ids.contains_key(&r) {
                resolver_ids.insert(r.clone(), hosts.len() as HostId);
                hosts.push(Host { name: r.into(), kind: HostKind::Resolver, label: "Resolver".into(), address: None, origin: None });
                states.push(HostState::new(true, FaultMode::Normal));
            }
        }
        // One authority per zone, including zones that only appear later.
        let later_zones = scenario.timeline.iter().filter_map(|t| match &t.action {
            Action::SetZone { zone } => Some(zone),
            _ => None,
        });
        for z in scenario.zones.iter().chain(later_zones) {
            let origin: Rc<str> = norm(&z.origin).into();
            if hosts.iter().any(|h| h.origin.as_ref() == Some(&origin)) {
                continue;
            }
            let initial = scenario.zones.iter().find(|iz| norm(&iz.origin) == *origin);
            hosts.push(Host {
                name: format!("ns1.{origin}").into(),
                kind: HostKind::Authority,
                label: origin.to_string(),
                address: None,
                origin: Some(origin),
            });
            let mut st = HostState::new(true, FaultMode::Normal);
            st.zone = initial.map(|z| Rc::new(zone_data(z)));
            states.push(st);
        }
        let root = hosts.len() as HostId;
        hosts.push(Host {
            name: "root".into(),
            kind: HostKind::Authority,
            label: "Root DNS".into(),
            address: None,
            origin: Some("".into()),
        });
        states.push(HostState::new(true, FaultMode::Normal));

        let mut mtas = Vec::new();
        let mut mta_of = vec![None; hosts.len()];
        for (i, s) in scenario.servers.iter().enumerate() {
            let retry = s.retry.clone().unwrap_or_else(|| scenario.retry.clone());
            let lifetime_secs = lifetime_override.unwrap_or_else(|| retry.lifetime_secs());
            mtas.push(Mta {
                host: i as HostId,
                name: hosts[i].name.clone(),
                addr: hosts[i].address.unwrap_or(IpAddr::from([0, 0, 0, 0])),
                resolver: resolver_ids[&norm(&s.resolver)],
                final_for: s.mailboxes_for.iter().map(|d| norm(d)).collect(),
                mailboxes: s.mailboxes.clone(),
                relay_for: s.relay_for.iter().map(|d| norm(d)).collect(),
                relay_recipients: s.relay_recipients.clone(),
                retry,
                lifetime_secs,
            });
            mta_of[i] = Some(i);
        }
        let sender_name = norm(&scenario.sender);
        let sender = mtas.iter().position(|m| *m.name == *sender_name).unwrap_or(0);
        label_mail_servers(&mut hosts, &states, sender);

        let initial = State { now: Time::ZERO, hosts: states, places: Vec::new() };
        let mut sim = Simulation {
            timing: scenario.timing,
            rng: ChaCha8Rng::seed_from_u64(scenario.seed),
            scenario,
            now: Time::ZERO,
            hosts,
            mtas,
            mta_of,
            sender,
            root,
            envelopes: Vec::new(),
            attempts: Vec::new(),
            free_attempts: Vec::new(),
            busy: Vec::new(),
            greylist: BTreeMap::new(),
            tasks: BinaryHeap::new(),
            seq: 0,
            state: initial.clone(),
            initial,
            trace: Vec::new(),
            keep_trace: true,
            events: 0,
        };
        // Messages and the timeline become actions, in a stable order: the
        // timeline (faults) before messages sent at the same moment.
        let mut actions: Vec<(u64, Action)> = Vec::new();
        for t in &sim.scenario.timeline {
            actions.push((check_time("", t.at)?, t.action.clone()));
        }
        for m in &sim.scenario.messages {
            actions.push((check_time("", m.at)?, Action::Send { message: m.clone() }));
        }
        for (at, action) in actions {
            sim.schedule(Time(at), Class::Action, Task::Act(Rc::new(action)));
        }
        Ok(sim)
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
    pub fn host_id(&self, name: &str) -> Option<HostId> {
        let n = norm(name);
        self.hosts.iter().position(|h| *h.name == *n).map(|i| i as HostId)
    }
    pub fn sender(&self) -> HostId {
        self.mtas[self.sender].host
    }
    pub fn envelopes(&self) -> &[Envelope] {
        &self.envelopes
    }
    pub fn envelope(&self, id: EnvId) -> &Envelope {
        &self.envelopes[id as usize]
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

    /// Applies an intervention at `at` (not before now). It is recorded in
    /// the scenario's timeline, so that the scenario alone replays the run.
    pub fn intervene(&mut self, at: Time, action: Action) -> Result<(), ScenarioError> {
        let at = at.max(self.now);
        let mut check = self.scenario.clone();
        check.timeline.push(TimedAction { at: at.millis() as f64 / 1000.0, action: action.clone() });
        check.validate()?;
        if let Action::SetZone { zone } = &action
            && !self.hosts.iter().any(|h| h.origin.as_deref() == Some(&norm(&zone.origin)))
        {
            return Err(ScenarioError {
                field: "zone.origin".into(),
                problem: super::scenario::Problem::UnknownHost(zone.origin.clone()),
            });
        }
        self.scenario = check;
        self.schedule(at, Class::Action, Task::Act(Rc::new(action)));
        Ok(())
    }

    /// Processes everything due at the next instant with work; false when
    /// nothing is left.
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

    /// Runs every task due at or before `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: Time) {
        while self.next_event_at().is_some_and(|n| n <= t) {
            self.step();
        }
        self.now = self.now.max(t);
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

    fn resume_in(&mut self, id: usize, attempt: Attempt, ms: u64) {
        self.attempts[id] = Some(attempt);
        self.schedule(self.now.plus_ms(ms), Class::Mail, Task::Resume(id));
    }

    // ---- actions ----

    fn act(&mut self, action: &Action) {
        match action {
            Action::Down { host } | Action::Up { host } | Action::Fault { host, .. } => {
                let Some(h) = self.host_id(host) else { return };
                let st = &self.state.hosts[h as usize];
                match action {
                    Action::Down { .. } if st.up => self.emit(h, h, EventKind::HostDown),
                    Action::Up { .. } if !st.up => {
                        self.emit(h, h, EventKind::HostUp);
                        self.flush_overdue(h);
                    }
                    Action::Fault { mode, .. } if st.fault != *mode => {
                        self.emit(h, h, EventKind::FaultSet { mode: *mode })
                    }
                    _ => {}
                }
            }
            Action::SetZone { zone } => {
                let data = Rc::new(zone_data(zone));
                if let Some(h) = self.authority_of_origin(&data.origin) {
                    self.emit(h, h, EventKind::ZoneChanged { zone: data });
                }
            }
            Action::ZoneStatus { origin, status } => {
                let Some(h) = self.authority_of_origin(&norm(origin)) else { return };
                if let Some(z) = &self.state.hosts[h as usize].zone
                    && z.status != *status
                {
                    let mut z = (**z).clone();
                    z.status = *status;
                    self.emit(h, h, EventKind::ZoneChanged { zone: Rc::new(z) });
                }
            }
            Action::FlushCache { resolver } => {
                if let Some(h) = self.host_id(resolver) {
                    self.emit(h, h, EventKind::CacheFlushed);
                }
            }
            Action::Send { message } => self.submit(message),
        }
    }

    fn authority_of_origin(&self, origin: &str) -> Option<HostId> {
        self.hosts.iter().position(|h| h.kind == HostKind::Authority && h.origin.as_deref() == Some(origin)).map(|i| i as HostId)
    }

    /// The authority for a name: the zone with the longest matching origin,
    /// or the root (which answers NXDOMAIN) for names in no zone.
    fn authority_for(&self, name: &str) -> HostId {
        let mut best: Option<(usize, HostId)> = None;
        for (i, h) in self.hosts.iter().enumerate() {
            if let (HostKind::Authority, Some(o)) = (h.kind, &h.origin)
                && !o.is_empty()
                && self.state.hosts[i].zone.is_some()
                && super::dns::in_zone(name, o)
                && best.is_none_or(|(len, _)| o.len() > len)
            {
                best = Some((o.len(), i as HostId));
            }
        }
        best.map_or(self.root, |(_, h)| h)
    }

    /// A host that comes back up flushes what fell due while it was down.
    fn flush_overdue(&mut self, h: HostId) {
        let due: Vec<EnvId> = self.state.hosts[h as usize]
            .queue
            .iter()
            .filter(|(_, q)| q.next_retry.is_some_and(|t| t <= self.now))
            .map(|(e, _)| *e)
            .collect();
        for env in due {
            self.schedule(self.now, Class::Mail, Task::Start(env));
        }
    }

    fn submit(&mut self, m: &Message) {
        let Ok(from) = Address::parse(&m.from) else { return };
        let sender = self.mtas[self.sender].host;
        let n = self.envelopes.len();
        let message_id = format!("<{}.{}@{}>", self.now.millis(), n, from.domain);
        let (subject, body): (Rc<str>, Rc<str>) = (m.subject.as_str().into(), m.body.as_str().into());
        for to in &m.to {
            let Ok(to) = Address::parse(to) else { continue };
            let env = self.new_envelope(Envelope {
                from: Some(from.clone()),
                header_from: from.to_string(),
                to,
                subject: subject.clone(),
                body: body.clone(),
                message_id: message_id.clone(),
                submitted: self.now,
                hops: Vec::new(),
                bounce_of: None,
            });
            self.emit(sender, sender, EventKind::Enqueued { env, via: Via::Submission });
            self.schedule(self.now, Class::Mail, Task::Start(env));
        }
    }

    fn new_envelope(&mut self, e: Envelope) -> EnvId {
        self.envelopes.push(e);
        self.busy.push(None);
        (self.envelopes.len() - 1) as EnvId
    }

    fn expire(&mut self, resolver: HostId, key: CacheKey) {
        let live = self.state.hosts[resolver as usize].cache.entry(&key).is_some_and(|e| e.expires_at <= self.now);
        if live {
            self.emit(resolver, resolver, EventKind::CacheExpired { name: key.0, rtype: key.1 });
        }
    }

    // ---- a delivery attempt ----

    fn holder(&self, env: EnvId) -> Option<HostId> {
        match self.state.place(env) {
            Some(Place::Queued(h)) => Some(h),
            _ => None,
        }
    }

    fn start(&mut self, env: EnvId) {
        let Some(h) = self.holder(env) else { return };
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        // Stale (the retry was superseded) or already under way.
        if self.busy[env as usize] == Some(h) || q.next_retry.is_none_or(|t| t > self.now) {
            return;
        }
        // A machine that is off sends nothing; it flushes its queue when it is back.
        if !self.state.hosts[h as usize].up {
            return;
        }
        let attempt = q.attempts + 1;
        let Some(mta) = self.mta_of[h as usize] else { return };
        let to = self.envelopes[env as usize].to.clone();
        if self.mtas[mta].is_final_for(&to.domain) {
            self.deliver_locally(env, mta);
            return;
        }
        self.busy[env as usize] = Some(h);
        self.emit(h, h, EventKind::AttemptStarted { env, attempt });
        let a = Attempt {
            env,
            mta,
            domain: to.domain.as_str().into(),
            hosts: Rc::from(Vec::new()),
            next_host: 0,
            host: Rc::from(""),
            addrs: Vec::new(),
            next_addr: 0,
            server: None,
            temporary: None,
            step: Step::Refused,
        };
        let id = match self.free_attempts.pop() {
            Some(id) => id,
            None => {
                self.attempts.push(None);
                self.attempts.len() - 1
            }
        };
        let domain = a.domain.clone();
        self.lookup(id, a, domain, RType::MX);
    }

    fn deliver_locally(&mut self, env: EnvId, mta: usize) {
        let h = self.mtas[mta].host;
        let local = self.envelopes[env as usize].to.local.clone();
        if self.mtas[mta].has_mailbox(&local) {
            self.store(env, mta, h);
        } else {
            let reason = Reason::Reply { host: self.mtas[mta].name.clone(), reply: smtp::NO_SUCH_USER };
            self.bounce(env, h, reason);
        }
    }

    fn client(&self, a: &Attempt) -> HostId {
        self.mtas[a.mta].host
    }

    fn lookup(&mut self, id: usize, mut a: Attempt, name: Rc<str>, rtype: RType) {
        let (client, resolver) = (self.client(&a), self.mtas[a.mta].resolver);
        self.emit(client, resolver, EventKind::DnsQuery { env: a.env, name: name.clone(), rtype });
        a.step = Step::Dns { name, rtype, leg: Leg::ToResolver };
        self.resume_in(id, a, self.timing.dns_ms);
    }

    fn resume(&mut self, id: usize) {
        let Some(mut a) = self.attempts[id].take() else { return };
        let client = self.client(&a);
        let resolver = self.mtas[a.mta].resolver;
        let (dns, smtp_ms) = (self.timing.dns_ms, self.timing.smtp_ms);
        match std::mem::replace(&mut a.step, Step::Refused) {
            Step::Dns { name, rtype, leg } => match leg {
                Leg::ToResolver => {
                    let hit = self.state.hosts[resolver as usize]
                        .cache
                        .get(&name, rtype, self.now)
                        .map(|e| (e.answer.clone(), e.elapsed_secs(self.now)));
                    if let Some((answer, elapsed_secs)) = hit {
                        let env = a.env;
                        self.emit(resolver, resolver, EventKind::CacheHit {
                            env,
                            name: name.clone(),
                            rtype,
                            answer: answer.clone(),
                            elapsed_secs,
                        });
                        self.emit(resolver, client, EventKind::DnsAnswer {
                            env,
                            name: name.clone(),
                            rtype,
                            answer: answer.clone(),
                            elapsed_secs,
                        });
                        a.step = Step::Dns { name, rtype, leg: Leg::ToClient(answer) };
                    } else {
                        let auth = self.authority_for(&name);
                        self.emit(resolver, auth, EventKind::DnsQuery { env: a.env, name: name.clone(), rtype });
                        a.step = Step::Dns { name, rtype, leg: Leg::ToAuthority(auth) };
                    }
                    self.resume_in(id, a, dns);
                }
                Leg::ToAuthority(auth) => {
                    let answer = match &self.state.hosts[auth as usize].zone {
                        Some(z) if auth != self.root => z.answer(&name, rtype),
                        _ => Answer::NxDomain { neg_ttl: ROOT_NEGATIVE_TTL },
                    };
                    self.emit(auth, resolver, EventKind::DnsAnswer {
                        env: a.env,
                        name: name.clone(),
                        rtype,
                        answer: answer.clone(),
                        elapsed_secs: 0,
                    });
                    a.step = Step::Dns { name, rtype, leg: Leg::BackToResolver(answer) };
                    self.resume_in(id, a, dns);
                }
                Leg::BackToResolver(answer) => {
                    let ttl = answer.ttl(self.timing.servfail_cache_secs);
                    if ttl > 0 {
                        let key = super::cache::key_for(&name, rtype, &answer);
                        self.emit(resolver, resolver, EventKind::Cached {
                            name: name.clone(),
                            rtype,
                            answer: answer.clone(),
                            ttl,
                        });
                        self.schedule(self.now.plus_secs(u64::from(ttl)), Class::Expiry, Task::Expire { resolver, key });
                    } else {
                        self.emit(resolver, resolver, EventKind::NotCached { name: name.clone(), rtype });
                    }
                    self.emit(resolver, client, EventKind::DnsAnswer {
                        env: a.env,
                        name: name.clone(),
                        rtype,
                        answer: answer.clone(),
                        elapsed_secs: 0,
                    });
                    a.step = Step::Dns { name, rtype, leg: Leg::ToClient(answer) };
                    self.resume_in(id, a, dns);
                }
                Leg::ToClient(answer) => match rtype {
                    RType::MX => self.on_mx_answer(id, a, answer),
                    RType::A | RType::AAAA => self.on_address_answer(id, a, rtype, answer),
                },
            },
            Step::Connecting { addr, started } => {
                let target = self.mta_at(addr);
                match target {
                    Some((m, h)) if self.state.hosts[h as usize].up => {
                        if self.state.hosts[h as usize].fault == FaultMode::Refuse {
                            self.emit(h, client, EventKind::ConnectRefused { env: a.env, addr });
                            a.temporary = Some(Reason::Unreachable);
                            a.step = Step::Refused;
                        } else {
                            let reply =
                                if self.state.hosts[h as usize].fault == FaultMode::Busy { smtp::BUSY } else { smtp::GREETING };
                            a.server = Some((m, h));
                            self.emit(h, client, EventKind::Reply { env: a.env, reply, after: None });
                            a.step = Step::AtClient(None, reply);
                        }
                        self.resume_in(id, a, smtp_ms);
                    }
                    _ => {
                        // Nothing answers: the client waits out its connect timeout.
                        let until = started.plus_secs(self.timing.connect_timeout_secs);
                        a.step = Step::TimedOut { addr, started };
                        self.attempts[id] = Some(a);
                        self.schedule(until, Class::Mail, Task::Resume(id));
                    }
                }
            }
            Step::TimedOut { addr, started } => {
                let to = self.mta_at(addr).map_or(client, |(_, h)| h);
                let waited_secs = self.now.since(started) / 1000;
                self.emit(to, client, EventKind::ConnectTimedOut { env: a.env, addr, waited_secs });
                a.temporary = Some(Reason::Unreachable);
                a.server = None;
                self.next_address(id, a);
            }
            Step::Refused => self.next_address(id, a),
            Step::AtServer(command) => self.at_server(id, a, command),
            Step::AtClient(after, reply) => self.at_client(id, a, after, reply),
        }
    }

    fn mta_at(&self, addr: IpAddr) -> Option<(usize, HostId)> {
        self.mtas.iter().position(|m| m.addr == addr).map(|i| (i, self.mtas[i].host))
    }

    fn on_mx_answer(&mut self, id: usize, mut a: Attempt, answer: Answer) {
        let (env, client) = (a.env, self.client(&a));
        let plan = match answer {
            Answer::Records(rrs) => {
                let me = self.mtas[a.mta].name.clone();
                mx::plan(&rrs, Some(&me), &mut self.rng)
            }
            Answer::NoData { .. } => mx::implicit_mx(&a.domain),
            Answer::NxDomain { .. } => {
                let name = a.domain.clone();
                return self.finish_bounce(id, a, Reason::NxDomain { name });
            }
            Answer::ServFail => {
                let name = a.domain.clone();
                return self.finish_defer(id, a, Reason::DnsServFail { name });
            }
        };
        self.emit(client, client, EventKind::Planned { env, plan: plan.clone() });
        match plan {
            Plan::NullMx => self.finish_bounce(id, a, Reason::NullMx),
            Plan::LoopsToSelf => self.finish_bounce(id, a, Reason::LoopsToSelf),
            Plan::Try { hosts, .. } => {
                a.hosts = hosts;
                a.next_host = 0;
                self.next_host(id, a);
            }
        }
    }

    fn next_host(&mut self, id: usize, mut a: Attempt) {
        let Some(c) = a.hosts.get(a.next_host).cloned() else {
            return match a.temporary.take() {
                Some(reason) => self.finish_defer(id, a, reason),
                None => self.finish_bounce(id, a, Reason::NoAddress),
            };
        };
        a.next_host += 1;
        a.host = c.host.clone();
        self.lookup(id, a, c.host, RType::A);
    }

    fn on_address_answer(&mut self, id: usize, mut a: Attempt, rtype: RType, answer: Answer) {
        let client = self.client(&a);
        match answer {
            Answer::Records(rrs) => {
                a.addrs = rrs
                    .iter()
                    .filter_map(|r| match r.data {
                        RData::Addr(ip) => Some(ip),
                        _ => None,
                    })
                    .collect();
                a.next_addr = 0;
                self.next_address(id, a);
            }
            // A dual-stack sender that prefers IPv4 asks AAAA when there is no A.
            Answer::NoData { .. } if rtype == RType::A => {
                let host = a.host.clone();
                self.lookup(id, a, host, RType::AAAA);
            }
            other => {
                if other == Answer::ServFail {
                    a.temporary = Some(Reason::DnsServFail { name: a.host.clone() });
                }
                self.emit(client, client, EventKind::HostSkipped { env: a.env, host: a.host.clone() });
                self.next_host(id, a);
            }
        }
    }

    fn next_address(&mut self, id: usize, mut a: Attempt) {
        let client = self.client(&a);
        let own = self.mtas[a.mta].addr;
        while let Some(&addr) = a.addrs.get(a.next_addr) {
            a.next_addr += 1;
            if addr == own {
                continue;
            }
            let to = self.mta_at(addr).map_or(client, |(_, h)| h);
            self.emit(client, to, EventKind::Connect { env: a.env, addr, host: a.host.clone() });
            a.step = Step::Connecting { addr, started: self.now };
            return self.resume_in(id, a, self.timing.smtp_ms);
        }
        self.next_host(id, a)
    }

    fn send(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some((_, server)) = a.server else { return self.next_address(id, a) };
        self.emit(self.client(&a), server, EventKind::Command { env: a.env, command });
        a.step = Step::AtServer(command);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// Ends a session that failed at `server` without waiting for the 221.
    fn quit(&mut self, a: &mut Attempt) {
        if let Some((_, server)) = a.server.take() {
            self.emit(self.client(a), server, EventKind::Command { env: a.env, command: Command::Quit });
        }
    }

    fn at_server(&mut self, id: usize, mut a: Attempt, command: Command) {
        let Some((m, h)) = a.server else { return self.next_address(id, a) };
        let client = self.client(&a);
        if !self.state.hosts[h as usize].up {
            // The server vanished mid-session: the client times out.
            let started = self.now;
            a.step = Step::TimedOut { addr: self.mtas[m].addr, started };
            self.attempts[id] = Some(a);
            let until = self.now.plus_secs(self.timing.connect_timeout_secs);
            return self.schedule(until, Class::Mail, Task::Resume(id));
        }
        let reply = match command {
            Command::Ehlo => smtp::EHLO_OK,
            Command::MailFrom => smtp::SENDER_OK,
            Command::RcptTo => self.recipient_reply(m, a.env, client),
            Command::Data => smtp::START_DATA,
            Command::Body => {
                self.accept(a.env, m, client);
                smtp::QUEUED
            }
            Command::Quit => smtp::BYE,
        };
        self.emit(h, client, EventKind::Reply { env: a.env, reply, after: Some(command) });
        a.step = Step::AtClient(Some(command), reply);
        self.resume_in(id, a, self.timing.smtp_ms);
    }

    /// How server `m` answers RCPT TO for `env` (DELIVERY-RULES 4.6, 4.7, 6.1, 6.4).
    fn recipient_reply(&mut self, m: usize, env: EnvId, client: HostId) -> Reply {
        let e = &self.envelopes[env as usize];
        let (local, domain) = (e.to.local.as_str(), e.to.domain.as_str());
        let mta = &self.mtas[m];
        let known = if mta.is_final_for(domain) {
            mta.has_mailbox(local)
        } else if mta.relays_for(domain) {
            mta.relay_recipients.as_ref().is_none_or(|r| r.iter().any(|x| x == local) || local.eq_ignore_ascii_case("postmaster"))
        } else {
            return smtp::RELAY_DENIED;
        };
        if !known {
            return smtp::NO_SUCH_USER;
        }
        let postmaster = local.eq_ignore_ascii_case("postmaster");
        match self.state.hosts[mta.host as usize].fault {
            FaultMode::Reject if !postmaster => smtp::REJECTED,
            FaultMode::MailboxFull => smtp::MAILBOX_FULL,
            FaultMode::Greylist if !postmaster => {
                let key = (client, e.from_text(), e.to.to_string());
                let delay = self.timing.greylist_delay_secs * 1000;
                match self.greylist.get(&key) {
                    Some(first) if self.now.since(*first) >= delay => smtp::RECIPIENT_OK,
                    Some(_) => smtp::GREYLISTED,
                    None => {
                        self.greylist.insert(key, self.now);
                        smtp::GREYLISTED
                    }
                }
            }
            _ => smtp::RECIPIENT_OK,
        }
    }

    /// The end of DATA: server `m` takes responsibility (RFC 5321 6.1).
    fn accept(&mut self, env: EnvId, m: usize, client: HostId) {
        let client_mta = self.mta_of[client as usize];
        let hop = Hop {
            by: self.mtas[m].name.clone(),
            from_host: self.hosts[client as usize].name.clone(),
            from_addr: client_mta.map(|c| self.mtas[c].addr),
            at: self.now,
            id: format!("{:X}{:04X}", 0xA0 + m, env),
        };
        self.envelopes[env as usize].hops.push(hop);
        let domain = self.envelopes[env as usize].to.domain.clone();
        if self.mtas[m].is_final_for(&domain) {
            self.store(env, m, client);
        } else {
            let h = self.mtas[m].host;
            self.emit(client, h, EventKind::Enqueued { env, via: Via::Smtp });
            // It becomes a sender itself once the session has ended.
            self.schedule(self.now.plus_ms(2 * self.timing.smtp_ms), Class::Mail, Task::Start(env));
        }
    }

    fn store(&mut self, env: EnvId, m: usize, from: HostId) {
        let h = self.mtas[m].host;
        let local = &self.envelopes[env as usize].to.local;
        let user: Rc<str> = if local.eq_ignore_ascii_case("postmaster") { "postmaster".into() } else { local.as_str().into() };
        let n = self.state.hosts[h as usize].mailboxes.get(&user).map_or(0, Vec::len) + 1;
        let file: Rc<str> = format!("{n:04}.eml").into();
        let eml: Rc<str> = eml::render(&self.envelopes[env as usize], self.now).into();
        self.emit(from, h, EventKind::Stored { env, user, file, eml });
    }

    fn at_client(&mut self, id: usize, mut a: Attempt, after: Option<Command>, reply: Reply) {
        let host = self.mtas[a.server.map_or(a.mta, |(m, _)| m)].name.clone();
        if reply.is_success() {
            let next = match after {
                None => Command::Ehlo,
                Some(Command::Ehlo) => Command::MailFrom,
                Some(Command::MailFrom) => Command::RcptTo,
                Some(Command::RcptTo) => Command::Data,
                Some(Command::Data) => Command::Body,
                Some(Command::Body) => Command::Quit,
                Some(Command::Quit) => return self.finish(id, a),
            };
            return self.send(id, a, next);
        }
        self.quit(&mut a);
        let reason = Reason::Reply { host, reply };
        if reply.is_permanent() && after.is_some() {
            // DELIVERY-RULES 4.5: a 5yz to MAIL, RCPT or DATA ends the attempt.
            self.finish_bounce(id, a, reason)
        } else {
            // 4.4: a 421 or any 4yz: try the next host; defer if none is left.
            a.temporary = Some(reason);
            self.next_address(id, a)
        }
    }

    fn release(&mut self, id: usize, a: &Attempt) {
        let h = self.mtas[a.mta].host;
        if self.busy[a.env as usize] == Some(h) {
            self.busy[a.env as usize] = None;
        }
        self.attempts[id] = None;
        self.free_attempts.push(id);
    }

    fn finish(&mut self, id: usize, a: Attempt) {
        self.release(id, &a);
    }

    fn finish_defer(&mut self, id: usize, a: Attempt, reason: Reason) {
        self.release(id, &a);
        let h = self.mtas[a.mta].host;
        self.defer(a.env, h, a.mta, reason);
    }

    fn finish_bounce(&mut self, id: usize, a: Attempt, reason: Reason) {
        self.release(id, &a);
        let h = self.mtas[a.mta].host;
        self.bounce(a.env, h, reason);
    }

    /// DELIVERY-RULES 5.1, 5.2: keep it and try later, or give up when the
    /// queue lifetime has run out.
    fn defer(&mut self, env: EnvId, h: HostId, mta: usize, reason: Reason) {
        let Some(q) = self.state.hosts[h as usize].queue.get(&env) else { return };
        let age_secs = self.now.since(q.since) / 1000;
        let mta = &self.mtas[mta];
        if age_secs >= mta.lifetime_secs {
            let reason = Reason::Expired { after_secs: age_secs, last: Box::new(reason) };
            return self.bounce(env, h, reason);
        }
        let delay = mta.retry.next_delay_secs(q.last_delay_secs, age_secs);
        let next_retry = self.now.plus_secs(delay);
        self.emit(h, h, EventKind::Deferred { env, reason, next_retry });
        self.schedule(next_retry, Class::Mail, Task::Start(env));
    }

    /// DELIVERY-RULES 5.3: the holder reports the failure to the envelope
    /// sender from `<>`, unless the failed message is itself a bounce.
    fn bounce(&mut self, env: EnvId, h: HostId, reason: Reason) {
        let e = &self.envelopes[env as usize];
        let Some(sender) = e.from.clone() else {
            return self.emit(h, h, EventKind::Dropped { env, reason });
        };
        let holder = self.hosts[h as usize].name.clone();
        let body = eml::bounce_body(e, &holder, &reason);
        let bounce = Envelope {
            from: None,
            header_from: format!("MAILER-DAEMON@{holder}"),
            to: sender,
            subject: "Undelivered Mail Returned to Sender".into(),
            body: body.into(),
            message_id: format!("<{}.bounce.{}@{}>", self.now.millis(), env, holder),
            submitted: self.now,
            hops: Vec::new(),
            bounce_of: Some(env),
        };
        let b = self.new_envelope(bounce);
        self.emit(h, h, EventKind::Bounced { env, bounce: b, reason });
        self.emit(h, h, EventKind::Enqueued { env: b, via: Via::Bounce });
        self.schedule(self.now, Class::Mail, Task::Start(b));
    }
}

/// "Sender" for the submitting server; "MX1", "MX2"… for the servers named
/// by MX records, in preference order within their zone; "Mail" otherwise.
fn label_mail_servers(hosts: &mut [Host], states: &[HostState], sender: usize) {
    let mut ranked: Vec<(Rc<str>, usize)> = Vec::new();
    for st in states {
        if let Some(z) = &st.zone {
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
                    ranked.push((host, rank + 1));
                }
            }
        }
    }
    for (i, h) in hosts.iter_mut().enumerate() {
        if h.kind != HostKind::Mail {
            continue;
        }
        h.label = if i == sender {
            "Sender".into()
        } else if let Some((_, rank)) = ranked.iter().find(|(n, _)| *n == h.name) {
            format!("MX{rank}")
        } else {
            "Mail".into()
        };
    }
}

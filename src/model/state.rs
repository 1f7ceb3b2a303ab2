//! What every host holds at one moment: queues, caches, mailboxes, up or
//! down, and the zones at the authorities. The simulation changes it only by
//! applying its own events, so folding a trace prefix gives the state at any
//! point of the replay, exactly as the simulation saw it.

use super::cache::Cache;
use super::dns::ZoneData;
use super::event::{EnvId, Event, EventKind, HostId};
use super::smtp::FaultMode;
use super::time::Time;
use litemap::LiteMap;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct QueueEntry {
    pub since: Time,
    /// Tries made so far at this holder.
    pub attempts: u32,
    /// When the next try is due; `None` while one is under way.
    pub next_retry: Option<Time>,
    /// The last wait, which the retry schedule grows from.
    pub last_delay_secs: Option<u64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MailFile {
    pub name: Rc<str>,
    pub env: EnvId,
    pub at: Time,
    pub eml: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HostState {
    pub up: bool,
    pub fault: FaultMode,
    /// Mail servers: what waits in the queue, by envelope.
    pub queue: BTreeMap<EnvId, QueueEntry>,
    /// Final servers: one folder per user, one file per message.
    pub mailboxes: LiteMap<Rc<str>, Vec<MailFile>>,
    /// Resolvers: the cache.
    pub cache: Cache,
    /// Authorities: the zone served now.
    pub zone: Option<Rc<ZoneData>>,
}

impl HostState {
    pub fn new(up: bool, fault: FaultMode) -> HostState {
        HostState { up, fault, queue: BTreeMap::new(), mailboxes: LiteMap::new(), cache: Cache::default(), zone: None }
    }
}

/// Where an envelope is, for the "exactly one place" invariant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Queued(HostId),
    Stored(HostId),
    /// Given up and answered by the bounce envelope.
    Bounced(EnvId),
    /// A bounce that could not be delivered either.
    Dropped,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub now: Time,
    pub hosts: Vec<HostState>,
    /// Per envelope, where it is now (`None` before it is sent).
    pub places: Vec<Option<Place>>,
}

impl State {
    pub fn place(&self, env: EnvId) -> Option<Place> {
        self.places.get(env as usize).copied().flatten()
    }

    fn set_place(&mut self, env: EnvId, place: Place) {
        let i = env as usize;
        if self.places.len() <= i {
            self.places.resize(i + 1, None);
        }
        self.places[i] = Some(place);
    }

    fn unqueue(&mut self, host: HostId, env: EnvId) {
        self.hosts[host as usize].queue.remove(&env);
    }

    /// Folds one event into the state. Events that only carry packets
    /// (queries, SMTP lines) change nothing held.
    pub fn apply(&mut self, ev: &Event) {
        self.now = ev.at;
        let (from, to) = (ev.from as usize, ev.to as usize);
        match &ev.kind {
            EventKind::Enqueued { env, .. } => {
                self.unqueue(ev.from, *env);
                self.hosts[to].queue.insert(
                    *env,
                    QueueEntry { since: ev.at, attempts: 0, next_retry: Some(ev.at), last_delay_secs: None },
                );
                self.set_place(*env, Place::Queued(ev.to));
            }
            EventKind::AttemptStarted { env, attempt } => {
                if let Some(q) = self.hosts[from].queue.get_mut(env) {
                    q.attempts = *attempt;
                    q.next_retry = None;
                }
            }
            EventKind::Deferred { env, next_retry, .. } => {
                if let Some(q) = self.hosts[from].queue.get_mut(env) {
                    q.last_delay_secs = Some(next_retry.since(ev.at) / 1000);
                    q.next_retry = Some(*next_retry);
                }
            }
            EventKind::Stored { env, user, file, eml } => {
                self.unqueue(ev.from, *env);
                self.hosts[to].mailboxes.entry(user.clone()).or_default().push(MailFile {
                    name: file.clone(),
                    env: *env,
                    at: ev.at,
                    eml: eml.clone(),
                });
                self.set_place(*env, Place::Stored(ev.to));
            }
            EventKind::Bounced { env, bounce, .. } => {
                self.unqueue(ev.from, *env);
                self.set_place(*env, Place::Bounced(*bounce));
            }
            EventKind::Dropped { env, .. } => {
                self.unqueue(ev.from, *env);
                self.set_place(*env, Place::Dropped);
            }
            EventKind::Cached { name, rtype, answer, ttl } => {
                self.hosts[from].cache.insert(name, *rtype, answer.clone(), *ttl, ev.at);
            }
            EventKind::CacheExpired { name, rtype } => {
                self.hosts[from].cache.expire(&(name.clone(), *rtype), ev.at);
            }
            EventKind::CacheFlushed => self.hosts[from].cache.clear(),
            EventKind::HostDown => self.hosts[from].up = false,
            EventKind::HostUp => self.hosts[from].up = true,
            EventKind::FaultSet { mode } => self.hosts[from].fault = *mode,
            EventKind::ZoneChanged { zone } => self.hosts[from].zone = Some(zone.clone()),
            EventKind::DnsQuery { .. }
            | EventKind::CacheHit { .. }
            | EventKind::DnsAnswer { .. }
            | EventKind::NotCached { .. }
            | EventKind::Planned { .. }
            | EventKind::HostSkipped { .. }
            | EventKind::HostIsAlias { .. }
            | EventKind::DnsTimedOut { .. }
            | EventKind::ConnectionLost { .. }
            | EventKind::Connect { .. }
            | EventKind::ConnectRefused { .. }
            | EventKind::ConnectTimedOut { .. }
            | EventKind::Command { .. }
            | EventKind::Reply { .. } => {}
        }
    }
}

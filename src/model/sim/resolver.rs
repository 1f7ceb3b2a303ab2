//! The resolver's side of a lookup: its cache, the question to the
//! authority (again, after a timeout; and again for the target of an alias
//! in another zone) and the answer back, each leg a scheduled step
//! (rules.md 2 and 3). The client reads the answer in `client.rs`.

use super::attempt::{Attempt, Leg, Step};
use super::{Class, Simulation, Task};
use crate::model::cache::{self, CacheKey};
use crate::model::dns::{Answer, RData, RType, Rr, ZoneStatus, ROOT_NEGATIVE_TTL};
use crate::model::event::{EnvId, EventKind, HostId};
use crate::model::host::HostKind;
use std::rc::Rc;

/// How many aliases a resolver follows before it gives up (as resolvers cap CNAME chains).
const MAX_ALIASES: usize = 8;

impl Simulation {
    /// The client of attempt `id` asks its resolver for (name, type).
    pub(super) fn lookup(&mut self, id: usize, mut a: Attempt, name: Rc<str>, rtype: RType) {
        let (client, resolver) = (a.client, self.mtas[a.client as usize].resolver);
        self.emit(client, resolver, EventKind::DnsQuery { env: a.env, name: name.clone(), rtype });
        a.step = Step::Dns { name, rtype, leg: Leg::ToResolver };
        self.resume_in(id, a, self.timing.dns_ms);
    }

    /// The next leg of a lookup: a cache hit or a question to the authority,
    /// the authority's answer (or its silence), the resolver caching it, the
    /// client reading it.
    pub(super) fn dns_leg(&mut self, id: usize, mut a: Attempt, name: Rc<str>, rtype: RType, leg: Leg) {
        let client = a.client;
        let resolver = self.mtas[client as usize].resolver;
        let dns = self.timing.dns_ms;
        match leg {
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
                    self.answer(resolver, client, env, &name, rtype, &answer, elapsed_secs);
                    a.step = Step::Dns { name, rtype, leg: Leg::ToClient(answer) };
                    self.resume_in(id, a, dns);
                } else {
                    let asked = name.clone();
                    self.ask_authority(id, a, name, rtype, asked, 1, Rc::from(Vec::new()));
                }
            }
            Leg::ToAuthority { auth, asked, attempt, chain } => {
                let answer = match &self.state.hosts[auth as usize].zone {
                    // A lame or unreachable authority says nothing at all.
                    Some(z) if auth != self.root && z.status == ZoneStatus::Timeout => {
                        let until = self.now.plus_secs(self.timing.dns_timeout_secs);
                        a.step = Step::Dns { name, rtype, leg: Leg::AuthorityTimedOut { asked, attempt, chain } };
                        self.attempts[id] = Some(a);
                        return self.schedule(until, Class::Mail, Task::Resume(id));
                    }
                    Some(z) if auth != self.root => z.answer(&asked, rtype),
                    _ => Answer::NxDomain { neg_ttl: ROOT_NEGATIVE_TTL },
                };
                self.answer(auth, resolver, a.env, &asked, rtype, &answer, 0);
                // An alias whose target lives in another zone: ask there too.
                let answer = with_chain(&chain, answer);
                if let Some(target) = unresolved_alias(&answer)
                    && chain.len() < MAX_ALIASES
                    && let Answer::Records(rrs) = &answer
                {
                    let chain = rrs.clone();
                    return self.ask_authority(id, a, name, rtype, target, 1, chain);
                }
                a.step = Step::Dns { name, rtype, leg: Leg::BackToResolver(answer) };
                self.resume_in(id, a, dns);
            }
            Leg::AuthorityTimedOut { asked, attempt, chain } => {
                // Nothing travels from a silent authority: the resolver notices alone.
                self.emit(resolver, resolver, EventKind::DnsTimedOut { env: a.env, name: asked.clone(), rtype, attempt });
                if attempt < self.timing.dns_tries {
                    return self.ask_authority(id, a, name, rtype, asked, attempt + 1, chain);
                }
                // Out of tries: the resolver answers SERVFAIL itself.
                self.dns_leg(id, a, name, rtype, Leg::BackToResolver(Answer::ServFail));
            }
            Leg::BackToResolver(answer) => {
                let ttl = answer.ttl(self.timing.servfail_cache_secs);
                if ttl > 0 {
                    let key = cache::key_for(&name, rtype, &answer);
                    self.emit(resolver, resolver, EventKind::Cached { name: name.clone(), rtype, answer: answer.clone(), ttl });
                    self.schedule(self.now.plus_secs(u64::from(ttl)), Class::Expiry, Task::Expire { resolver, key });
                } else {
                    self.emit(resolver, resolver, EventKind::NotCached { name: name.clone(), rtype });
                }
                self.answer(resolver, client, a.env, &name, rtype, &answer, 0);
                a.step = Step::Dns { name, rtype, leg: Leg::ToClient(answer) };
                self.resume_in(id, a, dns);
            }
            Leg::ToClient(answer) => match rtype {
                RType::MX => self.on_mx_answer(id, a, answer),
                RType::A | RType::AAAA => self.on_address_answer(id, a, rtype, answer),
            },
        }
    }

    /// The resolver sends its question about `asked` to the authority of that name.
    #[allow(clippy::too_many_arguments)]
    fn ask_authority(&mut self, id: usize, mut a: Attempt, name: Rc<str>, rtype: RType, asked: Rc<str>, attempt: u32, chain: Rc<[Rr]>) {
        let resolver = self.mtas[a.client as usize].resolver;
        let auth = self.authority_for(&asked);
        self.emit(resolver, auth, EventKind::DnsQuery { env: a.env, name: asked.clone(), rtype });
        a.step = Step::Dns { name, rtype, leg: Leg::ToAuthority { auth, asked, attempt, chain } };
        self.resume_in(id, a, self.timing.dns_ms);
    }

    /// An answer on its way from `from` to `to`, `elapsed_secs` after it was cached.
    #[allow(clippy::too_many_arguments)]
    fn answer(&mut self, from: HostId, to: HostId, env: EnvId, name: &Rc<str>, rtype: RType, answer: &Answer, elapsed_secs: u32) {
        let kind = EventKind::DnsAnswer { env, name: name.clone(), rtype, answer: answer.clone(), elapsed_secs };
        self.emit(from, to, kind);
    }

    /// A cache entry's TTL has run out, unless it was replaced meanwhile.
    pub(super) fn expire(&mut self, resolver: HostId, key: CacheKey) {
        let live = self.state.hosts[resolver as usize].cache.entry(&key).is_some_and(|e| e.expires_at <= self.now);
        if live {
            self.emit(resolver, resolver, EventKind::CacheExpired { name: key.0, rtype: key.1 });
        }
    }

    pub(super) fn authority_of_origin(&self, origin: &str) -> Option<HostId> {
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
                && crate::model::dns::in_zone(name, o)
                && best.is_none_or(|(len, _)| o.len() > len)
            {
                best = Some((o.len(), i as HostId));
            }
        }
        best.map_or(self.root, |(_, h)| h)
    }
}

/// The answer about an alias's target, after the aliases that led to it.
fn with_chain(chain: &Rc<[Rr]>, answer: Answer) -> Answer {
    match answer {
        _ if chain.is_empty() => answer,
        Answer::Records(rrs) => Answer::Records(chain.iter().chain(rrs.iter()).cloned().collect::<Vec<_>>().into()),
        negative => negative,
    }
}

/// The target of the last alias of an answer, when nothing in the answer
/// says what that target holds.
fn unresolved_alias(answer: &Answer) -> Option<Rc<str>> {
    let Answer::Records(rrs) = answer else { return None };
    let RData::Cname(target) = &rrs.last()?.data else { return None };
    (!rrs.iter().any(|r| r.name == *target)).then(|| target.clone())
}

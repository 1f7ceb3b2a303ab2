//! The resolver's cache (rules.md 3), in the manner of hickory-dns:
//! `insert(query, answer, now)`, `get(query, now)`, the TTL counted down on
//! read, negative entries, and NXDOMAIN covering every type of a name.

use super::dns::{Answer, RType};
use super::time::Time;
use litemap::LiteMap;
use std::rc::Rc;

/// `None` as the type stands for "every type": where NXDOMAIN is kept.
pub type CacheKey = (Rc<str>, Option<RType>);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheEntry {
    pub answer: Answer,
    pub stored_at: Time,
    pub expires_at: Time,
    /// The TTL it was stored with, in seconds, for the countdown bar.
    pub ttl: u32,
}

impl CacheEntry {
    /// Seconds left, rounded up, as a resolver reports a decremented TTL.
    pub fn remaining_secs(&self, now: Time) -> u32 {
        self.expires_at.since(now).div_ceil(1000) as u32
    }
    pub fn elapsed_secs(&self, now: Time) -> u32 {
        (now.since(self.stored_at) / 1000) as u32
    }
}

/// Ordered by name so that a listing is stable (the model never iterates a
/// hash map). Entries are grouped by name so that a lookup borrows the `&str`
/// it is given. A resolver caches a few names: a map in one sorted list
/// (`LiteMap`) is as quick as a tree here and far less code in the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cache {
    entries: LiteMap<Rc<str>, [Option<CacheEntry>; 4]>,
}

fn slot(rtype: Option<RType>) -> usize {
    match rtype {
        None => 0,
        Some(RType::MX) => 1,
        Some(RType::A) => 2,
        Some(RType::AAAA) => 3,
    }
}

const SLOT_TYPES: [Option<RType>; 4] = [None, Some(RType::MX), Some(RType::A), Some(RType::AAAA)];

/// The key an answer is stored under: NXDOMAIN for the whole name, the rest
/// for the type asked (RFC 2308 5).
pub fn key_for(name: &Rc<str>, rtype: RType, answer: &Answer) -> CacheKey {
    match answer {
        Answer::NxDomain { .. } => (name.clone(), None),
        _ => (name.clone(), Some(rtype)),
    }
}

impl Cache {
    /// Stores `answer` and returns its expiry, or `None` when its TTL is 0
    /// ("use once, do not cache", RFC 1035 3.2.1).
    pub fn insert(&mut self, name: &Rc<str>, rtype: RType, answer: Answer, ttl: u32, now: Time) -> Option<Time> {
        if ttl == 0 {
            return None;
        }
        let expires_at = now.plus_secs(u64::from(ttl));
        let (_, t) = key_for(name, rtype, &answer);
        let slots = self.entries.entry(name.clone()).or_default();
        slots[slot(t)] = Some(CacheEntry { answer, stored_at: now, expires_at, ttl });
        Some(expires_at)
    }

    /// The live entry answering (name, type), if any. An entry whose TTL has
    /// run out is never returned, even if its expiry has not been processed.
    pub fn get(&self, name: &str, rtype: RType, now: Time) -> Option<&CacheEntry> {
        let slots = self.entries.get(name)?;
        let live = |e: &&CacheEntry| e.expires_at > now;
        slots[slot(Some(rtype))].as_ref().filter(live).or_else(|| slots[0].as_ref().filter(live))
    }

    /// The entry stored under exactly this key, live or not.
    pub fn entry(&self, key: &CacheKey) -> Option<&CacheEntry> {
        self.entries.get(&*key.0).and_then(|slots| slots[slot(key.1)].as_ref())
    }

    /// Removes the entry if it has expired by `now`; true if one was removed.
    pub fn expire(&mut self, key: &CacheKey, now: Time) -> bool {
        let Some(slots) = self.entries.get_mut(&*key.0) else { return false };
        let s = &mut slots[slot(key.1)];
        if s.as_ref().is_none_or(|e| e.expires_at > now) {
            return false;
        }
        *s = None;
        if slots.iter().all(Option::is_none) {
            self.entries.remove(&*key.0);
        }
        true
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Every entry, by name and then by type (NXDOMAIN first).
    pub fn entries(&self) -> impl Iterator<Item = (&Rc<str>, Option<RType>, &CacheEntry)> {
        self.entries.iter().flat_map(|(name, slots)| {
            slots.iter().zip(SLOT_TYPES).filter_map(move |(e, t)| e.as_ref().map(|e| (name, t, e)))
        })
    }

    pub fn len(&self) -> usize {
        self.entries().count()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dns::{RData, Rr};

    fn mx_answer(ttl: u32) -> Answer {
        Answer::Records(
            vec![Rr { name: "example.com".into(), ttl, data: RData::Mx { preference: 10, host: "mx1.example.com".into() } }]
                .into(),
        )
    }

    #[test]
    fn rule_3_1_answer_reused_until_ttl_runs_out_then_asked_again() {
        let mut c = Cache::default();
        let name: Rc<str> = "example.com".into();
        // Stored at T+10s with TTL 300 s.
        let exp = c.insert(&name, RType::MX, mx_answer(300), 300, Time::from_secs(10));
        assert_eq!(exp, Some(Time::from_secs(310)));
        // At T+70s, 240 s are left: the TTL counts down on read.
        let e = c.get("example.com", RType::MX, Time::from_secs(70)).unwrap();
        assert_eq!(e.remaining_secs(Time::from_secs(70)), 240);
        assert_eq!(e.elapsed_secs(Time::from_secs(70)), 60);
        // At T+310s it is gone: the resolver must ask again.
        assert!(c.get("example.com", RType::MX, Time::from_secs(310)).is_none());
        assert!(c.expire(&(name, Some(RType::MX)), Time::from_secs(310)));
        assert!(c.is_empty());
    }

    #[test]
    fn rule_3_1_ttl_zero_is_used_once_and_not_cached() {
        let mut c = Cache::default();
        assert_eq!(c.insert(&"example.com".into(), RType::MX, mx_answer(0), 0, Time::ZERO), None);
        assert!(c.get("example.com", RType::MX, Time::ZERO).is_none());
    }

    #[test]
    fn rule_3_2_nxdomain_covers_every_type_nodata_only_the_type_asked() {
        let mut c = Cache::default();
        let nx = Answer::NxDomain { neg_ttl: 300 };
        c.insert(&"gone.example".into(), RType::MX, nx.clone(), 300, Time::ZERO);
        assert_eq!(c.get("gone.example", RType::A, Time::from_secs(1)).unwrap().answer, nx);
        let nodata = Answer::NoData { neg_ttl: 300 };
        c.insert(&"example.net".into(), RType::MX, nodata.clone(), 300, Time::ZERO);
        assert_eq!(c.get("example.net", RType::MX, Time::from_secs(1)).unwrap().answer, nodata);
        assert!(c.get("example.net", RType::A, Time::from_secs(1)).is_none());
    }

    #[test]
    fn expire_ignores_an_entry_that_was_refreshed() {
        let mut c = Cache::default();
        let name: Rc<str> = "example.com".into();
        c.insert(&name, RType::MX, mx_answer(300), 300, Time::ZERO);
        c.insert(&name, RType::MX, mx_answer(300), 300, Time::from_secs(100));
        assert!(!c.expire(&(name, Some(RType::MX)), Time::from_secs(300)));
        assert_eq!(c.len(), 1);
    }
}

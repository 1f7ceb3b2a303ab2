//! DNS data as the authority holds it, and the answers it gives
//! (rules.md 2 and 3).

use serde::{Deserialize, Serialize};
use std::net::IpAddr;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RType {
    MX,
    A,
    AAAA,
}

impl RType {
    pub fn as_str(self) -> &'static str {
        match self {
            RType::MX => "MX",
            RType::A => "A",
            RType::AAAA => "AAAA",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    /// A preference and a host *name*, never an address (RFC 5321 5.1).
    /// The null MX of RFC 7505 is preference 0 and host ".", stored as "".
    Mx { preference: u16, host: Rc<str> },
    Addr(IpAddr),
    /// An alias: the name is another name's (RFC 1034 3.6.2). It answers
    /// every type, so it stands alone at its name.
    Cname(Rc<str>),
}

/// One resource record of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rr {
    pub name: Rc<str>,
    pub ttl: u32,
    pub data: RData,
}

impl Rr {
    pub fn is_null_mx(&self) -> bool {
        matches!(&self.data, RData::Mx { preference: 0, host } if host.is_empty())
    }
    /// The type it answers; `None` for an alias, which answers every type.
    pub fn rtype(&self) -> Option<RType> {
        match self.data {
            RData::Mx { .. } => Some(RType::MX),
            RData::Addr(IpAddr::V4(_)) => Some(RType::A),
            RData::Addr(IpAddr::V6(_)) => Some(RType::AAAA),
            RData::Cname(_) => None,
        }
    }
}

/// What an authority (or a resolver on its behalf) says about (name, type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Records(Rc<[Rr]>),
    /// The name exists but has no record of this type; `neg_ttl` is
    /// min(SOA TTL, SOA MINIMUM) (RFC 2308 5).
    NoData { neg_ttl: u32 },
    /// The name does not exist at all: this covers every type (RFC 2308 5).
    NxDomain { neg_ttl: u32 },
    /// The authority could not answer: temporary (RFC 5321 5.1, 4.4.3).
    ServFail,
}

impl Answer {
    /// How long a resolver may keep this answer, in seconds. Positive answers
    /// live as long as their shortest TTL (RFC 2181 5.2 asks for one TTL per
    /// RRset); TTL 0 means "do not cache".
    pub fn ttl(&self, servfail_secs: u32) -> u32 {
        match self {
            Answer::Records(rrs) => rrs.iter().map(|r| r.ttl).min().unwrap_or(0),
            Answer::NoData { neg_ttl } | Answer::NxDomain { neg_ttl } => *neg_ttl,
            // RFC 2308 7.1: a SERVFAIL may be remembered for at most 5 minutes.
            Answer::ServFail => servfail_secs.min(300),
        }
    }
    pub fn is_negative(&self) -> bool {
        !matches!(self, Answer::Records(_))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneStatus {
    /// The authority answers from its records.
    #[default]
    Ok,
    /// The domain does not exist: every name in it is NXDOMAIN.
    Nxdomain,
    /// The authority fails (SERVFAIL) for every name in it.
    Servfail,
    /// The authority does not answer at all (down, or lame): the resolver
    /// waits out its timeout and tries again before it gives up.
    Timeout,
}

/// A zone as the authority serves it, names already validated and lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneData {
    pub origin: Rc<str>,
    pub status: ZoneStatus,
    pub soa_ttl: u32,
    pub soa_minimum: u32,
    pub records: Vec<Rr>,
}

/// TTL of the negative answers for names outside every zone: the root zone's
/// SOA MINIMUM is one day.
pub const ROOT_NEGATIVE_TTL: u32 = 86_400;

impl ZoneData {
    /// RFC 2308 5: negative answers are cached for min(SOA TTL, SOA MINIMUM).
    pub fn negative_ttl(&self) -> u32 {
        self.soa_ttl.min(self.soa_minimum)
    }

    pub fn contains(&self, name: &str) -> bool {
        in_zone(name, &self.origin)
    }

    /// The authoritative answer for (name, type) at this moment. An alias
    /// is followed inside the zone (up to 8 links), as an authority adds what
    /// it knows; a target outside the zone is left to the resolver.
    /// `ZoneStatus::Timeout` gives no answer: the caller waits.
    pub fn answer(&self, name: &str, rtype: RType) -> Answer {
        let neg_ttl = self.negative_ttl();
        match self.status {
            ZoneStatus::Servfail | ZoneStatus::Timeout => return Answer::ServFail,
            ZoneStatus::Nxdomain => return Answer::NxDomain { neg_ttl },
            ZoneStatus::Ok => {}
        }
        let mut chain: Vec<Rr> = Vec::new();
        let mut name: Rc<str> = name.into();
        for _ in 0..8 {
            if let Some(alias) = self.records.iter().find(|rr| rr.name == name && matches!(rr.data, RData::Cname(_))) {
                let RData::Cname(target) = &alias.data else { unreachable!() };
                chain.push(alias.clone());
                name = target.clone();
                if !self.contains(&name) {
                    return Answer::Records(chain.into());
                }
                continue;
            }
            let mut exists = *self.origin == *name;
            let mut found = chain.clone();
            for rr in &self.records {
                if rr.name == name {
                    exists = true;
                    if rr.rtype() == Some(rtype) {
                        found.push(rr.clone());
                    }
                }
            }
            return if found.len() > chain.len() || !chain.is_empty() {
                Answer::Records(found.into())
            } else if exists {
                Answer::NoData { neg_ttl }
            } else {
                Answer::NxDomain { neg_ttl }
            };
        }
        Answer::ServFail
    }
}

pub fn in_zone(name: &str, origin: &str) -> bool {
    name == origin
        || (name.len() > origin.len()
            && name.ends_with(origin)
            && name.as_bytes()[name.len() - origin.len() - 1] == b'.')
}

/// The dig-style line of one record: `example.com. 3600 IN MX 10 mx1.example.com.`
pub fn rr_line(rr: &Rr, ttl: u32) -> String {
    let data = match &rr.data {
        RData::Mx { preference, host } if host.is_empty() => format!("MX {preference} ."),
        RData::Mx { preference, host } => format!("MX {preference} {host}."),
        RData::Addr(IpAddr::V4(a)) => format!("A {a}"),
        RData::Addr(IpAddr::V6(a)) => format!("AAAA {a}"),
        RData::Cname(target) => format!("CNAME {target}."),
    };
    format!("{}. {ttl} IN {data}", rr.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> ZoneData {
        ZoneData {
            origin: "example.com".into(),
            status: ZoneStatus::Ok,
            soa_ttl: 3600,
            soa_minimum: 300,
            records: vec![
                Rr { name: "example.com".into(), ttl: 3600, data: RData::Mx { preference: 10, host: "mx1.example.com".into() } },
                Rr { name: "mx1.example.com".into(), ttl: 600, data: RData::Addr("198.51.100.10".parse().unwrap()) },
            ],
        }
    }

    #[test]
    fn rule_3_2_negative_ttl_is_min_of_soa_ttl_and_minimum() {
        assert_eq!(zone().negative_ttl(), 300);
        assert_eq!(zone().answer("nope.example.com", RType::A), Answer::NxDomain { neg_ttl: 300 });
        assert_eq!(zone().answer("example.com", RType::A), Answer::NoData { neg_ttl: 300 });
    }

    #[test]
    fn authority_answers_by_name_and_type() {
        let z = zone();
        let Answer::Records(rrs) = z.answer("example.com", RType::MX) else { panic!() };
        assert_eq!(rrs.len(), 1);
        assert_eq!(rr_line(&rrs[0], 3600), "example.com. 3600 IN MX 10 mx1.example.com.");
        let mut z2 = z.clone();
        z2.status = ZoneStatus::Servfail;
        assert_eq!(z2.answer("example.com", RType::MX), Answer::ServFail);
        assert!(in_zone("mx1.example.com", "example.com"));
        assert!(!in_zone("badexample.com", "example.com"));
    }

    #[test]
    fn an_alias_is_followed_inside_the_zone_and_left_outside_it() {
        let mut z = zone();
        z.records.push(Rr { name: "mail.example.com".into(), ttl: 300, data: RData::Cname("mx1.example.com".into()) });
        z.records.push(Rr { name: "ext.example.com".into(), ttl: 300, data: RData::Cname("host.other.test".into()) });
        let Answer::Records(rrs) = z.answer("mail.example.com", RType::A) else { panic!() };
        assert_eq!(rrs.iter().map(|r| rr_line(r, r.ttl)).collect::<Vec<_>>(), [
            "mail.example.com. 300 IN CNAME mx1.example.com.",
            "mx1.example.com. 600 IN A 198.51.100.10"
        ]);
        let Answer::Records(rrs) = z.answer("ext.example.com", RType::A) else { panic!() };
        assert_eq!(rrs.len(), 1, "the resolver asks the other zone");
        let mut lame = zone();
        lame.status = ZoneStatus::Timeout;
        assert_eq!(lame.answer("example.com", RType::MX), Answer::ServFail);
    }

    #[test]
    fn rule_3_3_servfail_remembered_at_most_five_minutes() {
        assert_eq!(Answer::ServFail.ttl(30), 30);
        assert_eq!(Answer::ServFail.ttl(3600), 300);
    }
}

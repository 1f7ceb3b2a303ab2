//! Turning an MX answer into the ordered list of hosts to try
//! (rules.md 2.3 to 2.8, RFC 5321 5.1, RFC 7505).

use super::dns::{RData, Rr};
use std::net::IpAddr;
use rand_chacha::ChaCha8Rng;
use rand_core::Rng;
use std::rc::Rc;

/// One host to try, in order, with the addresses it resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub preference: u16,
    pub host: Rc<str>,
    /// Filled in by the address lookups, before the first connection.
    pub addrs: Rc<[IpAddr]>,
}

impl Candidate {
    pub fn new(preference: u16, host: Rc<str>) -> Candidate {
        Candidate { preference, host, addrs: Rc::from(Vec::new()) }
    }
}

/// How the list came about, so the narration can say why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Hosts to try in this order. `shuffled` is true when records of equal
    /// preference were put in a random order (2.3); `pruned_from` is the
    /// preference of this server's own record when it dropped itself and
    /// everything worse (2.8); `implicit` when there was no MX at all (2.4);
    /// `fixed` when the server sends everything to a configured next hop
    /// (Postfix `transport_maps`), without asking for MX records.
    Try { hosts: Rc<[Candidate]>, shuffled: bool, implicit: bool, pruned_from: Option<u16>, fixed: bool },
    /// RFC 7505: the domain accepts no mail.
    NullMx,
    /// This server is the best MX itself: mail would loop back to it.
    LoopsToSelf,
}

/// The MX hosts in the order to try them, before their addresses are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Order {
    Hosts { hosts: Vec<Candidate>, shuffled: bool },
    NullMx,
}

/// Rules 2.3 and 2.6: sort by preference (lowest first), shuffle equal
/// preferences with the scenario's seeded generator, recognise a null MX.
pub fn order(records: &[Rr], rng: &mut ChaCha8Rng) -> Order {
    if records.len() == 1 && records[0].is_null_mx() {
        return Order::NullMx;
    }
    let mut hosts: Vec<Candidate> = records
        .iter()
        .filter_map(|rr| match &rr.data {
            RData::Mx { preference, host } if !host.is_empty() => Some(Candidate::new(*preference, host.clone())),
            _ => None,
        })
        .collect();
    // Stable, so that equal preferences start in the listed order and the
    // shuffle alone decides their final order.
    super::sort::sort_by_rank(&mut hosts, |c| c.preference as u128);
    let mut shuffled = false;
    let mut start = 0;
    while start < hosts.len() {
        let end = hosts[start..].iter().position(|c| c.preference != hosts[start].preference).map_or(hosts.len(), |n| start + n);
        if end - start > 1 {
            shuffled = true;
            // Fisher-Yates over the run of equal preferences.
            for i in (start + 1..end).rev() {
                let j = start + (rng.next_u64() % (i - start + 1) as u64) as usize;
                hosts.swap(i, j);
            }
        }
        start = end;
    }
    Order::Hosts { hosts, shuffled }
}

/// Rule 2.4: no MX records means an implicit MX of preference 0 pointing at
/// the domain itself.
pub fn implicit_mx(domain: &Rc<str>) -> Vec<Candidate> {
    vec![Candidate::new(0, domain.clone())]
}

/// Why [`prune_self`] leaves nothing: every host left is the relay itself or worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoopsBack;

/// Rule 2.8: a relay that finds itself in the list, by any name or address
/// it might be known by, drops its own record and every one at the same
/// preference or worse. `Err(())` when nothing better than itself is left:
/// the mail would loop back to it.
pub fn prune_self(hosts: Vec<Candidate>, my_name: &str, my_addr: IpAddr) -> Result<(Vec<Candidate>, Option<u16>), LoopsBack> {
    let mine = hosts.iter().filter(|c| &*c.host == my_name || c.addrs.contains(&my_addr)).map(|c| c.preference).min();
    match mine {
        None => Ok((hosts, None)),
        Some(p) => {
            let better: Vec<Candidate> = hosts.into_iter().filter(|c| c.preference < p).collect();
            if better.is_empty() { Err(LoopsBack) } else { Ok((better, Some(p))) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    fn mx(preference: u16, host: &str) -> Rr {
        Rr { name: "example.com".into(), ttl: 3600, data: RData::Mx { preference, host: host.into() } }
    }
    fn names(o: &Order) -> Vec<String> {
        match o {
            Order::Hosts { hosts, .. } => hosts.iter().map(|c| c.host.to_string()).collect(),
            other => panic!("expected hosts, got {other:?}"),
        }
    }
    fn rng(seed: u64) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(seed)
    }
    fn at(preference: u16, host: &str, addr: [u8; 4]) -> Candidate {
        Candidate { preference, host: host.into(), addrs: vec![IpAddr::from(addr)].into() }
    }

    #[test]
    fn rule_2_3_lower_preference_is_tried_first() {
        let o = order(&[mx(20, "mx2"), mx(10, "mx1"), mx(30, "mx3")], &mut rng(1));
        assert_eq!(names(&o), ["mx1", "mx2", "mx3"]);
    }

    #[test]
    fn rule_2_3_equal_preferences_are_shuffled_by_the_seed() {
        let recs = [mx(10, "a"), mx(10, "b"), mx(10, "c"), mx(20, "z")];
        let mut orders = std::collections::BTreeSet::new();
        for seed in 0..64 {
            let o = order(&recs, &mut rng(seed));
            let h = names(&o);
            assert_eq!(h[3], "z", "the worse preference stays last");
            assert!(matches!(o, Order::Hosts { shuffled: true, .. }));
            orders.insert(h);
        }
        assert!(orders.len() >= 4, "64 seeds should give several orders, got {orders:?}");
        // The same seed gives the same order.
        assert_eq!(names(&order(&recs, &mut rng(7))), names(&order(&recs, &mut rng(7))));
    }

    #[test]
    fn rule_2_4_no_mx_means_implicit_mx_to_the_domain() {
        let h = implicit_mx(&"example.net".into());
        assert_eq!((h[0].preference, &*h[0].host), (0, "example.net"));
    }

    #[test]
    fn rule_2_6_null_mx_accepts_no_mail() {
        assert_eq!(order(&[mx(0, "")], &mut rng(1)), Order::NullMx);
    }

    #[test]
    fn rule_2_8_a_relay_drops_itself_and_everything_worse_by_name_or_address() {
        let me: IpAddr = [203, 0, 113, 20].into();
        let hosts = vec![at(10, "mx1", [1, 1, 1, 1]), at(20, "mx2", [203, 0, 113, 20]), at(20, "mx2b", [2, 2, 2, 2]), at(30, "mx3", [3, 3, 3, 3])];
        let (left, from) = prune_self(hosts.clone(), "mx2", me).unwrap();
        assert_eq!((left.len(), &*left[0].host, from), (1, "mx1", Some(20)));
        // Known under another name: the address gives it away.
        let alias = vec![at(10, "core", [1, 1, 1, 1]), at(20, "relay.birch.test", [203, 0, 113, 20]), at(30, "mx3", [3, 3, 3, 3])];
        let (left, from) = prune_self(alias, "backup.example", me).unwrap();
        assert_eq!((left.len(), from), (1, Some(20)));
        // The best MX itself: nothing better is left.
        assert!(prune_self(vec![at(10, "x", [203, 0, 113, 20]), at(20, "y", [4, 4, 4, 4])], "me", me).is_err());
        // A server not in the list keeps everything.
        assert_eq!(prune_self(hosts, "other", [9, 9, 9, 9].into()).unwrap().0.len(), 4);
    }
}

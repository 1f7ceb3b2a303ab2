//! Turning an MX answer into the ordered list of hosts to try
//! (DELIVERY-RULES 2.3 to 2.8, RFC 5321 5.1, RFC 7505).

use super::dns::{RData, Rr};
use rand_chacha::ChaCha8Rng;
use rand_core::Rng;
use std::rc::Rc;

/// One host to try, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub preference: u16,
    pub host: Rc<str>,
}

/// How the list came about, so the narration can say why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    /// Hosts to try in this order. `shuffled` is true when records of equal
    /// preference were put in a random order (2.3); `pruned_from` is the
    /// preference of this server's own record when it dropped itself and
    /// everything worse (2.8); `implicit` when there was no MX at all (2.4).
    Try { hosts: Rc<[Candidate]>, shuffled: bool, implicit: bool, pruned_from: Option<u16> },
    /// RFC 7505: the domain accepts no mail.
    NullMx,
    /// This server is the best MX itself: mail would loop back to it.
    LoopsToSelf,
}

/// Rule 2.4: no MX records means an implicit MX of preference 0 pointing at
/// the domain itself.
pub fn implicit_mx(domain: &Rc<str>) -> Plan {
    Plan::Try {
        hosts: vec![Candidate { preference: 0, host: domain.clone() }].into(),
        shuffled: false,
        implicit: true,
        pruned_from: None,
    }
}

/// Rules 2.3, 2.6 and 2.8: sort by preference (lowest first), shuffle equal
/// preferences with the scenario's seeded generator, recognise a null MX, and
/// let a relay that finds itself drop its own record and every worse one.
pub fn plan(records: &[Rr], me: Option<&str>, rng: &mut ChaCha8Rng) -> Plan {
    if records.len() == 1 && records[0].is_null_mx() {
        return Plan::NullMx;
    }
    let mut hosts: Vec<Candidate> = records
        .iter()
        .filter_map(|rr| match &rr.data {
            RData::Mx { preference, host } if !host.is_empty() => {
                Some(Candidate { preference: *preference, host: host.clone() })
            }
            _ => None,
        })
        .collect();
    // Stable, so that equal preferences start in the listed order and the
    // shuffle alone decides their final order.
    hosts.sort_by_key(|c| c.preference);
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
    let mut pruned_from = None;
    if let Some(me) = me
        && let Some(mine) = hosts.iter().filter(|c| &*c.host == me).map(|c| c.preference).min()
    {
        hosts.retain(|c| c.preference < mine);
        pruned_from = Some(mine);
        if hosts.is_empty() {
            return Plan::LoopsToSelf;
        }
    }
    Plan::Try { hosts: hosts.into(), shuffled, implicit: false, pruned_from }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::SeedableRng;

    fn mx(preference: u16, host: &str) -> Rr {
        Rr { name: "example.com".into(), ttl: 3600, data: RData::Mx { preference, host: host.into() } }
    }
    fn hosts(p: &Plan) -> Vec<String> {
        match p {
            Plan::Try { hosts, .. } => hosts.iter().map(|c| c.host.to_string()).collect(),
            other => panic!("expected hosts, got {other:?}"),
        }
    }
    fn rng(seed: u64) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(seed)
    }

    #[test]
    fn rule_2_3_lower_preference_is_tried_first() {
        let p = plan(&[mx(20, "mx2"), mx(10, "mx1"), mx(30, "mx3")], None, &mut rng(1));
        assert_eq!(hosts(&p), ["mx1", "mx2", "mx3"]);
    }

    #[test]
    fn rule_2_3_equal_preferences_are_shuffled_by_the_seed() {
        let recs = [mx(10, "a"), mx(10, "b"), mx(10, "c"), mx(20, "z")];
        let mut orders = std::collections::BTreeSet::new();
        for seed in 0..64 {
            let p = plan(&recs, None, &mut rng(seed));
            let h = hosts(&p);
            assert_eq!(h[3], "z", "the worse preference stays last");
            assert!(matches!(p, Plan::Try { shuffled: true, .. }));
            orders.insert(h);
        }
        assert!(orders.len() >= 4, "64 seeds should give several orders, got {orders:?}");
        // The same seed gives the same order.
        assert_eq!(hosts(&plan(&recs, None, &mut rng(7))), hosts(&plan(&recs, None, &mut rng(7))));
    }

    #[test]
    fn rule_2_4_no_mx_means_implicit_mx_to_the_domain() {
        let p = implicit_mx(&"example.net".into());
        assert_eq!(hosts(&p), ["example.net"]);
        assert!(matches!(p, Plan::Try { implicit: true, .. }));
    }

    #[test]
    fn rule_2_6_null_mx_accepts_no_mail() {
        assert_eq!(plan(&[mx(0, "")], None, &mut rng(1)), Plan::NullMx);
    }

    #[test]
    fn rule_2_8_backup_drops_itself_and_everything_worse() {
        let recs = [mx(10, "mx1"), mx(20, "mx2"), mx(20, "mx2b"), mx(30, "mx3")];
        let p = plan(&recs, Some("mx2"), &mut rng(1));
        assert_eq!(hosts(&p), ["mx1"]);
        assert!(matches!(p, Plan::Try { pruned_from: Some(20), .. }));
        assert_eq!(plan(&[mx(10, "mx1"), mx(20, "mx2")], Some("mx1"), &mut rng(1)), Plan::LoopsToSelf);
        // A server not in the list keeps everything.
        assert_eq!(hosts(&plan(&recs, Some("other"), &mut rng(1))).len(), 4);
    }
}

//! What a grouped beat's sentence is made of, the same in every language:
//! the hosts, answers, commands and records a beat covers. Both languages'
//! beat sentences (`text/beats.rs`, `text/zh/beats.rs`) read them here, so
//! neither calls back into the other.

use crate::beats::{Beat, BeatKind};
use crate::model::dns::{Answer, RData};
use crate::model::event::EventKind;
use crate::model::host::HostKind;
use crate::model::smtp::Command;
use crate::model::{Event, Simulation};

/// The authority the resolver asked within `beat`, if it asked one.
pub fn authority_asked(sim: &Simulation, beat: &Beat) -> Option<String> {
    sim.trace()[beat.events()]
        .iter()
        .find(|e| matches!(e.kind, EventKind::DnsQuery { .. }) && sim.host(e.to).kind == HostKind::Authority)
        .map(|e| sim.host(e.to).name.to_string())
}

/// `mx1.example.com (10), mx2.example.com (20)` from an MX answer, or the addresses of an A answer.
pub fn answer_list(answer: &Answer, mx_format: impl Fn(&str, u16) -> String, sep: &str) -> String {
    match answer {
        Answer::Records(rrs) => rrs
            .iter()
            .map(|r| match &r.data {
                RData::Mx { preference, host } => mx_format(host, *preference),
                RData::Addr(a) => a.to_string(),
                RData::Cname(t) => format!("CNAME {t}"),
            })
            .collect::<Vec<_>>()
            .join(sep),
        Answer::NoData { .. } => "NODATA".into(),
        Answer::NxDomain { .. } => "NXDOMAIN".into(),
        Answer::ServFail => "SERVFAIL".into(),
    }
}

/// `(host name, what its lookup found)` for each address lookup.
pub fn addresses(sim: &Simulation, answers: &[usize]) -> Vec<(String, String)> {
    answers
        .iter()
        .filter_map(|&i| match &sim.trace()[i].kind {
            EventKind::DnsAnswer { name, answer, .. } => Some((name.to_string(), answer_list(answer, |h, _| h.to_string(), ", "))),
            _ => None,
        })
        .collect()
}

/// The SMTP commands sent in a conversation, as the wire names them.
pub fn commands(sim: &Simulation, from: usize, to: usize) -> Vec<(Command, u32)> {
    sim.trace()[from..=to]
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Command { command, env } if command != Command::Quit => Some((command, env)),
            _ => None,
        })
        .collect()
}

/// The recipients refused at RCPT TO in `trace[from..=to]` (a session that
/// went on for the others): the address and the reply's code.
pub fn refused_recipients(sim: &Simulation, from: usize, to: usize) -> Vec<(String, u16)> {
    sim.trace()[from..=to]
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Reply { env, reply, after: Some(Command::RcptTo) } if !reply.is_success() => {
                Some((sim.envelope(*env).to.to_string(), reply.code))
            }
            _ => None,
        })
        .collect()
}

/// The attempt number of an `AttemptStarted` event.
pub fn attempt_number(ev: &Event) -> u32 {
    match ev.kind {
        EventKind::AttemptStarted { attempt, .. } => attempt,
        _ => 1,
    }
}

/// The hosts of a retry's plan ("mx1.example.com"), when its holder made
/// the same plan at its previous try: a repeat is told in a few words.
pub fn same_plan_as_before(sim: &Simulation, beat: &Beat) -> Option<String> {
    let trace = sim.trace();
    let (BeatKind::Retry { plan: Some(p), .. } | BeatKind::Addresses { plan: Some(p), .. }) = beat.kind else { return None };
    let EventKind::Planned { plan, .. } = &trace[p].kind else { return None };
    let holder = trace[p].from;
    let before = trace[..beat.first].iter().rev().find_map(|e| match &e.kind {
        EventKind::Planned { plan, .. } if e.from == holder => Some(plan),
        _ => None,
    })?;
    match plan {
        crate::model::mx::Plan::Try { hosts, .. } if before == plan && !hosts.is_empty() => {
            Some(hosts.iter().map(|c| c.host.to_string()).collect::<Vec<_>>().join(", "))
        }
        _ => None,
    }
}

/// "MX example.com", "A mx1.example.com" for each record that ran out in `beat`.
pub fn expired_names(sim: &Simulation, beat: &Beat) -> Vec<String> {
    sim.trace()[beat.events()]
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::CacheExpired { name, rtype } => Some(match rtype {
                Some(t) => format!("{} {name}", t.as_str()),
                None => format!("NXDOMAIN {name}"),
            }),
            _ => None,
        })
        .collect()
}

/// How a beat tells its plan (`plan`, a `Planned` event): in full through
/// `describe`, or, for a repeat of the holder's previous plan that is no key
/// moment, in the few words `repeat(hosts)` gives.
pub fn plan_or_repeat(sim: &Simulation, beat: &Beat, plan: Option<usize>, describe: &dyn Fn(usize) -> String, repeat: impl Fn(&str) -> String) -> String {
    match (plan, same_plan_as_before(sim, beat)) {
        (Some(_), Some(hosts)) if beat.key.is_none() => repeat(&hosts),
        (Some(p), _) => describe(p),
        (None, _) => String::new(),
    }
}

/// The zone of the authority the resolver asked within `beat` ("example.com";
/// "" for the root), as the stage labels that box.
pub fn authority_zone(sim: &Simulation, beat: &Beat) -> Option<String> {
    sim.trace()[beat.events()]
        .iter()
        .find(|e| matches!(e.kind, EventKind::DnsQuery { .. }) && sim.host(e.to).kind == HostKind::Authority)
        .map(|e| sim.host(e.to).origin.as_deref().unwrap_or_default().to_string())
}

/// A plan as a beat tells it: the hosts in order, or a backup that dropped
/// itself and the hosts that are left. Anything else (an implicit MX, a
/// fixed next hop, a shuffle, a null MX) is told by the plan's own sentence.
pub enum PlanWords {
    Order(Vec<(String, u16)>),
    DropsItself { at: u16, left: Vec<(String, u16)> },
    Own,
}

pub fn plan_words(sim: &Simulation, plan: usize) -> PlanWords {
    use crate::model::mx::Plan;
    let EventKind::Planned { plan, .. } = &sim.trace()[plan].kind else { return PlanWords::Own };
    match plan {
        Plan::Try { hosts, shuffled: false, implicit: false, fixed: false, pruned_from } if !hosts.is_empty() => {
            let list = hosts.iter().map(|c| (c.host.to_string(), c.preference)).collect();
            match pruned_from {
                Some(at) => PlanWords::DropsItself { at: *at, left: list },
                None => PlanWords::Order(list),
            }
        }
        _ => PlanWords::Own,
    }
}

/// A deferral: how long until the next try (in whole seconds, rounded up
/// as the queue's countdown on the stage shows it), and when that is.
pub fn deferral(sim: &Simulation, d: usize) -> Option<(u64, crate::model::Time)> {
    let ev = &sim.trace()[d];
    match ev.kind {
        EventKind::Deferred { next_retry, .. } => Some((next_retry.since(ev.at).div_ceil(1000) * 1000, next_retry)),
        _ => None,
    }
}

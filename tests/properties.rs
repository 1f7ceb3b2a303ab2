//! Invariants over thousands of random worlds and fault timelines: every
//! message ends in exactly one place, a backup never writes a mailbox, no
//! excluded host is tried, time never goes back, the same input gives the
//! same trace, and a change at time t leaves everything before t alone.

#![cfg(not(target_arch = "wasm32"))]
use mxviz::model::dns::ZoneStatus;
use mxviz::model::mx::Plan;
use mxviz::presets;
use mxviz::model::retry::RetryPolicy;
use mxviz::model::scenario::{Action, MailServer, Message, Record, Scenario, Soa, TimedAction, Zone};
use mxviz::model::smtp::FaultMode;
use mxviz::model::state::Place;
use mxviz::model::{EventKind, Simulation, Time};
use proptest::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Role {
    Final,
    OpenBackup,
    KnowingBackup,
    NoRelay,
}

#[derive(Clone, Debug)]
struct ServerGen {
    preference: u16,
    role: Role,
    has_address: bool,
    down: bool,
    fault: FaultMode,
}

#[derive(Clone, Debug)]
struct WorldGen {
    servers: Vec<ServerGen>,
    ttl: u32,
    seed: u64,
    policy: u8,
    toggles: Vec<(u32, usize, u8)>,
    messages: Vec<(u32, u8)>,
    servfail_until: Option<u32>,
}

fn fault() -> impl Strategy<Value = FaultMode> {
    prop_oneof![
        6 => Just(FaultMode::Normal),
        1 => Just(FaultMode::Refuse),
        1 => Just(FaultMode::Busy),
        1 => Just(FaultMode::Greylist),
        1 => Just(FaultMode::Reject),
        1 => Just(FaultMode::MailboxFull),
    ]
}

fn server() -> impl Strategy<Value = ServerGen> {
    (
        0u16..40,
        prop_oneof![3 => Just(Role::Final), 2 => Just(Role::OpenBackup), 2 => Just(Role::KnowingBackup), 1 => Just(Role::NoRelay)],
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.3),
        fault(),
    )
        .prop_map(|(preference, role, has_address, down, fault)| ServerGen { preference, role, has_address, down, fault })
}

fn world() -> impl Strategy<Value = WorldGen> {
    (
        prop::collection::vec(server(), 1..5),
        prop_oneof![Just(0u32), 1u32..400, 3000u32..90_000],
        any::<u64>(),
        0u8..4,
        prop::collection::vec((0u32..20_000, 0usize..5, 0u8..3), 0..8),
        prop::collection::vec((0u32..3_000, 0u8..5), 1..5),
        prop::option::weighted(0.2, 1u32..4_000),
    )
        .prop_map(|(servers, ttl, seed, policy, toggles, messages, servfail_until)| WorldGen {
            servers,
            ttl,
            seed,
            policy,
            toggles,
            messages,
            servfail_until,
        })
}

fn name(i: usize) -> String {
    format!("mx{i}.example.com")
}

fn build(w: &WorldGen) -> Scenario {
    let mut s = presets::default_scenario();
    s.seed = w.seed;
    s.timeline.clear();
    s.messages.clear();
    s.servers.truncate(1);
    let mut records = Vec::new();
    for (i, g) in w.servers.iter().enumerate() {
        let address = format!("198.51.100.{}", 10 + i);
        records.push(Record::MX { name: "example.com".into(), ttl: i64::from(w.ttl), preference: i64::from(g.preference), host: name(i) });
        if g.has_address {
            records.push(Record::A { name: name(i), ttl: i64::from(w.ttl), address: address.clone() });
        }
        let users = vec!["bob".to_string()];
        let mut m = MailServer {
            host: name(i),
            address,
            resolver: s.servers[0].resolver.clone(),
            mailboxes_for: vec![],
            mailboxes: vec![],
            relay_for: vec![],
            relay_recipients: None,
            down: g.down,
            fault: g.fault,
            retry: None,
        };
        match g.role {
            Role::Final => {
                m.mailboxes_for = vec!["example.com".into()];
                m.mailboxes = users;
            }
            Role::OpenBackup => m.relay_for = vec!["example.com".into()],
            Role::KnowingBackup => {
                m.relay_for = vec!["example.com".into()];
                m.relay_recipients = Some(users);
            }
            Role::NoRelay => {}
        }
        s.servers.push(m);
    }
    s.zones[1] = Zone { origin: "example.com".into(), status: ZoneStatus::Ok, soa: Soa { ttl: 600, minimum: 300 }, records };
    if let Some(until) = w.servfail_until {
        s.zones[1].status = ZoneStatus::Servfail;
        s.timeline.push(TimedAction {
            at: f64::from(until),
            action: Action::ZoneStatus { origin: "example.com".into(), status: ZoneStatus::Ok },
        });
    }
    s.retry = match w.policy {
        0 => RetryPolicy::Postfix,
        1 => RetryPolicy::Exim,
        _ => RetryPolicy::Custom { first: 60, factor: 2.0, max: 1800, lifetime: 6 * 3600 },
    };
    for &(at, idx, what) in &w.toggles {
        let host = name(idx % w.servers.len());
        let action = match what {
            0 => Action::Down { host },
            1 => Action::Up { host },
            _ => Action::Fault { host, mode: FaultMode::Normal },
        };
        s.timeline.push(TimedAction { at: f64::from(at), action });
    }
    for &(at, who) in &w.messages {
        let to = ["bob@example.com", "nobody@example.com", "postmaster@example.com", "x@no-such.example", "bob@EXAMPLE.com"][who as usize];
        s.messages.push(Message { at: f64::from(at), from: "alice@alice.example".into(), to: vec![to.into()], subject: "p".into(), body: "b\n".into() });
    }
    s
}

fn run(s: Scenario) -> Simulation {
    let mut sim = Simulation::new(s.validate(mxviz::model::Limits::OUTSIDE).expect("generated scenarios are valid"));
    sim.run();
    sim
}

fn check_invariants(sim: &Simulation) -> Result<(), TestCaseError> {
    let trace = sim.trace();
    // Time never goes back.
    prop_assert!(trace.windows(2).all(|w| w[0].at <= w[1].at));
    // The mailboxes hold exactly the messages the trace says were stored
    // there: counted from the events, not folded through `State::apply`.
    for (h, st) in sim.state().hosts.iter().enumerate() {
        let mut told: Vec<u32> = trace
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::Stored { env, .. } if e.to as usize == h => Some(env),
                _ => None,
            })
            .collect();
        let mut held: Vec<u32> = st.mailboxes.values().flatten().map(|f| f.env).collect();
        told.sort_unstable();
        held.sort_unstable();
        prop_assert_eq!(told, held, "host {} mailboxes", h);
    }
    // Nothing is left queued once the run is over (lifetimes are bounded),
    // except on a machine that is off: its queue waits on its disk.
    prop_assert!(sim.state().hosts.iter().all(|h| h.queue.is_empty() || !h.up));

    let final_for = |h: u16, domain: &str| sim.server(h).is_some_and(|s| s.is_final_for(domain));
    // Each envelope is in exactly one place: one stored copy, or answered by
    // a bounce, or (only a bounce) dropped.
    let mut copies: BTreeMap<u32, usize> = BTreeMap::new();
    for h in &sim.state().hosts {
        for files in h.mailboxes.values() {
            for f in files {
                *copies.entry(f.env).or_default() += 1;
            }
        }
    }
    for (env, e) in sim.envelopes().iter().enumerate() {
        let env = env as u32;
        match sim.state().place(env) {
            Some(Place::Stored(h)) => {
                prop_assert_eq!(copies.get(&env).copied(), Some(1), "env {} stored {:?} times", env, copies.get(&env));
                prop_assert!(final_for(h, &e.to.domain), "env {} written by a server not final for {}", env, e.to.domain);
            }
            Some(Place::Bounced(b)) => {
                prop_assert!(!copies.contains_key(&env));
                prop_assert!(e.from.is_some(), "a bounce is never bounced");
                prop_assert_eq!(sim.envelope(b).bounce_of, Some(env));
            }
            Some(Place::Dropped) => prop_assert!(e.is_bounce(), "only bounces are dropped"),
            Some(Place::Queued(h)) => {
                prop_assert!(!sim.state().hosts[h as usize].up, "env {} still queued at a running host", env);
                prop_assert!(sim.state().hosts[h as usize].queue.contains_key(&env));
            }
            other => prop_assert!(false, "env {} ended in {:?}", env, other),
        }
    }
    // No excluded host is tried: a connection goes only to a host of the
    // client's latest plan for that envelope, and never to itself.
    let mut plans: BTreeMap<(u32, u16), Vec<String>> = BTreeMap::new();
    for ev in trace {
        match &ev.kind {
            EventKind::Planned { env, plan: Plan::Try { hosts, .. } } => {
                plans.insert((*env, ev.from), hosts.iter().map(|c| c.host.to_string()).collect());
            }
            EventKind::Connect { env, host, .. } => {
                prop_assert_ne!(ev.from, ev.to, "a server connected to itself");
                let plan = plans.get(&(*env, ev.from));
                prop_assert!(plan.is_some_and(|p| p.iter().any(|h| h == &**host)), "{} not in plan {:?}", host, plan);
            }
            EventKind::Stored { env, .. } => {
                prop_assert!(final_for(ev.to, &sim.envelope(*env).to.domain) || ev.from == ev.to);
            }
            _ => {}
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn every_message_ends_in_exactly_one_place_and_no_rule_is_broken(w in world()) {
        let sim = run(build(&w));
        check_invariants(&sim)?;
    }

    #[test]
    fn same_input_same_trace_and_a_later_change_keeps_the_past(w in world(), cut in 0.0f64..1.0, idx in 0usize..5) {
        let s = build(&w);
        let a = run(s.clone());
        let b = run(s.clone());
        prop_assert_eq!(a.trace(), b.trace());
        prop_assert_eq!(format!("{:?}", a.state()), format!("{:?}", b.state()));

        // Take a server down at a moment inside the run.
        let end = a.trace().last().map_or(Time::ZERO, |e| e.at);
        let t = Time((end.millis() as f64 * cut) as u64).plus_ms(1);
        let mut changed = s.clone();
        changed.timeline.push(TimedAction { at: t.millis() as f64 / 1000.0, action: Action::Down { host: name(idx % w.servers.len()) } });
        let c = run(changed);
        let before = |sim: &Simulation| sim.trace().iter().take_while(|e| e.at < t).cloned().collect::<Vec<_>>();
        prop_assert_eq!(before(&a), before(&c));
        check_invariants(&c)?;
    }
}

//! Invariants over ten thousand random worlds and fault timelines, every
//! fault mode included: every run ends before the event cap, every message
//! ends in exactly one place, nothing is lost, nothing is delivered twice
//! except after a connection dropped after the body (which the trace then
//! shows), a backup never writes a mailbox, no excluded host is tried, time
//! never goes back, the same input gives the same trace, and a change at
//! time t leaves everything before t alone.
//!
//! The counts are printed (`make test` shows them).

#![cfg(not(target_arch = "wasm32"))]
use mxviz::model::dns::ZoneStatus;
use mxviz::model::mx::Plan;
use mxviz::model::retry::RetryPolicy;
use mxviz::model::scenario::{Action, MailServer, Message, Record, Scenario, Soa, TimedAction, Zone};
use mxviz::model::smtp::FaultMode;
use mxviz::model::state::Place;
use mxviz::model::{EventKind, Limits, Simulation, Time};
use mxviz::player::MAX_EVENTS;
use mxviz::presets;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::collections::BTreeMap;

const WORLDS: u32 = 10_000;
const CHANGED_WORLDS: u32 = 2_000;

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
    /// Its MX record names an alias (CNAME) of its real name.
    aliased: bool,
    /// Its address is also published under another name in the MX list.
    known_by_address: bool,
    /// A fixed next hop: the server with this index.
    next_hop: Option<usize>,
    down: bool,
    fault: FaultMode,
}

#[derive(Clone, Debug)]
struct WorldGen {
    servers: Vec<ServerGen>,
    ttl: u32,
    seed: u64,
    policy: u8,
    hop_limit: u32,
    /// (at, server, what): down, up, or a fault mode.
    toggles: Vec<(u32, usize, u8)>,
    /// (at, recipient, through the spammer's machine)
    messages: Vec<(u32, u8, bool)>,
    zone_trouble: Option<(bool, u32)>,
}

fn fault() -> impl Strategy<Value = FaultMode> {
    prop_oneof![12 => Just(FaultMode::Normal), 16 => prop::sample::select(FaultMode::ALL.to_vec())]
}

fn server() -> impl Strategy<Value = ServerGen> {
    (
        0u16..40,
        prop_oneof![3 => Just(Role::Final), 2 => Just(Role::OpenBackup), 2 => Just(Role::KnowingBackup), 1 => Just(Role::NoRelay)],
        prop::bool::weighted(0.9),
        prop::bool::weighted(0.15),
        prop::bool::weighted(0.1),
        prop::option::weighted(0.1, 0usize..5),
        prop::bool::weighted(0.3),
        fault(),
    )
        .prop_map(|(preference, role, has_address, aliased, known_by_address, next_hop, down, fault)| ServerGen {
            preference,
            role,
            has_address,
            aliased,
            known_by_address,
            next_hop,
            down,
            fault,
        })
}

fn world() -> impl Strategy<Value = WorldGen> {
    (
        prop::collection::vec(server(), 1..5),
        prop_oneof![Just(0u32), 1u32..400, 3000u32..90_000],
        any::<u64>(),
        0u8..5,
        prop_oneof![4 => Just(50u32), 1 => 2u32..12],
        prop::collection::vec((0u32..20_000, 0usize..5, 0u8..20), 0..8),
        prop::collection::vec((0u32..3_000, 0u8..20, prop::bool::weighted(0.2)), 1..5),
        prop::option::weighted(0.25, (any::<bool>(), 1u32..4_000)),
    )
        .prop_map(|(servers, ttl, seed, policy, hop_limit, toggles, messages, zone_trouble)| WorldGen {
            servers,
            ttl,
            seed,
            policy,
            hop_limit,
            toggles,
            messages,
            zone_trouble,
        })
}

fn name(i: usize) -> String {
    format!("mx{i}.example.com")
}

const SPAMMER: &str = "bot.spam.example";

fn build(w: &WorldGen) -> Scenario {
    let mut s = presets::default_scenario();
    s.seed = w.seed;
    s.hop_limit = w.hop_limit;
    s.timeline.clear();
    s.messages.clear();
    s.servers.truncate(1);
    let ttl = i64::from(w.ttl);
    let mut records = Vec::new();
    for (i, g) in w.servers.iter().enumerate() {
        let address = format!("198.51.100.{}", 10 + i);
        let listed = if g.aliased { format!("alias{i}.example.com") } else { name(i) };
        if g.aliased {
            records.push(Record::CNAME { name: listed.clone(), ttl, target: name(i) });
        }
        records.push(Record::MX { name: "example.com".into(), ttl, preference: i64::from(g.preference), host: listed });
        if g.has_address {
            records.push(Record::A { name: name(i), ttl, address: address.clone() });
        }
        if g.known_by_address {
            records.push(Record::MX { name: "example.com".into(), ttl, preference: i64::from(g.preference / 2), host: format!("other{i}.example.com") });
            records.push(Record::A { name: format!("other{i}.example.com"), ttl, address: address.clone() });
        }
        let users = vec!["bob".to_string()];
        let mut m = MailServer {
            resolver: s.servers[0].resolver.clone(),
            down: g.down,
            fault: g.fault,
            next_hop: g.next_hop.filter(|n| *n < w.servers.len()).map(name),
            ..presets::server(&name(i), &address)
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
    // A second client with its own resolver: a spammer's machine.
    s.servers.push(MailServer { resolver: "resolver.spam.example".into(), sends_bounces: false, ..presets::server(SPAMMER, "192.0.2.66") });
    s.zones[1] = Zone { origin: "example.com".into(), status: ZoneStatus::Ok, soa: Soa { ttl: 600, minimum: 300 }, records };
    if let Some((timeout, until)) = w.zone_trouble {
        s.zones[1].status = if timeout { ZoneStatus::Timeout } else { ZoneStatus::Servfail };
        s.timeline.push(TimedAction {
            at: f64::from(until),
            action: Action::ZoneStatus { origin: "example.com".into(), status: ZoneStatus::Ok },
        });
    }
    s.retry = match w.policy {
        0 => RetryPolicy::postfix(),
        1 => RetryPolicy::exim(),
        2 => RetryPolicy::RfcMinimum,
        3 => RetryPolicy::Custom { first: 60, factor: 2.0, max: 1800, lifetime: 6 * 3600, by_age: false, scan: 0 },
        _ => RetryPolicy::Custom { first: 60, factor: 1.0, max: 900, lifetime: 3 * 3600, by_age: true, scan: 60 },
    };
    for &(at, idx, what) in &w.toggles {
        let host = name(idx % w.servers.len());
        let action = match what {
            0 => Action::Down { host },
            1 => Action::Up { host },
            n => Action::Fault { host, mode: FaultMode::ALL[usize::from(n - 2) % FaultMode::ALL.len()] },
        };
        s.timeline.push(TimedAction { at: f64::from(at), action });
    }
    for &(at, who, spam) in &w.messages {
        let all = ["bob@example.com", "nobody@example.com", "postmaster@example.com", "x@no-such.example", "bob@EXAMPLE.com"];
        // One recipient, or several of the first four in one message (one
        // session for those of one domain, rules.md 4.10).
        let to: Vec<String> = match who {
            0..5 => vec![all[who as usize].into()],
            mask => (0..4).filter(|i| (mask - 4) & (1 << i) != 0).map(|i| all[i].into()).collect(),
        };
        let from = if spam { "victim@alice.example" } else { "alice@alice.example" };
        s.messages.push(Message {
            at: f64::from(at),
            from: from.into(),
            to,
            subject: "p".into(),
            body: "b\n".into(),
            via: spam.then(|| SPAMMER.to_string()),
        });
    }
    s
}

fn run(s: Scenario) -> (Simulation, bool) {
    let mut sim = Simulation::new(s.validate(Limits::OUTSIDE).expect("generated scenarios are valid"));
    let ended = sim.run_capped(MAX_EVENTS);
    (sim, ended)
}

/// The envelope a copy was made of, all the way back.
fn original(sim: &Simulation, mut env: u32) -> u32 {
    while let Some(o) = sim.envelope(env).copy_of {
        env = o;
    }
    env
}

fn check_invariants(sim: &Simulation, ended: bool) -> Result<(), TestCaseError> {
    let trace = sim.trace();
    // Every run ends before the cap: forwarding loops stop. The exceptions:
    // more than 100 messages, or a server that drops the connection after
    // every body, which gets one more copy at every retry (copies multiply).
    let copies = sim.envelopes().iter().filter(|e| e.copy_of.is_some()).count();
    prop_assert!(
        ended || sim.envelopes().len() > 100 || copies > 0,
        "the run hit the {} event cap with {} messages",
        MAX_EVENTS,
        sim.envelopes().len()
    );
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

    let final_for = |h: u16, domain: &str| sim.server(h).is_some_and(|s| s.is_final_for(domain));
    // Each envelope is in exactly one place: one stored copy, or answered by
    // a bounce, or (only a bounce) dropped, or queued at a host that is off.
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
                // One bounce may report on several recipients of a message.
                let bounce = sim.envelope(b);
                prop_assert!(bounce.is_bounce() && bounce.body.contains(&format!("<{}>:", e.to)), "env {} not in its bounce", env);
            }
            Some(Place::Dropped) => {
                let holder_bounces = trace.iter().rev().find(|ev| matches!(ev.kind, EventKind::Dropped { env: d, .. } if d == env)).is_some_and(|ev| sim.server(ev.from).is_some_and(|s| s.sends_bounces));
                prop_assert!(e.is_bounce() || !holder_bounces, "only bounces, and failures at a machine that sends no bounces, are dropped");
            }
            Some(Place::Queued(h)) => {
                // (A run stopped at the cap may still have mail on its way.)
                prop_assert!(!ended || !sim.state().hosts[h as usize].up, "env {} still queued at a running host", env);
                prop_assert!(sim.state().hosts[h as usize].queue.contains_key(&env));
            }
            None => prop_assert!(false, "env {} was lost", env),
        }
    }
    // Nothing is delivered twice, unless the connection dropped after the
    // body, and then the trace says so.
    let mut deliveries: BTreeMap<u32, usize> = BTreeMap::new();
    for ev in trace {
        if let EventKind::Stored { env, .. } = ev.kind {
            *deliveries.entry(original(sim, env)).or_default() += 1;
        }
    }
    for (root, n) in deliveries {
        if n > 1 {
            // The session may have carried several recipients of the message.
            let message = &sim.envelope(root).message_id;
            let dropped = trace.iter().any(|e| matches!(e.kind, EventKind::ConnectionLost { env, .. } if sim.envelope(original(sim, env)).message_id == *message));
            prop_assert!(dropped, "env {} delivered {} times without a dropped connection", root, n);
        }
    }
    // No excluded host is tried: a connection goes only to a host of the
    // client's latest plan for that envelope, and never to itself. An
    // attempt for several recipients (the `AttemptStarted` events a client
    // emits at one instant) has one plan for all of them.
    let mut plans: BTreeMap<(u32, u16), Vec<String>> = BTreeMap::new();
    let mut batches: BTreeMap<(u32, u16), Vec<u32>> = BTreeMap::new();
    let mut starting: Option<(u16, mxviz::model::Time, Vec<u32>)> = None;
    for ev in trace {
        match &ev.kind {
            EventKind::AttemptStarted { env, .. } => match &mut starting {
                Some((h, at, envs)) if *h == ev.from && *at == ev.at => envs.push(*env),
                _ => starting = Some((ev.from, ev.at, vec![*env])),
            },
            _ => {
                if let Some((h, _, envs)) = starting.take() {
                    for &e in &envs {
                        batches.insert((e, h), envs.clone());
                    }
                }
            }
        }
        match &ev.kind {
            EventKind::Planned { env, plan: Plan::Try { hosts, .. } } => {
                let hosts: Vec<String> = hosts.iter().map(|c| c.host.to_string()).collect();
                for e in batches.get(&(*env, ev.from)).cloned().unwrap_or_else(|| vec![*env]) {
                    plans.insert((e, ev.from), hosts.clone());
                }
            }
            EventKind::Connect { env, host, .. } => {
                prop_assert_ne!(ev.from, ev.to, "a server connected to itself");
                let plan = plans.get(&(*env, ev.from));
                prop_assert!(plan.is_some_and(|p| p.iter().any(|h| h == &**host)), "{} not in plan {:?}", host, plan);
            }
            EventKind::Stored { env, eml, .. } => {
                prop_assert!(final_for(ev.to, &sim.envelope(*env).to.domain) || ev.from == ev.to);
                // A loop is stopped at the hop limit: a stored message has fewer headers.
                let received = eml.lines().filter(|l| l.starts_with("Received:")).count();
                prop_assert!(received < sim.scenario().hop_limit as usize, "{} Received: headers", received);
            }
            // A loop is refused at the end of DATA by the server whose own
            // header would reach the limit: the message has one header less.
            EventKind::Reply { env, reply, .. } if reply.status == "5.4.0" && reply.text.contains("too many hops") => {
                prop_assert_eq!(sim.envelope(*env).hops.len() + 1, sim.scenario().hop_limit as usize);
            }
            _ => {}
        }
    }
    Ok(())
}

#[test]
fn ten_thousand_worlds_every_message_ends_in_exactly_one_place_and_no_rule_is_broken() {
    // Seeded: the same ten thousand worlds every run, so a red CI is never luck.
    let mut runner = TestRunner::new_with_rng(Config { cases: WORLDS, failure_persistence: None, ..Config::default() }, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let faults_seen = std::cell::RefCell::new(BTreeMap::<String, usize>::new());
    let events = std::cell::Cell::new(0u64);
    let dropped = std::cell::Cell::new(0usize);
    runner
        .run(&world(), |w| {
            let (sim, ended) = run(build(&w));
            events.set(events.get() + sim.trace().len() as u64);
            for ev in sim.trace() {
                if let EventKind::Reply { reply, after, .. } = &ev.kind
                    && !reply.is_success()
                {
                    let to = after.map_or("greeting", |c| c.name());
                    *faults_seen.borrow_mut().entry(format!("{} {} to {to}", reply.code, reply.status)).or_default() += 1;
                }
                if matches!(ev.kind, EventKind::ConnectionLost { .. }) {
                    dropped.set(dropped.get() + 1);
                }
            }
            check_invariants(&sim, ended)
        })
        .unwrap();
    let faults = faults_seen.into_inner();
    println!(
        "properties: {WORLDS} random worlds, {} events, every invariant held; {} kinds of failure reply seen, {} dropped connections",
        events.get(),
        faults.len(),
        dropped.get()
    );
    // The generator reaches every point of the session where a fault can be.
    for code in [
        "421 4.3.2 to greeting",
        "554 5.3.2 to greeting",
        "451 4.3.0 to MAIL FROM",
        "550 5.7.1 to MAIL FROM",
        "450 4.2.0 to RCPT TO",
        "452 4.2.2 to RCPT TO",
        "550 5.1.1 to RCPT TO",
        "554 5.7.1 to DATA",
        "452 4.3.1 to end of DATA",
        "552 5.3.4 to end of DATA",
        "554 5.7.1 to end of DATA",
        "550 5.7.1 to end of DATA",
    ] {
        assert!(faults.contains_key(code), "no world produced {code}: {faults:?}");
    }
    assert!(dropped.get() > 0, "no world dropped a connection after the body");
}

#[test]
fn same_input_same_trace_and_a_later_change_keeps_the_past() {
    let mut runner = TestRunner::new_with_rng(Config { cases: CHANGED_WORLDS, failure_persistence: None, ..Config::default() }, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    runner
        .run(&(world(), 0.0f64..1.0, 0usize..5), |(w, cut, idx)| {
            let s = build(&w);
            let (a, _) = run(s.clone());
            let (b, _) = run(s.clone());
            prop_assert_eq!(a.trace(), b.trace());
            prop_assert_eq!(format!("{:?}", a.state()), format!("{:?}", b.state()));

            // Take a server down at a moment inside the run.
            let end = a.trace().last().map_or(Time::ZERO, |e| e.at);
            let t = Time((end.millis() as f64 * cut) as u64).plus_ms(1);
            let mut changed = s.clone();
            changed.timeline.push(TimedAction { at: t.millis() as f64 / 1000.0, action: Action::Down { host: name(idx % w.servers.len()) } });
            let (c, ended) = run(changed);
            let before = |sim: &Simulation| sim.trace().iter().take_while(|e| e.at < t).cloned().collect::<Vec<_>>();
            prop_assert_eq!(before(&a), before(&c));
            check_invariants(&c, ended)
        })
        .unwrap();
    println!("properties: {CHANGED_WORLDS} worlds run twice and changed mid-run: same trace, the past kept");
}

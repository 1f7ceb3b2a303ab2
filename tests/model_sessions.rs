//! The rules of a real session and of relays that find themselves
//! (rules.md 2.8, 4, 5.3, 6): a fault at every point of an SMTP session, a
//! relay that knows its own address, loops that end at the hop limit, the
//! connection dropped after the body, a DNS server that does not answer, an
//! MX that names an alias, several clients, and the DSN of an expiry.

mod common;
use common::*;
use mxviz::model::dns::{RType, ZoneStatus};
use mxviz::model::event::{Reason, Via};
use mxviz::model::mx::Plan;
use mxviz::model::report::{last_outcome_at, outcomes, Fate};
use mxviz::model::scenario::{Action, MailServer, Record, Scenario, TimedAction};
use mxviz::model::smtp::{Command, FaultMode};
use mxviz::model::{EventKind, Time};
use mxviz::presets::{MX1, MX2, SENDER};

/// The seed world with MX1 alone (no backup), up, with `fault`.
fn only_mx1(fault: FaultMode) -> Scenario {
    let mut s = preset("seed-story");
    s.timeline.clear();
    s.servers.truncate(2);
    s.servers[1].fault = fault;
    s.zones[1].records.retain(|r| !r.name().starts_with("mx2") && !matches!(r, Record::MX { host, .. } if host == MX2));
    s.queue_lifetime = Some(3600);
    s
}

fn first_failure(sim: &mxviz::model::Simulation) -> Option<(Option<Command>, u16, &'static str)> {
    sim.trace().iter().find_map(|e| match &e.kind {
        EventKind::Reply { reply, after, .. } if !reply.is_success() => Some((*after, reply.code, reply.status)),
        _ => None,
    })
}

#[test]
fn rule_4_a_fault_at_every_point_of_the_session_is_answered_where_it_happens() {
    use FaultMode::*;
    // (fault, the command it answers (None: the greeting), code, status, what becomes of the message)
    let cases: [(FaultMode, Option<Command>, u16, &str, bool); 15] = [
        (Busy, None, 421, "4.3.2", false),
        (GreetingRejected, None, 554, "5.3.2", false),
        (ShuttingDown, Some(Command::MailFrom), 421, "4.3.2", false),
        (SenderTempfail, Some(Command::MailFrom), 451, "4.3.0", false),
        (SenderRejected, Some(Command::MailFrom), 550, "5.7.1", true),
        (Greylist, Some(Command::RcptTo), 450, "4.2.0", false),
        (MailboxBusy, Some(Command::RcptTo), 450, "4.2.0", false),
        (Reject, Some(Command::RcptTo), 550, "5.7.1", true),
        (MailboxFull, Some(Command::RcptTo), 452, "4.2.2", false),
        (DataTempfail, Some(Command::Data), 451, "4.3.0", false),
        (DataRejected, Some(Command::Data), 554, "5.7.1", true),
        (NoStorage, Some(Command::Body), 452, "4.3.1", false),
        (TooBig, Some(Command::Body), 552, "5.3.4", true),
        (BodyRejected, Some(Command::Body), 554, "5.7.1", true),
        (ContentRejected, Some(Command::Body), 550, "5.7.1", true),
    ];
    for (fault, after, code, status, permanent) in cases {
        let sim = run(only_mx1(fault));
        assert_eq!(first_failure(&sim), Some((after, code, status)), "{fault:?}");
        if permanent {
            // A 5yz bounces at once (rule 4.5).
            assert_eq!(count(&sim, is_deferred), 0, "{fault:?}");
            assert_eq!(count(&sim, is_bounced), 1, "{fault:?}");
        } else if fault != Greylist {
            // A 4yz is retried until the lifetime ends, then bounced; so is
            // a 5yz greeting, as a 4yz (Postfix's smtp_skip_5xx_greeting:
            // 554 5.3.2 is deferred with dsn=4.3.2, recorded, greeting-554).
            assert!(count(&sim, is_deferred) >= 2, "{fault:?}");
            let EventKind::Bounced { reason, .. } = &find(&sim, is_bounced)[0].kind else { unreachable!() };
            assert!(matches!(reason, Reason::Expired { .. }), "{fault:?}");
            let dsn = if fault == GreetingRejected { "4.3.2" } else { status };
            assert_eq!(reason.status(), dsn, "{fault:?}: the DSN reports the last temporary error");
        }
        // A failed session never leaves a copy at the server.
        assert!(all_files(&sim, MX1) <= usize::from(fault == Greylist), "{fault:?}");
        // A 421 closes the connection: no QUIT after one mid-session; after
        // a 421 greeting Postfix 3.7 still sends QUIT (recorded, issue 21).
        let quit_after_421 = |greeting: bool| {
            sim.trace().windows(2).any(|w| {
                matches!(&w[0].kind, EventKind::Reply { reply, after, .. } if reply.code == 421 && after.is_none() == greeting)
                    && matches!(w[1].kind, EventKind::Command { command: Command::Quit, .. })
            })
        };
        assert!(!quit_after_421(false), "{fault:?}");
        assert_eq!(quit_after_421(true), fault == Busy, "{fault:?}");
    }
}

#[test]
fn rule_4_8_a_content_filter_rejects_after_the_body_and_the_sender_bounces_at_once() {
    // Postfix 3.7 with `body_checks` REJECT answers the final `.` with
    // 550 5.7.1 message content rejected (recorded, content-rejected). A 5yz is
    // permanent (rule 4.5): the sender bounces at once, and does not try the
    // next MX, which would see the same message.
    let mut s = preset("seed-story");
    s.timeline.clear();
    s.servers[1].fault = FaultMode::ContentRejected;
    let sim = run(s);
    let reply = sim.trace().iter().find_map(|e| match &e.kind {
        EventKind::Reply { reply, after: Some(Command::Body), .. } => Some(reply.clone()),
        _ => None,
    });
    assert_eq!(reply.map(|r| r.line()), Some("550 5.7.1 message content rejected".to_string()));
    assert_eq!(count(&sim, is_bounced), 1);
    assert_eq!(count(&sim, is_deferred), 0);
    let mx2 = host(&sim, MX2);
    assert!(find(&sim, |e| e.to == mx2 && matches!(e.kind, EventKind::Connect { .. })).is_empty(), "MX2 is never tried");
    let bounce = &folder(&sim, SENDER, "alice")[0];
    assert!(bounce.eml.contains("Diagnostic-Code: smtp; 550 5.7.1 message content rejected"), "{}", bounce.eml);
    assert_eq!(all_files(&sim, MX1), 0, "a refused message leaves no copy");
}

#[test]
fn rule_4_4_a_refusal_and_a_timeout_are_logged_as_postfix_logs_them() {
    let sim = run(only_mx1(FaultMode::Refuse));
    let EventKind::Deferred { reason, .. } = &find(&sim, is_deferred)[0].kind else { unreachable!() };
    assert_eq!(reason.diagnostic(), "connect to mx1.example.com[198.51.100.10]:25: Connection refused");
    let mut s = only_mx1(FaultMode::Normal);
    s.servers[1].down = true;
    let sim = run(s);
    let EventKind::Deferred { reason, .. } = &find(&sim, is_deferred)[0].kind else { unreachable!() };
    assert_eq!(reason.diagnostic(), "connect to mx1.example.com[198.51.100.10]:25: Connection timed out");
    // The log line of the timeout itself names the host too, as Postfix 3.7
    // logs it (recorded, issue 21: `connect to mx1.example.com[127.0.0.12]:25:
    // Connection timed out`), like the refusal's.
    let timeout = sim.trace().iter().find(|e| matches!(e.kind, EventKind::ConnectTimedOut { .. })).expect("a timeout");
    let line = mxviz::text::narrate::Narrator::new(&sim, mxviz::text::Lang::En).describe(timeout).technical;
    assert_eq!(line, "connect to mx1.example.com[198.51.100.10]:25: Connection timed out");
    let sim = run(only_mx1(FaultMode::MailboxBusy));
    let EventKind::Deferred { reason, .. } = &find(&sim, is_deferred)[0].kind else { unreachable!() };
    assert_eq!(
        reason.diagnostic(),
        "host mx1.example.com[198.51.100.10] said: 450 4.2.0 <bob@example.com>: Recipient address rejected: Mailbox busy, try again later (in reply to RCPT TO command)"
    );
}

#[test]
fn rule_4_9_the_connection_dropped_after_the_body_delivers_twice_and_says_so() {
    let sim = run(preset("dropped-after-body"));
    let files = folder(&sim, MX1, "bob");
    assert_eq!(files.len(), 2, "the server kept the first copy; the sender sent it again");
    let lost = first(&sim, |e| matches!(e.kind, EventKind::ConnectionLost { after: Command::Body, .. })).expect("the drop is in the trace");
    let first_store = first(&sim, is_stored).unwrap();
    assert!(first_store < lost, "the server had the message before the line broke");
    let EventKind::Deferred { reason, .. } = &find(&sim, is_deferred)[0].kind else { unreachable!() };
    assert!(reason.diagnostic().ends_with("while sending end of data -- message may be sent more than once"), "{}", reason.diagnostic());
    assert_eq!(reason.status(), "4.4.2");
    let o = outcomes(&sim);
    assert_eq!(o.iter().filter(|o| o.duplicate).count(), 1);
    // "A second copy" is the one that ends later (issue 21: it was the
    // server's, which ends first).
    let (a, b) = (&o[0], &o[1]);
    assert!(a.fate.at() <= b.fate.at(), "outcomes in the order they ended");
    assert!(!a.duplicate && b.duplicate, "the later copy is the second: {o:?}");
}

/// Item 1 of the model issue, world 1: MX 10 core (down), MX 20
/// relay.birch.test whose address is the backup's, MX 30 the open backup.
fn birch(best_is_relay: bool) -> Scenario {
    let mut s = preset("seed-story");
    s.timeline.clear();
    s.messages[0].to = vec!["bob@birch.test".into()];
    let mut records = vec![
        Record::MX { name: "birch.test".into(), ttl: 3600, preference: 20, host: "relay.birch.test".into() },
        Record::A { name: "relay.birch.test".into(), ttl: 3600, address: "203.0.113.50".into() },
        Record::MX { name: "birch.test".into(), ttl: 3600, preference: 30, host: "backup.birch.test".into() },
        Record::A { name: "backup.birch.test".into(), ttl: 3600, address: "203.0.113.50".into() },
    ];
    if !best_is_relay {
        records.push(Record::MX { name: "birch.test".into(), ttl: 3600, preference: 10, host: "core.birch.test".into() });
        records.push(Record::A { name: "core.birch.test".into(), ttl: 3600, address: "198.51.100.40".into() });
    }
    s.zones.push(mxviz::model::scenario::Zone {
        origin: "birch.test".into(),
        status: ZoneStatus::Ok,
        soa: Default::default(),
        records,
    });
    let mut core = s.servers[1].clone();
    core.host = "core.birch.test".into();
    core.address = "198.51.100.40".into();
    core.mailboxes_for = vec!["birch.test".into()];
    core.down = true;
    let mut backup = s.servers[2].clone();
    backup.host = "backup.birch.test".into();
    backup.address = "203.0.113.50".into();
    backup.relay_for = vec!["birch.test".into()];
    backup.relay_recipients = None;
    s.servers.push(backup);
    if !best_is_relay {
        s.servers.push(core);
        s.timeline.push(TimedAction { at: 1800.0, action: Action::Up { host: "core.birch.test".into() } });
    }
    s
}

#[test]
fn rule_2_8_a_backup_known_under_another_name_drops_itself_by_address() {
    let sim = run(birch(false));
    let backup = host(&sim, "backup.birch.test");
    // It never connects to its own address and forwards only to the primary.
    assert!(find(&sim, |e| e.from == backup && matches!(e.kind, EventKind::Connect { .. }))
        .iter()
        .all(|e| matches!(&e.kind, EventKind::Connect { host, .. } if &**host == "core.birch.test")));
    let plan = find(&sim, |e| e.from == backup && matches!(e.kind, EventKind::Planned { .. }))[0].kind.clone();
    assert!(matches!(plan, EventKind::Planned { plan: Plan::Try { pruned_from: Some(20), .. }, .. }), "{plan:?}");
    let files = folder(&sim, "core.birch.test", "bob");
    assert_eq!(files.len(), 1);
    // One Received: per real hop: alice's server, the backup, the primary.
    assert_eq!(files[0].eml.lines().filter(|l| l.starts_with("Received:")).count(), 3);
}

#[test]
fn rule_2_8_a_relay_that_is_the_best_mx_by_address_returns_the_message_never_loops() {
    let sim = run(birch(true));
    assert!(sim.trace().len() < 300, "{} events: no loop", sim.trace().len());
    let backup = host(&sim, "backup.birch.test");
    let EventKind::Bounced { reason, .. } = &find(&sim, |e| e.from == backup && is_bounced(e))[0].kind else { panic!("the backup returns it") };
    assert_eq!(reason.status(), "5.4.6");
    assert_eq!(reason.diagnostic(), "mail for birch.test loops back to myself");
    assert_eq!(folder(&sim, SENDER, "alice").len(), 1, "the bounce reaches alice");
}

#[test]
fn rule_6_5_a_forwarding_loop_bounces_at_the_hop_limit_with_5_4_0() {
    let mut s = preset("forwarding-loop");
    s.hop_limit = 50; // Postfix's hopcount_limit
    let sim = run(s);
    // The server that would add the 50th Received: header refuses the
    // message at the end of DATA, as Postfix does (554 5.4.0 Error: too many
    // hops, for a message that arrives with 49: recorded, too-many-hops);
    // the server that sent it bounces it.
    let refusals = find(&sim, |e| matches!(&e.kind, EventKind::Reply { reply, after: Some(Command::Body), .. } if reply.code == 554));
    assert_eq!(refusals.len(), 1);
    let EventKind::Reply { reply, .. } = &refusals[0].kind else { unreachable!() };
    assert_eq!(reply.line(), "554 5.4.0 Error: too many hops");
    let bounced = &find(&sim, is_bounced)[0];
    assert_eq!(bounced.from, refusals[0].to, "the previous hop bounces");
    let EventKind::Bounced { reason, env, .. } = &bounced.kind else { unreachable!() };
    assert_eq!(reason.status(), "5.4.0");
    assert!(reason.diagnostic().ends_with("said: 554 5.4.0 Error: too many hops (in reply to end of DATA command)"), "{}", reason.diagnostic());
    assert_eq!(sim.envelope(*env).hops.len(), 49, "it had 49 Received: headers; with the 50th it was refused");
    // The bounce reaches alice with the message's headers intact.
    let bounce = &folder(&sim, SENDER, "alice")[0];
    assert!(bounce.eml.contains("Status: 5.4.0"));
    // Exim's limit is 30: a scenario may set it.
    let mut s = preset("forwarding-loop");
    s.hop_limit = 30;
    let sim = run(s);
    let EventKind::Bounced { env, .. } = &find(&sim, is_bounced)[0].kind else { unreachable!() };
    assert_eq!(sim.envelope(*env).hops.len(), 29);
}

#[test]
fn rule_6_5_a_fixed_next_hop_is_logged_as_a_next_hop_not_as_an_mx_order() {
    // A configured next hop (Postfix `transport_maps`, `relayhost = [host]`)
    // is no MX record and has no preference: its plan does not read "MX
    // order 0 …" (issue 21).
    let sim = run(preset("forwarding-loop"));
    let narrator = mxviz::text::narrate::Narrator::new(&sim, mxviz::text::Lang::En);
    let fixed: Vec<String> = sim
        .trace()
        .iter()
        .filter(|e| matches!(&e.kind, EventKind::Planned { plan: Plan::Try { fixed: true, .. }, .. }))
        .map(|e| narrator.describe(e).technical)
        .collect();
    assert!(!fixed.is_empty(), "the loop is made of fixed next hops");
    for line in &fixed {
        assert!(line.contains(": next hop ") && line.ends_with("(configured, no MX lookup)") && !line.contains("MX order"), "{line}");
    }
}

#[test]
fn rule_2_9_a_silent_authority_costs_timeouts_then_is_a_temporary_failure() {
    let sim = run(preset("dns-timeout"));
    let timeouts = find(&sim, |e| matches!(e.kind, EventKind::DnsTimedOut { .. }));
    assert_eq!(timeouts.len(), 3, "three tries of 5 s each, then SERVFAIL");
    let answer = first(&sim, |e| matches!(&e.kind, EventKind::DnsAnswer { answer, .. } if *answer == mxviz::model::dns::Answer::ServFail)).unwrap();
    assert!(sim.trace()[answer].at >= Time::from_secs(16), "after 3 x 5 s");
    let EventKind::Deferred { reason, .. } = &find(&sim, is_deferred)[0].kind else { unreachable!() };
    assert!(matches!(reason, Reason::DnsTempfail { rtype: RType::MX, .. }));
    assert_eq!(reason.status(), "4.4.3");
    assert_eq!(folder(&sim, "mx.broken.example", "dave").len(), 1, "delivered once the DNS answers again");
}

#[test]
fn rule_2_10_an_mx_that_names_an_alias_is_followed_with_a_warning() {
    let sim = run(preset("mx-is-an-alias"));
    let warned = find(&sim, |e| matches!(&e.kind, EventKind::HostIsAlias { host, target, .. } if &**host == "mail.example.com" && &**target == MX1));
    assert_eq!(warned.len(), 1);
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
}

#[test]
fn rule_6_6_spam_straight_to_an_open_backup_makes_backscatter_a_strict_one_does_not() {
    let open = run(preset("spam-to-open-backup"));
    let bot = host(&open, mxviz::presets::SPAMMER);
    // The spammer's machine asks its own resolver and goes straight to MX2.
    let conns = find(&open, |e| e.from == bot && matches!(e.kind, EventKind::Connect { .. }));
    assert!(conns.iter().all(|e| e.to == host(&open, MX2)));
    assert!(find(&open, |e| e.from == bot && matches!(e.kind, EventKind::DnsQuery { .. })).iter().all(|e| open.host(e.to).name.contains("spam")));
    assert_eq!(folder(&open, SENDER, "alice").len(), 1, "alice, who sent nothing, gets the bounce");

    let strict = run(preset("spam-to-strict-backup"));
    assert_eq!(folder(&strict, SENDER, "alice").len(), 0, "no backscatter");
    let rejected = find(&strict, |e| matches!(&e.kind, EventKind::Reply { reply, after: Some(Command::RcptTo), .. } if reply.code == 550));
    assert_eq!(rejected.len(), 1);
    assert!(matches!(outcomes(&strict)[0].fate, Fate::Dropped { .. }), "the spammer sends no bounce");
    // Its message is no bounce: the narration says why nothing comes back
    // (issue 21: it said "A bounce is never sent about a bounce").
    let dropped = strict.trace().iter().find(|e| matches!(e.kind, EventKind::Dropped { .. })).unwrap();
    for lang in mxviz::text::Lang::ALL {
        let n = mxviz::text::narrate::Narrator::new(&strict, lang).describe(dropped);
        assert!(!n.sentence.contains("never sent about a bounce") && !n.sentence.contains("不会为"), "{lang:?}: {}", n.sentence);
        assert!(n.sentence.contains("sends no bounces") || n.sentence.contains("从不发"), "{lang:?}: {}", n.sentence);
        assert!(!n.technical.contains("bounce discarded"), "{}", n.technical);
    }
}

#[test]
fn rule_5_3_an_expiry_bounce_has_no_smtp_reply_and_reports_the_last_error() {
    let mut s = only_mx1(FaultMode::Refuse);
    s.queue_lifetime = Some(1200);
    let sim = run(s);
    let bounce = &folder(&sim, SENDER, "alice")[0];
    assert!(bounce.eml.contains("Action: failed"));
    assert!(bounce.eml.contains("Status: 4.4.1"), "{}", bounce.eml);
    assert!(bounce.eml.contains("Diagnostic-Code: X-Postfix; connect to mx1.example.com[198.51.100.10]:25: Connection refused"));
    assert!(!bounce.eml.contains("554 4.4.7"));
}

#[test]
fn several_clients_each_ask_their_own_resolver() {
    let mut s = preset("seed-story");
    s.timeline.clear();
    let mut other = MailServer { host: "mail.carol.example".into(), address: "192.0.2.77".into(), ..s.servers[0].clone() };
    other.resolver = "resolver.carol.example".into();
    other.mailboxes_for = vec![];
    other.mailboxes = vec![];
    s.servers.push(other);
    let mut m = s.messages[0].clone();
    m.via = Some("mail.carol.example".into());
    m.from = "carol@carol.example".into();
    s.messages.push(m);
    let sim = run(s);
    let carol = host(&sim, "mail.carol.example");
    let asked: Vec<_> = find(&sim, |e| e.from == carol && matches!(e.kind, EventKind::DnsQuery { .. }));
    assert!(!asked.is_empty() && asked.iter().all(|e| &*sim.host(e.to).name == "resolver.carol.example"));
    assert_eq!(folder(&sim, MX1, "bob").len(), 2);
    assert!(find(&sim, |e| matches!(e.kind, EventKind::Enqueued { via: Via::Submission, .. })).iter().any(|e| e.from == carol));
}

#[test]
fn each_message_has_its_outcome_and_its_time() {
    let sim = run(preset("seed-story"));
    let o = outcomes(&sim);
    let Fate::Delivered { file, at, .. } = &o[0].fate else { panic!() };
    assert_eq!(file, "0001.eml");
    assert_eq!(last_outcome_at(&sim), Some(*at));
    assert!(sim.trace().last().unwrap().at > *at, "only cache expiries follow the outcome");
    let mut s = preset("seed-story");
    s.timeline = vec![TimedAction { at: 0.0, action: Action::Down { host: MX1.into() } }, TimedAction { at: 10.0, action: Action::Down { host: MX2.into() } }];
    let sim = run(s);
    assert!(matches!(&outcomes(&sim)[0].fate, Fate::Stuck { host, .. } if host == SENDER) || matches!(&outcomes(&sim)[0].fate, Fate::Bounced { .. }));
}

#[test]
fn rule_2_10_an_alias_stands_alone_at_its_name() {
    let mut s = preset("mx-is-an-alias");
    s.zones[1].records.push(Record::A { name: "mail.example.com".into(), ttl: 60, address: "198.51.100.99".into() });
    let e = rejected(s);
    assert!(matches!(e.problem, mxviz::model::scenario::Problem::CnameNotAlone), "{e:?}");
    assert!(words(&e).contains("RFC 1034 3.6.2"));
}

#[test]
fn rule_2_2_when_no_mx_host_has_an_address_the_message_bounces_5_4_4() {
    let mut s = only_mx1(FaultMode::Normal);
    s.zones[1].records.retain(|r| !matches!(r, Record::A { .. }));
    let sim = run(s);
    let EventKind::Bounced { reason, .. } = &find(&sim, is_bounced)[0].kind else { panic!("bounced") };
    assert!(matches!(reason, Reason::NoAddress { .. }));
    assert_eq!(reason.status(), "5.4.4");
    assert_eq!(count(&sim, |e| matches!(e.kind, EventKind::HostSkipped { .. })), 1);
}

#[test]
fn a_backup_known_by_address_story_delivers_through_mx2_without_a_loop() {
    let sim = run(preset("backup-known-by-address"));
    let mx2 = host(&sim, MX2);
    // MX2 is reached under its other name and never tries that name itself.
    assert!(find(&sim, |e| e.to == mx2 && matches!(&e.kind, EventKind::Connect { host, .. } if &**host == "relay.example.com")).len() == 1);
    assert!(find(&sim, |e| e.from == mx2 && matches!(e.kind, EventKind::Connect { .. })).iter().all(|e| e.to == host(&sim, MX1)));
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
}

/// One message to bob, carol and dave at example.com, as recorded with
/// Postfix 3.7 (several-recipients): MX1 takes bob, does not know carol,
/// and has dave's mailbox busy; MX2 backs up bob and dave.
fn three_recipients() -> Scenario {
    let mut s = preset("several-recipients");
    s.servers[1].busy_mailboxes = vec!["dave".into()];
    s
}

#[test]
fn rule_4_10_several_recipients_of_one_domain_share_one_session() {
    let sim = run(three_recipients());
    let (sender, mx1, mx2) = (host(&sim, SENDER), host(&sim, MX1), host(&sim, MX2));
    // One session with MX1: one MAIL FROM, a RCPT TO each in order, one DATA.
    let session: Vec<String> = sim
        .trace()
        .iter()
        .filter(|e| (e.from, e.to) == (sender, mx1) || (e.from, e.to) == (mx1, sender))
        .filter_map(|e| match &e.kind {
            EventKind::Command { command: Command::RcptTo, env } => Some(format!("RCPT {}", sim.envelope(*env).to)),
            EventKind::Command { command, .. } => Some(command.name().to_string()),
            EventKind::Reply { reply, after: Some(_), .. } => Some(reply.code.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        session,
        [
            "EHLO", "250", "MAIL FROM", "250", "RCPT bob@example.com", "250", "RCPT carol@example.com", "550",
            "RCPT dave@example.com", "450", "DATA", "354", "end of DATA", "250", "QUIT", "221"
        ]
    );
    // bob's copy is written by MX1.
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
    // dave, told 450, goes to the next MX in the same attempt, alone (recorded: mx2 queued him).
    let to_mx2 = find(&sim, |e| e.from == sender && e.to == mx2 && matches!(e.kind, EventKind::Command { command: Command::RcptTo, .. }));
    assert_eq!(to_mx2.len(), 1);
    let EventKind::Command { env, .. } = to_mx2[0].kind else { unreachable!() };
    assert_eq!(sim.envelope(env).to.to_string(), "dave@example.com");
    assert!(to_mx2[0].at < Time::from_secs(60), "in the same attempt");
    assert_eq!(count(&sim, |e| e.to == mx2 && matches!(e.kind, EventKind::Enqueued { via: Via::Smtp, .. })), 1);
    // One bounce at once, for carol alone, with her own status. (Much
    // later MX2 gives up on dave, whose mailbox stays busy, and bounces him.)
    let bounces = folder(&sim, SENDER, "alice");
    assert_eq!(bounces.iter().filter(|b| b.at < Time::from_secs(60)).count(), 1);
    let eml = &bounces[0].eml;
    assert!(eml.contains("Final-Recipient: rfc822; carol@example.com\nAction: failed\nStatus: 5.1.1"), "{eml}");
    assert!(!eml.contains("rfc822; bob@") && !eml.contains("rfc822; dave@"), "{eml}");
    // The sender's queue is empty once MX2 has dave (recorded).
    assert_eq!(count(&sim, |e| e.from == sender && matches!(e.kind, EventKind::Deferred { .. })), 0);
}

#[test]
fn rule_4_10_a_5yz_to_the_message_bounces_every_recipient_it_carried_in_one_report() {
    let mut s = preset("several-recipients");
    s.servers[1].fault = FaultMode::ContentRejected;
    let sim = run(s);
    // bob and dave were taken at RCPT, then the message was refused: one
    // bounce lists carol (550 at RCPT) and both of them (550 to the message).
    let bounces = folder(&sim, SENDER, "alice");
    assert_eq!(bounces.len(), 1);
    let eml = &bounces[0].eml;
    for to in ["bob", "carol", "dave"] {
        assert!(eml.contains(&format!("Final-Recipient: rfc822; {to}@example.com")), "{to}: {eml}");
    }
    assert!(eml.contains("Status: 5.1.1") && eml.contains("Diagnostic-Code: smtp; 550 5.7.1 message content rejected"), "{eml}");
    assert_eq!(all_files(&sim, MX1), 0);
}

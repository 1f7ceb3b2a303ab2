//! Every preset, run to its end, gives the outcome its explanation promises.

mod common;
use common::*;
use mxviz::model::dns::Answer;
use mxviz::model::event::Reason;
use mxviz::presets::{MX1, MX2, PRESETS, SENDER};
use mxviz::model::smtp::Command;
use mxviz::model::{EventKind, Time};

fn outcome(id: &str) -> mxviz::model::Simulation {
    run(preset(id))
}

#[test]
fn every_preset_has_a_title_an_explanation_and_a_valid_scenario() {
    let mut ids = std::collections::BTreeSet::new();
    for p in PRESETS {
        assert!(ids.insert(p.id), "duplicate id {}", p.id);
        assert!(p.title.len() > 10 && p.explanation.len() > 100, "{}", p.id);
        let s = p.scenario();
        s.validate(mxviz::model::Limits::OUTSIDE).unwrap();
        let sim = run(s);
        assert!(!sim.trace().is_empty(), "{}", p.id);
        // Everything ends somewhere: nothing is left in a queue.
        assert!(sim.state().hosts.iter().all(|h| h.queue.is_empty()), "{} left mail queued", p.id);
    }
    assert_eq!(PRESETS[0].id, "seed-story", "the seed story plays first");
    let myths = PRESETS.iter().filter(|p| p.id.starts_with("myth-")).count();
    assert_eq!(myths, 8, "one preset per misconception of rules.md section 7");
}

#[test]
fn seed_story_mx2_holds_then_mx1_delivers_with_a_received_header_per_hop() {
    let sim = outcome("seed-story");
    let mx2 = host(&sim, MX2);
    assert!(count(&sim, |e| e.to == mx2 && matches!(e.kind, EventKind::Enqueued { .. })) == 1);
    let files = folder(&sim, MX1, "bob");
    assert_eq!(files.len(), 1);
    // alice's server, MX2, MX1: one Received: header per hop.
    assert_eq!(files[0].eml.lines().filter(|l| l.starts_with("Received:")).count(), 3);
    assert!(files[0].at > Time::from_secs(3000), "delivered after MX1 is back");
    // The story's explanation: the cache runs out during a wait, not when MX1 returns.
    let expired = find(&sim, |e| matches!(e.kind, EventKind::CacheExpired { .. }) && e.at < files[0].at);
    assert!(!expired.is_empty() && expired.iter().all(|e| e.at > Time::from_secs(1500) && e.at < Time::from_secs(3000)));
    assert_eq!(all_files(&sim, MX2), 0);
}

#[test]
fn ttl_change_old_answer_until_expiry() {
    let sim = outcome("ttl-change");
    assert_eq!(folder(&sim, MX1, "bob").len(), 2);
    assert_eq!(folder(&sim, "mx-new.example.com", "bob").len(), 1);
}

#[test]
fn implicit_mx_delivers_to_the_domain_itself() {
    assert_eq!(folder(&outcome("implicit-mx"), "example.net", "carol").len(), 1);
    assert_eq!(folder(&outcome("myth-no-mx-no-mail"), "example.net", "carol").len(), 1);
}

#[test]
fn null_mx_bounces_at_once() {
    let sim = outcome("null-mx");
    assert_eq!(count(&sim, is_deferred), 0);
    assert_eq!(folder(&sim, SENDER, "alice").len(), 1);
}

#[test]
fn nxdomain_bounces_servfail_delivers_later() {
    for id in ["nxdomain-vs-servfail", "myth-nxdomain-is-servfail"] {
        let sim = outcome(id);
        assert_eq!(count(&sim, is_bounced), 1, "{id}");
        let dave = folder(&sim, "mx.broken.example", "dave");
        assert_eq!(dave.len(), 1, "{id}");
        assert!(dave[0].at >= Time::from_secs(1200), "{id}: only after the DNS is fixed");
    }
}

#[test]
fn equal_preferences_spread_over_both() {
    for id in ["equal-preferences", "myth-equal-in-listed-order"] {
        let sim = outcome(id);
        let (a, b) = (all_files(&sim, "mxa.example.com"), all_files(&sim, "mxb.example.com"));
        assert!(a > 0 && b > 0 && a + b == 6, "{id}: {a} + {b}");
    }
}

#[test]
fn greylisting_first_450_then_accepted() {
    let sim = outcome("greylisting");
    // Greylisted at T+1s and again at T+5m (a second early for postgrey), accepted at T+10m.
    assert_eq!(count(&sim, is_deferred), 2);
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
}

#[test]
fn all_down_bounces_after_five_days() {
    let sim = outcome("all-down-bounce");
    let b = find(&sim, is_bounced);
    assert_eq!(b.len(), 1);
    assert!(matches!(&b[0].kind, EventKind::Bounced { reason: Reason::Expired { .. }, .. }));
    assert!(b[0].at >= Time::from_secs(5 * 86_400));
    assert!(count(&sim, is_deferred) > 100);
    assert_eq!(folder(&sim, SENDER, "alice").len(), 1);
}

#[test]
fn backscatter_bounce_comes_from_the_backup() {
    let sim = outcome("backscatter");
    let b = find(&sim, is_bounced);
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].from, host(&sim, MX2));
    assert_eq!(folder(&sim, SENDER, "alice").len(), 1);
}

#[test]
fn myth_mx_holds_addresses_two_lookups() {
    let sim = outcome("myth-mx-holds-addresses");
    let mx_answers = find(&sim, |e| matches!(&e.kind, EventKind::DnsAnswer { answer: Answer::Records(r), .. } if r.iter().all(|r| r.rtype() == Some(mxviz::model::dns::RType::MX))));
    assert!(!mx_answers.is_empty());
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
}

#[test]
fn myth_lower_preference_goes_first() {
    assert_eq!(folder(&outcome("myth-lower-is-less-important"), MX1, "bob").len(), 1);
}

#[test]
fn myth_backup_only_forwards() {
    let sim = outcome("myth-backup-delivers");
    assert_eq!(all_files(&sim, MX2), 0);
    let files = folder(&sim, MX1, "bob");
    assert_eq!(files.len(), 1);
    assert!(files[0].at >= Time::from_secs(7200));
}

#[test]
fn myth_dns_change_waits_for_ttl() {
    let sim = outcome("myth-dns-change-instant");
    assert_eq!(folder(&sim, MX1, "bob").len(), 2);
    assert_eq!(folder(&sim, "mx-new.example.com", "bob").len(), 1);
}

#[test]
fn myth_retries_are_minutes_to_hours_apart() {
    let sim = outcome("myth-retry-every-few-seconds");
    let waits: Vec<u64> = find(&sim, is_deferred)
        .iter()
        .map(|e| match e.kind {
            EventKind::Deferred { next_retry, .. } => next_retry.since(e.at) / 1000,
            _ => unreachable!(),
        })
        .collect();
    // Postfix waits as long as the message has been queued, at a queue scan:
    // minutes, then hours, never seconds.
    assert!(waits.iter().all(|w| *w >= 300), "{waits:?}");
    assert!(waits.windows(2).all(|w| w[1] >= w[0]), "the waits grow: {waits:?}");
    let files = folder(&sim, MX1, "bob");
    assert_eq!(files.len(), 1);
    assert!(files[0].at >= Time::from_secs(3 * 3600));
}

#[test]
fn several_recipients_one_session_two_files_one_bounce_naming_carol_alone() {
    let sim = outcome("several-recipients");
    let mx1 = host(&sim, MX1);
    let to_mx1 = |c: Command| count(&sim, |e| e.to == mx1 && matches!(e.kind, EventKind::Command { command, .. } if command == c));
    assert_eq!((to_mx1(Command::MailFrom), to_mx1(Command::RcptTo), to_mx1(Command::Data)), (1, 3, 1), "one MAIL, a RCPT each, one DATA");
    assert_eq!(folder(&sim, MX1, "bob").len(), 1);
    assert_eq!(folder(&sim, MX1, "dave").len(), 1);
    let bounces = folder(&sim, SENDER, "alice");
    assert_eq!(bounces.len(), 1, "one bounce");
    assert!(bounces[0].eml.contains("<carol@example.com>:") && !bounces[0].eml.contains("<bob@example.com>:"), "{}", bounces[0].eml);
}

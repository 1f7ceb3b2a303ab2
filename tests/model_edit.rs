//! `model::edit`: every structural change keeps the scenario valid and changes only what it says.

use mxviz::model::edit::*;
use mxviz::model::retry::RetryPolicy;
use mxviz::model::scenario::{Action, Record, Scenario};
use mxviz::model::world::Limits;
use mxviz::presets::{default_scenario, MX1, MX2};

fn valid(s: &Scenario) {
    s.validate(Limits::OUTSIDE).expect("an edit keeps the scenario valid");
}

#[test]
fn names_match_in_any_case_and_with_the_final_dot() {
    assert!(same_host("MX1.Example.COM.", MX1));
    let s = remove_server(&default_scenario(), "MX2.EXAMPLE.COM.");
    assert!(!s.servers.iter().any(|m| m.host == MX2));
    assert!(!s.zones.iter().flat_map(|z| &z.records).any(|r| matches!(r, Record::MX { host, .. } if host == MX2)));
    assert!(!s.zones.iter().flat_map(|z| &z.records).any(|r| r.name() == MX2));
    valid(&s);
}

#[test]
fn removing_a_server_drops_its_timeline_entries() {
    let s = default_scenario();
    assert!(s.timeline.iter().any(|t| matches!(&t.action, Action::Down { host } | Action::Up { host } if host == MX1)));
    let s = remove_server(&s, MX1);
    assert!(s.timeline.iter().all(|t| !matches!(&t.action, Action::Down { host } | Action::Up { host } if host == MX1)));
    valid(&s);
}

#[test]
fn a_new_backup_is_one_preference_worse_and_valid() {
    let s = add_backup(&default_scenario());
    let added = s.servers.last().unwrap();
    assert_eq!(added.host, "mx3.example.com");
    assert_eq!(ServerRole::of(added), ServerRole::Backup);
    assert!(s.zones.iter().flat_map(|z| &z.records).any(|r| matches!(r, Record::MX { host, preference: 30, .. } if host == "mx3.example.com")));
    valid(&s);
    let twice = add_backup(&s);
    assert_eq!(twice.servers.last().unwrap().host, "mx4.example.com");
    valid(&twice);
}

#[test]
fn roles_change_what_a_server_holds() {
    let s = set_role(&default_scenario(), MX2, ServerRole::Final);
    let m = s.servers.iter().find(|m| m.host == MX2).unwrap();
    assert_eq!((ServerRole::of(m), m.mailboxes_for.as_slice(), m.mailboxes.as_slice()), (ServerRole::Final, &["example.com".to_string()][..], &["bob".to_string()][..]));
    let s = set_role(&s, MX2, ServerRole::Neither);
    assert_eq!(ServerRole::of(s.servers.iter().find(|m| m.host == MX2).unwrap()), ServerRole::Neither);
    valid(&s);
}

#[test]
fn comparisons_differ_in_one_setting() {
    let s = default_scenario();
    let (a, b) = comparison(&s, Comparison::Backup);
    assert_eq!(a, s);
    assert_eq!(b.servers.len(), s.servers.len() - 1);
    valid(&b);
    let (a, b) = comparison(&s, Comparison::Retry);
    assert_eq!((a.retry, b.retry), (RetryPolicy::postfix(), RetryPolicy::exim()));
    let (a, b) = comparison(&s, Comparison::Ttl);
    assert!(a.zones.iter().flat_map(|z| &z.records).all(|r| r.ttl() == 300));
    assert!(b.zones.iter().flat_map(|z| &z.records).all(|r| r.ttl() == 86_400));
}

#[test]
fn a_scenario_with_a_newer_versions_fields_reads_with_a_note_of_what_was_left_out() {
    // Issue 21: one unknown field anywhere used to refuse the whole scenario.
    let json = mxviz::presets::default_scenario().to_json();
    let newer = json
        .replacen("{\"title\"", "{\"colour\":\"blue\",\"title\"", 1)
        .replacen("\"host\":\"mail.alice.example\"", "\"host\":\"mail.alice.example\",\"ipv6\":\"2001:db8::1\"", 1);
    assert_ne!(newer, json);
    let (s, ignored) = Scenario::read_json(&newer).expect("a newer version's scenario reads");
    assert_eq!(s, mxviz::presets::default_scenario());
    assert_eq!(ignored, ["colour", "zones.0.records.0.ipv6"], "by their path, at any depth");
    // A byte-order mark and white space around it are no part of it.
    let (s, ignored) = Scenario::read_json(&format!("\u{feff}\n  {json}\n\n")).expect("a byte-order mark and white space");
    assert_eq!((s, ignored.len()), (mxviz::presets::default_scenario(), 0));
}

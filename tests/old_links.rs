//! Links shared before the scenario format's readers were rewritten
//! (`src/model/format.rs`) still open, and open to the same world: every
//! story as a whole scenario, and one scenario with every kind of record,
//! retry policy and timeline action. The fixture was written by the build
//! before the change (`MXVIZ_BLESS=1` writes it from the current one).
#![cfg(not(target_arch = "wasm32"))]

use mxviz::link::{decode, encode, encode_scenario, Link, Story};
use mxviz::model::retry::RetryPolicy;
use mxviz::model::scenario::{Record, TimedAction};
use mxviz::model::smtp::FaultMode;
use mxviz::model::{Action, Scenario};
use mxviz::presets::{default_scenario, PRESETS};

const FIXTURE: &str = "tests/fixtures/links/2026-11-30.txt";

/// A scenario that uses every kind of tagged object in the format.
fn every_kind() -> Scenario {
    let mut s = default_scenario();
    s.zones[1].records.push(Record::AAAA { name: "mx1.example.com".into(), ttl: 600, address: "2001:db8::10".into() });
    s.zones[1].records.push(Record::CNAME { name: "mail.example.com".into(), ttl: 600, target: "mx1.example.com".into() });
    s.retry = RetryPolicy::Custom { first: 120, factor: 1.5, max: 7200, lifetime: 172_800, by_age: true, scan: 300 };
    let zone = s.zones[1].clone();
    let message = s.messages[0].clone();
    let at = |at: f64, action: Action| TimedAction { at, action };
    s.timeline.extend([
        at(10.0, Action::Fault { host: "mx2.example.com".into(), mode: FaultMode::Greylist }),
        at(20.5, Action::SetZone { zone }),
        at(30.0, Action::ZoneStatus { origin: "example.com".into(), status: mxviz::model::dns::ZoneStatus::Servfail }),
        at(40.0, Action::ZoneStatus { origin: "example.com".into(), status: mxviz::model::dns::ZoneStatus::Ok }),
        at(50.0, Action::FlushCache { resolver: "resolver.isp.example".into() }),
        at(60.0, Action::Send { message }),
        at(70.0, Action::Down { host: "mx2.example.com".into() }),
        at(80.0, Action::Up { host: "mx2.example.com".into() }),
    ]);
    s
}

fn scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = PRESETS.iter().map(|p| p.scenario()).collect();
    let mut exim = default_scenario();
    exim.retry = RetryPolicy::exim();
    let mut rfc = default_scenario();
    rfc.retry = RetryPolicy::RfcMinimum;
    all.extend([every_kind(), exim, rfc]);
    all
}

#[test]
fn links_shared_before_still_open_to_the_same_world() {
    let expected: Vec<String> = scenarios().iter().map(|s| format!("s={}&e=7", encode_scenario(s))).collect();
    if std::env::var_os("MXVIZ_BLESS").is_some() {
        std::fs::create_dir_all("tests/fixtures/links").unwrap();
        std::fs::write(FIXTURE, expected.join("\n") + "\n").unwrap();
        return;
    }
    let old = std::fs::read_to_string(FIXTURE).expect("the fixture of old links");
    let old: Vec<&str> = old.lines().filter(|l| !l.is_empty()).collect();
    // Stories added since have no old link; every old link is one of today's worlds.
    assert!(old.len() <= expected.len());
    let today: Vec<(String, Scenario)> = expected.into_iter().zip(scenarios()).collect();
    for line in old {
        let link = decode(line).unwrap_or_else(|e| panic!("an old link no longer opens: {e:?}"));
        let Story::Scenario(s) = &link.story else { panic!("a scenario link") };
        // The same world. Its words are the link's own: a story's
        // explanation may be reworded since (as the forwarding loop's was
        // when the model learnt to refuse it at the end of DATA), and a link
        // shows what it carried.
        let same = |t: &Scenario| {
            let mut t = t.clone();
            (t.title, t.explanation) = (s.title.clone(), s.explanation.clone());
            t == **s
        };
        let Some((fragment, scenario)) = today.iter().find(|(_, t)| same(t)) else { panic!("an old link opens to a world of today: {}", s.title) };
        // And a link written today is the same link, when its words are.
        if s.explanation == scenario.explanation {
            assert_eq!(encode(&Link { story: link.story.clone(), events: Some(7), view: link.view.clone(), ignored: Vec::new() }), *fragment);
        }
    }
}

//! The reducer, natively: stepping, seeking, links, undo, comparisons, interventions.

use super::*;
use crate::link::Story;
use crate::text::{problems::notice, Lang};

fn said(p: &Player) -> String {
    notice(p.notice.as_ref().expect("a notice"), Lang::En)
}
use crate::presets::MX1;

fn seed() -> Player {
    Player::preset("seed-story").unwrap()
}

#[test]
fn stepping_and_seeking_show_the_state_the_model_had() {
    let mut p = seed();
    // A step is a beat: all its events happen.
    for _ in 0..5 {
        p.update(Msg::StepForward);
    }
    assert_eq!(p.beat(), Some(4));
    assert_eq!(p.applied, p.beats[4].end);
    assert_eq!(*p.state, p.sim.state_after(p.applied));
    p.update(Msg::StepBack);
    assert_eq!(p.beat(), Some(3));
    assert_eq!(p.applied, p.beats[3].end);
    assert_eq!(*p.state, p.sim.state_after(p.applied));
    p.update(Msg::Seek(p.schedule.total));
    assert!(p.at_end());
    // The story ends at its outcome; the cache expiries after it are not played.
    assert_eq!(*p.state, p.sim.state_after(p.shown));
    assert!(p.shown < p.sim.trace().len());
    p.update(Msg::Seek(0.0));
    assert_eq!(p.applied, 0);
}

#[test]
fn seeking_anywhere_in_a_long_story_gives_the_folded_state() {
    let mut p = Player::preset("all-down-bounce").unwrap();
    let len = p.shown;
    assert!(len > 3 * CHECKPOINT_EVERY);
    for k in [len - 1, 3, 2 * CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY - 1, len / 2, 0, len] {
        let pos = if k == 0 { 0.0 } else { p.schedule.after_event(k - 1) };
        p.update(Msg::Seek(pos));
        assert_eq!(p.applied, k);
        assert_eq!(*p.state, p.sim.state_after(k), "after {k} events");
    }
}

#[test]
fn a_link_copied_after_some_clicks_reopens_the_same_run_at_the_same_step() {
    let mut p = seed();
    for _ in 0..12 {
        p.update(Msg::StepForward);
    }
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    p.update(Msg::StepForward);
    let fragment = p.fragment(&View::default(), true);
    assert!(fragment.starts_with("s="), "an edited story is a full scenario");
    let q = Player::from_fragment(&fragment, false, crate::lang::Lang::En);
    assert_eq!(q.sim.trace(), p.sim.trace());
    assert_eq!(q.applied, p.applied);
    assert_eq!(*q.state, *p.state);
    assert!(!q.playing, "a link with a position opens paused");

    let d = Player::from_fragment("#preset=null-mx&e=4&theme=dark", false, crate::lang::Lang::En);
    assert_eq!((d.preset, d.applied, d.view.theme), (Some("null-mx"), 4, crate::link::Theme::Dark));
    assert_eq!(d.fragment(&View::default(), true), "preset=null-mx&e=4");
    assert_eq!(d.fragment(&d.view, false), "preset=null-mx&theme=dark");
}

#[test]
fn a_link_from_a_newer_version_opens_with_a_note_of_the_fields_left_out() {
    let json = presets::default_scenario().to_json().replacen("{\"title\"", "{\"colour\":\"blue\",\"title\"", 1);
    let fragment = format!("#s={}", base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, json));
    let p = Player::from_fragment(&fragment, false, crate::lang::Lang::En);
    assert_eq!(p.notice, Some(Notice::FieldsIgnored(vec!["colour".into()])));
    assert_eq!(*p.sim.scenario(), presets::default_scenario(), "the world as shared");
    assert!(said(&p).contains("left out: colour"), "{}", said(&p));
    let zh = Player::from_fragment(&format!("{fragment}&lang=zh"), false, crate::lang::Lang::En);
    let zh = notice(zh.notice.as_ref().expect("a notice"), Lang::Zh);
    assert!(zh.contains("colour") && zh.contains("略去"), "{zh}");
}

#[test]
fn a_bad_link_falls_back_to_the_default_story_with_a_notice() {
    for bad in ["#preset=../../etc", "#s=%%%", "#theme=<b>", "#e=x"] {
        let p = Player::from_fragment(bad, false, crate::lang::Lang::En);
        assert_eq!(p.preset, Some(presets::DEFAULT_PRESET), "{bad}");
        assert!(matches!(p.notice, Some(Notice::BadLink(_))), "{bad}");
        assert!(said(&p).starts_with("This link could not be opened"), "{bad}");
        assert_eq!(p.view, View::default());
    }
}

#[test]
fn undo_steps_back_through_every_change_to_the_start_and_redo_forward() {
    let start = seed();
    let mut p = seed();
    for _ in 0..5 {
        p.update(Msg::StepForward);
    }
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    p.update(Msg::Intervene(Action::FlushCache { resolver: "resolver.isp.example".into() }));
    let mut edited = p.sim.scenario().clone();
    edited.retry = crate::model::retry::RetryPolicy::exim();
    p.update(Msg::EditScenario(Box::new(edited)));
    assert_eq!(p.sim.scenario().timeline.len(), 4);
    assert!(p.can_undo() && !p.can_redo());
    for _ in 0..3 {
        p.update(Msg::Undo);
    }
    assert!(!p.can_undo());
    assert_eq!(p.sim.scenario(), start.sim.scenario());
    assert_eq!(p.preset, Some("seed-story"));
    assert_eq!(p.sim.trace(), start.sim.trace());
    p.update(Msg::Redo);
    assert_eq!(p.sim.scenario().timeline.len(), 3);
    assert!(p.can_redo());
}

#[test]
fn comparing_with_and_without_a_backup_runs_both_on_one_clock() {
    use crate::model::report::{outcomes, Fate};
    let mut p = seed();
    p.update(Msg::Compare(Some(Comparison::Backup)));
    let twin = p.twin.clone().expect("a second world");
    assert_eq!(twin.comparison, Comparison::Backup);
    let (a, b) = (outcomes(&p.sim), outcomes(&twin.player.sim));
    assert_eq!(a[0].waited_at, ["mx2.example.com"]);
    assert!(b[0].waited_at.is_empty(), "without a backup the sender keeps it");
    let (Fate::Delivered { at: ta, .. }, Fate::Delivered { at: tb, .. }) = (&a[0].fate, &b[0].fate) else { panic!() };
    assert_ne!(ta, tb);
    p.update(Msg::Seek(p.schedule.total / 2.0));
    let t = p.twin.as_ref().unwrap();
    let (ca, cb) = (p.clock(), t.player.clock());
    let apart = ca.millis().abs_diff(cb.millis());
    assert!(apart < 40_000, "{ca} vs {cb}: the two worlds are {apart} ms apart");
    p.update(Msg::Compare(None));
    assert!(p.twin.is_none());
}

#[test]
fn comparing_ttls_changes_this_world_too_and_can_be_undone() {
    let mut p = seed();
    p.update(Msg::Compare(Some(Comparison::Ttl)));
    assert!(p.can_undo());
    let t = p.twin.clone().unwrap();
    let labels = crate::text::labels::comparison_labels(Comparison::Ttl, p.sim.scenario(), t.player.sim.scenario(), Lang::En);
    assert_eq!(labels, ("TTL 300 s".to_string(), "TTL 86400 s (a day)".to_string()));
    assert!(p.sim.trace().len() > t.player.sim.trace().len(), "short TTLs mean more lookups");
}

#[test]
fn frames_advance_by_speed_and_stop_at_the_end() {
    let mut p = seed();
    p.update(Msg::Play);
    p.update(Msg::Frame(1000.0));
    p.update(Msg::Frame(1016.0));
    assert!((p.pos - 16.0).abs() < 1e-9);
    p.update(Msg::Speed(8.0));
    p.update(Msg::Frame(1032.0));
    assert!((p.pos - (16.0 + 128.0)).abs() < 1e-9);
    p.update(Msg::Speed(3.0)); // not offered: ignored
    assert_eq!(p.speed, 8.0);
    p.update(Msg::Seek(p.schedule.total - 1.0));
    p.update(Msg::Frame(1048.0));
    assert!(p.at_end() && !p.playing);
}

#[test]
fn an_intervention_keeps_what_was_seen_and_changes_what_follows() {
    let mut p = seed();
    p.update(Msg::Seek(p.schedule.after_event(9)));
    let before: Vec<_> = p.sim.trace()[..10].to_vec();
    let old_len = p.sim.trace().len();
    // Bring MX1 back right now: the sender should reach it directly.
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    assert_eq!(p.notice, None);
    assert_eq!(&p.sim.trace()[..10], &before[..]);
    // The change itself shows at once, even while paused.
    assert_eq!(p.applied, 11);
    assert!(matches!(p.sim.trace()[10].kind, EventKind::HostUp));
    assert!(p.state.hosts[p.sim.host_id(MX1).unwrap() as usize].up);
    assert_ne!(p.sim.trace().len(), old_len);
    assert_eq!(p.sim.scenario().timeline.len(), 3);
    assert_eq!(p.preset, None);
}

#[test]
fn an_intervention_while_paused_mid_step_shows_at_once() {
    let p = seed();
    // Pause inside the slot of every event in turn, then bring MX1 up.
    for k in 1..40 {
        let mut q = p.clone();
        let slot = q.schedule.slots[q.schedule.event_slot[k]];
        q.update(Msg::Seek(slot.start + slot.dur / 2.0));
        q.update(Msg::Intervene(Action::Up { host: MX1.into() }));
        let mx1 = q.sim.host_id(MX1).unwrap() as usize;
        assert!(q.state.hosts[mx1].up, "paused in event {k}: MX1 shows up at once");
    }
}

#[test]
fn a_bad_intervention_changes_nothing_and_says_why() {
    let mut p = seed();
    let len = p.sim.trace().len();
    p.update(Msg::Intervene(Action::Down { host: "nope.example".into() }));
    assert!(said(&p).contains("nope.example"));
    assert_eq!(p.sim.trace().len(), len);
    assert!(!p.can_undo(), "a refused change is not in the history");
    p.update(Msg::LoadPreset("no-such".into()));
    assert!(said(&p).contains("no-such"));
}

#[test]
fn an_undo_that_cannot_run_keeps_its_entry() {
    let mut p = seed();
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    assert!(p.can_undo());
    // Make the saved scenario unrunnable, as a stale entry could be.
    let entry = Rc::make_mut(&mut p.undo).last_mut().unwrap();
    Rc::make_mut(&mut entry.scenario).sender = "nope.example".into();
    p.update(Msg::Undo);
    assert!(p.can_undo(), "the entry is still there");
    assert!(!p.can_redo());
    assert!(matches!(p.notice, Some(Notice::ChangeRefused(_))));
}

#[test]
fn opening_a_link_keeps_the_history_and_the_comparison() {
    let mut p = seed();
    p.update(Msg::Compare(Some(Comparison::Backup)));
    p.update(Msg::OpenLink("#preset=null-mx&e=4".into()));
    assert_eq!((p.preset, p.applied), (Some("null-mx"), 4));
    assert!(p.can_undo(), "the link is a step that can be undone");
    assert_eq!(p.comparing(), Some(Comparison::Backup));
    p.update(Msg::Undo);
    assert_eq!(p.preset, Some("seed-story"));
}

#[test]
fn a_click_keeps_the_story_its_title_and_the_timelines_scale() {
    let mut p = seed();
    for _ in 0..6 {
        p.update(Msg::StepForward);
    }
    let (axis, applied) = (p.axis, p.applied);
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    assert_eq!((p.preset, p.story, p.modified()), (None, Some("seed-story"), true));
    // The timeline redraws to the new story's length: no dead end after it.
    assert_eq!(p.axis, p.schedule.total);
    assert!(p.axis < axis, "MX1 back early: a shorter story");
    assert!(p.applied > applied, "the place is kept, and the change shows");
    p.update(Msg::LoadPreset("null-mx".into()));
    assert_eq!((p.story, p.modified()), (Some("null-mx"), false));
}

#[test]
fn chapter_keys_go_from_one_chapter_to_the_next() {
    let mut p = seed();
    // Each press lands on the first beat of a chapter, that beat played.
    p.update(Msg::Chapter(1));
    assert_eq!((p.chapter(), p.beat()), (Some(0), Some(p.chapters[0].beat)));
    p.update(Msg::Chapter(1));
    assert_eq!((p.chapter(), p.beat()), (Some(1), Some(p.chapters[1].beat)));
    assert_eq!(p.pos, p.chapters[1].land);
    p.update(Msg::Chapter(1));
    p.update(Msg::Chapter(-1));
    assert_eq!(p.chapter(), Some(1));
    let mut presses = 0;
    let mut last = p.pos;
    while !p.at_end() {
        p.update(Msg::Chapter(1));
        assert!(p.pos > last, "every press moves");
        last = p.pos;
        presses += 1;
    }
    assert!(presses <= 12, "{presses} presses to the end");
}

#[test]
fn playing_holds_on_each_key_moment_until_the_reader_goes_on() {
    let mut p = seed();
    p.update(Msg::Play);
    let mut ts = 0.0;
    let mut frame = |p: &mut Player| {
        ts += 50.0;
        p.update(Msg::Frame(ts));
    };
    for _ in 0..200 {
        frame(&mut p);
    }
    // MX1 going down is the first beat and a key moment: it holds there.
    assert_eq!(p.held, Some(0));
    assert_eq!(p.pos, p.schedule.end_of_beat(0));
    assert!(p.playing);
    // Space (Toggle) goes on; the next key moment holds again.
    p.update(Msg::Toggle);
    assert_eq!(p.held, None);
    for _ in 0..2_000 {
        frame(&mut p);
        if p.held.is_some() {
            break;
        }
    }
    let b = p.held.expect("held again");
    assert!(b > 0 && p.beats[b].key.is_some());
    // Every key beat holds once, in order, up to the end.
    let mut held = vec![0, b];
    while !p.at_end() {
        p.update(Msg::StepForward); // → on a key moment goes on too
        for _ in 0..5_000 {
            frame(&mut p);
            if p.held.is_some() || p.at_end() {
                break;
            }
        }
        if let Some(b) = p.held {
            held.push(b);
        }
    }
    // The last beat is the end itself: the story stops there, on its end card.
    let keys: Vec<usize> = (0..p.beats.len() - 1).filter(|&b| p.beats[b].key.is_some()).collect();
    assert_eq!(held, keys);
}

#[test]
fn an_autoplaying_embed_goes_on_after_a_generous_wait() {
    let mut p = Player::from_fragment("#embed=1&autoplay=1", false, Lang::En);
    assert!(p.playing);
    let mut ts = 0.0;
    while p.held.is_none() {
        ts += 50.0;
        p.update(Msg::Frame(ts));
    }
    let start = ts;
    while p.held.is_some() {
        ts += 50.0;
        p.update(Msg::Frame(ts));
    }
    assert!(ts - start >= AUTO_CONTINUE_MS, "held {} ms", ts - start);
    assert!(p.playing);
}

#[test]
fn at_1x_no_sentence_is_on_screen_for_less_than_its_reading_time() {
    for lang in Lang::ALL {
        for preset in crate::presets::PRESETS {
            for detail in ["", "&detail=events"] {
                let p = Player::from_fragment(&format!("#preset={}&lang={}{detail}", preset.id, lang.code()), false, Lang::En);
                for (b, beat) in p.beats.iter().enumerate() {
                    let sentence = crate::text::beats::sentence(&p.sim, beat, lang);
                    let (start, end) = p.schedule.beat_span[b];
                    let reading = crate::text::beats::reading_ms(&sentence);
                    assert!(end - start + 1e-6 >= reading, "{} {lang:?} beat {b}: {} ms for {reading} ms of {sentence}", preset.id, end - start);
                }
            }
        }
    }
}

#[test]
fn every_packet_is_a_step_of_its_own_and_the_link_keeps_it() {
    let mut p = seed();
    let beats = p.beats.len();
    p.update(Msg::StepForward);
    p.update(Msg::StepForward);
    let applied = p.applied;
    p.update(Msg::Detail(true));
    assert_eq!(p.beats.len(), p.shown);
    assert_eq!(p.applied, applied, "the same place");
    p.update(Msg::StepForward);
    assert_eq!(p.applied, applied + 1);
    let fragment = p.fragment(&p.view.clone(), true);
    assert!(fragment.contains("detail=events"), "{fragment}");
    let q = Player::from_fragment(&fragment, false, Lang::En);
    assert_eq!((q.beats.len(), q.applied), (p.shown, p.applied));
    p.update(Msg::Detail(false));
    assert_eq!(p.beats.len(), beats);
}

#[test]
fn the_seed_story_reads_in_at_most_40_beats() {
    let p = seed();
    assert!(p.beats.len() <= 40, "{} beats for {} events", p.beats.len(), p.shown);
    assert!(p.shown > 100);
}

#[test]
fn a_played_beat_shows_what_its_sentence_is_about() {
    let mut p = seed();
    let accepted = p.beats.iter().position(|b| b.key == Some(crate::beats::Key::Accepted)).unwrap();
    for _ in 0..=accepted {
        p.update(Msg::StepForward);
    }
    let (shown, progress) = p.shown_event().unwrap();
    assert_eq!(progress, 1.0);
    assert!(
        matches!(&p.sim.trace()[shown].kind, EventKind::Reply { after: Some(crate::model::smtp::Command::Body), .. }),
        "the final 250, not the QUIT after it: {:?}",
        p.sim.trace()[shown].kind
    );
}

#[test]
fn a_shared_modified_story_keeps_its_title_marked_modified() {
    let mut p = seed();
    p.update(Msg::StepForward);
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    let fragment = p.fragment(&View::default(), true);
    let q = Player::from_fragment(&fragment, false, Lang::En);
    assert_eq!((q.preset, q.story, q.modified()), (None, Some("seed-story"), true));
    // A scenario of the reader's own, with a title of its own, is no preset.
    let mut own = p.sim.scenario().clone();
    own.title = "My outage".into();
    let link = crate::link::encode(&crate::link::Link { story: Story::Scenario(Box::new(own)), events: None, view: View::default(), ..Default::default() });
    let r = Player::from_fragment(&link, false, Lang::En);
    assert_eq!((r.preset, r.story), (None, None));
    assert_eq!(r.sim.scenario().title, "My outage");
}

#[test]
fn the_stories_ask_their_questions_at_moments_they_hold_on() {
    use crate::beats::Key;
    let mut asked = Vec::new();
    for preset in crate::presets::PRESETS {
        let p = Player::preset(preset.id).unwrap();
        for b in p.beats.iter() {
            let Some(key) = b.key else { continue };
            if let Some(q) = crate::text::beats::prompt(preset.id, key, Lang::En) {
                let zh = crate::text::beats::prompt(preset.id, key, Lang::Zh).expect("a Chinese question too");
                assert!(q.starts_with("Predict:") || q.starts_with("Try this:"), "{q}");
                assert!(zh.starts_with("猜一猜") || zh.starts_with("试一试"), "{zh}");
                asked.push((preset.id, key));
            }
        }
    }
    let count = |id: &str| asked.iter().filter(|(s, _)| *s == id).count();
    assert!(count("seed-story") >= 2 && count("ttl-change") >= 1 && count("greylisting") >= 1, "{asked:?}");
    assert!(asked.contains(&("seed-story", Key::Deferred)), "the seed story invites a click on MX1");
}

#[test]
fn a_language_switch_hands_over_undo_redo_the_comparison_and_the_editor_tab() {
    let mut p = seed();
    for _ in 0..5 {
        p.update(Msg::StepForward);
    }
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    p.update(Msg::Compare(Some(Comparison::Ttl)));
    p.update(Msg::Intervene(Action::FlushCache { resolver: "resolver.isp.example".into() }));
    p.update(Msg::Undo);
    let view = View { lang: Some(Lang::Zh), ..p.view.clone() };
    let to = p.fragment(&view, true);
    let text = p.hand_over(&to, Some(3));

    let h = HandOver::read(&text, &format!("#{to}")).expect("the hand-over is for this link");
    assert_eq!(h.explore, Some(3));
    let mut q = Player::from_fragment(&format!("#{to}"), false, Lang::En);
    q.take_over(&h);
    assert_eq!(q.lang(), Lang::Zh);
    assert_eq!((q.applied, q.sim.scenario()), (p.applied, p.sim.scenario()));
    assert_eq!(q.comparing(), Some(Comparison::Ttl));
    assert_eq!((q.undo.len(), q.redo.len()), (p.undo.len(), p.redo.len()));
    // The same steps back and forward, each to the same world and step.
    for msg in [Msg::Redo, Msg::Undo, Msg::Undo, Msg::Undo] {
        p.update(msg.clone());
        q.update(msg);
        assert_eq!((q.applied, q.sim.scenario(), q.preset, q.story), (p.applied, p.sim.scenario(), p.preset, p.story));
    }
    assert!(!q.can_undo());

    // Made for another page, or damaged: none, and the link alone opens.
    assert!(HandOver::read(&text, "#preset=null-mx").is_none());
    assert!(HandOver::read(&text.replace("undo ", "undo x"), &format!("#{to}")).is_none());
    assert!(HandOver::read("", "").is_none());
}

#[test]
fn a_hand_over_keeps_the_log_beside_a_changed_world() {
    let log = include_str!("../../tests/fixtures/realmta/seed/sender.log");
    let mut p = Player::from_fragment("#autoplay=0", false, Lang::En);
    p.update(Msg::LoadLog(Rc::new(Beside::replay(log).expect("a log"))));
    assert_eq!(p.replay_shown().map(|(_, same)| same), Some(true));
    p.update(Msg::Intervene(Action::Down { host: MX1.into() }));
    p.update(Msg::Intervene(Action::Up { host: MX1.into() }));
    assert_eq!(p.replay_shown().map(|(_, same)| same), Some(false));
    p.playing = true;
    // Half way to the step's next event.
    let mid = (p.step_start() + p.schedule.after_event(p.applied)) / 2.0;
    p.update(Msg::Seek(mid));
    let to = p.fragment(&p.view.clone(), true);
    let text = p.hand_over(&to, None);
    assert_eq!(text.lines().filter(|l| l.starts_with("text ")).count(), 1, "the log once, beside three steps");
    let h = HandOver::read(&text, &to).expect("a hand-over");
    let mut q = Player::from_fragment(&to, false, Lang::En);
    q.take_over(&h);
    assert!(q.playing, "a story that was playing goes on playing");
    assert!((q.pos - p.pos).abs() < 1.0, "the same moment of the step: {} and {}", q.pos, p.pos);
    assert_eq!(q.replay_shown().map(|(b, same)| (b.text.clone(), same)), Some((Rc::from(log), false)));
    q.update(Msg::Undo);
    q.update(Msg::Undo);
    assert_eq!(q.replay_shown().map(|(_, same)| same), Some(true), "Undo pairs the log with its world again");
}

//! Outcomes in words, and the trace exported with both voices of each event.

use super::narrate::{reason_text, Narrator};
use super::Lang;
use crate::model::report::{Fate, Outcome};
use crate::model::Simulation;
use serde::Serialize;

/// "bob@example.com: delivered by mx1.example.com into /bob/ at T+55m, after waiting at mx2.example.com"
pub fn outcome_sentence(o: &Outcome, lang: Lang) -> String {
    match lang.built() {
        Lang::En => {}
        Lang::Zh => return super::zh::report::outcome_sentence(o),
    }
    let mut s = match &o.fate {
        Fate::Delivered { host, folder, at, .. } => format!("{}: delivered by {host} into /{folder}/ at {at}", o.to),
        Fate::Bounced { by, at, reason } => format!("{}: bounced by {by} at {at} ({})", o.to, reason_text(reason, lang)),
        Fate::Dropped { by, at, reason } => {
            format!("{}: given up by {by} at {at} ({}), and no bounce sent", o.to, reason_text(reason, lang))
        }
        Fate::Stuck { host, since } => format!("{}: stuck at {host}, which is down, since {since}", o.to),
    };
    if o.duplicate {
        s.push_str(" (a second copy)");
    }
    if !o.waited_at.is_empty() {
        s.push_str(&format!(", after waiting at {}", o.waited_at.join(" and ")));
    }
    s
}

#[derive(Serialize)]
struct Exported<'a> {
    at_ms: u64,
    at: String,
    from: &'a str,
    to: &'a str,
    sentence: String,
    technical: String,
}

/// The whole trace as JSON: time, hosts, and both voices of each event.
pub fn trace_json(sim: &Simulation, lang: Lang) -> String {
    let narrator = Narrator::new(sim, lang);
    let events: Vec<Exported> = sim
        .trace()
        .iter()
        .map(|ev| {
            let n = narrator.describe(ev);
            Exported {
                at_ms: ev.at.millis(),
                at: ev.at.to_string(),
                from: &sim.host(ev.from).name,
                to: &sim.host(ev.to).name,
                sentence: n.sentence,
                technical: n.technical,
            }
        })
        .collect();
    serde_json::to_string_pretty(&events).expect("events serialise")
}

/// The technical log as plain text, one event per block.
pub fn trace_text(sim: &Simulation, lang: Lang) -> String {
    let narrator = Narrator::new(sim, lang);
    let mut out = String::new();
    for ev in sim.trace() {
        let n = narrator.describe(ev);
        out.push_str(&format!("{:>12}  {} -> {}\n", ev.at.to_string(), sim.host(ev.from).name, sim.host(ev.to).name));
        for line in n.technical.lines() {
            out.push_str(&format!("              {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::report::outcomes;

    fn run(id: &str) -> Simulation {
        crate::presets::find(id).unwrap().simulate()
    }

    #[test]
    fn outcomes_say_where_each_message_ended_and_waited() {
        let o = outcomes(&run("seed-story"));
        assert_eq!(o.len(), 1);
        assert!(matches!(&o[0].fate, Fate::Delivered { host, folder, .. } if host == "mx1.example.com" && folder == "bob"));
        assert_eq!(o[0].waited_at, ["mx2.example.com"]);
        assert_eq!(
            outcome_sentence(&o[0], Lang::En),
            "bob@example.com: delivered by mx1.example.com into /bob/ at T+55m, after waiting at mx2.example.com"
        );
        let o = outcomes(&run("null-mx"));
        assert!(outcome_sentence(&o[0], Lang::En).contains("bounced by mail.alice.example"));
    }

    #[test]
    fn exports_hold_every_event() {
        let sim = run("greylisting");
        let v: serde_json::Value = serde_json::from_str(&trace_json(&sim, Lang::En)).unwrap();
        assert_eq!(v.as_array().unwrap().len(), sim.trace().len());
        assert!(trace_text(&sim, Lang::En).contains("S: 450 4.2.0 <bob@example.com>: Recipient address rejected: Greylisted"));
    }
}

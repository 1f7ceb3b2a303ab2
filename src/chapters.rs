//! The story in chapters: each starts at a key moment (`crate::beats::Key`:
//! the premise, the address split, the MX answer, the first silence, the
//! hand-over, the TTL running out, the delivery…) and runs until the next.
//! The timeline shows them as labelled markers; the chapter keys land on
//! the end of a chapter's first beat, so the reader sees that beat's
//! sentence and what it did. Derived from the beats and the schedule only.
//!
//! Plain Rust, tested natively.

use crate::beats::{Beat, Key};
use crate::model::{Event, HostId, Time};
use crate::playback::Schedule;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chapter {
    /// The lesson of its first beat; `None` for a story's opening beats
    /// before its first key moment.
    pub key: Option<Key>,
    /// The beat it starts with.
    pub beat: usize,
    /// The host it is about (who acts in its first beat).
    pub host: HostId,
    /// Where it starts in playback (its marker), where a chapter key lands
    /// (the end of its first beat), and the model's clock at its start.
    pub pos: f64,
    pub land: f64,
    pub at: Time,
}

/// The chapters of a story told in `beats` on `schedule`.
pub fn chapters(trace: &[Event], beats: &[Beat], schedule: &Schedule) -> Vec<Chapter> {
    beats
        .iter()
        .enumerate()
        .filter(|(b, beat)| *b == 0 || beat.key.is_some())
        .filter_map(|(b, beat)| {
            let ev = trace.get(beat.lead)?;
            let &(pos, land) = schedule.beat_span.get(b)?;
            Some(Chapter { key: beat.key, beat: b, host: ev.from, pos, land, at: trace.get(beat.first)?.at })
        })
        .collect()
}

/// The chapter of beat `beat`.
pub fn of_beat(chapters: &[Chapter], beat: usize) -> Option<usize> {
    chapters.partition_point(|c| c.beat <= beat).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::beats::{beats, Detail};

    #[test]
    fn the_seed_story_has_at_most_12_chapters_each_on_its_own_beat() {
        let sim = crate::presets::PRESETS[0].simulate();
        let shown = sim.trace().len();
        let bs = beats(&sim, shown, Detail::Beats);
        let schedule = Schedule::build(&sim.trace()[..shown], &bs, |_| 2000.0);
        let ch = chapters(sim.trace(), &bs, &schedule);
        assert!(ch.len() <= 12 && ch.len() >= 8, "{} chapters: {ch:#?}", ch.len());
        assert_eq!(ch[0].key, Some(Key::Down), "MX1 goes down first");
        assert!(ch.windows(2).all(|w| w[0].beat < w[1].beat && w[0].land <= w[1].pos), "in order, each landing inside itself");
        assert_eq!(of_beat(&ch, 0), Some(0));
        assert_eq!(of_beat(&ch, bs.len() - 1), Some(ch.len() - 1));
    }
}

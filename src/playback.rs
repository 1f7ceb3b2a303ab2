//! The presentation schedule: how trace time (milliseconds to days) maps to
//! playback time (what a reader watches). Each network step gets a short
//! slot for its packet to travel; each beat (`crate::beats`) then holds until
//! its sentence has been on screen for its reading time; long waits are
//! fast-forwarded in a few seconds with a running clock. The model's time
//! stays exact: this only decides pacing.
//!
//! Plain Rust, so that it is tested natively; the UI drives it with
//! requestAnimationFrame.

use crate::beats::Beat;
use crate::model::{Event, EventKind, Time};

/// Playback milliseconds at 1x.
const PACKET_MS: f64 = 520.0;
const LOCAL_MS: f64 = 380.0;
const BOOKKEEPING_MS: f64 = 260.0;
/// A gap in trace time longer than this gets a fast-forward slot.
const WAIT_THRESHOLD_MS: u64 = 2_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SlotKind {
    /// Event `i` of the trace is shown (a packet moves, a box changes).
    Event(usize),
    /// The clock fast-forwards from one instant to the next; `next` is the
    /// index of the event waited for.
    Wait { from: Time, to: Time, next: usize },
    /// Nothing moves: beat `beat` stays on screen until it has been read.
    Hold { beat: usize },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slot {
    pub start: f64,
    pub dur: f64,
    pub kind: SlotKind,
}

impl Slot {
    pub fn end(&self) -> f64 {
        self.start + self.dur
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Schedule {
    pub slots: Vec<Slot>,
    /// For event i, the index of its slot.
    pub event_slot: Vec<usize>,
    /// For beat b, where it starts and ends in playback (its hold included).
    pub beat_span: Vec<(f64, f64)>,
    pub total: f64,
}

fn event_ms(ev: &Event) -> f64 {
    use EventKind::*;
    let bookkeeping = match ev.kind {
        Cached { .. } | CacheExpired { .. } | NotCached { .. } => true,
        Enqueued { .. } | AttemptStarted { .. } | DnsQuery { .. } | CacheHit { .. } | DnsAnswer { .. } | CacheFlushed
        | Planned { .. } | HostSkipped { .. } | HostIsAlias { .. } | DnsTimedOut { .. } | ConnectionLost { .. } | Connect { .. } | ConnectRefused { .. } | ConnectTimedOut { .. }
        | Command { .. } | Reply { .. } | Deferred { .. } | Stored { .. } | Bounced { .. } | Dropped { .. } | HostDown
        | HostUp | FaultSet { .. } | ZoneChanged { .. } => false,
    };
    if bookkeeping {
        BOOKKEEPING_MS
    } else if ev.from != ev.to {
        PACKET_MS
    } else {
        LOCAL_MS
    }
}

/// Fast-forward length for a wait of `gap` trace milliseconds: about a
/// second for a 30 s timeout, two for an hour, three for days.
fn wait_ms(gap: u64) -> f64 {
    let secs = gap as f64 / 1000.0;
    (600.0 + 400.0 * secs.log10()).clamp(700.0, 3000.0)
}

impl Schedule {
    /// The schedule of `trace` told in `beats` (which cover it in order);
    /// `reading_ms(b)` is how long beat b's sentence takes to read at 1x.
    pub fn build(trace: &[Event], beats: &[Beat], reading_ms: impl Fn(usize) -> f64) -> Schedule {
        let mut s = Schedule {
            slots: Vec::with_capacity(trace.len() + beats.len() + 16),
            event_slot: Vec::with_capacity(trace.len()),
            beat_span: Vec::with_capacity(beats.len()),
            total: 0.0,
        };
        let mut last = Time::ZERO;
        for (b, beat) in beats.iter().enumerate() {
            let mut start = None;
            for i in beat.events() {
                let Some(ev) = trace.get(i) else { break };
                let gap = ev.at.since(last);
                // A wait before a beat is between beats; inside one, it is part of it.
                if gap > WAIT_THRESHOLD_MS {
                    s.push(wait_ms(gap), SlotKind::Wait { from: last, to: ev.at, next: i });
                }
                start.get_or_insert(s.total);
                s.event_slot.push(s.slots.len());
                s.push(event_ms(ev), SlotKind::Event(i));
                last = ev.at;
            }
            let start = start.unwrap_or(s.total);
            let hold = reading_ms(b) - (s.total - start);
            if hold > 0.0 {
                s.push(hold, SlotKind::Hold { beat: b });
            }
            s.beat_span.push((start, s.total));
        }
        s
    }

    /// The beat on screen at `pos`: the one playing, or else the last one
    /// played (during a wait between beats). None before the first starts.
    pub fn beat_at(&self, pos: f64) -> Option<usize> {
        self.beat_span.partition_point(|&(start, _)| start < pos).checked_sub(1)
    }

    /// Where beat `b` ends: its events done and its sentence read.
    pub fn end_of_beat(&self, b: usize) -> f64 {
        self.beat_span.get(b).map_or(self.total, |&(_, end)| end)
    }

    fn push(&mut self, dur: f64, kind: SlotKind) {
        self.slots.push(Slot { start: self.total, dur, kind });
        self.total += dur;
    }

    /// The slot playing at `pos`, if any (none past the end).
    pub fn slot_at(&self, pos: f64) -> Option<usize> {
        if self.slots.is_empty() || pos >= self.total {
            return None;
        }
        Some(self.slots.partition_point(|s| s.start <= pos).saturating_sub(1))
    }

    /// How many events have fully happened at `pos`: their effects show.
    pub fn applied_at(&self, pos: f64) -> usize {
        self.event_slot.partition_point(|&si| self.slots[si].end() <= pos)
    }

    /// The playback position just after event `i` has happened.
    pub fn after_event(&self, i: usize) -> f64 {
        self.event_slot.get(i).map_or(self.total, |&si| self.slots[si].end())
    }

    /// The position at which event `i` starts to be shown.
    pub fn start_of_event(&self, i: usize) -> f64 {
        self.event_slot.get(i).map_or(self.total, |&si| self.slots[si].start)
    }

    /// The model's clock at `pos`: exact at events, running during waits.
    pub fn clock_at(&self, pos: f64, trace: &[Event]) -> Time {
        match self.slot_at(pos) {
            None => trace.last().map_or(Time::ZERO, |e| e.at),
            Some(si) => {
                let slot = self.slots[si];
                match slot.kind {
                    SlotKind::Event(i) => trace[i].at,
                    SlotKind::Hold { .. } => trace[..self.applied_at(pos)].last().map_or(Time::ZERO, |e| e.at),
                    SlotKind::Wait { from, to, .. } => {
                        let p = ((pos - slot.start) / slot.dur).clamp(0.0, 1.0);
                        Time(from.0 + ((to.0 - from.0) as f64 * p) as u64)
                    }
                }
            }
        }
    }

    /// The position at which the clock reads `t`: just after the events up
    /// to `t`, or inside the fast-forward that spans it. Keeps a second
    /// world in step with the first in a side-by-side comparison.
    pub fn pos_at_clock(&self, t: Time, trace: &[Event]) -> f64 {
        let i = trace.partition_point(|e| e.at <= t);
        if let Some(&si) = self.event_slot.get(i)
            && si > 0
            && let SlotKind::Wait { from, to, .. } = self.slots[si - 1].kind
            && from <= t
            && t < to
        {
            let w = self.slots[si - 1];
            return w.start + w.dur * (t.since(from) as f64 / to.since(from).max(1) as f64);
        }
        match i {
            0 => 0.0,
            _ => self.after_event(i - 1),
        }
    }

    /// Where the first event at or after `t` starts, for markers on the scrubber.
    pub fn start_of_first_event_at(&self, t: Time, trace: &[Event]) -> f64 {
        let i = trace.partition_point(|e| e.at < t);
        self.start_of_event(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Simulation;

    fn seed_story() -> Simulation {
        crate::presets::PRESETS[0].simulate()
    }

    /// The schedule with one beat per event and the shortest reading time.
    fn per_event(trace: &[Event]) -> Schedule {
        let beats: Vec<Beat> = (0..trace.len())
            .map(|i| Beat { first: i, end: i + 1, kind: crate::beats::BeatKind::One { event: i }, lead: i, key: None })
            .collect();
        Schedule::build(trace, &beats, |_| 0.0)
    }

    #[test]
    fn every_event_gets_one_slot_in_order() {
        let sim = seed_story();
        let s = per_event(sim.trace());
        assert_eq!(s.event_slot.len(), sim.trace().len());
        assert!(s.slots.windows(2).all(|w| w[0].end() <= w[1].start + 1e-9));
        assert!((s.total - s.slots.last().unwrap().end()).abs() < 1e-9);
    }

    #[test]
    fn the_seed_story_plays_in_about_two_minutes_at_1x() {
        let s = per_event(seed_story().trace());
        let minutes = s.total / 60_000.0;
        assert!((0.5..2.5).contains(&minutes), "{minutes} minutes");
    }

    #[test]
    fn waits_are_fast_forwarded_with_a_running_clock() {
        let sim = seed_story();
        let s = per_event(sim.trace());
        // The 30-second connect timeout, and the hour until MX1 is back, are waits.
        let waits: Vec<_> = s
            .slots
            .iter()
            .filter_map(|sl| match sl.kind {
                SlotKind::Wait { from, to, .. } => Some((sl, to.since(from))),
                _ => None,
            })
            .collect();
        assert!(waits.iter().any(|(_, gap)| *gap >= 30_000 && *gap < 31_000));
        for (slot, gap) in &waits {
            assert!(slot.dur <= 3000.0, "a wait of {gap} ms takes {} ms", slot.dur);
        }
        let (slot, _) = waits[0];
        let mid = slot.start + slot.dur / 2.0;
        let SlotKind::Wait { from, to, .. } = slot.kind else { unreachable!() };
        let t = s.clock_at(mid, sim.trace());
        assert!(t > from && t < to);
    }

    #[test]
    fn applied_counts_events_whose_slot_has_ended() {
        let sim = seed_story();
        let s = per_event(sim.trace());
        assert_eq!(s.applied_at(0.0), 0);
        assert_eq!(s.applied_at(s.after_event(0)), 1);
        assert_eq!(s.applied_at(s.after_event(5)), 6);
        assert_eq!(s.applied_at(s.total), sim.trace().len());
        assert_eq!(s.slot_at(s.total), None);
        assert_eq!(s.clock_at(s.total, sim.trace()), sim.trace().last().unwrap().at);
    }
}

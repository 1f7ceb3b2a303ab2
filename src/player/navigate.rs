//! Moving through a story told in beats: a step is a beat, a chapter key
//! lands on a chapter's first beat, and playing holds on key moments until
//! the reader goes on. The beats, their schedule and the chapters of a
//! world are made here (`tell`).

use super::{Msg, Player, AUTO_CONTINUE_MS};
use crate::beats::{self, Beat, Detail};
use crate::chapters::{self, Chapter};
use crate::lang::Lang;
use crate::model::Simulation;
use crate::playback::Schedule;
use std::rc::Rc;

/// A world told in beats: the beats, their schedule and the chapters.
pub(super) fn tell(sim: &Simulation, shown: usize, detail: Detail, lang: Lang) -> (Rc<Vec<Beat>>, Rc<Schedule>, Rc<Vec<Chapter>>) {
    let beats = beats::beats(sim, shown, detail);
    let reading = |b: usize| crate::text::beats::reading_ms(&crate::text::beats::sentence(sim, &beats[b], lang));
    let schedule = Schedule::build(&sim.trace()[..shown], &beats, reading);
    let chapters = chapters::chapters(sim.trace(), &beats, &schedule);
    (Rc::new(beats), Rc::new(schedule), Rc::new(chapters))
}

impl Player {
    /// The beat on screen: the one playing, or the last one played.
    pub fn beat(&self) -> Option<usize> {
        self.schedule.beat_at(self.pos)
    }

    /// Tells the same world again at another level of detail or in another
    /// language (its reading times), at the same step.
    pub(super) fn retell(&mut self) {
        let (beats, schedule, chapters) = tell(&self.sim, self.shown, self.view.detail, self.lang());
        (self.beats, self.schedule, self.chapters) = (beats, schedule, chapters);
        self.axis = self.schedule.total;
        self.held = None;
        let pos = self.applied.checked_sub(1).map_or(0.0, |i| self.end_of_beat_of(i));
        self.set_pos(pos);
    }

    /// Where the beat that holds event `i` ends.
    fn end_of_beat_of(&self, i: usize) -> f64 {
        beats::beat_of(&self.beats, i).map_or(self.schedule.total, |b| self.schedule.end_of_beat(b))
    }

    pub(super) fn step_forward(&mut self) {
        self.playing = false;
        // To the end of the beat in progress, or of the next one.
        let target = match self.beat() {
            Some(b) if self.pos + 1e-6 < self.schedule.end_of_beat(b) => b,
            Some(b) => b + 1,
            None => 0,
        };
        self.set_pos(self.schedule.end_of_beat(target));
    }

    pub(super) fn step_back(&mut self) {
        self.playing = false;
        self.held = None;
        let pos = match self.beat() {
            Some(b) if b > 0 => self.schedule.end_of_beat(b - 1),
            _ => 0.0,
        };
        self.set_pos(pos);
    }

    pub(super) fn frame(&mut self, ts: f64) {
        if !self.playing {
            self.last_frame = None;
            return;
        }
        // A long gap (a background tab) does not jump the story ahead.
        let dt = self.last_frame.map_or(0.0, |last| (ts - last).clamp(0.0, 100.0));
        self.last_frame = Some(ts);
        if self.held.is_some() {
            self.held_ms += dt * self.speed;
            if self.view.embed && self.view.autoplay != Some(false) && self.held_ms >= AUTO_CONTINUE_MS {
                self.update(Msg::Continue);
            }
            return;
        }
        let to = self.pos + dt * self.speed;
        // A key moment reached holds until the reader goes on.
        match self.key_ending_within(self.pos, to) {
            Some(b) => {
                self.set_pos(self.schedule.end_of_beat(b));
                self.held = Some(b);
                self.held_ms = 0.0;
            }
            None => self.set_pos(to),
        }
        if self.at_end() {
            self.playing = false;
            self.held = None;
            self.last_frame = None;
        }
    }

    pub(super) fn chapter_step(&mut self, step: i32) {
        self.playing = false;
        self.held = None;
        let here = self.chapter().unwrap_or(0);
        let landed = self.chapters.get(here).map_or(0.0, |c| c.land);
        // Back from past a chapter's landing goes to that landing first.
        let target = match step {
            s if s < 0 && self.pos > landed + 1e-6 => Some(here),
            s if s < 0 => here.checked_sub(1),
            _ if self.pos + 1e-6 < landed => Some(here),
            _ => Some(here + 1),
        };
        let pos = match target.and_then(|t| self.chapters.get(t)) {
            Some(c) => c.land,
            None if step > 0 => self.schedule.total,
            None => 0.0,
        };
        self.set_pos(pos);
    }

    /// The first key beat that ends in `(from, to]`, when the story is told in beats.
    pub(super) fn key_ending_within(&self, from: f64, to: f64) -> Option<usize> {
        if self.view.detail == Detail::Events {
            return None;
        }
        let first = self.schedule.beat_span.partition_point(|&(_, end)| end <= from);
        (first..self.beats.len())
            .take_while(|&b| self.schedule.end_of_beat(b) <= to)
            .find(|&b| self.beats[b].key.is_some())
    }
}

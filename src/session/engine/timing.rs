//! Moving through time: catching up to `now` through every deadline that
//! passed (or pausing after a jump in time), ending steps and starting the
//! next, giving each cue at its instant, and counting what was done.

use std::time::{Duration, Instant};

use super::{Cursor, Session, State, ms, step_length, whole_seconds};
use crate::schedule::{Ending, EventKind, ScheduledExercise, StepEvent, StepKind};
use crate::session::cue::{Cue, CueKind};
use crate::session::phase::PauseReason;
use crate::session::report::Outcome;

impl Session {
    /// While a timed step runs: the time left in it at `now`, and the time
    /// to its next event inside it (not one at its end), if any.
    pub(super) fn deadlines(&self, now: Instant) -> Option<(Duration, Option<Duration>)> {
        let State::Running(cursor) = &self.state else {
            return None;
        };
        let now = self.clamp(now);
        let step = self.schedule.steps.get(cursor.step)?;
        let length = step_length(step)?;
        let elapsed = cursor.elapsed(now);
        let left = length.saturating_sub(elapsed);
        let to_next_event = cursor
            .events
            .get(cursor.given)
            .filter(|e| !e.kind.at_step_end())
            .map(|e| ms(e.offset_ms).saturating_sub(elapsed));
        Some((left, to_next_event))
    }

    /// `now`, but never before the latest instant already seen.
    pub(super) fn clamp(&self, now: Instant) -> Instant {
        self.last_seen.map_or(now, |last| now.max(last))
    }

    /// The step that skip and back act on: the running or paused one.
    pub(super) fn active_step(&self) -> Option<usize> {
        match &self.state {
            State::Running(cursor) | State::Paused { cursor, .. } => Some(cursor.step),
            State::Ready | State::Finished { .. } => None,
        }
    }

    pub(super) fn exercise_of(&self, step: usize) -> Option<(usize, &ScheduledExercise)> {
        let index = self.schedule.steps.get(step)?.exercise;
        Some((index, self.schedule.exercises.get(index)?))
    }

    pub(super) fn command_cue(&self, kind: CueKind, at: Instant, step: usize) -> Cue {
        Cue {
            at,
            kind,
            step,
            exercise: self.schedule.steps.get(step).map_or(0, |s| s.exercise),
        }
    }

    /// Catches up to `now` (see [`Session::tick`]) and returns `now` clamped
    /// so that time never goes back.
    pub(super) fn catch_up(&mut self, now: Instant, cues: &mut Vec<Cue>) -> Instant {
        if self.is_finished() {
            return self.clamp(now);
        }
        let now = self.clamp(now);
        let jumped_from = match (&self.state, self.config.time_jump_threshold, self.last_seen) {
            (State::Running(cursor), Some(threshold), Some(last))
                if now.saturating_duration_since(last) > threshold
                    && self
                        .schedule
                        .steps
                        .get(cursor.step)
                        .is_some_and(|s| s.ending != Ending::Continue) =>
            {
                Some(last)
            }
            _ => None,
        };
        match jumped_from {
            Some(last) => self.pause_at(
                last,
                PauseReason::TimeJump,
                CueKind::PausedForTimeJump,
                cues,
            ),
            None => self.run_until(now, cues),
        }
        self.last_seen = Some(now);
        now
    }

    /// Pauses the running step as it was at `at`, for `reason`, giving the
    /// cue `kind` at `at`; nothing when no step runs. The person's pause is
    /// at `now`; after a jump in time, at the previous call.
    pub(super) fn pause_at(
        &mut self,
        at: Instant,
        reason: PauseReason,
        kind: CueKind,
        cues: &mut Vec<Cue>,
    ) {
        let State::Running(cursor) = &self.state else {
            return;
        };
        let mut cursor = cursor.clone();
        cursor.before = cursor.elapsed(at);
        cursor.since = at;
        cues.push(self.command_cue(kind, at, cursor.step));
        self.state = State::Paused { cursor, reason };
    }

    /// Begins step `index` at `at` (or completes the session past the last
    /// step). The session-start event is given only on the first start.
    pub(super) fn enter_step(&mut self, index: usize, at: Instant, first_start: bool) {
        if index >= self.schedule.steps.len() {
            self.run_out(at);
            return;
        }
        if let Some(p) = self
            .schedule
            .steps
            .get(index)
            .and_then(|step| self.progress.get_mut(step.exercise))
        {
            p.reached = true;
        }
        let mut events = self.schedule.step_events(index);
        if !first_start {
            events.retain(|e| e.kind != EventKind::SessionStart);
        }
        self.state = State::Running(Cursor {
            step: index,
            since: at,
            before: Duration::ZERO,
            events,
            given: 0,
        });
    }

    /// Gives every cue due up to `now` and ends every step whose deadline is
    /// at or before `now`, the next one starting at that deadline.
    pub(super) fn run_until(&mut self, now: Instant, cues: &mut Vec<Cue>) {
        loop {
            let State::Running(cursor) = &mut self.state else {
                return;
            };
            let Some(step) = self.schedule.steps.get(cursor.step) else {
                return;
            };
            let elapsed = cursor.elapsed(now);
            while let Some(event) = cursor.events.get(cursor.given) {
                let offset = ms(event.offset_ms);
                if event.kind.at_step_end() || offset > elapsed {
                    break;
                }
                cues.push(Cue {
                    at: cursor.instant_at(offset),
                    kind: CueKind::Planned(*event),
                    step: cursor.step,
                    exercise: step.exercise,
                });
                cursor.given += 1;
            }
            let (exercise, kind) = (step.exercise, step.kind);
            let deadline = match step_length(step) {
                Some(length) if elapsed >= length => Some(cursor.instant_at(length)),
                _ => None,
            };
            match deadline {
                Some(at) => self.finish_step(at, cues),
                None => {
                    self.record_seconds(exercise, kind, elapsed);
                    return;
                }
            }
        }
    }

    /// Ends the running step at `at` (its deadline, or now for Continue):
    /// gives its end events at `at`, records what was done, and begins the
    /// next step at `at`.
    pub(super) fn finish_step(&mut self, at: Instant, cues: &mut Vec<Cue>) {
        let State::Running(cursor) = &self.state else {
            return;
        };
        let index = cursor.step;
        let Some(step) = self.schedule.steps.get(index).copied() else {
            return;
        };
        let elapsed = cursor.elapsed(at);
        let ends: Vec<StepEvent> = cursor
            .events
            .iter()
            .skip(cursor.given)
            .filter(|e| e.kind.at_step_end())
            .copied()
            .collect();
        self.record_seconds(step.exercise, step.kind, elapsed);
        for event in &ends {
            if event.kind == EventKind::HoldEnd {
                self.record_hold(step.exercise);
            }
        }
        for event in ends {
            cues.push(self.final_cue(event, at, index));
        }
        self.enter_step(index.saturating_add(1), at, false);
    }

    /// The cue for a planned `event` of step `step` at `at`; the session's
    /// end becomes [`CueKind::EndedEarly`] when nothing was done, so no
    /// "session done" sounds for it.
    pub(super) fn final_cue(&self, event: StepEvent, at: Instant, step: usize) -> Cue {
        if event.kind == EventKind::SessionEnd && self.nothing_done() {
            return self.command_cue(CueKind::EndedEarly, at, step);
        }
        self.command_cue(CueKind::Planned(event), at, step)
    }

    /// Ends the session at `at`, past its last step: completed, or ended
    /// early when nothing was done.
    pub(super) fn run_out(&mut self, at: Instant) {
        let outcome = if self.nothing_done() {
            Outcome::EndedEarly
        } else {
            Outcome::Completed
        };
        self.state = State::Finished {
            outcome,
            at,
            step: self.schedule.steps.len().saturating_sub(1),
            into_step: Duration::ZERO,
        };
    }

    /// Counts one hold of `exercise` done.
    fn record_hold(&mut self, exercise: usize) {
        if let Some(p) = self.progress.get_mut(exercise) {
            p.done = p.done.saturating_add(1).min(p.prescribed);
        }
        if let Some(worked) = self.worked.get_mut(exercise) {
            *worked = true;
        }
    }

    /// Records the whole seconds of a timed position or practice.
    fn record_seconds(&mut self, exercise: usize, kind: StepKind, elapsed: Duration) {
        if !matches!(kind, StepKind::Timed | StepKind::Practice) {
            return;
        }
        let seconds = whole_seconds(elapsed);
        if let Some(p) = self.progress.get_mut(exercise) {
            p.done = seconds.min(p.prescribed);
        }
        if seconds > 0
            && let Some(worked) = self.worked.get_mut(exercise)
        {
            *worked = true;
        }
    }
}

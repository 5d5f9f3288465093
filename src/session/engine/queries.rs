//! What the session tells the window and the record: its phase, the
//! current step and exercise, the time left, the hold counts, what was
//! done, where it stopped, and when something changes next.

use std::time::{Duration, Instant};

use super::{Session, State, step_length};
use crate::exercise::Dose;
use crate::schedule::{Schedule, ScheduledExercise, Step, StepKind};
use crate::session::SessionConfig;
use crate::session::phase::{HoldCounts, Phase};
use crate::session::report::{ExerciseProgress, Outcome, SessionReport, StopPoint};

impl Session {
    /// The schedule the session runs.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// How the session reacts to time.
    pub fn config(&self) -> SessionConfig {
        self.config
    }

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        match &self.state {
            State::Ready => Phase::Ready,
            State::Running(cursor) => self
                .schedule
                .steps
                .get(cursor.step)
                .map_or(Phase::Completed, Phase::of_step),
            State::Paused { cursor, reason } => match self.schedule.steps.get(cursor.step) {
                Some(step) => Phase::Paused {
                    step: step.kind,
                    reason: *reason,
                },
                None => Phase::Completed,
            },
            State::Finished { outcome, .. } => match outcome {
                Outcome::Completed => Phase::Completed,
                Outcome::EndedEarly => Phase::EndedEarly,
                Outcome::StoppedForPain => Phase::StoppedForPain,
            },
        }
    }

    /// Whether the session is over (completed, ended early or stopped for pain).
    pub fn is_finished(&self) -> bool {
        matches!(self.state, State::Finished { .. })
    }

    /// How the session ended, once it has.
    pub fn outcome(&self) -> Option<Outcome> {
        match self.state {
            State::Finished { outcome, .. } => Some(outcome),
            _ => None,
        }
    }

    /// When the session was started.
    pub fn started_at(&self) -> Option<Instant> {
        self.started_at
    }

    /// The index of the current step: 0 before the start, the step it ended
    /// in once finished.
    pub fn step_index(&self) -> usize {
        match &self.state {
            State::Ready => 0,
            State::Running(cursor) | State::Paused { cursor, .. } => cursor.step,
            State::Finished { step, .. } => *step,
        }
    }

    /// The current step (see [`Session::step_index`]).
    pub fn step(&self) -> Option<&Step> {
        self.schedule.steps.get(self.step_index())
    }

    /// The step after the current one, if any.
    pub fn next_step(&self) -> Option<&Step> {
        self.schedule.steps.get(self.step_index().saturating_add(1))
    }

    /// The index of the current exercise. While getting into position or in
    /// the short pause, that is the exercise about to be done.
    pub fn exercise_index(&self) -> usize {
        self.step().map_or(0, |s| s.exercise)
    }

    /// The current exercise (see [`Session::exercise_index`]).
    pub fn exercise(&self) -> Option<&ScheduledExercise> {
        self.schedule.exercises.get(self.exercise_index())
    }

    /// The exercise after the current one, if any: what comes next.
    pub fn next_exercise(&self) -> Option<&ScheduledExercise> {
        self.schedule
            .exercises
            .get(self.exercise_index().saturating_add(1))
    }

    /// The time left in the current timed step at `now` (frozen while
    /// paused). `None` before the start, once finished, and in a step that
    /// waits for Done.
    pub fn remaining(&self, now: Instant) -> Option<Duration> {
        let (cursor, running) = match &self.state {
            State::Running(cursor) => (cursor, true),
            State::Paused { cursor, .. } => (cursor, false),
            _ => return None,
        };
        let length = step_length(self.schedule.steps.get(cursor.step)?)?;
        let elapsed = if running {
            cursor.elapsed(self.clamp(now))
        } else {
            cursor.before
        };
        Some(length.saturating_sub(elapsed))
    }

    /// Unpaused time spent in the current step at `now` (frozen while
    /// paused). `None` before the start and once finished.
    pub fn step_elapsed(&self, now: Instant) -> Option<Duration> {
        match &self.state {
            State::Running(cursor) => Some(cursor.elapsed(self.clamp(now))),
            State::Paused { cursor, .. } => Some(cursor.before),
            State::Ready | State::Finished { .. } => None,
        }
    }

    /// The whole seconds left to show (rounded up, so a 5 s hold shows 5
    /// first and 1 last); see [`Session::remaining`].
    pub fn seconds_left(&self, now: Instant) -> Option<u64> {
        let left = self.remaining(now)?;
        Some(
            left.as_millis()
                .div_ceil(1000)
                .try_into()
                .unwrap_or(u64::MAX),
        )
    }

    /// How far the current step is, from 0 to 1 (0 before the start and in a
    /// step that waits for Done, 1 once finished).
    pub fn step_progress(&self, now: Instant) -> f32 {
        if self.is_finished() {
            return 1.0;
        }
        let Some(length) = self.step().and_then(step_length) else {
            return 0.0;
        };
        let Some(left) = self.remaining(now) else {
            return 0.0;
        };
        if length.is_zero() {
            return 1.0;
        }
        (1.0 - left.as_secs_f64() / length.as_secs_f64()).clamp(0.0, 1.0) as f32
    }

    /// Where the current hold stands ("rep 3 of 5, set 1 of 2"); during a get
    /// ready or a rest, the hold that comes next. `None` elsewhere.
    pub fn hold_counts(&self) -> Option<HoldCounts> {
        if self.is_finished() {
            return None;
        }
        let index = self.step_index();
        let step = self.schedule.steps.get(index)?;
        let exercise = self.schedule.exercises.get(step.exercise)?;
        let hold_index = match step.kind {
            StepKind::Hold { .. } => index,
            StepKind::GetReady | StepKind::Rest { .. } => {
                let next = index.saturating_add(1);
                match self.schedule.steps.get(next)?.kind {
                    StepKind::Hold { .. } if next < exercise.end_step => next,
                    _ => return None,
                }
            }
            _ => return None,
        };
        let StepKind::Hold {
            set,
            rep,
            direction,
        } = self.schedule.steps.get(hold_index)?.kind
        else {
            return None;
        };
        let hold = self
            .schedule
            .steps
            .get(exercise.first_step..=hold_index)?
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Hold { .. }))
            .count();
        let (sets, reps) = match &exercise.exercise.dose {
            Dose::Holds(h) => (h.sets, h.repetitions),
            Dose::Timed(_) | Dose::Practice(_) => return None,
        };
        Some(HoldCounts {
            hold: u32::try_from(hold).unwrap_or(u32::MAX),
            holds: exercise.exercise.dose.prescribed_count(),
            set,
            sets,
            rep,
            reps,
            direction,
        })
    }

    /// Whether nothing at all has been done so far: no hold completed, and
    /// not one whole second of a timed position or practice (a practice
    /// with no set time included, though its `done` stays 0). Work that
    /// Back undid (its counts reset) does not count. Getting into position,
    /// the get-ready countdowns and the rests do not count: they are not
    /// exercise. A session that runs to its end with nothing done is ended
    /// early, not completed.
    pub fn nothing_done(&self) -> bool {
        !self.worked.iter().any(|w| *w)
    }

    /// What has been done so far of each exercise, in order.
    pub fn progress(&self) -> &[ExerciseProgress] {
        &self.progress
    }

    /// Where the session was when the person ended it or stopped it for
    /// pain: the step and how long it had run (pauses not counted). `None`
    /// before it is over, when it ran to its end, and when it was stopped
    /// before it started.
    pub fn stop_point(&self) -> Option<StopPoint> {
        let State::Finished {
            outcome,
            step,
            into_step,
            ..
        } = self.state
        else {
            return None;
        };
        if outcome == Outcome::Completed || !self.stopped_started {
            return None;
        }
        let kind = self.schedule.steps.get(step)?.kind;
        Some(StopPoint {
            kind,
            exercise: self.schedule.steps.get(step)?.exercise,
            into_step,
            last_hold: self.last_hold_before(step),
        })
    }

    /// The set, repetition and direction of the last hold at or before step
    /// `index` within its exercise (for a rest: the hold it follows).
    fn last_hold_before(
        &self,
        index: usize,
    ) -> Option<(u32, u32, Option<crate::exercise::Direction>)> {
        let exercise = self.schedule.steps.get(index)?.exercise;
        let first = self.schedule.exercises.get(exercise)?.first_step;
        self.schedule
            .steps
            .get(first..=index)?
            .iter()
            .rev()
            .find_map(|s| match s.kind {
                StepKind::Hold {
                    set,
                    rep,
                    direction,
                } => Some((set, rep, direction)),
                _ => None,
            })
    }

    /// What happened, once the session is over.
    pub fn report(&self) -> Option<SessionReport> {
        let State::Finished { outcome, at, .. } = self.state else {
            return None;
        };
        Some(SessionReport {
            outcome,
            started_at: self.started_at,
            ended_at: at,
            exercises: self.progress.clone(),
        })
    }

    /// How long from `now` until something the window shows changes: the
    /// next second of the countdown or the next deadline, whichever is
    /// first (zero when something is already due: tick now). `None` when
    /// nothing will change by itself: before the start, paused, waiting for
    /// Done, or finished. While a timed step runs it is never more than 1 s.
    pub fn time_to_next_change(&self, now: Instant) -> Option<Duration> {
        let (left, to_next_event) = self.deadlines(now)?;
        let second = Duration::from_secs(1);
        let to_next_second = match left.as_nanos() % second.as_nanos() {
            0 => second,
            part => Duration::from_nanos(u64::try_from(part).unwrap_or(0)),
        };
        let next = [Some(to_next_second), Some(left), to_next_event]
            .into_iter()
            .flatten()
            .min()?;
        Some(next)
    }

    /// How long from `now` until the session gives its next cue by itself:
    /// the next event inside the running step, or the step's end (which
    /// gives its end events and the next step's start). `None` when no cue
    /// will come by itself: before the start, paused, waiting for Done (the
    /// cue comes with the press), or finished.
    pub fn time_to_next_cue(&self, now: Instant) -> Option<Duration> {
        let (left, to_next_event) = self.deadlines(now)?;
        Some(to_next_event.map_or(left, |event| event.min(left)))
    }
}

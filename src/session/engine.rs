//! [`Session`]: the state machine of one guided session.

use std::time::{Duration, Instant};

use crate::exercise::Dose;
use crate::schedule::{Ending, EventKind, Schedule, ScheduledExercise, Step, StepEvent, StepKind};

use super::cue::{Cue, CueKind};
use super::phase::{HoldCounts, PauseReason, Phase};
use super::report::{DoneUnit, ExerciseProgress, Outcome, SessionReport, StopPoint};
use super::{SessionConfig, SessionError};

/// Where the session is within its current step.
#[derive(Debug, Clone)]
struct Cursor {
    /// Index of the step.
    step: usize,
    /// When the current stretch of running began: the step's start, or the
    /// last resume.
    since: Instant,
    /// Unpaused time spent in the step before `since`.
    before: Duration,
    /// The step's events, from [`Schedule::step_events`].
    events: Vec<StepEvent>,
    /// How many of `events` have been given.
    given: usize,
}

impl Cursor {
    /// Unpaused time spent in the step at `now` (while running).
    fn elapsed(&self, now: Instant) -> Duration {
        self.before + now.saturating_duration_since(self.since)
    }

    /// The instant at which the step reaches `offset` of unpaused time, if
    /// it keeps running.
    fn instant_at(&self, offset: Duration) -> Instant {
        let ahead = offset.saturating_sub(self.before);
        self.since.checked_add(ahead).unwrap_or(self.since)
    }
}

/// The state of the machine.
#[derive(Debug, Clone)]
enum State {
    /// Not started.
    Ready,
    /// A step is running.
    Running(Cursor),
    /// A step is paused; `cursor.before` is the time it had run.
    Paused { cursor: Cursor, reason: PauseReason },
    /// Over for good.
    Finished {
        outcome: Outcome,
        at: Instant,
        step: usize,
        /// Unpaused time spent in `step` when it ended (zero when it ran out).
        into_step: Duration,
    },
}

/// One guided session: runs a [`Schedule`] against the `now` passed to each
/// method and returns the [`Cue`]s that fell due.
///
/// Every method that takes `now` first brings the session up to `now`, as
/// [`Session::tick`] does, then applies its command where it makes sense; a
/// command that does not apply in the current phase changes nothing. The
/// returned cues are in order, each stamped with the instant it happened.
/// After the session is completed, ended or stopped for pain every method
/// returns no cue and changes nothing.
///
/// See the [module docs](crate::session) for the timing and time-jump rules.
#[derive(Debug, Clone)]
pub struct Session {
    schedule: Schedule,
    config: SessionConfig,
    state: State,
    progress: Vec<ExerciseProgress>,
    /// Per exercise, whether anything of it was done (see
    /// [`Session::nothing_done`]); reset with its counts by Back.
    worked: Vec<bool>,
    started_at: Option<Instant>,
    /// The `now` of the latest call that took one; time never goes back
    /// before it.
    last_seen: Option<Instant>,
    /// Whether the session had started when the person ended or stopped it.
    stopped_started: bool,
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn step_length(step: &Step) -> Option<Duration> {
    (step.ending != Ending::Continue).then(|| ms(step.duration_ms))
}

fn whole_seconds(d: Duration) -> u32 {
    u32::try_from(d.as_secs()).unwrap_or(u32::MAX)
}

impl Session {
    /// A session ready to run `schedule`. Fails on a schedule with no step.
    pub fn new(schedule: Schedule, config: SessionConfig) -> Result<Self, SessionError> {
        if schedule.steps.is_empty() {
            return Err(SessionError::Empty);
        }
        let progress = schedule
            .exercises
            .iter()
            .map(|e| ExerciseProgress {
                id: e.exercise.id.clone(),
                done: 0,
                prescribed: e.exercise.dose.prescribed_count(),
                skipped: false,
                reached: false,
                unit: match e.exercise.dose {
                    Dose::Holds(_) => DoneUnit::Holds,
                    Dose::Timed(_) | Dose::Practice(_) => DoneUnit::Seconds,
                },
            })
            .collect::<Vec<_>>();
        Ok(Self {
            schedule,
            config,
            state: State::Ready,
            worked: vec![false; progress.len()],
            progress,
            started_at: None,
            last_seen: None,
            stopped_started: false,
        })
    }

    // ----- Commands -----

    /// Starts the session at `now`: the first step begins. Only from ready.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn start(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        if !matches!(self.state, State::Ready) {
            self.catch_up(now, &mut cues);
            return cues;
        }
        self.started_at = Some(now);
        self.last_seen = Some(now);
        self.enter_step(0, now, true);
        self.run_until(now, &mut cues);
        cues
    }

    /// Brings the session up to `now`: gives every cue that fell due since
    /// the last call, each at its exact deadline, moving through as many
    /// steps as passed. Pauses instead when time jumped (see the
    /// [module docs](crate::session)).
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn tick(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        self.catch_up(now, &mut cues);
        cues
    }

    /// Pauses the running step, keeping the time it has left.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn pause(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        if let State::Running(cursor) = &self.state {
            let mut cursor = cursor.clone();
            cursor.before = cursor.elapsed(now);
            cursor.since = now;
            cues.push(self.command_cue(CueKind::Paused, now, cursor.step));
            self.state = State::Paused {
                cursor,
                reason: PauseReason::Person,
            };
        }
        cues
    }

    /// Resumes a paused step: its new deadline is `now` plus the time it had
    /// left.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn resume(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        if let State::Paused { cursor, .. } = &self.state {
            let mut cursor = cursor.clone();
            cursor.since = now;
            cues.push(self.command_cue(CueKind::Resumed, now, cursor.step));
            self.state = State::Running(cursor);
            self.run_until(now, &mut cues);
        }
        cues
    }

    /// Ends the running step now, when it may end early: getting into
    /// position, the pause between exercises, or a practice (Continue or
    /// Done). The next step begins at `now`.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn continue_(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        let State::Running(cursor) = &self.state else {
            return cues;
        };
        let may_end = self
            .schedule
            .steps
            .get(cursor.step)
            .is_some_and(|s| s.ending != Ending::Auto);
        if may_end {
            self.finish_step(now, &mut cues);
            self.run_until(now, &mut cues);
        }
        cues
    }

    /// Skips the rest of the current exercise (running or paused): it is
    /// recorded as skipped with what was done of it, and the next exercise
    /// begins at `now`. Skipping the last exercise ends the session: it is
    /// completed, or ended early when nothing was done (see
    /// [`Session::nothing_done`]).
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn skip(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        let Some(step) = self.active_step() else {
            return cues;
        };
        let Some((exercise, end_step)) = self.exercise_of(step).map(|(i, e)| (i, e.end_step))
        else {
            return cues;
        };
        if let Some(p) = self.progress.get_mut(exercise) {
            p.skipped = true;
        }
        cues.push(self.command_cue(CueKind::ExerciseSkipped, now, step));
        if end_step < self.schedule.steps.len() {
            self.enter_step(end_step, now, false);
            self.run_until(now, &mut cues);
        } else {
            let last = self.schedule.steps.len().saturating_sub(1);
            let session_end = self
                .schedule
                .step_events(last)
                .into_iter()
                .find(|e| e.kind == EventKind::SessionEnd);
            if let Some(event) = session_end {
                cues.push(self.final_cue(event, now, last));
            }
            self.run_out(now);
        }
        cues
    }

    /// Goes back (running or paused). During the first step of an exercise
    /// (getting into position or the short pause, before anything of it is
    /// done) it goes to the start of the previous exercise; later, or in the
    /// first exercise, it restarts the current exercise. The exercise that
    /// restarts has its counts reset (done 0, not skipped).
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn back(&mut self, now: Instant) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        let Some(step) = self.active_step() else {
            return cues;
        };
        let Some((exercise, first_step)) = self.exercise_of(step).map(|(i, e)| (i, e.first_step))
        else {
            return cues;
        };
        let target = if step == first_step {
            exercise.saturating_sub(1)
        } else {
            exercise
        };
        let Some(target_first) = self.schedule.exercises.get(target).map(|e| e.first_step) else {
            return cues;
        };
        for index in [target, exercise] {
            if let Some(p) = self.progress.get_mut(index) {
                p.done = 0;
                p.skipped = false;
            }
            if let Some(worked) = self.worked.get_mut(index) {
                *worked = false;
            }
        }
        cues.push(self.command_cue(CueKind::WentBack, now, step));
        self.enter_step(target_first, now, false);
        self.run_until(now, &mut cues);
        cues
    }

    /// Ends the session early, from any phase but a final one (ready and
    /// paused included). Final.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn end(&mut self, now: Instant) -> Vec<Cue> {
        self.stop(now, Outcome::EndedEarly, CueKind::EndedEarly)
    }

    /// The person reports more pain: the session stops at once, from any
    /// phase but a final one (ready, paused and countdowns included). Final:
    /// nothing happens after it.
    #[must_use = "the cues are what the sound and the window react to"]
    pub fn report_pain(&mut self, now: Instant) -> Vec<Cue> {
        self.stop(now, Outcome::StoppedForPain, CueKind::StoppedForPain)
    }

    // ----- Views -----

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

    // ----- Machinery -----

    /// While a timed step runs: the time left in it at `now`, and the time
    /// to its next event inside it (not one at its end), if any.
    fn deadlines(&self, now: Instant) -> Option<(Duration, Option<Duration>)> {
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
    fn clamp(&self, now: Instant) -> Instant {
        self.last_seen.map_or(now, |last| now.max(last))
    }

    /// The step that skip and back act on: the running or paused one.
    fn active_step(&self) -> Option<usize> {
        match &self.state {
            State::Running(cursor) | State::Paused { cursor, .. } => Some(cursor.step),
            State::Ready | State::Finished { .. } => None,
        }
    }

    fn exercise_of(&self, step: usize) -> Option<(usize, &ScheduledExercise)> {
        let index = self.schedule.steps.get(step)?.exercise;
        Some((index, self.schedule.exercises.get(index)?))
    }

    fn command_cue(&self, kind: CueKind, at: Instant, step: usize) -> Cue {
        Cue {
            at,
            kind,
            step,
            exercise: self.schedule.steps.get(step).map_or(0, |s| s.exercise),
        }
    }

    /// Catches up to `now` (see [`Session::tick`]) and returns `now` clamped
    /// so that time never goes back.
    fn catch_up(&mut self, now: Instant, cues: &mut Vec<Cue>) -> Instant {
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
            Some(last) => self.pause_for_time_jump(last, cues),
            None => self.run_until(now, cues),
        }
        self.last_seen = Some(now);
        now
    }

    /// Pauses the running step as it was at `last` (the previous call), after
    /// a jump in time.
    fn pause_for_time_jump(&mut self, last: Instant, cues: &mut Vec<Cue>) {
        let State::Running(cursor) = &self.state else {
            return;
        };
        let mut cursor = cursor.clone();
        cursor.before = cursor.elapsed(last);
        cursor.since = last;
        cues.push(self.command_cue(CueKind::PausedForTimeJump, last, cursor.step));
        self.state = State::Paused {
            cursor,
            reason: PauseReason::TimeJump,
        };
    }

    /// Begins step `index` at `at` (or completes the session past the last
    /// step). The session-start event is given only on the first start.
    fn enter_step(&mut self, index: usize, at: Instant, first_start: bool) {
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
    fn run_until(&mut self, now: Instant, cues: &mut Vec<Cue>) {
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
    fn finish_step(&mut self, at: Instant, cues: &mut Vec<Cue>) {
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
    fn final_cue(&self, event: StepEvent, at: Instant, step: usize) -> Cue {
        if event.kind == EventKind::SessionEnd && self.nothing_done() {
            return self.command_cue(CueKind::EndedEarly, at, step);
        }
        self.command_cue(CueKind::Planned(event), at, step)
    }

    /// Ends the session at `at`, past its last step: completed, or ended
    /// early when nothing was done.
    fn run_out(&mut self, at: Instant) {
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

    fn stop(&mut self, now: Instant, outcome: Outcome, kind: CueKind) -> Vec<Cue> {
        let mut cues = Vec::new();
        let now = self.catch_up(now, &mut cues);
        if self.is_finished() {
            return cues;
        }
        let step = self.step_index();
        let into_step = match &self.state {
            State::Running(cursor) => cursor.elapsed(now),
            State::Paused { cursor, .. } => cursor.before,
            State::Ready | State::Finished { .. } => Duration::ZERO,
        };
        let started = !matches!(self.state, State::Ready);
        cues.push(self.command_cue(kind, now, step));
        self.state = State::Finished {
            outcome,
            at: now,
            step,
            into_step,
        };
        self.stopped_started = started;
        cues
    }
}

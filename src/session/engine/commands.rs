//! The person's commands: start, tick, pause, resume, continue, skip,
//! back, end and the pain stop. Each first brings the session up to `now`.

use std::time::{Duration, Instant};

use super::{Session, State};
use crate::schedule::{Ending, EventKind};
use crate::session::cue::{Cue, CueKind};
use crate::session::phase::PauseReason;
use crate::session::report::Outcome;

impl Session {
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
        self.pause_at(now, PauseReason::Person, CueKind::Paused, &mut cues);
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

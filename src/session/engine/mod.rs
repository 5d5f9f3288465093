//! [`Session`]: the state machine of one guided session.
//!
//! Here the session's state and its start; what it does by job: the
//! person's commands (`commands.rs`), what it tells the window and the
//! record (`queries.rs`), and moving through time (`timing.rs`: catching up
//! to `now`, deadlines, steps' ends, what was done).

mod commands;
mod queries;
mod timing;

use std::time::{Duration, Instant};

use crate::exercise::Dose;
use crate::schedule::{Ending, Schedule, Step, StepEvent};

use super::phase::PauseReason;
use super::report::{DoneUnit, ExerciseProgress, Outcome};
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
/// method and returns the [`Cue`](crate::session::Cue)s that fell due.
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
}

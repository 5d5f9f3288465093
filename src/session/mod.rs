//! The guided session: the state machine that runs one session's
//! [`Schedule`](crate::schedule::Schedule) against a clock that is passed in.
//!
//! This module owns what happens during a session: its phases (ready, getting
//! into position, get ready, hold, rest, timed position, practice, paused,
//! completed, ended early, stopped for pain), the commands the person gives
//! (start, pause, resume, continue, skip, back, end, report more pain), the
//! cue events it emits at their exact deadlines, and the record of what was
//! done ([`SessionReport`]).
//!
//! It is a pure model: every method takes `now: Instant`, nothing reads the
//! clock behind the caller's back, and it imports no window, sound or file
//! code. The window and the sound react to the [`Cue`]s it returns.
//!
//! # Timing
//!
//! Each step runs from its actual start instant; its deadline is that instant
//! plus the step's planned length (plus any time spent paused). Nothing sums
//! frame deltas. When [`Session::tick`] is called late, it catches up through
//! every deadline that passed and stamps each cue with the instant it was due,
//! so with a manual clock every cue lands exactly at the `at_ms` that
//! `neckguide plan --json` prints: both come from
//! [`Schedule::step_events`](crate::schedule::Schedule::step_events).
//!
//! # A jump in time
//!
//! The caller ticks the session at least once a second while a timed step runs
//! ([`Session::time_to_next_change`] never asks for more than a second). When
//! a call finds more than [`SessionConfig::time_jump_threshold`] (3 s by
//! default) since the previous call while a timed step runs, the computer most
//! likely slept or the program was stalled. The session then does not count
//! that time: it pauses as it was at the previous call (a hold keeps the
//! remaining time it had then), gives [`CueKind::PausedForTimeJump`] stamped
//! with that previous instant, and waits for [`Session::resume`]. The real
//! clock ([`SystemClock`]) counts the time the computer was suspended, so a
//! sleep shows as such a jump (a plain [`Instant`](std::time::Instant) stops
//! during it).

mod clock;
mod cue;
mod engine;
mod phase;
mod pose;
mod report;
pub mod spoken;

pub use clock::{Boottime, Clock, ManualClock, SinceBoot, SystemClock};
pub use cue::{Cue, CueKind};
pub use engine::Session;
pub use phase::{HoldCounts, PauseReason, Phase};
pub use pose::{MOVEMENT, pose, pose_moves_for};
pub use report::{DoneUnit, ExerciseProgress, Outcome, SessionReport, StopPoint};

use std::time::Duration;

/// The default for [`SessionConfig::time_jump_threshold`]: 3 s.
pub const DEFAULT_TIME_JUMP_THRESHOLD: Duration = Duration::from_secs(3);

/// How the session reacts to time; the pacing itself is in the schedule's
/// [`ScheduleConfig`](crate::schedule::ScheduleConfig).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// A gap longer than this between two calls while a timed step runs is
    /// taken as a jump in time (the computer slept): the session pauses as it
    /// was at the earlier call. `None` turns the check off, so a late call
    /// catches up through everything that fell due.
    pub time_jump_threshold: Option<Duration>,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            time_jump_threshold: Some(DEFAULT_TIME_JUMP_THRESHOLD),
        }
    }
}

/// Why a session cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// The schedule has no step: no exercise is due in this session.
    #[error("there is nothing to do in this session: no exercise is due")]
    Empty,
}

#[cfg(test)]
pub(crate) mod tests;

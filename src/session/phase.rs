//! [`Phase`]: where a session is, as the window shows it.

use crate::exercise::{Direction, Position};
use crate::schedule::{Ending, RestKind, Step, StepKind};

/// Why a session is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// The person pressed Pause.
    Person,
    /// Time jumped (the computer slept); see the [module docs](crate::session).
    TimeJump,
}

/// Where a session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not started yet.
    Ready,
    /// Getting into a new position; Continue moves on sooner.
    Position {
        /// The position to get into.
        to: Position,
    },
    /// A short pause between exercises in the same position; shows what
    /// comes next. Continue moves on sooner.
    Between,
    /// The get-ready countdown before an exercise.
    GetReady,
    /// A hold.
    Hold {
        /// The set, 1-based.
        set: u32,
        /// The repetition within the set (and direction), 1-based.
        rep: u32,
        /// The direction, for multi-direction exercises.
        direction: Option<Direction>,
    },
    /// Rest or relax between holds, directions or sets.
    Rest {
        /// What the rest is between.
        between: RestKind,
    },
    /// A position held for a time, counting down.
    Timed,
    /// A posture practice.
    Practice {
        /// It lasts until the person presses Done (no set time).
        until_done: bool,
    },
    /// Paused in the middle of a step.
    Paused {
        /// The step that was paused.
        step: StepKind,
        /// Why.
        reason: PauseReason,
    },
    /// Every exercise was done or skipped. Final.
    Completed,
    /// The person ended the session early. Final.
    EndedEarly,
    /// The person reported more pain. Final.
    StoppedForPain,
}

impl Phase {
    /// The phase of a running step.
    pub fn of_step(step: &Step) -> Self {
        match step.kind {
            StepKind::Position { to } => Self::Position { to },
            StepKind::Between => Self::Between,
            StepKind::GetReady => Self::GetReady,
            StepKind::Hold {
                set,
                rep,
                direction,
            } => Self::Hold {
                set,
                rep,
                direction,
            },
            StepKind::Rest { between } => Self::Rest { between },
            StepKind::Timed => Self::Timed,
            StepKind::Practice => Self::Practice {
                until_done: step.ending == Ending::Continue,
            },
        }
    }

    /// Whether the session is over (completed, ended early or stopped for
    /// pain); nothing happens after.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::Completed | Self::EndedEarly | Self::StoppedForPain
        )
    }

    /// Whether the session is paused.
    pub fn is_paused(self) -> bool {
        matches!(self, Self::Paused { .. })
    }
}

/// Where a hold stands within its exercise: "hold 3 of 10, set 1 of 2,
/// repetition 3 of 5, push forward".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HoldCounts {
    /// This hold's number among the exercise's holds, 1-based.
    pub hold: u32,
    /// The exercise's holds in all.
    pub holds: u32,
    /// The set, 1-based.
    pub set: u32,
    /// Sets in all.
    pub sets: u32,
    /// The repetition within the set (and direction), 1-based.
    pub rep: u32,
    /// Repetitions per set (and direction).
    pub reps: u32,
    /// The direction, for multi-direction exercises.
    pub direction: Option<Direction>,
}

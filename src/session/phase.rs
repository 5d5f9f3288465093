//! [`Phase`]: where a session is, as the window shows it.

use crate::exercise::Direction;
use crate::schedule::{Ending, Step, StepKind, Title};

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
    /// A step of the schedule is running.
    Running {
        /// The step (get into position, get ready, hold, rest, …).
        step: StepKind,
        /// How it ends: unless [`Ending::Auto`], Continue (Done for a
        /// practice) moves on sooner; [`Ending::Continue`] waits for it.
        ending: Ending,
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
        Self::Running {
            step: step.kind,
            ending: step.ending,
        }
    }

    /// The step that is running, if one is (not paused, not over).
    pub fn running(self) -> Option<StepKind> {
        match self {
            Self::Running { step, .. } => Some(step),
            _ => None,
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

    /// What the person should be doing, in a few words ("Hold", "Get into
    /// position: lying on your back", "Paused"): the session screen's
    /// title and the media player's. `position` is the exercise's.
    pub fn title(self, position: Option<crate::exercise::Position>) -> String {
        self.title_parts(position).to_string()
    }

    /// [`Phase::title`] in its two parts: the word ("Paused") and the
    /// detail ("the computer was asleep"), which the session screen draws
    /// on a line under the word.
    pub fn title_parts(self, position: Option<crate::exercise::Position>) -> Title {
        match self {
            Self::Ready => Title::word("Ready"),
            Self::Running { step, .. } => step.title_parts(position),
            Self::Paused {
                reason: PauseReason::TimeJump,
                ..
            } => Title::with_detail("Paused", "the computer was asleep".to_owned()),
            Self::Paused { .. } => Title::word("Paused"),
            Self::Completed => Title::word("Session complete"),
            Self::EndedEarly => Title::word("Session ended"),
            Self::StoppedForPain => Title::word("Session stopped"),
        }
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

//! [`Cue`]: what the session says happened, for the sound and the window to
//! react to.

use std::time::Instant;

use crate::schedule::{EventKind, StepEvent};

/// What a cue says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// An event of the schedule, the same one `neckguide plan` prints (hold
    /// start, countdown tick, hold end, set done, …). Its `offset_ms` is the
    /// planned offset in its step; the cue's `at` is when it actually fell due.
    Planned(StepEvent),
    /// The person paused the session.
    Paused,
    /// The session went on after a pause.
    Resumed,
    /// The session paused itself because time jumped (the computer slept);
    /// stamped with the instant it paused as of.
    PausedForTimeJump,
    /// The person skipped the rest of the exercise.
    ExerciseSkipped,
    /// The person went back: the exercise restarts, or the previous one does.
    WentBack,
    /// The person ended the session early, or it ran to its end with
    /// nothing done (then in place of the `session_end` event). Final.
    EndedEarly,
    /// The person reported more pain: the session stopped at once. Final.
    StoppedForPain,
}

/// One thing that happened in a session, at the instant it happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// When it happened: a planned event's exact deadline (even when the
    /// session was told late), or the instant a command was given.
    pub at: Instant,
    /// What happened.
    pub kind: CueKind,
    /// The step it belongs to (index into [`Schedule::steps`](crate::schedule::Schedule::steps)).
    pub step: usize,
    /// The exercise it belongs to (index into
    /// [`Schedule::exercises`](crate::schedule::Schedule::exercises)).
    pub exercise: usize,
}

impl Cue {
    /// The schedule's event, for a planned cue.
    pub fn event(&self) -> Option<EventKind> {
        match self.kind {
            CueKind::Planned(event) => Some(event.kind),
            _ => None,
        }
    }

    /// The seconds left before the hold, on a countdown tick.
    pub fn seconds_left(&self) -> Option<u64> {
        match self.kind {
            CueKind::Planned(event) => event.seconds_left,
            _ => None,
        }
    }

    /// Whether this cue ends the session for good (session done, ended early,
    /// stopped for pain).
    pub fn is_final(&self) -> bool {
        matches!(self.kind, CueKind::EndedEarly | CueKind::StoppedForPain)
            || self.event() == Some(EventKind::SessionEnd)
    }
}

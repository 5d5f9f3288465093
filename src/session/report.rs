//! [`SessionReport`]: what was done in a session, per exercise, and how it
//! ended. The adherence log is filled from it by the caller.

use std::time::Instant;

/// How a session ended. The log's record adds one outcome the engine never
/// gives, `interrupted` (the app stopped during the session); it takes this
/// one through `From` (the log record's `Outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Every exercise was done or skipped, to the end, and something was
    /// done.
    Completed,
    /// The person ended the session before the end, or it ran to its end
    /// with nothing done (every exercise skipped; see
    /// [`Session::nothing_done`](crate::session::Session::nothing_done)).
    EndedEarly,
    /// The person reported more pain and the session stopped.
    StoppedForPain,
}

/// What [`ExerciseProgress::done`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DoneUnit {
    /// Holds completed (repetitions, across directions and sets).
    Holds,
    /// Seconds of a timed position or practice.
    Seconds,
}

/// What was done of one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExerciseProgress {
    /// The exercise's id.
    pub id: String,
    /// Holds completed, or whole seconds for a timed position or practice;
    /// never more than `prescribed`.
    pub done: u32,
    /// What the dose prescribes, in the same unit
    /// ([`Dose::prescribed_count`](crate::exercise::Dose::prescribed_count);
    /// 0 for a practice with no set time).
    pub prescribed: u32,
    /// Whether the person skipped (the rest of) it.
    pub skipped: bool,
    /// Whether the session got to it (any of its steps began), even if
    /// nothing of it was done.
    pub reached: bool,
    /// What `done` and `prescribed` count.
    pub unit: DoneUnit,
}

/// What happened in a finished session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionReport {
    /// How it ended.
    pub outcome: Outcome,
    /// When it started (`None` when it ended before it was started).
    pub started_at: Option<Instant>,
    /// When it ended: the last deadline for a completed session, the instant
    /// of the command otherwise.
    pub ended_at: Instant,
    /// Every exercise of the session in order, including those never reached.
    pub exercises: Vec<ExerciseProgress>,
}

/// Where a session was when the person ended it or stopped it for pain
/// ([`Session::stop_point`](crate::session::Session::stop_point)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopPoint {
    /// The step.
    pub kind: crate::schedule::StepKind,
    /// The index of the step's exercise in the schedule.
    pub exercise: usize,
    /// How long the step had run, pauses not counted.
    pub into_step: std::time::Duration,
    /// The set, repetition and direction of the last hold begun in this
    /// exercise up to this step (the hold itself, or the one a rest follows).
    pub last_hold: Option<(u32, u32, Option<crate::exercise::Direction>)>,
}

//! The session line: [`SessionRecord`], the routine it followed, how it
//! ended, what was done of each exercise and with what dose, and the pain
//! ratings.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::PainStop;
use crate::checkin::ArmSymptoms;
use crate::log::LocalTimestamp;

// Named in doc comments, which are also the schema's descriptions.
#[cfg(doc)]
use super::RECORD_VERSION;

/// The `kind` of a session line (`"session"`; a line without `kind` is one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A session.
    #[default]
    Session,
}

/// One guided session as it is kept in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SessionRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Always `session` (version 1 wrote none).
    #[serde(default)]
    pub kind: SessionKind,
    /// Unique id of the session (see `app::make_record::new_session_id`).
    pub id: String,
    /// When the session started, with the local offset. Its local date is the
    /// day the session counts for.
    pub started_at: LocalTimestamp,
    /// When the session ended (for a checkpoint: the time of the last saved
    /// progress).
    pub ended_at: LocalTimestamp,
    /// The routine that was followed.
    pub routine: RoutineRef,
    /// How the session ended.
    pub outcome: Outcome,
    /// Pain (0–10) asked before the session, if answered.
    #[serde(default)]
    pub pain_before: Option<PainScore>,
    /// Pain (0–10) asked after the session, if answered.
    #[serde(default)]
    pub pain_after: Option<PainScore>,
    /// Whether the person had numbness, tingling or weakness in the arm or
    /// hand at the check-in (kept, and written, for readers of version 2
    /// before [`SessionRecord::arm`]: it is `arm` other than `none`).
    #[serde(default)]
    pub arm_symptoms: bool,
    /// Where arm symptoms were at the check-in: none, in the arm, or further
    /// down the arm than before (added later in version 2; absent in older
    /// lines, which only say [`SessionRecord::arm_symptoms`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm: Option<ArmSymptoms>,
    /// Free text from the person.
    #[serde(default)]
    pub note: String,
    /// What was done of each exercise, in routine order.
    #[serde(default)]
    pub exercises: Vec<ExerciseResult>,
    /// Where the session was stopped, for a session stopped for pain
    /// (version 2; absent otherwise and in version-1 lines).
    // Boxed: few sessions have one, and a record in memory keeps room for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_stop: Option<Box<PainStop>>,
}

/// The routine a session followed, as it was when the session ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RoutineRef {
    /// The routine's id.
    pub id: String,
    /// The routine's display name.
    pub name: String,
    /// How many sessions a day the routine prescribes.
    pub times_per_day: u32,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every exercise was done or deliberately skipped, to the end, and
    /// something was done.
    Completed,
    /// The person ended the session before the end, or it ran to its end
    /// with nothing done (every exercise skipped).
    EndedEarly,
    /// The person stopped because of pain or arm symptoms.
    StoppedForPain,
    /// The app was closed, killed or crashed during the session.
    Interrupted,
}

impl Outcome {
    /// The word used in the log, CSV and reports (`completed`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Completed => "completed",
            Outcome::EndedEarly => "ended_early",
            Outcome::StoppedForPain => "stopped_for_pain",
            Outcome::Interrupted => "interrupted",
        }
    }

    /// A short label for people ("Completed", "Stopped for pain", …).
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Completed => "Completed",
            Outcome::EndedEarly => "Ended early",
            Outcome::StoppedForPain => "Stopped for pain",
            Outcome::Interrupted => "Interrupted",
        }
    }
}

/// What was done of one exercise in one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExerciseResult {
    /// The exercise's id.
    pub id: String,
    /// Repetitions done (for timed positions: seconds held).
    pub done: u32,
    /// Repetitions prescribed (for timed positions: seconds).
    pub prescribed: u32,
    /// Whether the person skipped the exercise.
    #[serde(default)]
    pub skipped: bool,
    /// Whether the session got to this exercise at all (version 2; `None`
    /// in version-1 lines, which did not say). An exercise stopped in its
    /// second hold and one never reached both have `done` 0; this tells
    /// them apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached: Option<bool>,
    /// The dose the exercise ran with (added later in version 2; absent in
    /// older lines). It is the dose in effect by the routine's progression
    /// rule, or the prescribed one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<DoseRan>,
}

/// The numbers of the dose an exercise ran with, named as in routine
/// files; a number the dose does not have is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DoseRan {
    /// Seconds each hold lasted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<u32>,
    /// Holds in one set (in each direction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetitions: Option<u32>,
    /// Sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
    /// Minutes of a timed position or a practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// A pain rating on the 0–10 scale.
///
/// A line with a rating outside 0–10 is not a valid record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PainScore(u8);

impl JsonSchema for PainScore {
    fn schema_name() -> Cow<'static, str> {
        "PainScore".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A pain rating, 0 (no pain) to 10 (worst pain imaginable).",
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_PAIN,
        })
    }
}

/// The highest pain rating.
const MAX_PAIN: u8 = 10;

impl PainScore {
    /// The rating `value`, if it is within 0–10.
    pub fn new(value: u8) -> Option<Self> {
        (value <= MAX_PAIN).then_some(PainScore(value))
    }

    /// The rating as a number 0–10.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for PainScore {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        PainScore::new(value).ok_or_else(|| format!("pain {value} is not within 0-10"))
    }
}

impl From<PainScore> for u8 {
    fn from(score: PainScore) -> u8 {
        score.0
    }
}

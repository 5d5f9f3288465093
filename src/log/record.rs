//! [`SessionRecord`]: the line written to the log for each session, version 1.
//!
//! ```json
//! {"v":1,"id":"…","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:14:32+01:00",
//!  "routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},
//!  "outcome":"completed","pain_before":3,"pain_after":2,"arm_symptoms":false,"note":"",
//!  "exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false}]}
//! ```
//!
//! Readers ignore fields they do not know, so an older neckguide can read the
//! lines of a newer one. Fields that are optional in meaning (`pain_before`,
//! `pain_after`, `arm_symptoms`, `note`, `exercises`) may be missing.

use serde::{Deserialize, Serialize};

use super::LocalTimestamp;

/// The version of the record format this code writes.
pub const RECORD_VERSION: u32 = 1;

/// One guided session as it is kept in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Unique id of the session (see `app::record::new_session_id`).
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
    /// Whether symptoms went down the arm during or after the session.
    #[serde(default)]
    pub arm_symptoms: bool,
    /// Free text from the person.
    #[serde(default)]
    pub note: String,
    /// What was done of each exercise, in routine order.
    #[serde(default)]
    pub exercises: Vec<ExerciseResult>,
}

/// The routine a session followed, as it was when the session ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutineRef {
    /// The routine's id.
    pub id: String,
    /// The routine's display name.
    pub name: String,
    /// How many sessions a day the routine prescribes.
    pub times_per_day: u32,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl From<crate::session::Outcome> for Outcome {
    fn from(outcome: crate::session::Outcome) -> Self {
        match outcome {
            crate::session::Outcome::Completed => Self::Completed,
            crate::session::Outcome::EndedEarly => Self::EndedEarly,
            crate::session::Outcome::StoppedForPain => Self::StoppedForPain,
        }
    }
}

/// What was done of one exercise in one session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A pain rating on the 0–10 scale.
///
/// A line with a rating outside 0–10 is not a valid record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PainScore(u8);

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

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"v":1,"id":"a1","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:14:32+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"completed","pain_before":3,"pain_after":2,"arm_symptoms":false,"note":"","exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false}]}"#;

    #[test]
    fn the_issue_example_round_trips_byte_for_byte() {
        let record: SessionRecord = match serde_json::from_str(EXAMPLE) {
            Ok(r) => r,
            Err(err) => panic!("{err}"),
        };
        assert_eq!(record.outcome, Outcome::Completed);
        assert_eq!(record.pain_before.map(PainScore::get), Some(3));
        assert_eq!(
            serde_json::to_string(&record).ok().as_deref(),
            Some(EXAMPLE)
        );
    }

    #[test]
    fn unknown_fields_and_newer_versions_are_read() {
        let newer = EXAMPLE
            .replace("\"v\":1", "\"v\":2,\"device\":{\"kind\":\"laptop\"}")
            .replace("\"skipped\":false", "\"skipped\":false,\"side\":\"left\"");
        let record: Result<SessionRecord, _> = serde_json::from_str(&newer);
        assert_eq!(record.ok().map(|r| r.v), Some(2));
    }

    #[test]
    fn optional_fields_may_be_missing() {
        let minimal = r#"{"v":1,"id":"m","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:01:00+01:00","routine":{"id":"r","name":"R","times_per_day":1},"outcome":"interrupted"}"#;
        let record: Result<SessionRecord, _> = serde_json::from_str(minimal);
        let Ok(record) = record else {
            panic!("{record:?}");
        };
        assert_eq!(record.pain_before, None);
        assert!(record.exercises.is_empty());
    }

    #[test]
    fn pain_out_of_range_and_unknown_outcomes_are_rejected() {
        let pain = EXAMPLE.replace("\"pain_before\":3", "\"pain_before\":11");
        assert!(serde_json::from_str::<SessionRecord>(&pain).is_err());
        let outcome = EXAMPLE.replace("\"completed\"", "\"finished\"");
        assert!(serde_json::from_str::<SessionRecord>(&outcome).is_err());
    }
}

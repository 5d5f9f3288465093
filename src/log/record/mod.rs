//! The lines of the log, version 2: [`SessionRecord`] (one per session),
//! [`DailyCheckRecord`] (the day's answers to the warning signs and, later,
//! the clearance), [`ClearanceRecord`] (the person has talked to their
//! physical therapist after a pain stop) and [`MeasureRecord`] (the outcome
//! measures answered at a check-in). [`LogLine`] is any of them.
//!
//! ```json
//! {"v":2,"kind":"session","id":"…","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:04:32+01:00",
//!  "routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},
//!  "outcome":"stopped_for_pain","pain_before":3,"pain_after":6,"arm_symptoms":false,"note":"",
//!  "exercises":[{"id":"seated-retraction","done":1,"prescribed":5,"skipped":false,"reached":true}],
//!  "pain_stop":{"exercise":"seated-retraction","step":"hold","set":1,"repetition":2,"direction":null,
//!               "seconds_into_step":3.4,"reason":"pain"}}
//! {"v":2,"kind":"daily_check","date":"2026-11-21","at":"2026-11-21T08:58:00+01:00",
//!  "answers":[{"question":"bladder_or_bowel","yes":false}],"cleared_by_clinician_at":null}
//! {"v":2,"kind":"clearance","at":"2026-11-22T10:00:00+01:00","exercise":"seated-retraction","pain_stop_session":"…"}
//! {"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00","neck_pain":5,"arm_pain":6,
//!  "psfs":[{"activity":"Reversing the car","score":3}],"groc":null}
//! ```
//!
//! Compatibility, both ways:
//! - Version 2 only adds fields to the session line, so a version-1 reader
//!   (which ignores fields it does not know) reads a version-2 session line.
//!   The new kinds of line are new lines: a version-1 reader counts them as
//!   lines it cannot read and leaves them in the log, and so does a
//!   version-2 reader older than a kind (`measure` came later): a kind it
//!   does not know is an unreadable line, never a wrong record.
//! - A version-1 line reads here: a line without `kind` is a session, and
//!   every field added in version 2 may be missing (`reached` reads as
//!   unknown, `pain_stop` as none).
//! - Fields that are optional in meaning (`pain_before`, `pain_after`,
//!   `arm_symptoms`, `note`, `exercises`) may be missing.
//!
//! [`log_line_schema`] is the JSON Schema of a line (`neckguide schema record`).
//!
//! By kind of line: `session.rs` ([`SessionRecord`] and its parts),
//! `pain_stop.rs` (where a session stopped for pain, [`PainStop`]),
//! `daily_check.rs` ([`DailyCheckRecord`]), `clearance.rs`
//! ([`ClearanceRecord`]) and `measure.rs` ([`MeasureRecord`]); [`LogLine`]
//! here reads any of them.

mod clearance;
mod daily_check;
mod measure;
mod pain_stop;
mod session;

pub use clearance::{ClearanceKind, ClearanceRecord};
pub use daily_check::{Answer, DailyCheckKind, DailyCheckRecord};
pub use measure::{
    Activity, Groc, MAX_ACTIVITY_CHARS, MAX_PSFS_ACTIVITIES, MeasureKind, MeasureRecord, Psfs,
    PsfsItem, PsfsScore,
};
pub use pain_stop::{PainStop, Seconds, StopReason, StopStep};
pub use session::{
    DoseRan, ExerciseResult, Outcome, PainScore, RoutineRef, SessionKind, SessionRecord,
};

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
/// The version of the record format this code writes.
pub const RECORD_VERSION: u32 = 2;

/// Any line of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LogLine {
    /// A session (`kind` `session` or none).
    Session(SessionRecord),
    /// The answers to the warning signs of a day (`kind` `daily_check`).
    DailyCheck(DailyCheckRecord),
    /// A talk with the physical therapist after a pain stop (`kind` `clearance`).
    Clearance(ClearanceRecord),
    /// The outcome measures answered at a check-in (`kind` `measure`).
    Measure(MeasureRecord),
}

/// Only the `kind` of a line, read first to choose its type.
#[derive(Deserialize)]
struct KindOnly<'a> {
    #[serde(default, borrow)]
    kind: Option<Cow<'a, str>>,
}

impl LogLine {
    /// Reads one line of the log. The reason for a line that is not a
    /// record is in plain words ([`crate::log::plain_json_error`]).
    pub fn parse(text: &str) -> Result<LogLine, String> {
        let plain = |err: serde_json::Error| super::plain_json_error(&err);
        // Nearly every line is a session: read it as one, and look at its
        // `kind` only when that fails, so a session line is parsed once.
        let not_a_session = match serde_json::from_str(text) {
            Ok(record) => return Ok(LogLine::Session(record)),
            Err(err) => err,
        };
        let probe: KindOnly<'_> = serde_json::from_str(text).map_err(plain)?;
        match probe.kind.as_deref() {
            None | Some("session") => Err(not_a_session),
            Some("daily_check") => serde_json::from_str(text).map(LogLine::DailyCheck),
            Some("clearance") => serde_json::from_str(text).map(LogLine::Clearance),
            Some("measure") => serde_json::from_str(text).map(LogLine::Measure),
            Some(other) => {
                return Err(format!(
                    "a line of a kind this version of neckguide does not know (\"{}\")",
                    other.chars().take(40).collect::<String>()
                ));
            }
        }
        .map_err(plain)
    }
}

/// The JSON Schema of a log line, any kind (`neckguide schema record`).
pub fn log_line_schema() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(LogLine).to_value())
}

#[cfg(test)]
mod tests;

//! The lines of the log, version 2: [`SessionRecord`] (one per session),
//! [`DailyCheckRecord`] (the day's answers to the warning signs and, later,
//! the clearance) and [`ClearanceRecord`] (the person has talked to their
//! physical therapist after a pain stop). [`LogLine`] is any of them.
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
//! ```
//!
//! Compatibility, both ways:
//! - Version 2 only adds fields to the session line, so a version-1 reader
//!   (which ignores fields it does not know) reads a version-2 session line.
//!   The new kinds of line are new lines: a version-1 reader counts them as
//!   lines it cannot read and leaves them in the log.
//! - A version-1 line reads here: a line without `kind` is a session, and
//!   every field added in version 2 may be missing (`reached` reads as
//!   unknown, `pain_stop` as none).
//! - Fields that are optional in meaning (`pain_before`, `pain_after`,
//!   `arm_symptoms`, `note`, `exercises`) may be missing.
//!
//! [`log_line_schema`] is the JSON Schema of a line (`neckguide schema record`).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::LocalTimestamp;
use crate::checkin::{ArmSymptoms, MorningComparison, WarningSign};

/// The version of the record format this code writes.
pub const RECORD_VERSION: u32 = 2;

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

/// Where a session stopped for pain was: the exercise, the step and, where
/// the step has them, the set, repetition and direction.
///
/// The pain button asks nothing before stopping; what the person adds after
/// the stop (pain now, where arm symptoms are now) goes into the same
/// record: `pain_after`, and [`PainStop::arm_now`] (with
/// [`PainStop::arm_symptoms_now`]) and [`PainStop::reason`], set together by
/// [`PainStop::answer_arm_now`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PainStop {
    /// The id of the exercise where pain got worse (while getting into
    /// position or in the pause before an exercise: the exercise about to
    /// be done). It may name an exercise the routine no longer has.
    pub exercise: String,
    /// The step the session was in.
    pub step: StopStep,
    /// The set, 1-based: of the hold, or of the hold a rest follows; `None`
    /// where the step has none.
    pub set: Option<u32>,
    /// The repetition within the set (and direction), 1-based: of the hold,
    /// or of the hold a rest follows; `None` where the step has none.
    pub repetition: Option<u32>,
    /// The direction of a hold of a multi-direction exercise (`left`, …);
    /// `None` otherwise.
    pub direction: Option<String>,
    /// How far into the step, in seconds (one decimal), pauses not counted.
    pub seconds_into_step: Seconds,
    /// What got worse: `arm_symptoms` when the answer after the stop says
    /// the arm symptoms got worse ([`StopReason::after_stop`]): further down
    /// the arm than before, or in the arm when the session's check-in said
    /// none (new symptoms); otherwise `pain`. Lines written before
    /// [`PainStop::arm_now`] said `arm_symptoms` for any yes to "numbness,
    /// tingling or weakness in your arm or hand now?".
    pub reason: StopReason,
    /// Whether there was numbness, tingling or weakness in the arm or hand
    /// after the stop, when answered (kept, and written, for readers of
    /// version 2 before [`PainStop::arm_now`]: it is `arm_now` other than
    /// `none`; older lines have only this, from a yes/no question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_symptoms_now: Option<bool>,
    /// Where numbness, tingling or weakness in the arm or hand was after the
    /// stop, when answered: none, in the arm, or further down the arm than
    /// before (added later in version 2; absent in older lines, which only
    /// say [`PainStop::arm_symptoms_now`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_now: Option<ArmSymptoms>,
}

impl PainStop {
    /// Keeps the answer after the stop to where arm symptoms are now
    /// (`None`: not answered), with `at_check_in`, the answer at the
    /// session's check-in: sets [`PainStop::arm_now`], the older
    /// [`PainStop::arm_symptoms_now`] and, when answered, the
    /// [`PainStop::reason`] by [`StopReason::after_stop`].
    pub fn answer_arm_now(&mut self, at_check_in: Option<ArmSymptoms>, now: Option<ArmSymptoms>) {
        let Some(now) = now else {
            return;
        };
        self.arm_now = Some(now);
        self.arm_symptoms_now = Some(now.any());
        self.reason = StopReason::after_stop(at_check_in, now);
    }

    /// Whether there were arm symptoms after the stop, when answered: from
    /// [`PainStop::arm_now`], or the older lines' yes/no.
    pub fn any_arm_symptoms_now(&self) -> Option<bool> {
        self.arm_now.map(ArmSymptoms::any).or(self.arm_symptoms_now)
    }
}

/// The step a session was stopped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StopStep {
    /// Getting into a new position before an exercise.
    Position,
    /// The short pause before an exercise done in the same position.
    Between,
    /// The get-ready countdown.
    GetReady,
    /// A hold.
    Hold,
    /// The rest between two repetitions or directions.
    Rest,
    /// The rest between two sets.
    SetRest,
    /// A position held for a time.
    Timed,
    /// A posture practice.
    Practice,
    /// A step this version does not know (written by a newer one).
    #[serde(other)]
    Other,
}

impl StopStep {
    /// The id used in the log (`hold`, `set_rest`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Position => "position",
            Self::Between => "between",
            Self::GetReady => "get_ready",
            Self::Hold => "hold",
            Self::Rest => "rest",
            Self::SetRest => "set_rest",
            Self::Timed => "timed",
            Self::Practice => "practice",
            Self::Other => "other",
        }
    }

    /// The words of the step with this id ("a step" for one this version
    /// does not know).
    pub fn words_of(id: &str) -> &'static str {
        serde_json::from_value::<StopStep>(serde_json::Value::String(id.to_owned()))
            .map_or("a step", StopStep::words)
    }

    /// Words for people ("the hold", "the rest between sets").
    pub fn words(self) -> &'static str {
        match self {
            Self::Position => "getting into position",
            Self::Between => "the pause before the exercise",
            Self::GetReady => "the get-ready countdown",
            Self::Hold => "a hold",
            Self::Rest => "a rest",
            Self::SetRest => "the rest between sets",
            Self::Timed => "the timed position",
            Self::Practice => "the practice",
            Self::Other => "a step",
        }
    }
}

/// What got worse when a session was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// Pain.
    Pain,
    /// Numbness, tingling or weakness in the arm or hand got worse: further
    /// down the arm than before, or new ([`StopReason::after_stop`]).
    ArmSymptoms,
    /// A reason this version does not know (written by a newer one).
    #[serde(other)]
    Other,
}

impl StopReason {
    /// Why a session stopped for pain stopped, from where arm symptoms are
    /// after the stop (`now`) and at the session's check-in
    /// (`at_check_in`, `None` when not known): `ArmSymptoms` when they got
    /// worse, further down the arm than before, or in the arm after none
    /// at the check-in (new symptoms: the worsening signs of a pinched
    /// nerve in the neck); otherwise `Pain`. In the arm after in the arm
    /// at the check-in, or with the check-in not known, is not counted as
    /// a change.
    pub fn after_stop(at_check_in: Option<ArmSymptoms>, now: ArmSymptoms) -> StopReason {
        match (at_check_in, now) {
            (_, ArmSymptoms::FurtherDown) | (Some(ArmSymptoms::None), ArmSymptoms::InArm) => {
                Self::ArmSymptoms
            }
            _ => Self::Pain,
        }
    }

    /// The id used in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pain => "pain",
            Self::ArmSymptoms => "arm_symptoms",
            Self::Other => "other",
        }
    }
}

/// A length of time kept in milliseconds and written as seconds with one
/// decimal (`3.4`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seconds {
    millis: u64,
}

impl Seconds {
    /// The time `duration`, to the millisecond.
    pub fn from_duration(duration: std::time::Duration) -> Self {
        Self {
            millis: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// The time in seconds, rounded to one decimal.
    pub fn as_secs_f64(self) -> f64 {
        (self.millis as f64 / 100.0).round() / 10.0
    }
}

impl Serialize for Seconds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_secs_f64())
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(serde::de::Error::custom(format!(
                "{seconds} is not a number of seconds"
            )));
        }
        // Saturates at the largest u64 for absurd values.
        Ok(Self {
            millis: (seconds * 1000.0).round() as u64,
        })
    }
}

impl JsonSchema for Seconds {
    fn schema_name() -> Cow<'static, str> {
        "Seconds".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Seconds, with one decimal.",
            "type": "number",
            "minimum": 0,
        })
    }
}

/// The `kind` of a daily check line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DailyCheckKind {
    /// The answers to the warning signs of one day.
    #[default]
    DailyCheck,
}

/// The person's answers to the warning signs ("When to See a Doctor") of
/// one day, written when they answer; written again for the same date with
/// [`DailyCheckRecord::cleared_by_clinician_at`] when they say their doctor
/// or physical therapist has cleared them. For a date, the last line counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DailyCheckRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Always `daily_check`.
    pub kind: DailyCheckKind,
    /// The local date the answers are for (YYYY-MM-DD).
    #[serde(with = "date_text")]
    #[schemars(with = "String")]
    pub date: jiff::civil::Date,
    /// When they were given.
    pub at: LocalTimestamp,
    /// Each question's id and answer, in the order asked.
    pub answers: Vec<Answer>,
    /// When the person said their doctor or physical therapist has cleared
    /// them (after a yes), if they did.
    #[serde(default)]
    pub cleared_by_clinician_at: Option<LocalTimestamp>,
    /// The morning's neck and arm pain against yesterday morning's, when it
    /// was asked and answered (added later in version 2; absent in older
    /// lines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_with_yesterday: Option<MorningComparison>,
}

/// One answer of a daily check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Answer {
    /// The question's id ([`WarningSign::id`]); a newer version may ask
    /// questions this one does not know: they are kept and shown by id.
    pub question: String,
    /// Whether the person answered yes.
    pub yes: bool,
}

impl DailyCheckRecord {
    /// The record of `yes` out of the signs in [`WarningSign::ALL`],
    /// answered `at` for `date`.
    pub fn new(date: jiff::civil::Date, at: LocalTimestamp, yes: &[WarningSign]) -> Self {
        Self {
            v: RECORD_VERSION,
            kind: DailyCheckKind::DailyCheck,
            date,
            at,
            answers: WarningSign::ALL
                .iter()
                .map(|sign| Answer {
                    question: sign.id().to_owned(),
                    yes: yes.contains(sign),
                })
                .collect(),
            cleared_by_clinician_at: None,
            compared_with_yesterday: None,
        }
    }

    /// The known signs answered yes, in the order asked.
    pub fn yes_signs(&self) -> Vec<WarningSign> {
        self.answers
            .iter()
            .filter(|a| a.yes)
            .filter_map(|a| WarningSign::from_id(&a.question))
            .collect()
    }

    /// The ids of the questions answered yes (known or not).
    pub fn yes_ids(&self) -> Vec<&str> {
        self.answers
            .iter()
            .filter(|a| a.yes)
            .map(|a| a.question.as_str())
            .collect()
    }

    /// Whether any question was answered yes, known to this version or not.
    pub fn any_yes(&self) -> bool {
        self.answers.iter().any(|a| a.yes)
    }
}

/// The `kind` of a clearance line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClearanceKind {
    /// The person has talked to their physical therapist.
    #[default]
    Clearance,
}

/// The person confirms they have talked to their physical therapist about
/// an exercise held out after a pain stop: from then on it is offered again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClearanceRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Always `clearance`.
    pub kind: ClearanceKind,
    /// When the person confirmed it.
    pub at: LocalTimestamp,
    /// The id of the exercise that was held out.
    pub exercise: String,
    /// The id of the session whose pain stop held it out.
    pub pain_stop_session: String,
}

/// A date as `YYYY-MM-DD` text.
mod date_text {
    use std::borrow::Cow;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &jiff::civil::Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<jiff::civil::Date, D::Error> {
        let text = <Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(|_| {
            serde::de::Error::custom(format!("\"{text}\" is not a date like 2026-11-21"))
        })
    }
}

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
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"v":1,"id":"a1","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:14:32+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"completed","pain_before":3,"pain_after":2,"arm_symptoms":false,"note":"","exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false}]}"#;

    /// A version-2 session line as this code writes it.
    const V2: &str = r#"{"v":2,"kind":"session","id":"b2","started_at":"2026-11-25T09:00:00+01:00","ended_at":"2026-11-25T09:04:00+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"stopped_for_pain","pain_before":3,"pain_after":6,"arm_symptoms":false,"note":"","exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false,"reached":true},{"id":"supine-deep-neck-flexion","done":1,"prescribed":10,"skipped":false,"reached":true},{"id":"head-lifts","done":0,"prescribed":10,"skipped":false,"reached":false}],"pain_stop":{"exercise":"supine-deep-neck-flexion","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":3.4,"reason":"arm_symptoms","arm_symptoms_now":true}}"#;

    fn read(text: &str) -> SessionRecord {
        match serde_json::from_str(text) {
            Ok(r) => r,
            Err(err) => panic!("{err}: {text}"),
        }
    }

    #[test]
    fn a_version_1_line_reads_with_the_new_fields_unknown() {
        let record = read(EXAMPLE);
        assert_eq!(record.v, 1);
        assert_eq!(record.kind, SessionKind::Session);
        assert_eq!(record.outcome, Outcome::Completed);
        assert_eq!(record.pain_before.map(PainScore::get), Some(3));
        assert_eq!(record.pain_stop, None);
        assert_eq!(record.exercises.first().and_then(|e| e.reached), None);
        assert!(matches!(LogLine::parse(EXAMPLE), Ok(LogLine::Session(r)) if r == record));
    }

    #[test]
    fn a_version_2_line_round_trips_byte_for_byte() {
        let record = read(V2);
        let stop = record.pain_stop.clone();
        assert_eq!(
            stop.as_ref()
                .map(|s| (s.step, s.set, s.repetition, s.reason)),
            Some((StopStep::Hold, Some(1), Some(2), StopReason::ArmSymptoms))
        );
        assert_eq!(stop.map(|s| s.seconds_into_step.as_secs_f64()), Some(3.4));
        let reached: Vec<Option<bool>> = record.exercises.iter().map(|e| e.reached).collect();
        assert_eq!(reached, vec![Some(true), Some(true), Some(false)]);
        assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(V2));
    }

    /// [`V2`] with the answer after the stop as this code writes it now:
    /// where (`arm_now`), and the yes/no of older lines beside it.
    fn v2_with_arm_now() -> String {
        V2.replace(
            r#""arm_symptoms_now":true}"#,
            r#""arm_symptoms_now":true,"arm_now":"further_down"}"#,
        )
    }

    #[test]
    fn the_reason_is_arm_symptoms_when_they_go_further_down_or_are_new() {
        use ArmSymptoms::{FurtherDown, InArm, None as NoArm};
        let cases = [
            (Some(NoArm), NoArm, StopReason::Pain),
            (Some(NoArm), InArm, StopReason::ArmSymptoms),
            (Some(NoArm), FurtherDown, StopReason::ArmSymptoms),
            (Some(InArm), NoArm, StopReason::Pain),
            (Some(InArm), InArm, StopReason::Pain),
            (Some(InArm), FurtherDown, StopReason::ArmSymptoms),
            (Some(FurtherDown), NoArm, StopReason::Pain),
            (Some(FurtherDown), InArm, StopReason::Pain),
            (Some(FurtherDown), FurtherDown, StopReason::ArmSymptoms),
            // A check-in not known: only further down counts.
            (None, NoArm, StopReason::Pain),
            (None, InArm, StopReason::Pain),
            (None, FurtherDown, StopReason::ArmSymptoms),
        ];
        for (at_check_in, now, reason) in cases {
            assert_eq!(
                StopReason::after_stop(at_check_in, now),
                reason,
                "{at_check_in:?} then {now:?}"
            );
        }
    }

    #[test]
    fn the_answer_after_the_stop_sets_where_the_yes_no_and_the_reason() {
        let Some(stop) = read(V2).pain_stop else {
            panic!("no pain stop in {V2}");
        };
        let mut stop = *stop;
        stop.reason = StopReason::Pain;
        stop.arm_symptoms_now = None;
        let mut unanswered = stop.clone();
        unanswered.answer_arm_now(Some(ArmSymptoms::None), None);
        assert_eq!(unanswered, stop);
        assert_eq!(unanswered.any_arm_symptoms_now(), None);
        let mut none = stop.clone();
        none.answer_arm_now(Some(ArmSymptoms::InArm), Some(ArmSymptoms::None));
        assert_eq!(
            (none.arm_now, none.arm_symptoms_now, none.reason),
            (Some(ArmSymptoms::None), Some(false), StopReason::Pain)
        );
        let mut new = stop.clone();
        new.answer_arm_now(Some(ArmSymptoms::None), Some(ArmSymptoms::InArm));
        assert_eq!(
            (new.arm_now, new.arm_symptoms_now, new.reason),
            (
                Some(ArmSymptoms::InArm),
                Some(true),
                StopReason::ArmSymptoms
            )
        );
        let mut same = stop;
        same.answer_arm_now(Some(ArmSymptoms::InArm), Some(ArmSymptoms::InArm));
        assert_eq!(
            (same.arm_symptoms_now, same.reason),
            (Some(true), StopReason::Pain)
        );
    }

    #[test]
    fn an_old_line_with_only_the_yes_no_after_the_stop_reads() {
        let record = read(V2);
        let Some(stop) = record.pain_stop else {
            panic!("no pain stop in {V2}");
        };
        assert_eq!(stop.arm_now, None);
        assert_eq!(stop.arm_symptoms_now, Some(true));
        assert_eq!(stop.any_arm_symptoms_now(), Some(true));
        assert_eq!(stop.reason, StopReason::ArmSymptoms);
        let without = V2.replace(r#","arm_symptoms_now":true"#, "");
        let stop = read(&without).pain_stop;
        assert_eq!(
            stop.map(|s| (s.arm_now, s.any_arm_symptoms_now())),
            Some((None, None))
        );
    }

    #[test]
    fn where_arm_symptoms_are_after_the_stop_round_trips_with_the_yes_no_for_older_readers() {
        let line = v2_with_arm_now();
        let record = read(&line);
        let stop = record.pain_stop.as_deref();
        assert_eq!(
            stop.map(|s| (s.arm_now, s.arm_symptoms_now, s.any_arm_symptoms_now())),
            Some((Some(ArmSymptoms::FurtherDown), Some(true), Some(true)))
        );
        assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(&*line));
        assert!(matches!(LogLine::parse(&line), Ok(LogLine::Session(r)) if r == record));
        // A reader from before `arm_now` (unknown fields ignored) reads the
        // yes/no it knows.
        #[derive(Deserialize)]
        struct OlderStop {
            reason: StopReason,
            arm_symptoms_now: Option<bool>,
        }
        #[derive(Deserialize)]
        struct Older {
            pain_stop: OlderStop,
        }
        let older: Older = match serde_json::from_str(&line) {
            Ok(older) => older,
            Err(err) => panic!("an older reader fails on {line}: {err}"),
        };
        assert_eq!(older.pain_stop.arm_symptoms_now, Some(true));
        assert_eq!(older.pain_stop.reason, StopReason::ArmSymptoms);
    }

    #[test]
    fn version_2_only_adds_fields_a_version_1_reader_reads_it() {
        // The version-1 reader's type: the fields of version 1, unknown
        // fields ignored (serde's default, as version 1 read them).
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct V1Exercise {
            id: String,
            done: u32,
            prescribed: u32,
            #[serde(default)]
            skipped: bool,
        }
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct V1 {
            v: u32,
            id: String,
            started_at: LocalTimestamp,
            ended_at: LocalTimestamp,
            routine: RoutineRef,
            outcome: Outcome,
            #[serde(default)]
            pain_before: Option<PainScore>,
            #[serde(default)]
            pain_after: Option<PainScore>,
            #[serde(default)]
            arm_symptoms: bool,
            #[serde(default)]
            note: String,
            #[serde(default)]
            exercises: Vec<V1Exercise>,
        }
        let old: V1 = match serde_json::from_str(V2) {
            Ok(old) => old,
            Err(err) => panic!("a version-1 reader fails on version 2: {err}"),
        };
        assert_eq!(old.outcome, Outcome::StoppedForPain);
        assert_eq!(old.exercises.len(), 3);
        // Every field of version 1 is in version 2 with the same value.
        let v1: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_default();
        let v2: serde_json::Value = serde_json::from_str(V2).unwrap_or_default();
        for key in v1
            .as_object()
            .map(|o| o.keys().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            assert!(v2.get(key).is_some(), "version 2 lacks {key}");
        }
    }

    #[test]
    fn every_kind_of_line_is_told_apart() {
        let check = r#"{"v":2,"kind":"daily_check","date":"2026-11-25","at":"2026-11-25T08:59:00+01:00","answers":[{"question":"bladder_or_bowel","yes":false},{"question":"fever_chills_weight_loss","yes":true}],"cleared_by_clinician_at":null}"#;
        let Ok(LogLine::DailyCheck(daily)) = LogLine::parse(check) else {
            panic!("{:?}", LogLine::parse(check));
        };
        assert_eq!(daily.yes_signs(), vec![WarningSign::FeverChillsWeightLoss]);
        assert_eq!(
            serde_json::to_string(&LogLine::DailyCheck(daily))
                .ok()
                .as_deref(),
            Some(check)
        );
        let clearance = r#"{"v":2,"kind":"clearance","at":"2026-11-26T10:00:00+01:00","exercise":"head-lifts","pain_stop_session":"b2"}"#;
        assert!(
            matches!(LogLine::parse(clearance), Ok(LogLine::Clearance(c)) if c.exercise == "head-lifts")
        );
        assert!(matches!(LogLine::parse(V2), Ok(LogLine::Session(_))));
        let future = r#"{"v":3,"kind":"mood","at":"2026-11-26T10:00:00+01:00"}"#;
        let reason = LogLine::parse(future).err().unwrap_or_default();
        assert!(reason.contains("does not know (\"mood\")"), "{reason}");
    }

    #[test]
    fn unknown_questions_steps_and_reasons_are_kept_not_refused() {
        let check = r#"{"v":3,"kind":"daily_check","date":"2026-11-25","at":"2026-11-25T08:59:00+01:00","answers":[{"question":"dizziness","yes":true},{"question":"bladder_or_bowel","yes":false}]}"#;
        let Ok(LogLine::DailyCheck(daily)) = LogLine::parse(check) else {
            panic!("{:?}", LogLine::parse(check));
        };
        assert!(daily.yes_signs().is_empty());
        assert_eq!(daily.yes_ids(), vec!["dizziness"]);
        assert!(daily.any_yes());
        assert_eq!(daily.cleared_by_clinician_at, None);
        let newer = V2
            .replace("\"step\":\"hold\"", "\"step\":\"breathing\"")
            .replace("\"reason\":\"arm_symptoms\"", "\"reason\":\"dizzy\"");
        let stop = read(&newer).pain_stop;
        assert_eq!(
            stop.map(|s| (s.step, s.reason)),
            Some((StopStep::Other, StopReason::Other))
        );
    }

    #[test]
    fn bad_lines_say_what_is_wrong_in_words() {
        let reason = LogLine::parse("{\"v\":1,\"id\":").err().unwrap_or_default();
        assert_eq!(
            reason,
            "the text ends too soon: it is cut off, at line 1, column 12"
        );
        let reason = LogLine::parse(&EXAMPLE.replace("\"outcome\":\"completed\",", ""))
            .err()
            .unwrap_or_default();
        assert!(
            reason.starts_with("the field \"outcome\" is missing"),
            "{reason}"
        );
        let seconds = V2.replace("3.4", "-1");
        assert!(serde_json::from_str::<SessionRecord>(&seconds).is_err());
    }

    #[test]
    fn the_schema_describes_every_kind() {
        let schema = log_line_schema().to_string();
        for word in [
            "daily_check",
            "clearance",
            "session",
            "pain_stop",
            "reached",
            "set_rest",
            "arm_now",
            "further_down",
            "cleared_by_clinician_at",
            "date-time",
        ] {
            assert!(schema.contains(word), "{word} missing from the schema");
        }
        let schema = log_line_schema();
        assert_eq!(
            schema.get("anyOf").and_then(|a| a.as_array()).map(Vec::len),
            Some(3)
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

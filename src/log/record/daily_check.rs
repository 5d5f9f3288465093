//! The daily check line: the day's answers to the warning signs
//! ([`DailyCheckRecord`]), the clearance by a clinician after a yes, and
//! the morning against yesterday morning.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RECORD_VERSION;
use crate::checkin::{MorningComparison, WarningSign};
use crate::log::LocalTimestamp;
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

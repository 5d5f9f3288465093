//! The days a warning sign was answered yes, from the log's daily checks,
//! with when the person was cleared: History and the report list them, and
//! the doses hold a dose's rise on them (`doses`). Below both, so neither
//! imports the other for it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::checkin::WarningSign;
use crate::log::{DailyCheckRecord, LocalTimestamp};

/// A day a warning sign was answered yes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WarningSignDay {
    /// The date of the answers (`YYYY-MM-DD`).
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<Date>,
    /// The ids of the questions answered yes (ids this version does not
    /// know included).
    pub yes: Vec<String>,
    /// The signs answered yes, in the source's words (the id for a sign
    /// this version does not know).
    #[serde(skip)]
    pub yes_words: Vec<String>,
    /// When the person said their doctor or physical therapist cleared
    /// them, if they did.
    pub cleared_at: Option<LocalTimestamp>,
}

/// The days up to `today` with a yes to a warning sign, oldest first. For a
/// date, the answers of its last line count; the clearance is the first
/// given that day.
pub fn warning_sign_days(checks: &[DailyCheckRecord], today: Date) -> Vec<WarningSignDay> {
    let mut by_date: BTreeMap<Date, (&DailyCheckRecord, Option<LocalTimestamp>)> = BTreeMap::new();
    for check in checks.iter().filter(|c| c.date <= today) {
        let entry = by_date.entry(check.date).or_insert((check, None));
        entry.0 = check;
        if entry.1.is_none() {
            entry.1 = check.cleared_by_clinician_at;
        }
    }
    by_date
        .into_iter()
        .filter(|(_, (check, _))| check.any_yes())
        .map(|(date, (check, cleared_at))| {
            let yes: Vec<String> = check.yes_ids().into_iter().map(str::to_owned).collect();
            WarningSignDay {
                date: Some(date),
                yes_words: yes
                    .iter()
                    .map(|id| {
                        WarningSign::from_id(id)
                            .map_or_else(|| id.clone(), |s| s.source_words().to_owned())
                    })
                    .collect(),
                yes,
                cleared_at,
            }
        })
        .collect()
}

/// Serializes a date as `YYYY-MM-DD`, or null.
pub(crate) fn serialize_date<S: serde::Serializer>(
    date: &Option<Date>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => s.collect_str(date),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as day;

    #[test]
    fn warning_days_keep_the_last_answers_and_the_clearance() {
        let at = |t: &str| -> LocalTimestamp {
            match t.parse() {
                Ok(t) => t,
                Err(e) => panic!("{e}"),
            }
        };
        let d = day(2026, 11, 25);
        let first = DailyCheckRecord::new(
            d,
            at("2026-11-25T08:00:00+01:00"),
            &[WarningSign::BladderOrBowel],
        );
        let mut cleared = first.clone();
        cleared.cleared_by_clinician_at = Some(at("2026-11-25T15:00:00+01:00"));
        let calm = DailyCheckRecord::new(day(2026, 11, 26), at("2026-11-26T08:00:00+01:00"), &[]);
        let mut unknown = calm.clone();
        unknown.date = day(2026, 11, 27);
        unknown.answers.push(crate::log::Answer {
            question: "dizziness".into(),
            yes: true,
        });
        let days = warning_sign_days(&[first, cleared, calm, unknown.clone()], day(2026, 11, 27));
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].yes, vec!["bladder_or_bowel"]);
        assert_eq!(
            days[0].cleared_at.map(|t| t.to_string()).as_deref(),
            Some("2026-11-25T15:00:00+01:00")
        );
        assert_eq!(days[1].yes_words, vec!["dizziness"]);
        // A day after `today` is not shown.
        assert!(warning_sign_days(&[unknown], day(2026, 11, 26)).is_empty());
    }
}

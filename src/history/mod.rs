//! The progress history: every figure computed from the session records, and
//! the CSV and HTML exports. Pure: no file, clock or screen access. The
//! caller reads the log and passes plain data: the records, the number of
//! lines that could not be read, and "today".
//!
//! Definitions, the same everywhere (window, `neckguide history`, reports):
//!
//! - A session counts for the **local date of its `started_at`**, in the
//!   offset it was recorded with.
//! - Only records up to and including `today` are counted, so a report for a
//!   past date shows that date's view.
//! - **Prescribed** sessions of a day: the `times_per_day` of that day's
//!   latest record; a day with no record takes it from the latest record
//!   before it. Days before the first recorded day are not counted.
//! - **Adherence**: for each counted day, `completed` sessions capped at the
//!   day's prescribed number, summed, divided by the prescribed sessions
//!   summed, as a percentage rounded to one decimal (half away from zero).
//!   The 7- and 28-day figures use the last 7 or 28 days up to and including
//!   today, starting no earlier than the first recorded day. `None` when no
//!   day is counted (or nothing was prescribed).
//! - **Streak**: consecutive days ending today (or yesterday, when today has
//!   no completed session yet) each with at least one `completed` session.
//! - **Days active**: days with at least one record of any outcome.
//!
//! Compute a [`History`] once after loading and after each new session, not
//! on every frame.

mod calendar;
mod clinical;
mod csv;
mod days;
mod dose_changes;
mod exercises;
mod fhir;
pub mod measures;
mod pain;
mod report;
mod summary;

use jiff::civil::Date;

use crate::log::SessionRecord;

pub use crate::warning_signs::{WarningSignDay, warning_sign_days};
pub use calendar::{CALENDAR_WEEKS, CalendarDay, calendar};
pub use clinical::{ClinicalJson, PainStopDetail, pain_stop_details};
pub use csv::{clearances_csv, daily_checks_csv, measures_csv, to_csv};
pub use dose_changes::{DoseChangeRow, dose_change_rows, dose_now_words};
pub use exercises::{ExerciseCompletion, exercise_completion};
pub use fhir::{FHIR_VERSION, FhirBundle, FhirInput, fhir_bundle};
pub use measures::{Measure, MeasureSummary, MeasuresJson};
pub use pain::{
    DailyPain, PAIN_STOP_WARNING, PAIN_STOP_WARNING_DAYS, PainPoint, daily_pain, pain_series,
    pain_stop_warning, pain_trend_words,
};
pub use report::{
    Attention, AttentionInput, AttentionKind, Month, ReportInput, attention, report_html,
};
pub use summary::{Summary, SummaryFold, percent_text, summary};

/// Everything the History screen shows, computed in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The day the figures are computed for.
    pub today: Date,
    /// The counts, streak and adherence figures.
    pub summary: Summary,
    /// The last [`CALENDAR_WEEKS`] weeks, Monday first, ending today.
    pub calendar: Vec<CalendarDay>,
    /// Pain before/after per session, oldest first.
    pub pain_series: Vec<PainPoint>,
    /// Pain before/after averaged per day, oldest first.
    pub daily_pain: Vec<DailyPain>,
    /// Completion per exercise, in the order exercises first appeared.
    pub exercises: Vec<ExerciseCompletion>,
    /// Whether pain stopped sessions on [`PAIN_STOP_WARNING_DAYS`] or more of
    /// the last 7 days: show [`PAIN_STOP_WARNING`].
    pub pain_stop_warning: bool,
}

impl History {
    /// All figures for `records` as of `today`. `unreadable_lines` is the
    /// number of log lines that could not be read (shown in the summary).
    pub fn compute(records: &[SessionRecord], unreadable_lines: usize, today: Date) -> History {
        let upto = records_up_to(records, today);
        let upto: &[SessionRecord] = &upto;
        let days = days::Days::build(upto, today);
        let series = pain_series(upto);
        let mut summary = summary::summary_from(upto, today, &days);
        summary.unreadable_lines = unreadable_lines;
        History {
            today,
            summary,
            calendar: calendar::calendar_from(&days, today),
            daily_pain: daily_pain(&series),
            pain_series: series,
            exercises: exercise_completion(upto),
            pain_stop_warning: pain_stop_warning(upto, today),
        }
    }
}

/// The records whose day is not after `today` (borrowed when that is all of
/// them, the usual case).
pub(crate) fn records_up_to(
    records: &[SessionRecord],
    today: Date,
) -> std::borrow::Cow<'_, [SessionRecord]> {
    let counts = |r: &SessionRecord| r.started_at.date() <= today;
    if records.iter().all(counts) {
        std::borrow::Cow::Borrowed(records)
    } else {
        std::borrow::Cow::Owned(records.iter().filter(|r| counts(r)).cloned().collect())
    }
}

/// Rounds a percentage to one decimal, half away from zero.
pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// `part` of `whole` as a percentage with one decimal, `None` when `whole` is 0.
pub(crate) fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round1(part as f64 * 100.0 / whole as f64))
}

/// What is said of `n` log lines that are sessions whose id an earlier
/// line has, with other contents (counted among the unreadable lines; only
/// the first line with an id counts).
pub fn differing_copies_words(n: usize) -> String {
    format!(
        "{n} of them {} a session id an earlier line has, with other contents: only the first line with an id is counted. Keep the right one and delete the other to count it.",
        if n == 1 { "repeats" } else { "repeat" }
    )
}

pub(crate) use crate::plural::plural;

#[cfg(test)]
pub(crate) mod test_support {
    //! Hand-built records for the unit tests.

    use crate::log::{ExerciseResult, Outcome, PainScore, RoutineRef, SessionRecord};

    /// A record starting at `started_at` (RFC 3339) lasting ten minutes.
    pub fn rec(started_at: &str, outcome: Outcome, times_per_day: u32) -> SessionRecord {
        let start: crate::log::LocalTimestamp = match started_at.parse() {
            Ok(t) => t,
            Err(err) => panic!("{err}"),
        };
        let end = crate::log::LocalTimestamp::new(
            start
                .timestamp()
                .checked_add(jiff::SignedDuration::from_mins(10))
                .unwrap_or(start.timestamp()),
            start.offset(),
        );
        SessionRecord {
            v: 1,
            kind: Default::default(),
            id: format!("{started_at}-{}", outcome.as_str()),
            started_at: start,
            ended_at: end,
            routine: RoutineRef {
                id: "daily".into(),
                name: "Daily neck routine".into(),
                times_per_day,
            },
            outcome,
            pain_before: PainScore::new(4),
            pain_after: PainScore::new(3),
            arm_symptoms: false,
            arm: None,
            note: String::new(),
            exercises: vec![ExerciseResult {
                id: "chin-tuck".into(),
                done: 10,
                prescribed: 10,
                skipped: false,
                reached: Some(true),
                dose: None,
            }],
            pain_stop: None,
        }
    }

    /// Makes `record` a session stopped for pain in the second repetition
    /// of the first set of `exercise`'s hold.
    pub fn stop_in(record: &mut SessionRecord, exercise: &str) {
        use crate::log::{PainStop, Seconds, StopReason, StopStep};
        record.outcome = Outcome::StoppedForPain;
        record.pain_stop = Some(Box::new(PainStop {
            exercise: exercise.into(),
            step: StopStep::Hold,
            set: Some(1),
            repetition: Some(2),
            direction: None,
            seconds_into_step: Seconds::default(),
            reason: StopReason::Pain,
            arm_symptoms_now: None,
            arm_now: None,
        }));
    }

    /// An exercise `id` done in full: `reps` of `reps`, its goal reached.
    pub fn done_in_full(id: &str, reps: u32) -> ExerciseResult {
        ExerciseResult {
            id: id.into(),
            done: reps,
            prescribed: reps,
            skipped: false,
            reached: Some(true),
            dose: None,
        }
    }

    /// A date from its parts.
    pub fn day(y: i16, m: i8, d: i8) -> jiff::civil::Date {
        jiff::civil::date(y, m, d)
    }
}

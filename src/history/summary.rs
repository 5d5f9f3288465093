//! [`Summary`]: the figures `neckguide history` prints.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use super::days::{Days, DaysFold};
use super::plural;
use crate::log::{Outcome, SessionRecord};

/// The headline figures of the history, as of one day. Serializes to the
/// object `neckguide history --json` prints, with these field names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Sessions recorded (any outcome).
    pub sessions: usize,
    /// Sessions completed.
    pub completed: usize,
    /// Sessions ended early.
    pub ended_early: usize,
    /// Sessions stopped for pain.
    pub stopped_for_pain: usize,
    /// Sessions interrupted (the app was closed or died).
    pub interrupted: usize,
    /// Days with at least one session.
    pub days_active: usize,
    /// Consecutive days with a completed session, ending today (or yesterday).
    pub current_streak_days: u32,
    /// Adherence over the last 7 days including today, in percent.
    pub adherence_percent_7d: Option<f64>,
    /// Adherence over the last 28 days including today, in percent.
    pub adherence_percent_28d: Option<f64>,
    /// Adherence since the first recorded day, in percent.
    pub adherence_percent_all: Option<f64>,
    /// The first day with a session (`YYYY-MM-DD`).
    #[serde(serialize_with = "serialize_date")]
    pub first_day: Option<Date>,
    /// The last day with a session (`YYYY-MM-DD`).
    #[serde(serialize_with = "serialize_date")]
    pub last_day: Option<Date>,
    /// Lines of the log that could not be read (filled in by the caller, who
    /// read the log).
    pub unreadable_lines: usize,
}

pub(crate) use crate::warning_signs::serialize_date;

/// The summary of the records whose day is not after `today`.
/// `unreadable_lines` is 0; the caller sets it.
pub fn summary(records: &[SessionRecord], today: Date) -> Summary {
    let days = Days::build(records, today);
    summary_from(records, today, &days)
}

pub(crate) fn summary_from(records: &[SessionRecord], today: Date, days: &Days) -> Summary {
    let mut counts = Counts::default();
    for record in records {
        counts.add(record, today);
    }
    counts.summary(days)
}

/// [`summary`] gathered one record at a time, for a reader that keeps no
/// records (`neckguide history`): the same figures, from the same counting.
pub struct SummaryFold {
    today: Date,
    days: DaysFold,
    counts: Counts,
}

impl SummaryFold {
    /// An empty summary as of `today`.
    pub fn new(today: Date) -> Self {
        SummaryFold {
            today,
            days: DaysFold::default(),
            counts: Counts::default(),
        }
    }

    /// Counts `record` (not if its day is after `today`).
    pub fn add(&mut self, record: &SessionRecord) {
        self.days.add(record, self.today);
        self.counts.add(record, self.today);
    }

    /// The summary of the records added. `unreadable_lines` is 0.
    pub fn finish(self) -> Summary {
        self.counts.summary(&self.days.finish(self.today))
    }
}

/// Sessions by outcome.
#[derive(Default)]
struct Counts {
    sessions: usize,
    completed: usize,
    ended_early: usize,
    stopped_for_pain: usize,
    interrupted: usize,
}

impl Counts {
    fn add(&mut self, record: &SessionRecord, today: Date) {
        if record.started_at.date() > today {
            return;
        }
        self.sessions += 1;
        match record.outcome {
            Outcome::Completed => self.completed += 1,
            Outcome::EndedEarly => self.ended_early += 1,
            Outcome::StoppedForPain => self.stopped_for_pain += 1,
            Outcome::Interrupted => self.interrupted += 1,
        }
    }

    fn summary(self, days: &Days) -> Summary {
        Summary {
            sessions: self.sessions,
            completed: self.completed,
            ended_early: self.ended_early,
            stopped_for_pain: self.stopped_for_pain,
            interrupted: self.interrupted,
            days_active: days.days_active(),
            current_streak_days: days.streak(),
            adherence_percent_7d: days.adherence(Some(7)),
            adherence_percent_28d: days.adherence(Some(28)),
            adherence_percent_all: days.adherence(None),
            first_day: days.first_day(),
            last_day: days.last_day(),
            unreadable_lines: 0,
        }
    }
}

/// Formats a percentage figure, or "–" when there is none.
pub fn percent_text(value: Option<f64>) -> String {
    match value {
        Some(value) => format!("{value:.1}%"),
        None => "–".to_owned(),
    }
}

/// A short summary for people, a few lines long.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Some(first), Some(last)) = (self.first_day, self.last_day) else {
            writeln!(f, "No sessions recorded yet.")?;
            return self.fmt_unreadable(f);
        };
        writeln!(
            f,
            "Sessions: {} ({} completed, {} ended early, {} stopped for pain, {} interrupted)",
            self.sessions,
            self.completed,
            self.ended_early,
            self.stopped_for_pain,
            self.interrupted
        )?;
        writeln!(
            f,
            "Active on {} from {first} to {last}",
            plural(self.days_active as u64, "day", "days")
        )?;
        writeln!(
            f,
            "Current streak: {}",
            plural(self.current_streak_days, "day", "days")
        )?;
        writeln!(
            f,
            "Adherence: last 7 days {}, last 28 days {}, overall {}",
            percent_text(self.adherence_percent_7d),
            percent_text(self.adherence_percent_28d),
            percent_text(self.adherence_percent_all)
        )?;
        self.fmt_unreadable(f)
    }
}

impl Summary {
    fn fmt_unreadable(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.unreadable_lines > 0 {
            writeln!(
                f,
                "{} of the log could not be read and {} left out",
                plural(self.unreadable_lines as u64, "line", "lines"),
                if self.unreadable_lines == 1 {
                    "was"
                } else {
                    "were"
                }
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, rec};
    use crate::log::Outcome::{Completed, EndedEarly, Interrupted, StoppedForPain};

    #[test]
    fn empty_log() {
        let s = summary(&[], day(2026, 11, 21));
        assert_eq!(s.sessions, 0);
        assert_eq!(s.current_streak_days, 0);
        assert_eq!(s.adherence_percent_all, None);
        assert_eq!(s.first_day, None);
        let json = serde_json::to_string(&s).unwrap_or_default();
        assert!(json.contains("\"first_day\":null"), "{json}");
        assert!(s.to_string().starts_with("No sessions recorded yet."));
    }

    #[test]
    fn the_fold_gives_the_summary_of_the_slice() {
        let records = vec![
            rec("2026-10-28T09:00:00+01:00", EndedEarly, 3),
            rec("2026-10-29T09:00:00+01:00", Completed, 3),
            rec("2026-10-29T13:00:00+01:00", StoppedForPain, 3),
            rec("2026-10-31T21:00:00+01:00", Interrupted, 2),
            rec("2026-11-01T09:00:00+01:00", Completed, 2),
            rec("2026-11-01T08:00:00+01:00", Completed, 1),
            rec("2026-11-09T09:00:00+01:00", Completed, 2),
        ];
        for today in [
            day(2026, 10, 27),
            day(2026, 11, 1),
            day(2026, 11, 3),
            day(2026, 11, 30),
        ] {
            let mut fold = SummaryFold::new(today);
            for record in &records {
                fold.add(record);
            }
            assert_eq!(fold.finish(), summary(&records, today), "as of {today}");
        }
    }

    #[test]
    fn streak_across_a_month_end_with_today_not_done_yet() {
        // Completed every day from Oct 29 to Nov 2; nothing yet on Nov 3.
        let records = vec![
            rec("2026-10-28T09:00:00+01:00", EndedEarly, 1),
            rec("2026-10-29T09:00:00+01:00", Completed, 1),
            rec("2026-10-30T09:00:00+01:00", Completed, 1),
            rec("2026-10-31T21:00:00+01:00", Completed, 1),
            rec("2026-11-01T09:00:00+01:00", Completed, 1),
            rec("2026-11-02T09:00:00+01:00", Completed, 1),
        ];
        let s = summary(&records, day(2026, 11, 3));
        assert_eq!(s.current_streak_days, 5);
        // Today done too: streak 6.
        let mut more = records.clone();
        more.push(rec("2026-11-03T08:00:00+01:00", Completed, 1));
        assert_eq!(summary(&more, day(2026, 11, 3)).current_streak_days, 6);
        // Two days later with nothing since: broken.
        assert_eq!(summary(&records, day(2026, 11, 4)).current_streak_days, 0);
    }

    #[test]
    fn dst_change_counts_local_dates_in_their_own_offset() {
        // Europe/Berlin leaves summer time on 2026-10-25 03:00 (+02:00 -> +01:00).
        // 00:30+02:00 on Oct 25 is Oct 24 22:30 UTC, but counts for Oct 25.
        let records = vec![
            rec("2026-10-24T23:30:00+02:00", Completed, 1),
            rec("2026-10-25T00:30:00+02:00", Completed, 1),
            rec("2026-10-26T00:10:00+01:00", Completed, 1),
        ];
        let s = summary(&records, day(2026, 10, 26));
        assert_eq!(s.days_active, 3);
        assert_eq!(s.current_streak_days, 3);
        assert_eq!(s.adherence_percent_all, Some(100.0));
        assert_eq!(s.first_day, Some(day(2026, 10, 24)));
        assert_eq!(s.last_day, Some(day(2026, 10, 26)));
    }

    #[test]
    fn more_sessions_than_prescribed_are_capped_per_day() {
        // Day 1: 5 completed of 3 prescribed (counts 3); day 2: 1 of 3.
        let mut records: Vec<_> = (0..5)
            .map(|h| rec(&format!("2026-11-20T1{h}:00:00+01:00"), Completed, 3))
            .collect();
        records.push(rec("2026-11-21T09:00:00+01:00", Completed, 3));
        let s = summary(&records, day(2026, 11, 21));
        assert_eq!(s.completed, 6);
        // (3 + 1) / (3 + 3) = 66.666… -> 66.7
        assert_eq!(s.adherence_percent_all, Some(66.7));
        assert_eq!(s.adherence_percent_7d, Some(66.7));
    }

    #[test]
    fn days_without_sessions_use_the_latest_prescription_before_them() {
        let records = vec![
            rec("2026-11-01T09:00:00+01:00", Completed, 2),
            rec("2026-11-01T10:00:00+01:00", Completed, 2),
            // Nov 2-4: nothing (3 days x 2 prescribed).
            rec("2026-11-05T09:00:00+01:00", Interrupted, 1),
            rec("2026-11-05T08:00:00+01:00", Completed, 3),
        ];
        // Nov 5's latest record (09:00) prescribes 1, so Nov 5 = 1 of 1.
        // Nov 6 has no record: 1 prescribed, 0 done.
        let s = summary(&records, day(2026, 11, 6));
        // (2 + 0 + 0 + 0 + 1 + 0) / (2 + 2 + 2 + 2 + 1 + 1) = 3/10
        assert_eq!(s.adherence_percent_all, Some(30.0));
        assert_eq!(s.days_active, 2);
        assert_eq!(s.current_streak_days, 1, "Nov 5 counts; Nov 6 not done yet");
        assert_eq!(s.interrupted, 1);
    }

    #[test]
    fn windows_start_no_earlier_than_the_first_day_and_include_today() {
        // First day Nov 18, today Nov 21: 7d window is Nov 18..21 (4 days).
        let records = vec![
            rec("2026-11-18T09:00:00+01:00", Completed, 1),
            rec("2026-11-21T09:00:00+01:00", Completed, 1),
        ];
        let s = summary(&records, day(2026, 11, 21));
        assert_eq!(s.adherence_percent_7d, Some(50.0));
        assert_eq!(s.adherence_percent_28d, Some(50.0));
        // 40 days later nothing more: 7d is 0%, 28d 0%, all 2/44.
        let later = summary(&records, day(2026, 12, 31));
        assert_eq!(later.adherence_percent_7d, Some(0.0));
        assert_eq!(later.adherence_percent_28d, Some(0.0));
        assert_eq!(later.adherence_percent_all, Some(4.5));
    }

    #[test]
    fn records_after_today_are_not_counted() {
        let records = vec![
            rec("2026-11-01T09:00:00+01:00", Completed, 1),
            rec("2026-11-10T09:00:00+01:00", StoppedForPain, 1),
        ];
        let s = summary(&records, day(2026, 11, 5));
        assert_eq!(s.sessions, 1);
        assert_eq!(s.stopped_for_pain, 0);
        assert_eq!(s.last_day, Some(day(2026, 11, 1)));
    }

    #[test]
    fn json_has_exactly_the_documented_fields() {
        let records = vec![rec("2026-11-21T09:00:00+01:00", Completed, 3)];
        let value = serde_json::to_value(summary(&records, day(2026, 11, 21)))
            .unwrap_or(serde_json::Value::Null);
        let keys: Vec<&str> = value
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut expected = vec![
            "sessions",
            "completed",
            "ended_early",
            "stopped_for_pain",
            "interrupted",
            "days_active",
            "current_streak_days",
            "adherence_percent_7d",
            "adherence_percent_28d",
            "adherence_percent_all",
            "first_day",
            "last_day",
            "unreadable_lines",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(
            value.get("first_day"),
            Some(&serde_json::json!("2026-11-21"))
        );
        assert_eq!(
            value.get("adherence_percent_all"),
            Some(&serde_json::json!(33.3))
        );
    }
}

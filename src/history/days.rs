//! The day table every figure is computed from: one row per day from the
//! first recorded day to today.

use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::percent;
use crate::log::{Outcome, SessionRecord};

/// One day of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayRow {
    /// The local date.
    pub date: Date,
    /// `completed` sessions that day (not capped).
    pub completed: u32,
    /// Sessions of any outcome that day.
    pub sessions: u32,
    /// Sessions stopped for pain that day.
    pub pain_stops: u32,
    /// Sessions prescribed that day.
    pub prescribed: u32,
}

impl DayRow {
    /// Completed sessions capped at the prescribed number.
    pub fn done_capped(&self) -> u32 {
        self.completed.min(self.prescribed)
    }
}

/// The rows from the first recorded day to today, in date order, with no gaps.
#[derive(Debug, Clone, Default)]
pub(crate) struct Days {
    rows: Vec<DayRow>,
}

#[derive(Default)]
struct DayAcc {
    completed: u32,
    sessions: u32,
    pain_stops: u32,
    latest: Option<(Timestamp, u32)>,
}

/// The day table gathered one record at a time ([`Days::build`] over a
/// slice, [`super::SummaryFold`] over a stream).
#[derive(Default)]
pub(crate) struct DaysFold {
    by_day: BTreeMap<Date, DayAcc>,
}

impl DaysFold {
    /// Counts `record` unless its day is after `today`.
    pub fn add(&mut self, record: &SessionRecord, today: Date) {
        let date = record.started_at.date();
        if date > today {
            return;
        }
        let acc = self.by_day.entry(date).or_default();
        acc.sessions += 1;
        match record.outcome {
            Outcome::Completed => acc.completed += 1,
            Outcome::StoppedForPain => acc.pain_stops += 1,
            Outcome::EndedEarly | Outcome::Interrupted => {}
        }
        let at = record.started_at.timestamp();
        // The latest record of the day sets its prescription; on a tie the
        // later line wins.
        if acc.latest.is_none_or(|(latest, _)| at >= latest) {
            acc.latest = Some((at, record.routine.times_per_day));
        }
    }

    /// The table, from the first day counted to `today`.
    pub fn finish(self, today: Date) -> Days {
        let by_day = self.by_day;
        let Some(&first) = by_day.keys().next() else {
            return Days::default();
        };
        let mut rows = Vec::new();
        let mut prescribed = 0;
        let mut date = first;
        while date <= today {
            let row = match by_day.get(&date) {
                Some(acc) => {
                    if let Some((_, tpd)) = acc.latest {
                        prescribed = tpd;
                    }
                    DayRow {
                        date,
                        completed: acc.completed,
                        sessions: acc.sessions,
                        pain_stops: acc.pain_stops,
                        prescribed,
                    }
                }
                None => DayRow {
                    date,
                    completed: 0,
                    sessions: 0,
                    pain_stops: 0,
                    prescribed,
                },
            };
            rows.push(row);
            match date.tomorrow() {
                Ok(next) => date = next,
                Err(_) => break,
            }
        }
        Days { rows }
    }
}

impl Days {
    /// The table for the records whose day is not after `today`.
    pub fn build(records: &[SessionRecord], today: Date) -> Days {
        let mut fold = DaysFold::default();
        for record in records {
            fold.add(record, today);
        }
        fold.finish(today)
    }

    /// Every day of the table, oldest first.
    pub fn rows(&self) -> &[DayRow] {
        &self.rows
    }

    /// The first recorded day, if any.
    pub fn first_day(&self) -> Option<Date> {
        self.rows.first().map(|row| row.date)
    }

    /// The row of `date`, if it is within the table.
    pub fn get(&self, date: Date) -> Option<&DayRow> {
        let first = self.first_day()?;
        let offset = date.duration_since(first).as_hours().checked_div(24)?;
        let row = self.rows.get(usize::try_from(offset).ok()?)?;
        (row.date == date).then_some(row)
    }

    /// Adherence over the last `days` days (all days when `None`), as a
    /// percentage with one decimal.
    pub fn adherence(&self, days: Option<usize>) -> Option<f64> {
        let take = days.unwrap_or(self.rows.len());
        let (done, prescribed) =
            self.rows
                .iter()
                .rev()
                .take(take)
                .fold((0u64, 0u64), |(done, prescribed), row| {
                    (
                        done + u64::from(row.done_capped()),
                        prescribed + u64::from(row.prescribed),
                    )
                });
        percent(done, prescribed)
    }

    /// Consecutive days with a completed session, ending today, or yesterday
    /// when today has none yet.
    pub fn streak(&self) -> u32 {
        let mut rows = self.rows.iter().rev().peekable();
        if rows.peek().is_some_and(|today| today.completed == 0) {
            rows.next();
        }
        let mut streak = 0;
        for row in rows {
            if row.completed == 0 {
                break;
            }
            streak += 1;
        }
        streak
    }

    /// Days with at least one record.
    pub fn days_active(&self) -> usize {
        self.rows.iter().filter(|row| row.sessions > 0).count()
    }

    /// The last day with a record.
    pub fn last_day(&self) -> Option<Date> {
        self.rows
            .iter()
            .rev()
            .find(|row| row.sessions > 0)
            .map(|row| row.date)
    }
}

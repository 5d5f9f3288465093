//! The calendar of the last weeks: per day, sessions done against prescribed.

use jiff::civil::Date;

use super::days::Days;
use crate::log::SessionRecord;

/// How many weeks the calendar shows.
pub const CALENDAR_WEEKS: usize = 12;

/// One day of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDay {
    /// The local date.
    pub date: Date,
    /// `completed` sessions that day (not capped).
    pub completed: u32,
    /// Sessions of any outcome that day.
    pub sessions: u32,
    /// Sessions stopped for pain that day.
    pub pain_stops: u32,
    /// Sessions prescribed that day; `None` before the first recorded day.
    pub prescribed: Option<u32>,
}

impl CalendarDay {
    /// The share of the prescription done, 0.0–1.0 (completed sessions
    /// capped at the prescribed number); `None` when nothing was prescribed.
    /// Use it for the cell colour.
    pub fn fraction_done(&self) -> Option<f64> {
        let prescribed = self.prescribed.filter(|&p| p > 0)?;
        Some(f64::from(self.completed.min(prescribed)) / f64::from(prescribed))
    }
}

/// The days from the Monday [`CALENDAR_WEEKS`]` - 1` weeks before this week's
/// Monday up to and including `today`, oldest first: whole weeks in columns,
/// the current week cut at today.
pub fn calendar(records: &[SessionRecord], today: Date) -> Vec<CalendarDay> {
    calendar_from(&Days::build(records, today), today)
}

pub(crate) fn calendar_from(days: &Days, today: Date) -> Vec<CalendarDay> {
    let back = i64::from(today.weekday().to_monday_zero_offset()) + 7 * (CALENDAR_WEEKS as i64 - 1);
    let mut date = today
        .checked_sub(jiff::Span::new().days(back))
        .unwrap_or(today);
    let mut out = Vec::with_capacity(CALENDAR_WEEKS * 7);
    while date <= today {
        let day = match days.get(date) {
            Some(row) => CalendarDay {
                date,
                completed: row.completed,
                sessions: row.sessions,
                pain_stops: row.pain_stops,
                prescribed: Some(row.prescribed),
            },
            None => CalendarDay {
                date,
                completed: 0,
                sessions: 0,
                pain_stops: 0,
                prescribed: None,
            },
        };
        out.push(day);
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, rec};
    use crate::log::Outcome::{Completed, StoppedForPain};

    #[test]
    fn starts_on_a_monday_and_ends_today() {
        // 2026-11-21 is a Saturday.
        let cal = calendar(&[], day(2026, 11, 21));
        assert_eq!(cal.len(), 11 * 7 + 6);
        assert_eq!(
            cal.first().map(|d| d.date.weekday()),
            Some(jiff::civil::Weekday::Monday)
        );
        assert_eq!(cal.last().map(|d| d.date), Some(day(2026, 11, 21)));
        assert!(cal.iter().all(|d| d.prescribed.is_none()));
    }

    #[test]
    fn days_carry_counts_and_prescription() {
        let records = vec![
            rec("2026-11-19T09:00:00+01:00", Completed, 2),
            rec("2026-11-19T18:00:00+01:00", StoppedForPain, 2),
        ];
        let cal = calendar(&records, day(2026, 11, 21));
        let find = |d| cal.iter().find(|c| c.date == d).copied();
        let nov19 = find(day(2026, 11, 19));
        assert_eq!(
            nov19.map(|d| (d.completed, d.sessions, d.pain_stops)),
            Some((1, 2, 1))
        );
        assert_eq!(nov19.and_then(|d| d.fraction_done()), Some(0.5));
        assert_eq!(find(day(2026, 11, 20)).and_then(|d| d.prescribed), Some(2));
        assert_eq!(find(day(2026, 11, 18)).and_then(|d| d.prescribed), None);
    }
}

//! Pain over time, the sessions stopped for pain, and the warning to talk to
//! the therapist.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::log::{LocalTimestamp, Outcome, SessionRecord};

/// Pain-stopped sessions on this many different days of the last 7 raise the
/// warning.
pub const PAIN_STOP_WARNING_DAYS: usize = 2;

/// The message shown when [`pain_stop_warning`] is true.
pub const PAIN_STOP_WARNING: &str = "You stopped a session because of pain on 2 or more of the \
last 7 days. Please talk to your physical therapist before you go on with these exercises.";

/// Pain before and after one session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PainPoint {
    /// When the session started (plot it at `at.timestamp().as_second()`).
    pub at: LocalTimestamp,
    /// The local date of the session.
    pub date: Date,
    /// Pain 0–10 before the session, if answered.
    pub before: Option<u8>,
    /// Pain 0–10 after the session, if answered.
    pub after: Option<u8>,
    /// How the session ended.
    pub outcome: Outcome,
}

/// The average pain ratings of one day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyPain {
    /// The local date.
    pub date: Date,
    /// Average pain before the day's sessions, if any was rated.
    pub before: Option<f64>,
    /// Average pain after the day's sessions, if any was rated.
    pub after: Option<f64>,
}

/// Pain before/after averaged per day, oldest first: a readable trend even
/// with several sessions a day over years. Takes [`pain_series`]'s output.
pub fn daily_pain(series: &[PainPoint]) -> Vec<DailyPain> {
    let mut by_day: std::collections::BTreeMap<Date, [(u32, u32); 2]> = Default::default();
    for point in series {
        let sums = by_day.entry(point.date).or_default();
        for (slot, value) in sums.iter_mut().zip([point.before, point.after]) {
            if let Some(v) = value {
                slot.0 += u32::from(v);
                slot.1 += 1;
            }
        }
    }
    let average = |(sum, n): (u32, u32)| (n > 0).then(|| f64::from(sum) / f64::from(n));
    by_day
        .into_iter()
        .map(|(date, [before, after])| DailyPain {
            date,
            before: average(before),
            after: average(after),
        })
        .collect()
}

/// Pain before/after of every session with at least one rating, oldest first.
pub fn pain_series(records: &[SessionRecord]) -> Vec<PainPoint> {
    let mut points: Vec<PainPoint> = records
        .iter()
        .filter(|r| r.pain_before.is_some() || r.pain_after.is_some())
        .map(|r| PainPoint {
            at: r.started_at,
            date: r.started_at.date(),
            before: r.pain_before.map(|p| p.get()),
            after: r.pain_after.map(|p| p.get()),
            outcome: r.outcome,
        })
        .collect();
    points.sort_by_key(|p| p.at.timestamp());
    points
}

/// Whether sessions were stopped for pain on [`PAIN_STOP_WARNING_DAYS`] or
/// more different days of the 7 days ending with `today`.
pub fn pain_stop_warning(records: &[SessionRecord], today: Date) -> bool {
    let start = today
        .checked_sub(jiff::Span::new().days(6))
        .unwrap_or(today);
    let days: BTreeSet<Date> = records
        .iter()
        .filter(|r| r.outcome == Outcome::StoppedForPain)
        .map(|r| r.started_at.date())
        .filter(|d| (start..=today).contains(d))
        .collect();
    days.len() >= PAIN_STOP_WARNING_DAYS
}

/// The pain chart in words, for those who cannot see it: how many days,
/// and for pain before and after, the first and latest daily average and
/// the range ("Pain before: 6 on 2026-11-01, 3 on 2026-11-25; from 2 to 7").
pub fn pain_trend_words(daily: &[DailyPain]) -> String {
    let (Some(first), Some(last)) = (daily.first(), daily.last()) else {
        return "No pain ratings yet.".to_owned();
    };
    let days = daily.len();
    let mut words = if days == 1 {
        format!("Pain ratings on 1 day, {}.", first.date)
    } else {
        format!(
            "Pain ratings on {days} days, from {} to {}.",
            first.date, last.date
        )
    };
    for (name, pick) in [
        (
            "before",
            (|p: &DailyPain| p.before) as fn(&DailyPain) -> Option<f64>,
        ),
        ("after", |p: &DailyPain| p.after),
    ] {
        let rated: Vec<(Date, f64)> = daily
            .iter()
            .filter_map(|p| pick(p).map(|v| (p.date, v)))
            .collect();
        let (Some(&(d0, v0)), Some(&(d1, v1))) = (rated.first(), rated.last()) else {
            words.push_str(&format!(" Pain {name}: not rated."));
            continue;
        };
        if rated.len() == 1 {
            words.push_str(&format!(" Pain {name}: {} on {d0}.", rating(v0)));
            continue;
        }
        let low = rated.iter().map(|r| r.1).fold(f64::INFINITY, f64::min);
        let high = rated.iter().map(|r| r.1).fold(f64::NEG_INFINITY, f64::max);
        words.push_str(&format!(
            " Pain {name}: {} on {d0}, {} on {d1}; lowest {}, highest {}.",
            rating(v0),
            rating(v1),
            rating(low),
            rating(high)
        ));
    }
    words
}

/// A daily average as said aloud: "4", "4.5" (one decimal, none when whole).
fn rating(value: f64) -> String {
    let tenths = (value * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}")
    } else {
        format!("{tenths:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, rec};
    use crate::log::Outcome::{Completed, StoppedForPain};

    #[test]
    fn warning_needs_two_different_days_within_the_last_seven() {
        let today = day(2026, 11, 21);
        let same_day = vec![
            rec("2026-11-20T09:00:00+01:00", StoppedForPain, 2),
            rec("2026-11-20T18:00:00+01:00", StoppedForPain, 2),
        ];
        assert!(!pain_stop_warning(&same_day, today));
        let two_days = vec![
            rec("2026-11-15T09:00:00+01:00", StoppedForPain, 2),
            rec("2026-11-21T09:00:00+01:00", StoppedForPain, 2),
        ];
        assert!(pain_stop_warning(&two_days, today));
        // Nov 14 is 8 days back: out of the window.
        let too_old = vec![
            rec("2026-11-14T09:00:00+01:00", StoppedForPain, 2),
            rec("2026-11-21T09:00:00+01:00", StoppedForPain, 2),
        ];
        assert!(!pain_stop_warning(&too_old, today));
    }

    #[test]
    fn series_and_stops_are_sorted_oldest_first() {
        let mut late = rec("2026-11-21T09:00:00+01:00", StoppedForPain, 2);
        late.pain_after = None;
        late.note = "sharp pain in the left arm".into();
        let mut unrated = rec("2026-11-20T09:00:00+01:00", Completed, 2);
        unrated.pain_before = None;
        unrated.pain_after = None;
        let early = rec("2026-11-19T09:00:00+01:00", Completed, 2);
        let records = vec![late, unrated, early];
        let series = pain_series(&records);
        let dates: Vec<Date> = series.iter().map(|p| p.date).collect();
        assert_eq!(dates, vec![day(2026, 11, 19), day(2026, 11, 21)]);
        assert_eq!(
            series.last().map(|p| (p.before, p.after)),
            Some((Some(4), None))
        );
        let daily = daily_pain(&series);
        assert_eq!(daily.len(), 2);
        assert_eq!(
            daily.last().map(|d| (d.before, d.after)),
            Some((Some(4.0), None))
        );
    }

    #[test]
    fn the_chart_in_words_gives_the_first_latest_and_range_of_each_series() {
        let day = |d: i8, before: Option<f64>, after: Option<f64>| DailyPain {
            date: jiff::civil::date(2026, 11, d),
            before,
            after,
        };
        assert_eq!(pain_trend_words(&[]), "No pain ratings yet.");
        assert_eq!(
            pain_trend_words(&[day(25, Some(4.0), None)]),
            "Pain ratings on 1 day, 2026-11-25. Pain before: 4 on 2026-11-25. \
             Pain after: not rated."
        );
        assert_eq!(
            pain_trend_words(&[
                day(1, Some(6.0), Some(5.5)),
                day(2, Some(7.25), None),
                day(25, Some(3.0), Some(2.0)),
            ]),
            "Pain ratings on 3 days, from 2026-11-01 to 2026-11-25. \
             Pain before: 6 on 2026-11-01, 3 on 2026-11-25; lowest 3, highest 7.3. \
             Pain after: 5.5 on 2026-11-01, 2 on 2026-11-25; lowest 2, highest 5.5."
        );
    }
}

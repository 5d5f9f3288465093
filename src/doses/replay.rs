//! The replay: the log's sessions and next-morning "worse" answers in
//! order, the days on which an item may not rise, and one item's dose
//! moved through them by its rule.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;

use super::verdict::{Verdict, verdict};
use super::{DoseChange, ItemDose, MORNING_WORSE};
use crate::checkin::MorningComparison;
use crate::exercise::Dose;
use crate::log::{ClearanceRecord, DailyCheckRecord, Outcome, SessionRecord};
use crate::routine::progression::Progression;
/// One event of the replay, in order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Event<'a> {
    /// A next-morning "worse", before the day's sessions.
    MorningWorse(Date),
    /// A session.
    Session(&'a SessionRecord),
}

impl Event<'_> {
    pub(super) fn date(&self) -> Date {
        match self {
            Self::MorningWorse(d) => *d,
            Self::Session(r) => r.started_at.date(),
        }
    }
}

/// The days with a next-morning "worse": for a date, the last line that
/// answered the comparison counts.
pub fn worse_mornings(checks: &[DailyCheckRecord]) -> BTreeSet<Date> {
    let mut by_date: BTreeMap<Date, MorningComparison> = BTreeMap::new();
    for check in checks {
        if let Some(answer) = check.compared_with_yesterday {
            by_date.insert(check.date, answer);
        }
    }
    by_date
        .into_iter()
        .filter(|(_, a)| *a == MorningComparison::Worse)
        .map(|(d, _)| d)
        .collect()
}

/// The days on which `exercise` was held out after a pain stop in it for
/// any part of the day, up to `today`: from the stop's day to the day of
/// the first clearance after it (or `today`).
pub(super) fn held_out_days(
    exercise: &str,
    records: &[SessionRecord],
    clearances: &[ClearanceRecord],
    today: Date,
) -> BTreeSet<Date> {
    let mut days = BTreeSet::new();
    for record in records {
        let stopped_in_it = record.outcome == Outcome::StoppedForPain
            && record
                .pain_stop
                .as_ref()
                .is_some_and(|s| s.exercise == exercise);
        if !stopped_in_it {
            continue;
        }
        let stopped = record.ended_at;
        let until = clearances
            .iter()
            .filter(|c| crate::follow_up::clears(c, exercise, stopped))
            .map(|c| c.at.date())
            .min()
            .unwrap_or(today)
            .min(today);
        let mut day = stopped.date().min(record.started_at.date());
        while day <= until {
            days.insert(day);
            let Ok(next) = day.tomorrow() else { break };
            day = next;
        }
    }
    days
}

pub(super) fn replay(
    exercise: &str,
    prescribed: &Dose,
    rule: Progression,
    events: &[Event<'_>],
    no_rise: &BTreeSet<Date>,
    today: Date,
) -> ItemDose {
    let start = rule.field.get(prescribed).unwrap_or(rule.down_to);
    let mut value = start.clamp(rule.down_to, rule.up_to);
    let mut good = 0;
    let mut changes = Vec::new();
    let mut morning: Option<(Date, u32)> = None;
    let mut bad_days: Vec<Date> = Vec::new();
    for event in events {
        let date = event.date();
        if morning.is_none_or(|(d, _)| d != date) {
            morning = Some((date, value));
        }
        let at_morning = morning.map_or(value, |(_, v)| v);
        let verdict = match event {
            Event::MorningWorse(_) => Verdict::Bad(MORNING_WORSE),
            Event::Session(record) => verdict(record, exercise),
        };
        match verdict {
            Verdict::Neutral => {}
            Verdict::Good => {
                good += 1;
                let may_rise = value == at_morning && !no_rise.contains(&date);
                if good >= rule.after_good_sessions && may_rise && value < rule.up_to {
                    let to = value.saturating_add(rule.step).min(rule.up_to);
                    changes.push(DoseChange {
                        date,
                        from: value,
                        to,
                        reason: format!(
                            "{} in a row",
                            crate::plural::plural(
                                rule.after_good_sessions,
                                "good session",
                                "good sessions"
                            )
                        ),
                    });
                    value = to;
                    good = 0;
                }
            }
            Verdict::Bad(why) => {
                good = 0;
                bad_days.push(date);
                // Never more than one step below the morning's dose.
                let floor = at_morning.saturating_sub(rule.step).max(rule.down_to);
                let to = value.saturating_sub(rule.step).max(floor);
                if to < value {
                    changes.push(DoseChange {
                        date,
                        from: value,
                        to,
                        reason: why.to_owned(),
                    });
                    value = to;
                }
            }
        }
    }
    let week_ago = today.saturating_sub(jiff::Span::new().days(6));
    ItemDose {
        exercise: exercise.to_owned(),
        rule,
        dose: rule
            .field
            .with(prescribed, value)
            .unwrap_or_else(|| prescribed.clone()),
        good_sessions: good,
        changes,
        bad_in_last_seven_days: u32::try_from(bad_days.iter().filter(|d| **d >= week_ago).count())
            .unwrap_or(u32::MAX),
    }
}

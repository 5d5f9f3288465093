//! The dose in effect: each item's dose, replayed from the routine's
//! prescription through the log in order, by the therapist's progression
//! rule (the pain-monitoring model). Pure: the routine, the records and the
//! days with a warning sign are handed in, so anyone can recompute it.
//!
//! For one item, a session is
//! - **bad** if it was stopped for pain in that item (or, for a record that
//!   does not say where, stopped for pain at all), or the item was in it and
//!   pain after was 6 or more, or at least 2 above pain before;
//! - **good** if it completed, the item was done in full, pain after was
//!   given and it is not bad;
//! - anything else changes nothing.
//!
//! After `after_good_sessions` good sessions in a row the dose rises by the
//! step, never above `up_to`; a bad session lowers it by the step, never
//! below `down_to`, and the count starts again. The dose never moves more
//! than one step from where it stood in the morning of a day, and never
//! rises on a day with a warning sign.

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::exercise::Dose;
use crate::log::{Outcome, SessionRecord};
use crate::routine::Routine;
use crate::routine::progression::Progression;

/// Pain after at or above this makes a session bad.
pub const BAD_PAIN_AFTER: u8 = 6;
/// Pain after this much above pain before makes a session bad.
pub const BAD_PAIN_RISE: u8 = 2;

/// A change of an item's dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseChange {
    /// The day of the session that caused it.
    pub date: Date,
    /// The value before.
    pub from: u32,
    /// The value after.
    pub to: u32,
    /// Why, in words.
    pub reason: String,
}

/// One item's dose in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDose {
    /// The exercise's id.
    pub exercise: String,
    /// The dose in effect.
    pub dose: Dose,
    /// Good sessions in a row counted towards the next step up.
    pub good_sessions: u32,
    /// Every change, oldest first.
    pub changes: Vec<DoseChange>,
    /// Bad sessions on the seven days up to the last one replayed.
    pub bad_in_last_seven_days: u32,
}

/// How one session went for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Good,
    Bad(&'static str),
    Neutral,
}

fn verdict(record: &SessionRecord, exercise: &str) -> Verdict {
    let done = record.exercises.iter().find(|e| e.id == exercise);
    if record.outcome == Outcome::StoppedForPain {
        match &record.pain_stop {
            Some(stop) if stop.exercise == exercise => {
                return Verdict::Bad("stopped for pain in it");
            }
            Some(_) => {}
            None => return Verdict::Bad("a session was stopped for pain"),
        }
    }
    let before = record.pain_before.map(|p| p.get());
    let after = record.pain_after.map(|p| p.get());
    if done.is_some() {
        if after.is_some_and(|a| a >= BAD_PAIN_AFTER) {
            return Verdict::Bad("pain after a session was 6 or more");
        }
        if let (Some(b), Some(a)) = (before, after)
            && a >= b.saturating_add(BAD_PAIN_RISE)
        {
            return Verdict::Bad("pain went up by 2 or more after a session");
        }
    }
    let in_full = done.is_some_and(|e| !e.skipped && e.done >= e.prescribed && e.prescribed > 0);
    if record.outcome == Outcome::Completed && in_full && after.is_some() {
        Verdict::Good
    } else {
        Verdict::Neutral
    }
}

/// The dose in effect of every item of `routine` that has a progression
/// rule (items without one keep the prescribed dose and are not listed),
/// replaying `records` (any order; only this routine's count) up to and
/// including `today`. `warning_days`: days with a yes to a warning sign.
pub fn doses_in_effect(
    routine: &Routine,
    records: &[SessionRecord],
    warning_days: &BTreeSet<Date>,
    today: Date,
) -> Vec<ItemDose> {
    let mut mine: Vec<&SessionRecord> = records
        .iter()
        .filter(|r| r.routine.id == routine.id && r.started_at.date() <= today)
        .collect();
    mine.sort_by_key(|r| r.started_at.timestamp());
    routine
        .items
        .iter()
        .filter_map(|item| {
            let rule = item.progression?;
            Some(replay(
                &item.exercise.id,
                &item.exercise.dose,
                rule,
                &mine,
                warning_days,
                today,
            ))
        })
        .collect()
}

fn replay(
    exercise: &str,
    prescribed: &Dose,
    rule: Progression,
    records: &[&SessionRecord],
    warning_days: &BTreeSet<Date>,
    today: Date,
) -> ItemDose {
    let start = rule.field.get(prescribed).unwrap_or(rule.down_to);
    let mut value = start.clamp(rule.down_to, rule.up_to);
    let mut good = 0;
    let mut changes = Vec::new();
    let mut morning: Option<(Date, u32)> = None;
    let mut bad_days: Vec<Date> = Vec::new();
    for record in records {
        let date = record.started_at.date();
        if morning.is_none_or(|(d, _)| d != date) {
            morning = Some((date, value));
        }
        let at_morning = morning.map_or(value, |(_, v)| v);
        match verdict(record, exercise) {
            Verdict::Neutral => {}
            Verdict::Good => {
                good += 1;
                let may_rise = value == at_morning && !warning_days.contains(&date);
                if good >= rule.after_good_sessions && may_rise && value < rule.up_to {
                    let to = value.saturating_add(rule.step).min(rule.up_to);
                    changes.push(DoseChange {
                        date,
                        from: value,
                        to,
                        reason: format!("{} good sessions in a row", rule.after_good_sessions),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;
    use crate::log::{ExerciseResult, PainScore};
    use crate::routine::progression::DoseField;
    use proptest::prelude::*;

    fn routine() -> Routine {
        routine_after(2)
    }

    /// Head lifts (5 repetitions prescribed), up by 1 after `after` good
    /// sessions, between 3 and 8.
    fn routine_after(after: u32) -> Routine {
        let library = crate::routine::Library::builtin();
        let text = format!(
            r#"{{ "id": "daily", "name": "Daily", "times_per_day": 3, "items": [
              {{ "exercise": "head-lifts",
                "progression": {{ "step": {{ "repetitions": 1 }}, "up_to": {{ "repetitions": 8 }},
                                 "down_to": {{ "repetitions": 3 }}, "after_good_sessions": {after} }} }} ] }}"#
        );
        crate::routine::parse_routine("r.json", text.as_bytes(), &library)
            .unwrap_or_else(|p| panic!("{p}"))
    }

    /// A session of head lifts on `day` at `hour`, done in full, with pain
    /// before and after.
    fn session(day: u8, hour: u8, before: u8, after: u8, outcome: Outcome) -> SessionRecord {
        let mut r = rec(
            &format!("2026-11-{day:02}T{hour:02}:00:00+00:00"),
            outcome,
            3,
        );
        r.pain_before = PainScore::new(before);
        r.pain_after = PainScore::new(after);
        r.exercises = vec![ExerciseResult {
            id: "head-lifts".into(),
            done: 5,
            prescribed: 5,
            skipped: false,
            reached: Some(true),
        }];
        r
    }

    fn reps(dose: &Dose) -> u32 {
        DoseField::Repetitions.get(dose).unwrap_or(0)
    }

    fn day(d: i8) -> Date {
        jiff::civil::date(2026, 11, d)
    }

    #[test]
    fn good_sessions_raise_the_dose_and_a_bad_one_lowers_it() {
        let r = routine();
        let none = BTreeSet::new();
        let good = |d, h| session(d, h, 3, 3, Outcome::Completed);
        // Two good sessions: 5 -> 6.
        let log = vec![good(1, 8), good(1, 12)];
        let d = doses_in_effect(&r, &log, &none, day(1));
        assert_eq!(reps(&d[0].dose), 6);
        assert_eq!(d[0].changes.len(), 1);
        assert_eq!(d[0].good_sessions, 0);
        // Two more the same day: no second step that day.
        let log = vec![good(1, 8), good(1, 12), good(1, 16), good(1, 20)];
        assert_eq!(reps(&doses_in_effect(&r, &log, &none, day(1))[0].dose), 6);
        // Pain after 6: back down one step.
        let mut log = vec![good(1, 8), good(1, 12)];
        log.push(session(2, 8, 3, 6, Outcome::Completed));
        let d = doses_in_effect(&r, &log, &none, day(2));
        assert_eq!(reps(&d[0].dose), 5);
        assert_eq!(d[0].changes[1].reason, "pain after a session was 6 or more");
        // A warning-sign day: no rise.
        let warned = BTreeSet::from([day(1)]);
        assert_eq!(
            reps(&doses_in_effect(&r, &[good(1, 8), good(1, 12)], &warned, day(1))[0].dose),
            5
        );
    }

    #[test]
    fn a_pain_stop_elsewhere_is_not_bad_for_this_item_but_an_unlocated_one_is() {
        let r = routine();
        let none = BTreeSet::new();
        let mut located = session(1, 8, 3, 4, Outcome::StoppedForPain);
        located.pain_stop = Some(crate::log::PainStop {
            exercise: "seated-retraction".into(),
            step: crate::log::StopStep::Hold,
            set: Some(1),
            repetition: Some(1),
            direction: None,
            seconds_into_step: crate::log::Seconds::from_duration(std::time::Duration::from_secs(
                1,
            )),
            reason: crate::log::StopReason::Pain,
            arm_symptoms_now: None,
        });
        let d = doses_in_effect(&r, &[located], &none, day(1));
        assert!(d[0].changes.is_empty());
        let unlocated = session(1, 8, 3, 4, Outcome::StoppedForPain);
        let d = doses_in_effect(&r, &[unlocated], &none, day(1));
        assert_eq!(reps(&d[0].dose), 4);
    }

    fn stop_in(exercise: &str) -> Option<crate::log::PainStop> {
        Some(crate::log::PainStop {
            exercise: exercise.into(),
            step: crate::log::StopStep::Hold,
            set: Some(1),
            repetition: Some(2),
            direction: None,
            seconds_into_step: crate::log::Seconds::from_duration(std::time::Duration::from_secs(
                2,
            )),
            reason: crate::log::StopReason::Pain,
            arm_symptoms_now: None,
        })
    }

    /// Thirty days worked out by hand with the issue's rule (up by 1 after
    /// 6 good sessions in a row, 3 to 8): good, bad and neutral sessions and
    /// two warning-sign days; the dose and the good sessions counted at the
    /// end of each day, and every change.
    #[test]
    fn thirty_days_worked_out_by_hand() {
        let r = routine_after(6);
        let good = |d, h| session(d, h, 3, 3, Outcome::Completed);
        let mut log = Vec::new();
        for d in [
            1, 2, 3, 5, 6, 10, 14, 15, 16, 19, 21, 22, 23, 24, 25, 26, 30,
        ] {
            log.extend([good(d, 8), good(d, 18)]);
        }
        // Day 4: one good, one ended early.
        log.extend([good(4, 8), session(4, 18, 3, 3, Outcome::EndedEarly)]);
        // Day 7: good (the 6th: up), then pain after 7 (down again).
        log.extend([good(7, 8), session(7, 18, 3, 7, Outcome::Completed)]);
        // Day 8: pain 2 -> 4, up by 2: down.
        log.push(session(8, 8, 2, 4, Outcome::Completed));
        // Day 9: stopped for pain in head lifts: down.
        let mut stopped = session(9, 8, 3, 5, Outcome::StoppedForPain);
        stopped.pain_stop = stop_in("head-lifts");
        log.push(stopped);
        // Days 11 and 12: 4 good, then the 6th on day 12 evening: up.
        log.extend([good(11, 8), good(11, 18), good(12, 8), good(12, 18)]);
        // Day 13: head lifts skipped, then a session without them.
        let mut skipped = good(13, 8);
        if let Some(e) = skipped.exercises.first_mut() {
            e.skipped = true;
            e.done = 0;
        }
        let mut without = good(13, 18);
        without.exercises.clear();
        log.extend([skipped, without]);
        // Day 17: the 7th good (day 16 was a warning-sign day): up; one more.
        log.extend([good(17, 8), good(17, 18)]);
        // Day 18: stopped for pain in another exercise (neutral), then good.
        let mut elsewhere = session(18, 8, 3, 4, Outcome::StoppedForPain);
        elsewhere.pain_stop = stop_in("seated-retraction");
        log.extend([elsewhere, good(18, 18)]);
        // Day 20: up to 7. Day 23: up to 8 (the most).
        log.extend([good(20, 8), good(20, 18)]);
        // Day 27: pain after 6: down.
        log.push(session(27, 8, 4, 6, Outcome::Completed));
        // Day 28: a version-1 pain stop that does not say where: down.
        log.push(session(28, 8, 3, 5, Outcome::StoppedForPain));
        // Day 29: ended early, then completed with no pain after: nothing.
        let mut no_after = good(29, 18);
        no_after.pain_after = None;
        log.extend([session(29, 8, 3, 3, Outcome::EndedEarly), no_after]);
        let warnings = BTreeSet::from([day(11), day(16)]);
        // (day, repetitions, good sessions) at the end of each day.
        let table: [(i8, u32, u32); 30] = [
            (1, 5, 2),
            (2, 5, 4),
            (3, 6, 0),
            (4, 6, 1),
            (5, 6, 3),
            (6, 6, 5),
            (7, 6, 0),
            (8, 5, 0),
            (9, 4, 0),
            (10, 4, 2),
            (11, 4, 4),
            (12, 5, 0),
            (13, 5, 0),
            (14, 5, 2),
            (15, 5, 4),
            (16, 5, 6),
            (17, 6, 1),
            (18, 6, 2),
            (19, 6, 4),
            (20, 7, 0),
            (21, 7, 2),
            (22, 7, 4),
            (23, 8, 0),
            (24, 8, 2),
            (25, 8, 4),
            (26, 8, 6),
            (27, 7, 0),
            (28, 6, 0),
            (29, 6, 0),
            (30, 6, 2),
        ];
        for (d, want_reps, want_good) in table {
            let item = &doses_in_effect(&r, &log, &warnings, day(d))[0];
            assert_eq!(
                (reps(&item.dose), item.good_sessions),
                (want_reps, want_good),
                "at the end of day {d}"
            );
        }
        let last = &doses_in_effect(&r, &log, &warnings, day(30))[0];
        let changes: Vec<(i8, u32, u32, &str)> = last
            .changes
            .iter()
            .map(|c| (c.date.day(), c.from, c.to, c.reason.as_str()))
            .collect();
        let up = "6 good sessions in a row";
        assert_eq!(
            changes,
            [
                (3, 5, 6, up),
                (7, 6, 7, up),
                (7, 7, 6, "pain after a session was 6 or more"),
                (8, 6, 5, "pain went up by 2 or more after a session"),
                (9, 5, 4, "stopped for pain in it"),
                (12, 4, 5, up),
                (17, 5, 6, up),
                (20, 6, 7, up),
                (23, 7, 8, up),
                (27, 8, 7, "pain after a session was 6 or more"),
                (28, 7, 6, "a session was stopped for pain"),
            ]
        );
        assert_eq!(last.bad_in_last_seven_days, 2);
    }

    proptest! {
        /// Whatever the log, the dose stays within [down_to, up_to], moves at
        /// most one step from each morning's dose, and the same log gives
        /// the same answer.
        #[test]
        fn the_dose_stays_within_its_limits_and_one_step_a_day(
            sessions in prop::collection::vec((1u8..=28, 6u8..=22, 0u8..=10, 0u8..=10, 0usize..3), 0..60)
        ) {
            let r = routine();
            let outcomes = [Outcome::Completed, Outcome::EndedEarly, Outcome::StoppedForPain];
            let log: Vec<SessionRecord> = sessions
                .iter()
                .map(|&(d, h, b, a, o)| session(d, h, b, a, outcomes[o]))
                .collect();
            let none = BTreeSet::new();
            let first = doses_in_effect(&r, &log, &none, day(28));
            prop_assert_eq!(&first, &doses_in_effect(&r, &log, &none, day(28)));
            let item = &first[0];
            let v = reps(&item.dose);
            prop_assert!((3..=8).contains(&v));
            let mut by_day: std::collections::BTreeMap<Date, (u32, u32)> = Default::default();
            for c in &item.changes {
                let entry = by_day.entry(c.date).or_insert((c.from, c.to));
                entry.1 = c.to;
                prop_assert!((3..=8).contains(&c.to));
                prop_assert!(c.from.abs_diff(c.to) == 1);
            }
            for (from, to) in by_day.values() {
                prop_assert!(from.abs_diff(*to) <= 1, "more than one step in a day");
            }
        }
    }
}

//! Unit tests of the dose in effect: sessions good and bad, thirty days
//! worked out by hand, what home says, and the limits (proptest).

use super::*;
use crate::checkin::{ArmSymptoms, MorningComparison};
use crate::history::test_support::{done_in_full, rec};
use crate::log::Outcome;
use crate::log::PainScore;
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
    r.exercises = vec![done_in_full("head-lifts", 5)];
    r
}

fn at(text: &str) -> crate::log::LocalTimestamp {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// A daily check of `d` November with a yes to a warning sign when
/// `warned`, and the next-morning answer `compared`.
fn check(d: i8, warned: bool, compared: Option<MorningComparison>) -> DailyCheckRecord {
    let yes: &[crate::checkin::WarningSign] = if warned {
        &[crate::checkin::WarningSign::FeverChillsWeightLoss]
    } else {
        &[]
    };
    let mut c = DailyCheckRecord::new(day(d), at(&format!("2026-11-{d:02}T07:00:00+00:00")), yes);
    c.compared_with_yesterday = compared;
    c
}

fn clearance(d: i8, hour: u8) -> ClearanceRecord {
    ClearanceRecord {
        v: 2,
        kind: Default::default(),
        at: at(&format!("2026-11-{d:02}T{hour:02}:00:00+00:00")),
        exercise: "head-lifts".into(),
        pain_stop_session: String::new(),
    }
}

/// The doses of `log` with a yes to a warning sign on the days `warned`.
fn effect(
    r: &Routine,
    log: &[SessionRecord],
    warned: &BTreeSet<Date>,
    today: Date,
) -> Vec<ItemDose> {
    let checks: Vec<DailyCheckRecord> = warned.iter().map(|d| check(d.day(), true, None)).collect();
    doses_in_effect(
        r,
        DoseLog {
            records: log,
            daily_checks: &checks,
            clearances: &[],
        },
        today,
    )
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
    let d = effect(&r, &log, &none, day(1));
    assert_eq!(reps(&d[0].dose), 6);
    assert_eq!(d[0].changes.len(), 1);
    assert_eq!(d[0].good_sessions, 0);
    // Two more the same day: no second step that day.
    let log = vec![good(1, 8), good(1, 12), good(1, 16), good(1, 20)];
    assert_eq!(reps(&effect(&r, &log, &none, day(1))[0].dose), 6);
    // Pain after 6: back down one step.
    let mut log = vec![good(1, 8), good(1, 12)];
    log.push(session(2, 8, 3, 6, Outcome::Completed));
    let d = effect(&r, &log, &none, day(2));
    assert_eq!(reps(&d[0].dose), 5);
    assert_eq!(d[0].changes[1].reason, "pain after a session was 6 or more");
    // A warning-sign day: no rise.
    let warned = BTreeSet::from([day(1)]);
    assert_eq!(
        reps(&effect(&r, &[good(1, 8), good(1, 12)], &warned, day(1))[0].dose),
        5
    );
}

#[test]
fn a_pain_stop_elsewhere_is_not_bad_for_this_item_but_an_unlocated_one_is() {
    let r = routine();
    let none = BTreeSet::new();
    let mut located = session(1, 8, 3, 4, Outcome::StoppedForPain);
    located.pain_stop = Some(Box::new(crate::log::PainStop {
        exercise: "seated-retraction".into(),
        step: crate::log::StopStep::Hold,
        set: Some(1),
        repetition: Some(1),
        direction: None,
        seconds_into_step: crate::log::Seconds::from_duration(std::time::Duration::from_secs(1)),
        reason: crate::log::StopReason::Pain,
        arm_symptoms_now: None,
        arm_now: None,
    }));
    let d = effect(&r, &[located], &none, day(1));
    assert!(d[0].changes.is_empty());
    let unlocated = session(1, 8, 3, 4, Outcome::StoppedForPain);
    let d = effect(&r, &[unlocated], &none, day(1));
    assert_eq!(reps(&d[0].dose), 4);
}

fn stop_in(exercise: &str) -> Option<Box<crate::log::PainStop>> {
    Some(Box::new(crate::log::PainStop {
        exercise: exercise.into(),
        step: crate::log::StopStep::Hold,
        set: Some(1),
        repetition: Some(2),
        direction: None,
        seconds_into_step: crate::log::Seconds::from_duration(std::time::Duration::from_secs(2)),
        reason: crate::log::StopReason::Pain,
        arm_symptoms_now: None,
        arm_now: None,
    }))
}

/// Thirty days worked out by hand with the issue's rule (up by 1 after
/// 6 good sessions in a row, 3 to 8): good, bad and neutral sessions,
/// two warning-sign days, next-morning answers (a "worse" on the first
/// day, which counts for nothing, one on a day that also has a bad
/// session, one alone) and the clearance after a pain stop; the dose and
/// the good sessions counted at the end of each day, and every change.
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
    use MorningComparison::{Better, Same, Worse};
    let checks = [
        check(1, false, Some(Worse)),
        check(2, false, Some(Better)),
        check(3, false, Some(Same)),
        check(8, false, Some(Worse)),
        check(11, true, Some(Same)),
        check(16, true, None),
        check(29, false, Some(Worse)),
    ];
    // Head lifts held out after the pain stop of day 9, until day 10.
    let clearances = [clearance(10, 7)];
    let replayed = |d: i8| {
        let log = DoseLog {
            records: &log,
            daily_checks: &checks,
            clearances: &clearances,
        };
        doses_in_effect(&r, log, day(d))
    };
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
        (29, 5, 0),
        (30, 5, 2),
    ];
    for (d, want_reps, want_good) in table {
        let item = &replayed(d)[0];
        assert_eq!(
            (reps(&item.dose), item.good_sessions),
            (want_reps, want_good),
            "at the end of day {d}"
        );
    }
    let last = &replayed(30)[0];
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
            // The morning's "worse" lowered it; the session's pain rise
            // that day could not lower it a second step.
            (8, 6, 5, MORNING_WORSE),
            (9, 5, 4, "stopped for pain in it"),
            (12, 4, 5, up),
            (17, 5, 6, up),
            (20, 6, 7, up),
            (23, 7, 8, up),
            (27, 8, 7, "pain after a session was 6 or more"),
            (28, 7, 6, "a session was stopped for pain"),
            (29, 6, 5, MORNING_WORSE),
        ]
    );
    // Days 27, 28 and 29.
    assert_eq!(last.bad_in_last_seven_days, 3);
}

#[test]
fn arm_symptoms_further_down_make_a_session_bad() {
    let r = routine();
    let none = BTreeSet::new();
    let mut further = session(1, 8, 3, 3, Outcome::Completed);
    further.arm = Some(ArmSymptoms::FurtherDown);
    let d = effect(&r, &[further.clone()], &none, day(1));
    assert_eq!(reps(&d[0].dose), 4);
    assert_eq!(
        d[0].changes[0].reason,
        "arm symptoms further down the arm than before"
    );
    // In the arm, no further down than before: a good session.
    further.arm = Some(ArmSymptoms::InArm);
    let d = effect(&r, &[further], &none, day(1));
    assert_eq!((reps(&d[0].dose), d[0].good_sessions), (5, 1));
}

/// No step up on a day the exercise was held out after a pain stop in
/// it, even when the dose stood at its floor (so the stop did not lower
/// it) and it was cleared and done well later that day.
#[test]
fn no_step_up_on_a_day_with_an_open_hold_out() {
    let r = routine_after(1);
    let mut stop = session(3, 8, 3, 3, Outcome::StoppedForPain);
    stop.pain_stop = stop_in("head-lifts");
    let log = vec![
        session(1, 8, 3, 7, Outcome::Completed),
        session(2, 8, 3, 7, Outcome::Completed),
        stop,
        session(3, 10, 3, 3, Outcome::Completed),
        session(4, 10, 3, 3, Outcome::Completed),
    ];
    let replayed = |clearances: &[ClearanceRecord], d| {
        let log = DoseLog {
            records: &log,
            daily_checks: &[],
            clearances,
        };
        reps(&doses_in_effect(&r, log, day(d))[0].dose)
    };
    // Down to the floor, 3, by day 2; held out on day 3.
    assert_eq!(replayed(&[clearance(3, 9)], 2), 3);
    assert_eq!(replayed(&[clearance(3, 9)], 3), 3);
    // Cleared on day 3: day 4 may rise.
    assert_eq!(replayed(&[clearance(3, 9)], 4), 4);
    // Never cleared: it never rises.
    assert_eq!(replayed(&[], 4), 3);
}

#[test]
fn home_says_what_changed_and_why() {
    let r = routine();
    let none = BTreeSet::new();
    let good = |d, h| session(d, h, 3, 3, Outcome::Completed);
    let items = effect(&r, &[good(1, 8), good(1, 12)], &none, day(2));
    let words = change_words(&r, "Head lifts", &items[0], day(2));
    assert_eq!(
        words.as_deref(),
        Some(
            "From today: Head lifts 6 repetitions (was 5): 2 good sessions in a row. Rule set in the routine \"Daily\"."
        )
    );
    // Two days on, it is no longer news.
    let items = effect(&r, &[good(1, 8), good(1, 12)], &none, day(3));
    assert_eq!(change_words(&r, "Head lifts", &items[0], day(3)), None);
    let log = [
        good(1, 8),
        good(1, 12),
        session(2, 8, 3, 5, Outcome::Completed),
    ];
    let items = effect(&r, &log, &none, day(2));
    assert_eq!(
        change_words(&r, "Head lifts", &items[0], day(2)).as_deref(),
        Some(
            "Head lifts back to 5 repetitions (was 6): pain went up by 2 or more after a session, today."
        )
    );
    assert_eq!(bad_events_words("Head lifts", &items[0]), None);
    let bad = [1, 2, 3].map(|d| session(d, 8, 3, 7, Outcome::Completed));
    let items = effect(&r, &bad, &none, day(3));
    assert_eq!(
        bad_events_words("Head lifts", &items[0]).as_deref(),
        Some(
            "Head lifts: 3 bad sessions or mornings in the last 7 days: talk to your physical therapist before going on."
        )
    );
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
        let first = effect(&r, &log, &none, day(28));
        prop_assert_eq!(&first, &effect(&r, &log, &none, day(28)));
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

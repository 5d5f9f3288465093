//! What needs attention, at the top of the report: the six things a
//! physical therapist looks for first, from the log's lines and "today"
//! alone. Pure: the caller passes the records, the daily checks and the
//! clearances.

use jiff::Span;
use jiff::civil::Date;

use crate::checkin::{ArmSymptoms, MorningComparison};
use crate::doses::{BAD_EVENTS_WARNING, BAD_PAIN_AFTER, BAD_PAIN_RISE};
use crate::log::{ClearanceRecord, DailyCheckRecord, Outcome, SessionRecord};
use crate::plural::plural;

/// Days without a session that raise [`AttentionKind::NoSession`].
pub const NO_SESSION_DAYS: i32 = 3;

/// The rise of the average pain before sessions, last 7 days against the
/// 7 before, that raises [`AttentionKind::PainUp`].
pub const PAIN_RISE: f64 = 2.0;

/// The days looked back for arm symptoms further down the arm.
pub const ARM_DAYS: i32 = 14;

/// Which of the six things an [`Attention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttentionKind {
    /// No session for [`NO_SESSION_DAYS`] days or more.
    NoSession,
    /// The average pain before sessions of the last 7 days is
    /// [`PAIN_RISE`] or more above that of the 7 days before.
    PainUp,
    /// Arm symptoms further down the arm than before, in the last
    /// [`ARM_DAYS`] days.
    ArmFurtherDown,
    /// [`BAD_EVENTS_WARNING`] or more bad sessions or worse mornings in the
    /// last 7 days.
    BadEvents,
    /// A warning sign answered yes and not cleared.
    WarningSign,
    /// A pain stop whose exercise is still held out (no clearance after it).
    PainStop,
}

/// One thing that needs attention, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    /// Which thing.
    pub kind: AttentionKind,
    /// What happened, with its dates, and what to do.
    pub words: String,
}

/// What the attention list is made from.
#[derive(Clone, Copy)]
pub struct AttentionInput<'a> {
    /// The session records, any order.
    pub records: &'a [SessionRecord],
    /// The daily checks, any order.
    pub daily_checks: &'a [DailyCheckRecord],
    /// The clearances after pain stops.
    pub clearances: &'a [ClearanceRecord],
    /// The name of an exercise by id.
    pub names: &'a dyn Fn(&str) -> String,
}

/// What needs attention as of `today`, in the order of [`AttentionKind`];
/// empty when nothing does. Lines after `today` are not looked at.
pub fn attention(input: AttentionInput<'_>, today: Date) -> Vec<Attention> {
    let records: Vec<&SessionRecord> = input
        .records
        .iter()
        .filter(|r| r.started_at.date() <= today)
        .collect();
    let checks: Vec<&DailyCheckRecord> = input
        .daily_checks
        .iter()
        .filter(|c| c.date <= today)
        .collect();
    let mut out = Vec::new();
    let mut add = |kind, words: String| out.push(Attention { kind, words });
    if let Some(words) = no_session(&records, today) {
        add(AttentionKind::NoSession, words);
    }
    if let Some(words) = pain_up(&records, today) {
        add(AttentionKind::PainUp, words);
    }
    if let Some(words) = arm_further_down(&records, today) {
        add(AttentionKind::ArmFurtherDown, words);
    }
    if let Some(words) = bad_events(&records, &checks, today) {
        add(AttentionKind::BadEvents, words);
    }
    for day in crate::warning_signs::warning_sign_days(input.daily_checks, today) {
        if day.cleared_at.is_none() {
            add(
                AttentionKind::WarningSign,
                format!(
                    "Warning sign answered yes on {} and not cleared: {}. Check with the person \
that a doctor or physical therapist has seen them.",
                    day.date.map(|d| d.to_string()).unwrap_or_default(),
                    day.yes_words.join("; ")
                ),
            );
        }
    }
    let upto: Vec<SessionRecord> = records.iter().map(|r| (*r).clone()).collect();
    for held in crate::follow_up::held_out(&upto, input.clearances) {
        add(
            AttentionKind::PainStop,
            format!(
                "Stopped for pain in {} on {}, not cleared since: the app holds this exercise \
out until the person says they have talked to their physical therapist.",
                (input.names)(&held.exercise),
                held.date()
            ),
        );
    }
    out
}

fn days_ago(today: Date, n: i32) -> Date {
    today.checked_sub(Span::new().days(n)).unwrap_or(today)
}

fn no_session(records: &[&SessionRecord], today: Date) -> Option<String> {
    let last = records.iter().map(|r| r.started_at.date()).max()?;
    let days = (today - last).get_days();
    (days >= NO_SESSION_DAYS).then(|| {
        format!(
            "No session for {} (the last on {last}). Ask what keeps the person from their \
exercises.",
            plural(days.unsigned_abs(), "day", "days")
        )
    })
}

/// The average of the pain ratings before sessions on the days from
/// `from` to `to`, both included.
fn average_before(records: &[&SessionRecord], from: Date, to: Date) -> Option<f64> {
    let ratings: Vec<f64> = records
        .iter()
        .filter(|r| (from..=to).contains(&r.started_at.date()))
        .filter_map(|r| r.pain_before.map(|p| f64::from(p.get())))
        .collect();
    (!ratings.is_empty()).then(|| ratings.iter().sum::<f64>() / ratings.len() as f64)
}

fn pain_up(records: &[&SessionRecord], today: Date) -> Option<String> {
    let recent = average_before(records, days_ago(today, 6), today)?;
    let earlier = average_before(records, days_ago(today, 13), days_ago(today, 7))?;
    (recent - earlier >= PAIN_RISE).then(|| {
        format!(
            "Pain before sessions is up from {earlier:.1} to {recent:.1} (average of the 7 days \
to {} against the last 7 days). Review the dose and the exercises.",
            days_ago(today, 7)
        )
    })
}

fn arm_further_down(records: &[&SessionRecord], today: Date) -> Option<String> {
    let from = days_ago(today, ARM_DAYS - 1);
    let mut days: Vec<Date> = records
        .iter()
        .filter(|r| r.started_at.date() >= from)
        .filter(|r| {
            r.arm == Some(ArmSymptoms::FurtherDown)
                || r.pain_stop
                    .as_ref()
                    .is_some_and(|s| s.arm_now == Some(ArmSymptoms::FurtherDown))
        })
        .map(|r| r.started_at.date())
        .collect();
    days.sort();
    days.dedup();
    let last = *days.last()?;
    Some(format!(
        "Arm symptoms further down the arm than before on {} of the last {ARM_DAYS} days, the \
last on {last}. Spreading symptoms call for a review before going on.",
        plural(days.len() as u64, "day", "days")
    ))
}

/// Why a session was a bad one, as the doses' rules count it: stopped for
/// pain, pain after 6 or more, pain up by 2 or more, or arm symptoms
/// further down the arm.
fn bad_session(record: &SessionRecord) -> bool {
    let before = record.pain_before.map(|p| p.get());
    let after = record.pain_after.map(|p| p.get());
    record.outcome == Outcome::StoppedForPain
        || after.is_some_and(|a| a >= BAD_PAIN_AFTER)
        || before
            .zip(after)
            .is_some_and(|(b, a)| a >= b.saturating_add(BAD_PAIN_RISE))
        || record.arm == Some(ArmSymptoms::FurtherDown)
}

fn bad_events(
    records: &[&SessionRecord],
    checks: &[&DailyCheckRecord],
    today: Date,
) -> Option<String> {
    let from = days_ago(today, 6);
    let in_week = |d: Date| (from..=today).contains(&d);
    let sessions = records
        .iter()
        .filter(|r| in_week(r.started_at.date()) && bad_session(r))
        .count();
    // A date's last answer counts, as for the doses.
    let mut mornings: std::collections::BTreeMap<Date, MorningComparison> = Default::default();
    for check in checks.iter().filter(|c| in_week(c.date)) {
        if let Some(answer) = check.compared_with_yesterday {
            mornings.insert(check.date, answer);
        }
    }
    let worse = mornings
        .values()
        .filter(|a| **a == MorningComparison::Worse)
        .count();
    let total = sessions + worse;
    (total >= BAD_EVENTS_WARNING as usize).then(|| {
        format!(
            "{} in the last 7 days ({} and {}). The app holds dose rises; review before going on.",
            plural(
                total as u64,
                "bad session or morning",
                "bad sessions or mornings"
            ),
            plural(sessions as u64, "bad session", "bad sessions"),
            plural(
                worse as u64,
                "morning worse than the one before",
                "mornings worse than the one before"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, rec, stop_in};
    use crate::log::{LocalTimestamp, PainScore};

    const TODAY: (i16, i8, i8) = (2026, 11, 25);

    fn today() -> Date {
        day(TODAY.0, TODAY.1, TODAY.2)
    }

    fn at(text: &str) -> LocalTimestamp {
        match text.parse() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    }

    /// One completed session a day at 09:00 for the `days` days up to
    /// today, pain 4 before and 3 after: nothing to look at.
    fn quiet(days: i32) -> Vec<SessionRecord> {
        (0..days)
            .map(|n| {
                let d = days_ago(today(), n);
                rec(&format!("{d}T09:00:00+01:00"), Outcome::Completed, 1)
            })
            .collect()
    }

    fn kinds(
        records: &[SessionRecord],
        checks: &[DailyCheckRecord],
        clearances: &[ClearanceRecord],
    ) -> Vec<AttentionKind> {
        let name = |id: &str| id.to_uppercase();
        attention(
            AttentionInput {
                records,
                daily_checks: checks,
                clearances,
                names: &name,
            },
            today(),
        )
        .into_iter()
        .map(|a| a.kind)
        .collect()
    }

    #[test]
    fn a_quiet_log_needs_no_attention() {
        assert_eq!(kinds(&quiet(30), &[], &[]), vec![]);
        assert_eq!(kinds(&[], &[], &[]), vec![], "an empty log raises nothing");
    }

    #[test]
    fn three_days_without_a_session_need_attention_two_do_not() {
        let mut records = quiet(30);
        records.drain(..2);
        assert_eq!(
            kinds(&records, &[], &[]),
            vec![],
            "the last two days before today"
        );
        records.drain(..1);
        assert_eq!(kinds(&records, &[], &[]), vec![AttentionKind::NoSession]);
        let name = |id: &str| id.to_owned();
        let words = attention(
            AttentionInput {
                records: &records,
                daily_checks: &[],
                clearances: &[],
                names: &name,
            },
            today(),
        );
        assert!(
            words.iter().any(|a| a
                .words
                .starts_with("No session for 3 days (the last on 2026-11-22)")),
            "{words:?}"
        );
    }

    #[test]
    fn pain_up_by_two_over_fourteen_days_needs_attention() {
        let mut records = quiet(14);
        // The last 7 days rated 6 before (after 5: not a bad session).
        for r in records.iter_mut().take(7) {
            r.pain_before = PainScore::new(6);
            r.pain_after = PainScore::new(5);
        }
        assert_eq!(kinds(&records, &[], &[]), vec![AttentionKind::PainUp]);
        // Up by 1.9: not yet.
        for r in records.iter_mut().take(7) {
            r.pain_before = PainScore::new(5);
            r.pain_after = PainScore::new(4);
        }
        assert_eq!(kinds(&records, &[], &[]), vec![]);
    }

    #[test]
    fn arm_symptoms_further_down_need_attention() {
        let mut records = quiet(20);
        if let Some(r) = records.get_mut(15) {
            r.arm = Some(ArmSymptoms::FurtherDown);
        }
        assert_eq!(
            kinds(&records, &[], &[]),
            vec![],
            "16 days ago is past the 14 looked at"
        );
        if let Some(r) = records.get_mut(10) {
            r.arm = Some(ArmSymptoms::FurtherDown);
        }
        assert_eq!(
            kinds(&records, &[], &[]),
            vec![AttentionKind::ArmFurtherDown]
        );
    }

    #[test]
    fn three_bad_sessions_or_mornings_in_seven_days_need_attention() {
        let mut records = quiet(20);
        for r in records.iter_mut().take(2) {
            r.pain_after = PainScore::new(6);
        }
        assert_eq!(kinds(&records, &[], &[]), vec![], "two bad sessions");
        let mut worse =
            DailyCheckRecord::new(days_ago(today(), 3), at("2026-11-22T08:00:00+01:00"), &[]);
        worse.compared_with_yesterday = Some(MorningComparison::Worse);
        // A morning 8 days ago is outside the week.
        let mut old = worse.clone();
        old.date = days_ago(today(), 8);
        assert_eq!(kinds(&records, std::slice::from_ref(&old), &[]), vec![]);
        assert_eq!(
            kinds(&records, &[old, worse], &[]),
            vec![AttentionKind::BadEvents]
        );
    }

    #[test]
    fn a_warning_sign_not_cleared_needs_attention() {
        let records = quiet(10);
        let mut check = DailyCheckRecord::new(
            days_ago(today(), 1),
            at("2026-11-24T08:00:00+01:00"),
            &[crate::checkin::WarningSign::BladderOrBowel],
        );
        assert_eq!(
            kinds(&records, std::slice::from_ref(&check), &[]),
            vec![AttentionKind::WarningSign]
        );
        check.cleared_by_clinician_at = Some(at("2026-11-24T17:00:00+01:00"));
        assert_eq!(kinds(&records, &[check], &[]), vec![]);
    }

    #[test]
    fn a_pain_stop_not_cleared_needs_attention() {
        let mut records = quiet(10);
        let Some(r) = records.get_mut(4) else {
            panic!("ten records")
        };
        stop_in(r, "head-lifts");
        let stopped = r.id.clone();
        assert_eq!(kinds(&records, &[], &[]), vec![AttentionKind::PainStop]);
        let clearance = ClearanceRecord {
            v: 2,
            kind: Default::default(),
            at: at("2026-11-22T10:00:00+01:00"),
            exercise: "head-lifts".into(),
            pain_stop_session: stopped,
        };
        assert_eq!(kinds(&records, &[], &[clearance]), vec![]);
    }
}

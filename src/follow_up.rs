//! The follow-up after a pain stop: the exercise where pain got worse is
//! held out of the following sessions until the person confirms they have
//! talked to their physical therapist. Pure: decided from the log's lines,
//! replayed in order, so nothing kept beside the log can drift from it.
//!
//! - A session stopped for pain whose record says where
//!   ([`crate::log::PainStop`], version 2) holds out that exercise from the
//!   moment the session ended.
//! - A [`ClearanceRecord`] for the exercise, dated after that stop, ends
//!   the hold. A new pain stop in it later holds it out again.
//! - A version-1 pain stop does not say which exercise: it holds out none
//!   (the history still counts it and the two-in-seven-days warning still
//!   reads it).

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::log::{ClearanceRecord, LocalTimestamp, Outcome, SessionRecord};

/// An exercise held out after a pain stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOut {
    /// The exercise's id.
    pub exercise: String,
    /// The id of the session whose pain stop holds it out (the latest).
    pub session: String,
    /// When that session ended.
    pub stopped_at: LocalTimestamp,
}

impl HeldOut {
    /// The local date of the pain stop.
    pub fn date(&self) -> Date {
        self.stopped_at.date()
    }

    /// Why it is held out, in the words the window, the session and
    /// `plan --json` use: "held out after pain on 25 Nov: talk to your
    /// physical therapist first".
    pub fn reason(&self) -> String {
        format!(
            "held out after pain on {}: talk to your physical therapist first",
            short_date(self.date())
        )
    }
}

/// "25 Nov": a date in a few letters.
pub fn short_date(date: Date) -> String {
    date.strftime("%-d %b").to_string()
}

/// The exercises held out now, by exercise id, from the sessions and the
/// clearances of the log (in any order).
pub fn held_out(records: &[SessionRecord], clearances: &[ClearanceRecord]) -> Vec<HeldOut> {
    let mut held: BTreeMap<&str, HeldOut> = BTreeMap::new();
    for record in records {
        if record.outcome != Outcome::StoppedForPain {
            continue;
        }
        let Some(stop) = &record.pain_stop else {
            continue;
        };
        let newer = held
            .get(stop.exercise.as_str())
            .is_none_or(|h| h.stopped_at.timestamp() <= record.ended_at.timestamp());
        if newer {
            held.insert(
                &stop.exercise,
                HeldOut {
                    exercise: stop.exercise.to_string(),
                    session: record.id.clone(),
                    stopped_at: record.ended_at,
                },
            );
        }
    }
    held.retain(|exercise, h| !clearances.iter().any(|c| clears(c, exercise, h.stopped_at)));
    held.into_values().collect()
}

/// Whether `clearance` ends the holding out of `exercise` after a pain stop
/// at `stopped`: it names the exercise and was given then or later.
pub fn clears(clearance: &ClearanceRecord, exercise: &str, stopped: LocalTimestamp) -> bool {
    clearance.exercise == exercise && clearance.at.timestamp() >= stopped.timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{rec, stop_in};
    use crate::log::ClearanceRecord;

    fn stop(started_at: &str, exercise: &str) -> SessionRecord {
        let mut r = rec(started_at, Outcome::StoppedForPain, 3);
        stop_in(&mut r, exercise);
        r
    }

    fn cleared(at: &str, exercise: &str) -> ClearanceRecord {
        ClearanceRecord {
            v: 2,
            kind: Default::default(),
            at: match at.parse() {
                Ok(t) => t,
                Err(e) => panic!("{e}"),
            },
            exercise: exercise.to_owned(),
            pain_stop_session: String::new(),
        }
    }

    fn ids(held: &[HeldOut]) -> Vec<&str> {
        held.iter().map(|h| h.exercise.as_str()).collect()
    }

    #[test]
    fn a_pain_stop_holds_out_its_exercise_until_cleared_and_again_after() {
        let first = stop("2026-11-25T09:00:00+01:00", "head-lifts");
        let other = rec("2026-11-25T13:00:00+01:00", Outcome::Completed, 3);
        let held = held_out(&[first.clone(), other.clone()], &[]);
        assert_eq!(ids(&held), vec!["head-lifts"]);
        assert_eq!(
            held.first().map(HeldOut::reason).as_deref(),
            Some("held out after pain on 25 Nov: talk to your physical therapist first")
        );
        // A clearance before the stop does not count; one after does.
        let early = cleared("2026-11-24T09:00:00+01:00", "head-lifts");
        let late = cleared("2026-11-26T09:00:00+01:00", "head-lifts");
        assert_eq!(
            ids(&held_out(std::slice::from_ref(&first), &[early])),
            vec!["head-lifts"]
        );
        assert!(held_out(std::slice::from_ref(&first), std::slice::from_ref(&late)).is_empty());
        // Another exercise's clearance does not count.
        let wrong = cleared("2026-11-26T09:00:00+01:00", "seated-retraction");
        assert_eq!(
            ids(&held_out(std::slice::from_ref(&first), &[wrong])),
            vec!["head-lifts"]
        );
        // Pain again after the clearance: held out again.
        let again = stop("2026-11-27T09:00:00+01:00", "head-lifts");
        assert_eq!(ids(&held_out(&[first, again], &[late])), vec!["head-lifts"]);
    }

    #[test]
    fn version_1_pain_stops_and_other_outcomes_hold_nothing_out() {
        let v1 = rec("2026-11-25T09:00:00+01:00", Outcome::StoppedForPain, 3);
        let mut ended = stop("2026-11-25T10:00:00+01:00", "head-lifts");
        ended.outcome = Outcome::EndedEarly;
        assert!(held_out(&[v1, ended], &[]).is_empty());
    }

    #[test]
    fn an_exercise_no_routine_has_is_held_out_harmlessly() {
        let held = held_out(&[stop("2026-11-25T09:00:00+01:00", "gone")], &[]);
        assert_eq!(ids(&held), vec!["gone"]);
        assert_eq!(short_date(jiff::civil::date(2026, 1, 3)), "3 Jan");
    }
}

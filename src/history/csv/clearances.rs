//! The clearances after pain stops as CSV: one row per clearance line.

use super::{row, text};
use crate::log::{ClearanceRecord, SessionRecord};

/// The header row of [`clearances_csv`].
const HEADER: &str = "date,at,exercise,pain_stop_session,pain_stop_started_at";

/// The clearance lines as CSV (RFC 4180, `\r\n`, header first), oldest
/// first: when the person said they had talked to their physical therapist
/// (`date`, `at`), the exercise it clears, the id of the session whose
/// pain stop it answers and, when that session is in `records`, when it
/// started (empty when not).
pub fn clearances_csv(clearances: &[ClearanceRecord], records: &[SessionRecord]) -> String {
    let mut sorted: Vec<&ClearanceRecord> = clearances.iter().collect();
    sorted.sort_by_key(|c| c.at.timestamp());
    let mut out = format!("{HEADER}\r\n");
    for c in sorted {
        let started = records
            .iter()
            .find(|r| r.id == c.pain_stop_session)
            .map(|r| r.started_at.to_string())
            .unwrap_or_default();
        row(
            &mut out,
            &[
                c.at.date().to_string(),
                c.at.to_string(),
                text(&c.exercise),
                text(&c.pain_stop_session),
                started,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;

    #[test]
    fn one_row_per_clearance_with_its_pain_stop() {
        let stop = rec(
            "2026-11-20T09:00:00+01:00",
            crate::log::Outcome::StoppedForPain,
            3,
        );
        let at = |t: &str| -> crate::log::LocalTimestamp {
            match t.parse() {
                Ok(t) => t,
                Err(e) => panic!("{e}"),
            }
        };
        let clearance = |when: &str, session: &str| ClearanceRecord {
            v: 2,
            kind: Default::default(),
            at: at(when),
            exercise: "head-lifts".into(),
            pain_stop_session: session.into(),
        };
        let csv = clearances_csv(
            &[
                clearance("2026-11-22T10:00:00+01:00", "gone"),
                clearance("2026-11-21T10:00:00+01:00", &stop.id),
            ],
            std::slice::from_ref(&stop),
        );
        assert_eq!(
            csv,
            format!(
                "{HEADER}\r\n2026-11-21,2026-11-21T10:00:00+01:00,head-lifts,{},2026-11-20T09:00:00+01:00\r\n\
2026-11-22,2026-11-22T10:00:00+01:00,head-lifts,gone,\r\n",
                stop.id
            )
        );
    }
}

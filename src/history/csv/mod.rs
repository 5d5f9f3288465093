//! The CSV export, for spreadsheets: [`to_csv`], one row per session (the
//! file `export --csv` has always written, its columns kept in their
//! places), and with `--all` one file for each other kind of log line,
//! each with its own columns: [`daily_checks_csv`] (`daily_checks.rs`),
//! [`clearances_csv`] (`clearances.rs`), [`measures_csv`] (`measures.rs`). A file per kind, rather than rows
//! of every kind in one file with a `kind` column, keeps the sessions file
//! one row per session for the scripts and sheets that read it, and gives
//! each kind columns that fit it instead of a wide file mostly empty.

mod clearances;
mod daily_checks;
mod measures;

use std::fmt::Write as _;

pub use clearances::clearances_csv;
pub use daily_checks::daily_checks_csv;
pub use measures::measures_csv;

use crate::log::SessionRecord;

/// The header row of [`to_csv`].
const HEADER: &str = "date,started_at,ended_at,duration_seconds,routine_id,routine_name,\
times_per_day,outcome,pain_before,pain_after,arm_symptoms,exercises_done,exercises_prescribed,\
exercises_skipped,exercise_details,note,pain_stop_exercise,pain_stop_step,pain_stop_set,\
pain_stop_repetition,pain_stop_direction,pain_stop_seconds_into_step,pain_stop_reason,arm,\
exercise_doses,pain_stop_arm_symptoms_now,pain_stop_arm_now";

/// The records as CSV (RFC 4180, `\r\n` line ends, header first), one row per
/// session, oldest first.
///
/// `exercises_done` counts exercises done in full and not skipped;
/// `exercise_details` lists each as `id done/prescribed` (`skipped` when
/// skipped), separated by `; `. Text that a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, after any white space) gets a
/// leading `'`. The `pain_stop_` columns (last, so the earlier ones keep
/// their places) say where a session stopped for pain was; they are empty
/// for other sessions and for version-1 records. After them, `arm` (where
/// arm symptoms were at the check-in: `none`, `in_arm`, `further_down`;
/// empty for older records) and `exercise_doses`, the dose each exercise
/// ran with, as `id repetitions=6 hold_seconds=5 sets=1` separated by `; `
/// (empty for older records). Last, the answer after a pain stop:
/// `pain_stop_arm_symptoms_now`, whether there were arm symptoms (`true`,
/// `false`; empty when not answered), and `pain_stop_arm_now`, where they
/// were (`none`, `in_arm`, `further_down`; empty when not answered and for
/// records from before it was asked, which have only the first).
pub fn to_csv(records: &[SessionRecord]) -> String {
    let mut sorted: Vec<&SessionRecord> = records.iter().collect();
    sorted.sort_by_key(|r| r.started_at.timestamp());
    let mut out = String::with_capacity(64 + records.len() * 200);
    out.push_str(HEADER);
    out.push_str("\r\n");
    for r in sorted {
        let done_in_full = r
            .exercises
            .iter()
            .filter(|e| !e.skipped && e.done >= e.prescribed)
            .count();
        let skipped = r.exercises.iter().filter(|e| e.skipped).count();
        let details: Vec<String> = r
            .exercises
            .iter()
            .map(|e| {
                let skipped = if e.skipped { " skipped" } else { "" };
                format!("{} {}/{}{skipped}", e.id, e.done, e.prescribed)
            })
            .collect();
        let pain =
            |p: Option<crate::log::PainScore>| p.map(|p| p.get().to_string()).unwrap_or_default();
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let stop = r.pain_stop.as_ref();
        let fields = [
            r.started_at.date().to_string(),
            r.started_at.to_string(),
            r.ended_at.to_string(),
            r.started_at.seconds_until(&r.ended_at).to_string(),
            text(&r.routine.id),
            text(&r.routine.name),
            r.routine.times_per_day.to_string(),
            r.outcome.as_str().to_owned(),
            pain(r.pain_before),
            pain(r.pain_after),
            r.arm_symptoms.to_string(),
            done_in_full.to_string(),
            r.exercises.len().to_string(),
            skipped.to_string(),
            text(&details.join("; ")),
            text(&r.note),
            stop.map(|s| text(&s.exercise)).unwrap_or_default(),
            stop.map(|s| s.step.as_str().to_owned()).unwrap_or_default(),
            number(stop.and_then(|s| s.set)),
            number(stop.and_then(|s| s.repetition)),
            stop.and_then(|s| s.direction.as_deref())
                .map(text)
                .unwrap_or_default(),
            stop.map(|s| format!("{:.1}", s.seconds_into_step.as_secs_f64()))
                .unwrap_or_default(),
            stop.map(|s| s.reason.as_str().to_owned())
                .unwrap_or_default(),
            r.arm.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            text(&doses(r)),
            stop.and_then(|s| s.any_arm_symptoms_now())
                .map(|any| any.to_string())
                .unwrap_or_default(),
            stop.and_then(|s| s.arm_now)
                .map(|a| a.as_str().to_owned())
                .unwrap_or_default(),
        ];
        row(&mut out, &fields);
    }
    out
}

/// One row of `fields`, each quoted where needed, ended by `\r\n`.
fn row(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}", quote(field));
    }
    out.push_str("\r\n");
}

/// The dose each exercise of `record` ran with, where the record says.
fn doses(record: &SessionRecord) -> String {
    let each: Vec<String> = record
        .exercises
        .iter()
        .filter_map(|e| {
            let dose = e.dose.as_ref()?;
            let numbers: Vec<String> = [
                ("repetitions", dose.repetitions),
                ("hold_seconds", dose.hold_seconds),
                ("sets", dose.sets),
                ("minutes", dose.minutes),
            ]
            .into_iter()
            .filter_map(|(key, n)| Some(format!("{key}={}", n?)))
            .collect();
            Some(format!("{} {}", e.id, numbers.join(" ")))
        })
        .collect();
    each.join("; ")
}

/// Free text, defused against spreadsheet formulas: text whose first
/// character that is not white space starts a formula (spreadsheets skip
/// the leading spaces, tabs and line breaks), or that starts with a tab or
/// carriage return.
fn text(value: &str) -> String {
    if value.trim_start().starts_with(['=', '+', '-', '@']) || value.starts_with(['\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A field quoted when it holds a comma, quote or line break.
fn quote(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains([',', '"', '\n', '\r']) {
        std::borrow::Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        std::borrow::Cow::Borrowed(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;
    use crate::log::Outcome::{Completed, StoppedForPain};

    #[test]
    fn one_row_per_session_oldest_first_with_quoting() {
        let mut pain = rec("2026-11-21T09:00:00+01:00", StoppedForPain, 3);
        pain.note = "arm tingling, \"sharp\"\nstopped".into();
        let done = rec("2026-11-20T09:00:00+01:00", Completed, 3);
        let csv = to_csv(&[pain, done]);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows.len(), 4, "header, two rows, trailing empty: {csv:?}");
        assert_eq!(rows.first().copied(), Some(HEADER));
        assert_eq!(
            rows.get(1).copied(),
            Some(
                "2026-11-20,2026-11-20T09:00:00+01:00,2026-11-20T09:10:00+01:00,600,daily,\
Daily neck routine,3,completed,4,3,false,1,1,0,chin-tuck 10/10,,,,,,,,,,,,"
            )
        );
        assert!(
            csv.contains(",\"arm tingling, \"\"sharp\"\"\nstopped\",,,,,,,,,,,\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn a_pain_stop_fills_the_pain_stop_columns() {
        let mut pain = rec("2026-11-21T09:00:00+01:00", StoppedForPain, 3);
        pain.pain_stop = Some(Box::new(crate::log::PainStop {
            exercise: "head-lifts".into(),
            step: crate::log::StopStep::Hold,
            set: Some(1),
            repetition: Some(2),
            direction: Some("left".into()),
            seconds_into_step: crate::log::Seconds::from_duration(
                std::time::Duration::from_millis(3400),
            ),
            reason: crate::log::StopReason::ArmSymptoms,
            arm_symptoms_now: Some(true),
            arm_now: None,
        }));
        // A record from before the app asked where: only the yes/no.
        let old = to_csv(std::slice::from_ref(&pain));
        assert!(
            old.ends_with(",head-lifts,hold,1,2,left,3.4,arm_symptoms,,,true,\r\n"),
            "{old}"
        );
        if let Some(stop) = pain.pain_stop.as_mut() {
            stop.answer_arm_now(
                Some(crate::checkin::ArmSymptoms::InArm),
                Some(crate::checkin::ArmSymptoms::FurtherDown),
            );
        }
        let csv = to_csv(&[pain]);
        assert!(
            csv.ends_with(",head-lifts,hold,1,2,left,3.4,arm_symptoms,,,true,further_down\r\n"),
            "{csv}"
        );
        let columns = HEADER.split(',').count();
        for row in old
            .split("\r\n")
            .chain(csv.split("\r\n"))
            .filter(|r| !r.is_empty())
        {
            assert_eq!(row.split(',').count(), columns, "{row}");
        }
    }

    #[test]
    fn the_columns_before_the_answer_after_a_stop_keep_their_places() {
        // The header as it was before the two columns of the answer after
        // a pain stop: a spreadsheet made from it finds every column where
        // it was.
        const BEFORE: &str = "date,started_at,ended_at,duration_seconds,routine_id,\
routine_name,times_per_day,outcome,pain_before,pain_after,arm_symptoms,exercises_done,\
exercises_prescribed,exercises_skipped,exercise_details,note,pain_stop_exercise,pain_stop_step,\
pain_stop_set,pain_stop_repetition,pain_stop_direction,pain_stop_seconds_into_step,\
pain_stop_reason,arm,exercise_doses";
        assert_eq!(
            HEADER.strip_suffix(",pain_stop_arm_symptoms_now,pain_stop_arm_now"),
            Some(BEFORE)
        );
    }

    #[test]
    fn formulas_after_white_space_are_defused() {
        let cases = [
            ("=1+1", "'=1+1"),
            (" =1+1", "' =1+1"),
            ("\t=1+1", "'\t=1+1"),
            ("\n+1", "'\n+1"),
            ("\r\n -1", "'\r\n -1"),
            ("  @SUM(A1)", "'  @SUM(A1)"),
            ("\u{a0}=1", "'\u{a0}=1"),
            ("\t plain", "'\t plain"),
            ("plain = text", "plain = text"),
            (" plain", " plain"),
            ("\nplain", "\nplain"),
            ("", ""),
        ];
        for (value, defused) in cases {
            assert_eq!(text(value), defused, "{value:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn no_cell_starts_a_formula(
            space in "[ \t\r\n]{0,4}",
            sign in "[=+@-]",
            rest in ".{0,20}",
        ) {
            let cell = text(&format!("{space}{sign}{rest}"));
            proptest::prop_assert!(cell.starts_with('\''), "{cell:?}");
        }

        #[test]
        fn other_text_is_kept(value in "[^=+@\\-\t\r\n ].{0,20}") {
            proptest::prop_assume!(!value.trim_start().starts_with(['=', '+', '-', '@']));
            proptest::prop_assert_eq!(text(&value), value);
        }
    }

    #[test]
    fn formulas_are_defused() {
        let mut r = rec("2026-11-20T09:00:00+01:00", Completed, 3);
        r.note = "=HYPERLINK(\"x\")".into();
        assert!(to_csv(&[r]).contains(",\"'=HYPERLINK(\"\"x\"\")\",,,,,,,,,,,\r\n"));
    }

    #[test]
    fn the_arm_answer_and_each_dose_ran_are_the_last_columns() {
        let mut r = rec("2026-11-20T09:00:00+01:00", Completed, 3);
        r.arm = Some(crate::checkin::ArmSymptoms::FurtherDown);
        if let Some(e) = r.exercises.first_mut() {
            e.dose = Some(crate::log::DoseRan {
                hold_seconds: Some(5),
                repetitions: Some(6),
                sets: Some(1),
                minutes: None,
            });
        }
        let csv = to_csv(&[r]);
        assert!(
            csv.ends_with(",further_down,chin-tuck repetitions=6 hold_seconds=5 sets=1,,\r\n"),
            "{csv}"
        );
    }
}

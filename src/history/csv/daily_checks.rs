//! The daily checks as CSV: one row per daily check line.

use super::{row, text};
use crate::checkin::{MorningComparison, WarningSign};
use crate::log::DailyCheckRecord;

/// The header row of [`daily_checks_csv`]: after the fixed columns, one
/// column per warning sign this version asks, by its id.
fn header() -> String {
    let mut columns = vec![
        "date",
        "at",
        "compared_with_yesterday",
        "any_yes",
        "cleared_by_clinician_at",
    ];
    columns.extend(WarningSign::ALL.iter().map(|s| s.id()));
    columns.push("other_yes");
    columns.join(",")
}

/// The daily check lines as CSV (RFC 4180, `\r\n`, header first), one row
/// per line, by date, the lines of a date in the log's order (a date
/// answered and then cleared has two rows: for a date, the last counts).
///
/// `compared_with_yesterday` is `better`, `same` or `worse` (empty when
/// not asked); `any_yes` is `true` or `false`; each warning sign's column
/// is `yes`, `no`, or empty when the line does not answer it; `other_yes`
/// lists the ids of questions answered yes that this version does not
/// know, separated by `; `.
pub fn daily_checks_csv(checks: &[DailyCheckRecord]) -> String {
    let mut sorted: Vec<&DailyCheckRecord> = checks.iter().collect();
    // By date; the lines of a date in the log's order (the last counts).
    sorted.sort_by_key(|c| c.date);
    let mut out = header();
    out.push_str("\r\n");
    for c in sorted {
        let mut fields = vec![
            c.date.to_string(),
            c.at.to_string(),
            c.compared_with_yesterday
                .map(|m| morning(m).to_owned())
                .unwrap_or_default(),
            c.any_yes().to_string(),
            c.cleared_by_clinician_at
                .map(|t| t.to_string())
                .unwrap_or_default(),
        ];
        for sign in WarningSign::ALL {
            let answer = c.answers.iter().rev().find(|a| a.question == sign.id());
            fields.push(match answer {
                Some(a) if a.yes => "yes".to_owned(),
                Some(_) => "no".to_owned(),
                None => String::new(),
            });
        }
        let other: Vec<&str> = c
            .answers
            .iter()
            .filter(|a| a.yes && WarningSign::from_id(&a.question).is_none())
            .map(|a| a.question.as_str())
            .collect();
        fields.push(text(&other.join("; ")));
        row(&mut out, &fields);
    }
    out
}

/// The answer's name in the log: `better`, `same`, `worse`.
fn morning(m: MorningComparison) -> &'static str {
    match m {
        MorningComparison::Better => "better",
        MorningComparison::Same => "same",
        MorningComparison::Worse => "worse",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::day;

    #[test]
    fn one_row_per_line_with_each_sign_in_its_column() {
        let at: crate::log::LocalTimestamp = match "2026-11-20T08:00:00+01:00".parse() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        let mut check =
            DailyCheckRecord::new(day(2026, 11, 20), at, &[WarningSign::BladderOrBowel]);
        check.compared_with_yesterday = Some(MorningComparison::Worse);
        check.answers.push(crate::log::Answer {
            question: "=new_question".into(),
            yes: true,
        });
        let mut cleared = check.clone();
        cleared.cleared_by_clinician_at = Some(at);
        let csv = daily_checks_csv(&[check, cleared]);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            rows.first().copied(),
            Some(
                "date,at,compared_with_yesterday,any_yes,cleared_by_clinician_at,\
worsening_weakness_or_numbness,bladder_or_bowel,fever_chills_weight_loss,\
pain_not_better_after_two_weeks,other_yes"
            )
        );
        assert_eq!(
            rows.get(1).copied(),
            Some("2026-11-20,2026-11-20T08:00:00+01:00,worse,true,,no,yes,no,no,'=new_question"),
            "{csv}"
        );
        assert_eq!(
            rows.get(2).copied(),
            Some(
                "2026-11-20,2026-11-20T08:00:00+01:00,worse,true,2026-11-20T08:00:00+01:00,no,yes,no,no,'=new_question"
            )
        );
    }
}

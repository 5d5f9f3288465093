//! The course over the whole log, month by month: adherence, where arm
//! symptoms were at the check-ins, and the morning answers against the
//! morning before.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use super::super::days::Days;
use super::super::percent;
use super::super::summary::percent_text;
use super::charts::month_name;
use super::tables::{END, head};
use crate::checkin::{ArmSymptoms, MorningComparison};
use crate::log::{DailyCheckRecord, SessionRecord};

/// The figures of one calendar month.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Month {
    /// Sessions prescribed on the month's counted days.
    pub prescribed: u32,
    /// Completed sessions, at most the prescribed number a day.
    pub done: u32,
    /// Sessions of any outcome.
    pub sessions: u32,
    /// Sessions stopped for pain.
    pub pain_stops: u32,
    /// Days counted (from the first recorded day to today).
    pub days: u32,
    /// Check-ins with no arm symptoms.
    pub arm_none: u32,
    /// Check-ins with symptoms in the arm.
    pub arm_in: u32,
    /// Check-ins with symptoms further down the arm than before.
    pub arm_further: u32,
    /// Check-ins with arm symptoms whose record does not say where (before
    /// the app asked).
    pub arm_unplaced: u32,
    /// Mornings better than the one before.
    pub better: u32,
    /// Mornings the same as the one before.
    pub same: u32,
    /// Mornings worse than the one before.
    pub worse: u32,
}

/// The months of the log up to `today`, oldest first, keyed by (year,
/// month). `days` is the day table of the records up to `today`.
pub(crate) fn months(
    days: &Days,
    records: &[SessionRecord],
    checks: &[DailyCheckRecord],
    today: Date,
) -> BTreeMap<(i16, i8), Month> {
    let mut out: BTreeMap<(i16, i8), Month> = BTreeMap::new();
    let key = |d: Date| (d.year(), d.month());
    for row in days.rows() {
        let m = out.entry(key(row.date)).or_default();
        m.prescribed += row.prescribed;
        m.done += row.done_capped();
        m.sessions += row.sessions;
        m.pain_stops += row.pain_stops;
        m.days += 1;
    }
    for r in records.iter().filter(|r| r.started_at.date() <= today) {
        let m = out.entry(key(r.started_at.date())).or_default();
        match (r.arm, r.arm_symptoms) {
            (Some(ArmSymptoms::None), _) | (None, false) => m.arm_none += 1,
            (Some(ArmSymptoms::InArm), _) => m.arm_in += 1,
            (Some(ArmSymptoms::FurtherDown), _) => m.arm_further += 1,
            (None, true) => m.arm_unplaced += 1,
        }
    }
    // A date's last answer counts.
    let mut mornings: BTreeMap<Date, MorningComparison> = BTreeMap::new();
    for c in checks.iter().filter(|c| c.date <= today) {
        if let Some(answer) = c.compared_with_yesterday {
            mornings.insert(c.date, answer);
        }
    }
    for (date, answer) in mornings {
        let m = out.entry(key(date)).or_default();
        match answer {
            MorningComparison::Better => m.better += 1,
            MorningComparison::Same => m.same += 1,
            MorningComparison::Worse => m.worse += 1,
        }
    }
    out
}

fn month_words((year, month): (i16, i8)) -> String {
    format!("{} {year}", month_name(month))
}

/// Adherence month by month over the whole log.
pub(super) fn adherence_section(html: &mut String, months: &BTreeMap<(i16, i8), Month>) {
    html.push_str("<section>\n<h2>Adherence by month</h2>\n");
    if months.values().all(|m| m.days == 0) {
        html.push_str("<p>No sessions recorded.</p>\n</section>\n");
        return;
    }
    head(
        html,
        &[
            "Month",
            "num:Adherence",
            "num:Completed of prescribed",
            "num:Sessions",
            "num:Stopped for pain",
        ],
    );
    for (key, m) in months.iter().filter(|(_, m)| m.days > 0) {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{} of {}</td>\
<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            month_words(*key),
            percent_text(percent(u64::from(m.done), u64::from(m.prescribed))),
            m.done,
            m.prescribed,
            m.sessions,
            m.pain_stops
        );
    }
    html.push_str(END);
    html.push_str(
        "<p class=\"meta\">Each month from its first recorded day (or the 1st) to its last \
(or today).</p>\n</section>\n",
    );
}

/// Where arm symptoms were at the check-ins, month by month, and the
/// latest answer.
pub(super) fn arm_section(
    html: &mut String,
    months: &BTreeMap<(i16, i8), Month>,
    records: &[SessionRecord],
    today: Date,
) {
    html.push_str("<section>\n<h2>Arm symptoms at the check-ins</h2>\n");
    let latest = records
        .iter()
        .filter(|r| r.started_at.date() <= today)
        .max_by_key(|r| r.started_at.timestamp());
    let Some(latest) = latest else {
        html.push_str("<p>No check-in recorded.</p>\n</section>\n");
        return;
    };
    let words = match (latest.arm, latest.arm_symptoms) {
        (Some(arm), _) => arm.words(),
        (None, true) => "Symptoms (where not recorded)",
        (None, false) => "None",
    };
    let last_further = records
        .iter()
        .filter(|r| r.started_at.date() <= today && r.arm == Some(ArmSymptoms::FurtherDown))
        .map(|r| r.started_at.date())
        .max();
    let _ = writeln!(
        html,
        "<p>Latest ({}): {}. {}</p>",
        latest.started_at.date(),
        words.to_lowercase(),
        last_further.map_or_else(
            || "Never further down the arm than before.".to_owned(),
            |d| format!("Last further down the arm than before: {d}.")
        )
    );
    head(
        html,
        &[
            "Month",
            "num:None",
            "num:In the arm",
            "num:Further down than before",
            "num:Yes, where not recorded",
        ],
    );
    for (key, m) in months {
        if m.arm_none + m.arm_in + m.arm_further + m.arm_unplaced == 0 {
            continue;
        }
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            month_words(*key),
            m.arm_none,
            m.arm_in,
            m.arm_further,
            m.arm_unplaced
        );
    }
    html.push_str(END);
    html.push_str(
        "<p class=\"meta\">Check-ins (one a session) by the answer given.</p>\n</section>\n",
    );
}

/// The morning answers against the morning before, month by month.
pub(super) fn mornings_section(html: &mut String, months: &BTreeMap<(i16, i8), Month>) {
    html.push_str("<section>\n<h2>Mornings against the morning before</h2>\n");
    if months.values().all(|m| m.better + m.same + m.worse == 0) {
        html.push_str("<p>No morning answered yet (asked at the first check-in of a day, from the second day on).</p>\n</section>\n");
        return;
    }
    head(html, &["Month", "num:Better", "num:The same", "num:Worse"]);
    for (key, m) in months {
        if m.better + m.same + m.worse == 0 {
            continue;
        }
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            month_words(*key),
            m.better,
            m.same,
            m.worse
        );
    }
    html.push_str(END);
    html.push_str(
        "<p class=\"meta\">Neck and arm pain in the morning against the morning before, one \
answer a day.</p>\n</section>\n",
    );
}

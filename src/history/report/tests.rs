//! The report's unit tests.

use super::*;
use crate::history::summary;
use crate::history::test_support::{day, done_in_full, rec};
use crate::log::Outcome::{Completed, StoppedForPain};

fn sample() -> Vec<SessionRecord> {
    let mut stop = rec("2026-11-20T09:00:00+01:00", StoppedForPain, 2);
    stop.note = "<script>alert('x')</script> & more".into();
    let mut stop2 = rec("2026-11-21T09:00:00+01:00", StoppedForPain, 2);
    stop2.routine.name = "Neck \"daily\"".into();
    stop2.pain_stop = Some(Box::new(crate::log::PainStop {
        exercise: "chin-tuck".into(),
        step: crate::log::StopStep::Rest,
        set: Some(2),
        repetition: Some(3),
        direction: None,
        seconds_into_step: crate::log::Seconds::default(),
        reason: crate::log::StopReason::Pain,
        arm_symptoms_now: None,
        arm_now: None,
    }));
    let mut done = rec("2026-11-19T09:00:00+01:00", Completed, 2);
    done.note = "Easier today".into();
    vec![done, stop, stop2]
}

fn name(id: &str) -> String {
    if id == "chin-tuck" {
        "Chin tuck".to_owned()
    } else {
        id.to_owned()
    }
}

fn report(records: &[SessionRecord], checks: &[DailyCheckRecord], today: Date) -> String {
    let input = ReportInput {
        records,
        daily_checks: checks,
        clearances: &[],
        measures: &[],
        names: &name,
        doses: &[],
    };
    report_html(&input, &summary(records, today), today)
}

#[test]
fn report_is_self_contained_escaped_and_carries_the_disclaimer() {
    let records = sample();
    let today = day(2026, 11, 21);
    let html = report(&records, &[], today);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Not medical advice."));
    assert!(html.contains("physical therapist or doctor"));
    assert!(!html.contains("physiotherapist"));
    assert!(html.contains(&esc(PAIN_STOP_WARNING)));
    assert!(!html.contains("<script"), "note must be escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("Neck &quot;daily&quot;"));
    assert_eq!(html.matches("<svg").count(), 2);
    assert!(
        !html.contains("http://")
            || !html
                .replace("http://www.w3.org/2000/svg", "")
                .contains("http://")
    );
    assert!(!html.contains("https://"));
    assert!(!html.contains("src="));
}

#[test]
fn every_note_the_stop_place_the_signs_and_names_are_shown() {
    let records = sample();
    let today = day(2026, 11, 21);
    let at = |t: &str| -> crate::log::LocalTimestamp {
        match t.parse() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    };
    let mut check = DailyCheckRecord::new(
        day(2026, 11, 20),
        at("2026-11-20T08:00:00+01:00"),
        &[crate::checkin::WarningSign::FeverChillsWeightLoss],
    );
    let first = check.clone();
    check.cleared_by_clinician_at = Some(at("2026-11-20T17:30:00+01:00"));
    let html = report(&records, &[first, check], today);
    // A note of a completed session, with its date.
    assert!(html.contains("<td>2026-11-19 09:00</td><td>Completed</td><td>Easier today</td>"));
    assert!(html.contains("Chin tuck, a rest (set 2, repetition 3), 0.0 s in"));
    assert!(html.contains("not recorded"), "a v1 stop says so");
    assert!(html.contains("Fever, chills, or unexplained weight loss with neck pain"));
    assert!(html.contains("2026-11-20 17:30"));
    assert!(
        html.contains("<td>Chin tuck</td>"),
        "exercise rows show names"
    );
}

/// The dates under the chart: one day in the middle, a week day by day,
/// a long stretch in about six labels, never more than eight.
#[test]
fn chart_labels_fit_for_one_seven_and_400_days() {
    let first = day(2026, 1, 1);
    assert_eq!(charts::axis_dates(first, 0), vec![first]);
    assert_eq!(charts::axis_dates(first, 6).len(), 7);
    let long = charts::axis_dates(first, 399);
    assert!((5..=8).contains(&long.len()), "{}", long.len());
    let one = report(
        &[rec("2026-11-21T09:00:00+01:00", Completed, 2)],
        &[],
        day(2026, 11, 21),
    );
    // The one day sits in the middle of the plot, not on its edge.
    let middle = 36.0 + (720.0 - 36.0 - 16.0) / 2.0;
    assert!(one.contains(&format!("cx=\"{middle:.1}\"")), "{one}");
}

#[test]
fn doses_and_their_changes_are_in_the_report() {
    let library = crate::routine::Library::builtin();
    let text = r#"{ "id": "daily", "name": "Daily", "times_per_day": 3, "items": [
      { "exercise": "head-lifts",
        "progression": { "step": { "repetitions": 1 }, "up_to": { "repetitions": 8 },
                         "down_to": { "repetitions": 3 }, "after_good_sessions": 1 } } ] }"#;
    let routine = crate::routine::parse_routine("r.json", text.as_bytes(), &library)
        .unwrap_or_else(|p| panic!("{p}"));
    let mut good = rec("2026-11-20T09:00:00+01:00", Completed, 3);
    good.exercises = vec![done_in_full("head-lifts", 5)];
    let records = [good];
    let doses = crate::doses::doses_in_effect(
        &routine,
        crate::doses::DoseLog {
            records: &records,
            ..Default::default()
        },
        day(2026, 11, 21),
    );
    let html = report_html(
        &ReportInput {
            records: &records,
            daily_checks: &[],
            clearances: &[],
            measures: &[],
            names: &name,
            doses: &doses,
        },
        &summary(&records, day(2026, 11, 21)),
        day(2026, 11, 21),
    );
    assert!(
        html.contains("<h2>Doses by the progression rule</h2>"),
        "{html}"
    );
    assert!(html.contains(
        "<tr><td>2026-11-20</td><td>head-lifts</td><td>5 repetitions</td><td>6 repetitions</td><td>1 good session in a row</td></tr>"
    ), "{html}");
    assert!(html.contains("Hold 5 s, 6 times (0 good sessions of 1 towards the next step)"));
}

#[test]
fn report_without_records_still_renders() {
    let today = day(2026, 11, 21);
    let html = report(&[], &[], today);
    assert!(html.contains("No pain ratings recorded."));
    assert!(html.contains("Not medical advice."));
    assert!(html.ends_with("</html>\n"));
}

/// A holiday breaks the pain chart's lines: two stretches of days give
/// two lines a series, never one across the days without data.
#[test]
fn the_pain_chart_breaks_at_days_without_ratings() {
    let records: Vec<SessionRecord> = [
        "2026-10-01",
        "2026-10-02",
        "2026-10-03",
        "2026-10-20",
        "2026-10-21",
    ]
    .iter()
    .map(|d| rec(&format!("{d}T09:00:00+01:00"), Completed, 1))
    .collect();
    let html = report(&records, &[], day(2026, 10, 21));
    assert_eq!(html.matches("<polyline").count(), 4, "{html}");
}

/// Each pain stop says when it was cleared, or that it was not.
#[test]
fn each_pain_stop_says_when_it_was_cleared() {
    let records = sample();
    let at = |t: &str| -> crate::log::LocalTimestamp {
        match t.parse() {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        }
    };
    let clearance = ClearanceRecord {
        v: 2,
        kind: Default::default(),
        at: at("2026-11-22T10:05:00+01:00"),
        exercise: "chin-tuck".into(),
        pain_stop_session: records.get(2).map(|r| r.id.clone()).unwrap_or_default(),
    };
    let input = ReportInput {
        records: &records,
        daily_checks: &[],
        clearances: std::slice::from_ref(&clearance),
        measures: &[],
        names: &name,
        doses: &[],
    };
    let today = day(2026, 11, 22);
    let html = report_html(&input, &summary(&records, today), today);
    assert!(
        html.contains("<td class=\"nowrap\">2026-11-22 10:05</td>"),
        "{html}"
    );
    assert!(html.contains("– (exercise not recorded)"), "the v1 stop");
    let html = report(&records, &[], today);
    assert!(
        html.contains("<td class=\"nowrap\">not cleared</td>"),
        "{html}"
    );
}

/// Adherence by month covers the whole log, not the last 12 weeks.
#[test]
fn adherence_by_month_covers_the_whole_log() {
    let records = [
        rec("2025-01-15T09:00:00+01:00", Completed, 1),
        rec("2026-11-21T09:00:00+01:00", Completed, 1),
    ];
    let html = report(&records, &[], day(2026, 11, 21));
    assert!(
        html.contains("<td>Jan 2025</td><td class=\"num\">5.9%</td><td class=\"num\">1 of 17</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>Jun 2025</td><td class=\"num\">0.0%</td><td class=\"num\">0 of 30</td>")
    );
    assert!(
        html.contains("<td>Nov 2026</td><td class=\"num\">4.8%</td><td class=\"num\">1 of 21</td>")
    );
}

/// Every table's head repeats on each printed page and rows never split;
/// the pages are headed and numbered.
#[test]
fn printed_pages_are_headed_and_rows_never_split() {
    let html = report(&sample(), &[], day(2026, 11, 21));
    assert!(html.contains("thead{display:table-header-group}"));
    assert!(html.contains("tr,li{break-inside:avoid"));
    assert!(html.contains("@top-left{content:\"Home exercise report, as of 2026-11-21\""));
    assert!(html.contains("counter(page)"));
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("<thead>").count() + 1,
        "every table but the summary's has a head"
    );
}

/// The measures follow the attention list: each in a sentence, its first
/// and latest against the important change, a chart each, and the PSFS
/// activities with their words escaped.
#[test]
fn the_measures_come_after_the_attention_list_escaped() {
    let line = |at: &str, arm: u8, score: u8, groc: &str| -> crate::log::MeasureRecord {
        let text = format!(
            r#"{{"v":2,"kind":"measure","at":"{at}","neck_pain":5,"arm_pain":{arm},
"psfs":[{{"activity":"<b>Reading</b>\u202e in bed","score":{score}}}],"groc":{groc}}}"#
        );
        match serde_json::from_str(&text) {
            Ok(m) => m,
            Err(e) => panic!("{e}: {text}"),
        }
    };
    let measures = [
        line("2026-11-02T09:00:00+01:00", 6, 3, "null"),
        line("2026-11-16T09:00:00+01:00", 3, 6, "4"),
    ];
    let records = sample();
    let input = ReportInput {
        records: &records,
        daily_checks: &[],
        clearances: &[],
        measures: &measures,
        names: &name,
        doses: &[],
    };
    let today = day(2026, 11, 21);
    let html = report_html(&input, &summary(&records, today), today);
    let (Some(attention), Some(measures)) = (
        html.find("<h2>Needs attention</h2>"),
        html.find("<h2>Outcome measures</h2>"),
    ) else {
        panic!("{html}")
    };
    assert!(attention < measures);
    assert!(
        html.contains("<li>Arm pain 6 -&gt; 3 since 2 Nov: a clinically important change.</li>"),
        "{html}"
    );
    assert!(html.contains(
        "<tr><td>Arm pain</td><td class=\"nowrap\">6 (2026-11-02)</td><td class=\"nowrap\">3 (2026-11-16)</td><td class=\"num\">-3</td>"
    ));
    assert!(
        html.contains("&lt;b&gt;Reading&lt;/b&gt;\\u{202e} in bed"),
        "{html}"
    );
    assert!(!html.contains('\u{202e}') && !html.contains("<b>"));
    assert_eq!(
        html.matches("aria-label=\"Arm pain").count(),
        1,
        "a chart per measure"
    );
}

/// Over more than 120 days the chart shows an average per week, and a
/// holiday of three weeks breaks its lines.
#[test]
fn a_long_pain_chart_is_weekly_and_breaks_at_weeks_without_ratings() {
    let first = day(2025, 10, 1);
    let records: Vec<SessionRecord> = (0..400)
        .filter(|n| !(200..221).contains(n))
        .filter_map(|n| first.checked_add(jiff::Span::new().days(n)).ok())
        .map(|d| rec(&format!("{d}T09:00:00+01:00"), Completed, 1))
        .collect();
    let today = day(2026, 11, 4);
    let html = report(&records, &[], today);
    assert!(
        html.contains("<h2>Pain before and after sessions (0–10, average per week)</h2>"),
        "{html}"
    );
    assert_eq!(html.matches("<polyline").count(), 4, "{html}");
    // About 57 weeks of marks a series, not 379 days.
    let marks = html.matches("<circle").count();
    assert!((100..=120).contains(&marks), "{marks}");
}

//! The therapist report: one self-contained, printable HTML page with the
//! summary, the calendar and the pain chart as inline SVG, the pain stops
//! with where they happened, the warning signs and clearances, every note,
//! and the per-exercise completion by name. No scripts, no network, all text
//! escaped.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::calendar::{CALENDAR_WEEKS, CalendarDay, calendar_from};
use super::days::Days;
use super::plural;
use super::summary::percent_text;
use super::{
    DailyPain, ExerciseCompletion, PAIN_STOP_WARNING, PainStopDetail, Summary, WarningSignDay,
    daily_pain, exercise_completion, pain_series, pain_stop_details, pain_stop_warning,
    records_up_to, warning_sign_days,
};
use crate::html::escape as esc;
use crate::log::{DailyCheckRecord, SessionRecord};

/// The line every report carries.
const NOT_MEDICAL_ADVICE: &str = "Not medical advice. This report only shows what was recorded \
in the neckguide app. It does not diagnose anything and does not replace the judgement of a \
physical therapist or doctor.";

/// What a report is made from.
pub struct ReportInput<'a> {
    /// The session records.
    pub records: &'a [SessionRecord],
    /// The daily check lines (warning signs and clearances).
    pub daily_checks: &'a [DailyCheckRecord],
    /// The name of an exercise by id (the id when none is known).
    pub names: &'a dyn Fn(&str) -> String,
    /// The doses in effect of the routine's items with a progression rule,
    /// with every change ([`crate::doses::doses_in_effect`]).
    pub doses: &'a [crate::doses::ItemDose],
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.meta{color:#555;margin:0}
.disclaimer{border:1px solid #999;background:#f6f6f6;padding:.5rem .75rem;font-size:.95rem}
.warning{border:2px solid #b00020;background:#fdecee;color:#7a0015;padding:.6rem .8rem;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e2e2e2;vertical-align:top}
th{background:#f2f2f2}td.num,th.num{text-align:right}
svg{max-width:100%;height:auto}svg text{font-family:inherit}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem;border:1px solid #bbb}
section{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none}.warning{-webkit-print-color-adjust:exact;print-color-adjust:exact}svg,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
";

/// The report of `input` as of `today`, with `summary` (from
/// [`super::summary`], with `unreadable_lines` filled in) as its headline.
pub fn report_html(input: &ReportInput<'_>, summary: &Summary, today: Date) -> String {
    let upto = records_up_to(input.records, today);
    let days = Days::build(&upto, today);
    let calendar = calendar_from(&days, today);
    let daily = daily_pain(&pain_series(&upto));
    let stops = pain_stop_details(&upto, input.names);
    let signs = warning_sign_days(input.daily_checks, today);
    let exercises = exercise_completion(&upto);
    let warning = pain_stop_warning(&upto, today);

    let mut html = String::with_capacity(32 * 1024 + daily.len() * 200);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Home exercise report, {today}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
<h1>Home exercise report</h1>\n<p class=\"meta\">As of {today}. Made by neckguide from the \
session log.</p>\n"
    );
    if let Some(latest) = upto.iter().max_by_key(|r| r.started_at.timestamp()) {
        let _ = writeln!(
            html,
            "<p class=\"meta\">Routine: {} ({} a day)</p>",
            esc(&latest.routine.name),
            plural(latest.routine.times_per_day, "session", "sessions")
        );
    }
    let _ = writeln!(
        html,
        "<p class=\"disclaimer\">{}</p>",
        esc(NOT_MEDICAL_ADVICE)
    );
    if warning {
        let _ = writeln!(
            html,
            "<p class=\"warning\" role=\"alert\">{}</p>",
            esc(PAIN_STOP_WARNING)
        );
    }
    summary_section(&mut html, summary);
    calendar_section(&mut html, &calendar);
    pain_section(&mut html, &daily, &stops);
    stops_section(&mut html, &stops);
    signs_section(&mut html, &signs);
    notes_section(&mut html, &upto);
    exercises_section(&mut html, &exercises, input.names);
    doses_section(&mut html, input.doses, input.names);
    html.push_str("</body>\n</html>\n");
    html
}

fn summary_section(html: &mut String, s: &Summary) {
    let day_text = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
    let rows: [(&str, String); 10] = [
        ("Sessions recorded", s.sessions.to_string()),
        ("Completed", s.completed.to_string()),
        ("Ended early", s.ended_early.to_string()),
        ("Stopped for pain", s.stopped_for_pain.to_string()),
        ("Interrupted", s.interrupted.to_string()),
        (
            "Days with a session",
            format!(
                "{} (from {} to {})",
                s.days_active,
                day_text(s.first_day),
                day_text(s.last_day)
            ),
        ),
        (
            "Current streak",
            plural(s.current_streak_days, "day", "days"),
        ),
        (
            "Adherence, last 7 days",
            percent_text(s.adherence_percent_7d),
        ),
        (
            "Adherence, last 28 days",
            percent_text(s.adherence_percent_28d),
        ),
        (
            "Adherence since the first session",
            percent_text(s.adherence_percent_all),
        ),
    ];
    html.push_str("<section>\n<h2>Summary</h2>\n<table>\n");
    for (label, value) in rows {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            esc(&value)
        );
    }
    html.push_str("</table>\n<p class=\"meta\">Adherence: completed sessions (at most the \
prescribed number per day) divided by prescribed sessions, per day from the first recorded day.</p>\n");
    if s.unreadable_lines > 0 {
        let _ = writeln!(
            html,
            "<p class=\"meta\">{} of the log could not be read and {} not counted.</p>",
            plural(s.unreadable_lines as u64, "line", "lines"),
            if s.unreadable_lines == 1 { "is" } else { "are" }
        );
    }
    html.push_str("</section>\n");
}

/// Colour of a calendar cell.
fn cell_colour(day: &CalendarDay) -> &'static str {
    match day.fraction_done() {
        None => "#f7f7f7",
        Some(f) if f <= 0.0 => "#e4e4e4",
        Some(f) if f < 0.5 => "#c6e48b",
        Some(f) if f < 1.0 => "#7bc96f",
        Some(_) => "#239a3b",
    }
}

fn calendar_section(html: &mut String, calendar: &[CalendarDay]) {
    const CELL: f64 = 16.0;
    const GAP: f64 = 3.0;
    const LEFT: f64 = 34.0;
    const TOP: f64 = 18.0;
    let width = LEFT + CALENDAR_WEEKS as f64 * (CELL + GAP);
    let height = TOP + 7.0 * (CELL + GAP);
    let _ = writeln!(
        html,
        "<section>\n<h2>Calendar, last {CALENDAR_WEEKS} weeks</h2>\n\
<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
role=\"img\" aria-label=\"Sessions done against sessions prescribed per day, last {CALENDAR_WEEKS} weeks\">",
        w = width,
        h = height
    );
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        let y = TOP + f64::from(row) * (CELL + GAP) + CELL - 4.0;
        let _ = writeln!(
            html,
            "<text x=\"0\" y=\"{y}\" font-size=\"11\" fill=\"#555\">{name}</text>"
        );
    }
    for (i, day) in calendar.iter().enumerate() {
        let col = (i / 7) as f64;
        let row = (i % 7) as f64;
        let x = LEFT + col * (CELL + GAP);
        let y = TOP + row * (CELL + GAP);
        // A month's name over the week its 1st falls in (Monday on day 1-7),
        // and over the first week when its month has 10+ days left there.
        let first_week_of_month = day.date.day() <= 7;
        let roomy_first_column = i == 0 && day.date.day() <= 21;
        if i % 7 == 0 && (first_week_of_month || roomy_first_column) {
            let _ = writeln!(
                html,
                "<text x=\"{x}\" y=\"12\" font-size=\"11\" fill=\"#555\">{}</text>",
                month_name(day.date.month())
            );
        }
        let (stroke, stroke_width) = if day.pain_stops > 0 {
            ("#b00020", 2.0)
        } else {
            ("#c8c8c8", 1.0)
        };
        let mut title = day.date.to_string();
        match day.prescribed {
            Some(p) => {
                let _ = write!(title, ": {} of {p} done", day.completed);
            }
            None => title.push_str(": before the first session"),
        }
        if day.pain_stops > 0 {
            let _ = write!(title, ", {} stopped for pain", day.pain_stops);
        }
        let _ = writeln!(
            html,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{CELL}\" height=\"{CELL}\" rx=\"2\" fill=\"{}\" \
stroke=\"{stroke}\" stroke-width=\"{stroke_width}\"><title>{}</title></rect>",
            cell_colour(day),
            esc(&title)
        );
    }
    html.push_str("</svg>\n<p class=\"legend\">");
    for (colour, label) in [
        ("#e4e4e4", "none done"),
        ("#c6e48b", "less than half"),
        ("#7bc96f", "half or more"),
        ("#239a3b", "all prescribed"),
        ("#f7f7f7", "not yet started"),
    ] {
        let _ = write!(
            html,
            "<span><span class=\"swatch\" style=\"background:{colour}\"></span>{label}</span>"
        );
    }
    html.push_str("<span><span class=\"swatch\" style=\"border:2px solid #b00020\"></span>stopped for pain</span></p>\n</section>\n");
}

fn pain_section(html: &mut String, daily: &[DailyPain], stops: &[PainStopDetail]) {
    html.push_str("<section>\n<h2>Pain before and after sessions (0–10, average per day)</h2>\n");
    let (Some(first), Some(last)) = (daily.first(), daily.last()) else {
        html.push_str("<p>No pain ratings recorded.</p>\n</section>\n");
        return;
    };
    const W: f64 = 720.0;
    const H: f64 = 270.0;
    const L: f64 = 36.0;
    const R: f64 = 16.0;
    const T: f64 = 12.0;
    const B: f64 = 58.0;
    let day_no = |d: Date| d.duration_since(first.date).as_hours() as f64 / 24.0;
    let days = day_no(last.date);
    // Half a day of room at each end: one day sits in the middle, and no
    // point lies on the edge.
    let span = days + 1.0;
    let x_of = |d: Date| L + (day_no(d) + 0.5) / span * (W - L - R);
    let y_of = |v: f64| T + (1.0 - v / 10.0) * (H - T - B);
    let _ = writeln!(
        html,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
role=\"img\" aria-label=\"Average pain before and after sessions per day, from {} to {}\">",
        first.date, last.date
    );
    for v in (0..=10).step_by(2) {
        let y = y_of(f64::from(v));
        let _ = writeln!(
            html,
            "<line x1=\"{L}\" x2=\"{x2}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e2e2e2\"/>\
<text x=\"{tx}\" y=\"{ty:.1}\" font-size=\"11\" fill=\"#555\" text-anchor=\"end\">{v}</text>",
            x2 = W - R,
            tx = L - 6.0,
            ty = y + 4.0
        );
    }
    let label_y = H - B + 26.0;
    for date in axis_dates(first.date, days.round() as i64) {
        let x = x_of(date);
        let _ = writeln!(
            html,
            "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{t:.1}\" y2=\"{b:.1}\" stroke=\"#999\"/>\
<text x=\"{x:.1}\" y=\"{label_y}\" font-size=\"11\" fill=\"#555\" text-anchor=\"middle\">{date}</text>",
            t = H - B,
            b = H - B + 4.0
        );
    }
    let draw_points = daily.len() <= 200;
    // Few days: big marks, "before" a ring around "after", so a single day
    // (where no line can be drawn) reads well and equal values both show.
    let (ring, dot) = if daily.len() <= 31 {
        (5.5, 3.5)
    } else {
        (2.2, 2.2)
    };
    for (label, colour, dash, pick) in [
        (
            "before",
            "#d9822b",
            " stroke-dasharray=\"5 3\"",
            (|p: &DailyPain| p.before) as fn(&DailyPain) -> Option<f64>,
        ),
        ("after", "#2b6cd9", "", |p: &DailyPain| p.after),
    ] {
        let mut points = String::new();
        let mut dots = String::new();
        for p in daily {
            let Some(v) = pick(p) else { continue };
            let (x, y) = (x_of(p.date), y_of(v));
            let _ = write!(points, "{x:.1},{y:.1} ");
            if draw_points {
                let mark = if label == "before" {
                    format!("r=\"{ring}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"")
                } else {
                    format!("r=\"{dot}\" fill=\"{colour}\"")
                };
                let _ = write!(
                    dots,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" {mark}><title>{}: pain {label} {v:.1}</title></circle>",
                    p.date
                );
            }
        }
        let _ = writeln!(
            html,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash}/>{dots}",
            points.trim_end()
        );
    }
    for stop in stops {
        let x = x_of(stop.started_at.date());
        let y = H - B + 4.0;
        let _ = writeln!(
            html,
            "<path d=\"M{x:.1},{y:.1} l-4,8 h8 z\" fill=\"#b00020\"><title>{}: stopped for pain</title></path>",
            stop.started_at
        );
    }
    let ly = H - 8.0;
    let _ = writeln!(
        html,
        "<line x1=\"{L}\" x2=\"{x2}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#d9822b\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>\
<text x=\"{t1x}\" y=\"{ty}\" font-size=\"11\">pain before</text>\
<line x1=\"{l2}\" x2=\"{x3}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#2b6cd9\" stroke-width=\"2\"/>\
<text x=\"{t2x}\" y=\"{ty}\" font-size=\"11\">pain after</text>\
<path d=\"M{t3x},{py} l-4,8 h8 z\" fill=\"#b00020\"/><text x=\"{t4x}\" y=\"{ty}\" font-size=\"11\">stopped for pain</text>",
        x2 = L + 24.0,
        t1x = L + 30.0,
        l2 = L + 120.0,
        x3 = L + 144.0,
        t2x = L + 150.0,
        t3x = L + 244.0,
        py = ly - 5.0,
        t4x = L + 254.0,
        ty = ly + 4.0
    );
    html.push_str("</svg>\n</section>\n");
}

/// The dates to label on the chart's axis for a chart of `days + 1` days
/// from `first`: every day up to a week, else about six evenly spaced, so
/// labels never overlap.
fn axis_dates(first: Date, days: i64) -> Vec<Date> {
    let step = if days <= 7 { 1 } else { (days + 5) / 6 };
    (0..=days)
        .step_by(usize::try_from(step).unwrap_or(1).max(1))
        .filter_map(|n| first.checked_add(jiff::Span::new().days(n)).ok())
        .collect()
}

fn stops_section(html: &mut String, stops: &[PainStopDetail]) {
    html.push_str("<section>\n<h2>Sessions stopped for pain</h2>\n");
    if stops.is_empty() {
        html.push_str("<p>None.</p>\n</section>\n");
        return;
    }
    html.push_str(
        "<table>\n<tr><th>When</th><th>Routine</th><th>Where pain got worse</th>\
<th class=\"num\">Pain before</th><th class=\"num\">Pain after</th><th>Arm symptoms</th>\
<th>Note</th></tr>\n",
    );
    let pain = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_else(|| "–".into());
    for stop in stops.iter().rev() {
        let dt = stop.started_at.datetime();
        let _ = writeln!(
            html,
            "<tr><td>{} {:02}:{:02}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            stop.started_at.date(),
            dt.hour(),
            dt.minute(),
            esc(&stop.routine),
            esc(&stop.place_words()),
            pain(stop.pain_before),
            pain(stop.pain_after),
            stop.arm_words().unwrap_or("no"),
            esc(&stop.note)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn signs_section(html: &mut String, signs: &[WarningSignDay]) {
    html.push_str(
        "<section>\n<h2>Warning signs answered yes (\u{201c}When to See a Doctor\u{201d})</h2>\n",
    );
    if signs.is_empty() {
        html.push_str("<p>None recorded.</p>\n</section>\n");
        return;
    }
    html.push_str("<table>\n<tr><th>Date</th><th>Answered yes</th><th>Cleared by a doctor or physical therapist</th></tr>\n");
    for day in signs.iter().rev() {
        let cleared = day.cleared_at.map_or_else(
            || "not cleared".to_owned(),
            |t| {
                let dt = t.datetime();
                format!("{} {:02}:{:02}", t.date(), dt.hour(), dt.minute())
            },
        );
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            day.date.map(|d| d.to_string()).unwrap_or_default(),
            esc(&day.yes_words.join("; ")),
            esc(&cleared)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn notes_section(html: &mut String, records: &[SessionRecord]) {
    html.push_str("<section>\n<h2>Notes</h2>\n");
    let mut notes: Vec<&SessionRecord> = records
        .iter()
        .filter(|r| !r.note.trim().is_empty())
        .collect();
    if notes.is_empty() {
        html.push_str("<p>No notes.</p>\n</section>\n");
        return;
    }
    notes.sort_by_key(|r| std::cmp::Reverse(r.started_at.timestamp()));
    html.push_str("<table>\n<tr><th>When</th><th>Session</th><th>Note</th></tr>\n");
    for r in notes {
        let dt = r.started_at.datetime();
        let _ = writeln!(
            html,
            "<tr><td>{} {:02}:{:02}</td><td>{}</td><td>{}</td></tr>",
            r.started_at.date(),
            dt.hour(),
            dt.minute(),
            esc(r.outcome.label()),
            esc(&r.note)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn exercises_section(
    html: &mut String,
    exercises: &[ExerciseCompletion],
    names: &dyn Fn(&str) -> String,
) {
    html.push_str("<section>\n<h2>Completion per exercise</h2>\n");
    if exercises.is_empty() {
        html.push_str("<p>No exercises recorded.</p>\n</section>\n");
        return;
    }
    html.push_str(
        "<table>\n<tr><th>Exercise</th><th class=\"num\">Sessions</th><th class=\"num\">Done</th>\
<th class=\"num\">Prescribed</th><th class=\"num\">Skipped</th><th class=\"num\">Completion</th></tr>\n",
    );
    for e in exercises {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&names(&e.id)),
            e.sessions,
            e.done,
            e.prescribed,
            e.skipped,
            percent_text(e.percent)
        );
    }
    html.push_str(
        "</table>\n<p class=\"meta\">Done and prescribed are repetitions, or seconds \
for held positions; each session counts at most what was prescribed.</p>\n</section>\n",
    );
}

fn doses_section(
    html: &mut String,
    doses: &[crate::doses::ItemDose],
    names: &dyn Fn(&str) -> String,
) {
    if doses.is_empty() {
        return;
    }
    html.push_str("<section>\n<h2>Doses by the progression rule</h2>\n<ul>\n");
    for item in doses {
        let _ = writeln!(
            html,
            "<li>{}</li>",
            esc(&super::dose_now_words(&names(&item.exercise), item))
        );
    }
    html.push_str("</ul>\n");
    let rows = super::dose_change_rows(doses, names);
    if rows.is_empty() {
        html.push_str("<p>No dose has changed yet.</p>\n</section>\n");
        return;
    }
    html.push_str(
        "<table>\n<tr><th>Date</th><th>Exercise</th><th>From</th><th>To</th><th>Why</th></tr>\n",
    );
    for r in rows {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            r.date,
            esc(&r.exercise),
            esc(&r.from),
            esc(&r.to),
            esc(&r.reason)
        );
    }
    html.push_str("</table>\n</section>\n");
}

fn month_name(month: i8) -> &'static str {
    match month {
        1 => "Jan",
        2 => "Feb",
        3 => "Mar",
        4 => "Apr",
        5 => "May",
        6 => "Jun",
        7 => "Jul",
        8 => "Aug",
        9 => "Sep",
        10 => "Oct",
        11 => "Nov",
        _ => "Dec",
    }
}

#[cfg(test)]
mod tests {
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
        assert_eq!(axis_dates(first, 0), vec![first]);
        assert_eq!(axis_dates(first, 6).len(), 7);
        let long = axis_dates(first, 399);
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
}

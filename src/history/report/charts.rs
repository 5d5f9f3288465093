//! The report's pictures: the calendar of the last weeks and the pain
//! chart, as inline SVG.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::super::calendar::{CALENDAR_WEEKS, CalendarDay};
use super::super::{DailyPain, PainStopDetail};
use crate::html::escape as esc;

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

pub(super) fn calendar_section(html: &mut String, calendar: &[CalendarDay]) {
    const CELL: f64 = 16.0;
    const GAP: f64 = 3.0;
    const LEFT: f64 = 34.0;
    const TOP: f64 = 18.0;
    let width = LEFT + CALENDAR_WEEKS as f64 * (CELL + GAP);
    let height = TOP + 7.0 * (CELL + GAP);
    let _ = writeln!(
        html,
        "<section class=\"keep\">\n<h2>Calendar, last {CALENDAR_WEEKS} weeks</h2>\n\
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

/// Charts over more days than this show an average per week: a point a
/// day would be too many to read.
pub(super) const WEEKLY_AFTER_DAYS: i32 = 120;

/// The averages of `daily` per week (Monday to Sunday), each at the
/// week's Thursday (within `first` and `last`), oldest first: the mean of
/// the days' averages that have a rating.
fn by_week(daily: &[DailyPain], first: Date, last: Date) -> Vec<DailyPain> {
    let mut weeks: std::collections::BTreeMap<Date, [(f64, u32); 2]> = Default::default();
    for day in daily {
        let monday = day
            .date
            .checked_sub(
                jiff::Span::new().days(i64::from(day.date.weekday().to_monday_zero_offset())),
            )
            .unwrap_or(day.date);
        let sums = weeks.entry(monday).or_default();
        for (slot, value) in sums.iter_mut().zip([day.before, day.after]) {
            if let Some(v) = value {
                slot.0 += v;
                slot.1 += 1;
            }
        }
    }
    let average = |(sum, n): (f64, u32)| (n > 0).then(|| sum / f64::from(n));
    weeks
        .into_iter()
        .map(|(monday, [before, after])| DailyPain {
            date: monday
                .checked_add(jiff::Span::new().days(3))
                .unwrap_or(monday)
                .clamp(first, last),
            before: average(before),
            after: average(after),
        })
        .collect()
}

pub(super) fn pain_section(html: &mut String, daily: &[DailyPain], stops: &[PainStopDetail]) {
    let (Some(first), Some(last)) = (daily.first(), daily.last()) else {
        html.push_str(
            "<section class=\"keep\">\n<h2>Pain before and after sessions (0–10)</h2>\n\
<p>No pain ratings recorded.</p>\n</section>\n",
        );
        return;
    };
    let weekly_points;
    let (daily, step, per) = if (last.date - first.date).get_days() > WEEKLY_AFTER_DAYS {
        weekly_points = by_week(daily, first.date, last.date);
        (weekly_points.as_slice(), 7, "week")
    } else {
        (daily, 1, "day")
    };
    let _ = writeln!(
        html,
        "<section class=\"keep\">\n<h2>Pain before and after sessions (0–10, average per {per})</h2>"
    );
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
role=\"img\" aria-label=\"Average pain before and after sessions per {per}, from {} to {}\">",
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
        // A line joins the days next to each other only: a day without a
        // rating breaks it, so no line crosses days without data, and a day
        // alone between gaps gets its mark even when the marks are left
        // out.
        let mut lines: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut dots = String::new();
        let mut previous: Option<Date> = None;
        for p in daily {
            let Some(v) = pick(p) else { continue };
            let (x, y) = (x_of(p.date), y_of(v));
            let next_day = previous.is_some_and(|d| (p.date - d).get_days() <= step);
            match lines.last_mut() {
                Some(line) if next_day => line.push((x, y)),
                _ => lines.push(vec![(x, y)]),
            }
            previous = Some(p.date);
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
        for line in &lines {
            if let [(x, y)] = line.as_slice() {
                if !draw_points {
                    let _ = write!(
                        html,
                        "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"1.5\" fill=\"{colour}\"/>"
                    );
                }
                continue;
            }
            let points: Vec<String> = line.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
            let _ = writeln!(
                html,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{dash}/>",
                points.join(" ")
            );
        }
        html.push_str(&dots);
        html.push('\n');
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
    let _ = writeln!(
        html,
        "</svg>\n<p class=\"meta\">A line joins {per}s next to each other; a gap in it is a {per} \
with no rating.</p>\n</section>"
    );
}

/// The dates to label on the chart's axis for a chart of `days + 1` days
/// from `first`: every day up to a week, else about six evenly spaced, so
/// labels never overlap.
pub(super) fn axis_dates(first: Date, days: i64) -> Vec<Date> {
    let step = if days <= 7 { 1 } else { (days + 5) / 6 };
    (0..=days)
        .step_by(usize::try_from(step).unwrap_or(1).max(1))
        .filter_map(|n| first.checked_add(jiff::Span::new().days(n)).ok())
        .collect()
}

pub(super) fn month_name(month: i8) -> &'static str {
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

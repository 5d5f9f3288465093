//! The report's outcome measures: each measure's sentence, a table of its
//! first and latest values against the minimal important change, a small
//! chart of each over time with its first value and the change that
//! counts marked, and each PSFS activity's scores.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::tables::{END, head};
use crate::history::measures::{
    Measure, MeasurePoint, MeasureSummary, Verdict, psfs_activities, summaries,
};
use crate::html::escape as esc;
use crate::log::MeasureRecord;

/// Points further apart than this are not joined by a line.
const GAP_DAYS: i32 = 21;

fn when(point: &MeasurePoint) -> String {
    point.at.date().to_string()
}

fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::FirstOnly => "first rating only",
        Verdict::Better => "important change, better",
        Verdict::Worse => "important change, worse",
        Verdict::LessThanImportant => "less than important",
    }
}

/// The section, from the measure lines up to `today`.
pub(super) fn measures_section(html: &mut String, records: &[MeasureRecord], today: Date) {
    html.push_str("<section>\n<h2>Outcome measures</h2>\n");
    let all = summaries(records, today);
    if all.is_empty() {
        html.push_str("<p>No outcome measure recorded yet.</p>\n</section>\n");
        return;
    }
    html.push_str("<ul>\n");
    for s in &all {
        let _ = writeln!(html, "<li>{}.</li>", esc(s.sentence()));
    }
    html.push_str("</ul>\n");
    head(
        html,
        &[
            "Measure",
            "First",
            "Latest",
            "num:Change",
            "num:Important change",
            "Verdict",
        ],
    );
    for s in &all {
        let m = s.measure;
        let change = if s.verdict == Verdict::FirstOnly {
            "–".to_owned()
        } else if m == Measure::Groc {
            m.value_text(s.change)
        } else if s.change > 0.0 {
            format!("+{}", m.value_text(s.change))
        } else {
            m.value_text(s.change)
        };
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"nowrap\">{} ({})</td><td class=\"nowrap\">{} ({})</td><td class=\"num\">{}</td>\
<td class=\"num\">{}</td><td>{}</td></tr>",
            esc(s.name),
            m.value_text(s.first.value),
            when(&s.first),
            m.value_text(s.latest.value),
            when(&s.latest),
            esc(&change),
            if m == Measure::Groc {
                "+3 or −3".to_owned()
            } else {
                format!("{:.1}", s.important_change)
            },
            verdict_words(s.verdict)
        );
    }
    html.push_str(END);
    html.push_str(
        "<p class=\"meta\">Pain 0–10 (lower is better), the PSFS mean 0–10 (higher is better), \
the global rating of change −7 to +7 (its change is its latest value). Important change: \
2 points for each pain, 2.0 for the PSFS mean, +3 or −3 for the GROC.</p>\n",
    );
    charts(html, &all);
    activities(html, records, today);
    html.push_str("</section>\n");
}

/// A small chart per measure, on one time axis: the values, the first
/// value (grey line) and where an important change for the better begins
/// (green dashed line).
fn charts(html: &mut String, all: &[MeasureSummary]) {
    const W: f64 = 720.0;
    const H: f64 = 96.0;
    const L: f64 = 150.0;
    const R: f64 = 16.0;
    const T: f64 = 8.0;
    const B: f64 = 18.0;
    let first = all.iter().map(|s| s.first.at.date()).min();
    let last = all.iter().map(|s| s.latest.at.date()).max();
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    let span = ((last - first).get_days() + 1) as f64;
    let x_of = |d: Date| L + (((d - first).get_days() as f64) + 0.5) / span * (W - L - R);
    html.push_str("<div class=\"keep\">\n");
    for s in all {
        let m = s.measure;
        let (low, high) = if m == Measure::Groc {
            (-7.0, 7.0)
        } else {
            (0.0, 10.0)
        };
        let y_of = |v: f64| T + (1.0 - (v - low) / (high - low)) * (H - T - B);
        let better = if m == Measure::Groc {
            m.important_change()
        } else if m.higher_is_better() {
            s.first.value + m.important_change()
        } else {
            s.first.value - m.important_change()
        };
        let _ = writeln!(
            html,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" \
role=\"img\" aria-label=\"{}\">",
            esc(s.sentence())
        );
        let _ = writeln!(
            html,
            "<text x=\"0\" y=\"{:.1}\" font-size=\"12\" fill=\"#1d1d1f\">{}</text>\
<text x=\"0\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\">{} to {}</text>",
            T + 20.0,
            esc(s.name),
            T + 36.0,
            low,
            high
        );
        let _ = writeln!(
            html,
            "<rect x=\"{L}\" y=\"{T}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#e2e2e2\"/>",
            W - L - R,
            H - T - B
        );
        if m != Measure::Groc {
            let y = y_of(s.first.value);
            let _ = writeln!(
                html,
                "<line x1=\"{L}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#999\"/>",
                W - R
            );
        }
        if (low..=high).contains(&better) {
            let y = y_of(better);
            let _ = writeln!(
                html,
                "<line x1=\"{L}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#239a3b\" stroke-dasharray=\"4 3\"/>",
                W - R
            );
        }
        let mut line: Vec<String> = Vec::new();
        let mut previous: Option<Date> = None;
        let flush = |line: &mut Vec<String>, html: &mut String| {
            if line.len() > 1 {
                let _ = writeln!(
                    html,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"#2b6cd9\" stroke-width=\"1.5\"/>",
                    line.join(" ")
                );
            }
            line.clear();
        };
        let mut dots = String::new();
        for p in &s.points {
            let d = p.at.date();
            if previous.is_some_and(|prev| (d - prev).get_days() > GAP_DAYS) {
                flush(&mut line, html);
            }
            previous = Some(d);
            let (x, y) = (x_of(d), y_of(p.value));
            line.push(format!("{x:.1},{y:.1}"));
            let _ = write!(
                dots,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"2.5\" fill=\"#2b6cd9\"><title>{d}: {}</title></circle>",
                m.value_text(p.value)
            );
        }
        flush(&mut line, html);
        html.push_str(&dots);
        // The first and last days under the plot, one date when they are
        // the same day.
        let _ = write!(
            html,
            "<text x=\"{L}\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\">{first}</text>",
            H - 4.0
        );
        if last != first {
            let _ = write!(
                html,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#555\" text-anchor=\"end\">{last}</text>",
                W - R,
                H - 4.0
            );
        }
        html.push_str("</svg>\n");
    }
    html.push_str(
        "<p class=\"legend\"><span>grey line: the first value</span>\
<span>green dashed line: an important change for the better from there</span>\
<span>points more than 3 weeks apart are not joined</span></p>\n</div>\n",
    );
}

/// Each PSFS activity's first and latest score.
fn activities(html: &mut String, records: &[MeasureRecord], today: Date) {
    let list = psfs_activities(records, today);
    if list.is_empty() {
        return;
    }
    html.push_str("<h3>PSFS activities (0 unable, 10 as before the problem)</h3>\n");
    head(
        html,
        &["Activity", "First", "Latest", "num:Change", "num:Ratings"],
    );
    for (name, points) in &list {
        let (Some(first), Some(latest)) = (points.first(), points.last()) else {
            continue;
        };
        let change = latest.value - first.value;
        let _ = writeln!(
            html,
            "<tr><td class=\"wrap\">{}</td><td>{} ({})</td><td>{} ({})</td><td class=\"num\">{}{}</td><td class=\"num\">{}</td></tr>",
            esc(name),
            first.value,
            when(first),
            latest.value,
            when(latest),
            if change > 0.0 { "+" } else { "" },
            change,
            points.len()
        );
    }
    html.push_str(END);
}

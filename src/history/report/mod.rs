//! The therapist report: one self-contained, printable HTML page, read in a
//! minute. At the top what needs attention ([`attention`]), then the
//! summary, adherence by month over the whole log, the calendar and the
//! pain chart as inline SVG, where arm symptoms were, the morning answers,
//! each pain stop with where it happened and when it was cleared, the
//! warning signs, the dose changes, every note and each exercise's
//! completion. No scripts, no network, all text escaped. Printed, it takes
//! as many pages as it needs, each headed with the report's name and date
//! and numbered, each table's head repeated and no row split.
//!
//! By part: `attention.rs` (the list at the top, a model function of its
//! own), `measures.rs` (the outcome measures, from [`crate::history::measures`]), `course.rs` (month by month), `charts.rs` (the SVG pictures),
//! `tables.rs` (the other tables).

mod attention;
mod charts;
mod course;
mod measures;
mod tables;

use std::fmt::Write as _;

use jiff::civil::Date;

pub use attention::{Attention, AttentionInput, AttentionKind, attention};
pub use course::Month;
use course::months;

use super::calendar::calendar_from;
use super::days::Days;
use super::plural;
use super::{
    PAIN_STOP_WARNING, Summary, daily_pain, exercise_completion, pain_series, pain_stop_details,
    pain_stop_warning, records_up_to, warning_sign_days,
};
use crate::html::escape as esc;
use crate::log::{ClearanceRecord, DailyCheckRecord, MeasureRecord, SessionRecord};

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
    /// The clearances after pain stops (the person talked to their
    /// physical therapist).
    pub clearances: &'a [ClearanceRecord],
    /// The outcome measure lines.
    pub measures: &'a [MeasureRecord],
    /// The name of an exercise by id (the id when none is known).
    pub names: &'a dyn Fn(&str) -> String,
    /// The doses in effect of the routine's items with a progression rule,
    /// with every change ([`crate::doses::doses_in_effect`]).
    pub doses: &'a [crate::doses::ItemDose],
}

/// The page's style. On paper: A4 pages, each headed by the report's name
/// and date (`@page` margin boxes, filled in by [`report_html`]) and
/// numbered; a table's head repeats on each page it runs over; no row, no
/// picture and no heading is left alone at a page's foot.
const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
.meta{color:#555;margin:0}
.disclaimer{border:1px solid #999;background:#f6f6f6;padding:.5rem .75rem;font-size:.95rem}
.warning{border:2px solid #b00020;background:#fdecee;color:#7a0015;padding:.6rem .8rem;font-weight:600}
.attention{border:2px solid #b00020;background:#fdecee;color:#4a000d;padding:.4rem .8rem .4rem 2rem;margin:.5rem 0}.attention li{margin:.25rem 0}
.calm{border:1px solid #239a3b;background:#eef8f0;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e2e2e2;vertical-align:top}
th{background:#f2f2f2}td.num,th.num{text-align:right}tbody td:first-child,.nowrap{white-space:nowrap}tbody td.wrap{white-space:normal}td.place{min-width:11rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
thead{display:table-header-group}tr,li{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid;page-break-after:avoid}
svg{max-width:100%;height:auto}svg text{font-family:inherit}
.legend span{display:inline-block;margin-right:1rem;font-size:.85rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-.1rem;border:1px solid #bbb}
.keep,svg{break-inside:avoid;page-break-inside:avoid}
@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{margin-top:1.1rem}.warning,.attention,.calm,th,svg,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
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
    let by_month = months(&days, &upto, input.daily_checks, today);
    let needs = attention(
        AttentionInput {
            records: &upto,
            daily_checks: input.daily_checks,
            clearances: input.clearances,
            names: input.names,
        },
        today,
    );

    let mut html = String::with_capacity(32 * 1024 + daily.len() * 200);
    // The page's head on paper: a date is digits and dashes, safe in CSS.
    let page = format!(
        "@page{{size:A4;margin:16mm 12mm 14mm;\
@top-left{{content:\"Home exercise report, as of {today}\";font:9pt system-ui,sans-serif;color:#555}}\
@top-right{{content:\"neckguide\";font:9pt system-ui,sans-serif;color:#555}}\
@bottom-right{{content:\"Page \" counter(page) \" of \" counter(pages);font:9pt system-ui,sans-serif;color:#555}}}}"
    );
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>Home exercise report, {today}</title>\n<style>{STYLE}{page}\n</style>\n</head>\n<body>\n\
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
    attention_section(&mut html, &needs);
    measures::measures_section(&mut html, input.measures, today);
    tables::summary_section(&mut html, summary);
    course::adherence_section(&mut html, &by_month);
    charts::calendar_section(&mut html, &calendar);
    charts::pain_section(&mut html, &daily, &stops);
    course::arm_section(&mut html, &by_month, &upto, today);
    course::mornings_section(&mut html, &by_month);
    tables::stops_section(&mut html, &stops, input.clearances);
    tables::signs_section(&mut html, &signs);
    tables::doses_section(&mut html, input.doses, input.names);
    tables::notes_section(&mut html, &upto);
    tables::exercises_section(&mut html, &exercises, input.names);
    html.push_str("</body>\n</html>\n");
    html
}

fn attention_section(html: &mut String, needs: &[Attention]) {
    html.push_str("<section>\n<h2>Needs attention</h2>\n");
    if needs.is_empty() {
        html.push_str(
            "<p class=\"calm\">Nothing: a session in the last 3 days, pain not up by 2 over \
14 days, arm symptoms not further down the arm, fewer than 3 bad sessions or mornings in 7 days, \
no warning sign or pain stop waiting to be cleared.</p>\n</section>\n",
        );
        return;
    }
    html.push_str("<ul class=\"attention\">\n");
    for a in needs {
        let _ = writeln!(html, "<li>{}</li>", esc(&a.words));
    }
    html.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests;

//! The report's tables: the summary, the pain stops with their
//! clearances, the warning signs, the notes, each exercise's completion
//! and the doses. Each table's head repeats on every printed page it runs
//! over, and no row is split (the print style in `mod.rs`).

use std::fmt::Write as _;

use jiff::civil::Date;

use super::super::summary::percent_text;
use super::super::{ExerciseCompletion, PainStopDetail, Summary, WarningSignDay, plural};
use crate::html::escape as esc;
use crate::log::{ClearanceRecord, SessionRecord};

/// The head of a table: its column names, `num` for a right-aligned one.
pub(super) fn head(html: &mut String, columns: &[&str]) {
    html.push_str("<table>\n<thead><tr>");
    for c in columns {
        match c.strip_prefix("num:") {
            Some(name) => {
                let _ = write!(html, "<th class=\"num\">{name}</th>");
            }
            None => {
                let _ = write!(html, "<th>{c}</th>");
            }
        }
    }
    html.push_str("</tr></thead>\n<tbody>\n");
}

/// The end of a table begun with [`head`].
pub(super) const END: &str = "</tbody>\n</table>\n";

pub(super) fn summary_section(html: &mut String, s: &Summary) {
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
    html.push_str("<section class=\"keep\">\n<h2>Summary</h2>\n<table>\n<tbody>\n");
    for (label, value) in rows {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            esc(&value)
        );
    }
    html.push_str("</tbody>\n</table>\n<p class=\"meta\">Adherence: completed sessions (at most the \
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

pub(super) fn stops_section(
    html: &mut String,
    stops: &[PainStopDetail],
    clearances: &[ClearanceRecord],
) {
    html.push_str("<section>\n<h2>Sessions stopped for pain</h2>\n");
    if stops.is_empty() {
        html.push_str("<p>None.</p>\n</section>\n");
        return;
    }
    head(
        html,
        &[
            "When",
            "Where pain got worse",
            "Pain before, after",
            "Arm symptoms",
            "Cleared (talked to their physical therapist)",
            "Note",
        ],
    );
    let pain = |p: Option<u8>| p.map(|p| p.to_string()).unwrap_or_else(|| "–".into());
    for stop in stops.iter().rev() {
        let dt = stop.started_at.datetime();
        let _ = writeln!(
            html,
            "<tr><td>{} {:02}:{:02}</td><td class=\"place\">{}</td><td class=\"nowrap\">{} → {}</td><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td></tr>",
            stop.started_at.date(),
            dt.hour(),
            dt.minute(),
            esc(&stop.place_words()),
            pain(stop.pain_before),
            pain(stop.pain_after),
            stop.arm_words().unwrap_or("no"),
            esc(&cleared_words(stop, clearances)),
            esc(&stop.note)
        );
    }
    html.push_str(END);
    html.push_str("</section>\n");
}

pub(super) fn signs_section(html: &mut String, signs: &[WarningSignDay]) {
    html.push_str(
        "<section>\n<h2>Warning signs answered yes (\u{201c}When to See a Doctor\u{201d})</h2>\n",
    );
    if signs.is_empty() {
        html.push_str("<p>None recorded.</p>\n</section>\n");
        return;
    }
    head(
        html,
        &[
            "Date",
            "Answered yes",
            "Cleared by a doctor or physical therapist",
        ],
    );
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
    html.push_str(END);
    html.push_str("</section>\n");
}

pub(super) fn notes_section(html: &mut String, records: &[SessionRecord]) {
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
    head(html, &["When", "Session", "Note"]);
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
    html.push_str(END);
    html.push_str("</section>\n");
}

pub(super) fn exercises_section(
    html: &mut String,
    exercises: &[ExerciseCompletion],
    names: &dyn Fn(&str) -> String,
) {
    html.push_str("<section>\n<h2>Completion per exercise</h2>\n");
    if exercises.is_empty() {
        html.push_str("<p>No exercises recorded.</p>\n</section>\n");
        return;
    }
    head(
        html,
        &[
            "Exercise",
            "num:Sessions",
            "num:Done",
            "num:Prescribed",
            "num:Skipped",
            "num:Completion",
        ],
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
        "</tbody>\n</table>\n<p class=\"meta\">Done and prescribed are repetitions, or seconds \
for held positions; each session counts at most what was prescribed.</p>\n</section>\n",
    );
}

pub(super) fn doses_section(
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
            esc(&super::super::dose_now_words(&names(&item.exercise), item))
        );
    }
    html.push_str("</ul>\n");
    let rows = super::super::dose_change_rows(doses, names);
    if rows.is_empty() {
        html.push_str("<p>No dose has changed yet.</p>\n</section>\n");
        return;
    }
    head(html, &["Date", "Exercise", "From", "To", "Why"]);
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
    html.push_str(END);
    html.push_str("</section>\n");
}

/// When the pain stop `stop` was cleared: the first clearance of its
/// exercise at or after it (its date and time), "not cleared" when none,
/// and for a stop that
/// does not say its exercise (version 1), that it cannot be.
fn cleared_words(stop: &PainStopDetail, clearances: &[ClearanceRecord]) -> String {
    let Some(exercise) = &stop.exercise else {
        return "– (exercise not recorded)".to_owned();
    };
    clearances
        .iter()
        .filter(|c| crate::follow_up::clears(c, exercise, stop.started_at))
        .min_by_key(|c| c.at.timestamp())
        .map_or_else(
            || "not cleared".to_owned(),
            |c| {
                let dt = c.at.datetime();
                format!("{} {:02}:{:02}", c.at.date(), dt.hour(), dt.minute())
            },
        )
}

//! The History screen: a 12-week calendar coloured by sessions done against
//! prescribed, the streak, adherence, pain before and after over time, the
//! pain stops and per-exercise completion. It draws a [`History`] computed
//! once (after loading and after each session), never on every frame.

use egui::{Color32, RichText, Sense, Vec2};
use egui_plot::{HLine, Line, LineStyle, Plot, PlotPoints, Points};

use super::a11y;
use super::action::Action;
use super::widgets::{LOADING_HISTORY, page_ui};
use crate::history::{
    CalendarDay, History, PAIN_STOP_WARNING, pain_trend_words, percent_text, plural,
};

/// How much of a calendar day's sessions were done, drawn by shape as well
/// as colour: nothing prescribed (a dash), none done (an empty box), some
/// (half filled), all (filled). Each edge and fill is at least 3:1 against
/// the page (the colours alone were 1.06:1 apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayDone {
    NotPrescribed,
    None,
    Some,
    All,
}

impl DayDone {
    fn of(day: &CalendarDay) -> Self {
        match day.prescribed {
            None => Self::NotPrescribed,
            Some(_) if day.completed == 0 => Self::None,
            Some(p) if day.completed < p => Self::Some,
            Some(_) => Self::All,
        }
    }

    /// Draws the mark in `rect`: edges in `edge`, fill in `fill`.
    fn paint(self, painter: &egui::Painter, rect: egui::Rect, edge: Color32, fill: Color32) {
        let stroke = egui::Stroke::new(1.5, edge);
        let inside = rect.shrink(2.0);
        match self {
            Self::NotPrescribed => {
                let y = inside.center().y;
                painter.line_segment(
                    [
                        egui::pos2(inside.left() + 5.0, y),
                        egui::pos2(inside.right() - 5.0, y),
                    ],
                    stroke,
                );
            }
            Self::None => {
                painter.rect_stroke(inside, 3.0, stroke, egui::StrokeKind::Inside);
            }
            Self::Some => {
                let lower = egui::Rect::from_min_max(
                    egui::pos2(inside.left(), inside.center().y),
                    inside.max,
                );
                painter.rect_filled(lower, 3.0, fill);
                painter.rect_stroke(inside, 3.0, stroke, egui::StrokeKind::Inside);
            }
            Self::All => {
                painter.rect_filled(inside, 3.0, fill);
                painter.rect_stroke(inside, 3.0, stroke, egui::StrokeKind::Inside);
            }
        }
    }
}

/// Draws the History screen while the log is still being read.
pub fn loading_ui(ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    page_ui(ui, "History", &mut actions, |ui, _| {
        ui.add_space(8.0);
        ui.label(RichText::new(LOADING_HISTORY).size(22.0).strong());
    });
    actions
}

/// Draws the History screen; `exercise_name` turns an id into its name.
pub fn history_ui(
    ui: &mut egui::Ui,
    history: &History,
    clinical: Option<&crate::app::Clinical>,
    doses: &[crate::doses::ItemDose],
    exercise_name: &dyn Fn(&str) -> String,
) -> Vec<Action> {
    let mut actions = Vec::new();
    page_ui(ui, "History", &mut actions, |ui, _| {
        let s = &history.summary;
        if history.pain_stop_warning {
            ui.add_space(6.0);
            ui.label(
                RichText::new(PAIN_STOP_WARNING)
                    .size(20.0)
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "Current streak: {}",
                plural(s.current_streak_days, "day", "days")
            ))
            .size(22.0)
            .strong(),
        );
        ui.label(
            RichText::new(format!(
                "Sessions done against prescribed: last 7 days {}, last 28 days {}, all time {}",
                percent_text(s.adherence_percent_7d),
                percent_text(s.adherence_percent_28d),
                percent_text(s.adherence_percent_all)
            ))
            .size(18.0),
        );
        ui.label(format!(
            "{}: {} completed, {} ended early, {} stopped for pain, {} interrupted",
            plural(s.sessions as u64, "session", "sessions"),
            s.completed,
            s.ended_early,
            s.stopped_for_pain,
            s.interrupted
        ));
        if s.unreadable_lines > 0 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} of the log could not be read (kept in sessions.quarantine.jsonl).",
                    plural(s.unreadable_lines as u64, "line", "lines")
                ),
            );
        }
        ui.add_space(12.0);
        a11y::heading(ui, RichText::new("Last 12 weeks").size(20.0).strong(), 2);
        calendar_ui(ui, history);
        ui.add_space(12.0);
        a11y::heading(
            ui,
            RichText::new("Pain before and after sessions, daily average (0–10)")
                .size(20.0)
                .strong(),
            2,
        );
        pain_chart(ui, history);
        if let Some(clinical) = clinical {
            measures_ui(ui, clinical);
        }
        ui.add_space(12.0);
        a11y::heading(ui, RichText::new("Stopped for pain").size(20.0).strong(), 2);
        let stops = clinical
            .map(|c| c.pain_stops.as_slice())
            .unwrap_or_default();
        if stops.is_empty() {
            ui.label("None.");
        }
        for stop in stops.iter().rev() {
            let pain = |what: &str, p: Option<u8>| {
                p.map_or_else(String::new, |p| format!(", pain {what} {p}"))
            };
            let date = stop.date.map(|d| d.to_string()).unwrap_or_default();
            ui.label(format!(
                "{date} — {}: {}{}{}{}",
                stop.routine,
                stop.place_words(),
                pain("before", stop.pain_before),
                pain("after", stop.pain_after),
                stop.arm_words()
                    .map_or_else(String::new, |words| format!(", {words}"))
            ));
            if !stop.note.is_empty() {
                ui.label(RichText::new(format!("Note: {}", stop.note)).italics());
            }
        }
        ui.add_space(12.0);
        a11y::heading(
            ui,
            RichText::new("Warning signs answered yes")
                .size(20.0)
                .strong(),
            2,
        );
        let signs = clinical
            .map(|c| c.warning_signs.as_slice())
            .unwrap_or_default();
        if signs.is_empty() {
            ui.label("None.");
        }
        for day in signs.iter().rev() {
            let date = day.date.map(|d| d.to_string()).unwrap_or_default();
            let cleared = day.cleared_at.map_or_else(
                || "not cleared".to_owned(),
                |at| format!("cleared {}", at.date()),
            );
            ui.label(format!("{date} — {} ({cleared})", day.yes_words.join("; ")));
        }
        if !doses.is_empty() {
            ui.add_space(12.0);
            a11y::heading(
                ui,
                RichText::new("Doses by the progression rule")
                    .size(20.0)
                    .strong(),
                2,
            );
            for item in doses {
                ui.label(crate::history::dose_now_words(
                    &exercise_name(&item.exercise),
                    item,
                ));
            }
            let rows = crate::history::dose_change_rows(doses, exercise_name);
            if rows.is_empty() {
                ui.label("No dose has changed yet.");
            }
            for r in rows.iter().rev() {
                ui.label(format!(
                    "{} — {}: {} to {}: {}",
                    r.date, r.exercise, r.from, r.to, r.reason
                ));
            }
        }
        ui.add_space(12.0);
        a11y::heading(ui, RichText::new("Per exercise").size(20.0).strong(), 2);
        egui::Grid::new("per-exercise")
            .striped(true)
            .show(ui, |ui| {
                ui.strong("Exercise");
                ui.strong("Sessions");
                ui.strong("Done");
                ui.strong("Skipped");
                ui.end_row();
                for e in &history.exercises {
                    ui.label(exercise_name(&e.id));
                    ui.label(e.sessions.to_string());
                    ui.label(format!(
                        "{} of {} ({})",
                        e.done,
                        e.prescribed,
                        percent_text(e.percent)
                    ));
                    ui.label(e.skipped.to_string());
                    ui.end_row();
                }
            });
    });
    actions
}

/// The outcome measures: each in a sentence against its first value, the
/// minimal important change marked, then its values over time; each PSFS
/// activity's scores.
fn measures_ui(ui: &mut egui::Ui, clinical: &crate::app::Clinical) {
    use crate::history::measures::Verdict;
    ui.add_space(12.0);
    a11y::heading(ui, RichText::new("Outcome measures").size(20.0).strong(), 2);
    if clinical.measures.is_empty() {
        ui.label("None answered yet: they are offered at the check-in every few days.");
        return;
    }
    let short = |at: &crate::log::LocalTimestamp| crate::follow_up::short_date(at.date());
    for summary in &clinical.measures {
        let mut words = RichText::new(summary.sentence()).size(18.0);
        match summary.verdict {
            Verdict::Better => words = words.strong(),
            Verdict::Worse => words = words.strong().color(ui.visuals().warn_fg_color),
            Verdict::FirstOnly | Verdict::LessThanImportant => {}
        }
        ui.label(words);
        if summary.points.len() > 1 {
            measure_chart(ui, summary);
            let values: Vec<String> = summary
                .points
                .iter()
                .map(|p| format!("{} {}", short(&p.at), summary.measure.value_text(p.value)))
                .collect();
            ui.label(format!("Over time: {}", values.join(", ")));
        }
    }
    if !clinical.activities.is_empty() {
        ui.label(RichText::new("Each activity (0 unable, 10 as before the problem):").size(16.0));
        for (name, points) in &clinical.activities {
            let values: Vec<String> = points
                .iter()
                .map(|p| format!("{} {}", short(&p.at), p.value))
                .collect();
            ui.label(format!("{name}: {}", values.join(", ")));
        }
    }
}

/// A measure over time, with dashed lines at its first value and at a
/// clinically important change from it (better), and its sentence as the
/// words a screen reader gets.
fn measure_chart(ui: &mut egui::Ui, summary: &crate::history::MeasureSummary) {
    use crate::history::Measure;
    let m = summary.measure;
    let first_day = summary.first.at.date();
    let points: Vec<[f64; 2]> = summary
        .points
        .iter()
        .map(|p| [f64::from((p.at.date() - first_day).get_days()), p.value])
        .collect();
    let (low, high) = if m == Measure::Groc {
        (-7.0, 7.0)
    } else {
        (0.0, 10.0)
    };
    let first = summary.first.value;
    let important = match m {
        Measure::Groc => m.important_change(),
        _ if m.higher_is_better() => first + m.important_change(),
        _ => first - m.important_change(),
    };
    let chart = Plot::new(("measure-chart", m))
        .height(140.0)
        .sense(Sense::hover())
        .include_y(low)
        .include_y(high)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            first_day
                .checked_add(jiff::Span::new().days(mark.value.round() as i64))
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            if m != Measure::Groc {
                plot.hline(
                    HLine::new("First value", first)
                        .color(BEFORE)
                        .style(LineStyle::dashed_dense()),
                );
            }
            if (low..=high).contains(&important) {
                plot.hline(
                    HLine::new("Clinically important change", important)
                        .color(AFTER)
                        .style(LineStyle::dashed_loose()),
                );
            }
            plot.line(Line::new(m.name(), PlotPoints::from(points.clone())).color(AFTER));
            plot.points(
                Points::new("", PlotPoints::from(points))
                    .radius(3.0)
                    .color(AFTER),
            );
        });
    a11y::describe_graphic(
        ui,
        &chart.response,
        &format!("{} chart", m.name()),
        summary.sentence(),
    );
    let marks = if m == Measure::Groc {
        format!(
            "The dashed line: {}, a clinically important change.",
            m.value_text(important)
        )
    } else if (low..=high).contains(&important) {
        format!(
            "Dashed lines: the first value, {}, and a clinically important change from it, {}.",
            m.value_text(first),
            m.value_text(important)
        )
    } else {
        format!("The dashed line: the first value, {}.", m.value_text(first))
    };
    ui.label(marks);
}

fn calendar_ui(ui: &mut egui::Ui, history: &History) {
    let edge = ui.visuals().text_color();
    let fill = super::style::palette(ui.ctx()).progress_fill;
    let cell = 22.0;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
                ui.add_sized(
                    Vec2::new(34.0, cell),
                    egui::Label::new(RichText::new(name).small()),
                );
            }
        });
        for week in history.calendar.chunks(7) {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                for day in week {
                    let (rect, response) =
                        ui.allocate_exact_size(Vec2::splat(cell), Sense::hover());
                    if day.date <= history.today {
                        DayDone::of(day).paint(ui.painter(), rect, edge, fill);
                    }
                    if day.pain_stops > 0 {
                        ui.painter().circle_filled(
                            rect.center(),
                            4.0,
                            Color32::from_rgb(200, 30, 30),
                        );
                    }
                    if day.date == history.today {
                        ui.painter().rect_stroke(
                            rect,
                            4.0,
                            egui::Stroke::new(2.0, ui.visuals().text_color()),
                            egui::StrokeKind::Inside,
                        );
                    }
                    let text = match day.prescribed {
                        Some(p) => format!(
                            "{}: {} done{}",
                            day.date,
                            crate::plural::of(day.completed, p, "session", "sessions"),
                            if day.pain_stops > 0 {
                                ", stopped for pain"
                            } else {
                                ""
                            }
                        ),
                        None => format!("{}: no sessions", day.date),
                    };
                    a11y::name_shape(&response, &text);
                    response.on_hover_text(text);
                }
            });
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (done, text) in [
            (DayDone::All, "all done"),
            (DayDone::Some, "some done"),
            (DayDone::None, "none done"),
            (DayDone::NotPrescribed, "none prescribed"),
        ] {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(cell), Sense::hover());
            done.paint(ui.painter(), rect, edge, fill);
            ui.label(RichText::new(text).small());
            ui.add_space(8.0);
        }
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(cell), Sense::hover());
        ui.painter()
            .circle_filled(rect.center(), 4.0, Color32::from_rgb(200, 30, 30));
        ui.label(RichText::new("stopped for pain").small());
    });
}

/// The colours of the pain before and after sessions, in the chart.
const BEFORE: Color32 = Color32::from_rgb(200, 90, 30);
const AFTER: Color32 = Color32::from_rgb(30, 110, 180);

fn pain_chart(ui: &mut egui::Ui, history: &History) {
    if history.daily_pain.is_empty() {
        ui.label("No pain ratings yet.");
        return;
    }
    // One point a day (the day's average), so years of sessions stay readable.
    let day0 = history.daily_pain.first().map(|p| p.date);
    let x = |date: jiff::civil::Date| f64::from(day0.map_or(0, |d0| (date - d0).get_days()));
    let series = |pick: fn(&crate::history::DailyPain) -> Option<f64>| -> Vec<[f64; 2]> {
        history
            .daily_pain
            .iter()
            .filter_map(|p| pick(p).map(|v| [x(p.date), v]))
            .collect()
    };
    let words = pain_trend_words(&history.daily_pain);
    let before = series(|p| p.before);
    let after = series(|p| p.after);
    let first = day0;
    let chart = Plot::new("pain-chart")
        .height(220.0)
        // Nothing to do with it by keyboard: not a Tab stop.
        .sense(Sense::hover())
        .include_y(0.0)
        .include_y(10.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| match first {
            Some(d0) => d0
                .checked_add(jiff::Span::new().days(mark.value.round() as i64))
                .map(|d| d.to_string())
                .unwrap_or_default(),
            None => String::new(),
        })
        .show(ui, |plot| {
            plot.line(Line::new("Pain before", PlotPoints::from(before.clone())).color(BEFORE));
            plot.points(
                Points::new("", PlotPoints::from(before))
                    .radius(3.0)
                    .color(BEFORE),
            );
            plot.line(Line::new("Pain after", PlotPoints::from(after.clone())).color(AFTER));
            plot.points(
                Points::new("", PlotPoints::from(after))
                    .radius(3.0)
                    .color(AFTER),
            );
        });
    a11y::describe_graphic(ui, &chart.response, "Pain chart", &words);
    // The legend under the chart, as words: egui_plot's own is a row of
    // 15-pixel buttons that hide a line.
    ui.horizontal_wrapped(|ui| {
        for (colour, text) in [(BEFORE, "Pain before"), (AFTER, "Pain after")] {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(24.0, 16.0), Sense::hover());
            ui.painter().line_segment(
                [rect.left_center(), rect.right_center()],
                egui::Stroke::new(3.0, colour),
            );
            ui.label(text);
            ui.add_space(12.0);
        }
    });
    // The same words for everyone, under the chart.
    ui.label(words);
}

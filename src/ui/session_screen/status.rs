//! The status of the session: the exercise's name, the phase band
//! ([`super::phase_band`]) with the countdown as big as the room allows, the
//! progress bar, the counts and the line of what comes next.

use std::time::Instant;

use egui::RichText;

use super::super::a11y;
use super::super::command::Command;
use super::super::digits::{big_digits, width_per_height};
use super::super::style;
use super::phase_band::{Countdown, PhaseBand};
use super::{Room, text_height};
use crate::plural::plural;
use crate::schedule::{Ending, StepKind};
use crate::session::{PauseReason, Phase, Session};

fn big_clock(seconds: u64) -> String {
    if seconds >= 60 {
        crate::schedule::clock(seconds * 1000)
    } else {
        seconds.to_string()
    }
}

/// The width (points) of `text` at `size` points on one line.
fn text_width(ui: &egui::Ui, text: &str, size: f32) -> f32 {
    egui::WidgetText::from(RichText::new(text).size(size).strong())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Body,
        )
        .size()
        .x
}

/// The most of the phase band's row the countdown takes beside the word.
const COUNTDOWN_SHARE: f32 = 0.45;

/// The exercise's name, the phase band, the countdown and progress, the
/// counts and what comes next, in `room` (points): the countdown takes what
/// the rest leaves; `card_beside` when the next exercise, in a rest, shows
/// beside it. Returns the height used by the name, phase and countdown.
pub(super) fn status_ui(
    ui: &mut egui::Ui,
    session: &Session,
    now: Instant,
    room: egui::Vec2,
    screen: Room,
    card_beside: bool,
) -> f32 {
    let phase = session.phase();
    let exercise = session.exercise().map(|s| &s.exercise);
    let position = exercise.map(|e| e.position);
    let top = ui.cursor().top();
    let compact = screen.short;
    let spacing = ui.spacing().item_spacing.y;
    let width = room.x;
    let (name_size, line_size) = if compact {
        // A long name ("Isometric strengthening exercises") a little
        // smaller rather than in two lines: the phase band keeps its room.
        let name = exercise.map_or("", |e| e.name.as_str());
        let one_line = text_width(ui, name, 24.0);
        let size = if one_line > width {
            (24.0 * width / one_line).floor().max(18.0)
        } else {
            24.0
        };
        (size, 18.0)
    } else {
        (32.0, 22.0)
    };
    let title = phase.title(position);
    let seconds = session.seconds_left(now);
    let clock = seconds.map(big_clock);
    // What the countdown leaves room for, measured as it will be drawn.
    let name_height = exercise.map_or(0.0, |e| {
        text_height(ui, &e.name, name_size, width) + spacing
    });
    let mut others = name_height;
    if let Some(e) = exercise
        && !compact
    {
        others += text_height(ui, e.position.label(), 18.0, width) + spacing;
    }
    let step_kind = match phase {
        Phase::Paused { step, .. } => Some(step),
        _ => session.step().map(|s| s.kind),
    };
    let counts = counts_line(session, step_kind);
    // The counts line shows under the bar in every layout: leave it room,
    // so it is never cut in half at the foot of a small window.
    if counts.is_some() {
        others += text_height(ui, "Repetition", line_size, width) + spacing;
    }
    let next = next_line(session, step_kind, card_beside);
    if let Some(line) = &next {
        others += text_height(ui, line, 18.0, width) + spacing;
    }
    let bar = if compact { 14.0 } else { 32.0 };
    others += bar + 3.0 * spacing + 16.0;
    let digits_in = |height: f32, fit_width: f32, clock: &str| {
        let fit = fit_width / width_per_height(clock);
        height.min(fit).clamp(MIN_DIGITS, MAX_DIGITS).min(fit)
    };
    // In a short window the countdown sits in the band beside the phase's
    // word (one row fewer), at most a share of its width; else under it.
    let (band, digits) = if compact {
        let share = (width - PhaseBand::margins(room.y)) * COUNTDOWN_SHARE;
        let without = PhaseBand::new(ui, phase, position, width, room.y, None);
        // The band whole under the name: smaller digits, down to a floor;
        // below it, the row of the word and the digits whole, the detail
        // under them may need a scroll (a long name in two lines and a
        // position at 640x480 with 200 % text).
        let under_name = room.y - name_height;
        let whole = match under_name - without.frame_height() {
            fits if fits >= LEAST_DIGITS => fits,
            _ => under_name - without.top_margin(),
        };
        let digits = clock.as_deref().map(|clock| {
            digits_in(room.y - others - without.frame_height(), share, clock).min(whole.max(1.0))
        });
        let beside = match (&clock, digits) {
            (Some(clock), Some(height)) => {
                Some(egui::vec2(height * width_per_height(clock), height))
            }
            _ => None,
        };
        let band = PhaseBand::new(ui, phase, position, width, room.y, beside);
        (band, digits)
    } else {
        let band = PhaseBand::new(ui, phase, position, width, room.y, None);
        others += band.height(0.0) + spacing;
        let digits = clock
            .as_deref()
            .map(|clock| digits_in(room.y - others, width, clock));
        (band, digits)
    };

    if let Some(e) = exercise {
        // A live region, so each new exercise's name is said as it comes;
        // one id whatever the layout, so a change of room says nothing.
        ui.push_id("session-exercise", |ui| {
            let name = a11y::heading(ui, RichText::new(&e.name).size(name_size).strong(), 1);
            a11y::set_live(ui, &name, a11y::Urgency::Polite);
        });
        if !compact {
            ui.label(RichText::new(e.position.label()).size(18.0));
        }
    }
    let label = seconds.map(|s| format!("{title}: {} left", plural(s, "second", "seconds")));
    let countdown = match (&clock, digits, &label) {
        (Some(clock), Some(height), Some(label)) => Some(Countdown {
            clock,
            height,
            label,
        }),
        _ => None,
    };
    if compact {
        band.ui(ui, countdown);
    } else {
        band.ui(ui, None);
        if let Some(c) = countdown {
            big_digits(ui, c.clock, c.height, c.label);
        }
    }
    if seconds.is_none()
        && matches!(
            phase,
            Phase::Running {
                step: StepKind::Practice,
                ending: Ending::Continue
            }
        )
    {
        ui.label(
            RichText::new(format!(
                "Press {} when you have finished.",
                Command::Done.name()
            ))
            .size(line_size),
        );
    }
    ui.add_space(spacing);
    progress_ui(
        ui,
        &title,
        session.step_progress(now),
        width.min(900.0),
        bar,
    );
    ui.add_space(spacing);
    let used = ui.cursor().top() - top;
    if let Some(line) = counts {
        ui.label(RichText::new(line).size(line_size));
    }
    if matches!(
        phase,
        Phase::Paused {
            reason: PauseReason::TimeJump,
            ..
        }
    ) {
        ui.label(
            RichText::new(format!(
                "The hold was paused, not counted. Press {} to go on.",
                Command::Resume.keys_text()
            ))
            .size(18.0),
        );
    }
    if let Some(line) = next {
        ui.label(RichText::new(line).size(18.0));
    }
    used
}

/// The line under the counts: the exercise that comes next, or that this
/// is the last one. None while getting into position and in the pause
/// before an exercise (the exercise shown is the one coming), nor in a
/// rest when the next exercise shows whole beside the status
/// (`card_beside`, [`super::next_up`]); under the status it may be out of
/// view, so the line stays.
fn next_line(session: &Session, step_kind: Option<StepKind>, card_beside: bool) -> Option<String> {
    let next = match step_kind {
        Some(StepKind::Position { .. } | StepKind::Between) => None,
        Some(StepKind::Rest { .. }) if card_beside => None,
        _ => session.next_exercise().map(|n| n.exercise.name.as_str()),
    };
    if let Some(next) = next {
        Some(format!("Next: {next}"))
    } else if session.exercise_index() + 1 == session.schedule().exercises.len() {
        Some("This is the last exercise.".to_owned())
    } else {
        None
    }
}

/// The countdown's digits: never smaller than this (points) for the room
/// left by the lines under them…
const MIN_DIGITS: f32 = 44.0;
/// …which they may be to keep the phase band whole in a short window…
const LEAST_DIGITS: f32 = 28.0;
/// …nor larger.
const MAX_DIGITS: f32 = 420.0;

/// The progress bar of the step titled `title`, `thickness` points thick,
/// in the theme's colours with an outline so its whole length shows; to a
/// screen reader "Progress of Hold", 0 to 100 percent.
fn progress_ui(ui: &mut egui::Ui, title: &str, progress: f32, width: f32, thickness: f32) {
    let palette = style::palette(ui.ctx());
    ui.scope(|ui| {
        ui.visuals_mut().extreme_bg_color = palette.progress_track;
        let response = ui.add(
            egui::ProgressBar::new(progress)
                .desired_width(width)
                .desired_height(thickness)
                .fill(palette.progress_fill)
                .corner_radius(4.0),
        );
        a11y::set_range(
            ui,
            &response,
            &format!("Progress of {title}"),
            (f64::from(progress) * 100.0).floor(),
            0.0,
            100.0,
        );
        ui.painter().rect_stroke(
            response.rect,
            4.0,
            egui::Stroke::new(2.0, palette.progress_outline),
            egui::StrokeKind::Outside,
        );
    });
}

/// "Repetition 2 of 10 · Set 1 of 2 · Left": of this hold, or between
/// holds of the one to come.
fn counts_line(session: &Session, step_kind: Option<StepKind>) -> Option<String> {
    let counts = session.hold_counts()?;
    let coming = if matches!(step_kind, Some(StepKind::Hold { .. })) {
        ""
    } else {
        "Next: "
    };
    let mut line = format!("{coming}Repetition {} of {}", counts.rep, counts.reps);
    if counts.sets > 1 {
        line.push_str(&format!(" · Set {} of {}", counts.set, counts.sets));
    }
    if let Some(d) = counts.direction {
        line.push_str(&format!(" · {}", d.label()));
    }
    Some(line)
}

//! "Preview": the first session's timeline (the schedule `plan` prints)
//! and the handout, written and handed to the desktop to open.

use egui::{RichText, Ui};

use super::fields::{button, outcome_ui, text};
use super::{Builder, BuilderView};
use crate::routine::draft::Checked;
use crate::schedule::{Schedule, clock};
use crate::ui::action::Action;
use crate::ui::command::Command;
pub(super) fn preview_ui(
    ui: &mut Ui,
    state: &mut Builder,
    checked: &Checked,
    view: &BuilderView<'_>,
    actions: &mut Vec<Action>,
) {
    crate::ui::a11y::heading(ui, RichText::new("Preview").size(20.0).strong(), 2);
    let Some(routine) = &checked.routine else {
        ui.label(text("The preview shows once the routine has no problems."));
        return;
    };
    let schedule = Schedule::for_session(routine, 0, &view.pacing);
    ui.label(
        RichText::new(format!(
            "First session of the day: {} ({})",
            clock(schedule.total_ms),
            crate::plural::plural(
                u64::try_from(schedule.exercises.len()).unwrap_or(u64::MAX),
                "exercise",
                "exercises"
            )
        ))
        .size(18.0)
        .strong(),
    );
    // A line an exercise, which wraps in a narrow window (a grid's columns
    // did not: at 640x480 pixels with 200 % text a long name made the page
    // wider than the window, and every line after it was cut at the right).
    for e in &schedule.exercises {
        let start = schedule.steps.get(e.first_step).map_or(0, |s| s.start_ms);
        let end = schedule
            .steps
            .get(e.end_step.saturating_sub(1))
            .map_or(start, |s| s.start_ms + s.duration_ms);
        ui.label(text(&format!(
            "{}  {}, {} long",
            clock(start),
            e.exercise.name,
            clock(end - start)
        )));
    }
    if schedule
        .steps
        .iter()
        .any(|s| s.ending == crate::schedule::Ending::Continue)
    {
        ui.label(text(
            "Plus the time of the practice the person ends themselves.",
        ));
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if button(ui, Command::PrintHandout, &[], true) {
            state.handout = None;
            actions.extend(Action::of(Command::PrintHandout));
        }
        ui.label(text(
            "writes a page to print in the save folder below and opens it.",
        ));
    });
    if let Some((path, opening)) = &state.opening
        && let Some(answer) = opening.poll()
    {
        let path = crate::routine::escape_path(path);
        state.handout = Some(Ok(match answer {
            Ok(()) => format!(
                "The handout is written: {path}. It opens in your web browser: print it from there."
            ),
            Err(why) => format!(
                "The handout is written: {path}. It could not be opened here ({why}): open that file in a web browser to print it."
            ),
        }));
        state.opening = None;
    }
    outcome_ui(ui, state.handout.as_ref());
}

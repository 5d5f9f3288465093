//! The screen after "My pain is worse": what to do now, the warning signs,
//! and two questions the person may answer (pain now, where arm symptoms
//! are now), saved in the session's record when they go back to home. The
//! button asked nothing before stopping.

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::widgets::{
    FirstFocus, Look, arm_symptoms_ui, command_button, focus_first, footer, pain_scale_ui,
    screen_scroll_ui, type_pain_rating,
};
use crate::app::RecordState;
use crate::checkin::{ArmSymptoms, PAIN_STOP_MESSAGE, WarningSign};

/// What the person adds after the stop (both optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AfterStop {
    /// Pain now, 0–10.
    pub pain: Option<u8>,
    /// Digits typed for the pain rating.
    pub typed: String,
    /// Where numbness, tingling or weakness in the arm or hand is now.
    pub arm: Option<ArmSymptoms>,
}

/// The question about the arm after a stop, answered with the check-in's
/// answers ([`ArmSymptoms`]).
pub const ARM_NOW_QUESTION: &str =
    "Where is any numbness, tingling or weakness in your arm or hand now?";

/// What the stopped screen says of the record, from what was written
/// (`open`: it waits for the answers here).
fn record_words(state: Option<&RecordState>, open: bool) -> String {
    match state {
        None if open => "When you go back to home, this session is saved as stopped because of pain, with your answers below (you may leave them out).".to_owned(),
        Some(RecordState::Saved) => "This session was saved as stopped because of pain.".to_owned(),
        Some(RecordState::Pending(reason)) => format!(
            "This session could not be saved yet ({reason}). neckguide keeps it and tries again."
        ),
        Some(RecordState::NotSaved(reason)) => format!("This session was not saved: {reason}."),
        None => "This session was not saved.".to_owned(),
    }
}

/// Draws the stopped-for-pain screen; `record` is what became of the
/// session's record, `open` whether it waits for `answers`.
pub fn stopped_ui(
    ui: &mut egui::Ui,
    record: Option<&RecordState>,
    open: bool,
    answers: &mut AfterStop,
) -> Vec<Action> {
    let typed_now = type_pain_rating(ui, &mut answers.pain, &mut answers.typed);
    // N answers "None" to where arm symptoms are, as at the check-in.
    for value in keys::take_answers(ui) {
        if open && !value {
            answers.arm = Some(ArmSymptoms::None);
        }
    }
    let offered = [Command::HomeAfterStop, Command::Home];
    let mut actions: Vec<Action> = keys::pressed(ui, &offered)
        .into_iter()
        .filter_map(Action::of)
        .collect();
    // A typed rating ended with Enter: the focus goes back to the way
    // home, so the next Enter saves with the rating that shows selected.
    let rating_end = !answers.typed.is_empty() && keys::take_rating_end(ui);
    if rating_end {
        answers.typed.clear();
        if actions.is_empty() {
            focus_first(ui.ctx(), FirstFocus::Command(Command::HomeAfterStop));
        }
    }
    footer(ui);
    // The way home stays in view above the footer: the screen opens at its
    // top, and the button that has the focus is not scrolled out of sight.
    egui::Panel::bottom("stopped-home").show(ui, |ui| {
        ui.add_space(8.0);
        if command_button(ui, Command::HomeAfterStop, Look::Big) {
            actions.extend(Action::of(Command::HomeAfterStop));
        }
        ui.add_space(8.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            ui.add_space(12.0);
            // Said at once, interrupting whatever the screen reader says.
            let title = a11y::heading(ui, RichText::new("Session stopped").size(34.0).strong(), 1);
            a11y::set_live(ui, &title, a11y::Urgency::Assertive);
            ui.add_space(8.0);
            ui.label(RichText::new(PAIN_STOP_MESSAGE).size(22.0));
            ui.add_space(8.0);
            ui.label(RichText::new(record_words(record, open)).size(18.0));
            if open {
                ui.add_space(12.0);
                pain_scale_ui(
                    ui,
                    "How much pain do you have now?",
                    &mut answers.pain,
                    &mut answers.typed,
                    typed_now,
                );
                ui.add_space(8.0);
                arm_symptoms_ui(ui, ARM_NOW_QUESTION, &mut answers.arm);
            }
            ui.add_space(16.0);
            ui.label(
                RichText::new("See a doctor if you have any of these:")
                    .size(20.0)
                    .strong(),
            );
            for sign in WarningSign::ALL {
                ui.label(RichText::new(format!("• {}", sign.source_words())).size(18.0));
            }
            ui.label(
                RichText::new("Bladder or bowel problems need a doctor urgently.")
                    .size(18.0)
                    .strong(),
            );
        });
    });
    actions
}

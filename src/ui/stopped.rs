//! The screen after "My pain is worse": what to do now, and the warning signs.

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::widgets::{Look, command_button, footer};
use crate::app::RecordState;
use crate::checkin::{PAIN_STOP_MESSAGE, WarningSign};

/// What the stopped screen says of the record, from what was written.
fn record_words(state: Option<&RecordState>) -> String {
    match state {
        Some(RecordState::Saved) => "This session was saved as stopped because of pain.".to_owned(),
        Some(RecordState::Pending(reason)) => format!(
            "This session could not be saved yet ({reason}). neckguide keeps it and tries again."
        ),
        Some(RecordState::NotSaved(reason)) => format!("This session was not saved: {reason}."),
        None => "This session was not saved.".to_owned(),
    }
}

/// Draws the stopped-for-pain screen; `record` is what became of the
/// session's record.
pub fn stopped_ui(ui: &mut egui::Ui, record: Option<&RecordState>) -> Vec<Action> {
    let offered = [Command::HomeAfterStop, Command::Home];
    let mut actions: Vec<Action> = keys::pressed(ui, &offered)
        .into_iter()
        .map(Action::from)
        .collect();
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(12.0);
            // Said at once, interrupting whatever the screen reader says.
            let title = a11y::heading(ui, RichText::new("Session stopped").size(34.0).strong(), 1);
            a11y::set_live(ui, &title, a11y::Urgency::Assertive);
            ui.add_space(8.0);
            ui.label(RichText::new(PAIN_STOP_MESSAGE).size(22.0));
            ui.add_space(8.0);
            ui.label(RichText::new(record_words(record)).size(18.0));
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
            ui.add_space(16.0);
            if command_button(ui, Command::HomeAfterStop, Look::Big) {
                actions.push(Command::HomeAfterStop.into());
            }
        });
    });
    actions
}

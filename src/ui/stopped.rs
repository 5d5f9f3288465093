//! The screen after "My pain is worse": what to do now, and the warning signs.

use egui::RichText;

use super::action::{Action, take_key};
use super::widgets::{big_button, footer};
use crate::checkin::{PAIN_STOP_MESSAGE, WarningSign};

/// Draws the stopped-for-pain screen.
pub fn stopped_ui(ui: &mut egui::Ui) -> Vec<Action> {
    let mut actions = Vec::new();
    if take_key(ui, egui::Key::Enter) || take_key(ui, egui::Key::Escape) {
        actions.push(Action::Home);
    }
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(12.0);
            ui.heading(RichText::new("Session stopped").size(34.0).strong());
            ui.add_space(8.0);
            ui.label(RichText::new(PAIN_STOP_MESSAGE).size(22.0));
            ui.add_space(8.0);
            ui.label(
                RichText::new("This session was saved as stopped because of pain.").size(18.0),
            );
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
            if big_button(ui, "Back to home").clicked() {
                actions.push(Action::Home);
            }
        });
    });
    actions
}

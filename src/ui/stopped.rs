//! The screen after "My pain is worse": what to do now, and the warning signs.

use egui::RichText;

use super::action::Action;
use super::command::Command;
use super::keys;
use super::widgets::{Look, command_button, footer};
use crate::checkin::{PAIN_STOP_MESSAGE, WarningSign};

/// Draws the stopped-for-pain screen.
pub fn stopped_ui(ui: &mut egui::Ui) -> Vec<Action> {
    let offered = [Command::HomeAfterStop, Command::Home];
    let mut actions: Vec<Action> = keys::pressed(ui, &offered)
        .into_iter()
        .map(Action::from)
        .collect();
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
            if command_button(ui, Command::HomeAfterStop, Look::Big) {
                actions.push(Command::HomeAfterStop.into());
            }
        });
    });
    actions
}

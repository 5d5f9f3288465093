//! "Add an exercise": the library's exercises, each with its picture and
//! source dose, and one's own.

use egui::{RichText, Ui};

use super::fields::{button, picture, text};
use crate::routine::Library;
use crate::routine::draft::{Draft, DraftExercise, DraftItem};
use crate::ui::command::Command;
pub(super) fn add_ui(ui: &mut Ui, draft: &mut Draft, library: &Library) {
    crate::ui::a11y::heading(ui, RichText::new("Add an exercise").size(20.0).strong(), 2);
    for e in library.exercises() {
        let already = draft
            .items
            .iter()
            .any(|i| matches!(&i.exercise, DraftExercise::Library(id) if *id == e.id));
        ui.horizontal(|ui| {
            picture(ui, e, 56.0);
            ui.vertical(|ui| {
                ui.label(RichText::new(&e.name).size(18.0).strong());
                ui.label(text(&format!(
                    "{} · {}",
                    e.position.label(),
                    e.dose.summary()
                )));
                let command = if already {
                    Command::InTheRoutine
                } else {
                    Command::AddExercise
                };
                if button(ui, command, &[&e.name], !already) {
                    draft.items.push(DraftItem::library(&e.id));
                }
            });
        });
    }
    ui.add_space(4.0);
    if button(ui, Command::AddOwnExercise, &[], true) {
        draft.items.push(DraftItem::own());
    }
}

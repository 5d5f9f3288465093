//! "A routine with this id is already here": the question asked when an
//! imported routine file's id is taken, over whatever screen shows.

use egui::RichText;

use super::action::Action;
use super::command::Command;
use super::widgets::{Look, command_button_if};
use crate::app::ImportClash;
use crate::routine::escape;

/// Asks whether to replace the routine that has the id (not a built-in
/// one), keep both, or not add the file.
pub fn clash_ui(ui: &mut egui::Ui, clash: &ImportClash) -> Vec<Action> {
    let mut actions = Vec::new();
    egui::Modal::new(egui::Id::unique("import-clash")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.label(
            RichText::new("A routine with this id is already here")
                .size(22.0)
                .strong(),
        );
        let file = clash
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.label(format!(
            "The file {} has the id \"{}\", which \"{}\" has{}.",
            escape(&file),
            escape(&clash.id),
            escape(&clash.taken_by),
            if clash.preset {
                " (a built-in routine)"
            } else {
                ""
            }
        ));
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            // A built-in routine is never replaced.
            let offered: &[Command] = if clash.preset {
                &[Command::KeepBothRoutines, Command::DoNotAddRoutine]
            } else {
                &[
                    Command::ReplaceRoutine,
                    Command::KeepBothRoutines,
                    Command::DoNotAddRoutine,
                ]
            };
            for command in offered {
                if command_button_if(ui, *command, Look::Small, true) {
                    actions.extend(Action::of(*command));
                }
            }
        });
    });
    actions
}

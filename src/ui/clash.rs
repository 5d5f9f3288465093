//! "A routine with this id is already here": the question asked when an
//! imported routine file's id is taken, over whatever screen shows.

use super::action::Action;
use super::command::Command;
use super::widgets::{Look, command_button_if, dialog_ui};

/// The question's title, and its name to a screen reader.
const TITLE: &str = "A routine with this id is already here";
use crate::app::ImportClash;
use crate::routine::escape;

/// Asks whether to replace the routine that has the id (not a built-in
/// one), keep both, or not add the file.
pub fn clash_ui(ui: &mut egui::Ui, clash: &ImportClash) -> Vec<Action> {
    let mut actions = Vec::new();
    // The focus starts on the answer that changes nothing.
    let first = Command::DoNotAddRoutine;
    dialog_ui(ui.ctx(), "import-clash", TITLE, first, 520.0, |ui| {
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

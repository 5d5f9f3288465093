//! "Start from": empty, a preset, a routine added earlier, or a routine
//! file typed or chosen in the system's dialog.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::fields::{button, outcome_ui, portal_failed_ui, text};
use super::{Builder, BuilderView};
use crate::app::builder::DraftSource;
use crate::app::desktop::FileChooserState;
use crate::ui::action::{Action, BuilderAction};
use crate::ui::command::Command;
pub(super) fn start_ui(
    ui: &mut Ui,
    state: &mut Builder,
    view: &BuilderView<'_>,
    actions: &mut Vec<Action>,
) {
    crate::ui::a11y::heading(ui, RichText::new("Start from").size(20.0).strong(), 2);
    ui.horizontal_wrapped(|ui| {
        if button(ui, Command::StartEmpty, &[], true) {
            actions.extend(Action::of(Command::StartEmpty));
        }
        for (i, name) in view.presets.iter().enumerate() {
            if button(ui, Command::StartFromPreset, &[name], true) {
                actions.push(Action::Build(BuilderAction::Start(DraftSource::Preset(i))));
            }
        }
        for (name, path) in &view.imported {
            if button(ui, Command::StartFromAdded, &[name], true) {
                let source = DraftSource::File(path.clone());
                actions.push(Action::Build(BuilderAction::Start(source)));
            }
        }
    });
    ui.label(text("Or open a routine file to edit (type its path):"));
    if let Some(path) = state.file_question.answer() {
        actions.push(Action::Build(BuilderAction::Start(DraftSource::File(path))));
    }
    ui.horizontal_wrapped(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.open_path)
                .hint_text("/home/me/routine.json")
                .desired_width(320.0),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Routine file to edit")
        });
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = !state.open_path.trim().is_empty();
        if (button(ui, Command::OpenToEdit, &[], typed) || enter) && typed {
            let path = PathBuf::from(state.open_path.trim());
            actions.push(Action::Build(BuilderAction::Start(DraftSource::File(path))));
        }
        if view.desktop.file_chooser() == FileChooserState::Available {
            let waiting = state.file_question.waiting();
            if button(ui, Command::ChooseFileToEdit, &[], !waiting) {
                let choice = view.desktop.choose_file("Open a routine file to edit");
                state.file_question.ask(choice);
            }
        }
    });
    portal_failed_ui(
        ui,
        state.file_question.failed(),
        "Type the file's path instead.",
    );
    outcome_ui(ui, state.started.as_ref());
}

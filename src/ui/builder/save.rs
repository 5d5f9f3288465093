//! "Save": the folder (typed or chosen), the file's name, the problems not
//! shown under a field, and Save.

use std::collections::HashSet;

use egui::{RichText, Ui};

use super::fields::{button, outcome_ui, portal_failed_ui, text};
use super::{Builder, BuilderView, SAVE_FOLDER};
use crate::app::desktop::FileChooserState;
use crate::routine::draft::Checked;
use crate::routine::write;
use crate::ui::action::Action;
use crate::ui::command::Command;
use crate::ui::widgets::{Look, command_button_on};
pub(super) fn save_ui(
    ui: &mut Ui,
    state: &mut Builder,
    checked: &Checked,
    shown: &HashSet<String>,
    view: &BuilderView<'_>,
    actions: &mut Vec<Action>,
) {
    crate::ui::a11y::heading(ui, RichText::new("Save").size(20.0).strong(), 2);
    if let Some(path) = state.folder_question.answer() {
        state.folder = path.display().to_string();
    }
    portal_failed_ui(
        ui,
        state.folder_question.failed(),
        "Type the folder instead.",
    );
    ui.label(text(&format!("{SAVE_FOLDER}:")));
    ui.horizontal_wrapped(|ui| {
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.folder)
                .desired_width(ui.available_width().min(420.0)),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, SAVE_FOLDER));
        if view.desktop.file_chooser() == FileChooserState::Available {
            let waiting = state.folder_question.waiting();
            if button(ui, Command::ChooseSaveFolder, &[], !waiting) {
                let choice = view.desktop.choose_folder("Save the routine in");
                state.folder_question.ask(choice);
            }
        }
    });
    ui.label(text(&format!(
        "The file: {}",
        write::file_name(&checked.raw)
    )));
    let others: Vec<&crate::routine::draft::DraftProblem> = checked
        .problems
        .iter()
        .filter(|p| !shown.contains(&p.path))
        .collect();
    for p in &others {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            text(&format!(
                "Problem in {}: {}",
                crate::routine::draft::place_in_words(&p.path),
                p.message
            )),
        );
    }
    let ok = checked.routine.is_some() && !state.folder.trim().is_empty();
    ui.horizontal_wrapped(|ui| {
        if command_button_on(ui, Command::SaveRoutine, &[], Look::Strong(20.0), ok) {
            state.saved = None;
            actions.extend(Action::of(Command::SaveRoutine));
        }
        if !checked.problems.is_empty() {
            let n = checked.problems.len();
            ui.label(text(&format!(
                "{} to fix before saving.",
                crate::plural::plural(u64::try_from(n).unwrap_or(u64::MAX), "problem", "problems")
            )));
        }
    });
    saved_ui(ui, state, ok, actions);
}

/// What saving did, beside Save and scrolled into view the frame it first
/// shows; a folder that is not there can be created from here.
fn saved_ui(ui: &mut Ui, state: &mut Builder, ok: bool, actions: &mut Vec<Action>) {
    let Some(saved) = &state.saved else {
        return;
    };
    let response = ui
        .horizontal_wrapped(|ui| {
            let words = saved.clone().map_err(|refused| refused.words);
            outcome_ui(ui, Some(&words));
            if let Err(refused) = saved
                && refused.missing_folder
                && button(ui, Command::CreateFolderAndSave, &[], ok)
            {
                actions.extend(Action::of(Command::CreateFolderAndSave));
            }
        })
        .response;
    if !state.saved_in_view {
        response.scroll_to_me(Some(egui::Align::Max));
        state.saved_in_view = true;
    }
}

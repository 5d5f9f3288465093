//! Opening a routine file: the system's file dialog (through the desktop
//! portal, [`crate::app::desktop`]) when the desktop has one, and otherwise
//! a small Open dialog drawn with egui: the folders and `.json` files of one
//! folder, opened by a click. The folder is read once when it is opened,
//! never on every frame.

use std::path::PathBuf;

use egui::RichText;

use super::command::Command;
use super::widgets::{Look, command_button_if, command_button_on};
use crate::app::desktop::{Chosen, Desktop, FileChoice, FileChooserState};
use crate::app::folder::{self, FolderEntry};

/// A question to the system's file dialog: open while it waits for the
/// answer, and why the dialog did not open, if it did not (kept until the
/// next answer). The builder's and the Open dialog's questions are these.
#[derive(Debug, Default)]
pub struct PortalQuestion {
    asking: Option<FileChoice>,
    failed: Option<String>,
}

impl PortalQuestion {
    /// Asks: `choice` is the question just put to the desktop.
    pub fn ask(&mut self, choice: FileChoice) {
        self.asking = Some(choice);
    }

    /// Whether the dialog is open, its answer not in yet.
    pub fn waiting(&self) -> bool {
        self.asking.is_some()
    }

    /// The file or folder chosen, once the answer is in; a cancel gives
    /// nothing, and a dialog that could not open is kept in
    /// [`PortalQuestion::failed`].
    pub fn answer(&mut self) -> Option<PathBuf> {
        let answer = self.asking.as_ref()?.poll()?;
        self.asking = None;
        self.failed = None;
        match answer {
            Chosen::File(path) => Some(path),
            Chosen::Cancelled => None,
            Chosen::NoPortal(why) => {
                self.failed = Some(why);
                None
            }
        }
    }

    /// Why the system's dialog did not open, when it did not.
    pub fn failed(&self) -> Option<&str> {
        self.failed.as_deref()
    }
}

/// The dialog's state: the system dialog's question, and the app's own
/// dialog (the folder shown and its listing).
#[derive(Debug, Default)]
pub struct OpenFile {
    /// The system's dialog; why it failed is shown above the app's own.
    question: PortalQuestion,
    dir: Option<PathBuf>,
    entries: Vec<FolderEntry>,
    error: Option<String>,
}

impl OpenFile {
    /// Shows `dir`, reading its listing now.
    pub fn open(&mut self, dir: PathBuf) {
        self.entries.clear();
        self.error = None;
        match folder::routine_files(&dir) {
            Ok(entries) => self.entries = entries,
            Err(e) => self.error = Some(format!("This folder cannot be read: {e}")),
        }
        self.dir = Some(dir);
    }
}

/// Draws the dialog, the system's through `desktop` when it has one;
/// returns the file the person chose.
pub fn open_file_ui(ui: &mut egui::Ui, state: &mut OpenFile, desktop: &Desktop) -> Option<PathBuf> {
    if let Some(path) = state.question.answer() {
        return Some(path);
    }
    if desktop.file_chooser() == FileChooserState::Available {
        let waiting = state.question.waiting();
        if command_button_if(ui, Command::ChooseRoutineFile, Look::Plain, !waiting) {
            state
                .question
                .ask(desktop.choose_file("Open a routine file from your physical therapist"));
        }
        if waiting {
            ui.label("Choose the file in the file dialog that opened.");
        }
        return None;
    }
    if let Some(why) = state.question.failed() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("The system's file dialog did not open ({why}). Choose the file here:"),
        );
    }
    folder_ui(ui, state)
}

/// The app's own dialog: one folder's listing.
fn folder_ui(ui: &mut egui::Ui, state: &mut OpenFile) -> Option<PathBuf> {
    if state.dir.is_none() {
        state.open(folder::start_dir());
    }
    let dir = state.dir.clone()?;
    let mut chosen = None;
    let mut go_to = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Folder: {}", dir.display())).strong());
        if let Some(parent) = dir.parent()
            && command_button_if(ui, Command::UpOneFolder, Look::Plain, true)
        {
            go_to = Some(parent.to_path_buf());
        }
    });
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().warn_fg_color, error);
    }
    egui::ScrollArea::vertical()
        .id_salt("open-file")
        .max_height(220.0)
        .show(ui, |ui| {
            if state.entries.is_empty() && state.error.is_none() {
                ui.label("No folders or .json files here.");
            }
            for entry in &state.entries {
                let command = if entry.folder {
                    Command::OpenFolder
                } else {
                    Command::AddRoutineFile
                };
                if command_button_on(ui, command, &[&entry.name], Look::Entry, true) {
                    if entry.folder {
                        go_to = Some(entry.path.clone());
                    } else {
                        chosen = Some(entry.path.clone());
                    }
                }
            }
        });
    if let Some(dir) = go_to {
        state.open(dir);
    }
    chosen
}

//! A small Open dialog for routine files, drawn with egui: the folders and
//! `.json` files of one folder, opened by a click. (A native dialog would
//! bring GTK or a desktop portal along; this needs nothing.) The folder is
//! read once when it is opened, never on every frame.

use std::path::PathBuf;

use egui::RichText;

use crate::app::folder::{self, FolderEntry};

/// The dialog's state: the folder shown and its listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenFile {
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

/// Draws the dialog; returns the file the person chose.
pub fn open_file_ui(ui: &mut egui::Ui, state: &mut OpenFile) -> Option<PathBuf> {
    if state.dir.is_none() {
        state.open(folder::start_dir());
    }
    let dir = state.dir.clone()?;
    let mut chosen = None;
    let mut go_to = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Folder: {}", dir.display())).strong());
        if let Some(parent) = dir.parent()
            && ui.button("Up one folder").clicked()
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
                let text = if entry.folder {
                    format!("[folder] {}", entry.name)
                } else {
                    entry.name.clone()
                };
                let response = ui.selectable_label(false, text);
                let label = if entry.folder {
                    format!("Open folder {}", entry.name)
                } else {
                    format!("Add routine file {}", entry.name)
                };
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if response.clicked() {
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

//! The window: screens drawn with egui. The UI reads the model and returns
//! intents; it owns no timing and no files of its own.

mod home;

use std::path::PathBuf;

use crate::catalog::{self, Catalog};
use crate::paths::DataDir;
use crate::routine::Library;

pub use home::{HomeIntent, home_ui};

/// The app's state that lives as long as the window.
pub struct NeckguideApp {
    library: Library,
    catalog: Catalog,
    data_dir: Option<DataDir>,
    selected: usize,
    notices: Vec<String>,
}

impl NeckguideApp {
    /// Loads the routines and builds the app. `routine` is a file to import
    /// first (from `--routine`).
    pub fn new(data_dir: Option<DataDir>, routine: Option<PathBuf>) -> Self {
        let library = Library::builtin();
        let mut notices = Vec::new();
        if data_dir.is_none() {
            notices.push(
                "No data folder was found: nothing can be saved. Start with --data-dir DIR."
                    .to_owned(),
            );
        }
        if let (Some(path), Some(dir)) = (routine.as_ref(), data_dir.as_ref()) {
            match catalog::import(path, &library, dir) {
                Ok(r) => notices.push(format!("Added the routine \"{}\".", r.name)),
                Err(e) => notices.push(import_error_text(&e)),
            }
        }
        let catalog = Catalog::load(&library, data_dir.as_ref());
        Self {
            library,
            catalog,
            data_dir,
            selected: 0,
            notices,
        }
    }

    /// The routines found.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The built-in exercises.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Draws one frame and applies what the person asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let intent = home_ui(ui, &self.catalog, self.selected, &self.notices);
        if let Some(intent) = intent {
            match intent {
                HomeIntent::SelectRoutine(i) => self.selected = i,
            }
        }
        let _ = &self.data_dir;
    }
}

fn import_error_text(e: &catalog::ImportError) -> String {
    match e {
        catalog::ImportError::Invalid(problems) => {
            let lines: Vec<String> = problems.problems.iter().map(ToString::to_string).collect();
            format!("This routine file has problems:\n{}", lines.join("\n"))
        }
        other => other.to_string(),
    }
}

impl eframe::App for NeckguideApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        NeckguideApp::ui(self, ui);
    }
}

/// Opens the window and runs until it is closed.
pub fn run(data_dir: Option<DataDir>, routine: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("neckguide")
            .with_inner_size([960.0, 720.0])
            .with_min_inner_size([480.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native(
        "neckguide",
        options,
        Box::new(move |_cc| Ok(Box::new(NeckguideApp::new(data_dir, routine)))),
    )
}

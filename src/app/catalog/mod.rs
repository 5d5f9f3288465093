//! The routines on this computer: the presets built into the program and the
//! ones the user imported into `DATA_DIR/routines/`. This module owns reading
//! routine files and their pictures from disk (regular files only, never
//! blocking, with a size cap: see [`user_file`](crate::app::user_file)) and importing a therapist's
//! file.
//!
//! An import goes in a folder of its own, `DATA_DIR/routines/<id>/<id>.json`
//! beside the pictures it names; routines imported before that, straight in
//! `DATA_DIR/routines/`, are still read.
//!
//! Here the [`Catalog`] (what is on this computer); by job, `read.rs` reads
//! and checks a routine or exercise file, `pictures.rs` the pictures one
//! names, `import.rs` adds a therapist's file and `save.rs` writes the
//! builder's routine.

mod import;
mod pictures;
mod read;
mod save;

pub use import::{ImportError, Imported, OnClash, copy_number, import, import_with};
pub use pictures::{MAX_PICTURE_BYTES, picture_bytes, read_picture};
pub use read::{check_file, load_routine_file, read_capped};
pub use save::{SaveError, save_routine};

use std::fs;
use std::path::{Path, PathBuf};

use crate::app::paths::DataDir;
use crate::routine::{self, Library, Problem, Problems, Routine};
/// Where a routine came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Built into the program.
    Preset,
    /// Imported into the data dir; the file it lives in.
    Imported(PathBuf),
}

/// A routine and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    /// The routine.
    pub routine: Routine,
    /// Where it came from.
    pub origin: Origin,
}

/// Every routine found, and the problems of the files that could not be used.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// The usable routines: presets first, then imported ones by file name.
    pub entries: Vec<CatalogEntry>,
    /// Imported files that failed to load, with their problems.
    pub problems: Vec<Problems>,
}

impl Catalog {
    /// The name of the exercise `id`: built into `library`, or from one of
    /// these routines; the id itself when none knows it any more.
    pub fn exercise_name(&self, library: &Library, id: &str) -> String {
        let from_routines = || {
            self.entries
                .iter()
                .flat_map(|e| &e.routine.items)
                .find(|i| i.exercise.id == id)
                .map(|i| &i.exercise)
        };
        library
            .get(id)
            .or_else(from_routines)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    }

    /// Loads the presets, every `DATA_DIR/routines/<id>/<id>.json` and every
    /// `*.json` straight in `DATA_DIR/routines/` (older imports). A bad file
    /// (or one that is not a regular file) is reported in `problems` and
    /// skipped; a missing folder is fine.
    pub fn load(library: &Library, data_dir: Option<&DataDir>) -> Self {
        let mut catalog = Self {
            entries: library
                .presets()
                .into_iter()
                .map(|routine| CatalogEntry {
                    routine,
                    origin: Origin::Preset,
                })
                .collect(),
            problems: Vec::new(),
        };
        let Some(dir) = data_dir.map(DataDir::routines) else {
            return catalog;
        };
        let mut files: Vec<PathBuf> = match fs::read_dir(&dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .filter_map(routine_file_of)
                .collect(),
            Err(_) => return catalog,
        };
        files.sort();
        for path in files {
            match load_routine_file(&path, library) {
                Ok(routine) => {
                    if catalog.entries.iter().any(|e| e.routine.id == routine.id) {
                        catalog.problems.push(single(
                            &path,
                            "(root)",
                            &format!(
                                "a routine with the id \"{}\" is already loaded; this file is skipped",
                                routine.id
                            ),
                        ));
                        continue;
                    }
                    catalog.entries.push(CatalogEntry {
                        routine,
                        origin: Origin::Imported(path),
                    });
                }
                Err(problems) => catalog.problems.push(problems),
            }
        }
        catalog
    }

    /// The routine with this id.
    pub fn get(&self, id: &str) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| e.routine.id == id)
    }

    /// The routine chosen: the one with the saved id, else the first found.
    pub fn chosen(&self, id: Option<&str>) -> Option<&Routine> {
        let chosen = id.and_then(|id| self.get(id));
        chosen.or(self.entries.first()).map(|e| &e.routine)
    }

    /// When the routine the person chose (`chosen`, an id) is not here and
    /// `instead` is used: which was chosen, why it is not in use (its file
    /// has problems, listed with the others, or it is gone), what is used
    /// instead and what to do. `None` when the chosen one is in use.
    pub fn not_in_use(&self, chosen: &str, instead: &Routine) -> Option<String> {
        if self.get(chosen).is_some() {
            return None;
        }
        let id = routine::escape(chosen);
        let name = routine::escape(&instead.name);
        // An import is `<id>/<id>.json`, or `<id>.json` from before.
        let damaged = self.problems.iter().any(|p| {
            Path::new(&p.file)
                .file_stem()
                .is_some_and(|stem| stem == chosen)
        });
        Some(if damaged {
            format!(
                "The routine you chose ({id}) cannot be used: its file has problems, listed at the bottom of this screen. \"{name}\" is used instead. Open the routine file from your physical therapist again, or choose another routine under Routine."
            )
        } else {
            format!(
                "The routine you chose ({id}) is no longer on this computer. \"{name}\" is used instead. Open the routine file from your physical therapist again, or choose another routine under Routine."
            )
        })
    }
}

/// The routine file of one entry of `DATA_DIR/routines/`: `<id>/<id>.json`
/// for a folder (when there is one), the entry itself for a `*.json`.
fn routine_file_of(entry: fs::DirEntry) -> Option<PathBuf> {
    let path = entry.path();
    // The entry's own kind: a link to a folder is not taken for a folder.
    if entry.file_type().ok()?.is_dir() {
        let mut name = entry.file_name();
        name.push(".json");
        let file = path.join(name);
        fs::symlink_metadata(&file).is_ok().then_some(file)
    } else {
        path.extension()
            .is_some_and(|x| x == "json")
            .then_some(path)
    }
}

pub(super) fn single(path: &Path, field: &str, message: &str) -> Problems {
    let file = path.display().to_string();
    Problems {
        file: file.clone(),
        problems: vec![Problem {
            file,
            pos: routine::Pos::START,
            path: field.to_owned(),
            message: message.to_owned(),
        }],
    }
}

#[cfg(test)]
mod tests;

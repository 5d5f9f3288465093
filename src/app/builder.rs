//! The routine builder's work on disk: a draft to start from (empty, a
//! preset, or a routine file the therapist opens), saving the routine in
//! the folder the therapist picks and adding it to the person's routines in
//! the same step, and writing its printed handout beside it. The draft
//! itself and its checks are the model's ([`crate::routine::draft`]).

use std::path::{Path, PathBuf};

use super::App;
use super::catalog::{self, SaveError};
use crate::atomic_file;
use crate::routine::draft::Draft;
use crate::routine::raw::RawRoutine;
use crate::routine::{self, Library, PRESET_ROUTINES, escape_path, write};

/// What a draft starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftSource {
    /// Nothing: a routine made from empty.
    Empty,
    /// The preset routine at this place in [`PRESET_ROUTINES`].
    Preset(usize),
    /// A routine file, to edit.
    File(PathBuf),
}

/// The names of the presets a draft can start from, in
/// [`PRESET_ROUTINES`] order.
pub fn preset_names(library: &Library) -> Vec<String> {
    PRESET_ROUTINES
        .iter()
        .map(|(file, text)| {
            write::read_raw(file, text.as_bytes(), library)
                .map_or_else(|_| (*file).to_owned(), |raw| raw.name)
        })
        .collect()
}

/// The draft `source` gives; what is wrong, in words, when it gives none.
pub fn draft_from(source: &DraftSource, library: &Library) -> Result<Draft, String> {
    let problems = |p: routine::Problems| {
        let lines: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
        format!(
            "This routine file has problems, so it cannot be edited here:\n{}",
            lines.join("\n")
        )
    };
    match source {
        DraftSource::Empty => Ok(Draft::empty()),
        DraftSource::Preset(i) => {
            let (file, text) = PRESET_ROUTINES
                .get(*i)
                .ok_or_else(|| "There is no such preset.".to_owned())?;
            // A copy of a preset is saved elsewhere: its `$schema` (a path
            // inside the app's sources) would point nowhere, so it takes the
            // schema file written beside the saved routine.
            write::read_raw(file, text.as_bytes(), library)
                .map(|mut raw| {
                    raw.schema = None;
                    Draft::from_raw(&raw)
                })
                .map_err(problems)
        }
        DraftSource::File(path) => {
            let bytes = catalog::read_capped(path)
                .map_err(|e| format!("Could not read {}: {e}", escape_path(path)))?;
            let name = path.display().to_string();
            write::read_raw(&name, &bytes, library)
                .map(|raw| Draft::from_raw(&raw))
                .map_err(problems)
        }
    }
}

/// The folder a routine is saved in unless the therapist picks another:
/// Documents, else home, else the working folder.
pub fn default_save_folder() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| {
            u.document_dir()
                .filter(|d| d.is_dir())
                .map_or_else(|| u.home_dir().to_path_buf(), Path::to_path_buf)
        })
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The words for a save that failed: what is true (nothing written).
fn save_failed(err: &SaveError, folder: &Path) -> String {
    match err {
        SaveError::Invalid(problems) => format!(
            "Not saved: the routine has {} problem(s) to fix first (marked above). Nothing was written.",
            problems.problems.len()
        ),
        SaveError::Write { path, source } => {
            let why = match source.kind() {
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                    "this folder cannot be written to".to_owned()
                }
                std::io::ErrorKind::NotFound => "this folder does not exist".to_owned(),
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge => {
                    "there is no room left on the disk".to_owned()
                }
                _ => source.to_string(),
            };
            format!(
                "Not saved in {}: {why} ({}). Nothing was written; choose another folder.",
                escape_path(folder),
                escape_path(path)
            )
        }
    }
}

impl App {
    /// The built-in exercises.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Saves the routine `raw` made in the builder in `folder` (only when
    /// it passes every check) and adds it to the person's routines, as an
    /// import does (the person is asked when its id is taken). Returns what
    /// to tell the person, next to the Save button, either way.
    pub fn save_built_routine(
        &mut self,
        raw: &RawRoutine,
        folder: &Path,
    ) -> Result<String, String> {
        let path = catalog::save_routine(raw, folder, &self.library)
            .map_err(|e| save_failed(&e, folder))?;
        let mut message = format!("Saved as {}.", escape_path(&path));
        if self.data_dir.is_some() {
            self.import(&path);
            if self.clash.is_none() && self.catalog.get(&raw.id).is_some() {
                message.push_str(" It is in your routines now.");
            }
        } else {
            message.push_str(" There is no data folder, so it was not added to your routines.");
        }
        Ok(message)
    }

    /// Writes the printed handout of the routine `raw` in `folder` as
    /// `<id>-handout.html` (only when the routine passes every check), and
    /// returns its path.
    pub fn write_handout(&self, raw: &RawRoutine, folder: &Path) -> Result<PathBuf, String> {
        let text = write::file_text(raw);
        let routine =
            routine::parse_routine(&write::file_name(raw), text.as_bytes(), &self.library)
                .map_err(|p| {
                    format!(
                        "No handout: the routine has {} problem(s) to fix first.",
                        p.problems.len()
                    )
                })?;
        let html =
            crate::handout::handout_html(&routine, &|image| catalog::picture_bytes(image, folder));
        let path = folder.join(format!("{}-handout.html", raw.id));
        atomic_file::replace(&path, html.as_bytes()).map_err(|e| {
            format!(
                "The handout could not be written in {}: {e}. Nothing was written.",
                escape_path(folder)
            )
        })?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_starts_a_draft_that_checks() {
        let library = Library::builtin();
        let names = preset_names(&library);
        assert_eq!(names.len(), PRESET_ROUTINES.len());
        for i in 0..names.len() {
            let draft = draft_from(&DraftSource::Preset(i), &library).unwrap();
            assert!(draft.check(&library).problems.is_empty());
            // Saved elsewhere, it names the schema file written beside it.
            let text = write::file_text(&draft.to_raw().0);
            assert!(
                text.starts_with(&format!(
                    "{{\n  \"$schema\": \"{}\"",
                    write::SCHEMA_FILE_NAME
                )),
                "{text}"
            );
        }
        assert!(draft_from(&DraftSource::Preset(99), &library).is_err());
        let missing = draft_from(&DraftSource::File("/nonexistent/r.json".into()), &library);
        assert!(missing.unwrap_err().starts_with("Could not read "));
    }

    #[test]
    fn a_failed_save_says_why_and_that_nothing_was_written() {
        let folder = Path::new("/media/usb");
        for (kind, why) in [
            (
                std::io::ErrorKind::PermissionDenied,
                "this folder cannot be written to",
            ),
            (
                std::io::ErrorKind::ReadOnlyFilesystem,
                "this folder cannot be written to",
            ),
            (std::io::ErrorKind::NotFound, "this folder does not exist"),
            (
                std::io::ErrorKind::StorageFull,
                "there is no room left on the disk",
            ),
            // A file size limit: as a full disk to the person.
            (
                std::io::ErrorKind::FileTooLarge,
                "there is no room left on the disk",
            ),
        ] {
            let err = SaveError::Write {
                path: folder.join("r.json"),
                source: std::io::Error::from(kind),
            };
            assert_eq!(
                save_failed(&err, folder),
                format!(
                    "Not saved in /media/usb: {why} (/media/usb/r.json). Nothing was written; choose another folder."
                )
            );
        }
    }
}

//! The routine builder's work on disk: a draft to start from (empty, a
//! preset, or a routine file the therapist opens), saving the routine in
//! the folder the therapist picks and adding it to the person's routines in
//! the same step, and writing its printed handout beside it. The draft
//! itself and its checks are the model's ([`crate::routine::draft`]).
//!
//! An own exercise's picture is a path relative to the routine file's
//! folder. A routine saved in another folder than the file it was opened
//! from takes its pictures along: each is copied beside the saved file at
//! the same relative path ([`picture_steps`] decides, [`App::save_built_routine`]
//! copies), never over a different file already there.

use std::io;
use std::path::{Path, PathBuf};

use super::App;
use super::catalog::{self, SaveError};
use crate::atomic_file;
use crate::exercise::Image;
use crate::routine::draft::Draft;
use crate::routine::raw::{RawExerciseRef, RawRoutine};
use crate::routine::{self, Library, PRESET_ROUTINES, escape, escape_path, write};

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
/// A preset's draft is a copy under an id `catalog` does not have yet
/// (`<id>-2`, its name with " (2)", as [`catalog::copy_number`] numbers
/// copies): saved under the preset's own id, it could never be added to
/// the person's routines nor to the patient's, whose app has the preset.
pub fn draft_from(
    source: &DraftSource,
    library: &Library,
    catalog: &catalog::Catalog,
) -> Result<Draft, String> {
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
                    if let Some(n) = catalog::copy_number(catalog, &raw.id) {
                        raw.id = format!("{}-{n}", raw.id);
                        raw.name = format!("{} ({n})", raw.name);
                    }
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

/// The folder the relative pictures of a draft from `source` are in: the
/// folder of the routine file it was opened from. A preset's exercises
/// have only built-in pictures (`assets/...`, inside the program) and an
/// empty draft has none, so neither has such a folder.
pub fn pictures_folder(source: &DraftSource) -> Option<PathBuf> {
    match source {
        DraftSource::File(path) => Some(
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf(),
        ),
        DraftSource::Empty | DraftSource::Preset(_) => None,
    }
}

/// The relative pictures (not `assets/...`) the own exercises of `raw`
/// name, each once, in order.
pub fn relative_pictures(raw: &RawRoutine) -> Vec<String> {
    let mut pictures: Vec<String> = Vec::new();
    for item in &raw.items {
        let RawExerciseRef::Inline(exercise) = &item.exercise else {
            continue;
        };
        for image in [&exercise.image, &exercise.picture_held]
            .into_iter()
            .flatten()
        {
            if let Image::Relative(rel) = Image::of(image)
                && !pictures.contains(&rel)
            {
                pictures.push(rel);
            }
        }
    }
    pictures
}

/// What saving does with one relative picture of a routine.
#[derive(Debug)]
pub enum PictureStep {
    /// Copy these bytes to `to`: nothing is there yet.
    Copy {
        /// The picture's path in the routine file.
        rel: String,
        /// Where it goes.
        to: PathBuf,
        /// The picture.
        bytes: Vec<u8>,
    },
    /// The very same picture is already at the destination: nothing to do.
    AlreadyThere {
        /// The picture's path in the routine file.
        rel: String,
    },
    /// A different file is at the destination: it is left as it is.
    Different {
        /// The picture's path in the routine file.
        rel: String,
        /// The file left as it is.
        at: PathBuf,
    },
    /// The picture could not be read where the draft's pictures are
    /// (`looked`: that path; `None`: the draft has no folder of pictures).
    Missing {
        /// The picture's path in the routine file.
        rel: String,
        /// Where it was looked for.
        looked: Option<PathBuf>,
        /// What went wrong there.
        why: Option<io::Error>,
        /// Whether a file is already at the destination (kept as it is).
        kept: bool,
    },
}

/// Decides, for each relative picture `rels` of a routine saved in `to`,
/// what to do: read from the folder `from` the draft's pictures are in
/// and the destination, both as [`catalog::read_picture`] does (regular
/// files inside the folder, capped). Reads only; nothing is written.
pub fn picture_steps(rels: &[String], from: Option<&Path>, to: &Path) -> Vec<PictureStep> {
    rels.iter()
        .map(|rel| {
            let there = catalog::read_picture(to, rel);
            let source = from.map(|from| (from.join(rel), catalog::read_picture(from, rel)));
            match (source, there) {
                (Some((_, Ok(bytes))), Ok(existing)) if bytes == existing => {
                    PictureStep::AlreadyThere { rel: rel.clone() }
                }
                (Some((_, Ok(bytes))), Err(e)) if e.kind() == io::ErrorKind::NotFound => {
                    PictureStep::Copy {
                        rel: rel.clone(),
                        to: to.join(rel),
                        bytes,
                    }
                }
                // Different bytes, or something there that is not a plain
                // picture file (a link, a folder): never replaced.
                (Some((_, Ok(_))), _) => PictureStep::Different {
                    rel: rel.clone(),
                    at: to.join(rel),
                },
                (source, there) => {
                    let (looked, why) = match source {
                        Some((path, Err(e))) => (Some(path), Some(e)),
                        _ => (None, None),
                    };
                    PictureStep::Missing {
                        rel: rel.clone(),
                        looked,
                        why,
                        kept: !matches!(&there, Err(e) if e.kind() == io::ErrorKind::NotFound),
                    }
                }
            }
        })
        .collect()
}

/// Carries out `steps` (writing each [`PictureStep::Copy`] with
/// [`atomic_file::replace`], its folders made first) and returns what to
/// tell the therapist: empty when every picture is in place.
fn copy_pictures(steps: Vec<PictureStep>) -> String {
    let mut copied = Vec::new();
    let mut words = Vec::new();
    for step in steps {
        match step {
            PictureStep::Copy { rel, to, bytes } => {
                let written = match to.parent() {
                    Some(parent) => std::fs::create_dir_all(parent),
                    None => Ok(()),
                }
                .and_then(|()| atomic_file::replace(&to, &bytes));
                match written {
                    Ok(()) => copied.push(format!("\"{}\"", escape(&rel))),
                    Err(e) => words.push(format!(
                        "The picture \"{}\" could not be copied to {}: {e}.",
                        escape(&rel),
                        escape_path(&to)
                    )),
                }
            }
            PictureStep::AlreadyThere { .. } => {}
            PictureStep::Different { rel, at } => words.push(format!(
                "The picture \"{}\" was not copied: a different file is already at {}, and it was left as it is.",
                escape(&rel),
                escape_path(&at)
            )),
            PictureStep::Missing {
                rel,
                looked,
                why,
                kept,
            } => {
                let whence = match (looked, why) {
                    (Some(path), Some(e)) if e.kind() == io::ErrorKind::NotFound => {
                        format!("it was not found at {}", escape_path(&path))
                    }
                    (Some(path), Some(e)) => {
                        format!("it could not be read at {} ({e})", escape_path(&path))
                    }
                    _ => "this routine was not opened from a file, so there is no folder to take it from"
                        .to_owned(),
                };
                let then = if kept {
                    "the file already in the save folder under that name was left as it is"
                } else {
                    "the saved routine names a picture that is not beside it"
                };
                words.push(format!(
                    "The picture \"{}\" was not copied: {whence}; {then}.",
                    escape(&rel)
                ));
            }
        }
    }
    if !copied.is_empty() {
        words.insert(
            0,
            if copied.len() == 1 {
                format!("Its picture {} was copied beside it.", copied.join(""))
            } else {
                format!("Its pictures {} were copied beside it.", copied.join(", "))
            },
        );
    }
    words.join(" ")
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

/// Why a save was refused: the words to say beside Save, and whether the
/// folder to save in does not exist (the builder then offers to create it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRefused {
    /// What is true (nothing written) and what to do.
    pub words: String,
    /// The folder to save in is not there.
    pub missing_folder: bool,
}

impl From<String> for SaveRefused {
    fn from(words: String) -> Self {
        Self {
            words,
            missing_folder: false,
        }
    }
}

impl std::fmt::Display for SaveRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words)
    }
}

/// The words for a save that failed: what is true (nothing written).
fn save_failed(err: &SaveError, folder: &Path) -> SaveRefused {
    let missing_folder = matches!(
        err,
        SaveError::Write { source, .. } if source.kind() == std::io::ErrorKind::NotFound
    );
    let words = save_failed_words(err, folder, missing_folder);
    SaveRefused {
        words,
        missing_folder,
    }
}

/// "1 problem", "3 problems".
fn problem_count(n: usize) -> String {
    crate::plural::plural(u64::try_from(n).unwrap_or(u64::MAX), "problem", "problems")
}

fn save_failed_words(err: &SaveError, folder: &Path, missing_folder: bool) -> String {
    if missing_folder {
        return format!(
            "Not saved: the folder {} does not exist. Nothing was written; create it, or choose another folder.",
            escape_path(folder)
        );
    }
    match err {
        SaveError::Invalid(problems) => format!(
            "Not saved: the routine has {} to fix first (marked above). Nothing was written.",
            problem_count(problems.problems.len())
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
        self.routines.library()
    }

    /// Saves the routine `raw` made in the builder, from `source`, in
    /// `folder` (only when it passes every check), copies the relative
    /// pictures its own exercises name beside it (see [`picture_steps`]),
    /// and adds it to the person's routines, as an import does (the person
    /// is asked when its id is taken). Returns what to tell the person,
    /// next to the Save button, either way; a picture not copied is said.
    pub fn save_built_routine(
        &mut self,
        raw: &RawRoutine,
        source: &DraftSource,
        folder: &Path,
    ) -> Result<String, SaveRefused> {
        let path = catalog::save_routine(raw, folder, self.library())
            .map_err(|e| save_failed(&e, folder))?;
        let from = pictures_folder(source);
        let pictures = copy_pictures(picture_steps(
            &relative_pictures(raw),
            from.as_deref(),
            folder,
        ));
        let mut message = format!("Saved as {}.", escape_path(&path));
        if !pictures.is_empty() {
            message.push(' ');
            message.push_str(&pictures);
        }
        if self.data_dir.is_some() {
            self.import(&path);
            if self.import_clash().is_none() && self.catalog().get(&raw.id).is_some() {
                message.push_str(" It is in your routines now.");
            }
        } else {
            message.push_str(" There is no data folder, so it was not added to your routines.");
        }
        Ok(message)
    }

    /// Creates `folder` (and the folders above it that are missing), for a
    /// save refused because it was not there; why not, in words.
    pub fn create_save_folder(&self, folder: &Path) -> Result<(), String> {
        std::fs::create_dir_all(folder).map_err(|e| {
            format!(
                "The folder {} could not be created ({e}). Nothing was written; choose another folder.",
                escape_path(folder)
            )
        })
    }

    /// Writes the printed handout of the routine `raw`, from `source`, in
    /// `folder` as `<id>-handout.html` (only when the routine passes every
    /// check), and returns its path. A relative picture is taken from
    /// `folder`, else from where the draft's pictures are.
    pub fn write_handout(
        &self,
        raw: &RawRoutine,
        source: &DraftSource,
        folder: &Path,
    ) -> Result<PathBuf, String> {
        let text = write::file_text(raw);
        let routine =
            routine::parse_routine(&write::file_name(raw), text.as_bytes(), self.library())
                .map_err(|p| {
                    format!(
                        "No handout: the routine has {} to fix first.",
                        problem_count(p.problems.len())
                    )
                })?;
        let from = pictures_folder(source);
        let html = crate::handout::handout_html(&routine, &|image| {
            catalog::picture_bytes(image, folder).or_else(|| {
                from.as_deref()
                    .and_then(|f| catalog::picture_bytes(image, f))
            })
        });
        let path = folder.join(format!("{}-handout.html", raw.id));
        // Only a file is replaced, or the file a link names.
        crate::app::user_file::output_target(&path)
            .and_then(|target| atomic_file::replace(&target, html.as_bytes()))
            .map_err(|e| {
                format!(
                    "The handout could not be written in {}: {e} ({}). Nothing was written.",
                    escape_path(folder),
                    escape_path(&path)
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
        let presets = catalog::Catalog::load(&library, None);
        let names = preset_names(&library);
        assert_eq!(names.len(), PRESET_ROUTINES.len());
        for (i, name) in names.iter().enumerate() {
            let draft = draft_from(&DraftSource::Preset(i), &library, &presets).unwrap();
            assert!(draft.check(&library).problems.is_empty());
            // A copy: the preset's id and name, numbered.
            let raw = draft.to_raw().0;
            assert!(raw.id.ends_with("-2"), "{}", raw.id);
            assert_eq!(raw.name, format!("{name} (2)"));
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
        assert!(draft_from(&DraftSource::Preset(99), &library, &presets).is_err());
        let missing = draft_from(
            &DraftSource::File("/nonexistent/r.json".into()),
            &library,
            &presets,
        );
        assert!(missing.unwrap_err().starts_with("Could not read "));
    }

    fn steps_words(steps: &[PictureStep]) -> Vec<String> {
        steps
            .iter()
            .map(|s| match s {
                PictureStep::Copy { rel, to, bytes } => {
                    format!("copy {rel} to {} ({} bytes)", to.display(), bytes.len())
                }
                PictureStep::AlreadyThere { rel } => format!("there {rel}"),
                PictureStep::Different { rel, .. } => format!("different {rel}"),
                PictureStep::Missing {
                    rel, looked, kept, ..
                } => format!("missing {rel} at {looked:?}, kept {kept}"),
            })
            .collect()
    }

    #[test]
    fn what_saving_does_with_each_picture() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        let (from, to) = (from.path(), to.path());
        std::fs::create_dir_all(from.join("pictures")).unwrap();
        std::fs::create_dir_all(to.join("pictures")).unwrap();
        for name in ["new.svg", "same.svg", "changed.svg", "linked.svg"] {
            std::fs::write(from.join("pictures").join(name), "picture").unwrap();
        }
        std::fs::write(to.join("pictures/same.svg"), "picture").unwrap();
        std::fs::write(to.join("pictures/changed.svg"), "other").unwrap();
        std::fs::write(to.join("pictures/lost.svg"), "kept").unwrap();
        std::os::unix::fs::symlink(to.join("pictures/same.svg"), to.join("pictures/linked.svg"))
            .unwrap();
        let rels: Vec<String> = [
            "pictures/new.svg",
            "pictures/same.svg",
            "pictures/changed.svg",
            "pictures/linked.svg",
            "pictures/lost.svg",
            "gone.svg",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            steps_words(&picture_steps(&rels, Some(from), to)),
            [
                format!(
                    "copy pictures/new.svg to {}/pictures/new.svg (7 bytes)",
                    to.display()
                ),
                "there pictures/same.svg".to_owned(),
                "different pictures/changed.svg".to_owned(),
                // A link at the destination is never written through.
                "different pictures/linked.svg".to_owned(),
                format!(
                    "missing pictures/lost.svg at Some({:?}), kept true",
                    from.join("pictures/lost.svg")
                ),
                format!(
                    "missing gone.svg at Some({:?}), kept false",
                    from.join("gone.svg")
                ),
            ]
        );
        // No folder of pictures (a preset, or from empty): each is missing.
        assert_eq!(
            steps_words(&picture_steps(&rels[..1], None, to)),
            ["missing pictures/new.svg at None, kept false"]
        );
    }

    #[test]
    fn the_pictures_of_a_draft_are_beside_the_file_it_was_opened_from() {
        assert_eq!(
            pictures_folder(&DraftSource::File("/a/b/r.json".into())),
            Some(PathBuf::from("/a/b"))
        );
        assert_eq!(
            pictures_folder(&DraftSource::File("r.json".into())),
            Some(PathBuf::from("."))
        );
        assert_eq!(pictures_folder(&DraftSource::Preset(0)), None);
        assert_eq!(pictures_folder(&DraftSource::Empty), None);
        // Every preset's pictures are built in: none to copy.
        let library = Library::builtin();
        let presets = catalog::Catalog::load(&library, None);
        for i in 0..PRESET_ROUTINES.len() {
            let raw = draft_from(&DraftSource::Preset(i), &library, &presets)
                .unwrap()
                .to_raw()
                .0;
            assert!(relative_pictures(&raw).is_empty());
        }
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
                SaveRefused {
                    words: format!(
                        "Not saved in /media/usb: {why} (/media/usb/r.json). Nothing was written; choose another folder."
                    ),
                    missing_folder: false,
                }
            );
        }
        let one = SaveError::Invalid(crate::routine::Problems {
            file: "r.json".to_owned(),
            problems: vec![crate::routine::Problem {
                file: "r.json".to_owned(),
                pos: crate::routine::Pos::START,
                path: "name".to_owned(),
                message: "the name is empty".to_owned(),
            }],
        });
        assert_eq!(
            save_failed(&one, folder).words,
            "Not saved: the routine has 1 problem to fix first (marked above). Nothing was written."
        );
        // A folder not there is named, whichever file was written first,
        // and creating it is offered.
        let err = SaveError::Write {
            path: folder.join("routine.schema.json"),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        };
        assert_eq!(
            save_failed(&err, folder),
            SaveRefused {
                words: "Not saved: the folder /media/usb does not exist. Nothing was written; create it, or choose another folder.".to_owned(),
                missing_folder: true,
            }
        );
    }
}

//! The routines on this computer: the presets built into the program and the
//! ones the user imported into `DATA_DIR/routines/`. This module owns reading
//! routine files and their pictures from disk (regular files only, never
//! blocking, with a size cap: see [`user_file`]) and importing a therapist's
//! file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::app::paths::DataDir;
use crate::app::user_file::{self, Links};
use crate::atomic_file;
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
    /// Loads the presets and every `*.json` in `DATA_DIR/routines/`. A bad
    /// file is reported in `problems` and skipped; a missing folder is fine.
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
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
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
}

fn single(path: &Path, field: &str, message: &str) -> Problems {
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

/// Reads a routine or exercise file the person named, but never more than
/// one byte past [`routine::MAX_FILE_BYTES`], so a huge or endless file is
/// refused without being read whole. Anything but a regular file (a named
/// pipe, a device, a folder) is refused at once with an error naming it
/// (see [`user_file::open_regular`]).
pub fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    user_file::read_at_most(path, Links::Follow, routine::MAX_FILE_BYTES as u64 + 1)
}

/// The largest picture a routine may name, in bytes (16 MiB).
pub const MAX_PICTURE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the picture `rel` that a routine file in `folder` names: a regular
/// file inside `folder`, reached through no symbolic link (as the file or as
/// a folder on the way), of at most [`MAX_PICTURE_BYTES`].
pub fn read_picture(folder: &Path, rel: &str) -> io::Result<Vec<u8>> {
    let path = picture_path(folder, rel)?;
    user_file::read_whole(&path, Links::Refuse, MAX_PICTURE_BYTES)
}

/// `folder/rel`, when its folder is really inside `folder` (no linked folder
/// leads elsewhere). Validation already refuses `..` and absolute paths.
fn picture_path(folder: &Path, rel: &str) -> io::Result<PathBuf> {
    let path = folder.join(rel);
    let parent = path.parent().unwrap_or(folder);
    if parent.canonicalize()?.starts_with(folder.canonicalize()?) {
        Ok(path)
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is reached through a symbolic link to another folder",
        ))
    }
}

/// Whether the picture `rel` beside a routine file in `folder` can be used:
/// `None` when it can, else what is wrong.
fn picture_problem(folder: &Path, rel: &str) -> Option<String> {
    let checked = picture_path(folder, rel).and_then(|path| {
        let file = user_file::open_regular(&path, Links::Refuse)?;
        if file.metadata()?.len() > MAX_PICTURE_BYTES {
            return Err(io::Error::other(user_file::TooLarge {
                limit: MAX_PICTURE_BYTES,
            }));
        }
        Ok(())
    });
    match checked {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(format!(
            "the image \"{rel}\" was not found next to the routine file"
        )),
        Err(e) => Some(format!("the image \"{rel}\" cannot be used: {e}")),
    }
}

/// Reads and validates a routine file. A relative image path must name a file
/// that exists inside the routine's folder.
pub fn load_routine_file(path: &Path, library: &Library) -> Result<Routine, Problems> {
    read_routine_file(path, library).map(|(routine, _)| routine)
}

/// [`load_routine_file`], also giving the bytes read.
fn read_routine_file(path: &Path, library: &Library) -> Result<(Routine, Vec<u8>), Problems> {
    let name = path.display().to_string();
    let bytes = read_capped(path)
        .map_err(|e| single(path, "(file)", &format!("cannot read the file: {e}")))?;
    let routine = routine::parse_routine(&name, &bytes, library)?;
    check_images_exist(path, &routine)?;
    Ok((routine, bytes))
}

fn check_images_exist(path: &Path, routine: &Routine) -> Result<(), Problems> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let missing: Vec<Problem> = routine
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.exercise.image {
            Some(crate::exercise::Image::Relative(rel)) => {
                picture_problem(folder, rel).map(|message| Problem {
                    file: path.display().to_string(),
                    pos: routine::Pos::START,
                    path: format!("items[{i}].exercise.image"),
                    message,
                })
            }
            _ => None,
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Problems {
            file: path.display().to_string(),
            problems: missing,
        })
    }
}

/// Why a routine could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; nothing was copied.
    #[error(transparent)]
    Invalid(#[from] Problems),
    /// Copying into the data dir failed.
    #[error("could not copy the routine into {path}: {source}")]
    Io {
        /// The destination.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}

/// Validates a therapist's routine file and, when it is valid, copies it
/// (and the images it names) into `DATA_DIR/routines/` as `<id>.json`,
/// replacing an earlier import with the same id. Returns the routine.
pub fn import(path: &Path, library: &Library, data_dir: &DataDir) -> Result<Routine, ImportError> {
    // The bytes checked are the bytes copied: the file is read once.
    let (routine, bytes) = read_routine_file(path, library)?;
    let dir = data_dir.routines();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    let target = dir.join(format!("{}.json", routine.id));
    atomic_file::replace(&target, &bytes).map_err(io(&target))?;
    let folder = path.parent().unwrap_or(Path::new("."));
    for item in &routine.items {
        if let Some(crate::exercise::Image::Relative(rel)) = &item.exercise.image {
            let to = dir.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent).map_err(io(parent))?;
            }
            let from = folder.join(rel);
            let image = read_picture(folder, rel).map_err(io(&from))?;
            atomic_file::replace(&to, &image).map_err(io(&to))?;
        }
    }
    Ok(routine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_copies_the_file_whole_and_replaces_an_earlier_import() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let library = Library::builtin();
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("exercises/routines/daily-neck-routine.json");
        let routine = import(&source, &library, &data_dir).unwrap();
        let again = import(&source, &library, &data_dir).unwrap();
        assert_eq!(routine, again);
        let target = data_dir.routines().join(format!("{}.json", routine.id));
        assert_eq!(fs::read(&target).unwrap(), fs::read(&source).unwrap());
        let names: Vec<_> = fs::read_dir(data_dir.routines())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [target.file_name().unwrap()], "no temp files left");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_in_the_routines_folder_is_a_problem_not_a_hang() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        fs::create_dir_all(data_dir.routines()).unwrap();
        let fifo = data_dir.routines().join("f.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = data_dir.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Catalog::load(&Library::builtin(), Some(&dir)).problems);
        });
        let problems = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("loading the routines folder hangs on a named pipe");
        let text: Vec<String> = problems
            .iter()
            .flat_map(|p| p.problems.iter().map(ToString::to_string))
            .collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(
            text[0].ends_with("(file): cannot read the file: it is a named pipe, not a file"),
            "{text:?}"
        );
    }
}

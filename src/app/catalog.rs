//! The routines on this computer: the presets built into the program and the
//! ones the user imported into `DATA_DIR/routines/`. This module owns reading
//! routine files from disk (with a size cap) and importing a therapist's file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::app::paths::DataDir;
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

/// Reads a file, but never more than one byte past [`routine::MAX_FILE_BYTES`],
/// so a huge or endless file is refused without being read whole.
pub fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(routine::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
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
            Some(crate::exercise::Image::Relative(rel)) if !folder.join(rel).is_file() => {
                Some(Problem {
                    file: path.display().to_string(),
                    pos: routine::Pos::START,
                    path: format!("items[{i}].exercise.image"),
                    message: format!("the image \"{rel}\" was not found next to the routine file"),
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
        source: std::io::Error,
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
            let image = fs::read(&from).map_err(io(&from))?;
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
}

//! Importing a physical therapist's routine file into a folder of its own
//! in `DATA_DIR/routines/`, with the pictures it names; what to do when its
//! id is taken ([`OnClash`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::pictures::read_picture;
use super::read::{read_capped, read_routine_file};
use super::{Catalog, Origin, single};
use crate::app::paths::DataDir;
use crate::atomic_file;
use crate::routine::{self, Library, PRESET_ROUTINES, Problems, Routine, escape_path};
/// Why a routine could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; nothing was copied.
    #[error(transparent)]
    Invalid(#[from] Problems),
    /// Another routine already has this id and the file is not the same;
    /// nothing was copied. (A dialog may later offer to rename or replace.)
    #[error(
        "the routine id \"{id}\" is already taken by {}; give this routine another \"id\" in its file",
        taken_by(by)
    )]
    IdTaken {
        /// The id asked for.
        id: String,
        /// The routine that has it: a preset or an earlier import.
        by: Origin,
    },
    /// A picture the routine names could not be read.
    #[error("could not read the picture {}: {source}", escape_path(path))]
    Picture {
        /// The picture.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: io::Error,
    },
    /// Copying into the data dir failed.
    #[error("could not copy the routine into {}: {source}", escape_path(path))]
    Io {
        /// The destination.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}

fn taken_by(origin: &Origin) -> String {
    match origin {
        Origin::Preset => "a built-in routine".to_owned(),
        Origin::Imported(file) => format!("a routine added earlier ({})", escape_path(file)),
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// The routine was copied into the data dir.
    Added(Routine),
    /// The very same file was already there (or is a preset); nothing was
    /// copied.
    AlreadyAdded(Routine),
}

impl Imported {
    /// The routine imported.
    pub fn routine(&self) -> &Routine {
        match self {
            Self::Added(r) | Self::AlreadyAdded(r) => r,
        }
    }

    /// The routine imported, taken out.
    pub fn into_routine(self) -> Routine {
        match self {
            Self::Added(r) | Self::AlreadyAdded(r) => r,
        }
    }
}

/// What to do when an imported routine's id is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnClash {
    /// Refuse with [`ImportError::IdTaken`] (the person is asked first).
    Refuse,
    /// Replace the earlier import that has the id (never a preset).
    Replace,
    /// Keep both: add this one under the first free id `<id>-2`, `<id>-3`,
    /// …, its name followed by " (2)", " (3)", ….
    KeepBoth,
}

/// Validates a physical therapist's routine file and, when it is valid, copies it
/// and the pictures it names into a folder of its own,
/// `DATA_DIR/routines/<id>/` (the routine as `<id>.json`). Pictures are
/// copied only when they are regular files (a symbolic link is refused).
///
/// A routine id already used by a preset or by an earlier import is refused
/// with [`ImportError::IdTaken`], unless the file is the very same (then
/// it is [`Imported::AlreadyAdded`] and nothing is written).
pub fn import(path: &Path, library: &Library, data_dir: &DataDir) -> Result<Imported, ImportError> {
    import_with(path, library, data_dir, OnClash::Refuse)
}

/// [`import`], with what to do when the id is taken (the person's answer
/// to "replace it, or keep both?").
pub fn import_with(
    path: &Path,
    library: &Library,
    data_dir: &DataDir,
    on_clash: OnClash,
) -> Result<Imported, ImportError> {
    // The bytes checked are the bytes copied: the file is read once.
    let (mut routine, mut bytes) = read_routine_file(path, library)?;
    let catalog = Catalog::load(library, Some(data_dir));
    let mut replaced = None;
    match (catalog.get(&routine.id), on_clash) {
        (Some(entry), OnClash::Replace) => match &entry.origin {
            Origin::Imported(file) => replaced = Some(file.clone()),
            Origin::Preset => {
                return Err(ImportError::IdTaken {
                    id: routine.id,
                    by: Origin::Preset,
                });
            }
        },
        (Some(_), OnClash::KeepBoth) => {
            (routine, bytes) = renamed_copy(path, &bytes, &routine, &catalog, library)?;
        }
        _ => {}
    }
    if let Some(entry) = catalog.get(&routine.id).filter(|_| replaced.is_none()) {
        let same = match &entry.origin {
            Origin::Preset => PRESET_ROUTINES
                .iter()
                .any(|(_, text)| text.as_bytes() == bytes.as_slice()),
            Origin::Imported(file) => read_capped(file).is_ok_and(|old| old == bytes),
        };
        return if same {
            Ok(Imported::AlreadyAdded(routine))
        } else {
            Err(ImportError::IdTaken {
                id: routine.id,
                by: entry.origin.clone(),
            })
        };
    }
    // Every picture is read before anything is written.
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut pictures = Vec::new();
    for (_, picture) in routine.items.iter().flat_map(|i| i.exercise.pictures()) {
        if let crate::exercise::Image::Relative(rel) = picture
            && !pictures.iter().any(|(r, _)| *r == rel)
        {
            let image = read_picture(folder, rel).map_err(|source| ImportError::Picture {
                path: folder.join(rel),
                source,
            })?;
            pictures.push((rel, image));
        }
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Io { path, source }
    };
    let dir = data_dir.routines().join(&routine.id);
    fs::create_dir_all(&dir).map_err(io(&dir))?;
    for (rel, image) in &pictures {
        let to = dir.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        atomic_file::replace(&to, image).map_err(io(&to))?;
    }
    // The routine last: a routine file in the folder has all its pictures.
    let target = dir.join(format!("{}.json", routine.id));
    atomic_file::replace(&target, &bytes).map_err(io(&target))?;
    // A replaced import kept flat in the routines folder (the old way) would
    // still be found: it goes once the new one is in place.
    if let Some(old) = replaced.filter(|old| *old != target) {
        fs::remove_file(&old).map_err(io(&old))?;
    }
    Ok(Imported::Added(routine))
}

/// The number of a copy of the routine `id` whose id, `<id>-<n>`, is not
/// taken in `catalog` (the first from 2 to 999). A copy takes that id and
/// its name with " (n)": a copy kept beside another routine of its id, and
/// a copy of a preset made in the builder.
pub fn copy_number(catalog: &Catalog, id: &str) -> Option<u32> {
    (2u32..1000).find(|n| catalog.get(&format!("{id}-{n}")).is_none())
}

/// The routine under the first id not taken in `catalog` (`<id>-2`, …) and
/// its name with " (n)", as the bytes to copy, checked again.
fn renamed_copy(
    path: &Path,
    bytes: &[u8],
    routine: &Routine,
    catalog: &Catalog,
    library: &Library,
) -> Result<(Routine, Vec<u8>), ImportError> {
    let problem = |message: String| ImportError::Invalid(single(path, "id", &message));
    let Some(n) = copy_number(catalog, &routine.id) else {
        return Err(problem("no free id is left for a copy".to_owned()));
    };
    let mut value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| problem(e.to_string()))?;
    let Some(object) = value.as_object_mut() else {
        return Err(problem("the routine is not a JSON object".to_owned()));
    };
    object.insert("id".to_owned(), format!("{}-{n}", routine.id).into());
    object.insert("name".to_owned(), format!("{} ({n})", routine.name).into());
    let mut renamed = serde_json::to_vec_pretty(&value).map_err(|e| problem(e.to_string()))?;
    renamed.push(b'\n');
    let name = path.display().to_string();
    let checked = routine::parse_routine(&name, &renamed, library)?;
    Ok((checked, renamed))
}

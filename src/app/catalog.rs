//! The routines on this computer: the presets built into the program and the
//! ones the user imported into `DATA_DIR/routines/`. This module owns reading
//! routine files and their pictures from disk (regular files only, never
//! blocking, with a size cap: see [`user_file`]) and importing a therapist's
//! file.
//!
//! An import goes in a folder of its own, `DATA_DIR/routines/<id>/<id>.json`
//! beside the pictures it names; routines imported before that, straight in
//! `DATA_DIR/routines/`, are still read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::app::paths::DataDir;
use crate::app::user_file::{self, Links};
use crate::atomic_file;
use crate::routine::{
    self, Format, Library, PRESET_ROUTINES, Parsed, Problem, Problems, Routine, escape_path,
};

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

/// The bytes of an exercise's picture: built in, or a file next to the
/// routine file in `folder` (read as [`read_picture`] does). `None` when it
/// cannot be read; the handout and the window then do without it.
pub fn picture_bytes(image: &crate::exercise::Image, folder: &Path) -> Option<Vec<u8>> {
    match image {
        crate::exercise::Image::Builtin(path) => crate::assets::image(path).map(<[u8]>::to_vec),
        crate::exercise::Image::Relative(rel) => read_picture(folder, rel).ok(),
    }
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

/// Whether the picture `rel` beside a routine or exercise file in `folder`
/// can be used: `None` when it can, else what is wrong. What [`read_picture`]
/// would refuse, found without reading the picture.
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
            "the image \"{rel}\" was not found in the folder of this file; put the picture there or correct the path"
        )),
        Err(e) => Some(format!("the image \"{rel}\" cannot be used: {e}")),
    }
}

/// The problems of the pictures beside the file at `path` (its text
/// `bytes`) that `parsed` names, each at the picture's place in the file.
/// `check`, the import and the commands that read a routine all check
/// pictures here.
fn picture_problems(path: &Path, bytes: &[u8], parsed: &Parsed) -> Vec<Problem> {
    let folder = path.parent().unwrap_or(Path::new("."));
    parsed
        .relative_pictures()
        .into_iter()
        .filter_map(|(field, rel)| {
            picture_problem(folder, rel).map(|message| Problem {
                file: path.display().to_string(),
                pos: routine::position_of(bytes, &field),
                path: field.to_string(),
                message,
            })
        })
        .collect()
}

/// Reads the file at `path` and checks it as `format` (or as what it holds,
/// for `None`) with every check the app makes before it uses a file: its
/// text ([`routine::parse`]) and its pictures. Gives the bytes read too.
fn read_checked(
    path: &Path,
    format: Option<Format>,
    library: &Library,
) -> Result<(Parsed, Vec<u8>), Problems> {
    let name = path.display().to_string();
    let bytes = read_capped(path)
        .map_err(|e| single(path, "(file)", &format!("cannot read the file: {e}")))?;
    let parsed = routine::parse(&name, &bytes, format, library)?;
    let problems = picture_problems(path, &bytes, &parsed);
    if problems.is_empty() {
        Ok((parsed, bytes))
    } else {
        Err(Problems {
            file: name,
            problems,
        })
    }
}

/// Reads and checks a routine or exercise file as `neckguide check` does:
/// with every check of the import and of the commands that read a routine,
/// pictures included, so a file that passes is one the app takes.
pub fn check_file(path: &Path, library: &Library) -> Result<Parsed, Problems> {
    read_checked(path, None, library).map(|(parsed, _)| parsed)
}

/// Reads and validates a routine file. A relative image path must name a
/// picture that can be used inside the routine's folder.
pub fn load_routine_file(path: &Path, library: &Library) -> Result<Routine, Problems> {
    read_routine_file(path, library).map(|(routine, _)| routine)
}

/// [`load_routine_file`], also giving the bytes read.
fn read_routine_file(path: &Path, library: &Library) -> Result<(Routine, Vec<u8>), Problems> {
    match read_checked(path, Some(Format::Routine), library)? {
        (Parsed::Routine(routine), bytes) => Ok((routine, bytes)),
        (Parsed::Exercise(_), _) => Err(single(
            path,
            "(file)",
            "this is an exercise file, not a routine",
        )),
    }
}

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
    for item in &routine.items {
        if let Some(crate::exercise::Image::Relative(rel)) = &item.exercise.image {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn routine_text(id: &str, image: &str) -> String {
        format!(
            r#"{{"id": "{id}", "name": "Routine {id}", "times_per_day": 1, "items": [
              {{"exercise": {{"id": "{id}-ex", "name": "Own exercise", "position": "walking",
                "steps": ["Do it."], "image": "{image}",
                "dose": {{"kind": "practice"}}}}}}]}}"#
        )
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn import_copies_the_file_whole_into_its_own_folder_once() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let library = Library::builtin();
        let from = tempfile::tempdir().unwrap();
        let source = from.path().join("week-2.json");
        fs::write(&source, routine_text("week-2", "pic.png")).unwrap();
        fs::write(from.path().join("pic.png"), "picture").unwrap();
        let routine = import(&source, &library, &data_dir).unwrap();
        assert!(matches!(routine, Imported::Added(_)));
        let again = import(&source, &library, &data_dir).unwrap();
        assert_eq!(again, Imported::AlreadyAdded(routine.into_routine()));
        let folder = data_dir.routines().join("week-2");
        assert_eq!(names(&data_dir.routines()), ["week-2"]);
        assert_eq!(
            names(&folder),
            ["pic.png", "week-2.json"],
            "no temp files left"
        );
        assert_eq!(
            fs::read(folder.join("week-2.json")).unwrap(),
            fs::read(&source).unwrap()
        );
        let catalog = Catalog::load(&library, Some(&data_dir));
        assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
        assert_eq!(
            catalog.get("week-2").map(|e| &e.origin),
            Some(&Origin::Imported(folder.join("week-2.json")))
        );
    }

    #[test]
    fn two_routines_naming_the_same_picture_keep_their_own() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let library = Library::builtin();
        let from = tempfile::tempdir().unwrap();
        for id in ["first", "second"] {
            let folder = from.path().join(id);
            fs::create_dir(&folder).unwrap();
            fs::write(folder.join("r.json"), routine_text(id, "shared.png")).unwrap();
            fs::write(folder.join("shared.png"), format!("picture of {id}")).unwrap();
            import(&folder.join("r.json"), &library, &data_dir).unwrap();
        }
        for id in ["first", "second"] {
            let copied = data_dir.routines().join(id).join("shared.png");
            assert_eq!(
                fs::read_to_string(copied).unwrap(),
                format!("picture of {id}")
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_picture_that_is_a_symbolic_link_is_not_copied() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let from = tempfile::tempdir().unwrap();
        let secret = from.path().join("secret.txt");
        fs::write(&secret, "private key").unwrap();
        std::os::unix::fs::symlink(&secret, from.path().join("pic.png")).unwrap();
        let source = from.path().join("r.json");
        fs::write(&source, routine_text("linked", "pic.png")).unwrap();
        let err = import(&source, &Library::builtin(), &data_dir).unwrap_err();
        let ImportError::Invalid(problems) = err else {
            panic!("{err}");
        };
        let text = problems.problems[0].to_string();
        assert!(
            text.ends_with(
                "items[0].exercise.image: the image \"pic.png\" cannot be used: it is a symbolic link, not a file"
            ),
            "{text}"
        );
        assert!(!data_dir.routines().exists(), "nothing was copied");
    }

    #[cfg(unix)]
    #[test]
    fn a_picture_in_a_linked_folder_is_not_copied() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let elsewhere = tempfile::tempdir().unwrap();
        fs::write(elsewhere.path().join("pic.png"), "someone else's").unwrap();
        let from = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), from.path().join("img")).unwrap();
        let source = from.path().join("r.json");
        fs::write(&source, routine_text("linked", "img/pic.png")).unwrap();
        let err = import(&source, &Library::builtin(), &data_dir).unwrap_err();
        assert!(err.to_string().contains("problem"), "{err}");
        assert!(!data_dir.routines().exists(), "nothing was copied");
    }

    #[test]
    fn an_id_taken_by_a_preset_or_an_earlier_import_is_refused() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let library = Library::builtin();
        let from = tempfile::tempdir().unwrap();
        fs::write(from.path().join("pic.png"), "picture").unwrap();
        // The preset file itself is already there.
        let preset = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("exercises/routines/daily-neck-routine.json");
        assert!(matches!(
            import(&preset, &library, &data_dir),
            Ok(Imported::AlreadyAdded(_))
        ));
        // Another file with a preset's id.
        let clash = from.path().join("clash.json");
        fs::write(&clash, routine_text("daily-neck-routine", "pic.png")).unwrap();
        let err = import(&clash, &library, &data_dir).unwrap_err();
        assert!(
            matches!(&err, ImportError::IdTaken { id, by: Origin::Preset } if id == "daily-neck-routine"),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "the routine id \"daily-neck-routine\" is already taken by a built-in routine; \
             give this routine another \"id\" in its file"
        );
        // A second, different file with the id of an earlier import.
        let first = from.path().join("first.json");
        fs::write(&first, routine_text("mine", "pic.png")).unwrap();
        import(&first, &library, &data_dir).unwrap();
        let second = from.path().join("second.json");
        fs::write(
            &second,
            routine_text("mine", "pic.png").replace("Do it.", "Do it well."),
        )
        .unwrap();
        let err = import(&second, &library, &data_dir).unwrap_err();
        let by = Origin::Imported(data_dir.routines().join("mine/mine.json"));
        assert!(
            matches!(&err, ImportError::IdTaken { by: b, .. } if *b == by),
            "{err:?}"
        );
        assert!(!data_dir.routines().join("daily-neck-routine").exists());
        // Asked, the person keeps both: a copy under a free id and name.
        let copy = import_with(&clash, &library, &data_dir, OnClash::KeepBoth).unwrap();
        assert_eq!(copy.routine().id, "daily-neck-routine-2");
        assert!(
            copy.routine().name.ends_with(" (2)"),
            "{}",
            copy.routine().name
        );
        assert!(
            data_dir
                .routines()
                .join("daily-neck-routine-2/daily-neck-routine-2.json")
                .is_file()
        );
        // A preset is never replaced.
        assert!(matches!(
            import_with(&clash, &library, &data_dir, OnClash::Replace),
            Err(ImportError::IdTaken {
                by: Origin::Preset,
                ..
            })
        ));
        assert_eq!(
            fs::read(data_dir.routines().join("mine/mine.json")).unwrap(),
            fs::read(&first).unwrap(),
            "the earlier import is kept"
        );
        // Asked, the person replaces the earlier import.
        let replaced = import_with(&second, &library, &data_dir, OnClash::Replace).unwrap();
        assert_eq!(replaced.routine().id, "mine");
        assert_eq!(
            fs::read(data_dir.routines().join("mine/mine.json")).unwrap(),
            fs::read(&second).unwrap()
        );
        let catalog = Catalog::load(&library, Some(&data_dir));
        assert_eq!(
            catalog
                .entries
                .iter()
                .filter(|e| e.routine.id == "mine")
                .count(),
            1
        );
    }

    #[test]
    fn routines_imported_the_old_way_are_still_read_and_keep_their_id() {
        let data = tempfile::tempdir().unwrap();
        let data_dir = DataDir::new(data.path());
        let library = Library::builtin();
        let flat = data_dir.routines();
        fs::create_dir_all(&flat).unwrap();
        fs::write(flat.join("old.json"), routine_text("old", "old.png")).unwrap();
        fs::write(flat.join("old.png"), "picture").unwrap();
        let catalog = Catalog::load(&library, Some(&data_dir));
        assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
        assert_eq!(
            catalog.get("old").map(|e| &e.origin),
            Some(&Origin::Imported(flat.join("old.json")))
        );
        // The same file again is already there; a changed one is refused.
        let from = tempfile::tempdir().unwrap();
        fs::write(from.path().join("old.png"), "picture").unwrap();
        let again = from.path().join("old.json");
        fs::write(&again, routine_text("old", "old.png")).unwrap();
        assert!(matches!(
            import(&again, &library, &data_dir),
            Ok(Imported::AlreadyAdded(_))
        ));
        fs::write(
            &again,
            routine_text("old", "old.png").replace("Do it.", "Now."),
        )
        .unwrap();
        assert!(matches!(
            import(&again, &library, &data_dir),
            Err(ImportError::IdTaken { .. })
        ));
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

/// Why a routine made in the builder was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// It does not pass the checks of `neckguide check`; nothing was written.
    #[error(transparent)]
    Invalid(#[from] Problems),
    /// The file could not be written; what was there before is unchanged.
    #[error("could not write {}: {source}", escape_path(path))]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Saves the routine `raw` (from the builder) in `folder` as `<id>.json`,
/// only when it passes every check `neckguide check` makes; beside it, when
/// the file names it, the JSON Schema for editors. Each file is replaced
/// whole or not at all. Returns the routine file's path.
pub fn save_routine(
    raw: &routine::raw::RawRoutine,
    folder: &Path,
    library: &Library,
) -> Result<PathBuf, SaveError> {
    let name = routine::write::file_name(raw);
    let text = routine::write::file_text(raw);
    routine::parse_routine(&name, text.as_bytes(), library)?;
    // Where each file goes (only a file, or the file a link names, is
    // replaced: see `user_file::output_target`), known before either is
    // written, so a refusal writes nothing.
    let target = |path: PathBuf| match user_file::output_target(&path) {
        Ok(to) => Ok((path, to)),
        Err(source) => Err(SaveError::Write { path, source }),
    };
    let schema = raw
        .schema
        .as_deref()
        .is_none_or(|s| s == routine::write::SCHEMA_FILE_NAME)
        .then(|| target(folder.join(routine::write::SCHEMA_FILE_NAME)))
        .transpose()?;
    let routine_file = target(folder.join(name))?;
    let write = |(path, to): (PathBuf, PathBuf), bytes: &[u8]| {
        atomic_file::replace(&to, bytes)
            .map(|()| path.clone())
            .map_err(|source| SaveError::Write { path, source })
    };
    if let Some(schema_file) = schema {
        let schema = serde_json::to_string_pretty(routine::routine_schema()).unwrap_or_default();
        write(schema_file, format!("{schema}\n").as_bytes())?;
    }
    write(routine_file, text.as_bytes())
}

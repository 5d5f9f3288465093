//! The routines this window offers: the built-in library, the routines
//! found (presets and imports, [`Catalog`]), and an import waiting for the
//! person's answer because its id is taken ([`ImportClash`]). Part of
//! [`App`](super::App), which chooses what is imported; what goes wrong is
//! said in its [`Notices`].

use std::path::{Path, PathBuf};

use super::catalog::{self, Catalog, OnClash, Origin};
use super::notices::Notices;
use super::paths::DataDir;
use crate::routine::{Library, Routine};

/// A routine file whose id another routine has: the person is asked whether
/// to replace that one or keep both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportClash {
    /// The file being imported.
    pub path: PathBuf,
    /// The id both have.
    pub id: String,
    /// The name of the routine that has it now.
    pub taken_by: String,
    /// Whether that one is built in (then it cannot be replaced).
    pub preset: bool,
}

/// The routines found, and an import waiting for an answer.
pub struct Routines {
    library: Library,
    catalog: Catalog,
    /// Where imports go (`None`: nothing can be imported).
    data_dir: Option<DataDir>,
    /// Counts the loads of `catalog`: a routine replaced under the same id
    /// may have other rules, so what was computed from it is computed
    /// again.
    version: u64,
    /// An import waiting for the person's answer.
    clash: Option<ImportClash>,
}

impl Routines {
    /// The built-in library and the routines found in `data_dir`.
    pub fn load(data_dir: Option<DataDir>) -> Self {
        let library = Library::builtin();
        Self {
            catalog: Catalog::load(&library, data_dir.as_ref()),
            library,
            data_dir,
            version: 0,
            clash: None,
        }
    }

    /// The built-in exercises and routines.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The routines found.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Counts the loads of the routines: a figure computed from a routine
    /// at one count holds until the count changes.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The routine with the id `chosen`, else the first found.
    pub fn active(&self, chosen: Option<&str>) -> Option<&Routine> {
        self.catalog.chosen(chosen)
    }

    /// The name of an exercise by id: built-in, or from an imported routine;
    /// the id itself when it is no longer known.
    pub fn exercise_name(&self, id: &str) -> String {
        self.catalog.exercise_name(&self.library, id)
    }

    /// The folder the own pictures of the routine `id` are in (imported
    /// routines only).
    pub fn image_dir(&self, id: &str) -> Option<PathBuf> {
        match &self.catalog.get(id)?.origin {
            Origin::Imported(path) => path.parent().map(Path::to_path_buf),
            Origin::Preset => None,
        }
    }

    /// The import waiting for the person's answer: its id is taken.
    pub fn clash(&self) -> Option<&ImportClash> {
        self.clash.as_ref()
    }

    /// Checks the routine file at `path` and, when it is valid, copies it
    /// into the data folder ([`catalog::import_with`]) and finds the
    /// routines again. Says what happened in a notice; when the id is taken
    /// and `on_clash` is [`OnClash::Refuse`], keeps the [`ImportClash`] for
    /// the person's answer. Returns the id of the routine added (or found
    /// added already), for the person's choice.
    pub fn import(
        &mut self,
        path: &Path,
        on_clash: OnClash,
        notices: &mut Notices,
    ) -> Option<String> {
        let Some(dir) = self.data_dir.clone() else {
            notices.warn("There is no data folder to keep the routine in.");
            return None;
        };
        match catalog::import_with(path, &self.library, &dir, on_clash) {
            Ok(imported) => {
                let message = match &imported {
                    catalog::Imported::Added(r) => format!("Added the routine \"{}\".", r.name),
                    catalog::Imported::AlreadyAdded(r) => {
                        format!("The routine \"{}\" is already added.", r.name)
                    }
                };
                notices.add(&message, false);
                self.reload();
                return Some(imported.into_routine().id);
            }
            Err(catalog::ImportError::Invalid(problems)) => {
                let lines: Vec<String> =
                    problems.problems.iter().map(ToString::to_string).collect();
                notices.warn(&format!(
                    "This routine file has problems and was not added:\n{}",
                    lines.join("\n")
                ));
            }
            Err(catalog::ImportError::IdTaken { id, by }) if on_clash == OnClash::Refuse => {
                let taken_by = self
                    .catalog
                    .get(&id)
                    .map_or_else(|| id.clone(), |e| e.routine.name.clone());
                self.clash = Some(ImportClash {
                    path: path.to_path_buf(),
                    id,
                    taken_by,
                    preset: by == Origin::Preset,
                });
            }
            Err(e) => notices.warn(&e.to_string()),
        }
        None
    }

    /// The person's answer to the [`ImportClash`]: replace the routine that
    /// has the id, keep both, or (`None`) leave it. Returns the id of the
    /// routine added, as [`Routines::import`] does.
    pub fn resolve_clash(
        &mut self,
        answer: Option<OnClash>,
        notices: &mut Notices,
    ) -> Option<String> {
        let clash = self.clash.take()?;
        match answer {
            Some(on_clash) => self.import(&clash.path, on_clash, notices),
            None => {
                notices.add("The routine file was not added.", false);
                None
            }
        }
    }

    /// Finds the routines again.
    fn reload(&mut self) {
        self.catalog = Catalog::load(&self.library, self.data_dir.as_ref());
        self.version += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routine_file(folder: &Path, file: &str, id: &str, name: &str) -> PathBuf {
        let path = folder.join(file);
        let text = format!(
            r#"{{"id": "{id}", "name": "{name}", "times_per_day": 1,
                "items": [{{"exercise": "seated-retraction"}}]}}"#
        );
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    }

    fn texts(notices: &Notices) -> Vec<&str> {
        notices.all().iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn an_import_whose_id_is_taken_waits_for_the_answer() {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let from = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut routines = Routines::load(Some(DataDir::new(data.path())));
        let mut notices = Notices::default();
        let first = routine_file(from.path(), "a.json", "week-2", "Week 2");
        assert_eq!(
            routines
                .import(&first, OnClash::Refuse, &mut notices)
                .as_deref(),
            Some("week-2")
        );
        assert_eq!(routines.version(), 1, "found again after the import");
        let other = routine_file(from.path(), "b.json", "week-2", "Week two, new");
        assert_eq!(routines.import(&other, OnClash::Refuse, &mut notices), None);
        assert_eq!(
            routines.clash(),
            Some(&ImportClash {
                path: other.clone(),
                id: "week-2".to_owned(),
                taken_by: "Week 2".to_owned(),
                preset: false,
            })
        );
        assert_eq!(routines.resolve_clash(None, &mut notices), None);
        assert_eq!(routines.clash(), None);
        assert_eq!(
            texts(&notices),
            [
                "Added the routine \"Week 2\".",
                "The routine file was not added."
            ]
        );
        routines.import(&other, OnClash::Refuse, &mut notices);
        let kept = routines.resolve_clash(Some(OnClash::KeepBoth), &mut notices);
        assert_eq!(kept.as_deref(), Some("week-2-2"));
        assert_eq!(
            routines.active(Some("week-2-2")).map(|r| r.name.as_str()),
            Some("Week two, new (2)")
        );
        assert!(routines.image_dir("week-2-2").is_some());
    }

    #[test]
    fn a_presets_id_is_a_clash_with_a_preset_and_no_folder_imports_nothing() {
        let data = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let from = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut routines = Routines::load(Some(DataDir::new(data.path())));
        let mut notices = Notices::default();
        let file = routine_file(from.path(), "a.json", "daily-neck-routine", "Mine");
        routines.import(&file, OnClash::Refuse, &mut notices);
        assert_eq!(
            routines.clash().map(|c| (c.preset, c.taken_by.as_str())),
            Some((true, "Daily neck routine"))
        );
        assert_eq!(routines.image_dir("daily-neck-routine"), None);
        let mut nowhere = Routines::load(None);
        assert_eq!(nowhere.import(&file, OnClash::Refuse, &mut notices), None);
        assert_eq!(
            texts(&notices).last(),
            Some(&"There is no data folder to keep the routine in.")
        );
    }
}

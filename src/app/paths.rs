//! Where user data lives: the `directories` data dir, unless `--data-dir` or
//! `NECKGUIDE_DATA_DIR` says otherwise.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data dir.
pub const DATA_DIR_ENV: &str = "NECKGUIDE_DATA_DIR";

/// The folders of one data dir.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Uses `root` as the data dir.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The data dir from an explicit override (flag or environment, already
    /// merged by the caller) or else the platform's data dir
    /// (`~/.local/share/neckguide` on Linux). `None` when neither exists
    /// (no home directory).
    pub fn resolve(explicit: Option<PathBuf>) -> Option<Self> {
        explicit.map(Self::new).or_else(|| {
            directories::ProjectDirs::from("", "", "neckguide")
                .map(|dirs| Self::new(dirs.data_dir()))
        })
    }

    /// The data dir itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where imported routines are kept.
    pub fn routines(&self) -> PathBuf {
        self.root.join("routines")
    }

    /// The settings file.
    pub fn settings(&self) -> PathBuf {
        self.root.join("settings.json")
    }
}

//! Saving the routine made in the builder, only when it passes every check
//! of `neckguide check`, each file replaced whole or not at all.

use std::io;
use std::path::{Path, PathBuf};

use crate::app::user_file;
use crate::atomic_file;
use crate::routine::{self, Library, Problems, escape_path};
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
/// only when it passes every check `neckguide check` makes, with the JSON
/// Schema for editors beside it: its `$schema` is the schema file written
/// beside it, whatever path the file it was opened from had (which, saved
/// elsewhere, would point nowhere); only a web address is kept. Each file
/// is replaced whole or not at all. Returns the routine file's path.
pub fn save_routine(
    raw: &routine::raw::RawRoutine,
    folder: &Path,
    library: &Library,
) -> Result<PathBuf, SaveError> {
    let mut raw = raw.clone();
    if !raw.schema.as_deref().is_some_and(|s| s.contains("://")) {
        raw.schema = Some(routine::write::SCHEMA_FILE_NAME.to_owned());
    }
    let raw = &raw;
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

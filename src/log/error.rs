//! The error type of the session log.

use std::path::PathBuf;

/// Why the session log could not do what was asked.
///
/// Every variant names the file involved, so the message can be shown to the
/// user as it is.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// A file or directory of the log could not be created, read, written or
    /// synced.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A file of the log (the log itself, its quarantine, the checkpoint) is
    /// not a regular file (a named pipe, a device, a folder, a link to
    /// nothing), so it was neither read nor written.
    #[error(
        "{path}: {reason}. neckguide keeps your sessions only in a regular file there: move this away (or put your log file back in its place) and start neckguide again"
    )]
    NotAFile {
        /// The path that is not a file.
        path: PathBuf,
        /// What it is ("it is a named pipe, not a file").
        reason: String,
    },
    /// Another neckguide holds the log, so this one may only read it.
    #[error(
        "{path} is in use by another neckguide window; this one can only read the log, not add to it"
    )]
    ReadOnly {
        /// The log file.
        path: PathBuf,
    },
    /// A record could not be turned into JSON.
    #[error("could not encode the session record for {path}: {source}")]
    Encode {
        /// The file the record was meant for.
        path: PathBuf,
        /// What serde_json said.
        #[source]
        source: serde_json::Error,
    },
    /// The log already holds a record with this id; nothing was written.
    #[error("{path} already holds a session with the id {id}; it was not written again")]
    DuplicateId {
        /// The log file.
        path: PathBuf,
        /// The id of the refused record.
        id: String,
    },
    /// The checkpoint of an interrupted session could not be read. It has been
    /// moved aside to `quarantined`, so this error never blocks a start: show
    /// it, and carry on.
    #[error(
        "the saved session in progress could not be read ({reason}); it was moved to {quarantined}"
    )]
    CorruptCheckpoint {
        /// Where the unreadable checkpoint now is.
        quarantined: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
}

impl LogError {
    /// Builds an [`LogError::Io`] for `path`, or a [`LogError::NotAFile`]
    /// when the error says the path is not a regular file.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if crate::user_file::not_a_file(&source).is_some()
            || crate::user_file::dangling_link(&source).is_some()
        {
            return LogError::NotAFile {
                path,
                reason: source.to_string(),
            };
        }
        LogError::Io { path, source }
    }
}

//! The one error type of the command-line commands.

use std::path::PathBuf;

/// Why a command could not do its work. Each variant says what to show the user.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Reading or writing a file failed.
    #[error("{}: {source}", crate::routine::escape_path(path))]
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// The session log could not be opened or read.
    #[error(transparent)]
    Log(#[from] crate::log::LogError),
    /// Writing to standard output or error failed.
    #[error("could not write output: {0}")]
    Output(#[source] std::io::Error),
    /// A command-line value was not acceptable.
    #[error("{0}")]
    Usage(String),
}

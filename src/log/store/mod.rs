//! [`LogStore`]: the one writer of `DATA_DIR/sessions.jsonl`, and any number
//! of readers.
//!
//! Durability rules, as trusted append-only stores keep them:
//!
//! - One record is one line, written with a single `write` in append mode and
//!   followed by `sync_data` before [`LogStore::append`] returns. Earlier
//!   lines are never rewritten. When the file or the data directory is
//!   created, the directory holding it is synced too.
//! - If the last line was torn by a crash, the next append starts with a line
//!   break, so the torn line stays a line of its own and the new record is
//!   whole.
//! - One writer: the store holds an exclusive lock on the data directory
//!   itself ([`std::fs::File::try_lock`] on the open directory), which no
//!   deleted or replaced file can defeat. A second instance opens the log
//!   read-only, and so does one that cannot write the directory; the store
//!   says which ([`ReadOnlyReason`]).
//! - A failed append leaves no partial line: the file is cut back to its
//!   length before the write.
//! - A session id is written once: the writer keeps the ids of the records
//!   in the log (read at the first [`LogStore::load`] or append, then added
//!   to by each append) and refuses a record whose id is there already
//!   ([`LogError::DuplicateId`](crate::log::LogError::DuplicateId)) rather than skipping it, so no caller takes
//!   a refused record for a saved one.
//! - The log appended to is the file at the log's path: before each append
//!   the writer compares the device and inode of the file it holds with it,
//!   and when the log was moved, deleted or replaced it writes to the file
//!   there now (a new one if none) and says so; it never reports a line
//!   saved in a file no longer at the path.
//! - Every file is opened through [`crate::user_file`]: never blocking, and
//!   only a regular file (a named pipe, a device, a link to nothing is an
//!   error naming it).
//! - Reading never fails on a bad line: torn, garbage and non-UTF-8 lines are
//!   skipped, counted, and (by the writer) copied with their line numbers to
//!   `DATA_DIR/sessions.quarantine.jsonl`. The log itself is never modified by
//!   reading. Memory is bounded whatever the file holds: a line is read up to
//!   [`MAX_LINE_BYTES`], the first [`MAX_KEPT_UNREADABLE`] unreadable lines
//!   are kept and the rest counted, the quarantine grows to
//!   [`MAX_QUARANTINE_BYTES`].
//! - A session id counts once when read: a later line with an id already
//!   read is left out (a log synced between computers may hold each line
//!   twice), and reported among the unreadable lines when its contents
//!   differ.
//!
//! The store by job: `open.rs` opens it (the data folder, the
//! writer's lock, read-only when it cannot write), `append.rs`
//! writes a line, `read.rs` reads the log back a line at a time and
//! `quarantine.rs` keeps copies of the lines it cannot read.

mod append;
mod open;
mod quarantine;
mod read;

pub(in crate::log) use open::sync_dir;
pub use quarantine::MAX_QUARANTINE_BYTES;
pub use read::{
    LoadedLog, MAX_KEPT_LINE_BYTES, MAX_KEPT_UNREADABLE, MAX_LINE_BYTES, UnreadableLine,
};

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use append::KnownIds;

/// The name of the log file in the data directory.
pub const LOG_FILE: &str = "sessions.jsonl";
/// The name of the lock file older versions took to mark the one writer.
/// The lock is now on the data directory; the file is neither made nor read.
pub const LOCK_FILE: &str = "sessions.lock";
/// The name of the file that keeps copies of unreadable log lines.
pub const QUARANTINE_FILE: &str = "sessions.quarantine.jsonl";
/// The name of the checkpoint of the session in progress.
pub const CHECKPOINT_FILE: &str = "current-session.json";

/// Whether this store may add to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreMode {
    /// This store holds the lock: it may append and checkpoint.
    ReadWrite,
    /// This store can only read ([`LogStore::read_only_reason`] says why).
    /// The window should say so.
    ReadOnly,
}

/// Why a store can only read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another neckguide holds the lock on the data folder.
    InUse,
    /// The data folder (or the log in it) cannot be written, for example
    /// for want of permission or on a read-only disk.
    NotWritable {
        /// The folder or file that could not be written.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
    /// The store was opened with [`LogStore::open_read_only`].
    Asked,
}

/// The session log of one data directory.
///
/// Open it once at start ([`LogStore::open`]), call
/// [`LogStore::recover_checkpoint`], then [`LogStore::load`] once and keep the
/// records; after each [`LogStore::append`] add the record to the kept list
/// instead of reloading. `load` and `append` are meant to be called from one
/// thread at a time.
#[derive(Debug)]
pub struct LogStore {
    pub(super) data_dir: PathBuf,
    pub(super) log_path: PathBuf,
    /// Present when this store is the writer.
    pub(super) writer: Option<Writer>,
    /// Why the store cannot write, when it cannot.
    read_only: Option<ReadOnlyReason>,
    /// The ids of the records in the log, as the writer knows them: `None`
    /// until the log was first read by [`LogStore::load`] or an append.
    known_ids: Mutex<Option<KnownIds>>,
    /// What an append found when the log at the path was no longer the
    /// file the writer held, until [`LogStore::take_replaced_log`].
    replaced: Mutex<Option<String>>,
}

/// The open files that make a store the writer.
#[derive(Debug)]
pub(super) struct Writer {
    /// The log, opened for reading and appending: the file at the log's
    /// path when it was opened, or when an append last found another there
    /// ([`LogStore::current_log`]).
    pub(super) log: Mutex<File>,
    /// The locked data directory; the lock is released when it is dropped.
    _lock: File,
}

impl LogStore {
    /// Why this store can only read (`None` when it is the writer).
    pub fn read_only_reason(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// Whether this store may write.
    pub fn mode(&self) -> StoreMode {
        if self.writer.is_some() {
            StoreMode::ReadWrite
        } else {
            StoreMode::ReadOnly
        }
    }

    /// Whether this store can only read (another neckguide is writing).
    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The log file, `DATA_DIR/sessions.jsonl`.
    pub fn log_path(&self) -> &Path {
        &self.log_path
    }

    /// The quarantine file, `DATA_DIR/sessions.quarantine.jsonl`.
    pub fn quarantine_path(&self) -> PathBuf {
        self.data_dir.join(QUARANTINE_FILE)
    }
}

//! Opening the store: the data folder made durably, the writer's lock on
//! it (tried again for a moment when just let go of), and a store that can
//! only read when the lock is held elsewhere or the folder cannot be
//! written ([`ReadOnlyReason`]).

use std::fs::{self, File, TryLockError};
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{LOG_FILE, LogStore, ReadOnlyReason, Writer};
use crate::log::LogError;
use crate::user_file;

impl LogStore {
    /// Whether another process holds the writer's lock on the log in
    /// `data_dir` (a window is open on it). Asked with a shared lock on the
    /// folder, let go of at once: a store opening meanwhile tries its own
    /// for 100 ms ([`LogStore::open`]), far longer than this holds it. A
    /// file system with no locks has no holder either.
    pub fn is_held(data_dir: &Path) -> bool {
        let Ok(folder) = File::open(data_dir) else {
            return false;
        };
        match folder.try_lock_shared() {
            Ok(()) => false,
            Err(TryLockError::WouldBlock) => true,
            Err(TryLockError::Error(_)) => false,
        }
    }

    /// Opens the log in `data_dir` for writing, creating the directory and
    /// `sessions.jsonl` if they are missing.
    ///
    /// If another process holds the lock, or the directory cannot be written,
    /// the store opens read-only instead: see [`LogStore::mode`] and
    /// [`LogStore::read_only_reason`].
    pub fn open(data_dir: &Path) -> Result<LogStore, LogError> {
        if let Err(err) = create_dir_durably(data_dir) {
            return match err {
                LogError::Io { path, source } if is_not_writable(&source) => {
                    Ok(Self::reader(data_dir, not_writable(path, &source)))
                }
                other => Err(other),
            };
        }
        let log_path = data_dir.join(LOG_FILE);
        let lock = File::open(data_dir).map_err(|err| LogError::io(data_dir, err))?;
        // A lock just let go of can still be held for a moment: a process
        // being started by another thread holds a copy of every open file
        // (the lock's too) until it runs its program. So a held lock is
        // tried again for a little while before the store opens read-only.
        let mut tries = 0;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if tries < LOCK_TRIES => {
                    tries += 1;
                    std::thread::sleep(LOCK_RETRY);
                }
                Err(TryLockError::WouldBlock) => {
                    return Ok(Self::reader(data_dir, ReadOnlyReason::InUse));
                }
                Err(TryLockError::Error(err)) => return Err(LogError::io(data_dir, err)),
            }
        }
        // Holding the lock, make sure the folder takes new files (the
        // checkpoint and settings are replaced by renames in it).
        if let Err((path, err)) = probe_writable(data_dir) {
            return if is_not_writable(&err) {
                Ok(Self::reader(data_dir, not_writable(path, &err)))
            } else {
                Err(LogError::io(path, err))
            };
        }
        // Never blocking, and only a regular file: a named pipe or a device
        // at the log's path is refused, not read for ever.
        let log = match user_file::open_appending(&log_path, true) {
            Ok(file) => {
                sync_dir(data_dir)?;
                file
            }
            Err(err) if err.kind() == ErrorKind::AlreadyExists => {
                match user_file::open_appending(&log_path, false) {
                    Ok(file) => file,
                    Err(err) if is_not_writable(&err) => {
                        return Ok(Self::reader(data_dir, not_writable(log_path, &err)));
                    }
                    Err(err) => return Err(LogError::io(&log_path, err)),
                }
            }
            Err(err) if is_not_writable(&err) => {
                return Ok(Self::reader(data_dir, not_writable(log_path, &err)));
            }
            Err(err) => return Err(LogError::io(log_path, err)),
        };
        Ok(LogStore {
            data_dir: data_dir.to_owned(),
            log_path,
            writer: Some(Writer {
                log: Mutex::new(log),
                _lock: lock,
            }),
            read_only: None,
            known_ids: Mutex::new(None),
            replaced: Mutex::new(None),
        })
    }

    /// Opens the log in `data_dir` only to read it: takes no lock, creates
    /// nothing, writes no quarantine. For commands that only report.
    pub fn open_read_only(data_dir: &Path) -> LogStore {
        Self::reader(data_dir, ReadOnlyReason::Asked)
    }

    fn reader(data_dir: &Path, reason: ReadOnlyReason) -> LogStore {
        LogStore {
            data_dir: data_dir.to_owned(),
            log_path: data_dir.join(LOG_FILE),
            writer: None,
            read_only: Some(reason),
            known_ids: Mutex::new(None),
            replaced: Mutex::new(None),
        }
    }
}

/// How often, and how long apart, a held lock is tried again before the
/// store opens read-only (100 ms in all).
const LOCK_TRIES: u32 = 10;
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// Whether an error means the directory cannot be written (so the store
/// should fall back to reading).
fn is_not_writable(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
    )
}

fn not_writable(path: PathBuf, err: &io::Error) -> ReadOnlyReason {
    ReadOnlyReason::NotWritable {
        path,
        reason: err.to_string(),
    }
}

/// Creates and removes a small file in `dir`, to learn whether new files can
/// be made there. Returns the path and error of what failed.
fn probe_writable(dir: &Path) -> Result<(), (PathBuf, io::Error)> {
    let probe = dir.join(format!(".write-test-{}", std::process::id()));
    File::create(&probe).map_err(|err| (dir.to_owned(), err))?;
    fs::remove_file(&probe).map_err(|err| (probe, err))
}

/// Creates `dir` (and its parents) if missing, syncing each parent whose
/// entries changed.
fn create_dir_durably(dir: &Path) -> Result<(), LogError> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir_durably(parent)?;
    }
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(err) if err.kind() == ErrorKind::AlreadyExists => return Ok(()),
        Err(err) => return Err(LogError::io(dir, err)),
    }
    match dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => sync_dir(parent),
        None => Ok(()),
    }
}

/// Syncs a directory ([`crate::atomic_file::sync_dir`]), with the log's error.
pub(in crate::log) fn sync_dir(dir: &Path) -> Result<(), LogError> {
    crate::atomic_file::sync_dir(dir).map_err(|err| LogError::io(dir, err))
}

//! The checkpoint of the session in progress: `DATA_DIR/current-session.json`.
//!
//! The session saves its record-so-far on every repetition and phase change
//! ([`LogStore::save_checkpoint`]): written to a temporary file, synced, then
//! renamed over the checkpoint, so the file is always either the old or the
//! new checkpoint, never a mix. When the session ends normally it appends its
//! record and calls [`LogStore::clear_checkpoint`]. At the next start,
//! [`LogStore::recover_checkpoint`] turns a leftover checkpoint into an
//! `interrupted` record.

use std::fs;
use std::io::ErrorKind;
use std::path::PathBuf;

use super::store::sync_dir;
use super::{CHECKPOINT_FILE, LogError, LogStore, Outcome, SessionRecord};
use crate::atomic_file;
use crate::user_file::{self, Links};

/// The largest checkpoint read: one session's record is a few kilobytes.
const MAX_CHECKPOINT_BYTES: u64 = 4 << 20;

/// The temporary file older versions wrote a checkpoint to before the rename.
const LEGACY_CHECKPOINT_TMP: &str = "current-session.json.tmp";

impl LogStore {
    /// The checkpoint file, `DATA_DIR/current-session.json`.
    pub fn checkpoint_path(&self) -> PathBuf {
        self.data_dir.join(CHECKPOINT_FILE)
    }

    /// Saves the session in progress, replacing the previous checkpoint
    /// atomically and durably ([`atomic_file::replace`]: write temp, sync,
    /// rename, sync the directory).
    ///
    /// `record.ended_at` should be the time of this progress, and
    /// `record.outcome` what the session would be if it ended now. Fails with
    /// [`LogError::ReadOnly`] when this store is not the writer.
    pub fn save_checkpoint(&self, record: &SessionRecord) -> Result<(), LogError> {
        if self.is_read_only() {
            return Err(LogError::ReadOnly {
                path: self.log_path.clone(),
            });
        }
        let path = self.checkpoint_path();
        let encoded = serde_json::to_vec(record).map_err(|source| LogError::Encode {
            path: path.clone(),
            source,
        })?;
        atomic_file::replace(&path, &encoded).map_err(|err| LogError::io(path, err))
    }

    /// Removes the checkpoint (after the finished session was appended).
    /// Removing a checkpoint that is not there is not an error. Does nothing
    /// in read-only mode: the checkpoint belongs to the writer.
    pub fn clear_checkpoint(&self) -> Result<(), LogError> {
        if self.is_read_only() {
            return Ok(());
        }
        let path = self.checkpoint_path();
        match fs::remove_file(&path) {
            Ok(()) => sync_dir(&self.data_dir),
            Err(err) if err.kind() == ErrorKind::NotFound => Ok(()),
            Err(err) => Err(LogError::io(path, err)),
        }
    }

    /// Turns a checkpoint left by a session that never finished into a record
    /// in the log, and removes the checkpoint. Call it once after
    /// [`LogStore::open`], before a new session starts.
    ///
    /// The appended record keeps what was done and gets the outcome
    /// `interrupted`, except that `stopped_for_pain` is kept (a pain stop must
    /// never disappear from the history). Returns the appended record, or
    /// `None` when there was no checkpoint, when the record was already in the
    /// log (the app died between appending and clearing), or when this store
    /// is read-only (the checkpoint belongs to the running writer).
    ///
    /// A checkpoint that cannot be read is renamed to
    /// `current-session.corrupt-<n>.json` and reported as
    /// [`LogError::CorruptCheckpoint`]; that error is for showing, not for
    /// stopping: the next call returns `Ok(None)`.
    pub fn recover_checkpoint(&self) -> Result<Option<SessionRecord>, LogError> {
        if self.is_read_only() {
            return Ok(None);
        }
        let path = self.checkpoint_path();
        // A temp file left by a crash during a save is an incomplete copy
        // (`current-session.json.tmp` is the name older versions used).
        atomic_file::remove_leftovers(&path).map_err(|err| LogError::io(&self.data_dir, err))?;
        let legacy_tmp = self.data_dir.join(LEGACY_CHECKPOINT_TMP);
        match fs::remove_file(&legacy_tmp) {
            Ok(()) => {}
            Err(err) if err.kind() == ErrorKind::NotFound => {}
            Err(err) => return Err(LogError::io(legacy_tmp, err)),
        }
        // Never blocking, a regular file only, and capped: anything else
        // at its path is moved aside like a damaged checkpoint.
        let bytes = match user_file::read_whole(&path, Links::Follow, MAX_CHECKPOINT_BYTES) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(err)
                if user_file::not_a_file(&err).is_some()
                    || user_file::dangling_link(&err).is_some()
                    || user_file::too_large(&err).is_some() =>
            {
                let quarantined = self.quarantine_checkpoint()?;
                return Err(LogError::CorruptCheckpoint {
                    quarantined,
                    reason: err.to_string(),
                });
            }
            Err(err) => return Err(LogError::io(path, err)),
        };
        let mut record = match serde_json::from_slice::<SessionRecord>(&bytes) {
            Ok(record) => record,
            Err(err) => {
                let quarantined = self.quarantine_checkpoint()?;
                return Err(LogError::CorruptCheckpoint {
                    quarantined,
                    reason: super::plain_json_error(&err),
                });
            }
        };
        if record.outcome != Outcome::StoppedForPain {
            record.outcome = Outcome::Interrupted;
        }
        let already_logged = self.contains_id(&record.id)?;
        if !already_logged {
            self.append(&record)?;
        }
        self.clear_checkpoint()?;
        Ok((!already_logged).then_some(record))
    }

    /// Renames an unreadable checkpoint to the first free
    /// `current-session.corrupt-<n>.json` and returns the new path.
    fn quarantine_checkpoint(&self) -> Result<PathBuf, LogError> {
        let path = self.checkpoint_path();
        let mut n: u64 = 1;
        let target = loop {
            let candidate = self
                .data_dir
                .join(format!("current-session.corrupt-{n}.json"));
            if !candidate.exists() {
                break candidate;
            }
            n += 1;
        };
        fs::rename(&path, &target).map_err(|err| LogError::io(&path, err))?;
        sync_dir(&self.data_dir)?;
        Ok(target)
    }
}

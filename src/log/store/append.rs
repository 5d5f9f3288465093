//! Writing the log: one line a write, synced, to the file now at the
//! log's path; each session id once ([`KnownIds`]); a failed write cut
//! back so no torn line is left.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, ErrorKind, Read, Seek, SeekFrom, Write};
use std::sync::PoisonError;

use super::open::sync_dir;
use super::{LoadedLog, LogStore, Writer};
use crate::log::{LogError, LogLine, SessionRecord};
use crate::user_file;
/// The ids of the records in a log.
#[derive(Debug, Default)]
pub(super) struct KnownIds(HashSet<String>);

impl KnownIds {
    pub(super) fn of(log: &LoadedLog) -> Self {
        KnownIds(log.records.iter().map(|r| r.id.clone()).collect())
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    fn add(&mut self, id: &str) {
        self.0.insert(id.to_owned());
    }
}

impl LogStore {
    /// Appends `record` as one line and syncs it to disk before returning.
    ///
    /// Fails with [`LogError::ReadOnly`] when this store is not the writer,
    /// and with [`LogError::DuplicateId`] (writing nothing) when the log
    /// already holds a record with the same id.
    pub fn append(&self, record: &SessionRecord) -> Result<(), LogError> {
        let Some(writer) = &self.writer else {
            return Err(LogError::ReadOnly {
                path: self.log_path.clone(),
            });
        };
        let log = self.current_log(writer)?;
        let mut known = self
            .known_ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let ids = match known.take() {
            Some(ids) => ids,
            None => self.read_ids()?,
        };
        let ids = known.insert(ids);
        if ids.contains(&record.id) {
            return Err(LogError::DuplicateId {
                path: self.log_path.clone(),
                id: record.id.clone(),
            });
        }
        let encoded = serde_json::to_vec(record).map_err(|source| LogError::Encode {
            path: self.log_path.clone(),
            source,
        })?;
        self.write_line(&log, &encoded)?;
        ids.add(&record.id);
        Ok(())
    }

    /// Appends a line that is not a session (a daily check, a clearance) and
    /// syncs it to disk before returning. Fails with [`LogError::ReadOnly`]
    /// when this store is not the writer. A session goes through
    /// [`LogStore::append`], which also refuses a duplicate id.
    pub fn append_line(&self, line: &LogLine) -> Result<(), LogError> {
        if let LogLine::Session(record) = line {
            return self.append(record);
        }
        let Some(writer) = &self.writer else {
            return Err(LogError::ReadOnly {
                path: self.log_path.clone(),
            });
        };
        let encoded = serde_json::to_vec(line).map_err(|source| LogError::Encode {
            path: self.log_path.clone(),
            source,
        })?;
        let log = self.current_log(writer)?;
        self.write_line(&log, &encoded)
    }

    /// What an append found when the file at the log's path was no longer
    /// the one this store held (moved, deleted or replaced while it was
    /// open): words for the person, once. The record went to the file now
    /// at the path, made anew when there was none.
    pub fn take_replaced_log(&self) -> Option<String> {
        self.replaced
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    /// The log the writer holds, first made the file at the log's path
    /// again when that is another file (its device and inode differ) or
    /// none: the file now there is opened, or a new one made, the ids the
    /// writer knows are read again from it, and [`LogStore::take_replaced_log`]
    /// says so. A path that holds no regular file is an error, and nothing
    /// is written.
    fn current_log<'w>(
        &self,
        writer: &'w Writer,
    ) -> Result<std::sync::MutexGuard<'w, File>, LogError> {
        let mut log = writer.log.lock().unwrap_or_else(PoisonError::into_inner);
        let io_err = |err| LogError::io(&self.log_path, err);
        let held = log.metadata().map_err(io_err)?;
        let words = match fs::metadata(&self.log_path) {
            Ok(now) if same_file(&held, &now) => return Ok(log),
            Ok(_) => {
                *log = user_file::open_appending(&self.log_path, false).map_err(io_err)?;
                format!(
                    "Your session log {} was replaced by another file while neckguide was open. What was just saved was added to that file; History shows the log as it was read at start until you start neckguide again.",
                    self.log_path.display()
                )
            }
            Err(err) if err.kind() == ErrorKind::NotFound => {
                *log = user_file::open_appending(&self.log_path, true).map_err(io_err)?;
                sync_dir(&self.data_dir)?;
                format!(
                    "Your session log {} was moved or deleted while neckguide was open. What was just saved is in a new log started there, which holds only what is saved from now on: if you moved the old log, copy its lines into the new one to keep your history together.",
                    self.log_path.display()
                )
            }
            Err(err) => return Err(io_err(err)),
        };
        ::log::warn!("{words}");
        *self
            .known_ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
        *self.replaced.lock().unwrap_or_else(PoisonError::into_inner) = Some(words);
        Ok(log)
    }

    /// Writes one encoded line with a single write, synced; cut back on
    /// failure.
    fn write_line(&self, log: &File, encoded: &[u8]) -> Result<(), LogError> {
        let io_err = |err| LogError::io(&self.log_path, err);
        let mut line = Vec::with_capacity(encoded.len() + 2);
        if last_line_is_open(log).map_err(io_err)? {
            line.push(b'\n');
        }
        line.extend_from_slice(encoded);
        line.push(b'\n');
        let before = log.metadata().map_err(io_err)?.len();
        let written = (&*log).write_all(&line).and_then(|()| log.sync_data());
        if let Err(err) = written {
            // The whole line or nothing: cut off what part of it was written
            // (a full disk, a size limit), so no torn line is left.
            if let Err(cut) = log.set_len(before).and_then(|()| log.sync_data()) {
                ::log::warn!("could not cut a failed append back: {cut}");
            }
            return Err(io_err(err));
        }
        Ok(())
    }

    /// Whether the log holds a record with this id (as the writer knows it;
    /// a reader reads the log).
    pub(in crate::log) fn contains_id(&self, id: &str) -> Result<bool, LogError> {
        let mut known = self
            .known_ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(ids) = &*known {
            return Ok(ids.contains(id));
        }
        let log = self.read()?;
        let found = log.records.iter().any(|r| r.id == id);
        if self.writer.is_some() {
            *known = Some(KnownIds::of(&log));
        }
        Ok(found)
    }

    /// The ids of the records in the log on disk.
    fn read_ids(&self) -> Result<KnownIds, LogError> {
        Ok(KnownIds::of(&self.read()?))
    }
}

/// Whether two files' metadata are of the same file (device and inode).
#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

/// Whether two files' metadata are of the same file (not known here: taken
/// to be).
#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    true
}

/// Whether the file is non-empty and does not end with a line break (its last
/// line was torn).
fn last_line_is_open(file: &File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    let mut reader = file;
    reader.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    reader.read_exact(&mut last)?;
    Ok(last != [b'\n'])
}

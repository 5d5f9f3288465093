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
//!   ([`LogError::DuplicateId`]) rather than skipping it, so no caller takes
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

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, TryLockError};
use std::io::{self, BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use super::{ClearanceRecord, DailyCheckRecord, LogError, LogLine, SessionRecord};
use crate::user_file::{self, Links};

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

/// The ids of the records in a log.
#[derive(Debug, Default)]
struct KnownIds(HashSet<String>);

impl KnownIds {
    fn of(log: &LoadedLog) -> Self {
        KnownIds(log.records.iter().map(|r| r.id.clone()).collect())
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    fn add(&mut self, id: &str) {
        self.0.insert(id.to_owned());
    }
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

/// Everything read from the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadedLog {
    /// The session records that could be read, in file order.
    pub records: Vec<SessionRecord>,
    /// The daily check lines (answers to the warning signs), in file order.
    pub daily_checks: Vec<DailyCheckRecord>,
    /// The clearance lines (talked to the physical therapist after a pain
    /// stop), in file order.
    pub clearances: Vec<ClearanceRecord>,
    /// The lines that could not be read, in file order: the first
    /// [`MAX_KEPT_UNREADABLE`] of them (each cut at
    /// [`MAX_KEPT_LINE_BYTES`]); the others are only counted, in
    /// `unreadable_not_kept`. A session whose id an earlier line has, with
    /// other contents, is one of these (only the first counts).
    pub unreadable: Vec<UnreadableLine>,
    /// How many more lines could not be read than `unreadable` keeps.
    pub unreadable_not_kept: usize,
    /// How many of the lines that could not be read are sessions whose id
    /// an earlier line has with other contents (only the first counts).
    pub differing_copies: usize,
}

/// A log line that is not a valid record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableLine {
    /// The 1-based line number in the log.
    pub line: usize,
    /// The raw bytes of the line, without its line break.
    pub bytes: Vec<u8>,
    /// Why it could not be read.
    pub reason: String,
}

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
    pub(super) fn contains_id(&self, id: &str) -> Result<bool, LogError> {
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

    /// Reads every record it can.
    ///
    /// A missing log reads as empty. Unreadable lines are returned in
    /// [`LoadedLog::unreadable`]; when this store is the writer, they are also
    /// copied to the quarantine file (each line once, however often the log is
    /// loaded). The log itself is never changed. Failing to write the
    /// quarantine is logged as a warning and does not fail the load.
    pub fn load(&self) -> Result<LoadedLog, LogError> {
        let loaded = self.read()?;
        if self.writer.is_some() {
            let ids = KnownIds::of(&loaded);
            *self
                .known_ids
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(ids);
        }
        if self.writer.is_some()
            && !loaded.unreadable.is_empty()
            && let Err(err) = self.quarantine(&loaded.unreadable)
        {
            ::log::warn!("could not quarantine unreadable log lines: {err}");
        }
        Ok(loaded)
    }

    /// Reads the log on disk as a stream ([`LoadedLog::read_from`]); a
    /// missing log reads as empty.
    fn read(&self) -> Result<LoadedLog, LogError> {
        self.read_into(&mut Sink::Keep)
    }

    /// Reads the log on disk as [`LogStore::load`] does, but hands each
    /// session record to `each`, in file order, instead of keeping them:
    /// the returned log holds no records. For a reader that needs only
    /// figures gathered from them (`neckguide history`), so years of
    /// records are never all in memory. It quarantines nothing and does
    /// not tell the writer the ids.
    pub fn read_each(&self, each: &mut dyn FnMut(SessionRecord)) -> Result<LoadedLog, LogError> {
        self.read_into(&mut Sink::Each(each))
    }

    fn read_into(&self, sink: &mut Sink<'_>) -> Result<LoadedLog, LogError> {
        // Never blocking, regular files only: a named pipe is not waited
        // on, a device not read for ever, a link to nothing not taken for
        // an empty log.
        let file = match user_file::open_regular(&self.log_path, Links::Follow) {
            Ok(file) => file,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(LoadedLog::default()),
            Err(err) => return Err(LogError::io(&self.log_path, err)),
        };
        LoadedLog::read_into(BufReader::with_capacity(READ_BUFFER_BYTES, file), sink)
            .map_err(|err| LogError::io(&self.log_path, err))
    }

    /// Appends to the quarantine file the unreadable lines it does not hold
    /// yet. The file is read and grown only up to [`MAX_QUARANTINE_BYTES`]:
    /// past that nothing more is added (the lines are still in the log).
    fn quarantine(&self, lines: &[UnreadableLine]) -> Result<(), LogError> {
        let path = self.quarantine_path();
        let limit = MAX_QUARANTINE_BYTES;
        let existing = match user_file::read_at_most(&path, Links::Follow, limit + 1) {
            Ok(bytes) if bytes.len() as u64 > limit => {
                ::log::warn!(
                    "{} holds {limit} bytes or more already: no more lines are copied there",
                    path.display()
                );
                return Ok(());
            }
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == ErrorKind::NotFound => None,
            Err(err) => return Err(LogError::io(&path, err)),
        };
        let known: HashSet<(usize, Vec<u8>)> = existing
            .as_deref()
            .map(|bytes| {
                bytes
                    .split(|&b| b == b'\n')
                    .filter_map(|line| serde_json::from_slice::<QuarantineEntry>(line).ok())
                    .filter_map(|entry| Some((entry.line, entry.raw_bytes()?)))
                    .collect()
            })
            .unwrap_or_default();
        let room = limit.saturating_sub(existing.as_ref().map_or(0, |b| b.len() as u64));
        let mut out = Vec::new();
        for line in lines {
            if known.contains(&(line.line, line.bytes.clone())) {
                continue;
            }
            let entry = QuarantineEntry::new(line);
            let Ok(encoded) = serde_json::to_vec(&entry) else {
                continue;
            };
            if (out.len() + encoded.len() + 1) as u64 > room {
                break;
            }
            out.extend_from_slice(&encoded);
            out.push(b'\n');
        }
        if out.is_empty() {
            return Ok(());
        }
        let io_err = |err| LogError::io(&path, err);
        let mut file = user_file::open_appending(&path, existing.is_none()).map_err(io_err)?;
        if existing
            .as_ref()
            .is_some_and(|b| b.last().is_some_and(|&c| c != b'\n'))
        {
            file.write_all(b"\n").map_err(io_err)?;
        }
        file.write_all(&out).map_err(io_err)?;
        file.sync_data().map_err(io_err)?;
        if existing.is_none() {
            sync_dir(&self.data_dir)?;
        }
        Ok(())
    }
}

impl LoadedLog {
    /// The lines the doses in effect are replayed from
    /// ([`crate::doses::doses_in_effect`]).
    pub fn dose_log(&self) -> crate::doses::DoseLog<'_> {
        crate::doses::DoseLog {
            records: &self.records,
            daily_checks: &self.daily_checks,
            clearances: &self.clearances,
        }
    }

    /// How many lines could not be read (kept or only counted).
    pub fn unreadable_count(&self) -> usize {
        self.unreadable.len() + self.unreadable_not_kept
    }

    /// Reads the records out of the bytes of a log file. Blank lines are
    /// ignored; every other line that is not a record is kept as unreadable.
    pub fn parse(bytes: &[u8]) -> LoadedLog {
        // Reading from memory cannot fail.
        LoadedLog::read_from(bytes).unwrap_or_default()
    }

    /// Reads the records out of a log as a stream, a line at a time: the
    /// file is never in memory whole, only the parsed lines are kept. Blank
    /// lines are ignored; every other line that is not a record is kept as
    /// unreadable, with its line number. Fails only when the reader does.
    pub fn read_from<R: BufRead>(reader: R) -> io::Result<LoadedLog> {
        Self::read_into(reader, &mut Sink::Keep)
    }

    fn read_into<R: BufRead>(mut reader: R, sink: &mut Sink<'_>) -> io::Result<LoadedLog> {
        let mut gathered = Gathered::new(sink);
        let mut line = Vec::new();
        let mut number = 0;
        while read_line(&mut reader, &mut line)? {
            number += 1;
            // A byte-order mark some editors put at a file's start is no
            // part of line 1.
            let raw = match line.strip_prefix(b"\xef\xbb\xbf") {
                Some(rest) if number == 1 => rest,
                _ => &line,
            };
            gathered.add(number, raw);
        }
        Ok(gathered.log)
    }
}

/// Reads the next line of `reader` into `line`, without its line break,
/// but keeps no more than [`MAX_LINE_BYTES`] of it: the rest of a longer
/// line is skipped to its line break. False at the end of the file.
fn read_line<R: BufRead>(reader: &mut R, line: &mut Vec<u8>) -> io::Result<bool> {
    line.clear();
    let mut any = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buf.is_empty() {
            return Ok(any);
        }
        any = true;
        let (text, used) = match memchr::memchr(b'\n', buf) {
            Some(at) => (buf.get(..at).unwrap_or_default(), Some(at + 1)),
            None => (buf, None),
        };
        let room = MAX_LINE_BYTES.saturating_sub(line.len());
        line.extend_from_slice(text.get(..room).unwrap_or(text));
        let consumed = used.unwrap_or(buf.len());
        reader.consume(consumed);
        if used.is_some() {
            return Ok(true);
        }
    }
}

/// The log put together from its lines, in order.
struct Gathered<'s, 'f> {
    log: LoadedLog,
    /// Where the session records go.
    sink: &'s mut Sink<'f>,
    /// Each session id read, with a hash of its line and the line's number:
    /// a later line with the id is left out, and reported when it differs.
    seen: HashMap<String, (u64, usize)>,
}

impl<'s, 'f> Gathered<'s, 'f> {
    fn new(sink: &'s mut Sink<'f>) -> Self {
        Gathered {
            log: LoadedLog::default(),
            sink,
            seen: HashMap::new(),
        }
    }

    /// Adds line `number` of the log: a session record to the sink (each
    /// id once: the first), the rest to the log.
    fn add(&mut self, number: usize, raw: &[u8]) {
        let unreadable = |reason| UnreadableLine {
            line: number,
            bytes: raw.get(..MAX_KEPT_LINE_BYTES).unwrap_or(raw).to_vec(),
            reason,
        };
        match parse_line(raw) {
            None => {}
            Some(Ok(LogLine::Session(record))) => {
                match self.seen.entry(record.id.clone()) {
                    Entry::Vacant(new) => {
                        new.insert((line_hash(raw), number));
                        match self.sink {
                            Sink::Keep => self.log.records.push(record),
                            Sink::Each(each) => each(record),
                        }
                    }
                    // The same line again (a log synced twice): once is enough.
                    Entry::Occupied(first) if first.get().0 == line_hash(raw) => {}
                    Entry::Occupied(first) => {
                        let first_line = first.get().1;
                        self.log.differing_copies += 1;
                        self.keep_unreadable(unreadable(format!(
                            "another session with the id {}, which line {first_line} has with other contents: only the first is counted",
                            record.id
                        )));
                    }
                }
            }
            Some(Ok(LogLine::DailyCheck(check))) => self.log.daily_checks.push(check),
            Some(Ok(LogLine::Clearance(clearance))) => self.log.clearances.push(clearance),
            Some(Err(reason)) => self.keep_unreadable(unreadable(reason)),
        }
    }

    /// Keeps an unreadable line, or only counts it past the first
    /// [`MAX_KEPT_UNREADABLE`].
    fn keep_unreadable(&mut self, line: UnreadableLine) {
        if self.log.unreadable.len() < MAX_KEPT_UNREADABLE {
            self.log.unreadable.push(line);
        } else {
            self.log.unreadable_not_kept += 1;
        }
    }
}

/// How often, and how long apart, a held lock is tried again before the
/// store opens read-only (100 ms in all).
const LOCK_TRIES: u32 = 10;
const LOCK_RETRY: std::time::Duration = std::time::Duration::from_millis(10);

/// Where the session records read go.
enum Sink<'a> {
    /// Into [`LoadedLog::records`].
    Keep,
    /// Each to this function, in file order.
    Each(&'a mut dyn FnMut(SessionRecord)),
}

/// The log file is read through a buffer of this many bytes.
const READ_BUFFER_BYTES: usize = 64 << 10;
/// A line this long or longer is no record (the longest written are a few
/// kilobytes): only its first this many bytes are read, the rest skipped,
/// so a file with no line breaks (zeros, random bytes) is read in bounded
/// memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// At most this many unreadable lines are kept (and quarantined); the rest
/// are counted.
pub const MAX_KEPT_UNREADABLE: usize = 1000;
/// Of an unreadable line, at most this many bytes are kept (and
/// quarantined); the line itself stays in the log, whole.
pub const MAX_KEPT_LINE_BYTES: usize = 16 << 10;
/// The quarantine file is read and grown to at most this many bytes.
pub const MAX_QUARANTINE_BYTES: u64 = 64 << 20;

/// A hash of a line's text without the blanks around it: the same record
/// twice has the same.
fn line_hash(raw: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x6c69_6e65).hash_one(raw.trim_ascii())
}

/// Parses a line of the log: `None` for a blank line, else the line or why
/// it is no record.
fn parse_line(raw: &[u8]) -> Option<Result<LogLine, String>> {
    let line = raw.strip_suffix(b"\r").unwrap_or(raw);
    if line.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    if line.len() >= MAX_LINE_BYTES {
        return Some(Err(format!(
            "the line is longer than {MAX_LINE_BYTES} bytes, so it is no record"
        )));
    }
    Some(
        std::str::from_utf8(line)
            .map_err(|err| {
                format!(
                    "the line is not text (not UTF-8) from byte {} on",
                    err.valid_up_to() + 1
                )
            })
            .and_then(LogLine::parse),
    )
}

/// One line of the quarantine file. The raw line is kept as text when it is
/// UTF-8, else as hex.
#[derive(Debug, Serialize, Deserialize)]
struct QuarantineEntry {
    line: usize,
    reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raw_hex: Option<String>,
}

impl QuarantineEntry {
    fn new(line: &UnreadableLine) -> Self {
        let (raw, raw_hex) = match std::str::from_utf8(&line.bytes) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (None, Some(to_hex(&line.bytes))),
        };
        QuarantineEntry {
            line: line.line,
            reason: line.reason.clone(),
            raw,
            raw_hex,
        }
    }

    fn raw_bytes(&self) -> Option<Vec<u8>> {
        match (&self.raw, &self.raw_hex) {
            (Some(text), _) => Some(text.as_bytes().to_vec()),
            (None, Some(hex)) => from_hex(hex),
            (None, None) => None,
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    let digits = hex.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(text, 16).ok()
        })
        .collect()
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

/// Whether an error means the directory cannot be written (so the store
/// should fall back to reading).
pub(super) fn is_not_writable(err: &io::Error) -> bool {
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
pub(super) fn create_dir_durably(dir: &Path) -> Result<(), LogError> {
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
pub(super) fn sync_dir(dir: &Path) -> Result<(), LogError> {
    crate::atomic_file::sync_dir(dir).map_err(|err| LogError::io(dir, err))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"v":1,"id":"a","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:10:00+01:00","routine":{"id":"r","name":"R","times_per_day":2},"outcome":"completed"}"#;

    #[test]
    fn parse_keeps_good_lines_and_numbers_bad_ones() {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(GOOD.as_bytes());
        bytes.extend_from_slice(b"\n\nnot json\n");
        bytes.extend_from_slice(b"\xff\xfe{}\n");
        bytes.extend_from_slice(GOOD.replace("\"a\"", "\"b\"").as_bytes());
        bytes.extend_from_slice(b"\r\n{\"v\":1,\"id\":\"torn");
        let loaded = LoadedLog::parse(&bytes);
        assert_eq!(loaded.records.len(), 2);
        let lines: Vec<usize> = loaded.unreadable.iter().map(|u| u.line).collect();
        assert_eq!(lines, vec![3, 4, 6]);
        assert_eq!(
            loaded.unreadable.get(1).map(|u| u.bytes.clone()),
            Some(b"\xff\xfe{}".to_vec())
        );
    }

    #[test]
    fn empty_input_is_an_empty_log() {
        assert_eq!(LoadedLog::parse(b""), LoadedLog::default());
    }

    #[test]
    fn a_log_read_through_a_small_buffer_or_handed_out_reads_line_by_line() {
        let mut bytes = Vec::new();
        let mut ids = Vec::new();
        let mut garbage = Vec::new();
        let mut lines = 0;
        for n in 1..=5000_u32 {
            if n.is_multiple_of(997) {
                bytes.extend_from_slice(b"garbage\n");
                lines += 1;
                garbage.push(lines);
            }
            if n.is_multiple_of(1999) {
                bytes.extend_from_slice(b"\r\n  \n");
                lines += 2;
            }
            bytes.extend_from_slice(GOOD.replace("\"a\"", &format!("\"{n}\"")).as_bytes());
            bytes.push(b'\n');
            lines += 1;
            ids.push(n.to_string());
        }
        bytes.extend_from_slice(b"{\"v\":1,\"id\":\"torn");
        garbage.push(lines + 1);
        // Through a read buffer shorter than a line, as from a file.
        let streamed = LoadedLog::read_from(io::BufReader::with_capacity(100, bytes.as_slice()))
            .unwrap_or_else(|e| panic!("{e}"));
        let read: Vec<&str> = streamed.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(read, ids);
        let unreadable: Vec<usize> = streamed.unreadable.iter().map(|u| u.line).collect();
        assert_eq!(unreadable, garbage, "the torn last line keeps its number");
        assert_eq!(LoadedLog::parse(&bytes), streamed);
        // Handed out one by one, in the same order, none kept.
        let mut handed = Vec::new();
        let each = LoadedLog::read_into(bytes.as_slice(), &mut Sink::Each(&mut |r| handed.push(r)));
        let each = each.unwrap_or_else(|e| panic!("{e}"));
        assert!(each.records.is_empty());
        assert_eq!(handed, streamed.records);
        assert_eq!(each.unreadable, streamed.unreadable);
    }

    /// A reader that gives `good` bytes, then fails.
    struct FailingReader {
        good: io::Cursor<Vec<u8>>,
    }

    impl Read for FailingReader {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match self.good.read(buf)? {
                0 => Err(io::Error::other("the disk went away")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn a_failed_read_is_an_error_not_a_short_log() {
        let mut good = Vec::new();
        while good.len() < 2 * READ_BUFFER_BYTES {
            good.extend_from_slice(GOOD.as_bytes());
            good.push(b'\n');
        }
        let reader = io::BufReader::new(FailingReader {
            good: io::Cursor::new(good),
        });
        let read = LoadedLog::read_from(reader);
        assert_eq!(
            read.map_err(|e| e.to_string()),
            Err("the disk went away".to_owned())
        );
    }

    #[test]
    fn hex_round_trips() {
        let bytes = vec![0u8, 0xff, 0x10, b'a'];
        assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        assert_eq!(from_hex("abc"), None);
    }
}

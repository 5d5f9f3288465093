//! Reading the log back: a line at a time on the caller's thread, each by
//! [`LogLine::parse`], in bounded memory whatever the file holds; each
//! session id counted once ([`Gathered`]).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, BufRead, BufReader, ErrorKind};
use std::sync::PoisonError;

use super::LogStore;
use super::append::KnownIds;
use crate::log::{
    ClearanceRecord, DailyCheckRecord, LogError, LogLine, MeasureRecord, SessionRecord,
};
use crate::user_file::{self, Links};
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
    /// The measure lines (outcome measures answered at a check-in), in
    /// file order.
    pub measures: Vec<MeasureRecord>,
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
    pub(super) fn read(&self) -> Result<LoadedLog, LogError> {
        self.read_into(&mut RecordsTo::Keep)
    }

    /// Reads the log on disk as [`LogStore::load`] does, but hands each
    /// session record to `each`, in file order, instead of keeping them:
    /// the returned log holds no records. For a reader that needs only
    /// figures gathered from them (`neckguide history`), so years of
    /// records are never all in memory. It quarantines nothing and does
    /// not tell the writer the ids.
    pub fn read_each(&self, each: &mut dyn FnMut(SessionRecord)) -> Result<LoadedLog, LogError> {
        self.read_into(&mut RecordsTo::Each(each))
    }

    fn read_into(&self, sink: &mut RecordsTo<'_>) -> Result<LoadedLog, LogError> {
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
        Self::read_into(reader, &mut RecordsTo::Keep)
    }

    fn read_into<R: BufRead>(mut reader: R, sink: &mut RecordsTo<'_>) -> io::Result<LoadedLog> {
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
    sink: &'s mut RecordsTo<'f>,
    /// Each session id read, with a hash of its line and the line's number:
    /// a later line with the id is left out, and reported when it differs.
    seen: HashMap<String, (u64, usize)>,
}

impl<'s, 'f> Gathered<'s, 'f> {
    fn new(sink: &'s mut RecordsTo<'f>) -> Self {
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
                            RecordsTo::Keep => self.log.records.push(record),
                            RecordsTo::Each(each) => each(record),
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
            Some(Ok(LogLine::Measure(measure))) => self.log.measures.push(measure),
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

/// Where the session records read go.
enum RecordsTo<'a> {
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

#[cfg(test)]
mod tests {
    use std::io::Read;

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
    fn measure_lines_are_kept_apart_and_bad_ones_counted() {
        let good = r#"{"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00","neck_pain":5,"arm_pain":null,"psfs":[{"activity":"Driving","score":3}],"groc":null}"#;
        let psfs: Vec<String> = (0..20)
            .map(|n| format!(r#"{{"activity":"a{n}","score":1}}"#))
            .collect();
        let long = good.replace(
            r#"[{"activity":"Driving","score":3}]"#,
            &format!("[{}]", psfs.join(",")),
        );
        let lines = [
            GOOD.to_owned(),
            good.to_owned(),
            good.replace("\"neck_pain\":5", "\"neck_pain\":99"),
            long,
            good.replace("Driving", "Dri\\u001bving"),
        ];
        let loaded = LoadedLog::parse(lines.join("\n").as_bytes());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.measures.len(), 2);
        let unreadable: Vec<usize> = loaded.unreadable.iter().map(|u| u.line).collect();
        assert_eq!(unreadable, vec![3, 4]);
        let cleaned = loaded.measures.last().and_then(|m| m.psfs.items().first());
        assert_eq!(cleaned.map(|i| i.activity.as_str()), Some("Dri ving"));
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
        let each = LoadedLog::read_into(
            bytes.as_slice(),
            &mut RecordsTo::Each(&mut |r| handed.push(r)),
        );
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
}

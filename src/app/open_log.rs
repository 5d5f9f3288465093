//! The session log as this window holds it: the store (with the log's
//! single-writer lock, or read-only), its reading at start off the window's
//! first frame ([`super::loading`]), the lines read and added since, and a
//! count of their changes for the figures computed from them. Part of
//! [`App`](super::App); what goes wrong is said in its [`Notices`].

use std::sync::Arc;
use std::time::Duration;

use super::loading::{LoadLog, Loaded, Loading};
use super::notices::Notices;
use super::paths::DataDir;
use crate::log::{LoadedLog, LogLine, LogStore, ReadOnlyReason, SessionRecord};

/// The session log this window has open.
#[derive(Default)]
pub struct OpenLog {
    /// `None`: there is no log (no data folder, or it could not be opened).
    store: Option<Arc<LogStore>>,
    /// The log being read on its own thread (`None` once it is in `lines`,
    /// or when there is none to read).
    loading: Option<Loading>,
    lines: LoadedLog,
    /// Counts the changes of `lines`, for the figures computed from them.
    version: u64,
}

impl OpenLog {
    /// Opens the log of `dir`: takes its single-writer lock, or opens it
    /// read-only and says why. The writer removes the temporary files a
    /// writer that died mid-save left. Then the log is read now
    /// ([`LoadLog::Before`]) or on a thread of its own.
    pub fn open(dir: &DataDir, load_log: LoadLog, notices: &mut Notices) -> Self {
        let store = match LogStore::open(dir.root()) {
            Ok(store) => Arc::new(store),
            Err(e) => {
                notices.warn(&format!(
                    "Your session log could not be opened ({e}); sessions will not be saved."
                ));
                return Self::default();
            }
        };
        if let Some(reason) = store.read_only_reason() {
            notices.warn(&read_only_words(reason, dir));
        } else {
            // Holding the lock, no other window is replacing these files.
            remove_leftovers(dir);
        }
        let mut log = Self {
            store: Some(Arc::clone(&store)),
            ..Self::default()
        };
        let gate = match load_log {
            LoadLog::Before => {
                log.take_in(Loaded::read(&store), notices);
                return log;
            }
            LoadLog::Background => None,
            LoadLog::AfterGate(gate) => Some(gate),
        };
        log.loading = Some(Loading::start(store, gate));
        log
    }

    /// The store, when there is a log.
    pub fn store(&self) -> Option<&Arc<LogStore>> {
        self.store.as_ref()
    }

    /// The lines read, and those added since.
    pub fn lines(&self) -> &LoadedLog {
        &self.lines
    }

    /// Counts the changes of [`OpenLog::lines`]: a figure computed from
    /// them at one count holds until the count changes.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether the log has been read (or there is none to read).
    pub fn ready(&self) -> bool {
        self.loading.is_none()
    }

    /// Takes in the log when it has been read on its own thread; says
    /// whether it came now.
    pub fn receive(&mut self, notices: &mut Notices) -> bool {
        let Some(loaded) = self.loading.as_ref().and_then(Loading::take) else {
            return false;
        };
        self.loading = None;
        self.take_in(loaded, notices);
        // `scripts/first-frame.py` times the window by this line.
        log::debug!("the log was read: {} records", self.lines.records.len());
        true
    }

    /// Calls `wake` once when the log has been read.
    pub fn wake_when_read(&self, wake: Box<dyn Fn() + Send>) {
        if let Some(loading) = &self.loading {
            loading.wake_with(wake);
        }
    }

    /// Waits at most `timeout` for the log to be read; says whether it has
    /// been (it is taken in by [`OpenLog::receive`]).
    pub fn wait(&self, timeout: Duration) -> bool {
        self.loading.as_ref().is_none_or(|l| l.wait(timeout))
    }

    /// Whether this window holds the log and may write it.
    pub fn can_save(&self) -> bool {
        self.store.as_ref().is_some_and(|s| !s.is_read_only())
    }

    /// Whether another neckguide window holds the log.
    pub fn open_elsewhere(&self) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.read_only_reason() == Some(&ReadOnlyReason::InUse))
    }

    /// Appends a line that is not a session (a daily check, a clearance, a
    /// measure) to the log and keeps it; says in a notice when it could not
    /// be.
    /// Says whether it was written (never by a window that cannot write).
    pub fn append_line(&mut self, line: LogLine, notices: &mut Notices) -> bool {
        let Some(store) = self.store.clone().filter(|s| !s.is_read_only()) else {
            return false;
        };
        if !self.ready() {
            // The line would be read in with the log, or missed by it.
            notices.warn("This could not be saved yet: your history is still being read. Try again in a moment.");
            return false;
        }
        if let Err(e) = store.append_line(&line) {
            notices.warn(&format!("This could not be saved in your log: {e}"));
            return false;
        }
        self.say_if_replaced(notices);
        match line {
            LogLine::Session(record) => self.lines.records.push(record),
            LogLine::DailyCheck(check) => self.lines.daily_checks.push(check),
            LogLine::Clearance(clearance) => self.lines.clearances.push(clearance),
            LogLine::Measure(measure) => self.lines.measures.push(measure),
        }
        self.version += 1;
        true
    }

    /// Keeps a session's record its caller wrote to the store.
    pub fn push_record(&mut self, record: SessionRecord) {
        self.lines.records.push(record);
        self.version += 1;
    }

    /// Says so when the last append found another file (or none) at the
    /// log's path and wrote there ([`LogStore::take_replaced_log`]).
    pub fn say_if_replaced(&self, notices: &mut Notices) {
        if let Some(words) = self.store.as_ref().and_then(|s| s.take_replaced_log()) {
            notices.warn(&words);
        }
    }

    /// Takes in the log read at start, with the session recovered from
    /// its checkpoint: says what was recovered and what could not be read.
    fn take_in(&mut self, loaded: Loaded, notices: &mut Notices) {
        match loaded.recovered {
            Ok(Some(rec)) if rec.outcome == crate::log::Outcome::StoppedForPain => {
                notices.warn(&format!(
                    "Your last session ({}) was stopped because of pain. It was saved as such.",
                    rec.routine.name
                ));
            }
            Ok(Some(rec)) => notices.warn(&format!(
                "Your last session ({}) was interrupted. It was saved with what you had done.",
                rec.routine.name
            )),
            Ok(None) => {}
            Err(e) => notices.warn(&format!(
                "An unfinished session could not be recovered: {e}"
            )),
        }
        match loaded.log {
            Ok(lines) => {
                self.lines = lines;
                self.version += 1;
            }
            Err(e) => notices.warn(&format!("Your session log could not be read: {e}")),
        }
        if self.lines.unreadable_count() > 0 {
            notices.warn(&self.unreadable_words());
        }
    }

    /// What home says of the lines that could not be read.
    fn unreadable_words(&self) -> String {
        let lines = &self.lines;
        let words = if !self.can_save() {
            "They were left in the log; nothing was deleted.".to_owned()
        } else if lines.unreadable_not_kept > 0 {
            format!(
                "The first {} were copied to sessions.quarantine.jsonl; all are left in the log, nothing was deleted.",
                lines.unreadable.len()
            )
        } else {
            "They were copied to sessions.quarantine.jsonl; nothing was deleted.".to_owned()
        };
        let copies = match lines.differing_copies {
            0 => String::new(),
            n => format!(" {}", crate::history::differing_copies_words(n)),
        };
        format!(
            "{} of your session log could not be read.{copies} {words}",
            crate::history::plural(lines.unreadable_count() as u64, "line", "lines")
        )
    }
}

/// Why this window can only read the log, and what that means.
fn read_only_words(reason: &ReadOnlyReason, dir: &DataDir) -> String {
    match reason {
        ReadOnlyReason::InUse => "neckguide is already open in another window. This one can only read your history: sessions done here are not saved.".to_owned(),
        ReadOnlyReason::NotWritable { path, reason } => format!(
            "neckguide cannot write in your data folder {} ({reason}: {}). It can only read your history: sessions done here are not saved.",
            dir.root().display(),
            path.display()
        ),
        ReadOnlyReason::Asked => "Your history is open only for reading: sessions done here are not saved.".to_owned(),
    }
}

/// Removes the temporary files a writer that died mid-save left beside the
/// settings and among the imported routines. Only for the writer of the data
/// folder. A failure is only logged: a stray file harms nothing.
fn remove_leftovers(dir: &DataDir) {
    let cleared = crate::atomic_file::remove_leftovers(&dir.settings())
        .and_then(|_| crate::atomic_file::remove_leftovers_in(&dir.routines()));
    if let Err(e) = cleared {
        log::warn!(
            "could not remove leftover temporary files in {}: {e}",
            dir.root().display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{DailyCheckRecord, LocalTimestamp};

    fn daily_check() -> LogLine {
        let at: jiff::Zoned = "2026-03-02T08:00:00+01:00[Europe/Paris]"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        LogLine::DailyCheck(DailyCheckRecord::new(
            at.date(),
            LocalTimestamp::from_zoned(&at),
            &[],
        ))
    }

    fn texts(notices: &Notices) -> Vec<&str> {
        notices.all().iter().map(|n| n.text.as_str()).collect()
    }

    #[test]
    fn a_line_added_is_kept_and_counted_and_read_back_by_the_next_window() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path());
        let mut notices = Notices::default();
        let mut log = OpenLog::open(&dir, LoadLog::Before, &mut notices);
        assert!(log.ready() && log.can_save() && !log.open_elsewhere());
        let read = log.version();
        assert!(log.append_line(daily_check(), &mut notices));
        assert_eq!(log.lines().daily_checks.len(), 1);
        assert_eq!(log.version(), read + 1);
        assert_eq!(texts(&notices), Vec::<&str>::new());
        drop(log);
        let again = OpenLog::open(&dir, LoadLog::Before, &mut notices);
        assert_eq!(again.lines().daily_checks.len(), 1);
    }

    #[test]
    fn a_second_window_only_reads_and_says_so() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path());
        let mut first = Notices::default();
        let _writer = OpenLog::open(&dir, LoadLog::Before, &mut first);
        let mut notices = Notices::default();
        let mut reader = OpenLog::open(&dir, LoadLog::Before, &mut notices);
        assert!(!reader.can_save() && reader.open_elsewhere());
        assert!(!reader.append_line(daily_check(), &mut notices));
        assert!(reader.lines().daily_checks.is_empty());
        assert_eq!(
            texts(&notices),
            [
                "neckguide is already open in another window. This one can only read your history: sessions done here are not saved."
            ]
        );
    }

    #[test]
    fn nothing_is_added_while_the_log_is_read_and_it_is_taken_in_once() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path());
        let mut notices = Notices::default();
        let (open_gate, gate) = std::sync::mpsc::channel();
        let mut log = OpenLog::open(&dir, LoadLog::AfterGate(gate), &mut notices);
        assert!(!log.ready());
        assert!(!log.append_line(daily_check(), &mut notices));
        assert_eq!(
            texts(&notices),
            [
                "This could not be saved yet: your history is still being read. Try again in a moment."
            ]
        );
        open_gate.send(()).unwrap_or_else(|e| panic!("{e}"));
        assert!(log.wait(Duration::from_secs(10)));
        assert!(log.receive(&mut notices));
        assert!(!log.receive(&mut notices), "taken in once");
        assert!(log.ready());
        assert!(log.append_line(daily_check(), &mut notices));
    }

    #[test]
    fn unreadable_lines_are_said_with_what_became_of_them() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path());
        let mut notices = Notices::default();
        drop(OpenLog::open(&dir, LoadLog::Before, &mut notices));
        let path = tmp.path().join("sessions.jsonl");
        std::fs::write(&path, "not json\n{\"also\": \"not a line\"}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let log = OpenLog::open(&dir, LoadLog::Before, &mut notices);
        assert_eq!(log.lines().unreadable_count(), 2);
        assert_eq!(
            texts(&notices),
            [
                "2 lines of your session log could not be read. They were copied to sessions.quarantine.jsonl; nothing was deleted."
            ]
        );
    }

    #[test]
    fn with_no_log_nothing_is_saved_and_nothing_waits() {
        let mut notices = Notices::default();
        let mut log = OpenLog::default();
        assert!(log.ready() && !log.can_save() && log.wait(Duration::ZERO));
        assert!(!log.append_line(daily_check(), &mut notices));
        assert!(notices.all().is_empty());
    }
}

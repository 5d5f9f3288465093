//! The application layer: everything a running neckguide does that is not
//! drawing. It opens the data folder and the log (taking the single-writer
//! lock), recovers an interrupted session, loads and saves the settings and
//! the routines, says what is due today, and runs sessions (the ticker
//! thread, cues to sounds, checkpoints, the final record).
//!
//! The window ([`crate::ui`]) draws the state kept here and hands back what
//! the person asked for; the command line ([`crate::cli`]) and, later, the
//! reminder agent use the same pieces with no window. Time comes from the
//! [`Clock`] passed in, so a test sets both the instant and the date.
//!
//! | file | what it owns |
//! |---|---|
//! | `mod.rs` | [`App`]: the running app's state and what it can do |
//! | `runner.rs` | [`SessionRunner`]: a session in progress, its ticker thread, sound and checkpoints |
//! | `cues.rs` | which sounds each cue plays |
//! | `record.rs` | the log record of a session, final or as a checkpoint |
//! | `settings.rs` | the saved settings file |
//! | `catalog.rs` | routine files on disk: presets and imports |
//! | `folder.rs` | folder listings for the Open dialog |
//! | `paths.rs` | where the data folder is |
//! | `audio.rs` | the sound output thread |

pub mod audio;
pub mod catalog;
mod cues;
pub mod folder;
pub mod paths;
pub mod record;
pub mod runner;
pub mod settings;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use audio::{Audio, AudioStatus};
use catalog::{Catalog, Origin};
use paths::DataDir;
use record::{SessionMeta, new_session_id};
use runner::{CueSettings, SessionRunner, Ticker};
use settings::Saved;

use crate::checkin::DailyCheck;
use crate::due::{self, DueToday};
use crate::history::History;
use crate::log::record::{PainScore, RoutineRef};
use crate::log::{LoadedLog, LocalTimestamp, LogStore, ReadOnlyReason};
use crate::routine::{Library, Routine};
use crate::schedule::{EventKind, Schedule};
use crate::session::{Clock, Cue, CueKind, Session, SessionConfig, SystemClock};

/// How the app is put together: real resources for the window, fakes for tests.
pub struct AppOptions {
    /// Where data lives (`None`: nothing can be saved).
    pub data_dir: Option<DataDir>,
    /// A routine file to import at start (`--routine`).
    pub routine_file: Option<PathBuf>,
    /// Where `now` and today's date come from.
    pub clock: Arc<dyn Clock>,
    /// Sound output.
    pub audio: Audio,
    /// Run a background ticker so cues play while the window is hidden
    /// (off in tests, where the frames drive a manual clock).
    pub background_ticker: bool,
    /// How the session reacts to time jumps.
    pub session_config: SessionConfig,
}

impl AppOptions {
    /// The real thing: system clock, real sound, background ticker.
    pub fn real(data_dir: Option<DataDir>, routine_file: Option<PathBuf>) -> Self {
        Self {
            data_dir,
            routine_file,
            clock: Arc::new(SystemClock),
            audio: Audio::start(),
            background_ticker: true,
            session_config: SessionConfig::default(),
        }
    }
}

/// A message for the person, shown until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// Whether it is a warning (shown in the warning colour).
    pub warning: bool,
}

/// What the check-in found, as the session's record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckInAnswers {
    /// Pain now, 0–10.
    pub pain: Option<u8>,
    /// Numbness, tingling or weakness in the arm.
    pub arm_symptoms: bool,
}

/// A session came to an end: what the window shows next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnded {
    /// The person reported more pain; the record is already written.
    StoppedForPain,
    /// The session ran to its end or was ended early: the check-out asks for
    /// pain after and a note, then [`App::save_session`] writes the record.
    CheckOut,
}

/// What became of the last finished session's record: what the screens
/// after a session say, decided here from what was really written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordState {
    /// It is in the log on disk.
    Saved,
    /// It could not be written yet (the reason); the app keeps it and tries
    /// again.
    Pending(String),
    /// It cannot be written by this window (the log is read-only or
    /// missing): the reason.
    NotSaved(String),
}

/// How the message about a record not yet written begins.
const UNSAVED_PREFIX: &str = "This session could not be saved yet";

/// How often a record that could not be written is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(10);

/// The running app: its data, its settings and the session in progress.
pub struct App {
    clock: Arc<dyn Clock>,
    library: Library,
    catalog: Catalog,
    data_dir: Option<DataDir>,
    store: Option<Arc<LogStore>>,
    log: LoadedLog,
    history: Option<History>,
    settings: Saved,
    audio: Audio,
    background_ticker: bool,
    session_config: SessionConfig,
    notices: Vec<Notice>,
    runner: Option<SessionRunner>,
    ticker: Option<Ticker>,
    /// What became of the last finished session's record.
    record_state: Option<RecordState>,
    /// Finished sessions' records that could not be written yet, oldest
    /// first, and when they were last tried.
    unsaved: Vec<crate::log::SessionRecord>,
    last_try: Option<Instant>,
}

impl App {
    /// Opens the app: takes the log's single-writer lock (or opens it
    /// read-only when another window has it), recovers an interrupted
    /// session, loads settings and routines, and imports `routine_file`.
    /// Every problem becomes a [`Notice`]; none stops the app.
    pub fn open(options: AppOptions) -> Self {
        let AppOptions {
            data_dir,
            routine_file,
            clock,
            audio,
            background_ticker,
            session_config,
        } = options;
        let mut app = Self {
            clock,
            library: Library::builtin(),
            catalog: Catalog::default(),
            data_dir,
            store: None,
            log: LoadedLog::default(),
            history: None,
            settings: Saved::default(),
            audio,
            background_ticker,
            session_config,
            notices: Vec::new(),
            runner: None,
            ticker: None,
            record_state: None,
            unsaved: Vec::new(),
            last_try: None,
        };
        app.open_data_folder();
        app.reload_catalog();
        if let Some(path) = routine_file {
            app.import(&path);
        }
        app
    }

    fn open_data_folder(&mut self) {
        let Some(dir) = self.data_dir.clone() else {
            self.warn("No data folder was found, so nothing can be saved. Start neckguide with --data-dir DIR.");
            return;
        };
        let (settings, problem) = Saved::load(&dir.settings());
        self.settings = settings;
        if let Some(p) = problem {
            self.warn(&p);
        }
        let store = match LogStore::open(dir.root()) {
            Ok(store) => Arc::new(store),
            Err(e) => {
                self.warn(&format!(
                    "Your session log could not be opened ({e}); sessions will not be saved."
                ));
                return;
            }
        };
        if let Some(reason) = store.read_only_reason() {
            let text = match reason {
                ReadOnlyReason::InUse => "neckguide is already open in another window. This one can only read your history: sessions done here are not saved.".to_owned(),
                ReadOnlyReason::NotWritable { path, reason } => format!(
                    "neckguide cannot write in your data folder {} ({reason}: {}). It can only read your history: sessions done here are not saved.",
                    dir.root().display(),
                    path.display()
                ),
                ReadOnlyReason::Asked => "Your history is open only for reading: sessions done here are not saved.".to_owned(),
            };
            self.warn(&text);
        } else {
            match store.recover_checkpoint() {
                Ok(Some(rec)) => self.warn(&format!(
                    "Your last session ({}) was interrupted. It was saved with what you had done.",
                    rec.routine.name
                )),
                Ok(None) => {}
                Err(e) => self.warn(&format!(
                    "An unfinished session could not be recovered: {e}"
                )),
            }
        }
        match store.load() {
            Ok(log) => self.log = log,
            Err(e) => self.warn(&format!("Your session log could not be read: {e}")),
        }
        if !self.log.unreadable.is_empty() {
            self.warn(&format!(
                "{} line(s) of your session log could not be read. They were copied to sessions.quarantine.jsonl; nothing was deleted.",
                self.log.unreadable.len()
            ));
        }
        self.store = Some(store);
    }

    // ----- Messages -----

    /// The messages for the person, oldest first.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Adds a message (once: the same words are not repeated).
    pub fn notice(&mut self, text: &str, warning: bool) {
        if self.notices.iter().any(|n| n.text == text) {
            return;
        }
        self.notices.push(Notice {
            text: text.to_owned(),
            warning,
        });
    }

    fn warn(&mut self, text: &str) {
        self.notice(text, true);
    }

    /// Removes the message at `index` (the person dismissed it).
    pub fn dismiss_notice(&mut self, index: usize) {
        if index < self.notices.len() {
            self.notices.remove(index);
        }
    }

    /// Removes the messages that are not warnings (about the last session).
    pub fn clear_messages(&mut self) {
        self.notices.retain(|n| n.warning);
    }

    /// Whether sound can be heard.
    pub fn audio_status(&self) -> AudioStatus {
        self.audio.status()
    }

    // ----- Time -----

    /// The current instant, from the app's clock.
    pub fn now(&self) -> Instant {
        self.clock.now()
    }

    /// Today's date, from the app's clock.
    pub fn today(&self) -> jiff::civil::Date {
        self.clock.today()
    }

    // ----- Settings -----

    /// The saved settings.
    pub fn settings(&self) -> &Saved {
        &self.settings
    }

    /// Replaces the settings: saves them when they changed and applies the
    /// sound settings to a session in progress.
    pub fn set_settings(&mut self, settings: Saved) {
        if settings == self.settings {
            return;
        }
        self.settings = settings;
        self.save_settings();
        if let Some(runner) = &self.runner {
            runner.set_cue_settings(self.cue_settings());
        }
    }

    fn save_settings(&mut self) {
        let Some(dir) = &self.data_dir else { return };
        if let Err(e) = self.settings.save(&dir.settings()) {
            self.warn(&format!("Your settings could not be saved: {e}"));
        }
    }

    fn cue_settings(&self) -> CueSettings {
        CueSettings {
            sound: self.settings.sound,
            spoken: self.settings.spoken_cues,
            volume: self.settings.volume as f32 / 100.0,
        }
    }

    // ----- Routines -----

    /// The routines found.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    fn reload_catalog(&mut self) {
        self.catalog = Catalog::load(&self.library, self.data_dir.as_ref());
    }

    /// The routine chosen (the saved choice, else the first found).
    pub fn active_routine(&self) -> Option<&Routine> {
        let chosen = self
            .settings
            .routine
            .as_deref()
            .and_then(|id| self.catalog.get(id));
        chosen.or(self.catalog.entries.first()).map(|e| &e.routine)
    }

    /// Chooses the routine with this id.
    pub fn choose_routine(&mut self, id: String) {
        self.settings.routine = Some(id);
        self.save_settings();
    }

    /// Checks the routine file at `path` and, when it is valid, copies it
    /// into the data folder and chooses it. Says what happened in a notice.
    pub fn import(&mut self, path: &Path) {
        let Some(dir) = self.data_dir.clone() else {
            self.warn("There is no data folder to keep the routine in.");
            return;
        };
        match catalog::import(path, &self.library, &dir) {
            Ok(routine) => {
                self.notice(&format!("Added the routine \"{}\".", routine.name), false);
                self.settings.routine = Some(routine.id);
                self.save_settings();
                self.reload_catalog();
            }
            Err(catalog::ImportError::Invalid(problems)) => {
                let lines: Vec<String> =
                    problems.problems.iter().map(ToString::to_string).collect();
                self.warn(&format!(
                    "This routine file has problems and was not added:\n{}",
                    lines.join("\n")
                ));
            }
            Err(e) => self.warn(&e.to_string()),
        }
    }

    /// The name of an exercise by id: built-in, or from an imported routine;
    /// the id itself when it is no longer known.
    pub fn exercise_name(&self, id: &str) -> String {
        let from_routines = || {
            self.catalog
                .entries
                .iter()
                .flat_map(|e| &e.routine.items)
                .find(|i| i.exercise.id == id)
                .map(|i| &i.exercise)
        };
        self.library
            .get(id)
            .or_else(from_routines)
            .map_or_else(|| id.to_owned(), |e| e.name.clone())
    }

    /// The folder the active routine's own pictures are in (imported
    /// routines only).
    pub fn active_image_dir(&self) -> Option<PathBuf> {
        let id = &self.active_routine()?.id;
        match &self.catalog.get(id)?.origin {
            Origin::Imported(path) => path.parent().map(Path::to_path_buf),
            Origin::Preset => None,
        }
    }

    // ----- Today -----

    /// What is due today of the active routine.
    pub fn due_today(&self) -> Option<DueToday<'_>> {
        let routine = self.active_routine()?;
        Some(due::due_today(routine, &self.log.records, self.today()))
    }

    /// Sessions of the active routine completed today.
    pub fn completed_today(&self) -> u32 {
        self.due_today().map_or(0, |d| d.done)
    }

    /// Today's answers to the warning signs, if they were asked today.
    pub fn daily_check_today(&self) -> Option<&DailyCheck> {
        let today = self.today().to_string();
        self.settings
            .daily_check
            .as_ref()
            .filter(|c| c.date == today)
    }

    /// Keeps today's answers to the warning signs, unless today's are kept
    /// already: a yes then holds for the day, until the person says they
    /// were cleared.
    pub fn keep_daily_check(&mut self, check: DailyCheck) {
        if self.daily_check_today().is_some() {
            return;
        }
        self.settings.daily_check = Some(check);
        self.save_settings();
    }

    /// The person's doctor or therapist has cleared them today.
    pub fn mark_cleared(&mut self) {
        if let Some(check) = &mut self.settings.daily_check {
            check.cleared = true;
        }
        self.save_settings();
    }

    /// Computes the history from the log for today, unless it is computed
    /// already and neither the log nor the date changed since.
    pub fn refresh_history(&mut self) {
        let today = self.today();
        if self.history.as_ref().is_some_and(|h| h.today == today) {
            return;
        }
        self.history = Some(History::compute(
            &self.log.records,
            self.log.unreadable.len(),
            today,
        ));
    }

    /// The history as last computed by [`App::refresh_history`].
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    // ----- Sessions -----

    /// The schedule of the next session of `routine` today, paced by the
    /// person's settings: what [`App::start_session`] runs.
    pub fn next_schedule(&self, routine: &Routine) -> Schedule {
        let done = due::sessions_done_on(&self.log.records, &routine.id, self.today());
        Schedule::for_session(routine, done, &self.settings.pacing())
    }

    /// Starts the next session of the active routine now. A problem (no
    /// routine, nothing due) becomes a notice and no session starts.
    pub fn start_session(&mut self, answers: CheckInAnswers) {
        let Some(routine) = self.active_routine().cloned() else {
            self.warn("There is no routine to start.");
            return;
        };
        let schedule = self.next_schedule(&routine);
        let session = match Session::new(schedule, self.session_config) {
            Ok(s) => s,
            Err(e) => {
                self.warn(&e.to_string());
                return;
            }
        };
        let started = self.clock.wall();
        let meta = SessionMeta {
            id: new_session_id(started.timestamp()),
            routine: RoutineRef {
                id: routine.id.clone(),
                name: routine.name.clone(),
                times_per_day: routine.times_per_day,
            },
            started_at: LocalTimestamp::from_zoned(&started),
            pain_before: answers.pain.and_then(PainScore::new),
            arm_symptoms: answers.arm_symptoms,
        };
        let runner = SessionRunner::new(
            session,
            meta,
            self.cue_settings(),
            Arc::clone(&self.clock),
            self.audio.clone(),
            self.store.clone(),
        );
        runner.apply(self.clock.now(), Session::start);
        if self.background_ticker {
            self.ticker = Some(runner.spawn_ticker());
        }
        self.runner = Some(runner);
    }

    /// The session in progress or just finished (until the next begins).
    pub fn session(&self) -> Option<&SessionRunner> {
        self.runner.as_ref()
    }

    /// Whether a session is running (started and not finished).
    pub fn session_running(&self) -> bool {
        self.runner
            .as_ref()
            .is_some_and(|r| !r.lock().session.is_finished())
    }

    /// Forgets a finished session (the next check-in begins).
    pub fn clear_finished_session(&mut self) {
        if !self.session_running() {
            self.runner = None;
            self.ticker = None;
        }
    }

    /// Moves the session up to now; says whether it came to an end. Also
    /// tries again, now and then, to write a record that could not be.
    pub fn advance(&mut self) -> Option<SessionEnded> {
        let due = self
            .last_try
            .is_none_or(|tried| self.clock.now().saturating_duration_since(tried) >= RETRY_EVERY);
        if !self.unsaved.is_empty() && due {
            self.retry_saving();
        }
        let runner = self.runner.as_ref()?;
        runner.advance(self.clock.now());
        self.handle_cues()
    }

    /// Gives the session a command of the person's (pause, skip, the pain
    /// stop, …) at the current instant; says whether it came to an end.
    pub fn session_command(
        &mut self,
        command: fn(&mut Session, Instant) -> Vec<Cue>,
    ) -> Option<SessionEnded> {
        let runner = self.runner.as_ref()?;
        runner.apply(self.clock.now(), command);
        if let Some(ticker) = &self.ticker {
            ticker.wake();
        }
        self.handle_cues()
    }

    /// How long until the session's next visible change (a second of a
    /// countdown, the next step), while one runs.
    pub fn time_to_next_change(&self) -> Option<Duration> {
        let runner = self.runner.as_ref()?;
        runner.lock().session.time_to_next_change(self.clock.now())
    }

    /// Reacts to what the session said: a pain stop is recorded at once; the
    /// end of a session waits for the check-out. Says at once when progress
    /// can no longer be saved to disk.
    fn handle_cues(&mut self) -> Option<SessionEnded> {
        let runner = self.runner.as_ref()?;
        if let Some(reason) = runner.new_checkpoint_problem() {
            self.warn(&format!(
                "Your progress could not be saved to disk ({reason}). The session goes on and neckguide keeps it; if the app is closed now, it is lost."
            ));
        }
        let cues = self.runner.as_ref()?.take_ui_cues();
        let mut ended = None;
        for cue in cues {
            match cue.kind {
                CueKind::StoppedForPain => {
                    self.write_record(None, String::new());
                    ended = Some(SessionEnded::StoppedForPain);
                }
                CueKind::EndedEarly => ended = Some(SessionEnded::CheckOut),
                CueKind::Planned(e) if e.kind == EventKind::SessionEnd => {
                    ended = Some(SessionEnded::CheckOut);
                }
                _ => {}
            }
        }
        ended
    }

    /// Saves the finished session with the check-out's answers. Returns
    /// whether the record was written; when it was not, a notice says why
    /// and [`App::record_state`] says what became of it.
    pub fn save_session(&mut self, pain_after: Option<u8>, note: &str) -> bool {
        self.write_record(pain_after.and_then(PainScore::new), note.trim().to_owned())
    }

    /// How long until the next try at writing the records that could not
    /// be written (`None` when none wait): the window wakes up for it.
    pub fn time_to_retry(&self) -> Option<Duration> {
        if self.unsaved.is_empty() {
            return None;
        }
        let since = self.last_try.map_or(RETRY_EVERY, |t| {
            self.clock.now().saturating_duration_since(t)
        });
        Some(RETRY_EVERY.saturating_sub(since))
    }

    /// Whether sessions done in this window are written to the log (it holds
    /// the log and may write it).
    pub fn can_save(&self) -> bool {
        self.store.as_ref().is_some_and(|s| !s.is_read_only())
    }

    /// Whether another neckguide window holds the log: this one can only
    /// show the history, and starts no session.
    pub fn open_elsewhere(&self) -> bool {
        self.store
            .as_ref()
            .is_some_and(|s| s.read_only_reason() == Some(&ReadOnlyReason::InUse))
    }

    /// What became of the last finished session's record (`None` before
    /// any finished).
    pub fn record_state(&self) -> Option<&RecordState> {
        self.record_state.as_ref()
    }

    /// Tries again to write the records that could not be written, oldest
    /// first. Returns whether all are now saved.
    pub fn retry_saving(&mut self) -> bool {
        if self.unsaved.is_empty() {
            return true;
        }
        self.last_try = Some(self.clock.now());
        let Some(store) = self.store.clone() else {
            return self.unsaved.is_empty();
        };
        while let Some(record) = self.unsaved.first() {
            if let Err(e) = store.append(record) {
                log::warn!("could not save a session record, again: {e}");
                return false;
            }
            let record = self.unsaved.remove(0);
            // The checkpoint is this session's only while nothing newer runs.
            if let Some(runner) = &self.runner
                && runner.lock().meta.id == record.id
            {
                runner.close_checkpoints();
                self.record_state = Some(RecordState::Saved);
            }
            self.log.records.push(record);
            self.history = None;
        }
        self.notices.retain(|n| !n.text.starts_with(UNSAVED_PREFIX));
        self.notice("Your session is now saved.", false);
        true
    }

    /// Writes the finished session's record and clears the checkpoint; keeps
    /// the session for the screens that show it. Returns whether it was
    /// written.
    fn write_record(&mut self, pain_after: Option<PainScore>, note: String) -> bool {
        // Records waiting to be written go first, to keep the log's order.
        let earlier_waiting = !self.unsaved.is_empty() && !self.retry_saving();
        let Some(runner) = &self.runner else {
            return false;
        };
        self.ticker = None;
        let ended_at = LocalTimestamp::from_zoned(&self.clock.wall());
        let record = {
            let state = runner.lock();
            let outcome = state
                .session
                .outcome()
                .map_or(crate::log::Outcome::Interrupted, Into::into);
            record::record(
                &state.meta,
                &state.session,
                outcome,
                ended_at,
                pain_after,
                note,
            )
        };
        let state = match &self.store {
            Some(_) if earlier_waiting => {
                RecordState::Pending("earlier sessions are still waiting to be written".to_owned())
            }
            Some(store) if !store.is_read_only() => match store.append(&record) {
                Ok(()) => {
                    runner.close_checkpoints();
                    RecordState::Saved
                }
                Err(e) => RecordState::Pending(e.to_string()),
            },
            Some(_) => RecordState::NotSaved("this window can only read your history".to_owned()),
            None => RecordState::NotSaved("there is no session log".to_owned()),
        };
        let saved = state == RecordState::Saved;
        match &state {
            RecordState::Saved => {}
            RecordState::Pending(reason) => {
                self.warn(&format!(
                    "{UNSAVED_PREFIX} ({reason}). neckguide keeps it and tries again every few seconds; keep this window open."
                ));
                self.unsaved.push(record.clone());
                self.last_try = Some(self.clock.now());
            }
            RecordState::NotSaved(reason) => {
                self.warn(&format!("This session was not saved: {reason}."));
            }
        }
        self.record_state = Some(state);
        // Only what is on disk counts: an unsaved session is not one of today's.
        if saved {
            self.log.records.push(record);
            self.history = None;
        }
        saved
    }
}

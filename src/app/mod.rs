//! The application layer: everything a running neckguide does that is not
//! drawing. It opens the data folder and the log (taking the single-writer
//! lock), recovers an interrupted session, loads and saves the settings and
//! the routines, says what is due today, and runs sessions (their owner
//! thread, cues to sounds, checkpoints, the final record).
//!
//! The window ([`crate::ui`]) draws the state kept here and hands back what
//! the person asked for; the command line ([`crate::cli`]) and the
//! reminder agent ([`agent`]) use the same pieces with no window. Time comes from the
//! [`Clock`] passed in, so a test sets both the instant and the date.
//!
//! | file | what it owns |
//! |---|---|
//! | `mod.rs` | [`App`]: the running app's state: data folder, messages, settings, routines, today |
//! | `session.rs` | [`App`]'s sessions: start, commands, the record at the end, kept and retried |
//! | `runner.rs` | [`SessionRunner`]: a session in progress: its owner thread (the engine, sound, checkpoints), the commands sent to it and the view it publishes |
//! | `cues.rs` | which sounds each cue plays |
//! | `desktop/` | the desktop over D-Bus: its colour scheme, the screen kept awake, its file dialog |
//! | `record.rs` | the log record of a session, final or as a checkpoint |
//! | `settings.rs` | the saved settings file |
//! | `catalog.rs` | routine files on disk: presets and imports |
//! | `builder.rs` | the routine builder's files: a draft from a preset or file, saved and added, its handout |
//! | `folder.rs` | folder listings for the Open dialog |
//! | `loading.rs` | the log read (and an interrupted session recovered) off the window's first frame |
//! | `paths.rs` | where the data folder is |
//! | `pictures.rs` | exercise pictures, read and drawn on a thread of their own; an SVG reads no other file |
//! | `audio.rs` | the sound output thread |
//! | `reminders.rs` | what reminders are computed from, read from a data folder; the agent's state file |
//! | `agent.rs` | the reminder agent (`neckguide remind`): timer, file watch, notifications |
//! | `notifications.rs` | desktop notifications over D-Bus |
//! | `autostart.rs` | the XDG autostart entry; starting and stopping the agent |
//! | `raise.rs` | "Start now" with a window open: the window comes to the front |

#[cfg(target_os = "linux")]
pub mod agent;
pub mod audio;
pub mod autostart;
pub mod builder;
pub mod catalog;
mod cues;
pub mod desktop;
pub mod folder;
mod loading;
#[cfg(target_os = "linux")]
pub mod notifications;
pub mod paths;
pub mod pictures;
pub mod raise;
pub mod record;
pub mod reminders;
pub mod runner;
mod session;
pub mod settings;
/// Opening a file without blocking, regular files only: [`crate::user_file`],
/// below the app layer since the log store opens its files the same way.
pub use crate::user_file;

pub use loading::LoadLog;
pub use session::{CheckInAnswers, RecordState, SessionEnded};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use audio::{Audio, AudioStatus};
use catalog::{Catalog, OnClash, Origin};
use desktop::{Desktop, Inhibitor};
use paths::DataDir;
use runner::{CueSettings, SessionRunner};
use settings::{Saved, Theme};

use crate::checkin::DailyCheck;
use crate::due::{self, DueToday};
use crate::follow_up::HeldOut;
use crate::history::History;
use crate::log::{
    ClearanceRecord, DailyCheckRecord, LoadedLog, LocalTimestamp, LogLine, LogStore,
    RECORD_VERSION, ReadOnlyReason,
};
use crate::plan::InEffect;
use crate::routine::{Library, Routine};
use crate::session::{Clock, SessionConfig, SystemClock};

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
    /// Run each session's owner on a thread of its own, so cues play on
    /// time whatever the window does (off in tests, where the frames step
    /// it on a manual clock).
    pub session_thread: bool,
    /// How the session reacts to time jumps.
    pub session_config: SessionConfig,
    /// When the log is read: on a thread of its own for the window, so
    /// its first frame never waits for it.
    pub load_log: LoadLog,
}

impl AppOptions {
    /// The real thing: system clock, real sound, the session on its own thread.
    pub fn real(data_dir: Option<DataDir>, routine_file: Option<PathBuf>) -> Self {
        Self {
            data_dir,
            routine_file,
            clock: Arc::new(SystemClock::new()),
            audio: Audio::start(),
            session_thread: true,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Background,
        }
    }

    /// Stepped by its caller: the given clock, no sound, no session thread
    /// (the frames drive time), the log read before `open` returns. For
    /// tests; change a field with struct update syntax.
    pub fn stepped(data_dir: Option<DataDir>, clock: Arc<dyn Clock>) -> Self {
        Self {
            data_dir,
            routine_file: None,
            clock,
            audio: Audio::with_status(AudioStatus::Disabled),
            session_thread: false,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Before,
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

/// A routine file whose id another routine has: the person is asked whether
/// to replace that one or keep both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportClash {
    /// The file being imported.
    pub path: PathBuf,
    /// The id both have.
    pub id: String,
    /// The name of the routine that has it now.
    pub taken_by: String,
    /// Whether that one is built in (then it cannot be replaced).
    pub preset: bool,
}

/// The running app: its data, its settings and the session in progress.
pub struct App {
    clock: Arc<dyn Clock>,
    library: Library,
    catalog: Catalog,
    data_dir: Option<DataDir>,
    store: Option<Arc<LogStore>>,
    /// The log being read on its own thread (`None` once it is in `log`,
    /// or when there is none to read).
    loading: Option<loading::Loading>,
    log: LoadedLog,
    /// Counts the changes of `log`, for the figures computed from it.
    log_version: u64,
    /// What home shows from the log, for the state it was computed for.
    figures: std::cell::RefCell<Figures>,
    history: Option<History>,
    /// Where each pain stop happened and the days with a warning sign, for
    /// the History screen; computed with `history`.
    clinical: Option<Clinical>,
    settings: Saved,
    /// Whether `settings` changed since they were last written.
    settings_unsaved: bool,
    audio: Audio,
    session_thread: bool,
    session_config: SessionConfig,
    notices: Vec<Notice>,
    /// The notices saying an exercise is not in the session running or
    /// last run (its name, the notice's words): they go with the session,
    /// and when the exercise is back in the sessions.
    left_out_notices: Vec<(String, String)>,
    /// An import waiting for the person's answer.
    clash: Option<ImportClash>,
    runner: Option<SessionRunner>,
    /// Wakes the window when the running session changes.
    session_wake: Option<runner::Wake>,
    /// What became of the last finished session's record.
    record_state: Option<RecordState>,
    /// Finished sessions' records that could not be written yet, oldest
    /// first, and when they were last tried.
    unsaved: Vec<crate::log::SessionRecord>,
    last_try: Option<Instant>,
    /// The desktop around the window ([`Desktop::none`] until one is given).
    desktop: Desktop,
    /// Keeps the screen awake during sessions; released when dropped.
    inhibitor: Inhibitor,
    /// The reminders' autostart entry (`None`: no data folder or no home).
    autostart: Option<autostart::Autostart>,
    /// Why the reminder agent last stopped, from its state file.
    agent_problem: Option<String>,
    /// Requests from "Start now" to come to the front.
    raise: Option<raise::RaiseRequests>,
    /// When a session stopped for pain whose record waits for the
    /// questions after the stop was stopped (its checkpoint holds it
    /// meanwhile).
    pain_stop_at: Option<LocalTimestamp>,
    /// What became of a settings file that could not be read whole when
    /// the window opened.
    damaged_settings: Option<DamagedSettings>,
    /// The exercise pictures, drawn on their own thread for the window.
    pictures: pictures::Pictures,
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
            session_thread,
            session_config,
            load_log,
        } = options;
        let mut app = Self {
            clock,
            library: Library::builtin(),
            catalog: Catalog::default(),
            data_dir,
            store: None,
            loading: None,
            log: LoadedLog::default(),
            log_version: 0,
            clinical: None,
            figures: std::cell::RefCell::default(),
            history: None,
            settings: Saved::default(),
            settings_unsaved: false,
            audio,
            session_thread,
            session_config,
            notices: Vec::new(),
            left_out_notices: Vec::new(),
            clash: None,
            runner: None,
            session_wake: None,
            record_state: None,
            unsaved: Vec::new(),
            last_try: None,
            desktop: Desktop::none(),
            inhibitor: Desktop::none().inhibitor(),
            autostart: None,
            agent_problem: None,
            raise: None,
            pain_stop_at: None,
            damaged_settings: None,
            pictures: pictures::Pictures::default(),
        };
        app.open_data_folder(load_log);
        app.reload_catalog();
        if let Some(path) = routine_file {
            app.import(&path);
        }
        app
    }

    fn open_data_folder(&mut self, load_log: LoadLog) {
        let Some(dir) = self.data_dir.clone() else {
            self.warn("No data folder was found, so nothing can be saved. Start neckguide with --data-dir DIR.");
            return;
        };
        let (settings, problem) = Saved::load(&dir.settings());
        self.settings = settings;
        self.autostart = autostart::Autostart::for_data_dir(&dir).ok();
        self.agent_problem = reminders::AgentState::load(&dir).problem;
        if let Some(p) = problem {
            self.keep_damaged_settings(&dir, &p);
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
            // Holding the lock, no other window is replacing these files.
            remove_leftovers(&dir);
        }
        let gate = match load_log {
            LoadLog::Before => {
                self.store = Some(Arc::clone(&store));
                self.log_read(loading::Loaded::read(&store));
                return;
            }
            LoadLog::Background => None,
            LoadLog::AfterGate(gate) => Some(gate),
        };
        self.loading = Some(loading::Loading::start(Arc::clone(&store), gate));
        self.store = Some(store);
    }

    /// Takes in the log read at start, with the session recovered from
    /// its checkpoint: says what was recovered and what could not be read.
    fn log_read(&mut self, loaded: loading::Loaded) {
        match loaded.recovered {
            Ok(Some(rec)) if rec.outcome == crate::log::Outcome::StoppedForPain => {
                self.warn(&format!(
                    "Your last session ({}) was stopped because of pain. It was saved as such.",
                    rec.routine.name
                ));
            }
            Ok(Some(rec)) => self.warn(&format!(
                "Your last session ({}) was interrupted. It was saved with what you had done.",
                rec.routine.name
            )),
            Ok(None) => {}
            Err(e) => self.warn(&format!(
                "An unfinished session could not be recovered: {e}"
            )),
        }
        match loaded.log {
            Ok(log) => {
                self.log = log;
                self.log_changed();
            }
            Err(e) => self.warn(&format!("Your session log could not be read: {e}")),
        }
        if self.log.unreadable_count() > 0 {
            let words = if !self.can_save() {
                "They were left in the log; nothing was deleted.".to_owned()
            } else if self.log.unreadable_not_kept > 0 {
                format!(
                    "The first {} were copied to sessions.quarantine.jsonl; all are left in the log, nothing was deleted.",
                    self.log.unreadable.len()
                )
            } else {
                "They were copied to sessions.quarantine.jsonl; nothing was deleted.".to_owned()
            };
            let copies = match self.log.differing_copies {
                0 => String::new(),
                n => format!(" {}", crate::history::differing_copies_words(n)),
            };
            self.warn(&format!(
                "{} of your session log could not be read.{copies} {words}",
                crate::history::plural(self.log.unreadable_count() as u64, "line", "lines")
            ));
        }
        // Today's warning-sign answers: the log is the record; the settings
        // keep a copy for a window that cannot write the log.
        let today = self.today();
        let settings_today = self
            .settings
            .daily_check
            .as_ref()
            .is_some_and(|c| c.date == today.to_string());
        if !settings_today
            && let Some(check) = self.log.daily_checks.iter().rev().find(|c| c.date == today)
        {
            self.settings.daily_check = Some(DailyCheck {
                date: today.to_string(),
                yes: check.yes_signs(),
                cleared: check.cleared_by_clinician_at.is_some(),
                compared: check.compared_with_yesterday,
            });
        }
    }

    // ----- Loading the log -----

    /// Whether the log has been read (or there is none to read): until
    /// then the window says "Loading your history…" where figures go, and
    /// nothing that needs the log is done.
    pub fn log_ready(&self) -> bool {
        self.loading.is_none()
    }

    /// Takes in the log when it has been read on its own thread; says
    /// whether it came now. The window calls it before each frame.
    pub fn receive_log(&mut self) -> bool {
        let Some(loaded) = self.loading.as_ref().and_then(loading::Loading::take) else {
            return false;
        };
        self.loading = None;
        self.log_read(loaded);
        // `scripts/first-frame.py` times the window by this line.
        log::debug!("the log was read: {} records", self.log.records.len());
        true
    }

    /// Calls `wake` once when the log has been read (the window repaints
    /// and takes it in with [`App::receive_log`]).
    pub fn wake_when_log_read(&self, wake: Box<dyn Fn() + Send>) {
        if let Some(loading) = &self.loading {
            loading.wake_with(wake);
        }
    }

    /// Waits at most `timeout` for the log to be read, then takes it in;
    /// says whether it is in. For tests and a front end with no window:
    /// the window never waits.
    pub fn wait_for_log(&mut self, timeout: Duration) -> bool {
        if self.loading.as_ref().is_some_and(|l| !l.wait(timeout)) {
            return false;
        }
        self.receive_log();
        self.log_ready()
    }

    /// Appends a line that is not a session (a daily check, a clearance)
    /// to the log and keeps it; says in a notice when it could not be.
    fn append_line(&mut self, line: LogLine) -> bool {
        let Some(store) = self.store.clone().filter(|s| !s.is_read_only()) else {
            return false;
        };
        if !self.log_ready() {
            // The line would be read in with the log, or missed by it.
            self.warn("This could not be saved yet: your history is still being read. Try again in a moment.");
            return false;
        }
        if let Err(e) = store.append_line(&line) {
            self.warn(&format!("This could not be saved in your log: {e}"));
            return false;
        }
        self.say_if_log_replaced();
        match line {
            LogLine::Session(record) => self.log.records.push(record),
            LogLine::DailyCheck(check) => self.log.daily_checks.push(check),
            LogLine::Clearance(clearance) => self.log.clearances.push(clearance),
        }
        self.log_changed();
        true
    }

    /// Says so when the last append found another file (or none) at the
    /// log's path and wrote there ([`LogStore::take_replaced_log`]).
    fn say_if_log_replaced(&mut self) {
        if let Some(words) = self.store.as_ref().and_then(|s| s.take_replaced_log()) {
            self.warn(&words);
        }
    }

    /// The log in memory changed (loaded, or a line added): the figures
    /// drawn from it are computed again, once, when next asked.
    fn log_changed(&mut self) {
        self.log_version += 1;
        self.history = None;
    }

    /// What home shows from the log, computed once for each state of the
    /// log, day and routine, so no frame scans the log.
    fn figures(&self) -> std::cell::Ref<'_, Figures> {
        let key = (
            self.log_version,
            self.today(),
            self.active_routine().map(|r| r.id.clone()),
        );
        if self.figures.borrow().key.as_ref() != Some(&key) {
            let done_today = self.active_routine().map_or(0, |r| {
                due::sessions_done_on(&self.log.records, &r.id, key.1)
            });
            let in_effect = InEffect::from_log(self.active_routine(), self.log.dose_log(), key.1);
            *self.figures.borrow_mut() = Figures {
                done_today,
                in_effect,
                pain_stop_warning: crate::history::pain_stop_warning(&self.log.records, key.1),
                earlier_day: self.log.records.iter().any(|r| r.started_at.date() < key.1)
                    || self.log.daily_checks.iter().any(|c| c.date < key.1),
                key: Some(key),
            };
        }
        self.figures.borrow()
    }

    /// The dose in effect of each item of the active routine with a
    /// progression rule ([`crate::doses::doses_in_effect`] over the log, as
    /// of today), from the figures computed once per state of the log.
    pub fn doses_in_effect(&self) -> Vec<crate::doses::ItemDose> {
        self.figures().in_effect.doses.clone()
    }

    /// Whether the log has a session or a daily check of a day before
    /// today: then the first check-in of today compares the morning's
    /// pain with yesterday morning's.
    pub fn asks_morning_comparison(&self) -> bool {
        self.figures().earlier_day
    }

    // ----- The desktop -----

    /// Uses `desktop` for the screen saver during sessions (from the next
    /// session on), the system's theme and its file dialog.
    pub fn use_desktop(&mut self, desktop: Desktop) {
        self.inhibitor = desktop.inhibitor();
        self.desktop = desktop;
    }

    /// The desktop around the window.
    pub fn desktop(&self) -> &Desktop {
        &self.desktop
    }

    /// The exercise pictures, drawn on their own thread.
    pub fn pictures(&self) -> &pictures::Pictures {
        &self.pictures
    }

    /// The theme to draw: the one chosen, or the system's.
    pub fn theme(&self) -> Theme {
        self.settings.theme.theme(self.desktop.appearance())
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

    /// Removes the notices of exercises left out of the session for which
    /// `which` (given the exercise's name) is true.
    fn drop_left_out_notices(&mut self, which: impl Fn(&String) -> bool) {
        let (gone, kept) = std::mem::take(&mut self.left_out_notices)
            .into_iter()
            .partition(|(name, _)| which(name));
        self.left_out_notices = kept;
        let gone: Vec<(String, String)> = gone;
        self.notices
            .retain(|n| !gone.iter().any(|(_, text)| *text == n.text));
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

    /// How long until the date changes (local midnight): a screen that
    /// shows today's figures wakes up then.
    pub fn time_to_next_day(&self) -> Duration {
        let now = self.clock.wall();
        let midnight = now
            .date()
            .tomorrow()
            .ok()
            .and_then(|d| d.to_zoned(now.time_zone().clone()).ok());
        midnight
            .and_then(|m| now.duration_until(&m).try_into().ok())
            .unwrap_or(Duration::from_secs(3600))
    }

    // ----- Settings -----

    /// The saved settings.
    pub fn settings(&self) -> &Saved {
        &self.settings
    }

    /// Replaces the settings and applies the sound settings to a session in
    /// progress at once; they are written by [`App::save_changed_settings`],
    /// when the change is done (a slider let go, a number typed), not on
    /// every step of it.
    pub fn set_settings(&mut self, settings: Saved) {
        if settings == self.settings {
            return;
        }
        self.settings = settings;
        self.settings_unsaved = true;
        let cue_settings = self.cue_settings();
        if let Some(runner) = &mut self.runner {
            runner.set_cue_settings(cue_settings);
        }
    }

    /// Writes the settings when they changed since they were last written.
    pub fn save_changed_settings(&mut self) {
        if self.settings_unsaved {
            self.save_settings();
        }
    }

    /// Writes the settings (each failure is said; the next change tries
    /// again).
    fn save_settings(&mut self) {
        self.settings_unsaved = false;
        let Some(dir) = self.data_dir.clone() else {
            return;
        };
        // A damaged file is kept before anything replaces it.
        if self.damaged_settings.as_ref().is_some_and(|d| d.uncopied) {
            match settings::keep_damaged(&dir.settings(), &self.clock.wall()) {
                Ok(copy) => {
                    if let Some(d) = &mut self.damaged_settings {
                        d.uncopied = false;
                    }
                    if let Some(copy) = copy {
                        self.notice(&kept_as(&copy), false);
                    }
                }
                Err(e) => {
                    self.warn(&format!(
                        "Your settings were not saved: the damaged settings file could not be copied first ({e}), and saving would lose it. Copy {} somewhere safe, or remove it.",
                        crate::routine::escape_path(&dir.settings())
                    ));
                    return;
                }
            }
        }
        if let Err(e) = self.settings.save(&dir.settings()) {
            self.warn(&format!("Your settings could not be saved: {e}"));
        }
    }

    /// Says that the settings could not be read whole (`problem`) and keeps
    /// a copy of the file as it is, before any save replaces it
    /// ([`settings::keep_damaged`]); when no copy can be made, no save
    /// replaces it until one can.
    fn keep_damaged_settings(&mut self, dir: &DataDir, problem: &str) {
        let uncopied = match settings::keep_damaged(&dir.settings(), &self.clock.wall()) {
            Ok(Some(copy)) => {
                self.warn(&format!("{problem} {}", kept_as(&copy)));
                false
            }
            Ok(None) => {
                self.warn(problem);
                false
            }
            Err(e) => {
                self.warn(&format!(
                    "{problem} A copy of the file could not be kept ({e}), so your settings are not saved until one can be; the file stays as it is."
                ));
                true
            }
        };
        self.damaged_settings = Some(DamagedSettings { uncopied });
    }

    /// When the routine in use is not the one the person chose, what home
    /// says of it: which was chosen, why it is not in use, what is used
    /// instead and what to do ([`catalog::Catalog::not_in_use`]).
    pub fn routine_not_in_use(&self) -> Option<String> {
        let active = self.active_routine()?;
        match self.settings.routine.as_deref() {
            Some(chosen) => self.catalog.not_in_use(chosen, active),
            None if self.damaged_settings.is_some() => Some(format!(
                "Your settings could not be read, so the routine you chose is not known: \"{}\" is used. If it is not your routine, choose yours under Routine.",
                active.name
            )),
            None => None,
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
        // A routine replaced under the same id may have other rules.
        *self.figures.get_mut() = Figures::default();
    }

    /// The routine chosen (the saved choice, else the first found).
    pub fn active_routine(&self) -> Option<&Routine> {
        self.catalog.chosen(self.settings.routine.as_deref())
    }

    /// Chooses the routine with this id.
    pub fn choose_routine(&mut self, id: String) {
        self.settings.routine = Some(id);
        self.save_settings();
    }

    /// Checks the routine file at `path` and, when it is valid, copies it
    /// into the data folder and chooses it. Says what happened in a notice.
    pub fn import(&mut self, path: &Path) {
        self.import_with(path, OnClash::Refuse);
    }

    /// The import waiting for the person's answer: its id is taken.
    pub fn import_clash(&self) -> Option<&ImportClash> {
        self.clash.as_ref()
    }

    /// The person's answer to an [`ImportClash`]: replace the routine that
    /// has the id, keep both, or (`None`) leave it.
    pub fn resolve_clash(&mut self, answer: Option<OnClash>) {
        let Some(clash) = self.clash.take() else {
            return;
        };
        match answer {
            Some(on_clash) => self.import_with(&clash.path, on_clash),
            None => self.notice("The routine file was not added.", false),
        }
    }

    fn import_with(&mut self, path: &Path, on_clash: OnClash) {
        let Some(dir) = self.data_dir.clone() else {
            self.warn("There is no data folder to keep the routine in.");
            return;
        };
        match catalog::import_with(path, &self.library, &dir, on_clash) {
            Ok(imported) => {
                let message = match &imported {
                    catalog::Imported::Added(r) => format!("Added the routine \"{}\".", r.name),
                    catalog::Imported::AlreadyAdded(r) => {
                        format!("The routine \"{}\" is already added.", r.name)
                    }
                };
                self.notice(&message, false);
                self.settings.routine = Some(imported.into_routine().id);
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
            Err(catalog::ImportError::IdTaken { id, by }) if on_clash == OnClash::Refuse => {
                let taken_by = self
                    .catalog
                    .get(&id)
                    .map_or_else(|| id.clone(), |e| e.routine.name.clone());
                self.clash = Some(ImportClash {
                    path: path.to_path_buf(),
                    id,
                    taken_by,
                    preset: by == Origin::Preset,
                });
            }
            Err(e) => self.warn(&e.to_string()),
        }
    }

    /// The name of an exercise by id: built-in, or from an imported routine;
    /// the id itself when it is no longer known.
    pub fn exercise_name(&self, id: &str) -> String {
        self.catalog.exercise_name(&self.library, id)
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
        Some(due::due_after(routine, self.figures().done_today))
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
    /// The answers are written to the log as a daily check line.
    pub fn keep_daily_check(&mut self, check: DailyCheck) {
        if self.daily_check_today().is_some() {
            return;
        }
        let mut record = DailyCheckRecord::new(self.today(), self.local_now(), &check.yes);
        record.compared_with_yesterday = check.compared;
        self.append_line(LogLine::DailyCheck(record));
        self.settings.daily_check = Some(check);
        self.save_settings();
    }

    /// The person's doctor or physical therapist has cleared them today:
    /// the day's daily check is written again with the time of the
    /// clearance (`cleared_by_clinician_at`).
    pub fn mark_cleared(&mut self) {
        let now = self.local_now();
        let today = self.today();
        if let Some(check) = &mut self.settings.daily_check {
            check.cleared = true;
            let mut record = DailyCheckRecord::new(today, now, &check.yes);
            record.cleared_by_clinician_at = Some(now);
            record.compared_with_yesterday = check.compared;
            if let Some(date) = check.date.parse().ok().filter(|d| *d != today) {
                record.date = date;
            }
            self.append_line(LogLine::DailyCheck(record));
        }
        self.save_settings();
    }

    // ----- Reminders -----

    /// When the next session's reminder comes: the first reminder time
    /// still to come today for a session not done, else tomorrow's first
    /// (`None` on a warning-sign day with none tomorrow, or with no day).
    pub fn next_session_at(&self) -> Option<jiff::Zoned> {
        let routine = self.active_routine()?;
        let now = self.clock.wall();
        let standing = crate::reminders::Standing {
            times_per_day: routine.times_per_day,
            done_today: self.figures().done_today,
            warning_today: reminders::warning_today(
                &self.settings,
                &self.log.daily_checks,
                now.date(),
            ),
        };
        crate::reminders::coming(&self.settings.reminders, standing, &now)
            .into_iter()
            .next()
            .map(|slot| slot.at)
    }

    /// How long until the next session's reminder time (Home's "Next
    /// session at" changes then).
    pub fn time_to_next_session(&self) -> Option<Duration> {
        let at = self.next_session_at()?;
        self.clock.wall().duration_until(&at).try_into().ok()
    }

    /// Whether reminders are on (their autostart entry exists).
    pub fn reminders_on(&self) -> bool {
        self.autostart
            .as_ref()
            .is_some_and(autostart::Autostart::installed)
    }

    /// Why reminders cannot be shown, as the agent last said.
    pub fn reminder_problem(&self) -> Option<&str> {
        self.agent_problem.as_deref()
    }

    /// Uses `entry` as the reminders' autostart entry (tests put it in a
    /// temporary folder).
    pub fn set_autostart(&mut self, entry: autostart::Autostart) {
        self.autostart = Some(entry);
    }

    /// Turns reminders on (writes the autostart entry and starts the
    /// agent) or off (removes the entry and stops the agent). Problems
    /// become notices.
    pub fn set_reminders(&mut self, on: bool) {
        let Some(entry) = self.autostart.clone() else {
            self.warn("Reminders need a data folder and a home folder.");
            return;
        };
        if on {
            if let Err(e) = entry.install() {
                self.warn(&format!("Reminders could not be turned on: {e}."));
                return;
            }
            self.agent_problem = None;
            if let Err(e) = entry.start_agent() {
                self.warn(&format!(
                    "The reminder agent could not be started now ({e}); it starts at your next login."
                ));
            }
        } else {
            if let Err(e) = entry.uninstall() {
                self.warn(&format!("Reminders could not be turned off: {e}."));
                return;
            }
            if let Some(dir) = &self.data_dir
                && let Err(e) = autostart::stop_agent(dir)
            {
                self.warn(&format!("The reminder agent could not be stopped: {e}"));
            }
        }
    }

    /// Reads again what the reminder agent said (Settings shows it).
    pub fn refresh_reminder_problem(&mut self) {
        if let Some(dir) = &self.data_dir {
            self.agent_problem = reminders::AgentState::load(dir).problem;
        }
    }

    /// Listens for "Start now" while this window holds the data folder:
    /// `wake` is called when a request comes (the window repaints).
    pub fn listen_for_start(&mut self, wake: Box<dyn Fn() + Send>) {
        let writer = self
            .store
            .as_ref()
            .is_some_and(|s| s.read_only_reason().is_none());
        let Some(dir) = self.data_dir.as_ref().filter(|_| writer) else {
            return;
        };
        match raise::RaiseRequests::listen(dir, wake) {
            Ok(requests) => self.raise = Some(requests),
            Err(e) => log::warn!("\"Start now\" cannot reach this window: {e}"),
        }
    }

    /// Whether "Start now" asked this window to come to the front since
    /// the last call.
    pub fn take_start_request(&self) -> bool {
        self.raise.as_ref().is_some_and(raise::RaiseRequests::take)
    }

    /// The current time with its local offset, from the app's clock.
    fn local_now(&self) -> LocalTimestamp {
        LocalTimestamp::from_zoned(&self.clock.wall())
    }

    // ----- Follow-up after a pain stop -----

    /// The exercises held out after a pain stop, until the person says
    /// they have talked to their physical therapist ([`crate::follow_up::held_out`]).
    pub fn held_out(&self) -> Vec<HeldOut> {
        self.figures().in_effect.held_out.clone()
    }

    /// The person has talked to their physical therapist about the held-out
    /// `exercise`: a clearance line is written and it is offered again.
    pub fn clear_held_out(&mut self, exercise: &str) {
        let Some(held) = self.held_out().into_iter().find(|h| h.exercise == exercise) else {
            return;
        };
        let record = ClearanceRecord {
            v: RECORD_VERSION,
            kind: crate::log::record::ClearanceKind::Clearance,
            at: self.local_now(),
            exercise: held.exercise,
            pain_stop_session: held.session,
        };
        if self.append_line(LogLine::Clearance(record)) {
            let name = self.exercise_name(exercise);
            self.drop_left_out_notices(|left_out| *left_out == name);
            self.notice(&format!("\"{name}\" is back in your sessions."), false);
        } else if !self.can_save() {
            self.warn("This window cannot write your log, so the exercise stays held out.");
        }
    }

    /// Whether pain stopped sessions on 2 or more of the last 7 days: home
    /// says so ([`crate::history::PAIN_STOP_WARNING`]).
    pub fn pain_stop_warning(&self) -> bool {
        self.figures().pain_stop_warning
    }

    /// Computes the history from the log for today, unless it is computed
    /// already and neither the log nor the date changed since.
    pub fn refresh_history(&mut self) {
        let today = self.today();
        if !self.log_ready() || self.history.as_ref().is_some_and(|h| h.today == today) {
            return;
        }
        self.history = Some(History::compute(
            &self.log.records,
            self.log.unreadable_count(),
            today,
        ));
        self.clinical = Some(Clinical {
            pain_stops: crate::history::pain_stop_details(&self.log.records, &|id| {
                self.exercise_name(id)
            }),
            warning_signs: crate::history::warning_sign_days(&self.log.daily_checks, today),
        });
    }

    /// Where each pain stop happened and the days a warning sign was
    /// answered yes, as last computed by [`App::refresh_history`].
    pub fn clinical(&self) -> Option<&Clinical> {
        self.clinical.as_ref()
    }

    /// The history as last computed by [`App::refresh_history`].
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }
}

/// What the physical therapist needs beside the figures, for the History
/// screen (the same as `history --json` and the report give).
#[derive(Debug, Clone, Default)]
pub struct Clinical {
    /// The sessions stopped for pain, oldest first, with where.
    pub pain_stops: Vec<crate::history::PainStopDetail>,
    /// The days with a yes to a warning sign, oldest first.
    pub warning_signs: Vec<crate::history::WarningSignDay>,
}

/// What home shows from the log, for one state of the log, one day and one
/// routine (the key).
#[derive(Debug, Default)]
struct Figures {
    key: Option<(u64, jiff::civil::Date, Option<String>)>,
    done_today: u32,
    /// The doses in effect of the active routine's items with a rule, and
    /// the held-out exercises: what its sessions are planned from.
    in_effect: InEffect,
    pain_stop_warning: bool,
    /// The log has a line of a day before today.
    earlier_day: bool,
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

/// A settings file that could not be read whole when the window opened.
#[derive(Debug, Clone)]
struct DamagedSettings {
    /// No copy of it could be kept yet (then it is not replaced).
    uncopied: bool,
}

/// The words for where a damaged settings file is kept.
fn kept_as(copy: &Path) -> String {
    format!(
        "The damaged file is kept as {}.",
        crate::routine::escape_path(copy)
    )
}

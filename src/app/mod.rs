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
//! | `mod.rs` | [`App`]: the running app, made of the parts below and the session in progress; what needs two parts (a daily check: the log and the settings) |
//! | `options.rs` | [`AppOptions`]: how the app is put together, for the window or a test |
//! | `notices.rs` | `Notices`: the messages for the person, each said once |
//! | `open_log.rs` | `OpenLog`: the session log this window holds, read at start, and the lines added since |
//! | `settings_file.rs` | `SettingsFile`: the settings, written when changed; a damaged file kept first |
//! | `routines.rs` | `Routines`: the routines found, an import and its clash |
//! | `figures.rs` | `Figures`: what is due today, the doses in effect, the held-out exercises and the history, once per state of the log |
//! | `reminder_switch.rs` | `ReminderSwitch`: reminders on or off, and why the agent last stopped |
//! | `run_session.rs` | [`App`]'s sessions: start, commands, the record at the end, kept and retried |
//! | `runner.rs` | [`SessionRunner`]: a session in progress: its owner thread (the engine, sound, checkpoints), the commands sent to it and the view it publishes |
//! | `cues.rs` | which sounds each cue plays |
//! | `desktop/` | the desktop over D-Bus: its colour scheme, the screen kept awake, its file dialog, the session as a media player |
//! | `make_record.rs` | the log record of a session, final or as a checkpoint |
//! | `settings.rs` | the saved settings file |
//! | `catalog/` | routine files on disk: presets and imports |
//! | `builder.rs` | the routine builder's files: a draft from a preset or file, saved and added, its handout |
//! | `folder.rs` | folder listings for the Open dialog |
//! | `loading.rs` | the log read (and an interrupted session recovered) off the window's first frame |
//! | `paths.rs` | where the data folder is |
//! | `pictures.rs` | exercise pictures, read and drawn on a thread of their own; an SVG reads no other file |
//! | `audio.rs` | the sound output thread |
//! | `frame_trace.rs` | `NECKGUIDE_TRACE_FRAMES`: when the window showed each new phase, for measuring the sound against the screen |
//! | `speech.rs` | spoken guidance through the desktop's speech service (speech-dispatcher over SSIP), on a thread of its own |
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
mod figures;
pub mod folder;
pub mod frame_trace;
mod loading;
pub mod make_record;
mod notices;
#[cfg(target_os = "linux")]
pub mod notifications;
mod open_log;
mod options;
pub mod paths;
pub mod pictures;
pub mod raise;
mod reminder_switch;
pub mod reminders;
mod routines;
mod run_session;
pub mod runner;
pub mod settings;
mod settings_file;
pub mod speech;
/// Opening a file without blocking, regular files only: [`crate::user_file`],
/// below the app layer since the log store opens its files the same way.
pub use crate::user_file;

pub use figures::Clinical;
pub use loading::LoadLog;
pub use notices::Notice;
pub use options::AppOptions;
pub use routines::ImportClash;
pub use run_session::{CheckInAnswers, RecordState, SessionEnded};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use audio::{Audio, AudioStatus};
use catalog::{Catalog, OnClash};
use desktop::{Desktop, Inhibitor};
use figures::{Figures, HomeFigures};
use notices::Notices;
use open_log::OpenLog;
use paths::DataDir;
use reminder_switch::ReminderSwitch;
use routines::Routines;
use runner::{CueSettings, SessionRunner};
use settings::{Settings, Theme};
use settings_file::SettingsFile;

use crate::checkin::DailyCheck;
use crate::due::{self, DueToday};
use crate::follow_up::HeldOut;
use crate::history::History;
use crate::log::{ClearanceRecord, DailyCheckRecord, LocalTimestamp, LogLine, RECORD_VERSION};
use crate::routine::Routine;
use crate::session::{Clock, SessionConfig};

/// The running app: its parts, each with its own job, and the session in
/// progress.
pub struct App {
    clock: Arc<dyn Clock>,
    data_dir: Option<DataDir>,
    /// The messages for the person.
    notices: Notices,
    /// The session log, its reading at start and the lines read.
    log: OpenLog,
    /// The settings and their file.
    settings: SettingsFile,
    /// The routines found, and an import waiting for an answer.
    routines: Routines,
    /// What the window shows from the log, computed once per state.
    figures: Figures,
    /// Whether reminders are on, and why the agent last stopped.
    reminders: ReminderSwitch,
    /// Requests from "Start now" to come to the front.
    raise: Option<raise::RaiseRequests>,
    /// The desktop around the window ([`Desktop::none`] until one is given).
    desktop: Desktop,
    /// Keeps the screen awake during sessions; released when dropped.
    inhibitor: Inhibitor,
    /// The exercise pictures, drawn on their own thread for the window.
    pictures: pictures::Pictures,
    audio: Audio,
    /// The spoken guidance through the desktop's speech service.
    speaker: speech::Speaker,
    session_thread: bool,
    session_config: SessionConfig,
    /// The notices saying an exercise is not in the session running or
    /// last run (its name, the notice's words): they go with the session,
    /// and when the exercise is back in the sessions.
    left_out_notices: Vec<(String, String)>,
    runner: Option<SessionRunner>,
    /// Wakes the window when the running session changes.
    session_wake: Option<runner::Wake>,
    /// What the running session's media player asks of the window.
    player_asks: Option<std::sync::mpsc::Receiver<desktop::mpris::PlayerAsk>>,
    /// What became of the last finished session's record.
    record_state: Option<RecordState>,
    /// Finished sessions' records that could not be written yet, oldest
    /// first, and when they were last tried.
    unsaved: Vec<crate::log::SessionRecord>,
    last_try: Option<Instant>,
    /// When a session stopped for pain whose record waits for the
    /// questions after the stop was stopped (its checkpoint holds it
    /// meanwhile).
    pain_stop_at: Option<LocalTimestamp>,
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
            speaker,
            session_thread,
            session_config,
            load_log,
        } = options;
        let mut notices = Notices::default();
        let now = clock.wall();
        let (settings, reminders, log) = match &data_dir {
            Some(dir) => (
                SettingsFile::load(dir.settings(), &now, &mut notices),
                ReminderSwitch::load(dir),
                OpenLog::open(dir, load_log, &mut notices),
            ),
            None => {
                notices.warn("No data folder was found, so nothing can be saved. Start neckguide with --data-dir DIR.");
                Default::default()
            }
        };
        // After the log is opened: its writer has removed the files a save
        // that died left among the routines.
        let routines = Routines::load(data_dir.clone());
        let mut app = Self {
            clock,
            data_dir,
            notices,
            log,
            settings,
            routines,
            figures: Figures::default(),
            reminders,
            raise: None,
            desktop: Desktop::none(),
            inhibitor: Desktop::none().inhibitor(),
            pictures: pictures::Pictures::default(),
            audio,
            speaker,
            session_thread,
            session_config,
            left_out_notices: Vec::new(),
            runner: None,
            session_wake: None,
            player_asks: None,
            record_state: None,
            unsaved: Vec::new(),
            last_try: None,
            pain_stop_at: None,
        };
        if app.log.ready() {
            app.log_read();
        }
        if let Some(path) = routine_file {
            app.import(&path);
        }
        app
    }

    /// The log was read: today's warning-sign answers are taken from it
    /// (the log is the record; the settings keep a copy for a window that
    /// cannot write the log).
    fn log_read(&mut self) {
        let today = self.today();
        self.settings
            .copy_daily_check(&self.log.lines().daily_checks, today);
    }

    // ----- Loading the log -----

    /// Whether the log has been read (or there is none to read): until
    /// then the window says "Loading your history…" where figures go, and
    /// nothing that needs the log is done.
    pub fn log_ready(&self) -> bool {
        self.log.ready()
    }

    /// Takes in the log when it has been read on its own thread; says
    /// whether it came now. The window calls it before each frame.
    pub fn receive_log(&mut self) -> bool {
        if !self.log.receive(&mut self.notices) {
            return false;
        }
        self.log_read();
        true
    }

    /// Calls `wake` once when the log has been read (the window repaints
    /// and takes it in with [`App::receive_log`]).
    pub fn wake_when_log_read(&self, wake: Box<dyn Fn() + Send>) {
        self.log.wake_when_read(wake);
    }

    /// Waits at most `timeout` for the log to be read, then takes it in;
    /// says whether it is in. For tests and a front end with no window:
    /// the window never waits.
    pub fn wait_for_log(&mut self, timeout: Duration) -> bool {
        if !self.log.wait(timeout) {
            return false;
        }
        self.receive_log();
        self.log_ready()
    }

    /// Says so when the last append found another file (or none) at the
    /// log's path and wrote there ([`crate::log::LogStore::take_replaced_log`]).
    fn say_if_log_replaced(&mut self) {
        self.log.say_if_replaced(&mut self.notices);
    }

    /// What figures are computed from now.
    fn figure_inputs(&self) -> figures::Inputs<'_> {
        figures::Inputs {
            lines: self.log.lines(),
            log_version: self.log.version(),
            routines_version: self.routines.version(),
            today: self.today(),
            routine: self.active_routine(),
        }
    }

    /// What home shows from the log, computed once for each state of the
    /// log, routines, day and routine, so no frame scans the log.
    fn figures(&self) -> std::cell::Ref<'_, HomeFigures> {
        self.figures.home(self.figure_inputs())
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
        self.settings().theme.theme(self.desktop.appearance())
    }

    // ----- Messages -----

    /// The messages for the person, oldest first.
    pub fn notices(&self) -> &[Notice] {
        self.notices.all()
    }

    /// Adds a message (once: the same words are not repeated).
    pub fn notice(&mut self, text: &str, warning: bool) {
        self.notices.add(text, warning);
    }

    fn warn(&mut self, text: &str) {
        self.notices.warn(text);
    }

    /// Removes the message at `index` (the person dismissed it).
    pub fn dismiss_notice(&mut self, index: usize) {
        self.notices.dismiss(index);
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
        self.notices.clear_messages();
    }

    /// Whether sound can be heard.
    pub fn audio_status(&self) -> AudioStatus {
        self.audio.status()
    }

    /// Whether the spoken guidance is said by the desktop's speech
    /// service or by the recorded words, as last found.
    pub fn speech_status(&self) -> speech::SpeechStatus {
        self.speaker.status()
    }

    /// Looks for the speech service again (Settings is shown), so what
    /// Settings says of it is true then; the window is woken when that
    /// changes.
    pub fn check_speech(&self) {
        self.speaker.check();
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

    /// The current time with its local offset, from the app's clock.
    fn local_now(&self) -> LocalTimestamp {
        LocalTimestamp::from_zoned(&self.clock.wall())
    }

    // ----- Settings -----

    /// The saved settings.
    pub fn settings(&self) -> &Settings {
        self.settings.saved()
    }

    /// Replaces the settings and applies the sound settings to a session in
    /// progress at once; they are written by [`App::save_changed_settings`],
    /// when the change is done (a slider let go, a number typed), not on
    /// every step of it.
    pub fn set_settings(&mut self, settings: Settings) {
        if self.settings.set(settings) {
            let cue_settings = self.cue_settings();
            if let Some(runner) = &mut self.runner {
                runner.set_cue_settings(cue_settings);
            }
        }
    }

    /// Writes the settings when they changed since they were last written.
    pub fn save_changed_settings(&mut self) {
        let now = self.clock.wall();
        self.settings.save_changed(&now, &mut self.notices);
    }

    /// Changes the settings with `change` and writes them now.
    fn change_settings(&mut self, change: impl FnOnce(&mut Settings)) {
        let now = self.clock.wall();
        self.settings
            .change_and_save(change, &now, &mut self.notices);
    }

    /// When the routine in use is not the one the person chose, what home
    /// says of it: which was chosen, why it is not in use, what is used
    /// instead and what to do ([`catalog::Catalog::not_in_use`]).
    pub fn routine_not_in_use(&self) -> Option<String> {
        let active = self.active_routine()?;
        match self.settings().routine.as_deref() {
            Some(chosen) => self.catalog().not_in_use(chosen, active),
            None if self.settings.damaged() => Some(format!(
                "Your settings could not be read, so the routine you chose is not known: \"{}\" is used. If it is not your routine, choose yours under Routine.",
                active.name
            )),
            None => None,
        }
    }

    fn cue_settings(&self) -> CueSettings {
        let saved = self.settings();
        CueSettings {
            sound: saved.sound,
            spoken: saved.spoken_cues,
            read_steps: saved.read_steps,
            volume: saved.volume as f32 / 100.0,
        }
    }

    // ----- Routines -----

    /// The routines found.
    pub fn catalog(&self) -> &Catalog {
        self.routines.catalog()
    }

    /// The routine chosen (the saved choice, else the first found).
    pub fn active_routine(&self) -> Option<&Routine> {
        self.routines.active(self.settings().routine.as_deref())
    }

    /// Chooses the routine with this id.
    pub fn choose_routine(&mut self, id: String) {
        self.change_settings(|s| s.routine = Some(id));
    }

    /// Checks the routine file at `path` and, when it is valid, copies it
    /// into the data folder and chooses it. Says what happened in a notice.
    pub fn import(&mut self, path: &Path) {
        let added = self
            .routines
            .import(path, OnClash::Refuse, &mut self.notices);
        self.choose_imported(added);
    }

    /// The import waiting for the person's answer: its id is taken.
    pub fn import_clash(&self) -> Option<&ImportClash> {
        self.routines.clash()
    }

    /// The person's answer to an [`ImportClash`]: replace the routine that
    /// has the id, keep both, or (`None`) leave it.
    pub fn resolve_clash(&mut self, answer: Option<OnClash>) {
        let added = self.routines.resolve_clash(answer, &mut self.notices);
        self.choose_imported(added);
    }

    /// Chooses the routine an import added, if one did.
    fn choose_imported(&mut self, added: Option<String>) {
        if let Some(id) = added {
            self.choose_routine(id);
        }
    }

    /// The name of an exercise by id: built-in, or from an imported routine;
    /// the id itself when it is no longer known.
    pub fn exercise_name(&self, id: &str) -> String {
        self.routines.exercise_name(id)
    }

    /// The folder the active routine's own pictures are in (imported
    /// routines only).
    pub fn active_image_dir(&self) -> Option<PathBuf> {
        self.routines.image_dir(&self.active_routine()?.id)
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
        self.settings.daily_check_on(self.today())
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
        self.log
            .append_line(LogLine::DailyCheck(record), &mut self.notices);
        self.change_settings(|s| s.daily_check = Some(check));
    }

    /// The outcome measures due at a check-in today, if they are: none
    /// without a routine, or while the log is not read (or cannot be
    /// written: answers that cannot be kept are not asked for).
    pub fn measures_due(&self) -> Option<crate::due::MeasuresDue> {
        if !self.log.ready() || !self.log.can_save() {
            return None;
        }
        let routine = self.active_routine()?;
        crate::due::measures_due(
            &self.log.lines().measures,
            routine.measures_every_days,
            self.today(),
        )
    }

    /// Writes the outcome measures answered now as a measure line; says
    /// whether it was written (a notice says why not).
    pub fn keep_measures(&mut self, answers: crate::due::MeasureAnswers) -> bool {
        let record = answers.record(self.local_now());
        self.log
            .append_line(LogLine::Measure(record), &mut self.notices)
    }

    /// The person's doctor or physical therapist has cleared them today:
    /// the day's daily check is written again with the time of the
    /// clearance (`cleared_by_clinician_at`).
    pub fn mark_cleared(&mut self) {
        let now = self.local_now();
        let today = self.today();
        if let Some(check) = &self.settings.saved().daily_check {
            let mut record = DailyCheckRecord::new(today, now, &check.yes);
            record.cleared_by_clinician_at = Some(now);
            record.compared_with_yesterday = check.compared;
            if let Some(date) = check.date.parse().ok().filter(|d| *d != today) {
                record.date = date;
            }
            self.log
                .append_line(LogLine::DailyCheck(record), &mut self.notices);
        }
        self.change_settings(|s| {
            if let Some(check) = &mut s.daily_check {
                check.cleared = true;
            }
        });
    }

    // ----- Reminders -----

    /// When the next session's reminder comes: the first reminder time
    /// still to come today for a session not done (a snoozed reminder
    /// among them: the agent tells this window of a snooze, and its state
    /// file was read at the start), else tomorrow's first (`None` on a
    /// warning-sign day with none tomorrow, or with no day).
    pub fn next_session_at(&self) -> Option<jiff::Zoned> {
        let routine = self.active_routine()?;
        let now = self.clock.wall();
        let standing = crate::reminders::Standing {
            times_per_day: routine.times_per_day,
            done_today: self.figures().done_today,
            warning_today: reminders::warning_today(
                self.settings(),
                &self.log.lines().daily_checks,
                now.date(),
            ),
        };
        let told = self
            .raise
            .as_ref()
            .and_then(raise::RaiseRequests::told_memory);
        let memory = told.as_ref().unwrap_or(self.reminders.memory());
        crate::reminders::coming(&self.settings().reminders, standing, &now, memory)
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
        self.reminders.on()
    }

    /// Why reminders cannot be shown, as the agent last said.
    pub fn reminder_problem(&self) -> Option<&str> {
        self.reminders.problem()
    }

    /// Uses `entry` as the reminders' autostart entry (tests put it in a
    /// temporary folder).
    pub fn set_autostart(&mut self, entry: autostart::Autostart) {
        self.reminders.use_entry(entry);
    }

    /// Turns reminders on (writes the autostart entry and starts the
    /// agent) or off (removes the entry and stops the agent). Problems
    /// become notices.
    pub fn set_reminders(&mut self, on: bool) {
        self.reminders.set(on, &mut self.notices);
    }

    /// Reads again what the reminder agent said (Settings shows it).
    pub fn refresh_reminder_problem(&mut self) {
        self.reminders.refresh();
    }

    /// Listens for "Start now" while this window holds the data folder:
    /// `wake` is called when a request comes (the window repaints).
    pub fn listen_for_start(&mut self, wake: Box<dyn Fn() + Send>) {
        let writer = self
            .log
            .store()
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
        if self
            .log
            .append_line(LogLine::Clearance(record), &mut self.notices)
        {
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
        if !self.log_ready() {
            return;
        }
        let inputs = figures::Inputs {
            lines: self.log.lines(),
            log_version: self.log.version(),
            routines_version: self.routines.version(),
            today: self.clock.today(),
            routine: None,
        };
        let routines = &self.routines;
        self.figures
            .refresh_history(inputs, &|id| routines.exercise_name(id));
    }

    /// Where each pain stop happened and the days a warning sign was
    /// answered yes, as last computed by [`App::refresh_history`].
    pub fn clinical(&self) -> Option<&Clinical> {
        self.figures.clinical()
    }

    /// The history as last computed by [`App::refresh_history`].
    pub fn history(&self) -> Option<&History> {
        self.figures.history()
    }
}

#[cfg(test)]
mod tests;

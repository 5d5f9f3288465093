//! The window: screens drawn with egui. Each screen reads the app's state and
//! returns [`Action`]s; [`NeckguideApp`] applies them after drawing. Timing
//! lives in the session engine, sound in [`crate::audio`], records in
//! [`crate::log`]; this module only connects them.

mod action;
mod checkin;
mod checkout;
mod command;
mod digits;
mod history;
mod home;
mod keys;
pub mod live;
mod open_file;
mod session;
mod settings;
mod shortcuts;
mod stopped;
mod style;
mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

pub use action::Action;
pub use command::{Command, Input, PAIN_BUTTON};
pub use keys::Shortcut;
use live::{CueSettings, Live, SessionMeta, Ticker};
pub use shortcuts::{ShortcutRow, shortcut_rows};

use crate::audio::{Audio, AudioStatus};
use crate::catalog::{self, Catalog};
use crate::checkin::DailyCheck;
use crate::history::History;
use crate::log::local_timestamp::LocalTimestamp;
use crate::log::record::{self, Outcome as LogOutcome, PainScore, RoutineRef};
use crate::log::{LoadedLog, LogStore};
use crate::paths::DataDir;
use crate::routine::{Library, Routine};
use crate::schedule::{Schedule, ScheduleConfig};
use crate::session::{Clock, CueKind, Outcome, Session, SessionConfig, SystemClock};
use crate::settings::Saved;

/// How the app is put together: real resources for the window, fakes for tests.
pub struct AppOptions {
    /// Where data lives (`None`: nothing can be saved).
    pub data_dir: Option<DataDir>,
    /// A routine file to import at start (`--routine`).
    pub routine_file: Option<PathBuf>,
    /// Where `now` comes from.
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

/// A message shown at the top of the window until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// Whether it is a warning (shown in the warning colour).
    pub warning: bool,
}

/// The screen showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The home screen.
    Home,
    /// The check-in before a session.
    CheckIn(checkin::CheckIn),
    /// A session running.
    Session {
        /// The person asked to end and is being asked to confirm.
        confirm_end: bool,
    },
    /// The session stopped because pain got worse.
    Stopped,
    /// The check-out after a session.
    CheckOut(checkout::CheckOut),
    /// The history.
    History,
    /// The settings.
    Settings,
}

/// The app: state that lives as long as the window.
pub struct NeckguideApp {
    clock: Arc<dyn Clock>,
    library: Library,
    catalog: Catalog,
    data_dir: Option<DataDir>,
    store: Option<Arc<LogStore>>,
    log: LoadedLog,
    history: Option<History>,
    saved: Saved,
    audio: Audio,
    background_ticker: bool,
    session_config: SessionConfig,
    screen: Screen,
    notices: Vec<Notice>,
    show_shortcuts: bool,
    live: Option<Live>,
    ticker: Option<Ticker>,
    applied_style: Option<(crate::settings::Theme, u32)>,
    image_loaders: bool,
    open_file: open_file::OpenFile,
}

impl NeckguideApp {
    /// Builds the app: opens the log (taking the single-writer lock, or
    /// read-only when another window has it), recovers an interrupted
    /// session, loads settings and routines, and imports `routine_file`.
    pub fn new(options: AppOptions) -> Self {
        let AppOptions {
            data_dir,
            routine_file,
            clock,
            audio,
            background_ticker,
            session_config,
        } = options;
        let library = Library::builtin();
        let mut notices = Vec::new();
        let mut warn = |text: String| {
            notices.push(Notice {
                text,
                warning: true,
            })
        };
        let (saved, store, log) = match &data_dir {
            None => {
                warn("No data folder was found, so nothing can be saved. Start neckguide with --data-dir DIR.".to_owned());
                (Saved::default(), None, LoadedLog::default())
            }
            Some(dir) => {
                let (saved, problem) = Saved::load(&dir.settings());
                if let Some(p) = problem {
                    warn(p);
                }
                let store = match LogStore::open(dir.root()) {
                    Ok(store) => Some(Arc::new(store)),
                    Err(e) => {
                        warn(format!(
                            "Your session log could not be opened ({e}); sessions will not be saved."
                        ));
                        None
                    }
                };
                if let Some(store) = &store {
                    if store.is_read_only() {
                        warn("neckguide is already open in another window. This one can only read your history: sessions done here are not saved.".to_owned());
                    } else {
                        match store.recover_checkpoint() {
                            Ok(Some(rec)) => warn(format!(
                                "Your last session ({}) was interrupted. It was saved with what you had done.",
                                rec.routine.name
                            )),
                            Ok(None) => {}
                            Err(e) => {
                                warn(format!("An unfinished session could not be recovered: {e}"))
                            }
                        }
                    }
                }
                let log = match store.as_ref().map(|s| s.load()) {
                    Some(Ok(log)) => log,
                    Some(Err(e)) => {
                        warn(format!("Your session log could not be read: {e}"));
                        LoadedLog::default()
                    }
                    None => LoadedLog::default(),
                };
                if !log.unreadable.is_empty() {
                    warn(format!(
                        "{} line(s) of your session log could not be read. They were copied to sessions.quarantine.jsonl; nothing was deleted.",
                        log.unreadable.len()
                    ));
                }
                (saved, store, log)
            }
        };
        let mut app = Self {
            clock,
            library,
            catalog: Catalog::default(),
            data_dir,
            store,
            log,
            history: None,
            saved,
            audio,
            background_ticker,
            session_config,
            screen: Screen::Home,
            notices,
            show_shortcuts: false,
            live: None,
            ticker: None,
            applied_style: None,
            image_loaders: false,
            open_file: open_file::OpenFile::default(),
        };
        app.reload_catalog();
        if let Some(path) = routine_file {
            app.import(&path);
        }
        app
    }

    fn reload_catalog(&mut self) {
        self.catalog = Catalog::load(&self.library, self.data_dir.as_ref());
    }

    fn import(&mut self, path: &std::path::Path) {
        let Some(dir) = self.data_dir.clone() else {
            self.notice("There is no data folder to keep the routine in.", true);
            return;
        };
        match catalog::import(path, &self.library, &dir) {
            Ok(routine) => {
                self.notice(&format!("Added the routine \"{}\".", routine.name), false);
                self.saved.routine = Some(routine.id);
                self.save_settings();
                self.reload_catalog();
            }
            Err(catalog::ImportError::Invalid(problems)) => {
                let lines: Vec<String> =
                    problems.problems.iter().map(ToString::to_string).collect();
                self.notice(
                    &format!(
                        "This routine file has problems and was not added:\n{}",
                        lines.join("\n")
                    ),
                    true,
                );
            }
            Err(e) => self.notice(&e.to_string(), true),
        }
    }

    fn notice(&mut self, text: &str, warning: bool) {
        self.notices.push(Notice {
            text: text.to_owned(),
            warning,
        });
    }

    fn save_settings(&mut self) {
        let Some(dir) = &self.data_dir else { return };
        if let Err(e) = self.saved.save(&dir.settings()) {
            let text = format!("Your settings could not be saved: {e}");
            if !self.notices.iter().any(|n| n.text == text) {
                self.notice(&text, true);
            }
        }
    }

    /// Shows `dir` in the Open dialog of the home screen.
    pub fn browse(&mut self, dir: PathBuf) {
        self.open_file.open(dir);
    }

    /// The screen showing.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The routines found.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The routine chosen on the home screen (the saved choice, else the first).
    pub fn active_routine(&self) -> Option<&Routine> {
        let chosen = self
            .saved
            .routine
            .as_deref()
            .and_then(|id| self.catalog.get(id));
        chosen.or(self.catalog.entries.first()).map(|e| &e.routine)
    }

    /// The name of an exercise by id: built-in, or from an imported routine;
    /// the id itself when it is no longer known.
    fn exercise_name(&self, id: &str) -> String {
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

    /// The folder a routine's own pictures are in (imported routines only).
    fn active_image_dir(&self) -> Option<PathBuf> {
        let id = self.active_routine()?.id.clone();
        match &self.catalog.get(&id)?.origin {
            catalog::Origin::Imported(path) => path.parent().map(std::path::Path::to_path_buf),
            catalog::Origin::Preset => None,
        }
    }

    fn today(&self) -> jiff::civil::Date {
        jiff::Zoned::now().date()
    }

    /// Sessions of the active routine completed today.
    pub fn completed_today(&self) -> u32 {
        let Some(routine) = self.active_routine() else {
            return 0;
        };
        let today = self.today();
        let n = self
            .log
            .records
            .iter()
            .filter(|r| {
                r.routine.id == routine.id
                    && r.outcome == LogOutcome::Completed
                    && r.started_at.date() == today
            })
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    fn daily_check_today(&self) -> Option<&DailyCheck> {
        let today = self.today().to_string();
        self.saved.daily_check.as_ref().filter(|c| c.date == today)
    }

    fn cue_settings(&self) -> CueSettings {
        CueSettings {
            sound: self.saved.sound,
            spoken: self.saved.spoken_cues,
            volume: self.saved.volume as f32 / 100.0,
        }
    }

    fn schedule_config(&self) -> ScheduleConfig {
        ScheduleConfig {
            get_ready_ms: u64::from(self.saved.countdown_seconds) * 1000,
            ..ScheduleConfig::default()
        }
    }

    /// Draws one frame and applies what the person asked for. This is the
    /// whole app for tests; the eframe window calls it too.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        // `RUST_LOG=neckguide::ui=trace` shows every frame: repaints are
        // meant to be rare.
        log::trace!("frame {}", ui.ctx().cumulative_frame_nr());
        if !self.image_loaders {
            egui_extras::install_image_loaders(ui.ctx());
            self.image_loaders = true;
        }
        self.apply_style(ui.ctx());
        let now = self.clock.now();
        if let Some(live) = &self.live {
            live.advance(now);
        }
        self.handle_cues();
        self.handle_dropped_files(ui);
        let offered: &[Command] = if self.show_shortcuts {
            &[Command::ToggleShortcuts, Command::CloseShortcuts]
        } else {
            &[Command::ToggleShortcuts]
        };
        let mut actions: Vec<Action> = keys::pressed(ui, offered)
            .into_iter()
            .map(Action::from)
            .collect();
        self.top_bar(ui);
        let image_dir = self.active_image_dir();
        let daily_needed = self.daily_check_today().is_none();
        // The Open dialog's state is lent to the home screen, which also
        // reads the rest of the app.
        let mut open_file = std::mem::take(&mut self.open_file);
        let screen_actions = match &mut self.screen {
            Screen::Home => home::home_ui(ui, &home::HomeView::of(self), &mut open_file),
            Screen::CheckIn(state) => checkin::checkin_ui(ui, state, daily_needed),
            Screen::Session { confirm_end } => match &self.live {
                Some(live) => {
                    session::session_ui(ui, live, now, *confirm_end, image_dir.as_deref())
                }
                None => vec![Action::Home],
            },
            Screen::Stopped => stopped::stopped_ui(ui),
            Screen::CheckOut(state) => checkout::checkout_ui(ui, state, self.live.as_ref()),
            Screen::History => {
                if self.history.is_none() {
                    self.history = Some(History::from_log(&self.log, self.today()));
                }
                let name = |id: &str| self.exercise_name(id);
                match &self.history {
                    Some(h) => history::history_ui(ui, h, &name),
                    None => Vec::new(),
                }
            }
            Screen::Settings => {
                let before = self.saved.clone();
                let actions = settings::settings_ui(ui, &mut self.saved);
                if self.saved != before {
                    self.save_settings();
                    if let Some(live) = &self.live {
                        live.set_cue_settings(self.cue_settings());
                    }
                }
                actions
            }
        };
        self.open_file = open_file;
        actions.extend(screen_actions);
        if self.show_shortcuts {
            shortcuts::shortcuts_window(ui.ctx(), &mut self.show_shortcuts);
        }
        for action in actions {
            self.apply(action);
        }
        // Repaint only when something visible will change: the next second
        // of a countdown or the next phase. Idle screens ask for nothing.
        if let (Some(live), Screen::Session { .. }) = (&self.live, &self.screen)
            && let Some(wait) = live.lock().session.time_to_next_change(self.clock.now())
        {
            ui.ctx().request_repaint_after(wait);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let sound_unavailable = matches!(self.audio.status(), AudioStatus::Unavailable(_));
        if self.notices.is_empty() && !sound_unavailable {
            return;
        }
        egui::Panel::top("notices").show(ui, |ui| {
            let mut dismiss = None;
            for (i, notice) in self.notices.iter().enumerate() {
                ui.horizontal(|ui| {
                    let color = if notice.warning {
                        ui.visuals().warn_fg_color
                    } else {
                        ui.visuals().text_color()
                    };
                    ui.colored_label(color, &notice.text);
                    if ui.small_button("Dismiss").clicked() {
                        dismiss = Some(i);
                    }
                });
            }
            if let Some(i) = dismiss {
                self.notices.remove(i);
            }
            if sound_unavailable && self.saved.sound {
                ui.colored_label(ui.visuals().warn_fg_color, "Sound is unavailable");
            }
        });
    }

    fn handle_dropped_files(&mut self, ui: &egui::Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        if matches!(self.screen, Screen::Session { .. } | Screen::CheckOut(_)) {
            self.notice(
                "Finish this session first, then drop the routine file again.",
                true,
            );
            return;
        }
        for path in dropped {
            self.import(&path);
        }
    }

    /// Reacts to what the session said: the end of a session moves to
    /// check-out, a pain stop to its screen.
    fn handle_cues(&mut self) {
        let Some(live) = &self.live else { return };
        let cues = live.take_ui_cues();
        for cue in cues {
            match cue.kind {
                CueKind::StoppedForPain => self.finish_stopped_for_pain(),
                CueKind::EndedEarly => {
                    self.screen = Screen::CheckOut(checkout::CheckOut::default())
                }
                CueKind::Planned(e) if e.kind == crate::schedule::EventKind::SessionEnd => {
                    self.screen = Screen::CheckOut(checkout::CheckOut::default());
                }
                _ => {}
            }
        }
    }

    fn finish_stopped_for_pain(&mut self) {
        self.screen = Screen::Stopped;
        self.write_record(None, String::new());
    }

    /// Writes the finished session's record and clears the checkpoint.
    fn write_record(&mut self, pain_after: Option<PainScore>, note: String) {
        let Some(live) = self.live.take() else { return };
        self.ticker = None;
        let record = {
            let state = live.lock();
            let outcome = match state.session.outcome() {
                Some(Outcome::Completed) => LogOutcome::Completed,
                Some(Outcome::EndedEarly) => LogOutcome::EndedEarly,
                Some(Outcome::StoppedForPain) => LogOutcome::StoppedForPain,
                None => LogOutcome::Interrupted,
            };
            live::record(
                &state.meta,
                &state.session,
                outcome,
                LocalTimestamp::from_zoned(&jiff::Zoned::now()),
                pain_after,
                note,
            )
        };
        // Keep the finished session for the check-out screen to show.
        self.live = Some(live);
        match &self.store {
            Some(store) if !store.is_read_only() => match store.append(&record) {
                Ok(()) => {
                    if let Some(live) = &self.live {
                        live.close_checkpoints();
                    }
                }
                Err(e) => self.notice(&format!("This session could not be saved: {e}"), true),
            },
            _ => self.notice(
                "This session was not saved (the log is read-only or missing).",
                true,
            ),
        }
        self.log.records.push(record);
        self.history = None;
    }

    fn start_session(&mut self, checkin: &checkin::CheckIn) {
        let Some(routine) = self.active_routine().cloned() else {
            self.notice("There is no routine to start.", true);
            return;
        };
        let due = routine.due_items(self.completed_today());
        let schedule = Schedule::build(due, &self.schedule_config());
        let session = match Session::new(schedule, self.session_config) {
            Ok(s) => s,
            Err(e) => {
                self.notice(&e.to_string(), true);
                return;
            }
        };
        let started = jiff::Zoned::now();
        let meta = SessionMeta {
            id: record::new_session_id(started.timestamp()),
            routine: RoutineRef {
                id: routine.id.clone(),
                name: routine.name.clone(),
                times_per_day: routine.times_per_day,
            },
            started_at: LocalTimestamp::from_zoned(&started),
            pain_before: checkin.pain.and_then(PainScore::new),
            arm_symptoms: checkin.arm_symptoms.unwrap_or(false),
        };
        let live = Live::new(
            session,
            meta,
            self.cue_settings(),
            self.audio.clone(),
            self.store.clone(),
        );
        live.apply(self.clock.now(), Session::start);
        self.live = Some(live);
        self.screen = Screen::Session { confirm_end: false };
    }

    /// Keeps today's warning-sign answers once all are given, when the
    /// person starts or leaves the check-in: a yes then holds for the day,
    /// until they say they were cleared. (While on the screen, answers can
    /// still be changed.)
    fn keep_daily_answers(&mut self) {
        let Screen::CheckIn(state) = &self.screen else {
            return;
        };
        if self.daily_check_today().is_some() {
            return;
        }
        if let Some(daily) = state.daily_answers(&self.today().to_string()) {
            self.saved.daily_check = Some(daily);
            self.save_settings();
        }
    }

    fn spawn_ticker_if_needed(&mut self) {
        if !self.background_ticker || self.ticker.is_some() {
            return;
        }
        if let Some(live) = &self.live {
            self.ticker = Some(live.spawn_ticker(Arc::clone(&self.clock)));
        }
    }

    fn session_command(
        &mut self,
        command: fn(&mut Session, std::time::Instant) -> Vec<crate::session::Cue>,
    ) {
        if let Some(live) = &self.live {
            live.apply(self.clock.now(), command);
        }
        if let Some(ticker) = &self.ticker {
            ticker.wake();
        }
        self.handle_cues();
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            // A running session is left only by ending it, and a check-out
            // only by saving it, so no session goes unrecorded.
            Action::Home => {
                self.keep_daily_answers();
                if !matches!(self.screen, Screen::Session { .. } | Screen::CheckOut(_)) {
                    self.screen = Screen::Home;
                }
            }
            Action::BeginCheckIn => {
                // Messages about the last session are done with.
                self.notices.retain(|n| n.warning);
                if self
                    .live
                    .as_ref()
                    .is_some_and(|l| !l.lock().session.is_finished())
                {
                    self.screen = Screen::Session { confirm_end: false };
                } else {
                    self.live = None;
                    let mut state = checkin::CheckIn::default();
                    if let Some(check) = self.daily_check_today() {
                        state.daily = Some(check.clone());
                    }
                    self.screen = Screen::CheckIn(state);
                }
            }
            Action::StartSession => {
                self.keep_daily_answers();
                if let Screen::CheckIn(state) = &self.screen {
                    let state = state.clone();
                    if !state.ready(self.daily_check_today().is_none()) {
                        return;
                    }
                    if self
                        .daily_check_today()
                        .is_some_and(|c| !c.allows_session())
                    {
                        return;
                    }
                    self.start_session(&state);
                }
            }
            Action::Cleared => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    state.cleared = true;
                }
                if let Some(check) = &mut self.saved.daily_check {
                    check.cleared = true;
                }
                self.save_settings();
            }
            Action::PauseResume => {
                let paused = self
                    .live
                    .as_ref()
                    .is_some_and(|l| l.lock().session.phase().is_paused());
                if paused {
                    self.session_command(Session::resume);
                } else {
                    self.session_command(Session::pause);
                }
            }
            Action::Continue => self.session_command(Session::continue_),
            Action::Next => self.session_command(Session::skip),
            Action::Back => self.session_command(Session::back),
            Action::AskEnd => {
                if let Screen::Session { confirm_end } = &mut self.screen {
                    *confirm_end = true;
                }
            }
            Action::CancelEnd => {
                if let Screen::Session { confirm_end } = &mut self.screen {
                    *confirm_end = false;
                }
            }
            Action::ConfirmEnd => self.session_command(Session::end),
            Action::PainWorse => self.session_command(Session::report_pain),
            Action::SaveCheckOut => {
                if let Screen::CheckOut(state) = &self.screen {
                    let pain = state.pain.and_then(PainScore::new);
                    let note = state.note.trim().to_owned();
                    self.write_record(pain, note);
                    self.live = None;
                    self.screen = Screen::Home;
                    self.notice("Session saved. Well done.", false);
                }
            }
            Action::History => self.screen = Screen::History,
            Action::Settings => self.screen = Screen::Settings,
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::ChooseRoutine(id) => {
                self.saved.routine = Some(id);
                self.save_settings();
            }
            Action::ImportRoutine(path) => self.import(&path),
        }
    }

    fn apply_style(&mut self, ctx: &egui::Context) {
        let wanted = (self.saved.theme, self.saved.text_size_percent);
        if self.applied_style == Some(wanted) {
            return;
        }
        style::apply(ctx, wanted.0, wanted.1);
        self.applied_style = Some(wanted);
    }
}

impl eframe::App for NeckguideApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        NeckguideApp::ui(self, ui);
        self.spawn_ticker_if_needed();
    }
}

/// Opens the window and runs until it is closed.
pub fn run(data_dir: Option<DataDir>, routine: Option<PathBuf>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("neckguide")
            .with_app_id("neckguide")
            .with_inner_size([1024.0, 768.0])
            .with_min_inner_size([560.0, 480.0]),
        ..Default::default()
    };
    eframe::run_native(
        "neckguide",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(NeckguideApp::new(AppOptions::real(
                data_dir, routine,
            ))))
        }),
    )
}

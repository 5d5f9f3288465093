//! The window: screens drawn with egui. Each screen reads the app's state
//! ([`crate::app::App`]) and returns [`Action`]s; [`NeckguideApp`] applies them
//! after drawing, mostly by asking the app to act. Nothing here runs a thread,
//! touches a file or builds a log record: the app layer does.

mod a11y;
mod action;
pub mod builder;
mod checkin;
mod checkout;
mod clash;
mod close;
mod command;
mod digits;
pub mod figure;
mod history;
mod home;
pub mod icon;
mod keys;
mod measures;
mod open_file;
mod pictures;
mod session_screen;
mod settings;
mod shortcuts;
mod stopped;
mod style;
mod widgets;

use std::path::PathBuf;

pub use action::Action;
pub use command::{Command, Input, PAIN_BUTTON};
pub use keys::Shortcut;
pub use shortcuts::{ShortcutRow, shortcut_rows};
pub use widgets::LOADING_HISTORY;

use crate::app::audio::AudioStatus;
use crate::app::desktop::mpris::PlayerAsk;
use crate::app::paths::DataDir;
use crate::app::runner::SessionCommand;
use crate::app::{App, AppOptions, CheckInAnswers, SessionEnded};

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
    /// The routine builder.
    Builder,
}

impl Screen {
    /// The screen's name, in the window's title and to screen readers.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Home => "Home",
            Self::CheckIn(_) => "Before you start",
            Self::Session { .. } => "Session",
            Self::Stopped => "Session stopped",
            Self::CheckOut(_) => "After the session",
            Self::History => "History",
            Self::Settings => "Settings",
            Self::Builder => builder::TITLE,
        }
    }
}

/// The window: the app, and what only the window knows (the screen showing,
/// the shortcuts window, the Open dialog, the style applied).
pub struct NeckguideApp {
    app: App,
    screen: Screen,
    show_shortcuts: bool,
    applied_style: Option<(crate::app::settings::Theme, u32)>,
    image_loaders: bool,
    open_file: open_file::OpenFile,
    /// The screen (and whether the end dialog shows) last drawn: when it
    /// changes, the main action of the new one takes the focus.
    shown: Option<(std::mem::Discriminant<Screen>, bool)>,
    /// The end dialog paused the session: cancelling it resumes.
    paused_for_dialog: bool,
    /// The desktop and the log's reader are told how to wake the window
    /// (on the first frame).
    desktop_started: bool,
    /// The person asked for the check-in before the log was read: it opens
    /// when the log has been.
    checkin_when_read: bool,
    /// The answers given after a pain stop.
    after_stop: stopped::AfterStop,
    /// The routine builder's draft and fields (kept while away from it).
    builder: builder::Builder,
    /// The end dialog shows because the window was asked to close.
    closing: bool,
    /// `NECKGUIDE_TRACE_FRAMES`: when each new phase was shown.
    frame_trace: Option<crate::app::frame_trace::FrameTrace>,
}

impl NeckguideApp {
    /// Opens the app ([`App::open`]) and shows the home screen.
    pub fn new(options: AppOptions) -> Self {
        Self {
            app: App::open(options),
            screen: Screen::Home,
            show_shortcuts: false,
            applied_style: None,
            image_loaders: false,
            open_file: open_file::OpenFile::default(),
            shown: None,
            paused_for_dialog: false,
            desktop_started: false,
            checkin_when_read: false,
            after_stop: stopped::AfterStop::default(),
            builder: builder::Builder::default(),
            closing: false,
            frame_trace: None,
        }
    }

    /// Uses the desktop's colour scheme, screen saver and file dialog
    /// ([`App::use_desktop`]); without this, the app does without them.
    pub fn with_desktop(mut self, desktop: crate::app::desktop::Desktop) -> Self {
        self.app.use_desktop(desktop);
        self
    }

    /// The app behind the window.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Shows `dir` in the Open dialog of the home screen.
    pub fn browse(&mut self, dir: PathBuf) {
        self.open_file.open(dir);
    }

    /// The screen showing.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Draws one frame and applies what the person asked for. This is the
    /// whole app for tests; the eframe window calls it too.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        // `RUST_LOG=neckguide::ui=trace` shows every frame and what asked
        // for it (file and line): repaints are meant to be rare.
        log::trace!(
            "frame {} {:?}",
            ui.ctx().cumulative_frame_nr(),
            ui.ctx().repaint_causes()
        );
        // The page's colour is the colour the window is cleared to
        // (`clear_color`), so the panels paint none: with a software
        // renderer, shading the whole window once more was half of what a
        // frame cost (a running hold: 37 -> 18 ticks in 20 s).
        ui.visuals_mut().panel_fill = egui::Color32::TRANSPARENT;
        if !self.image_loaders {
            // Pictures are drawn on the app's thread for them, never here.
            pictures::install(ui.ctx(), self.app.pictures().clone());
            self.image_loaders = true;
        }
        if !self.desktop_started {
            // The desktop's threads wake the window when the system's
            // theme changes or the file dialog answers.
            let ctx = ui.ctx().clone();
            let wake = ctx.clone();
            self.app.desktop().start(move || ctx.request_repaint());
            // The log is read on its own thread: the window shows it when
            // it is in.
            self.app
                .wake_when_log_read(Box::new(move || wake.request_repaint()));
            // A running session's owner wakes the window at each change.
            let wake = ui.ctx().clone();
            self.app
                .wake_on_session_change(std::sync::Arc::new(move || wake.request_repaint()));
            self.desktop_started = true;
        }
        self.app.receive_log();
        let first_style = self.applied_style.is_none();
        if self.checkin_when_read && self.app.log_ready() {
            self.checkin_when_read = false;
            self.open_on_checkin();
        }
        if self.apply_style(ui.ctx()) && first_style {
            // The text size applies from the next pass: this one is thrown
            // away, so nothing is drawn, given the focus or read out at
            // the wrong size or in egui's own colours.
            ui.ctx().request_discard("neckguide's text size and theme");
            return;
        }
        if self.app.take_start_request() {
            self.come_to_front(ui.ctx());
        }
        let ended = self.app.advance();
        self.session_ended(ended);
        self.close_request(ui.ctx());
        self.handle_dropped_files(ui);
        // While the shortcuts show, they read their own keys.
        let offered: &[Command] = if self.show_shortcuts {
            &[]
        } else {
            &[Command::ToggleShortcuts]
        };
        let mut actions: Vec<Action> = keys::pressed(ui, offered)
            .into_iter()
            .filter_map(Action::of)
            .collect();
        // The media player's Stop asks as Esc does, during a session.
        let asks = self.app.take_player_asks();
        if matches!(self.screen, Screen::Session { .. }) {
            actions.extend(asks.into_iter().map(|ask| match ask {
                PlayerAsk::AskEnd => Action::AskEnd,
            }));
        }
        self.focus_on_entry(ui.ctx());
        self.top_bar(ui);
        let screen_actions = self.screen_ui(ui);
        widgets::forget_first_focus(ui.ctx());
        actions.extend(screen_actions);
        if let Some(clash) = self.app.import_clash() {
            actions.extend(clash::clash_ui(ui, clash));
        }
        if self.show_shortcuts {
            shortcuts::shortcuts_window(ui.ctx(), &mut self.show_shortcuts);
        }
        for action in actions {
            self.apply(action);
        }
        self.close_when_answered(ui.ctx());
        // A change left half done on Settings (a number typed, then Home
        // pressed) is written once the screen is left.
        if self.screen != Screen::Settings {
            self.app.save_changed_settings();
        }
        a11y::name_window(ui.ctx(), &a11y::window_title(self.screen.name()));
        // Repaint only when something visible will change: the next second
        // of a countdown or the next phase. Idle screens ask for nothing.
        if matches!(self.screen, Screen::Session { .. })
            && let Some(wait) = self.app.time_to_next_change()
        {
            ui.ctx().request_repaint_after(wait);
        }
        // Home shows today's figures: wake when the date changes.
        if self.screen == Screen::Home {
            ui.ctx().request_repaint_after(self.app.time_to_next_day());
            // And when "Next session at" moves on.
            if let Some(wait) = self.app.time_to_next_session() {
                ui.ctx()
                    .request_repaint_after(wait + std::time::Duration::from_secs(1));
            }
        }
        // A record that could not be written is tried again: wake for it.
        if let Some(wait) = self.app.time_to_retry() {
            ui.ctx().request_repaint_after(wait);
        }
    }

    /// When a screen or the end dialog first shows, its main action takes
    /// the keyboard focus (not the first widget in the window, which may be
    /// a notice's Dismiss).
    fn focus_on_entry(&mut self, ctx: &egui::Context) {
        let confirm_end = matches!(self.screen, Screen::Session { confirm_end: true });
        let shown = (std::mem::discriminant(&self.screen), confirm_end);
        if self.shown == Some(shown) {
            return;
        }
        self.shown = Some(shown);
        widgets::screen_opened(ctx);
        // The text fields of the screen left are gone. egui keeps each
        // one's state under its id, and a widget of this screen may get the
        // same id: with that state it would count as a text field being
        // typed in, and every key would be its letters (home's H, S and F1
        // did nothing after a check-out's note).
        ctx.data_mut(|d| d.remove_by_type::<egui::text_edit::TextEditState>());
        let first = match &self.screen {
            Screen::Home if self.app.open_elsewhere() => Command::History,
            Screen::Home => Command::BeginCheckIn,
            Screen::CheckIn(_) | Screen::CheckOut(_) => {
                widgets::focus_first(ctx, widgets::FirstFocus::PainScale);
                return;
            }
            // Enter ends, as the button says; Esc keeps going.
            Screen::Session { confirm_end: true } => Command::ConfirmEnd,
            Screen::Session { .. } => match self.app.session() {
                Some(runner) => session_screen::main_command(runner.session.phase()),
                None => return,
            },
            Screen::Stopped => Command::HomeAfterStop,
            Screen::History | Screen::Settings | Screen::Builder => Command::Home,
        };
        widgets::focus_first(ctx, widgets::FirstFocus::Command(first));
    }

    /// Draws the screen showing; returns what the person asked for.
    fn screen_ui(&mut self, ui: &mut egui::Ui) -> Vec<Action> {
        let daily_needed = self.app.daily_check_today().is_none();
        match &mut self.screen {
            Screen::Home => {
                let view = home::HomeView::of(&self.app).checkin_waiting(self.checkin_when_read);
                home::home_ui(ui, &view, &mut self.open_file)
            }
            Screen::CheckIn(state) => checkin::checkin_ui(ui, state, daily_needed),
            Screen::Session { confirm_end } => match self.app.session() {
                Some(runner) => {
                    let image_dir = self.app.active_image_dir();
                    let now = self.app.now();
                    let saves = self.app.can_save();
                    let moving = self.app.settings().moving_pictures;
                    figure::pose_for_frame(ui.ctx(), runner, now, moving);
                    session_screen::session_ui(
                        ui,
                        runner,
                        now,
                        *confirm_end,
                        saves,
                        image_dir.as_deref(),
                    )
                }
                None => vec![Action::Home],
            },
            Screen::Stopped => stopped::stopped_ui(
                ui,
                self.app.record_state(),
                self.app.pain_stop_open(),
                &mut self.after_stop,
            ),
            Screen::CheckOut(state) => checkout::checkout_ui(ui, state, self.app.session()),
            Screen::History if !self.app.log_ready() => history::loading_ui(ui),
            Screen::History => {
                self.app.refresh_history();
                let app = &self.app;
                let name = |id: &str| app.exercise_name(id);
                match app.history() {
                    Some(h) => {
                        let doses = app.doses_in_effect();
                        history::history_ui(ui, h, app.clinical(), &doses, &name)
                    }
                    None => Vec::new(),
                }
            }
            Screen::Settings => {
                let mut settings = self.app.settings().clone();
                let reminders = settings::RemindersView {
                    on: self.app.reminders_on(),
                    problem: self.app.reminder_problem(),
                };
                let speech = self.app.speech_status().words();
                let actions = settings::settings_ui(ui, &mut settings, &reminders, speech);
                self.app.set_settings(settings);
                actions
            }
            Screen::Builder => {
                let view = builder::BuilderView {
                    library: self.app.library(),
                    presets: self.builder.presets(self.app.library()).to_vec(),
                    imported: self
                        .app
                        .catalog()
                        .entries
                        .iter()
                        .filter_map(|e| match &e.origin {
                            crate::app::catalog::Origin::Imported(path) => {
                                Some((e.routine.name.clone(), path.clone()))
                            }
                            crate::app::catalog::Origin::Preset => None,
                        })
                        .collect(),
                    desktop: self.app.desktop(),
                    pacing: self.app.settings().pacing(),
                };
                builder::builder_ui(ui, &mut self.builder, &view)
            }
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        // "Sound is unavailable" matters only to someone who wants sound.
        let sound_unavailable = self.app.settings().sound
            && matches!(self.app.audio_status(), AudioStatus::Unavailable(_));
        if self.app.notices().is_empty() && !sound_unavailable {
            return;
        }
        egui::Panel::top("notices").show(ui, |ui| {
            let mut dismiss = None;
            for (i, notice) in self.app.notices().iter().enumerate() {
                // Keyed by its words, so a notice dismissed above it does
                // not make it new to a screen reader.
                ui.push_id(("notice", &notice.text), |ui| {
                    ui.horizontal(|ui| {
                        let color = if notice.warning {
                            ui.visuals().warn_fg_color
                        } else {
                            ui.visuals().text_color()
                        };
                        let words = ui.colored_label(color, &notice.text);
                        // Said once as it shows ("Session saved. Well done.").
                        a11y::set_live(ui, &words, a11y::Urgency::Polite);
                        if widgets::command_button(ui, Command::DismissNotice, widgets::Look::Tiny)
                        {
                            dismiss = Some(i);
                        }
                    });
                });
            }
            if let Some(i) = dismiss {
                self.app.dismiss_notice(i);
            }
            if sound_unavailable {
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
            self.app.notice(
                "Finish this session first, then drop the routine file again.",
                true,
            );
            return;
        }
        for path in dropped {
            self.app.import(&path);
        }
    }

    /// Moves on when the session ended: a pain stop to its screen, the end
    /// of a session to the check-out.
    fn session_ended(&mut self, ended: Option<SessionEnded>) {
        match ended {
            Some(SessionEnded::StoppedForPain) => {
                self.after_stop = stopped::AfterStop::default();
                self.screen = Screen::Stopped;
            }
            Some(SessionEnded::CheckOut) => {
                self.screen = Screen::CheckOut(checkout::CheckOut::default());
            }
            None => {}
        }
    }

    /// Keeps today's warning-sign answers once all are given, when the
    /// person starts or leaves the check-in: a yes then holds for the day,
    /// until they say they were cleared. (While on the screen, answers can
    /// still be changed.)
    fn keep_daily_answers(&mut self) {
        let Screen::CheckIn(state) = &self.screen else {
            return;
        };
        if let Some(daily) = state.daily_answers(&self.app.today().to_string()) {
            self.app.keep_daily_check(daily);
        }
    }

    fn session_command(&mut self, command: SessionCommand) {
        let ended = self.app.session_command(command);
        self.session_ended(ended);
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        // Leaving the stopped screen saves the session stopped for pain,
        // with what the person added there.
        if self.screen == Screen::Stopped && action != Action::ToggleShortcuts {
            let answers = std::mem::take(&mut self.after_stop);
            self.app.finish_pain_stop(answers.pain, answers.arm);
        }
        match action {
            // A running session is left only by ending it, and a check-out
            // only by saving it, so no session goes unrecorded.
            Action::Home => {
                self.keep_daily_answers();
                if matches!(self.screen, Screen::CheckIn(_)) {
                    self.app.sound_not_needed();
                }
                if !matches!(self.screen, Screen::Session { .. } | Screen::CheckOut(_)) {
                    self.screen = Screen::Home;
                }
            }
            Action::BeginCheckIn => {
                if self.app.open_elsewhere() && !self.app.session_running() {
                    // Another window holds the log: this one shows history.
                    return;
                }
                if !self.app.log_ready() {
                    // Today's sessions come from the log: the check-in
                    // opens as soon as it is read.
                    self.checkin_when_read = true;
                    return;
                }
                // Messages about the last session are done with.
                self.app.clear_messages();
                if self.app.session_running() {
                    self.screen = Screen::Session { confirm_end: false };
                } else {
                    self.app.clear_finished_session();
                    self.app.prepare_sound();
                    let mut state = checkin::CheckIn::default();
                    if let Some(check) = self.app.daily_check_today() {
                        state.daily = Some(check.clone());
                    }
                    state.ask_compared = self.app.asks_morning_comparison();
                    if let Some(due) = self.app.measures_due() {
                        state.measures = measures::MeasuresStep::Offered(due);
                    }
                    self.screen = Screen::CheckIn(state);
                }
            }
            Action::StartSession => {
                self.keep_daily_answers();
                if let Screen::CheckIn(state) = &self.screen {
                    let daily = self.app.daily_check_today();
                    if !state.ready(daily.is_none()) || daily.is_some_and(|c| !c.allows_session()) {
                        return;
                    }
                    let answers = CheckInAnswers {
                        pain: state.pain,
                        arm: state.arm,
                    };
                    self.app.start_session(answers);
                    if self.app.session_running() {
                        self.screen = Screen::Session { confirm_end: false };
                    }
                }
            }
            Action::SaveMeasures(answers) => {
                if let Screen::CheckIn(state) = &mut self.screen
                    && self.app.keep_measures(answers)
                {
                    state.measures = measures::MeasuresStep::Saved;
                }
            }
            Action::Cleared => {
                if let Screen::CheckIn(state) = &mut self.screen {
                    state.cleared = true;
                }
                self.app.mark_cleared();
            }
            Action::PauseResume => self.session_command(SessionCommand::PauseOrResume),
            Action::Continue => self.session_command(SessionCommand::Continue),
            Action::Next => self.session_command(SessionCommand::Skip),
            Action::Back => self.session_command(SessionCommand::Back),
            Action::GoOn => self.session_command(SessionCommand::ContinueOrSkip),
            // The session waits while the person is asked; cancelling goes
            // on where it was, still paused if they had paused it.
            Action::AskEnd => {
                if let Screen::Session { confirm_end } = &mut self.screen
                    && !*confirm_end
                {
                    *confirm_end = true;
                    let running = self.app.session().is_some_and(|r| {
                        let phase = r.session.phase();
                        !phase.is_paused() && !phase.is_final()
                    });
                    if running {
                        self.session_command(SessionCommand::Pause);
                    }
                    self.paused_for_dialog = running;
                }
            }
            Action::CancelEnd => {
                if let Screen::Session { confirm_end } = &mut self.screen
                    && *confirm_end
                {
                    *confirm_end = false;
                    if std::mem::take(&mut self.paused_for_dialog) {
                        self.session_command(SessionCommand::Resume);
                    }
                }
            }
            Action::ConfirmEnd => {
                self.paused_for_dialog = false;
                self.session_command(SessionCommand::End);
            }
            Action::PainWorse => {
                self.paused_for_dialog = false;
                self.session_command(SessionCommand::ReportPain);
            }
            Action::SaveCheckOut => {
                if let Screen::CheckOut(state) = &self.screen {
                    let saved = self.app.save_session(state.pain, &state.note);
                    self.app.clear_finished_session();
                    self.screen = Screen::Home;
                    if saved {
                        self.app.notice("Session saved. Well done.", false);
                    }
                }
            }
            Action::History => self.screen = Screen::History,
            Action::Settings => {
                self.app.refresh_reminder_problem();
                self.app.check_speech();
                self.screen = Screen::Settings;
            }
            Action::Builder => self.screen = Screen::Builder,
            Action::Build(action) => self.build(action),
            Action::SetReminders(on) => self.app.set_reminders(on),
            Action::SaveSettings => self.app.save_changed_settings(),
            Action::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Action::ChooseRoutine(id) => self.app.choose_routine(id),
            Action::ClearHeldOut(exercise) => self.app.clear_held_out(&exercise),
            Action::ImportRoutine(path) => self.app.import(&path),
            Action::AnswerClash(answer) => self.app.resolve_clash(answer),
        }
    }

    /// "Start now" from a reminder: come to the front, on the check-in
    /// unless something else is under way.
    fn come_to_front(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        self.open_on_checkin();
    }

    /// Shows the check-in when the home, history or settings show (a
    /// session, check-in or check-out under way is left as it is).
    pub fn open_on_checkin(&mut self) {
        if matches!(
            self.screen,
            Screen::Home | Screen::History | Screen::Settings | Screen::Builder
        ) {
            self.apply(Action::BeginCheckIn);
        }
    }

    /// The app behind the window, to change (tests).
    pub fn app_mut(&mut self) -> &mut App {
        &mut self.app
    }

    /// Applies the theme and text size when they changed; returns whether
    /// it did.
    fn apply_style(&mut self, ctx: &egui::Context) -> bool {
        let wanted = (self.app.theme(), self.app.settings().text_size_percent);
        if self.applied_style == Some(wanted) {
            return false;
        }
        style::apply(ctx, wanted.0, wanted.1);
        self.applied_style = Some(wanted);
        true
    }
}

impl eframe::App for NeckguideApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if let Some(trace) = &mut self.frame_trace {
            trace.frame_begins();
        }
        NeckguideApp::ui(self, ui);
        if let Some(trace) = &mut self.frame_trace {
            // The session's step and phase as drawn in this frame.
            let phase = match self.screen {
                Screen::Session { .. } => self.app.session().map(|view| {
                    let session = &view.session;
                    format!("{}:{:?}", session.step_index(), session.phase())
                }),
                _ => None,
            };
            if trace.frame_drawn(phase) {
                ui.ctx().request_repaint();
            }
        }
    }

    /// Runs while the window is minimized or hidden too (no frame is
    /// drawn then): "Start now" brings it back.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if self.app.take_start_request() {
            self.come_to_front(ctx);
        }
    }

    /// The page's colour: the panels paint none (see `NeckguideApp::ui`).
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    /// A settings change still half done when the window closes (a number
    /// typed and not yet left) is written, and a session still running.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.save_on_exit();
        self.app.save_changed_settings();
    }

    /// Textures no wider than [`TEXTURE_SIDE`].
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        raw_input.max_texture_side = Some(
            raw_input
                .max_texture_side
                .map_or(TEXTURE_SIDE, |side| side.min(TEXTURE_SIDE)),
        );
    }
}

/// The widest texture the window makes. egui's glyph atlas is as wide as
/// the renderer allows (16,384 pixels with Mesa's software renderer) and
/// grows in height by doubling, so each new row of glyphs (a new text size)
/// costs a 16,384-pixel-wide strip, in memory and again in the renderer's
/// copy. The pictures are drawn far smaller than this.
const TEXTURE_SIDE: usize = 2048;

/// Opens the window and runs until it is closed.
/// With `start` (a reminder's "Start now"), a window open on the same data
/// folder is asked to come to the front instead, and none opens here; else
/// the new window opens on the check-in.
pub fn run(
    data_dir: Option<DataDir>,
    routine: Option<PathBuf>,
    start: bool,
) -> Result<(), eframe::Error> {
    if start && data_dir.as_ref().is_some_and(crate::app::raise::ask_window) {
        return Ok(());
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("neckguide")
        // The desktop entry's name: a Wayland desktop finds the icon by it
        // (and winit makes it the X11 WM_CLASS too).
        .with_app_id(crate::app::desktop::APP_ID)
        .with_inner_size([1024.0, 768.0])
        .with_min_inner_size([560.0, 480.0]);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "neckguide",
        options,
        Box::new(move |cc| {
            let desktop = crate::app::desktop::Desktop::session();
            // The portals' dialogs sit on this window.
            if let Some(parent) = raw_window_handle::HasWindowHandle::window_handle(cc)
                .ok()
                .and_then(|h| crate::app::desktop::parent_window_of(h.as_raw()))
            {
                desktop.set_parent_window(parent);
            }
            let mut window =
                NeckguideApp::new(AppOptions::real(data_dir, routine)).with_desktop(desktop);
            // The chosen theme and text size from the first frame on: it
            // was drawn in egui's dark colours, the light theme a frame
            // (25–45 ms) later.
            window.apply_style(&cc.egui_ctx);
            window.frame_trace = crate::app::frame_trace::FrameTrace::from_env();
            let ctx = cc.egui_ctx.clone();
            window
                .app
                .listen_for_start(Box::new(move || ctx.request_repaint()));
            if start {
                window.open_on_checkin();
            }
            Ok(Box::new(window))
        }),
    )
}

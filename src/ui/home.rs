//! The home screen: the chosen routine, today's sessions done against those
//! prescribed, what is due now, and the way into a session, the history and
//! the settings.

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::open_file::{OpenFile, open_file_ui};
use super::widgets::{
    self, LOADING_HISTORY, Look, command_button, command_button_on, footer, screen_scroll_ui,
};
use crate::app::App;
use crate::app::catalog::Origin;
use crate::routine::RoutineItem;

/// What the home screen shows, gathered from the app.
pub struct HomeView<'a> {
    /// The desktop, for its file dialog.
    desktop: &'a crate::app::desktop::Desktop,
    routines: Vec<(String, String)>,
    active: Option<&'a crate::routine::Routine>,
    done_today: u32,
    due: Vec<&'a RoutineItem>,
    problems: Vec<String>,
    /// When the routine in use is not the one chosen, what to say of it.
    not_in_use: Option<String>,
    open_elsewhere: bool,
    next_session: Option<jiff::Zoned>,
    today: jiff::civil::Date,
    /// Exercises held out after a pain stop: id, name, why.
    held_out: Vec<(String, String, String)>,
    /// Pain stopped sessions on 2 or more of the last 7 days.
    pain_stop_warning: bool,
    /// The doses in effect of the items with a progression rule.
    doses: Vec<crate::doses::ItemDose>,
    /// What changed in a dose today or yesterday, and why.
    dose_news: Vec<String>,
    /// The items with three bad events or more in seven days.
    bad_events: Vec<String>,
    /// The log is still being read: none of the figures above are known.
    loading: bool,
    /// The person asked for the check-in, which opens when the log is read.
    checkin_waiting: bool,
}

impl<'a> HomeView<'a> {
    /// Gathers the view from the app.
    pub fn of(app: &'a App) -> Self {
        let active = app.active_routine();
        let loading = !app.log_ready();
        // Until the log is read, nothing is worked out from it.
        let due = app.due_today().filter(|_| !loading);
        let done_today = due.as_ref().map_or(0, |d| d.done);
        let today = app.today();
        let doses = app.doses_in_effect();
        let named: Vec<(String, &crate::doses::ItemDose)> = doses
            .iter()
            .map(|d| (app.exercise_name(&d.exercise), d))
            .collect();
        let dose_news = active.map_or_else(Vec::new, |routine| {
            named
                .iter()
                .filter_map(|(name, d)| crate::doses::change_words(routine, name, d, today))
                .collect()
        });
        let bad_events = named
            .iter()
            .filter_map(|(name, d)| crate::doses::bad_events_words(name, d))
            .collect();
        Self {
            desktop: app.desktop(),
            routines: app
                .catalog()
                .entries
                .iter()
                .map(|e| {
                    let name = match e.origin {
                        Origin::Preset => e.routine.name.clone(),
                        Origin::Imported(_) => format!("{} (imported)", e.routine.name),
                    };
                    (e.routine.id.clone(), name)
                })
                .collect(),
            active,
            done_today,
            due: due.map(|d| d.items).unwrap_or_default(),
            problems: app
                .catalog()
                .problems
                .iter()
                .flat_map(|p| p.problems.iter().map(ToString::to_string))
                .collect(),
            not_in_use: app.routine_not_in_use(),
            open_elsewhere: app.open_elsewhere(),
            next_session: app.next_session_at().filter(|_| !loading),
            today,
            held_out: app
                .held_out()
                .into_iter()
                .filter(|_| !loading)
                .map(|h| {
                    let name = app.exercise_name(&h.exercise);
                    let reason = h.reason();
                    (h.exercise, name, reason)
                })
                .collect(),
            pain_stop_warning: app.pain_stop_warning() && !loading,
            dose_news,
            bad_events,
            doses,
            loading,
            checkin_waiting: false,
        }
    }

    /// Says whether the check-in waits for the log to be read.
    pub fn checkin_waiting(mut self, waiting: bool) -> Self {
        self.checkin_waiting = waiting;
        self
    }

    /// Whether a session can start from here: not while another window
    /// holds the log (this one could not save it).
    pub fn can_start(&self) -> bool {
        !self.open_elsewhere
    }
}

/// Why Start is disabled in a window that cannot start a session.
pub const OPEN_ELSEWHERE: &str =
    "neckguide is open in another window: this one can only show your history";

/// Draws the home screen.
pub fn home_ui(ui: &mut egui::Ui, view: &HomeView<'_>, open_file: &mut OpenFile) -> Vec<Action> {
    let offered: &[Command] = if view.can_start() {
        &[
            Command::BeginCheckIn,
            Command::History,
            Command::Settings,
            Command::Builder,
        ]
    } else {
        &[Command::History, Command::Settings, Command::Builder]
    };
    let mut actions: Vec<Action> = keys::pressed(ui, offered)
        .into_iter()
        .filter_map(Action::of)
        .collect();
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            ui.add_space(8.0);
            title_ui(ui, &mut actions);
            ui.add_space(8.0);
            // The way into a session comes first, so it shows with the
            // title in the smallest window (640x480 pixels, 200 % text).
            let Some(routine) = view.active else {
                a11y::heading(ui, RichText::new("No routine found").heading(), 2);
                return;
            };
            start_ui(ui, view, &mut actions);
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new("Routine:").size(18.0));
                egui::ComboBox::from_id_salt("routine")
                    .selected_text(RichText::new(&routine.name).size(18.0))
                    .show_ui(ui, |ui| {
                        for (id, name) in &view.routines {
                            if ui.selectable_label(*id == routine.id, name).clicked() {
                                actions.push(Action::ChooseRoutine(id.clone()));
                            }
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Routine")
                    });
            });
            if let Some(text) = &view.not_in_use {
                ui.colored_label(ui.visuals().warn_fg_color, RichText::new(text).size(18.0));
            }
            if let Some(p) = &routine.prescriber {
                ui.label(format!("Prescribed by {p}"));
            }
            if let Some(note) = &routine.note {
                ui.label(RichText::new(note).italics());
            }
            ui.add_space(12.0);
            let total = routine.times_per_day;
            let done = view.done_today;
            if view.loading {
                ui.label(RichText::new(LOADING_HISTORY).size(24.0).strong());
            } else {
                let today = crate::plural::of(done, total, "session", "sessions");
                ui.label(
                    RichText::new(format!("Today: {today} done"))
                        .size(24.0)
                        .strong(),
                );
            }
            // Nothing is worked out from the log until it is read.
            if !view.loading && done >= total {
                ui.label("You have done all of today's sessions. You can still do an extra one.");
            }
            if let Some(text) = next_session_text(view.next_session.as_ref(), view.today) {
                ui.label(RichText::new(text).size(18.0));
            }
            for news in &view.dose_news {
                ui.add_space(8.0);
                ui.label(RichText::new(news).size(18.0).strong());
            }
            for line in &view.bad_events {
                ui.add_space(8.0);
                ui.colored_label(ui.visuals().warn_fg_color, RichText::new(line).size(18.0));
            }
            if view.pain_stop_warning {
                ui.add_space(8.0);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    RichText::new(crate::history::PAIN_STOP_WARNING).size(18.0),
                );
            }
            for (id, name, reason) in &view.held_out {
                ui.add_space(8.0);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    RichText::new(format!("{name}: {reason}.")).size(18.0),
                );
                if command_button_on(ui, Command::ClearHeldOut, &[name], Look::Text(16.0), true) {
                    actions.push(Action::ClearHeldOut(id.clone()));
                }
            }
            ui.add_space(16.0);
            if !view.loading {
                due_ui(ui, view, routine);
            }
            ui.add_space(16.0);
            if command_button(ui, Command::Builder, Look::Small) {
                actions.extend(Action::of(Command::Builder));
            }
            ui.add_space(8.0);
            let title = "Open a routine file from your physical therapist";
            widgets::collapsing_ui(ui, title, title, |ui| {
                ui.label("Choose the file below, drop it on this window, or type its path.");
                if let Some(path) = open_file_ui(ui, open_file, view.desktop) {
                    actions.push(Action::ImportRoutine(path));
                }
                let id = ui.scope_id().with("import-path");
                let mut path: String =
                    ui.data_mut(|d| d.get_temp::<String>(id).unwrap_or_default());
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut path)
                        .hint_text("/home/me/Downloads/routine.json"),
                );
                edit.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Routine file path")
                });
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let add = command_button(ui, Command::AddRoutinePath, Look::Plain);
                if (add || enter) && !path.trim().is_empty() {
                    actions.push(Action::ImportRoutine(path.trim().into()));
                    path.clear();
                }
                ui.data_mut(|d| d.insert_temp(id, path));
            });
            if !view.problems.is_empty() {
                ui.add_space(8.0);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Some routine files could not be used:",
                );
                for p in &view.problems {
                    ui.label(RichText::new(p).small().monospace());
                }
            }
        });
    });
    actions
}

/// The title, with History and Settings at its right; under it when they
/// do not fit beside it (a narrow window, big text), never over it.
fn title_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    // One scope whatever the width: the widgets after it keep their ids
    // when the window narrows, and Start its focus.
    ui.scope(|ui| wide_or_narrow_title_ui(ui, actions));
}

/// [`title_ui`]'s title and buttons, in one row or two.
fn wide_or_narrow_title_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    let title = RichText::new("neckguide").size(30.0).strong();
    let wide = ui.available_width() >= NARROW_HOME;
    if wide {
        ui.horizontal(|ui| {
            a11y::heading(ui, title, 1);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for command in [Command::Settings, Command::History] {
                    if command_button(ui, command, Look::Small) {
                        actions.extend(Action::of(command));
                    }
                }
            });
        });
    } else {
        a11y::heading(ui, title, 1);
        ui.horizontal_wrapped(|ui| {
            for command in [Command::History, Command::Settings] {
                if command_button(ui, command, Look::Small) {
                    actions.extend(Action::of(command));
                }
            }
        });
    }
}

/// Below this width (points) home's History and Settings go under its
/// title.
const NARROW_HOME: f32 = 480.0;

/// Start (or why this window cannot start) and the keys that start.
fn start_ui(ui: &mut egui::Ui, view: &HomeView<'_>, actions: &mut Vec<Action>) {
    if view.checkin_waiting {
        ui.label(RichText::new("The check-in opens as soon as your history is read.").size(18.0));
    }
    if !view.can_start() {
        ui.horizontal_wrapped(|ui| {
            ui.add_enabled_ui(false, |ui| {
                command_button(ui, Command::BeginCheckIn, Look::Big)
            });
            ui.label(RichText::new(OPEN_ELSEWHERE).size(18.0));
        });
    } else if command_button(ui, Command::BeginCheckIn, Look::Big) {
        actions.extend(Action::of(Command::BeginCheckIn));
    }
    // The window offers what it can do: start, or show the history.
    let (keys, what) = if view.can_start() {
        (Command::BeginCheckIn.keys_text(), "starts")
    } else {
        (Command::History.keys_text(), "shows your history")
    };
    ui.label(
        RichText::new(format!(
            "{keys} {what}. {} shows the keyboard shortcuts.",
            Command::ToggleShortcuts.keys_text()
        ))
        .small(),
    );
}

/// The exercises due now, and those not due in this session.
fn due_ui(ui: &mut egui::Ui, view: &HomeView<'_>, routine: &crate::routine::Routine) {
    a11y::heading(ui, RichText::new("Due now").size(20.0).strong(), 2);
    let held = |id: &str| view.held_out.iter().any(|(h, _, _)| h == id);
    for item in view.due.iter().filter(|i| !held(&i.exercise.id)) {
        let e = &item.exercise;
        // The dose in effect, by the routine's progression rule.
        let dose = view
            .doses
            .iter()
            .find(|d| d.exercise == e.id)
            .map_or(&e.dose, |d| &d.dose);
        ui.label(
            RichText::new(format!(
                "• {} — {} · {}",
                e.name,
                e.position.label(),
                dose.summary()
            ))
            .size(17.0),
        );
    }
    let later: Vec<&RoutineItem> = routine
        .items
        .iter()
        .filter(|i| !view.due.iter().any(|d| d.exercise.id == i.exercise.id))
        .collect();
    if !later.is_empty() {
        ui.add_space(6.0);
        for item in later {
            ui.label(format!(
                "{} is not due in this session ({}).",
                item.exercise.name,
                crate::routine::times_a_day(item.times_per_day)
            ));
        }
    }
}

/// "Next session at 14:00" (or "tomorrow at 08:00", or with the date).
pub fn next_session_text(at: Option<&jiff::Zoned>, today: jiff::civil::Date) -> Option<String> {
    let at = at?;
    let time = at.strftime("%H:%M");
    let day = at.date();
    Some(if day == today {
        format!("Next session at {time}")
    } else if today.tomorrow().is_ok_and(|t| t == day) {
        format!("Next session tomorrow at {time}")
    } else {
        format!("Next session on {} at {time}", at.strftime("%A %-d %B"))
    })
}

//! The routine builder: a therapist makes or edits a routine here. It
//! starts from empty, a preset or a routine file; the routine's fields, its
//! exercises (from the library, with their picture and source dose, or the
//! therapist's own), each dose, how many of the day's sessions each is in
//! and its progression rule. Every problem the validator of `neckguide
//! check` finds shows under its field while typing; the preview shows the
//! first session's timeline (the schedule `plan` prints) and writes the
//! handout; saving writes the routine file where the therapist picks and
//! adds it to the person's routines.
//!
//! The draft and its checks are the model's ([`crate::routine::draft`]);
//! reading and writing files is the app's ([`crate::app::builder`]). This
//! screen keeps what is its own: the draft being typed, the folder typed,
//! the file dialog's question, the last save's words.

use std::collections::HashSet;
use std::path::PathBuf;

use egui::{RichText, Ui};

use super::action::{Action, BuilderAction};
use super::command::Command;
use super::open_file::PortalQuestion;
use super::widgets::{Look, command_button_on, page_ui};
use crate::app::builder::DraftSource;
use crate::app::desktop::{Desktop, FileChooserState, Opening};
use crate::exercise::{Direction, Exercise, Image, Position};
use crate::routine::draft::{
    Checked, Draft, DraftExercise, DraftItem, DraftProgression, NumberField, OwnExercise,
};
use crate::routine::problem::FieldPath;
use crate::routine::progression::DoseField;
use crate::routine::raw::DoseKind;
use crate::routine::{Library, write};
use crate::schedule::{Schedule, ScheduleConfig, clock};

/// The screen's title.
pub const TITLE: &str = "Make or edit a routine";
/// The accessible name of the save folder's field.
pub const SAVE_FOLDER: &str = "Save in folder";

/// The positions an exercise of one's own can have, in the order offered.
const POSITIONS: [Position; 5] = [
    Position::Sitting,
    Position::Standing,
    Position::LyingOnBack,
    Position::LyingFaceDownOnElbows,
    Position::Walking,
];

/// The directions a dose of holds in directions can have.
const DIRECTIONS: [Direction; 4] = [
    Direction::Forward,
    Direction::Backward,
    Direction::Left,
    Direction::Right,
];

/// The builder's state: the draft, its last check, the save folder.
#[derive(Debug)]
pub struct Builder {
    draft: Draft,
    /// The draft last checked and what the check found (checked again only
    /// when the draft changes, not every frame).
    checked: Option<(Draft, Checked)>,
    folder: String,
    open_path: String,
    /// The system's dialog to choose the save folder; why it did not open
    /// is said by the folder field.
    folder_question: PortalQuestion,
    /// The system's dialog to choose a routine file to edit; why it did not
    /// open is said by the file's path field.
    file_question: PortalQuestion,
    /// The presets' names, read once.
    presets: Vec<String>,
    /// What the draft started from, or why it could not start.
    started: Option<Result<String, String>>,
    /// What the draft was made from (where its pictures are).
    source: DraftSource,
    saved: Option<Result<String, String>>,
    handout: Option<Result<String, String>>,
    /// The handout written, being handed to the desktop to open.
    opening: Option<(PathBuf, Opening)>,
}

impl Default for Builder {
    fn default() -> Self {
        Self {
            draft: Draft::empty(),
            checked: None,
            folder: crate::app::builder::default_save_folder()
                .display()
                .to_string(),
            open_path: String::new(),
            folder_question: PortalQuestion::default(),
            file_question: PortalQuestion::default(),
            presets: Vec::new(),
            started: None,
            source: DraftSource::Empty,
            saved: None,
            handout: None,
            opening: None,
        }
    }
}

impl Builder {
    /// Starts over from `draft`, made from `source` (`what` says from what).
    pub fn start(&mut self, draft: Draft, source: DraftSource, what: String) {
        self.draft = draft;
        self.source = source;
        self.checked = None;
        self.started = Some(Ok(what));
        self.saved = None;
        self.handout = None;
    }

    /// Says why a draft could not start; the one being typed is kept.
    pub fn start_failed(&mut self, why: String) {
        self.started = Some(Err(why));
    }

    /// The routine file's raw form, when the draft passes every check.
    pub fn valid_raw(&self) -> Option<&crate::routine::raw::RawRoutine> {
        let (_, checked) = self.checked.as_ref()?;
        checked.routine.as_ref().map(|_| &checked.raw)
    }

    /// What the draft was made from.
    pub fn source(&self) -> &DraftSource {
        &self.source
    }

    /// The folder typed (or chosen) to save in.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.folder.trim())
    }

    /// Says what saving did.
    pub fn set_saved(&mut self, result: Result<String, String>) {
        self.saved = Some(result);
    }

    /// Says what writing the handout did; `opening` is the written file
    /// being handed to the desktop to open.
    pub fn set_handout(&mut self, result: Result<PathBuf, String>, opening: Option<Opening>) {
        self.handout = Some(
            result
                .as_ref()
                .map(|path| {
                    format!(
                        "The handout is written: {}. Opening it…",
                        crate::routine::escape_path(path)
                    )
                })
                .map_err(Clone::clone),
        );
        self.opening = match (result, opening) {
            (Ok(path), Some(opening)) => Some((path, opening)),
            _ => None,
        };
    }

    /// The presets' names (read from the presets once).
    pub fn presets(&mut self, library: &Library) -> &[String] {
        if self.presets.is_empty() {
            self.presets = crate::app::builder::preset_names(library);
        }
        &self.presets
    }

    /// The draft checked, checking it again only when it changed.
    fn check(&mut self, library: &Library) -> Checked {
        match &self.checked {
            Some((draft, checked)) if *draft == self.draft => checked.clone(),
            _ => {
                let checked = self.draft.check(library);
                self.checked = Some((self.draft.clone(), checked.clone()));
                checked
            }
        }
    }
}

/// What the builder shows from the app.
pub struct BuilderView<'a> {
    /// The built-in exercises.
    pub library: &'a Library,
    /// The names of the presets, in order.
    pub presets: Vec<String>,
    /// The routines the person added: name and file.
    pub imported: Vec<(String, PathBuf)>,
    /// The desktop, for its file dialog.
    pub desktop: &'a Desktop,
    /// The pacing the session would run with.
    pub pacing: ScheduleConfig,
}

/// Problems shown so far this frame (the rest are listed at Save).
struct Marks<'a> {
    checked: &'a Checked,
    shown: HashSet<String>,
}

impl Marks<'_> {
    /// Gives the field of `response` the problems at `path` as its
    /// description, so a screen reader says them with the field.
    fn describe(&self, ui: &Ui, response: &egui::Response, path: &FieldPath) {
        let said: Vec<&str> = self.checked.at(path).collect();
        if !said.is_empty() {
            let words = format!("Problem: {}", said.join("; "));
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_description(words));
        }
    }

    /// Shows the problems at `path` under the field just drawn.
    fn show(&mut self, ui: &mut Ui, path: &FieldPath) {
        let key = path.to_string();
        for message in self.checked.at(path) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                RichText::new(format!("Problem: {message}")).size(16.0),
            );
        }
        self.shown.insert(key);
    }
}

/// What a step of the builder did, or (in the warning colour) why it could
/// not; nothing before it is tried.
fn outcome_ui(ui: &mut Ui, outcome: Option<&Result<String, String>>) {
    match outcome {
        Some(Ok(words)) => {
            ui.label(text(words));
        }
        Some(Err(why)) => {
            ui.colored_label(ui.visuals().warn_fg_color, text(why));
        }
        None => {}
    }
}

fn text(s: &str) -> RichText {
    RichText::new(s).size(TEXT_SIZE)
}

/// The size of the builder's text, its buttons' words among it.
const TEXT_SIZE: f32 = 17.0;

/// A text field named `name` (its label and accessible name), with the
/// problems at `path` under it.
fn text_field(
    ui: &mut Ui,
    name: &str,
    value: &mut String,
    multiline: bool,
    marks: &mut Marks<'_>,
    path: &FieldPath,
) {
    ui.label(text(&format!("{name}:")));
    let edit = if multiline {
        egui::TextEdit::multiline(value).desired_rows(2)
    } else {
        egui::TextEdit::singleline(value)
    };
    let response = ui.add(edit.desired_width(ui.available_width().min(560.0)));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    marks.describe(ui, &response, path);
    marks.show(ui, path);
}

/// A number field: only digits can be typed (at most four); `hint` shows
/// what an empty field means, in italics, so it does not read as a value
/// typed.
///
/// Each is a box of the same width, so a row of them wraps whole fields
/// (and a long label wraps inside its box) in a narrow window.
fn number_field(
    ui: &mut Ui,
    name: &str,
    label: &str,
    value: &mut String,
    hint: &str,
) -> egui::Response {
    let size = egui::vec2(NUMBER_FIELD_WIDTH, 0.0);
    ui.allocate_ui_with_layout(size, egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_width(NUMBER_FIELD_WIDTH);
        ui.label(text(label));
        let response = ui.add(
            egui::TextEdit::singleline(value)
                .hint_text(egui::RichText::new(hint).italics())
                .desired_width(90.0),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
        if response.changed() {
            value.retain(|c| c.is_ascii_digit());
            value.truncate(4);
        }
        response
    })
    .inner
}

/// A row of fields, their tops aligned, wrapping whole fields.
fn fields_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let layout = egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true);
    ui.with_layout(layout, add);
}

/// The width of a number field's box, in points.
const NUMBER_FIELD_WIDTH: f32 = 150.0;

/// The button of `command` (from the command table), naming `on`, at the
/// size of the builder's text.
fn button(ui: &mut Ui, command: Command, on: &[&str], enabled: bool) -> bool {
    command_button_on(ui, command, on, Look::Text(TEXT_SIZE), enabled)
}

/// A built-in exercise's picture, `size` points square (the library's
/// exercises have only built-in ones), drawn off the window's thread.
fn picture(ui: &mut Ui, exercise: &Exercise, size: f32) {
    if let Some(Image::Builtin(path)) = &exercise.image {
        let source = crate::app::pictures::Source::Builtin(path.clone());
        let alt = format!("Picture: {}", exercise.name);
        super::pictures::picture_ui(ui, &source, &alt, egui::vec2(size, size), 6.0);
    }
}

/// Draws the builder; returns what the person asked for.
pub fn builder_ui(ui: &mut Ui, state: &mut Builder, view: &BuilderView<'_>) -> Vec<Action> {
    let mut actions = Vec::new();
    let checked = state.check(view.library);
    let mut marks = Marks {
        checked: &checked,
        shown: HashSet::new(),
    };
    page_ui(ui, TITLE, &mut actions, |ui, actions| {
        // What is typed into the fields reads at the size of their labels.
        ui.style_mut()
            .text_styles
            .insert(egui::TextStyle::Body, egui::FontId::proportional(17.0));
        ui.label(text(
            "For a physical therapist: put together the exercises you prescribe, their doses and how often, then save the routine file and print its handout.",
        ));
        ui.add_space(8.0);
        start_ui(ui, state, view, actions);
        ui.separator();
        routine_fields_ui(ui, &mut state.draft, &mut marks);
        ui.separator();
        items_ui(ui, &mut state.draft, view.library, &mut marks);
        ui.separator();
        add_ui(ui, &mut state.draft, view.library);
        ui.separator();
        preview_ui(ui, state, &checked, view, actions);
        ui.separator();
        save_ui(ui, state, &checked, &marks.shown, view, actions);
    });
    actions
}

fn start_ui(ui: &mut Ui, state: &mut Builder, view: &BuilderView<'_>, actions: &mut Vec<Action>) {
    super::a11y::heading(ui, RichText::new("Start from").size(20.0).strong(), 2);
    ui.horizontal_wrapped(|ui| {
        if button(ui, Command::StartEmpty, &[], true) {
            actions.extend(Action::of(Command::StartEmpty));
        }
        for (i, name) in view.presets.iter().enumerate() {
            if button(ui, Command::StartFromPreset, &[name], true) {
                actions.push(Action::Build(BuilderAction::Start(DraftSource::Preset(i))));
            }
        }
        for (name, path) in &view.imported {
            if button(ui, Command::StartFromAdded, &[name], true) {
                let source = DraftSource::File(path.clone());
                actions.push(Action::Build(BuilderAction::Start(source)));
            }
        }
    });
    ui.label(text("Or open a routine file to edit (type its path):"));
    if let Some(path) = state.file_question.answer() {
        actions.push(Action::Build(BuilderAction::Start(DraftSource::File(path))));
    }
    ui.horizontal_wrapped(|ui| {
        let edit = ui.add(
            egui::TextEdit::singleline(&mut state.open_path)
                .hint_text("/home/me/routine.json")
                .desired_width(320.0),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Routine file to edit")
        });
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = !state.open_path.trim().is_empty();
        if (button(ui, Command::OpenToEdit, &[], typed) || enter) && typed {
            let path = PathBuf::from(state.open_path.trim());
            actions.push(Action::Build(BuilderAction::Start(DraftSource::File(path))));
        }
        if view.desktop.file_chooser() == FileChooserState::Available {
            let waiting = state.file_question.waiting();
            if button(ui, Command::ChooseFileToEdit, &[], !waiting) {
                let choice = view.desktop.choose_file("Open a routine file to edit");
                state.file_question.ask(choice);
            }
        }
    });
    portal_failed_ui(
        ui,
        state.file_question.failed(),
        "Type the file's path instead.",
    );
    outcome_ui(ui, state.started.as_ref());
}

fn routine_fields_ui(ui: &mut Ui, draft: &mut Draft, marks: &mut Marks<'_>) {
    let root = FieldPath::root();
    super::a11y::heading(ui, RichText::new("The routine").size(20.0).strong(), 2);
    text_field(
        ui,
        "Routine name",
        &mut draft.name,
        false,
        marks,
        &root.key("name"),
    );
    text_field(
        ui,
        "Prescribed by",
        &mut draft.prescriber,
        false,
        marks,
        &root.key("prescriber"),
    );
    text_field(
        ui,
        "Note to the person",
        &mut draft.note,
        true,
        marks,
        &root.key("note"),
    );
    fields_row(ui, |ui| {
        let field = number_field(
            ui,
            "Sessions a day",
            "Sessions a day (1–12)",
            &mut draft.times_per_day,
            "1",
        );
        marks.describe(ui, &field, &root.key("times_per_day"));
        ui.vertical(|ui| {
            ui.label(text("File name (the routine's id)"));
            let response = ui.add(
                egui::TextEdit::singleline(&mut draft.id)
                    .hint_text(crate::routine::draft::slug(&draft.name, "my-routine"))
                    .desired_width(260.0),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Routine id")
            });
        });
    });
    marks.show(ui, &root.key("times_per_day"));
    marks.show(ui, &root.key("id"));
}

fn items_ui(ui: &mut Ui, draft: &mut Draft, library: &Library, marks: &mut Marks<'_>) {
    let items_path = FieldPath::root().key("items");
    super::a11y::heading(ui, RichText::new("Exercises").size(20.0).strong(), 2);
    marks.show(ui, &items_path);
    let count = draft.items.len();
    let times_per_day = draft.times_per_day.trim().parse::<u32>().ok();
    let mut moved = None;
    let mut removed = None;
    for (i, item) in draft.items.iter_mut().enumerate() {
        let path = items_path.index(i);
        let n = i + 1;
        let who = format!("exercise {n}");
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let title = match &item.exercise {
                DraftExercise::Library(id) => library
                    .get(id)
                    .map_or_else(|| id.clone(), |e| e.name.clone()),
                DraftExercise::Own(own) if own.name.trim().is_empty() => {
                    "Your own exercise".to_owned()
                }
                DraftExercise::Own(own) => format!("{} (your own)", own.name),
            };
            ui.horizontal_wrapped(|ui| {
                // Each exercise a heading, for a screen reader to move between.
                super::a11y::heading(
                    ui,
                    RichText::new(format!("{n}. {title}")).size(19.0).strong(),
                    3,
                );
                if button(ui, Command::MoveUp, &[&who], i > 0) {
                    moved = Some((i, i - 1));
                }
                if button(ui, Command::MoveDown, &[&who], n < count) {
                    moved = Some((i, i + 1));
                }
                if button(ui, Command::RemoveExercise, &[&who], true) {
                    removed = Some(i);
                }
            });
            let source = match &item.exercise {
                DraftExercise::Library(id) => library.get(id),
                DraftExercise::Own(_) => None,
            };
            match (&mut item.exercise, source) {
                (DraftExercise::Library(_), Some(e)) => {
                    ui.horizontal(|ui| {
                        picture(ui, e, 72.0);
                        ui.vertical(|ui| {
                            ui.label(text(&format!(
                                "{} · source dose: {}",
                                e.position.label(),
                                e.dose.summary()
                            )));
                        });
                    });
                    marks.show(ui, &path.key("exercise"));
                }
                (DraftExercise::Library(_), None) => marks.show(ui, &path.key("exercise")),
                (DraftExercise::Own(own), _) => {
                    own_exercise_ui(ui, own, &mut item.dose, &who, marks, &path.key("exercise"));
                }
            }
            let dose_path = match &item.exercise {
                DraftExercise::Library(_) => path.key("dose"),
                DraftExercise::Own(_) => path.key("exercise").key("dose"),
            };
            dose_ui(ui, item, source, &who, marks, &dose_path);
            ui.horizontal_wrapped(|ui| {
                let all = times_per_day.map_or_else(|| "all".to_owned(), |t| t.to_string());
                let default = source
                    .and_then(|e| e.times_per_day)
                    .map_or(all, |t| t.to_string());
                let field = number_field(
                    ui,
                    &format!("Sessions a day of {who}"),
                    "In how many of the day's sessions",
                    &mut item.times_per_day,
                    &default,
                );
                marks.describe(ui, &field, &path.key("times_per_day"));
            });
            marks.show(ui, &path.key("times_per_day"));
            progression_ui(ui, item, source, &who, marks, &path.key("progression"));
            marks.show(ui, &path);
        });
        ui.add_space(4.0);
    }
    if let Some((from, to)) = moved {
        draft.move_item(from, to);
    }
    if let Some(i) = removed
        && i < draft.items.len()
    {
        draft.items.remove(i);
    }
}

fn own_exercise_ui(
    ui: &mut Ui,
    own: &mut OwnExercise,
    dose: &mut crate::routine::draft::DraftDose,
    who: &str,
    marks: &mut Marks<'_>,
    path: &FieldPath,
) {
    text_field(
        ui,
        &format!("Name of {who}"),
        &mut own.name,
        false,
        marks,
        &path.key("name"),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(text("Id"));
        let response = ui.add(
            egui::TextEdit::singleline(&mut own.id)
                .hint_text(crate::routine::draft::slug(&own.name, "my-exercise"))
                .desired_width(220.0),
        );
        let name = format!("Id of {who}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
        ui.label(text("Position"));
        let name = format!("Position of {who}");
        egui::ComboBox::from_id_salt(("position", who))
            .selected_text(own.position.label())
            .show_ui(ui, |ui| {
                for p in POSITIONS {
                    ui.selectable_value(&mut own.position, p, p.label());
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        ui.label(text("Dose"));
        let name = format!("Dose kind of {who}");
        let kinds = [
            (DoseKind::Holds, "Holds"),
            (DoseKind::Directions, "Holds in directions"),
            (DoseKind::Timed, "A timed position"),
            (DoseKind::Practice, "A practice"),
        ];
        let shown = kinds
            .iter()
            .find(|(k, _)| Some(*k) == dose.kind)
            .map_or("Choose", |(_, w)| w);
        egui::ComboBox::from_id_salt(("kind", who))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (k, words) in kinds {
                    if ui.selectable_label(dose.kind == Some(k), words).clicked() {
                        dose.set_kind(k);
                    }
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
    });
    marks.show(ui, &path.key("id"));
    for (list, what, key) in [
        (&mut own.steps, "Step", "steps"),
        (&mut own.cautions, "Caution", "cautions"),
    ] {
        let list_path = path.key(key);
        let mut remove = None;
        for (j, line) in list.iter_mut().enumerate() {
            let name = format!("{what} {} of {who}", j + 1);
            ui.horizontal(|ui| {
                ui.label(text(&format!("{what} {}", j + 1)));
                let response = ui.add(
                    egui::TextEdit::multiline(line)
                        .desired_rows(1)
                        .desired_width(ui.available_width().min(460.0) - 90.0),
                );
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &name));
                marks.describe(ui, &response, &list_path.index(j));
                if button(ui, Command::RemoveLine, &[&name.to_lowercase()], true) {
                    remove = Some(j);
                }
            });
            marks.show(ui, &list_path.index(j));
        }
        if let Some(j) = remove {
            list.remove(j);
        }
        if button(ui, Command::AddLine, &[&what.to_lowercase(), who], true) {
            list.push(String::new());
        }
        marks.show(ui, &list_path);
    }
}

/// The dose fields of the item's kind: for a library exercise, empty
/// fields keep the source's value (shown as the hint).
fn dose_ui(
    ui: &mut Ui,
    item: &mut DraftItem,
    source: Option<&Exercise>,
    who: &str,
    marks: &mut Marks<'_>,
    path: &FieldPath,
) {
    let source_dose = source.map(|e| write::raw_dose(&e.dose));
    let kind = source_dose.as_ref().and_then(|d| d.kind).or(item.dose.kind);
    let Some(kind) = kind else {
        marks.show(ui, &path.key("kind"));
        return;
    };
    ui.label(text(if source.is_some() {
        "Dose (empty fields keep the source's):"
    } else {
        "Dose:"
    }));
    fields_row(ui, |ui| {
        for &field in NumberField::of_kind(kind) {
            let (min, max) = field.bounds();
            let hint = source_dose
                .as_ref()
                .and_then(|d| match field {
                    NumberField::HoldSeconds => d.hold_seconds,
                    NumberField::Repetitions => d.repetitions,
                    NumberField::Sets => d.sets,
                    NumberField::RestSeconds => d.rest_seconds,
                    NumberField::RestBetweenSets => d.rest_between_sets_seconds,
                    NumberField::Minutes => d.minutes,
                    NumberField::MaxMinutes => d.max_minutes,
                })
                .map_or_else(|| format!("{min}–{max}"), |v| v.to_string());
            let response = number_field(
                ui,
                &format!("{} of {who}", field.label()),
                &format!("{} ({min}–{max})", field.label()),
                item.dose.text_mut(field),
                &hint,
            );
            marks.describe(ui, &response, &path.key(field.key()));
        }
    });
    for &field in NumberField::of_kind(kind) {
        marks.show(ui, &path.key(field.key()));
    }
    if kind == DoseKind::Directions {
        let source_dirs = source_dose.and_then(|d| d.directions).unwrap_or_default();
        let mut dirs = item.dose.directions.clone().unwrap_or(source_dirs.clone());
        ui.horizontal_wrapped(|ui| {
            for d in DIRECTIONS {
                let mut on = dirs.contains(&d);
                let name = format!("{} in {who}", d.label());
                let response = ui.checkbox(&mut on, text(d.label()));
                response.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name)
                });
                if response.changed() {
                    if on {
                        dirs.push(d);
                    } else {
                        dirs.retain(|x| *x != d);
                    }
                }
            }
        });
        if item.dose.directions.is_some() || dirs != source_dirs {
            item.dose.directions = Some(dirs);
        }
        marks.show(ui, &path.key("directions"));
    }
    marks.show(ui, &path.key("kind"));
    marks.show(ui, path);
}

fn progression_ui(
    ui: &mut Ui,
    item: &mut DraftItem,
    source: Option<&Exercise>,
    who: &str,
    marks: &mut Marks<'_>,
    path: &FieldPath,
) {
    let kind = source
        .and_then(|e| write::raw_dose(&e.dose).kind)
        .or(item.dose.kind);
    let fields: &[DoseField] = match kind {
        Some(DoseKind::Holds | DoseKind::Directions) => &[
            DoseField::Repetitions,
            DoseField::HoldSeconds,
            DoseField::Sets,
        ],
        Some(DoseKind::Timed | DoseKind::Practice) => &[DoseField::Minutes],
        None => &[],
    };
    let mut on = item.progression.is_some();
    let name = format!("Change the dose of {who} with pain");
    let response = ui.checkbox(
        &mut on,
        text("Change the dose with pain (a progression rule)"),
    );
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, &name));
    if response.changed() {
        item.progression = match (on, fields.first()) {
            (true, Some(&field)) => Some(DraftProgression {
                field,
                step: "1".to_owned(),
                up_to: String::new(),
                down_to: String::new(),
                after_good_sessions: "6".to_owned(),
            }),
            _ => None,
        };
    }
    let Some(rule) = &mut item.progression else {
        return;
    };
    fields_row(ui, |ui| {
        ui.label(text("Change"));
        let name = format!("Dose field the rule of {who} changes");
        egui::ComboBox::from_id_salt(("rule-field", who))
            .selected_text(rule.field.key())
            .show_ui(ui, |ui| {
                for &f in fields {
                    ui.selectable_value(&mut rule.field, f, f.key());
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        let (min, max) = rule.field.bounds();
        let range = format!("{min}–{max}");
        let key = rule.field.key();
        let fields: [(String, &str, &mut String, &str, FieldPath); 4] = [
            (
                format!("Rule step of {who}"),
                "By",
                &mut rule.step,
                "1",
                path.key("step").key(key),
            ),
            (
                format!("Rule most of {who}"),
                "Up to",
                &mut rule.up_to,
                &range,
                path.key("up_to").key(key),
            ),
            (
                format!("Rule least of {who}"),
                "Down to",
                &mut rule.down_to,
                &range,
                path.key("down_to").key(key),
            ),
            (
                format!("Good sessions before a rise of {who}"),
                "After good sessions (1–50)",
                &mut rule.after_good_sessions,
                "6",
                path.key("after_good_sessions"),
            ),
        ];
        for (name, label, value, hint, at) in fields {
            let response = number_field(ui, &name, label, value, hint);
            marks.describe(ui, &response, &at);
        }
    });
    let field = rule.field.key();
    for which in ["step", "up_to", "down_to"] {
        marks.show(ui, &path.key(which).key(field));
        marks.show(ui, &path.key(which));
    }
    marks.show(ui, &path.key("after_good_sessions"));
    marks.show(ui, path);
}

fn add_ui(ui: &mut Ui, draft: &mut Draft, library: &Library) {
    super::a11y::heading(ui, RichText::new("Add an exercise").size(20.0).strong(), 2);
    for e in library.exercises() {
        let already = draft
            .items
            .iter()
            .any(|i| matches!(&i.exercise, DraftExercise::Library(id) if *id == e.id));
        ui.horizontal(|ui| {
            picture(ui, e, 56.0);
            ui.vertical(|ui| {
                ui.label(RichText::new(&e.name).size(18.0).strong());
                ui.label(text(&format!(
                    "{} · {}",
                    e.position.label(),
                    e.dose.summary()
                )));
                let command = if already {
                    Command::InTheRoutine
                } else {
                    Command::AddExercise
                };
                if button(ui, command, &[&e.name], !already) {
                    draft.items.push(DraftItem::library(&e.id));
                }
            });
        });
    }
    ui.add_space(4.0);
    if button(ui, Command::AddOwnExercise, &[], true) {
        draft.items.push(DraftItem::own());
    }
}

fn preview_ui(
    ui: &mut Ui,
    state: &mut Builder,
    checked: &Checked,
    view: &BuilderView<'_>,
    actions: &mut Vec<Action>,
) {
    super::a11y::heading(ui, RichText::new("Preview").size(20.0).strong(), 2);
    let Some(routine) = &checked.routine else {
        ui.label(text("The preview shows once the routine has no problems."));
        return;
    };
    let schedule = Schedule::for_session(routine, 0, &view.pacing);
    ui.label(
        RichText::new(format!(
            "First session of the day: {} ({} exercises)",
            clock(schedule.total_ms),
            schedule.exercises.len()
        ))
        .size(18.0)
        .strong(),
    );
    egui::Grid::new("timeline").striped(true).show(ui, |ui| {
        for e in &schedule.exercises {
            let start = schedule.steps.get(e.first_step).map_or(0, |s| s.start_ms);
            let end = schedule
                .steps
                .get(e.end_step.saturating_sub(1))
                .map_or(start, |s| s.start_ms + s.duration_ms);
            ui.label(text(&clock(start)));
            ui.label(text(&e.exercise.name));
            ui.label(text(&format!("{} long", clock(end - start))));
            ui.end_row();
        }
    });
    if schedule
        .steps
        .iter()
        .any(|s| s.ending == crate::schedule::Ending::Continue)
    {
        ui.label(text(
            "Plus the time of the practice the person ends themselves.",
        ));
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        if button(ui, Command::PrintHandout, &[], true) {
            state.handout = None;
            actions.extend(Action::of(Command::PrintHandout));
        }
        ui.label(text(
            "writes a page to print in the save folder below and opens it.",
        ));
    });
    if let Some((path, opening)) = &state.opening
        && let Some(answer) = opening.poll()
    {
        let path = crate::routine::escape_path(path);
        state.handout = Some(Ok(match answer {
            Ok(()) => format!(
                "The handout is written: {path}. It opens in your web browser: print it from there."
            ),
            Err(why) => format!(
                "The handout is written: {path}. It could not be opened here ({why}): open that file in a web browser to print it."
            ),
        }));
        state.opening = None;
    }
    outcome_ui(ui, state.handout.as_ref());
}

/// Says that the system's file dialog did not open (`why`), when it did
/// not, and what to do instead.
fn portal_failed_ui(ui: &mut Ui, why: Option<&str>, instead: &str) {
    if let Some(why) = why {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            text(&format!(
                "The system's file dialog did not open ({why}). {instead}"
            )),
        );
    }
}

fn save_ui(
    ui: &mut Ui,
    state: &mut Builder,
    checked: &Checked,
    shown: &HashSet<String>,
    view: &BuilderView<'_>,
    actions: &mut Vec<Action>,
) {
    super::a11y::heading(ui, RichText::new("Save").size(20.0).strong(), 2);
    if let Some(path) = state.folder_question.answer() {
        state.folder = path.display().to_string();
    }
    portal_failed_ui(
        ui,
        state.folder_question.failed(),
        "Type the folder instead.",
    );
    ui.label(text(&format!("{SAVE_FOLDER}:")));
    ui.horizontal_wrapped(|ui| {
        let response = ui.add(
            egui::TextEdit::singleline(&mut state.folder)
                .desired_width(ui.available_width().min(420.0)),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, SAVE_FOLDER));
        if view.desktop.file_chooser() == FileChooserState::Available {
            let waiting = state.folder_question.waiting();
            if button(ui, Command::ChooseSaveFolder, &[], !waiting) {
                let choice = view.desktop.choose_folder("Save the routine in");
                state.folder_question.ask(choice);
            }
        }
    });
    ui.label(text(&format!(
        "The file: {}",
        write::file_name(&checked.raw)
    )));
    let others: Vec<&crate::routine::draft::DraftProblem> = checked
        .problems
        .iter()
        .filter(|p| !shown.contains(&p.path))
        .collect();
    for p in &others {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            text(&format!("Problem at {}: {}", p.path, p.message)),
        );
    }
    let ok = checked.routine.is_some() && !state.folder.trim().is_empty();
    ui.horizontal_wrapped(|ui| {
        if command_button_on(ui, Command::SaveRoutine, &[], Look::Strong(20.0), ok) {
            state.saved = None;
            actions.extend(Action::of(Command::SaveRoutine));
        }
        if !checked.problems.is_empty() {
            let n = checked.problems.len();
            ui.label(text(&format!(
                "{n} problem{} to fix before saving.",
                if n == 1 { "" } else { "s" }
            )));
        }
    });
    outcome_ui(ui, state.saved.as_ref());
}

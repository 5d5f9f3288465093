//! What the builder draws with: its text at one size, text and number
//! fields with their problems under them ([`Marks`]), rows of fields, the
//! command table's buttons, a library exercise's picture, and the words
//! after a step.

use std::collections::HashSet;

use egui::{RichText, Ui};

use crate::exercise::{Exercise, Image};
use crate::routine::draft::Checked;
use crate::routine::problem::FieldPath;
use crate::ui::command::Command;
use crate::ui::widgets::{Look, command_button_on};
/// Problems shown so far this frame (the rest are listed at Save).
pub(super) struct Marks<'a> {
    pub(super) checked: &'a Checked,
    pub(super) shown: HashSet<String>,
    /// The field being typed in: its problems, and those of what holds it,
    /// show once it is left, so nothing moves while typing.
    pub(super) typing: Option<FieldPath>,
}

impl Marks<'_> {
    /// Gives the field of `response` the problems at `path` as its
    /// description, so a screen reader says them with the field (while it
    /// is typed in too), and notes the field being typed in.
    pub(super) fn describe(&mut self, ui: &Ui, response: &egui::Response, path: &FieldPath) {
        if response.has_focus() {
            self.typing = Some(path.clone());
        }
        let said: Vec<&str> = self.checked.at(path).collect();
        if !said.is_empty() {
            let words = format!("Problem: {}", said.join("; "));
            ui.ctx()
                .accesskit_node_builder(response.id, |node| node.set_description(words));
        }
    }

    /// Shows the problems at `path` under the field just drawn, unless
    /// it (or a field inside it) is being typed in.
    pub(super) fn show(&mut self, ui: &mut Ui, path: &FieldPath) {
        let key = path.to_string();
        let typing = self.typing.as_ref().is_some_and(|t| t.is_within(path));
        for message in self.checked.at(path).filter(|_| !typing) {
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
pub(super) fn outcome_ui(ui: &mut Ui, outcome: Option<&Result<String, String>>) {
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

pub(super) fn text(s: &str) -> RichText {
    RichText::new(s).size(TEXT_SIZE)
}

/// The size of the builder's text, its buttons' words among it.
pub(super) const TEXT_SIZE: f32 = 17.0;

/// The field of an id, `width` points wide, named `name` (its accessible
/// name); empty, it shows `saved`, the id it is saved under (made from the
/// name), as its hint.
pub(super) fn id_field(ui: &mut Ui, name: &str, id: &mut String, saved: &str, width: f32) {
    let response = ui.add(
        egui::TextEdit::singleline(id)
            .hint_text(saved)
            .desired_width(width),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
}

/// A text field named `name` (its label and accessible name), with the
/// problems at `path` under it.
pub(super) fn text_field(
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
pub(super) fn number_field(
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
pub(super) fn fields_row(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    let layout = egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true);
    ui.with_layout(layout, add);
}

/// The width of a number field's box, in points.
const NUMBER_FIELD_WIDTH: f32 = 150.0;

/// The button of `command` (from the command table), naming `on`, at the
/// size of the builder's text.
pub(super) fn button(ui: &mut Ui, command: Command, on: &[&str], enabled: bool) -> bool {
    command_button_on(ui, command, on, Look::Text(TEXT_SIZE), enabled)
}

/// A built-in exercise's picture, `size` points square (the library's
/// exercises have only built-in ones), drawn off the window's thread.
pub(super) fn picture(ui: &mut Ui, exercise: &Exercise, size: f32) {
    if let Some(Image::Builtin(path)) = &exercise.image {
        let source = crate::app::pictures::Source::Builtin(path.clone());
        let alt = format!("Picture: {}", exercise.name);
        crate::ui::pictures::picture_ui(ui, &source, &alt, egui::vec2(size, size), 6.0);
    }
}

/// Says that the system's file dialog did not open (`why`), when it did
/// not, and what to do instead.
pub(super) fn portal_failed_ui(ui: &mut Ui, why: Option<&str>, instead: &str) {
    if let Some(why) = why {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            text(&format!(
                "The system's file dialog did not open ({why}). {instead}"
            )),
        );
    }
}

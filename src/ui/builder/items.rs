//! "Exercises": each item of the routine in its frame (moved, removed, its
//! exercise, dose, sessions a day and rule), and the fields of an exercise
//! of the therapist's own.

use egui::{RichText, Ui};

use super::dose::dose_ui;
use super::fields::{Marks, button, id_field, number_field, picture, text, text_field};
use super::rule::progression_ui;
use crate::exercise::Position;
use crate::routine::Library;
use crate::routine::draft::{Draft, DraftExercise, OwnExercise};
use crate::routine::problem::FieldPath;
use crate::routine::raw::DoseKind;
use crate::ui::command::Command;
/// The positions an exercise of one's own can have, in the order offered.
const POSITIONS: [Position; 5] = [
    Position::Sitting,
    Position::Standing,
    Position::LyingOnBack,
    Position::LyingFaceDownOnElbows,
    Position::Walking,
];

pub(super) fn items_ui(ui: &mut Ui, draft: &mut Draft, library: &Library, marks: &mut Marks<'_>) {
    let items_path = FieldPath::root().key("items");
    crate::ui::a11y::heading(ui, RichText::new("Exercises").size(20.0).strong(), 2);
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
                crate::ui::a11y::heading(
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
        let saved = own.saved_id();
        id_field(ui, &format!("Id of {who}"), &mut own.id, &saved, 220.0);
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
    ui.add_space(6.0);
    ui.label(text(PICTURES_HINT));
    text_field(
        ui,
        &format!("Picture of the start position of {who}"),
        &mut own.image,
        false,
        marks,
        &path.key("image"),
    );
    text_field(
        ui,
        &format!("Picture of the held position of {who}"),
        &mut own.picture_held,
        false,
        marks,
        &path.key("picture_held"),
    );
}

/// What the two picture fields of an own exercise take.
const PICTURES_HINT: &str = "Pictures (optional): an SVG or PNG file in the folder of the routine file, such as pictures/chin-tuck.svg. With both, the picture moves from the start to the held position with each hold; with the start alone, it stays still.";

//! "The routine": its name, prescriber, note, sessions a day, how often
//! the outcome measures are asked and id.

use egui::{RichText, Ui};

use super::fields::{Marks, fields_row, id_field, number_field, text, text_field};
use crate::routine::draft::Draft;
use crate::routine::problem::FieldPath;
pub(super) fn routine_fields_ui(ui: &mut Ui, draft: &mut Draft, marks: &mut Marks<'_>) {
    let root = FieldPath::root();
    crate::ui::a11y::heading(ui, RichText::new("The routine").size(20.0).strong(), 2);
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
            // An empty field is a problem: nothing stands in for it.
            "needed",
        );
        marks.describe(ui, &field, &root.key("times_per_day"));
        let field = number_field(
            ui,
            "Outcome measures every how many days",
            "Outcome measures every … days (1–90)",
            &mut draft.measures_every_days,
            "7",
        );
        marks.describe(ui, &field, &root.key("measures_every_days"));
        ui.vertical(|ui| {
            ui.label(text("File name (the routine's id)"));
            let saved = draft.saved_id();
            id_field(ui, "Routine id", &mut draft.id, &saved, 260.0);
        });
    });
    marks.show(ui, &root.key("times_per_day"));
    marks.show(ui, &root.key("measures_every_days"));
    marks.show(ui, &root.key("id"));
}

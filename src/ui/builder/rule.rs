//! An item's progression rule: on or off, the dose field it changes, by
//! how much, its limits and the good sessions before a rise.

use egui::Ui;

use super::fields::{Marks, fields_row, number_field, text};
use crate::exercise::Exercise;
use crate::routine::draft::{DraftItem, DraftProgression};
use crate::routine::problem::FieldPath;
use crate::routine::progression::DoseField;
use crate::routine::raw::DoseKind;
use crate::routine::write;
pub(super) fn progression_ui(
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
            .selected_text(rule.field.label())
            .show_ui(ui, |ui| {
                for &f in fields {
                    ui.selectable_value(&mut rule.field, f, f.label());
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
        let (min, max) = rule.field.bounds();
        let up_to = format!("Up to ({min}–{max})");
        let down_to = format!("Down to ({min}–{max})");
        // An empty field is a problem: nothing stands in for it.
        let needed = "needed";
        let key = rule.field.key();
        let fields: [(String, &str, &mut String, &str, FieldPath); 4] = [
            (
                format!("Rule step of {who}"),
                "By",
                &mut rule.step,
                needed,
                path.key("step").key(key),
            ),
            (
                format!("Rule most of {who}"),
                &up_to,
                &mut rule.up_to,
                needed,
                path.key("up_to").key(key),
            ),
            (
                format!("Rule least of {who}"),
                &down_to,
                &mut rule.down_to,
                needed,
                path.key("down_to").key(key),
            ),
            (
                format!("Good sessions before a rise of {who}"),
                "After good sessions (1–50)",
                &mut rule.after_good_sessions,
                needed,
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

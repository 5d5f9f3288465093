//! An item's dose: the number fields of its kind (for a library exercise,
//! empty fields keep the source's value) and the directions.

use egui::Ui;

use super::fields::{Marks, fields_row, number_field, text};
use crate::exercise::{Direction, Exercise};
use crate::routine::draft::{DraftItem, NumberField};
use crate::routine::problem::FieldPath;
use crate::routine::raw::DoseKind;
use crate::routine::write;
/// The directions a dose of holds in directions can have.
const DIRECTIONS: [Direction; 4] = [
    Direction::Forward,
    Direction::Backward,
    Direction::Left,
    Direction::Right,
];

/// The dose fields of the item's kind: for a library exercise, empty
/// fields keep the source's value (shown as the hint).
pub(super) fn dose_ui(
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
                .map_or_else(|| field.when_empty(kind), |v| v.to_string());
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

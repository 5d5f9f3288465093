//! The home screen: the routines found, and the exercises and doses of the
//! chosen one.

use crate::catalog::{Catalog, Origin};
use crate::exercise::Exercise;

/// What the person asked for on the home screen.
#[must_use]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeIntent {
    /// Show this routine (index into the catalog).
    SelectRoutine(usize),
}

/// The words every screen carries at its foot.
pub const NOT_MEDICAL_ADVICE: &str = "neckguide is not medical advice. It shows the exercises your therapist or doctor gave you; follow their advice, and stop if your pain gets worse.";

/// Draws the home screen.
pub fn home_ui(
    ui: &mut egui::Ui,
    catalog: &Catalog,
    selected: usize,
    notices: &[String],
) -> Option<HomeIntent> {
    let mut intent = None;
    egui::Panel::bottom("footer").show(ui, |ui| {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(NOT_MEDICAL_ADVICE).small());
        ui.add_space(4.0);
    });
    egui::Panel::left("routines")
        .resizable(false)
        .default_size(260.0)
        .show(ui, |ui| {
            ui.add_space(8.0);
            ui.heading("Routines");
            ui.add_space(4.0);
            for (i, entry) in catalog.entries.iter().enumerate() {
                let label = match entry.origin {
                    Origin::Preset => entry.routine.name.clone(),
                    Origin::Imported(_) => format!("{} (imported)", entry.routine.name),
                };
                if ui.selectable_label(i == selected, label).clicked() {
                    intent = Some(HomeIntent::SelectRoutine(i));
                }
            }
            if !catalog.problems.is_empty() {
                ui.add_space(12.0);
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} routine file(s) could not be used:",
                        catalog.problems.len()
                    ),
                );
                for problems in &catalog.problems {
                    for p in &problems.problems {
                        ui.label(egui::RichText::new(p.to_string()).small());
                    }
                }
            }
        });
    egui::CentralPanel::default().show(ui, |ui| {
        for notice in notices {
            ui.colored_label(ui.visuals().warn_fg_color, notice);
        }
        let Some(entry) = catalog.entries.get(selected) else {
            ui.heading("No routine found");
            return;
        };
        let routine = &entry.routine;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(egui::RichText::new(&routine.name).size(28.0));
            ui.label(format!("{} times a day", routine.times_per_day));
            if let Some(p) = &routine.prescriber {
                ui.label(format!("Prescribed by {p}"));
            }
            if let Some(note) = &routine.note {
                ui.label(egui::RichText::new(note).italics());
            }
            ui.add_space(12.0);
            for item in &routine.items {
                exercise_card(
                    ui,
                    &item.exercise,
                    item.times_per_day,
                    routine.times_per_day,
                );
                ui.add_space(8.0);
            }
        });
    });
    intent
}

fn exercise_card(ui: &mut egui::Ui, exercise: &Exercise, item_times: u32, routine_times: u32) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(&exercise.name).size(20.0).strong());
        ui.label(format!(
            "{} · {}",
            exercise.position.label(),
            exercise.dose.summary()
        ));
        if item_times < routine_times {
            ui.label(format!(
                "In {item_times} of the {routine_times} sessions each day"
            ));
        }
        for (i, step) in exercise.steps.iter().enumerate() {
            ui.label(format!("{}. {step}", i + 1));
        }
        for caution in &exercise.cautions {
            ui.colored_label(ui.visuals().warn_fg_color, caution);
        }
    });
}

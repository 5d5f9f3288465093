//! The Settings screen: sound, spoken cues, countdown length, text size and
//! theme. Changes apply at once and are saved.

use egui::RichText;

use super::action::Action;
use super::widgets::page_ui;
use crate::app::settings::{COUNTDOWN_SECONDS, Saved, TEXT_SIZE_PERCENT, ThemeChoice};

/// Draws the settings; edits `saved` in place.
pub fn settings_ui(ui: &mut egui::Ui, saved: &mut Saved) -> Vec<Action> {
    let mut actions = Vec::new();
    page_ui(ui, "Settings", &mut actions, |ui, _| {
        ui.add_space(12.0);
        let text = |s: &str| RichText::new(s).size(18.0);
        ui.checkbox(&mut saved.sound, text("Sound cues"));
        ui.add_enabled_ui(saved.sound, |ui| {
            ui.horizontal(|ui| {
                ui.label(text("Volume"));
                let slider = ui.add(egui::Slider::new(&mut saved.volume, 0..=100).suffix(" %"));
                slider.widget_info(|| {
                    egui::WidgetInfo::slider(true, f64::from(saved.volume), "Volume")
                });
            });
            ui.checkbox(
                &mut saved.spoken_cues,
                text("Spoken cues (\"Hold\", \"Release\", counting)"),
            );
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(text("Get-ready countdown"));
            let slider = ui.add(
                egui::Slider::new(
                    &mut saved.countdown_seconds,
                    COUNTDOWN_SECONDS.0..=COUNTDOWN_SECONDS.1,
                )
                .suffix(" s"),
            );
            slider.widget_info(|| {
                egui::WidgetInfo::slider(
                    true,
                    f64::from(saved.countdown_seconds),
                    "Get-ready countdown",
                )
            });
        });
        ui.horizontal(|ui| {
            ui.label(text("Text size"));
            text_size_slider(ui, &mut saved.text_size_percent);
        });
        ui.add_space(8.0);
        ui.label(text("Theme"));
        ui.horizontal_wrapped(|ui| {
            for theme in ThemeChoice::ALL {
                ui.radio_value(&mut saved.theme, theme, text(theme.label()));
            }
        });
        ui.add_space(12.0);
        ui.label("Settings are saved at once. The countdown applies to the next session.");
    });
    actions
}

/// The text-size slider. The size applies when the slider is let go, not
/// while it is dragged: the window rescales with the text, and would move
/// the slider away from the pointer.
fn text_size_slider(ui: &mut egui::Ui, percent: &mut u32) {
    let draft_id = ui.scope_id().with("text-size-draft");
    let mut value = ui.data(|d| d.get_temp::<u32>(draft_id)).unwrap_or(*percent);
    let slider = ui.add(
        egui::Slider::new(&mut value, TEXT_SIZE_PERCENT.0..=TEXT_SIZE_PERCENT.1)
            .step_by(10.0)
            .suffix(" %"),
    );
    slider.widget_info(|| egui::WidgetInfo::slider(true, f64::from(value), "Text size"));
    if slider.dragged() || slider.is_pointer_button_down_on() {
        ui.data_mut(|d| d.insert_temp(draft_id, value));
    } else {
        ui.data_mut(|d| d.remove::<u32>(draft_id));
        *percent = value;
    }
}

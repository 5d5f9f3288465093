//! The Settings screen: sound, spoken cues, countdown length, text size and
//! theme. Changes apply at once and are saved.

use egui::RichText;

use super::action::Action;
use super::widgets::page_ui;
use crate::app::settings::{COUNTDOWN_SECONDS, Saved, TEXT_SIZE_PERCENT, Theme};

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
                number_slider(ui, &mut saved.volume, (0, 100), 1, Unit::Percent, "Volume");
            });
            ui.checkbox(
                &mut saved.spoken_cues,
                text("Spoken cues (\"Hold\", \"Release\", counting)"),
            );
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            ui.label(text("Get-ready countdown"));
            number_slider(
                ui,
                &mut saved.countdown_seconds,
                COUNTDOWN_SECONDS,
                1,
                Unit::Seconds,
                "Get-ready countdown",
            );
        });
        ui.horizontal(|ui| {
            ui.label(text("Text size"));
            text_size_slider(ui, &mut saved.text_size_percent);
        });
        ui.add_space(8.0);
        ui.label(text("Theme"));
        ui.horizontal(|ui| {
            for theme in Theme::ALL {
                ui.radio_value(&mut saved.theme, theme, text(theme.label()));
            }
        });
        ui.add_space(12.0);
        ui.label("Settings are saved at once. The countdown applies to the next session.");
    });
    actions
}

/// The unit of a number setting.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Percent,
    Seconds,
}

impl Unit {
    fn suffix(self) -> &'static str {
        match self {
            Self::Percent => " %",
            Self::Seconds => " s",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Self::Percent => "percent",
            Self::Seconds => "seconds",
        }
    }
}

/// A slider named `name` and, beside it, a box to type the number in,
/// named "`name` in percent": two controls, one name each. Returns the
/// two responses (the slider's, the box's).
fn number_slider(
    ui: &mut egui::Ui,
    value: &mut u32,
    range: (u32, u32),
    step: u32,
    unit: Unit,
    name: &str,
) -> (egui::Response, egui::Response) {
    let slider = ui.add(
        egui::Slider::new(value, range.0..=range.1)
            .step_by(f64::from(step))
            .show_value(false),
    );
    slider.widget_info(|| egui::WidgetInfo::slider(true, f64::from(*value), name));
    let typed = ui.add(
        egui::DragValue::new(value)
            .range(range.0..=range.1)
            .speed(f64::from(step))
            .suffix(unit.suffix()),
    );
    let typed_name = format!("{name} in {}", unit.words());
    typed.widget_info(|| egui::WidgetInfo::drag_value(true, f64::from(*value)));
    ui.ctx()
        .accesskit_node_builder(typed.id, |node| node.set_label(typed_name.as_str()));
    (slider, typed)
}

/// The text-size slider. The size applies when the slider is let go, not
/// while it is dragged: the window rescales with the text, and would move
/// the slider away from the pointer.
fn text_size_slider(ui: &mut egui::Ui, percent: &mut u32) {
    let draft_id = ui.scope_id().with("text-size-draft");
    let mut value = ui.data(|d| d.get_temp::<u32>(draft_id)).unwrap_or(*percent);
    let (slider, typed) = number_slider(
        ui,
        &mut value,
        TEXT_SIZE_PERCENT,
        10,
        Unit::Percent,
        "Text size",
    );
    let busy = |r: &egui::Response| r.dragged() || r.is_pointer_button_down_on();
    // A number being typed applies when the box is left or Enter pressed.
    if busy(&slider) || busy(&typed) || typed.has_focus() {
        ui.data_mut(|d| d.insert_temp(draft_id, value));
    } else {
        ui.data_mut(|d| d.remove::<u32>(draft_id));
        *percent = value;
    }
}

//! Text size and colour themes (light, dark, high contrast).

use egui::{Color32, Stroke, Visuals};

use crate::app::settings::Theme;

/// Applies a theme and a text size (percent) to the whole window.
pub fn apply(ctx: &egui::Context, theme: Theme, text_size_percent: u32) {
    let visuals = match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark => Visuals::dark(),
        Theme::HighContrast => high_contrast(),
    };
    ctx.set_visuals(visuals);
    ctx.set_zoom_factor(text_size_percent as f32 / 100.0);
}

fn high_contrast() -> Visuals {
    let mut v = Visuals::dark();
    let white = Color32::WHITE;
    let yellow = Color32::from_rgb(255, 230, 0);
    v.override_text_color = Some(white);
    v.panel_fill = Color32::BLACK;
    v.window_fill = Color32::BLACK;
    v.extreme_bg_color = Color32::BLACK;
    v.faint_bg_color = Color32::from_gray(20);
    v.warn_fg_color = yellow;
    v.hyperlink_color = yellow;
    v.selection.bg_fill = Color32::from_rgb(0, 80, 200);
    v.selection.stroke = Stroke::new(2.0, white);
    for w in [
        &mut v.widgets.noninteractive,
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.bg_stroke = Stroke::new(2.0, white);
        w.fg_stroke = Stroke::new(2.0, white);
        w.bg_fill = Color32::BLACK;
        w.weak_bg_fill = Color32::BLACK;
    }
    v.widgets.hovered.bg_stroke = Stroke::new(3.0, yellow);
    v.widgets.active.bg_stroke = Stroke::new(3.0, yellow);
    v
}

//! The keyboard shortcuts window (F1 or ?).

use egui::RichText;

use super::action::SHORTCUTS;

/// Shows the shortcuts in a window; `open` turns false when it is closed.
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([24.0, 8.0])
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(keys).strong().size(18.0));
                        ui.label(RichText::new(what).size(18.0));
                        ui.end_row();
                    }
                });
            ui.label("Esc or F1 closes this window.");
        });
}

//! The baseline for measuring neckguide's cost: a bare eframe window built
//! with the same eframe features, showing one label and asking for no
//! repaints. `scripts/measure-cost.sh` runs it beside the app.

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1024.0, 768.0]),
        ..Default::default()
    };
    eframe::run_ui_native("bare window", options, |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window");
        });
    })
}

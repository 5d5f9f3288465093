//! The baseline for measuring neckguide's cost: a bare eframe window built
//! with the same eframe features, showing one label. By default it asks for
//! no repaints; with `--every-second` it repaints once a second, as the app
//! does during a hold, which shows what one frame costs on this machine.
//! `scripts/measure-cost.sh` runs it beside the app.

use std::time::Duration;

fn main() -> eframe::Result {
    let every_second = std::env::args().any(|a| a == "--every-second");
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_inner_size([1024.0, 768.0]),
        ..Default::default()
    };
    eframe::run_ui_native("bare window", options, move |ui, _frame| {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("A bare eframe window");
            if every_second {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap_or_default();
                ui.label(format!("{}", now.as_secs() % 60));
                ui.ctx().request_repaint_after(Duration::from_millis(
                    1000 - u64::from(now.subsec_millis()),
                ));
            }
        });
    })
}

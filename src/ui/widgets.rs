//! Small widgets several screens share: the 0–10 pain scale, big buttons,
//! yes/no questions, the page frame and the footer.

use egui::{Button, RichText, Ui, Vec2};

use super::action::{PAIN_BUTTON, take_digit, take_key};
use crate::checkin::PAIN_SCALE_WORDS;

/// The words every screen carries at its foot.
pub const NOT_MEDICAL_ADVICE: &str = "neckguide is not medical advice. It shows the exercises your therapist or doctor gave you; follow their advice, and stop if your pain gets worse.";

/// The 0–10 pain scale: eleven buttons with the words at both ends. Digits
/// typed on the keyboard go into `typed` (so "1", "0" gives 10) and set the
/// rating at once. Returns true when Enter was pressed with a rating set.
pub fn pain_scale_ui(
    ui: &mut Ui,
    question: &str,
    rating: &mut Option<u8>,
    typed: &mut String,
) -> bool {
    ui.label(RichText::new(question).size(22.0).strong());
    ui.add_space(6.0);
    if let Some(d) = take_digit(ui) {
        typed.push(char::from(b'0' + d));
        if typed.len() > 2 || typed.parse::<u8>().map_or(true, |v| v > 10) {
            *typed = char::from(b'0' + d).to_string();
        }
        *rating = typed.parse::<u8>().ok().filter(|v| *v <= 10);
    }
    ui.horizontal_wrapped(|ui| {
        for value in 0..=10u8 {
            let selected = *rating == Some(value);
            let text = RichText::new(value.to_string()).size(22.0);
            let button = Button::selectable(selected, text).min_size(Vec2::new(44.0, 44.0));
            let response = ui.add(button);
            let label = match value {
                0 => format!("Pain 0 of 10, {}", PAIN_SCALE_WORDS.0),
                10 => format!("Pain 10 of 10, {}", PAIN_SCALE_WORDS.1),
                v => format!("Pain {v} of 10"),
            };
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label)
            });
            if response.clicked() {
                *rating = Some(value);
                typed.clear();
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label(format!("0 = {}", PAIN_SCALE_WORDS.0));
        ui.add_space(24.0);
        ui.label(format!("10 = {}", PAIN_SCALE_WORDS.1));
    });
    let enter = take_key(ui, egui::Key::Enter);
    if enter {
        typed.clear();
    }
    enter && rating.is_some()
}

/// A yes/no question; `answer` is `None` until answered.
pub fn yes_no_ui(ui: &mut Ui, question: &str, answer: &mut Option<bool>) {
    ui.label(RichText::new(question).size(18.0));
    ui.horizontal(|ui| {
        for (value, word) in [(true, "Yes"), (false, "No")] {
            let selected = *answer == Some(value);
            let response = ui.add(
                Button::selectable(selected, RichText::new(word).size(18.0))
                    .min_size(Vec2::new(72.0, 36.0)),
            );
            let label = format!("{word}: {question}");
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::RadioButton, true, selected, &label)
            });
            if response.clicked() {
                *answer = Some(value);
            }
        }
    });
}

/// A large primary button.
pub fn big_button(ui: &mut Ui, text: &str) -> egui::Response {
    ui.add(Button::new(RichText::new(text).size(24.0).strong()).min_size(Vec2::new(220.0, 56.0)))
}

/// The always-visible "My pain is worse — stop" button: large, red, unmistakable.
pub fn pain_button(ui: &mut Ui) -> egui::Response {
    let red = egui::Color32::from_rgb(190, 20, 20);
    let response = ui
        .add(
            Button::new(
                RichText::new(format!("{PAIN_BUTTON}   [P]"))
                    .size(26.0)
                    .strong()
                    .color(egui::Color32::WHITE),
            )
            .fill(red)
            .min_size(Vec2::new(ui.available_width().min(560.0), 64.0)),
        )
        .on_hover_text("Stops the session at once and records it");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, PAIN_BUTTON));
    response
}

/// A secondary page (History, Settings): the heading with a "Back to home"
/// button, Esc going home, the footer, and `contents` in a scrolling panel.
pub fn page_ui(
    ui: &mut Ui,
    title: &str,
    actions: &mut Vec<super::action::Action>,
    contents: impl FnOnce(&mut Ui, &mut Vec<super::action::Action>),
) {
    if take_key(ui, egui::Key::Escape) {
        actions.push(super::action::Action::Home);
    }
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(RichText::new(title).size(30.0).strong());
                if ui
                    .button(RichText::new("Back to home").size(18.0))
                    .clicked()
                {
                    actions.push(super::action::Action::Home);
                }
            });
            contents(ui, actions);
        });
    });
}

/// The not-medical-advice line at the foot of a screen.
pub fn footer(ui: &mut Ui) {
    egui::Panel::bottom("footer").show(ui, |ui| {
        ui.add_space(4.0);
        ui.label(RichText::new(NOT_MEDICAL_ADVICE).small());
        ui.add_space(4.0);
    });
}

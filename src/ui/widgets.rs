//! Small widgets several screens share: command buttons, the 0–10 pain
//! scale, yes/no questions, the page frame and the footer.

use egui::{Button, RichText, Ui, Vec2};

use super::action::Action;
use super::command::Command;
use super::keys;
use crate::checkin::PAIN_SCALE_WORDS;

/// The words every screen carries at its foot.
pub const NOT_MEDICAL_ADVICE: &str = "neckguide is not medical advice. It shows the exercises your therapist or doctor gave you; follow their advice, and stop if your pain gets worse.";

/// How a command button is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Look {
    /// The main action of a screen: large.
    Big,
    /// A session control, at least this many points wide.
    Control(f32),
    /// A plain button beside a heading or under a form.
    Small,
    /// The pain stop: large, red, unmistakable (a little smaller in a
    /// short window, so the countdown keeps its room).
    Pain,
    /// A session control where room is short: its name only, smaller.
    Compact,
}

/// Below this height (points), the pain button is 48 points tall, not 64.
const SHORT_WINDOW: f32 = 560.0;

/// Draws the button of `command`: its name with its first key in brackets,
/// and its name as the accessible name (disabled when `ui` is). Returns
/// whether it was clicked.
pub fn command_button(ui: &mut Ui, command: Command, look: Look) -> bool {
    let text = RichText::new(command.button_text());
    let button = match look {
        Look::Big => Button::new(text.size(24.0).strong()).min_size(Vec2::new(220.0, 56.0)),
        Look::Control(width) => Button::new(text.size(20.0)).min_size(Vec2::new(width, 44.0)),
        Look::Small => Button::new(text.size(18.0)),
        Look::Pain => {
            let palette = super::style::palette(ui.ctx());
            let short = ui.ctx().content_rect().height() < SHORT_WINDOW;
            let (size, height) = if short { (22.0, 48.0) } else { (26.0, 64.0) };
            Button::new(text.size(size).strong().color(palette.pain_text))
                .fill(palette.pain_fill)
                .min_size(Vec2::new(ui.available_width().min(560.0), height))
        }
        Look::Compact => {
            Button::new(RichText::new(command.name()).size(17.0)).min_size(Vec2::new(0.0, 38.0))
        }
    };
    let mut response = ui.add(button);
    if look == Look::Pain {
        response = response.on_hover_text(command.help());
    }
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, command.name()));
    response.clicked()
}

/// Reads a pain rating typed on the keyboard: digits go into `typed` (so
/// "1", "0" gives 10) and set the rating at once.
pub fn type_pain_rating(ui: &Ui, rating: &mut Option<u8>, typed: &mut String) {
    if let Some(d) = keys::take_digit(ui) {
        typed.push(char::from(b'0' + d));
        if typed.len() > 2 || typed.parse::<u8>().map_or(true, |v| v > 10) {
            *typed = char::from(b'0' + d).to_string();
        }
        *rating = typed.parse::<u8>().ok().filter(|v| *v <= 10);
    }
}

/// The 0–10 pain scale: eleven buttons with the words at both ends. (The
/// keyboard's digits are read by [`type_pain_rating`].)
pub fn pain_scale_ui(ui: &mut Ui, question: &str, rating: &mut Option<u8>, typed: &mut String) {
    ui.label(RichText::new(question).size(22.0).strong());
    ui.add_space(6.0);
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

/// A secondary page (History, Settings): the heading with a "Back to home"
/// button, Esc going home, the footer, and `contents` in a scrolling panel.
pub fn page_ui(
    ui: &mut Ui,
    title: &str,
    actions: &mut Vec<Action>,
    contents: impl FnOnce(&mut Ui, &mut Vec<Action>),
) {
    let pressed = keys::pressed(ui, &[Command::Home]);
    actions.extend(pressed.into_iter().map(Action::from));
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(RichText::new(title).size(30.0).strong());
                if command_button(ui, Command::Home, Look::Small) {
                    actions.push(Command::Home.into());
                }
            });
            contents(ui, actions);
        });
    });
}

/// The not-medical-advice words, at a size that can be read.
pub fn medical_advice_ui(ui: &mut Ui) {
    ui.label(RichText::new(NOT_MEDICAL_ADVICE).size(15.0));
}

/// The not-medical-advice line at the foot of a screen.
pub fn footer(ui: &mut Ui) {
    egui::Panel::bottom("footer").show(ui, |ui| {
        ui.add_space(4.0);
        medical_advice_ui(ui);
        ui.add_space(4.0);
    });
}

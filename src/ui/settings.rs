//! The Settings screen: sound, spoken guidance, countdown length, text size and
//! theme. Changes apply at once and are saved when done: a slider when it
//! is let go, a typed number when its box is left, not on every frame of
//! a drag.

use egui::RichText;

use super::action::Action;
use super::widgets::page_ui;
use crate::app::settings::{COUNTDOWN_SECONDS, Settings, TEXT_SIZE_PERCENT, ThemeChoice};
use crate::reminders::{Day, DayTime};

/// The label of the switch of the moving figure (its accessible name too).
pub const MOVING_PICTURES: &str = "Moving pictures (the figure moves with each hold)";

/// The label of the reminders switch.
pub const REMIND_ME: &str = "Remind me";

/// The label of the spoken guidance switch (`spoken_cues`).
pub const SPOKEN_GUIDANCE: &str = "Spoken guidance";

/// The label of the switch for the steps read aloud (`read_steps`).
pub const READ_STEPS: &str = "Read the steps aloud";

/// What the settings show about reminders.
pub struct RemindersView<'a> {
    /// Whether reminders are on.
    pub on: bool,
    /// Why the agent could not show reminders.
    pub problem: Option<&'a str>,
}

/// Draws the settings; edits `saved` in place. `speech` says which voice
/// speaks the spoken guidance. Asks for [`Action::SaveSettings`] in each
/// frame in which no control is in the middle of a change.
pub fn settings_ui(
    ui: &mut egui::Ui,
    saved: &mut Settings,
    reminders: &RemindersView<'_>,
    speech: &str,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut changing = false;
    page_ui(ui, "Settings", &mut actions, |ui, actions| {
        ui.add_space(12.0);
        let text = |s: &str| RichText::new(s).size(18.0);
        ui.checkbox(&mut saved.sound, text("Sound cues"));
        ui.add_enabled_ui(saved.sound, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(text("Volume"));
                let volume =
                    number_slider(ui, &mut saved.volume, (0, 100), 1, Unit::Percent, "Volume");
                changing |= mid_change(&volume);
            });
            ui.checkbox(&mut saved.spoken_cues, text(SPOKEN_GUIDANCE))
                .on_hover_text("Exercise names, phases and counting, said aloud");
            ui.add_enabled_ui(saved.spoken_cues, |ui| {
                ui.checkbox(&mut saved.read_steps, text(READ_STEPS))
                    .on_hover_text("The steps of each exercise, once, while you get into position");
                // Which voice speaks, as last found (looked for again
                // when Settings is shown).
                ui.label(RichText::new(speech).size(16.0));
            });
        });
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(text("Get-ready countdown"));
            let countdown = number_slider(
                ui,
                &mut saved.countdown_seconds,
                COUNTDOWN_SECONDS,
                1,
                Unit::Seconds,
                "Get-ready countdown",
            );
            changing |= mid_change(&countdown);
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(text("Text size"));
            changing |= text_size_slider(ui, &mut saved.text_size_percent);
        });
        ui.add_space(8.0);
        ui.label(text("Theme"));
        ui.horizontal_wrapped(|ui| {
            for theme in ThemeChoice::ALL {
                ui.radio_value(&mut saved.theme, theme, text(theme.label()));
            }
        });
        ui.add_space(8.0);
        ui.checkbox(&mut saved.moving_pictures, text(MOVING_PICTURES));
        ui.add_space(12.0);
        changing |= reminders_ui(ui, saved, reminders, actions);
        ui.add_space(12.0);
        ui.label("Settings are saved at once. The countdown applies to the next session.");
    });
    if !changing {
        actions.push(Action::SaveSettings);
    }
    actions
}

/// Whether a number setting's slider or box (as [`number_slider`] returns
/// them) is in the middle of a change: the slider held or dragged, a number
/// being typed in the box (it has the focus) or the box dragged.
fn mid_change((slider, typed): &(egui::Response, egui::Response)) -> bool {
    let held = |r: &egui::Response| r.dragged() || r.is_pointer_button_down_on();
    held(slider) || held(typed) || typed.has_focus()
}

/// The unit of a number setting.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Percent,
    Seconds,
    /// An hour of the day, shown as "14:00".
    Hour,
}

impl Unit {
    fn suffix(self) -> &'static str {
        match self {
            Self::Percent => " %",
            Self::Seconds => " s",
            Self::Hour => ":00",
        }
    }

    /// The name of the box the number is typed in, for a setting `name`.
    fn typed_name(self, name: &str) -> String {
        match self {
            Self::Percent => format!("{name} in percent"),
            Self::Seconds => format!("{name} in seconds"),
            Self::Hour => format!("{name}, hour of the day"),
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
    let typed_name = unit.typed_name(name);
    typed.widget_info(|| egui::WidgetInfo::drag_value(true, f64::from(*value)));
    ui.ctx()
        .accesskit_node_builder(typed.id, |node| node.set_label(typed_name.as_str()));
    (slider, typed)
}

/// "Remind me" (the agent and its autostart entry), the first and last
/// reminder of a day and the days. Returns whether an hour is in the middle
/// of a change ([`mid_change`]).
fn reminders_ui(
    ui: &mut egui::Ui,
    saved: &mut Settings,
    view: &RemindersView<'_>,
    actions: &mut Vec<Action>,
) -> bool {
    let mut changing = false;
    let text = |s: &str| RichText::new(s).size(18.0);
    let mut on = view.on;
    if ui
        .checkbox(&mut on, text(REMIND_ME))
        .on_hover_text("A notification when a session is due, even with this window closed")
        .changed()
    {
        actions.push(Action::SetReminders(on));
    }
    if let Some(problem) = view.problem {
        ui.label(RichText::new(problem).color(ui.visuals().warn_fg_color));
    }
    let r = &mut saved.reminders;
    // Picked times (settings.json) take the place of the first and last.
    if !r.picked.is_empty() {
        ui.label(text(&picked_times_text(&r.picked)));
    }
    for (label, time) in [
        ("First reminder", &mut r.first),
        ("Last reminder", &mut r.last),
    ]
    .into_iter()
    .filter(|_| r.picked.is_empty())
    {
        ui.horizontal(|ui| {
            ui.label(text(label));
            let mut hour = u32::from(time.hour());
            changing |= mid_change(&number_slider(ui, &mut hour, (0, 23), 1, Unit::Hour, label));
            if hour != u32::from(time.hour())
                && let Some(t) = u8::try_from(hour).ok().and_then(|h| DayTime::new(h, 0))
            {
                *time = t;
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(text("Days"));
        for day in Day::ALL {
            let mut checked = r.days.contains(&day);
            if ui.checkbox(&mut checked, day.label()).changed() {
                r.days.retain(|d| *d != day);
                if checked {
                    r.days.push(day);
                    r.days.sort_by_key(|d| Day::ALL.iter().position(|x| x == d));
                }
            }
        }
    });
    changing
}

/// What Settings says of picked times, in force instead of the first and
/// last reminder.
fn picked_times_text(picked: &[DayTime]) -> String {
    let mut times = picked.to_vec();
    times.sort();
    times.dedup();
    let times: Vec<String> = times.iter().map(ToString::to_string).collect();
    format!(
        "Reminders at the times picked in settings.json: {}. To spread them from a first to a last reminder instead, remove \"picked\" from that file.",
        times.join(", ")
    )
}

/// The text-size slider. The size applies when the slider is let go, not
/// while it is dragged: the window rescales with the text, and would move
/// the slider away from the pointer. Returns whether it is in the middle of
/// a change ([`mid_change`]).
fn text_size_slider(ui: &mut egui::Ui, percent: &mut u32) -> bool {
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
    // A number being typed applies when the box is left or Enter pressed.
    let changing = mid_change(&(slider, typed));
    if changing {
        ui.data_mut(|d| d.insert_temp(draft_id, value));
    } else {
        ui.data_mut(|d| d.remove::<u32>(draft_id));
        *percent = value;
    }
    changing
}

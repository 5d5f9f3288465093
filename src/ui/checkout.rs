//! The check-out after a session: pain now and an optional note, then the
//! record is saved.

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::widgets::{
    FirstFocus, Look, command_button, focus_first, footer, pain_scale_ui, screen_scroll_ui,
    type_pain_rating,
};
use crate::app::runner::SessionView;
use crate::session::Outcome;

/// The answers so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckOut {
    /// Pain now, 0–10.
    pub pain: Option<u8>,
    /// Digits typed for the pain rating.
    pub typed: String,
    /// A short note for the therapist.
    pub note: String,
}

/// The longest note, in characters.
const NOTE_CHARS: usize = 500;

/// Draws the check-out.
pub fn checkout_ui(
    ui: &mut egui::Ui,
    state: &mut CheckOut,
    live: Option<&SessionView>,
) -> Vec<Action> {
    let typed_now = type_pain_rating(ui, &mut state.pain, &mut state.typed);
    // Saving needs a pain rating; until there is one, Enter only ends the
    // typed number.
    let offered: &[Command] = if state.pain.is_some() {
        &[Command::SaveCheckOut]
    } else {
        &[]
    };
    let mut actions: Vec<Action> = keys::pressed(ui, offered)
        .into_iter()
        .filter_map(Action::of)
        .collect();
    let rating_end = !state.typed.is_empty() && keys::take_rating_end(ui);
    if !actions.is_empty() || rating_end {
        state.typed.clear();
    }
    // A typed rating ended with Enter: the focus moves to Save, so the next
    // Enter saves the rating that shows selected.
    if rating_end && state.pain.is_some() && actions.is_empty() {
        focus_first(ui.ctx(), FirstFocus::Command(Command::SaveCheckOut));
    }
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            let outcome = live.and_then(|l| l.session.outcome());
            let title = match outcome {
                Some(Outcome::EndedEarly) => "Session ended",
                _ => "Well done: session complete",
            };
            // Said as the check-out shows: "Well done: session complete".
            let heading = a11y::heading(ui, RichText::new(title).size(30.0).strong(), 1);
            a11y::set_live(ui, &heading, a11y::Urgency::Polite);
            // The question first: it shows with the title in the smallest
            // window (640x480 pixels, 200 % text); what was done follows.
            ui.add_space(8.0);
            pain_scale_ui(
                ui,
                "How much pain do you have now?",
                &mut state.pain,
                &mut state.typed,
                typed_now,
            );
            ui.add_space(12.0);
            if let Some(state) = live {
                for p in state.session.progress() {
                    let name = state
                        .session
                        .schedule()
                        .exercises
                        .iter()
                        .find(|e| e.exercise.id == p.id)
                        .map_or(p.id.as_str(), |e| e.exercise.name.as_str());
                    let (one, many) = match p.unit {
                        crate::session::DoneUnit::Holds => ("hold", "holds"),
                        crate::session::DoneUnit::Seconds => ("second", "seconds"),
                    };
                    let skipped = if p.skipped { " (skipped)" } else { "" };
                    let done = crate::plural::of(p.done, p.prescribed, one, many);
                    ui.label(format!("{name}: {done}{skipped}"));
                }
            }
            ui.add_space(12.0);
            ui.label("A short note for your physical therapist (optional):");
            let edit = ui.add(
                egui::TextEdit::multiline(&mut state.note)
                    .char_limit(NOTE_CHARS)
                    .desired_rows(3)
                    // At the answers' size: at 14 points the strokes are
                    // thinner than a pixel and read lighter than their
                    // colour (3.7:1 measured on the light page).
                    .hint_text(RichText::new("How did it go?").size(18.0)),
            );
            edit.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    "Note for your physical therapist",
                )
            });
            ui.add_space(12.0);
            let ready = state.pain.is_some();
            let save = ui
                .add_enabled_ui(ready, |ui| {
                    command_button(ui, Command::SaveCheckOut, Look::Big)
                })
                .inner;
            if save {
                actions.extend(Action::of(Command::SaveCheckOut));
            }
            if !ready {
                ui.label("Rate your pain to save the session.");
            }
        });
    });
    actions
}

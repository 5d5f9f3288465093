//! The check-in before a session: pain now (0–10), where arm symptoms are,
//! and once a day the morning's pain against yesterday morning's (when the
//! log has an earlier day) and the warning signs. Any warning sign blocks
//! the session until the person says their doctor or physical therapist has
//! cleared them. When the outcome measures are due they are offered
//! above Start, and answered on a page of their own (`ui/measures.rs`).

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::measures::{MeasuresStep, offer_ui, questionnaire_ui};
use super::widgets::{
    FirstFocus, Look, arm_symptoms_ui, choice_ui, command_button, focus_first, footer,
    pain_scale_ui, screen_scroll_ui, type_pain_rating, yes_no_ui,
};
use crate::checkin::{Advice, ArmSymptoms, DailyCheck, MorningComparison, WarningSign};

/// What has been answered so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckIn {
    /// Pain now, 0–10.
    pub pain: Option<u8>,
    /// Digits typed for the pain rating.
    pub typed: String,
    /// Numbness, tingling or weakness in the arm or hand: where.
    pub arm: Option<ArmSymptoms>,
    /// Whether the morning's pain is compared with yesterday morning's
    /// (with today's warning signs, when the log has an earlier day).
    pub ask_compared: bool,
    /// The morning's pain against yesterday morning's.
    pub compared: Option<MorningComparison>,
    /// Answers to the warning signs, in [`WarningSign::ALL`] order.
    pub signs: [Option<bool>; 4],
    /// Today's earlier answers, when the signs were already asked today.
    pub daily: Option<DailyCheck>,
    /// The person said they were cleared.
    pub cleared: bool,
    /// The outcome measures: not due, offered, being answered, saved or
    /// put off.
    pub measures: MeasuresStep,
}

impl CheckIn {
    fn signs_yes(&self) -> Vec<WarningSign> {
        WarningSign::ALL
            .iter()
            .zip(self.signs)
            .filter(|(_, a)| *a == Some(true))
            .map(|(s, _)| *s)
            .collect()
    }

    /// The advice from today's answers.
    pub fn advice(&self) -> Advice {
        match &self.daily {
            Some(d) => d.advice(),
            None => Advice::for_signs(&self.signs_yes()),
        }
    }

    /// Whether everything asked is answered and nothing blocks a session.
    pub fn ready(&self, daily_needed: bool) -> bool {
        let daily_answered = self.signs.iter().all(Option::is_some)
            && (!self.ask_compared || self.compared.is_some());
        let answered = self.pain.is_some()
            && self.arm.is_some()
            && (!daily_needed || self.daily.is_some() || daily_answered);
        answered
            && (self.advice() == Advice::None
                || self.cleared
                || self.daily.as_ref().is_some_and(|d| d.cleared))
    }

    /// Today's answers to save, if the signs were asked now.
    pub fn daily_answers(&self, date: &str) -> Option<DailyCheck> {
        if self.daily.is_some() || self.signs.iter().any(Option::is_none) {
            return None;
        }
        Some(DailyCheck {
            date: date.to_owned(),
            yes: self.signs_yes(),
            cleared: self.cleared,
            compared: self.compared.filter(|_| self.ask_compared),
        })
    }
}

/// Why Start is disabled: a warning sign answered yes and not cleared, or
/// questions not answered yet.
fn not_ready_reason(state: &CheckIn, daily_needed: bool) -> &'static str {
    let cleared = state.cleared || state.daily.as_ref().is_some_and(|d| d.cleared);
    let ask_daily = daily_needed && state.daily.is_none();
    let answered_signs = !ask_daily || state.signs.iter().all(Option::is_some);
    if state.advice() != Advice::None && answered_signs && !cleared {
        "You answered yes to a warning sign: see the advice above. You can start once your doctor or physical therapist has cleared you."
    } else {
        "Answer the questions above to start."
    }
}

/// Draws the check-in.
pub fn checkin_ui(ui: &mut egui::Ui, state: &mut CheckIn, daily_needed: bool) -> Vec<Action> {
    let mut actions: Vec<Action> = keys::pressed(ui, &[Command::Home])
        .into_iter()
        .filter_map(Action::of)
        .collect();
    if state.measures.answering() {
        // The check-in's keys (digits, Y, N) are not read on this page.
        actions.extend(questionnaire_ui(ui, &mut state.measures));
        return actions;
    }
    // N answers "None" to the arm question; then Y or N answers the first
    // warning sign not yet answered. Symptoms in the arm are chosen on
    // their buttons (Tab, then Space), never guessed from a yes. B, S or W
    // compares this morning with yesterday's.
    let was_ready = state.ready(daily_needed);
    let ask_daily = daily_needed && state.daily.is_none();
    if let Some(answer) = keys::take_morning(ui)
        && ask_daily
        && state.ask_compared
    {
        state.compared = Some(answer);
    }
    for value in keys::take_answers(ui) {
        if state.arm.is_none() {
            if !value {
                state.arm = Some(ArmSymptoms::None);
            }
            continue;
        }
        let next = state
            .signs
            .iter_mut()
            .filter(|_| ask_daily)
            .find(|a| a.is_none());
        if let Some(answer) = next {
            *answer = Some(value);
        }
    }
    let typed_now = type_pain_rating(ui, &mut state.pain, &mut state.typed);
    // Starting needs every answer; until then Space and Enter are left
    // alone, except that Enter ends a typed pain rating.
    let offered: &[Command] = if state.ready(daily_needed) {
        &[Command::StartSession]
    } else {
        &[]
    };
    let start_key = !keys::pressed(ui, offered).is_empty();
    let rating_end = !state.typed.is_empty() && keys::take_rating_end(ui);
    if start_key || rating_end {
        state.typed.clear();
    }
    // The last answer given by key (or a typed rating ended with Enter when
    // all else is answered) moves the focus to Start, so the next Enter
    // starts, as its label says.
    if state.ready(daily_needed) && (!was_ready || rating_end) && !start_key {
        focus_first(ui.ctx(), FirstFocus::Command(Command::StartSession));
    }
    footer(ui);
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            a11y::heading(ui, RichText::new("Before you start").size(28.0).strong(), 1);
            ui.add_space(8.0);
            pain_scale_ui(
                ui,
                "How much pain do you have right now?",
                &mut state.pain,
                &mut state.typed,
                typed_now,
            );
            ui.add_space(12.0);
            arm_symptoms_ui(ui, ArmSymptoms::QUESTION, &mut state.arm);
            if ask_daily && state.ask_compared {
                ui.add_space(12.0);
                let compared: Vec<(MorningComparison, &str)> = MorningComparison::ALL
                    .iter()
                    .map(|c| (*c, c.words()))
                    .collect();
                choice_ui(
                    ui,
                    MorningComparison::QUESTION,
                    &compared,
                    &mut state.compared,
                );
            }
            if ask_daily {
                ui.add_space(12.0);
                a11y::heading(
                    ui,
                    RichText::new("Once a day: warning signs")
                        .size(20.0)
                        .strong(),
                    2,
                );
                for (sign, answer) in WarningSign::ALL.iter().zip(state.signs.iter_mut()) {
                    yes_no_ui(ui, sign.question(), answer);
                }
            }
            let advice = state.advice();
            let answered_signs = !ask_daily || state.signs.iter().all(Option::is_some);
            if advice != Advice::None && answered_signs {
                ui.add_space(12.0);
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(2.0, ui.visuals().warn_fg_color))
                    .show(ui, |ui| {
                        let words = ui.label(
                            RichText::new(advice.message())
                                .size(20.0)
                                .strong()
                                .color(ui.visuals().warn_fg_color),
                        );
                        // Said at once as it shows: it asks the person not
                        // to start.
                        a11y::set_live(ui, &words, a11y::Urgency::Assertive);
                        let mut cleared =
                            state.cleared || state.daily.as_ref().is_some_and(|d| d.cleared);
                        let before = cleared;
                        ui.checkbox(&mut cleared, Command::Cleared.name());
                        if cleared && !before {
                            actions.extend(Action::of(Command::Cleared));
                        }
                    });
            }
            ui.add_space(16.0);
            // Last before Start: the pain scale keeps the top, where the
            // focus starts, and the offer is passed on the way to Start.
            offer_ui(ui, &mut state.measures);
            let ready = state.ready(daily_needed);
            let start = ui
                .add_enabled_ui(ready, |ui| {
                    command_button(ui, Command::StartSession, Look::Big)
                })
                .inner;
            if start || (start_key && ready) {
                actions.extend(Action::of(Command::StartSession));
            }
            if !ready {
                ui.label(not_ready_reason(state, daily_needed));
            }
            ui.add_space(8.0);
            if command_button(ui, Command::Home, Look::Small) {
                actions.extend(Action::of(Command::Home));
            }
        });
    });
    actions
}

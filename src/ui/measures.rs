//! The outcome measures at the check-in: the offer above Start ("Answer
//! the outcome measures" or "Not now") and the questionnaire itself (the
//! model's [`Questionnaire`]): neck and arm pain now, the PSFS activities
//! each rated 0–10 (added, retired or rated again, never renamed) and, from
//! the second time, the global rating of change. Every answer is a row of
//! buttons that act as radio buttons, reached with Tab and chosen with
//! Space or Enter.

use egui::RichText;

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::widgets::{
    Look, choice_ui, command_button, command_button_on, footer, rating_row_ui, screen_opened,
    screen_scroll_ui,
};
use crate::due::{MeasuresDue, Questionnaire, measure_words as words};
use crate::log::record::{Groc, MAX_PSFS_ACTIVITIES};
use crate::routine::escape;

/// Where the check-in is with the outcome measures.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum MeasuresStep {
    /// Not due today.
    #[default]
    NotDue,
    /// Due: offered above the check-in's Start.
    Offered(MeasuresDue),
    /// Being answered.
    Answering {
        /// The answers so far.
        questionnaire: Questionnaire,
        /// Why the activity typed could not be added, until the next try.
        problem: Option<&'static str>,
    },
    /// Answered and saved.
    Saved,
    /// Put off: asked again at the next session.
    Later,
}

impl MeasuresStep {
    /// Whether the questionnaire is showing (instead of the check-in's
    /// questions).
    pub fn answering(&self) -> bool {
        matches!(self, MeasuresStep::Answering { .. })
    }
}

/// The offer, or what became of it, above the check-in's Start.
pub(super) fn offer_ui(ui: &mut egui::Ui, step: &mut MeasuresStep) {
    let words = match step {
        MeasuresStep::NotDue | MeasuresStep::Answering { .. } => return,
        MeasuresStep::Offered(due) if due.first => {
            "Outcome measures: a few questions about your pain and the activities that are hard for you, to see how you are getting on. About two minutes."
        }
        MeasuresStep::Offered(_) => {
            "Outcome measures: time for the same few questions again, to see what has changed."
        }
        MeasuresStep::Saved => "Your outcome measures are saved: History shows how they change.",
        MeasuresStep::Later => "The outcome measures will be asked again at your next session.",
    };
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(words).size(18.0));
        if let MeasuresStep::Offered(due) = step {
            let mut next = None;
            ui.horizontal_wrapped(|ui| {
                if command_button(ui, Command::AnswerMeasures, Look::Small) {
                    next = Some(MeasuresStep::Answering {
                        questionnaire: Questionnaire::new(due),
                        problem: None,
                    });
                }
                if command_button(ui, Command::MeasuresNotNow, Look::Small) {
                    next = Some(MeasuresStep::Later);
                }
            });
            if let Some(next) = next {
                // The questionnaire, or the check-in again, from its top.
                screen_opened(ui.ctx());
                *step = next;
            }
        }
    });
    ui.add_space(12.0);
}

/// The questionnaire, in place of the check-in's questions.
pub(super) fn questionnaire_ui(ui: &mut egui::Ui, step: &mut MeasuresStep) -> Vec<Action> {
    let mut actions = Vec::new();
    let mut next = None;
    footer(ui);
    let MeasuresStep::Answering {
        questionnaire: q,
        problem,
    } = step
    else {
        return actions;
    };
    egui::CentralPanel::default().show(ui, |ui| {
        screen_scroll_ui(ui, |ui| {
            a11y::heading(ui, RichText::new("Outcome measures").size(28.0).strong(), 1);
            ui.add_space(8.0);
            rating_row_ui(ui, words::NECK_PAIN, &mut q.neck_pain);
            ui.add_space(12.0);
            rating_row_ui(ui, words::ARM_PAIN, &mut q.arm_pain);
            ui.add_space(12.0);
            a11y::heading(
                ui,
                RichText::new("Activities that are hard for you")
                    .size(20.0)
                    .strong(),
                2,
            );
            ui.label(
                RichText::new(if q.first {
                    words::PSFS_FIRST
                } else {
                    words::PSFS_AGAIN
                })
                .size(16.0),
            );
            let mut toggle = None;
            for (index, answer) in q.activities.iter_mut().enumerate() {
                ui.add_space(8.0);
                let name = escape(answer.activity.as_str()).into_owned();
                if answer.retired {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("Retired: {name}")).size(18.0));
                        if command_button_on(ui, Command::KeepActivity, &[&name], Look::Small, true)
                        {
                            toggle = Some(index);
                        }
                    });
                    continue;
                }
                rating_row_ui(
                    ui,
                    &format!("How well can you do this now: {name}?"),
                    &mut answer.score,
                );
                let command = if answer.earlier {
                    Command::RetireActivity
                } else {
                    Command::RemoveActivity
                };
                if command_button_on(ui, command, &[&name], Look::Small, true) {
                    toggle = Some(index);
                }
            }
            if let Some(index) = toggle {
                q.retire_or_keep(index);
            }
            if q.active() < MAX_PSFS_ACTIVITIES {
                ui.add_space(8.0);
                ui.label(RichText::new("Add an activity, in your own words:").size(18.0));
                ui.horizontal_wrapped(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut q.new_activity)
                            // The same field however many activities are
                            // above it, so it keeps the focus.
                            .id_salt("new-activity")
                            .hint_text("For example: reversing the car")
                            .desired_width(ui.available_width().min(320.0)),
                    );
                    field.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, words::NEW_ACTIVITY)
                    });
                    let entered =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if command_button(ui, Command::AddActivity, Look::Small) || entered {
                        *problem = q.add_typed().err();
                        if entered {
                            // Typed and entered: the next one is typed there too.
                            field.request_focus();
                        }
                    }
                });
                if let Some(problem) = problem {
                    ui.label(RichText::new(*problem).color(ui.visuals().warn_fg_color));
                }
            }
            if !q.first {
                ui.add_space(12.0);
                a11y::heading(ui, RichText::new("Overall").size(20.0).strong(), 2);
                let choices: Vec<(i8, String)> = Groc::ALL
                    .iter()
                    .map(|g| {
                        let sign = if g.get() > 0 { "+" } else { "" };
                        (g.get(), format!("{sign}{} {}", g.get(), g.words()))
                    })
                    .collect();
                let choices: Vec<(i8, &str)> =
                    choices.iter().map(|(v, w)| (*v, w.as_str())).collect();
                choice_ui(ui, words::GROC, &choices, &mut q.groc);
            }
            ui.add_space(16.0);
            let answers = q.answers();
            ui.horizontal_wrapped(|ui| {
                if command_button_on(
                    ui,
                    Command::SaveMeasures,
                    &[],
                    Look::Small,
                    answers.is_some(),
                ) && let Some(answers) = answers
                {
                    screen_opened(ui.ctx());
                    actions.push(Action::SaveMeasures(answers));
                }
                if command_button(ui, Command::MeasuresNotNow, Look::Small) {
                    next = Some(MeasuresStep::Later);
                }
            });
            if let Some(missing) = q.missing() {
                ui.label(missing);
            }
        });
    });
    if let Some(next) = next {
        screen_opened(ui.ctx());
        *step = next;
    }
    actions
}

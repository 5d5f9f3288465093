//! The session screen: the exercise, its picture and steps, a big countdown
//! with a progress bar, repetition and set, what comes next, the controls,
//! and — always visible — "My pain is worse — stop".

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use egui::{Align, Layout, RichText};

use super::action::{Action, take_key};
use super::digits::big_digits;
use super::widgets::pain_button;
use crate::app::catalog;
use crate::app::runner::SessionRunner;
use crate::assets;
use crate::exercise::{Exercise, Image};
use crate::schedule::{RestKind, StepKind};
use crate::session::{PauseReason, Phase};

/// What the person should be doing, in a few words.
pub fn phase_title(phase: Phase, exercise: Option<&Exercise>) -> String {
    match phase {
        Phase::Ready => "Ready".to_owned(),
        Phase::Position { to } => format!("Get into position: {}", to.label().to_lowercase()),
        Phase::Between => "Short pause".to_owned(),
        Phase::GetReady => "Get ready".to_owned(),
        Phase::Hold {
            direction: Some(d), ..
        } => format!("Hold: {}", d.label().to_lowercase()),
        Phase::Hold { .. } => "Hold".to_owned(),
        Phase::Rest {
            between: RestKind::Directions,
        } => "Relax".to_owned(),
        Phase::Rest {
            between: RestKind::Sets,
        } => "Rest between sets".to_owned(),
        Phase::Rest { .. } => "Release and rest".to_owned(),
        Phase::Timed => match exercise {
            Some(e) => format!("Stay in position: {}", e.position.label().to_lowercase()),
            None => "Stay in position".to_owned(),
        },
        Phase::Practice { .. } => "Practise".to_owned(),
        Phase::Paused {
            reason: PauseReason::TimeJump,
            ..
        } => "Paused: the computer was asleep".to_owned(),
        Phase::Paused { .. } => "Paused".to_owned(),
        Phase::Completed => "Session complete".to_owned(),
        Phase::EndedEarly => "Session ended".to_owned(),
        Phase::StoppedForPain => "Session stopped".to_owned(),
    }
}

fn big_clock(seconds: u64) -> String {
    if seconds >= 60 {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    } else {
        seconds.to_string()
    }
}

/// Draws the session screen.
pub fn session_ui(
    ui: &mut egui::Ui,
    live: &SessionRunner,
    now: Instant,
    confirm_end: bool,
    image_dir: Option<&Path>,
) -> Vec<Action> {
    let mut actions = Vec::new();
    // The pain key first: it works from every state of this screen.
    if take_key(ui, egui::Key::P) {
        actions.push(Action::PainWorse);
    }
    if confirm_end {
        if take_key(ui, egui::Key::Enter) {
            actions.push(Action::ConfirmEnd);
        }
        if take_key(ui, egui::Key::Escape) {
            actions.push(Action::CancelEnd);
        }
    } else {
        if take_key(ui, egui::Key::Space) {
            actions.push(Action::PauseResume);
        }
        if take_key(ui, egui::Key::Enter) {
            actions.push(Action::Continue);
        }
        if take_key(ui, egui::Key::N) || take_key(ui, egui::Key::ArrowRight) {
            actions.push(Action::Next);
        }
        if take_key(ui, egui::Key::ArrowLeft) {
            actions.push(Action::Back);
        }
        if take_key(ui, egui::Key::Escape) {
            actions.push(Action::AskEnd);
        }
    }

    let state = live.lock();
    let session = &state.session;
    let phase = session.phase();
    let schedule = session.schedule();
    let exercise_index = session.exercise_index();
    let scheduled = session.exercise();
    let exercise = scheduled.map(|s| &s.exercise);
    let step_kind = match phase {
        Phase::Paused { step, .. } => Some(step),
        _ => session.step().map(|s| s.kind),
    };

    egui::Panel::top("session-top").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} · exercise {} of {}",
                    state.meta.routine.name,
                    exercise_index + 1,
                    schedule.exercises.len()
                ))
                .size(18.0),
            );
        });
        ui.add_space(4.0);
        if pain_button(ui).clicked() {
            actions.push(Action::PainWorse);
        }
        ui.add_space(6.0);
    });

    egui::Panel::bottom("session-controls").show(ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            let big = |text: &str| RichText::new(text).size(20.0);
            let paused = phase.is_paused();
            let pause_label = if paused {
                "Resume [Space]"
            } else {
                "Pause [Space]"
            };
            let pause = ui.add_enabled(
                !phase.is_final(),
                egui::Button::new(big(pause_label)).min_size(egui::vec2(150.0, 44.0)),
            );
            pause.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    !phase.is_final(),
                    if paused { "Resume" } else { "Pause" },
                )
            });
            if pause.clicked() {
                actions.push(Action::PauseResume);
            }
            let can_continue = matches!(
                phase,
                Phase::Position { .. } | Phase::Between | Phase::Practice { .. }
            );
            let cont_text = if matches!(phase, Phase::Practice { .. }) {
                "Done"
            } else {
                "Continue"
            };
            let cont = ui.add_enabled(
                can_continue,
                egui::Button::new(big(&format!("{cont_text} [Enter]")))
                    .min_size(egui::vec2(150.0, 44.0)),
            );
            cont.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, can_continue, cont_text)
            });
            if cont.clicked() {
                actions.push(Action::Continue);
            }
            let back =
                ui.add(egui::Button::new(big("Back [Left]")).min_size(egui::vec2(120.0, 44.0)));
            back.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Back"));
            if back.clicked() {
                actions.push(Action::Back);
            }
            let skip = ui.add(egui::Button::new(big("Skip [N]")).min_size(egui::vec2(120.0, 44.0)));
            skip.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Skip"));
            if skip.clicked() {
                actions.push(Action::Next);
            }
            let end = ui
                .add(egui::Button::new(big("End session [Esc]")).min_size(egui::vec2(150.0, 44.0)));
            end.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "End session"));
            if end.clicked() {
                actions.push(Action::AskEnd);
            }
        });
        ui.add_space(6.0);
    });

    egui::CentralPanel::default().show(ui, |ui| {
        // The picture and the countdown shrink with the room there is (a
        // small window, or large text), so both stay in view.
        let room = ui.available_size();
        let scale = (room.x / 1000.0).min(room.y / 560.0).clamp(0.45, 1.0);
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.with_layout(
                Layout::left_to_right(Align::Min).with_main_wrap(true),
                |ui| {
                    if let Some(e) = exercise {
                        picture(ui, e, image_dir, scale);
                    }
                    ui.vertical(|ui| {
                        if let Some(e) = exercise {
                            ui.label(RichText::new(&e.name).size(32.0).strong());
                            ui.label(RichText::new(e.position.label()).size(18.0));
                        }
                        ui.add_space(8.0);
                        let title = phase_title(phase, exercise);
                        ui.label(RichText::new(&title).size(30.0).strong());
                        let seconds = session.seconds_left(now);
                        if let Some(seconds) = seconds {
                            ui.add_space(8.0);
                            big_digits(
                                ui,
                                &big_clock(seconds),
                                110.0 * scale.max(0.75),
                                &format!("{title}: {seconds} seconds left"),
                            );
                            ui.add_space(8.0);
                        } else if matches!(phase, Phase::Practice { until_done: true }) {
                            ui.label(
                                RichText::new("Press Done when you have finished.").size(20.0),
                            );
                        }
                        let progress = session.step_progress(now);
                        ui.add(
                            egui::ProgressBar::new(progress)
                                .desired_width(360.0)
                                .desired_height(18.0),
                        );
                        if let Some(counts) = session.hold_counts() {
                            // Between holds the counts are of the hold to come.
                            let coming = if matches!(step_kind, Some(StepKind::Hold { .. })) {
                                ""
                            } else {
                                "Next: "
                            };
                            let mut line =
                                format!("{coming}Repetition {} of {}", counts.rep, counts.reps);
                            if counts.sets > 1 {
                                line.push_str(&format!(" · Set {} of {}", counts.set, counts.sets));
                            }
                            if let Some(d) = counts.direction {
                                line.push_str(&format!(" · {}", d.label()));
                            }
                            ui.label(RichText::new(line).size(24.0));
                        }
                        if matches!(
                            phase,
                            Phase::Paused {
                                reason: PauseReason::TimeJump,
                                ..
                            }
                        ) {
                            ui.label(
                                RichText::new(
                                    "The hold was paused, not counted. Press Space to go on.",
                                )
                                .size(18.0),
                            );
                        }
                        let next = match step_kind {
                            Some(StepKind::Position { .. } | StepKind::Between) => None,
                            _ => session.next_exercise().map(|n| n.exercise.name.clone()),
                        };
                        if let Some(next) = next {
                            ui.label(RichText::new(format!("Next: {next}")).size(18.0));
                        } else if exercise_index + 1 == schedule.exercises.len() {
                            ui.label(RichText::new("This is the last exercise.").size(18.0));
                        }
                    });
                },
            );
            ui.add_space(12.0);
            if let Some(e) = exercise {
                ui.label(RichText::new("How to do it").size(20.0).strong());
                for (i, step) in e.steps.iter().enumerate() {
                    ui.label(RichText::new(format!("{}. {step}", i + 1)).size(18.0));
                }
                for caution in &e.cautions {
                    ui.label(
                        RichText::new(caution)
                            .size(18.0)
                            .color(ui.visuals().warn_fg_color),
                    );
                }
            }
        });
    });
    drop(state);

    if confirm_end {
        egui::Modal::new(egui::Id::unique("confirm-end")).show(ui.ctx(), |ui| {
            ui.label(RichText::new("End the session now?").size(24.0).strong());
            ui.label("What you have done so far is saved.");
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new("Yes, end it [Enter]").size(20.0))
                    .clicked()
                {
                    actions.push(Action::ConfirmEnd);
                }
                if ui
                    .button(RichText::new("No, keep going [Esc]").size(20.0))
                    .clicked()
                {
                    actions.push(Action::CancelEnd);
                }
            });
        });
    }
    actions
}

fn picture(ui: &mut egui::Ui, exercise: &Exercise, image_dir: Option<&Path>, scale: f32) {
    let alt = format!(
        "Picture: {}, {}",
        exercise.name,
        exercise.position.label().to_lowercase()
    );
    let size = egui::vec2(400.0, 300.0) * scale;
    let image = match &exercise.image {
        Some(Image::Builtin(path)) => assets::image(path)
            .map(|bytes| egui::Image::from_bytes(format!("bytes://{path}"), bytes)),
        Some(Image::Relative(rel)) => image_dir.and_then(|dir| {
            // Read once through the app (regular files only, never
            // blocking), then kept for the frames that follow.
            let uri = format!("bytes://picture/{}", dir.join(rel).display());
            let id = egui::Id::unique(("picture", &uri));
            let cached = ui.ctx().data(|d| d.get_temp::<Option<Arc<[u8]>>>(id));
            let bytes = cached.unwrap_or_else(|| {
                let read = catalog::read_picture(dir, rel).ok().map(Arc::from);
                ui.ctx().data_mut(|d| d.insert_temp(id, read.clone()));
                read
            })?;
            Some(egui::Image::from_bytes(uri, bytes))
        }),
        None => None,
    };
    // No picture: the steps below say it all.
    if let Some(image) = image {
        ui.add(
            image
                .alt_text(alt)
                .fit_to_exact_size(size)
                .bg_fill(egui::Color32::WHITE)
                .corner_radius(8.0),
        );
    }
}

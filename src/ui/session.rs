//! The session screen: the exercise, its picture and steps, a big countdown
//! with a progress bar, repetition and set, what comes next, the controls,
//! and — always visible — "My pain is worse — stop".

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use egui::{Align, Layout, RichText};

use super::action::Action;
use super::command::Command;
use super::digits::big_digits;
use super::keys;
use super::widgets::{Look, command_button};
use crate::app::catalog;
use crate::app::runner::SessionRunner;
use crate::assets;
use crate::exercise::{Exercise, Image};
use crate::schedule::{Ending, StepKind};
use crate::session::{PauseReason, Phase, Session};

/// What the person should be doing, in a few words.
pub fn phase_title(phase: Phase, exercise: Option<&Exercise>) -> String {
    match phase {
        Phase::Ready => "Ready".to_owned(),
        Phase::Running { step, .. } => step.title(exercise.map(|e| e.position)),
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
        crate::schedule::clock(seconds * 1000)
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
    saves: bool,
    image_dir: Option<&Path>,
) -> Vec<Action> {
    let state = live.lock();
    let session = &state.session;
    let phase = session.phase();
    let mut commands = keys::pressed(ui, &offered(phase, confirm_end));
    egui::Panel::top("session-top").show(ui, |ui| {
        top_ui(ui, session, &state.meta.routine.name, &mut commands);
    });
    egui::Panel::bottom("session-controls").show(ui, |ui| {
        controls_ui(ui, phase, &mut commands);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        exercise_ui(ui, session, now, image_dir);
    });
    drop(state);
    if confirm_end {
        confirm_end_ui(ui, saves, &mut commands);
    }
    commands.into_iter().map(Action::from).collect()
}

/// The commands the keyboard gives in `phase`: the pain key first, as it
/// works from every state of this screen.
fn offered(phase: Phase, confirm_end: bool) -> Vec<Command> {
    if confirm_end {
        return vec![Command::PainWorse, Command::ConfirmEnd, Command::CancelEnd];
    }
    vec![
        Command::PainWorse,
        pause_or_resume(phase),
        continue_or_done(phase),
        Command::Next,
        Command::Back,
        Command::AskEnd,
    ]
}

fn pause_or_resume(phase: Phase) -> Command {
    if phase.is_paused() {
        Command::Resume
    } else {
        Command::Pause
    }
}

fn continue_or_done(phase: Phase) -> Command {
    if phase.running() == Some(StepKind::Practice) {
        Command::Done
    } else {
        Command::Continue
    }
}

/// The main action in `phase`, which has the keyboard focus when the screen
/// shows: Continue or Done when the step may end early, else Pause or
/// Resume.
pub fn main_command(phase: Phase) -> Command {
    match phase.running() {
        Some(StepKind::Position { .. } | StepKind::Between | StepKind::Practice) => {
            continue_or_done(phase)
        }
        _ => pause_or_resume(phase),
    }
}

/// Where the person is in the routine, and the pain button.
fn top_ui(ui: &mut egui::Ui, session: &Session, routine: &str, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "{routine} · exercise {} of {}",
            session.exercise_index() + 1,
            session.schedule().exercises.len()
        ))
        .size(18.0),
    );
    ui.add_space(4.0);
    if command_button(ui, Command::PainWorse, Look::Pain) {
        commands.push(Command::PainWorse);
    }
    ui.add_space(6.0);
}

/// Pause or Resume, Continue or Done, Back, Skip and End session.
fn controls_ui(ui: &mut egui::Ui, phase: Phase, commands: &mut Vec<Command>) {
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        let can_continue = matches!(
            phase.running(),
            Some(StepKind::Position { .. } | StepKind::Between | StepKind::Practice)
        );
        let buttons = [
            (pause_or_resume(phase), !phase.is_final(), 150.0),
            (continue_or_done(phase), can_continue, 150.0),
            (Command::Back, true, 120.0),
            (Command::Next, true, 120.0),
            (Command::AskEnd, true, 150.0),
        ];
        for (command, enabled, width) in buttons {
            let clicked = ui
                .add_enabled_ui(enabled, |ui| {
                    command_button(ui, command, Look::Control(width))
                })
                .inner;
            if clicked {
                commands.push(command);
            }
        }
    });
    ui.add_space(6.0);
}

/// The exercise: its picture, name, phase, countdown, counts, what comes
/// next, and its steps.
fn exercise_ui(ui: &mut egui::Ui, session: &Session, now: Instant, image_dir: Option<&Path>) {
    let exercise = session.exercise().map(|s| &s.exercise);
    // The picture and the countdown shrink with the room there is (a small
    // window, or large text), so both stay in view.
    let room = ui.available_size();
    let scale = (room.x / 1000.0).min(room.y / 560.0).clamp(0.45, 1.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.with_layout(
            Layout::left_to_right(Align::Min).with_main_wrap(true),
            |ui| {
                if let Some(e) = exercise {
                    picture(ui, e, image_dir, scale);
                }
                ui.vertical(|ui| status_ui(ui, session, now, scale));
            },
        );
        ui.add_space(12.0);
        if let Some(e) = exercise {
            steps_ui(ui, e);
        }
    });
}

/// Beside the picture: the exercise's name, the phase, the countdown and
/// progress, the counts and what comes next.
fn status_ui(ui: &mut egui::Ui, session: &Session, now: Instant, scale: f32) {
    let phase = session.phase();
    let exercise = session.exercise().map(|s| &s.exercise);
    if let Some(e) = exercise {
        ui.label(RichText::new(&e.name).size(32.0).strong());
        ui.label(RichText::new(e.position.label()).size(18.0));
    }
    ui.add_space(8.0);
    let title = phase_title(phase, exercise);
    ui.label(RichText::new(&title).size(30.0).strong());
    if let Some(seconds) = session.seconds_left(now) {
        ui.add_space(8.0);
        big_digits(
            ui,
            &big_clock(seconds),
            110.0 * scale.max(0.75),
            &format!("{title}: {seconds} seconds left"),
        );
        ui.add_space(8.0);
    } else if matches!(
        phase,
        Phase::Running {
            step: StepKind::Practice,
            ending: Ending::Continue
        }
    ) {
        ui.label(
            RichText::new(format!(
                "Press {} when you have finished.",
                Command::Done.name()
            ))
            .size(20.0),
        );
    }
    ui.add(
        egui::ProgressBar::new(session.step_progress(now))
            .desired_width(360.0)
            .desired_height(18.0),
    );
    let step_kind = match phase {
        Phase::Paused { step, .. } => Some(step),
        _ => session.step().map(|s| s.kind),
    };
    if let Some(line) = counts_line(session, step_kind) {
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
            RichText::new(format!(
                "The hold was paused, not counted. Press {} to go on.",
                Command::Resume.keys_text()
            ))
            .size(18.0),
        );
    }
    let next = match step_kind {
        Some(StepKind::Position { .. } | StepKind::Between) => None,
        _ => session.next_exercise().map(|n| n.exercise.name.clone()),
    };
    if let Some(next) = next {
        ui.label(RichText::new(format!("Next: {next}")).size(18.0));
    } else if session.exercise_index() + 1 == session.schedule().exercises.len() {
        ui.label(RichText::new("This is the last exercise.").size(18.0));
    }
}

/// "Repetition 2 of 10 · Set 1 of 2 · Left": of this hold, or between
/// holds of the one to come.
fn counts_line(session: &Session, step_kind: Option<StepKind>) -> Option<String> {
    let counts = session.hold_counts()?;
    let coming = if matches!(step_kind, Some(StepKind::Hold { .. })) {
        ""
    } else {
        "Next: "
    };
    let mut line = format!("{coming}Repetition {} of {}", counts.rep, counts.reps);
    if counts.sets > 1 {
        line.push_str(&format!(" · Set {} of {}", counts.set, counts.sets));
    }
    if let Some(d) = counts.direction {
        line.push_str(&format!(" · {}", d.label()));
    }
    Some(line)
}

/// How to do the exercise, and its cautions.
fn steps_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    ui.label(RichText::new("How to do it").size(20.0).strong());
    for (i, step) in exercise.steps.iter().enumerate() {
        ui.label(RichText::new(format!("{}. {step}", i + 1)).size(18.0));
    }
    for caution in &exercise.cautions {
        ui.label(
            RichText::new(caution)
                .size(18.0)
                .color(ui.visuals().warn_fg_color),
        );
    }
}

/// "End the session now?", over the screen.
fn confirm_end_ui(ui: &mut egui::Ui, saves: bool, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("confirm-end")).show(ui.ctx(), |ui| {
        ui.label(RichText::new("End the session now?").size(24.0).strong());
        ui.label(if saves {
            "What you have done so far will be saved."
        } else {
            "This window cannot save sessions: what you have done will not be kept."
        });
        ui.horizontal(|ui| {
            for command in [Command::ConfirmEnd, Command::CancelEnd] {
                if command_button(ui, command, Look::Control(0.0)) {
                    commands.push(command);
                }
            }
        });
    });
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

//! The session screen: the exercise, the phase on a band of its colour and
//! shape ([`phase_band`]), its picture and steps, a big countdown with a
//! progress bar, repetition and set, what comes next ([`next_up`]), the
//! controls, and — always visible — "My pain is worse — stop".

mod next_up;
mod phase_band;
mod status;

use std::path::Path;
use std::time::Instant;

use egui::{Align, Layout, RichText};

use super::a11y;
use super::action::Action;
use super::command::Command;
use super::keys;
use super::pictures;
use super::widgets::{
    self, FirstFocus, Look, SHORT_WINDOW, command_button, command_button_if, dialog_ui,
    focus_first, footer, keep_focus_in_view, medical_advice_ui,
};
use crate::app::pictures::Source;
use crate::app::runner::SessionView;
use crate::exercise::Exercise;
use crate::schedule::StepKind;
use crate::session::{Phase, Session};
use next_up::{coming, next_up_ui};
use status::status_ui;

/// The end dialog's question, its title and name.
const END_QUESTION: &str = "End the session now?";

/// Draws the session screen.
pub fn session_ui(
    ui: &mut egui::Ui,
    state: &SessionView,
    now: Instant,
    confirm_end: bool,
    saves: bool,
    image_dir: Option<&Path>,
) -> Vec<Action> {
    let session = &state.session;
    let phase = session.phase();
    let mut commands = keys::pressed(ui, &offered(phase, confirm_end));
    keep_focus_on_main(ui, phase);
    let room = Room::of(ui.available_size());
    let routine = state.meta.routine.name.as_str();
    egui::Panel::top("session-top").show(ui, |ui| {
        top_ui(ui, session, routine, room, &mut commands);
    });
    footer(ui);
    egui::Panel::bottom("session-controls").show(ui, |ui| {
        controls_ui(ui, phase, room, &mut commands);
    });
    egui::CentralPanel::default()
        .frame(exercise_frame(ui, room))
        .show(ui, |ui| {
            exercise_ui(ui, session, routine, now, image_dir, room);
        });
    if confirm_end {
        confirm_end_ui(ui, saves, &mut commands);
    }
    commands.into_iter().filter_map(Action::of).collect()
}

/// The frame of the exercise's part: in a short window with thin margins
/// above and below (12 points more for the exercise's name, the phase and
/// the countdown at 640x480 pixels with 200 % text).
fn exercise_frame(ui: &egui::Ui, room: Room) -> egui::Frame {
    let frame = egui::Frame::central_panel(ui.style());
    if room.short {
        frame.inner_margin(egui::Margin::symmetric(8, 2))
    } else {
        frame
    }
}

/// How much room the screen has, in points (large text leaves fewer).
#[derive(Debug, Clone, Copy)]
struct Room {
    /// Too short for the big buttons: the parts are packed tighter, the
    /// routine's line goes under the status.
    short: bool,
    /// Too narrow for the controls with their keys in one row.
    narrow: bool,
}

impl Room {
    fn of(size: egui::Vec2) -> Self {
        Self {
            short: size.y < SHORT_WINDOW,
            narrow: size.x < 760.0,
        }
    }

    fn compact(self) -> bool {
        self.short || self.narrow
    }
}

/// The commands the keyboard gives in `phase`: the pain key first, as it
/// works from every state of this screen.
fn offered(phase: Phase, confirm_end: bool) -> Vec<Command> {
    if confirm_end {
        // The dialog reads its own keys.
        return vec![Command::PainWorse];
    }
    vec![
        Command::PainWorse,
        pause_or_resume(phase),
        continue_or_done(phase),
        Command::Next,
        Command::Back,
        Command::GoOn,
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

/// When the step's main action changes (Continue, which a hold disables,
/// becomes Pause; Pause becomes Continue as the next exercise's position
/// begins), the focus that was on the old one goes to the new one: the
/// keyboard's place is never lost (WCAG 2.4.3), and Enter presses what the
/// step's main button says. A focus elsewhere (Skip, "How to do it")
/// stays where it is.
fn keep_focus_on_main(ui: &egui::Ui, phase: Phase) {
    let main = main_command(phase);
    let id = egui::Id::unique("neckguide-session-main");
    let before = ui.data(|d| d.get_temp::<Command>(id)).unwrap_or(main);
    ui.data_mut(|d| d.insert_temp(id, main));
    if before == main {
        return;
    }
    let on_before = widgets::focused_command(ui.ctx()) == Some(before);
    if on_before || ui.memory(|m| m.focused().is_none()) {
        focus_first(ui.ctx(), FirstFocus::Command(main));
    }
}

/// Where the person is in the routine: "Daily neck routine · exercise 1 of 4".
fn routine_line(session: &Session, routine: &str) -> String {
    format!(
        "{routine} · exercise {} of {}",
        session.exercise_index() + 1,
        session.schedule().exercises.len()
    )
}

/// Where the person is in the routine (in a short window, under the
/// status instead), and the pain button.
fn top_ui(
    ui: &mut egui::Ui,
    session: &Session,
    routine: &str,
    room: Room,
    commands: &mut Vec<Command>,
) {
    let gap = if room.short { 3.0 } else { 6.0 };
    ui.add_space(gap);
    if !room.short {
        ui.label(RichText::new(routine_line(session, routine)).size(18.0));
        ui.add_space(gap);
    }
    if command_button(ui, Command::PainWorse, Look::Pain) {
        commands.push(Command::PainWorse);
    }
    ui.add_space(gap);
}

/// Pause or Resume, Continue or Done, Back, Skip and End session: in one
/// row, by name only where room is short.
fn controls_ui(ui: &mut egui::Ui, phase: Phase, room: Room, commands: &mut Vec<Command>) {
    let gap = if room.compact() { 3.0 } else { 6.0 };
    ui.add_space(gap);
    let row = |ui: &mut egui::Ui| {
        // A button never wraps its words into a column of letters.
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
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
            let look = if room.compact() {
                Look::Compact
            } else {
                Look::Control(width)
            };
            let clicked = command_button_if(ui, command, look, enabled);
            if clicked {
                commands.push(command);
            }
        }
    };
    if room.compact() {
        // One row that scrolls sideways (a focused button scrolls into
        // view): rows of buttons would leave the exercise no room.
        egui::ScrollArea::horizontal().show(ui, |ui| ui.horizontal(row));
    } else {
        // A button that does not fit goes whole to the next row.
        ui.horizontal_wrapped(row);
    }
    ui.add_space(gap);
}

/// The exercise: its name, the phase, the countdown and progress, the
/// counts and what comes next (the status, always in view, its countdown
/// as big as the room allows); beside it or below it, the picture and the
/// steps. As room shrinks the picture shrinks, then the steps fold into
/// "How to do it", then the picture goes.
fn exercise_ui(
    ui: &mut egui::Ui,
    session: &Session,
    routine: &str,
    now: Instant,
    image_dir: Option<&Path>,
    room: Room,
) {
    // In a short window the routine's line leaves the top for the status.
    let routine_when_short = |ui: &mut egui::Ui| {
        if room.short {
            ui.label(RichText::new(routine_line(session, routine)).size(16.0));
        }
    };
    let exercise = session.exercise().map(|s| &s.exercise);
    // In a rest the next exercise shows whole, this one's steps folded.
    let next = coming(session);
    let how = |ui: &mut egui::Ui, room: egui::Vec2, beside: bool| match (exercise, next) {
        (Some(e), Some(next)) if beside => {
            // This exercise's picture stays in view (it moves back at the
            // release), smaller; the next one takes the rest of the column.
            let top = ui.cursor().top();
            how_ui(
                ui,
                e,
                image_dir,
                egui::vec2(room.x, room.y * OWN_SHARE_IN_REST),
            );
            ui.add_space(12.0);
            let used = ui.cursor().top() - top;
            next_up_ui(ui, next, image_dir, egui::vec2(room.x, room.y - used));
        }
        (e, next) => {
            // Under the status, the next exercise first (where the line
            // saying it was), then this one as in a hold.
            if let Some(next) = next {
                next_up_ui(ui, next, image_dir, room);
                ui.add_space(12.0);
            }
            if let Some(e) = e {
                how_ui(ui, e, image_dir, room);
            }
        }
    };
    let size = ui.available_size();
    let gap = 24.0;
    if size.x >= TWO_COLUMNS {
        let status_width = (size.x * 0.55).min(720.0);
        // The row puts egui's item spacing before and after the gap too:
        // without it the picture ran 16 points past the window's right
        // edge (1280x800, 200 %).
        let spacing = 2.0 * ui.spacing().item_spacing.x;
        let side_width = (size.x - status_width - gap - spacing).max(0.0);
        ui.horizontal_top(|ui| {
            column(
                ui,
                "session-status",
                egui::vec2(status_width, size.y),
                |ui| {
                    let room_here = egui::vec2(status_width, size.y);
                    status_ui(ui, session, now, room_here, room, true);
                    routine_when_short(ui);
                },
            );
            ui.add_space(gap);
            column(ui, "session-how", egui::vec2(side_width, size.y), |ui| {
                how(ui, egui::vec2(side_width, size.y), true);
                advice_when_short(ui);
            });
        });
    } else {
        egui::ScrollArea::vertical()
            .id_salt("session-one-column")
            .show(ui, |ui| {
                let used = status_ui(ui, session, now, size, room, false);
                routine_when_short(ui);
                if exercise.is_some() || next.is_some() {
                    ui.add_space(12.0);
                    how(ui, egui::vec2(size.x, size.y - used), false);
                }
                advice_when_short(ui);
                keep_focus_in_view(ui);
            });
    }
}

/// In a short window ([`super::widgets::short_window`]) the footer is not drawn: the not-medical-advice
/// words go at the end of the scrolling part instead.
fn advice_when_short(ui: &mut egui::Ui) {
    if super::widgets::short_window(ui.ctx()) {
        ui.add_space(12.0);
        medical_advice_ui(ui);
    }
}

/// In a rest, the share of the column beside the status that this
/// exercise's picture and steps keep; the next exercise has the rest.
const OWN_SHARE_IN_REST: f32 = 0.4;

/// The width (points) from which the picture and steps sit beside the
/// status rather than below it.
const TWO_COLUMNS: f32 = 560.0;

/// A column `size` big that scrolls when its contents are taller.
fn column(ui: &mut egui::Ui, id: &str, size: egui::Vec2, contents: impl FnOnce(&mut egui::Ui)) {
    ui.allocate_ui_with_layout(size, Layout::top_down(Align::Min), |ui| {
        ui.set_width(size.x);
        egui::ScrollArea::vertical()
            .id_salt(id)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                contents(ui);
                keep_focus_in_view(ui);
            });
    });
}

/// The height (points) of `text` at `size` points when wrapped to `width`.
fn text_height(ui: &egui::Ui, text: &str, size: f32, width: f32) -> f32 {
    egui::WidgetText::from(RichText::new(text).size(size).strong())
        .into_galley(
            ui,
            Some(egui::TextWrapMode::Wrap),
            width.max(1.0),
            egui::TextStyle::Body,
        )
        .size()
        .y
}

/// The picture, the steps and the cautions in `room` (points): the
/// picture shrinks to let the steps show; when they still do not fit, the
/// steps fold into "How to do it", and when the picture would be tiny, it
/// goes.
fn how_ui(ui: &mut egui::Ui, exercise: &Exercise, image_dir: Option<&Path>, room: egui::Vec2) {
    let width = room.x;
    let line = |text: &str| text_height(ui, text, 18.0, width);
    let steps_height: f32 = text_height(ui, "How to do it", 20.0, width)
        + exercise
            .steps
            .iter()
            .chain(&exercise.cautions)
            .map(|s| line(s) + 4.0)
            .sum::<f32>()
        + 12.0;
    let widest = (width / PICTURE.x).min(1.0);
    let fits = |scale: f32, below: f32| PICTURE.y * scale + 12.0 + below <= room.y;
    let folded = 36.0;
    let (scale, open) = if fits(widest, steps_height) {
        (Some(widest), true)
    } else if fits(SMALLEST_PICTURE.min(widest), steps_height) {
        (Some((room.y - steps_height - 12.0) / PICTURE.y), true)
    } else {
        let scale = ((room.y - folded - 12.0) / PICTURE.y).min(widest);
        ((scale >= GONE_BELOW).then_some(scale), false)
    };
    if let Some(scale) = scale {
        picture(ui, exercise, image_dir, scale);
        ui.add_space(12.0);
    }
    if open {
        a11y::heading(ui, RichText::new("How to do it").size(20.0).strong(), 2);
        steps_ui(ui, exercise);
    } else {
        widgets::collapsing_ui(
            ui,
            "how-to-do-it",
            RichText::new("How to do it").size(20.0).strong(),
            |ui| steps_ui(ui, exercise),
        );
    }
}

/// The picture's full size, in points.
const PICTURE: egui::Vec2 = egui::vec2(400.0, 300.0);
/// The picture shrinks to this scale before the steps fold…
const SMALLEST_PICTURE: f32 = 0.5;
/// …and goes when it would be smaller than this.
const GONE_BELOW: f32 = 0.3;

/// How to do the exercise, and its cautions.
fn steps_ui(ui: &mut egui::Ui, exercise: &Exercise) {
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
    let first = Command::ConfirmEnd;
    dialog_ui(
        ui.ctx(),
        "confirm-end",
        END_QUESTION,
        first,
        f32::INFINITY,
        |ui| {
            commands.extend(keys::pressed(
                ui,
                &[Command::ConfirmEnd, Command::CancelEnd],
            ));
            ui.label(if saves {
                "What you have done so far will be saved."
            } else {
                "This window cannot save sessions: what you have done will not be kept."
            });
            ui.horizontal_wrapped(|ui| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                for command in [Command::ConfirmEnd, Command::CancelEnd] {
                    if command_button(ui, command, Look::Control(0.0)) {
                        commands.push(command);
                    }
                }
            });
        },
    );
}

/// The exercise's picture at `scale` of its full size; none when it has
/// none (the steps below say it all). Drawn off the window's thread: its
/// place shows what it is until it comes.
fn picture(ui: &mut egui::Ui, exercise: &Exercise, image_dir: Option<&Path>, scale: f32) {
    let Some(source) = exercise
        .image
        .as_ref()
        .and_then(|image| Source::of(image, image_dir))
    else {
        return;
    };
    let alt = format!(
        "Picture: {}, {}",
        exercise.name,
        exercise.position.label().to_lowercase()
    );
    let held = exercise
        .picture_held
        .as_ref()
        .and_then(|image| Source::of(image, image_dir));
    match (held, super::figure::pose_of(ui.ctx(), &exercise.id)) {
        (Some(held), Some(pose)) => {
            pictures::figure_ui(ui, &source, &held, pose, &alt, PICTURE * scale, 8.0);
        }
        _ => {
            pictures::picture_ui(ui, &source, &alt, PICTURE * scale, 8.0);
        }
    }
}

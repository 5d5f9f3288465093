//! What comes next, during a rest: the next exercise's name, position and
//! picture, large enough to get ready for it from where the person rests
//! (it was one small "Next: …" line), under this exercise's picture, which
//! stays in view. While getting into position and in the short pause
//! between exercises the exercise shown is already the one coming, its
//! picture and steps beside or under the status.

use std::path::Path;

use egui::{RichText, Stroke};

use super::super::a11y;
use super::{GONE_BELOW, PICTURE, picture, text_height};
use crate::exercise::Exercise;
use crate::schedule::StepKind;
use crate::session::{Phase, Session};

/// The card's margin and edge, points.
const MARGIN: f32 = 12.0;
const EDGE: f32 = 2.0;
/// The card's title, its size and the name's and position's sizes.
const TITLE: &str = "Next exercise";
const TITLE_SIZE: f32 = 20.0;
const NAME_SIZE: f32 = 28.0;
const POSITION_SIZE: f32 = 20.0;

/// The exercise to show as coming next: the one after this, in a rest
/// (running or paused), when there is one.
pub(super) fn coming(session: &Session) -> Option<&Exercise> {
    let (Phase::Running { step, .. } | Phase::Paused { step, .. }) = session.phase() else {
        return None;
    };
    if !matches!(step, StepKind::Rest { .. }) {
        return None;
    }
    session.next_exercise().map(|next| &next.exercise)
}

/// The card of `exercise`, coming next, in `room` (points): "Next
/// exercise", its name, its position and its picture as large as the room
/// leaves (none when it would be tiny).
pub(super) fn next_up_ui(
    ui: &mut egui::Ui,
    exercise: &Exercise,
    image_dir: Option<&Path>,
    room: egui::Vec2,
) {
    let inner = (room.x - 2.0 * (MARGIN + EDGE)).max(1.0);
    let spacing = ui.spacing().item_spacing.y;
    let words = text_height(ui, TITLE, TITLE_SIZE, inner)
        + text_height(ui, &exercise.name, NAME_SIZE, inner)
        + text_height(ui, exercise.position.label(), POSITION_SIZE, inner)
        + 3.0 * spacing;
    let tall = room.y - words - 2.0 * (MARGIN + EDGE) - 8.0;
    let scale = (inner / PICTURE.x).min(tall / PICTURE.y).min(1.0);
    let edge = ui.visuals().widgets.inactive.bg_stroke.color;
    egui::Frame::new()
        .stroke(Stroke::new(EDGE, edge))
        .corner_radius(8.0)
        .inner_margin(MARGIN)
        .show(ui, |ui| {
            ui.set_width(inner);
            a11y::heading(ui, RichText::new(TITLE).size(TITLE_SIZE), 2);
            ui.label(RichText::new(&exercise.name).size(NAME_SIZE).strong());
            ui.label(RichText::new(exercise.position.label()).size(POSITION_SIZE));
            if scale >= GONE_BELOW {
                ui.add_space(8.0);
                picture(ui, exercise, image_dir, scale);
            }
        });
}

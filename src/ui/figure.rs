//! The moving figure of the session screen: the pose of the exercise
//! running, from the model ([`crate::session::pose`]), told to the
//! pictures drawn in this frame, and a repaint asked for only while the
//! figure moves.
//!
//! The session screen draws its pictures through `picture(ui, exercise,
//! image_dir, scale)`, whatever its layout; that reads the pose here by
//! the exercise's id ([`pose_of`]), so the picture of another exercise
//! shown beside it (the next one, during a rest) stays still.

use std::time::{Duration, Instant};

use crate::app::runner::SessionView;

/// How often the window draws the figure while it moves: a movement of a
/// second is drawn at its start, half-way (the two pictures cross-faded)
/// and at its end, the last two on the countdown's own seconds, so a
/// movement costs one frame more. Between the movements the figure asks
/// for no frame. Every frame redraws the whole window (1.5 ticks of CPU
/// each under Xvfb's software renderer): at ten frames a second of
/// movement, 5 s holds cost 5.3x the bare window at one frame a second
/// (scripts/measure-cost.sh), where the aim is 1.2x.
pub const FRAME: Duration = Duration::from_millis(500);

/// How near its end a movement asks for no more frames of its own (a
/// timer that fires a few milliseconds early would otherwise ask for one
/// more frame just before the countdown's).
const SLACK: Duration = Duration::from_millis(50);

/// The pose of the figure of one exercise in this frame.
#[derive(Debug, Clone, Default, PartialEq)]
struct Posed {
    exercise: String,
    pose: f32,
}

fn posed_id() -> egui::Id {
    egui::Id::unique("neckguide-figure-pose")
}

/// Sets the pose of this frame's figure, from the session in `view` at
/// `now`, when `moving` (the setting "Moving pictures") is on and the
/// exercise has a held picture; asks for the next frame of the movement
/// while it moves (every [`FRAME`], and at its end). Otherwise the
/// pictures are still.
pub fn pose_for_frame(ctx: &egui::Context, view: &SessionView, now: Instant, moving: bool) {
    let session = &view.session;
    let exercise = session
        .exercise()
        .map(|s| &s.exercise)
        .filter(|e| moving && e.image.is_some() && e.picture_held.is_some());
    let Some(exercise) = exercise else {
        ctx.data_mut(|d| d.remove_temp::<Posed>(posed_id()));
        return;
    };
    let posed = Posed {
        exercise: exercise.id.clone(),
        pose: crate::session::pose(session, now),
    };
    ctx.data_mut(|d| d.insert_temp(posed_id(), posed));
    // A frame that comes a little before the movement's end draws it as
    // good as ended (the movement is flat there), and the countdown's next
    // second, which is its end, draws it ended: no frame for the rest.
    if let Some(left) = crate::session::pose_moves_for(session, now)
        && left > SLACK
    {
        ctx.request_repaint_after(FRAME.min(left));
    }
}

/// The pose (0 start, 1 held) the figure of the exercise `id` is drawn
/// in this frame; `None`: a still picture.
pub fn pose_of(ctx: &egui::Context, id: &str) -> Option<f32> {
    ctx.data(|d| d.get_temp::<Posed>(posed_id()))
        .filter(|p| p.exercise == id)
        .map(|p| p.pose)
}

/// What a screen reader is told of a moving figure's pose, and what a
/// test reads: "Start position", "Held position", or "Moving between the
/// start and the held position".
pub fn pose_words(pose: f32) -> &'static str {
    if pose <= 0.0 {
        "Start position"
    } else if pose >= 1.0 {
        "Held position"
    } else {
        "Moving between the start and the held position"
    }
}

/// The last figure drawn: its name, and its pose when both its pictures
/// were drawn.
#[derive(Debug, Clone)]
struct Drawn(String, Option<f32>);

fn drawn_id() -> egui::Id {
    egui::Id::unique("neckguide-figure-drawn")
}

/// The pose the moving figure named `alt` was last drawn in (0 the start,
/// 1 the held position), for tests; `None` until both its pictures are
/// drawn (they are drawn off the window's thread), or when no figure of
/// that name moves.
pub fn drawn_pose(ctx: &egui::Context, alt: &str) -> Option<f32> {
    ctx.data(|d| d.get_temp::<Drawn>(drawn_id()))
        .filter(|d| d.0 == alt)
        .and_then(|d| d.1)
}

/// Notes the pose the figure named `alt` is drawn in (`None`: its
/// pictures are not both drawn yet).
pub(super) fn note_drawn(ctx: &egui::Context, alt: &str, pose: Option<f32>) {
    ctx.data_mut(|d| d.insert_temp(drawn_id(), Drawn(alt.to_owned(), pose)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_of_a_pose() {
        assert_eq!(pose_words(0.0), "Start position");
        assert_eq!(
            pose_words(0.5),
            "Moving between the start and the held position"
        );
        assert_eq!(pose_words(1.0), "Held position");
    }
}

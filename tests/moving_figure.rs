//! The moving figure in the window (issue 27 item 3), on a manual clock:
//! the start pose in get-ready, the held pose from one second into a hold,
//! the start again one second after the release; paused, it stays; the
//! setting off, a still picture; a therapist's own exercise with
//! `picture_held` moves too.

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use neckguide::app::audio::{Audio, AudioStatus};
use neckguide::schedule::StepKind;
use neckguide::session::ManualClock;
use neckguide::ui::figure::{self, FRAME};

use crate::ui_flows::{Fixture, fixture, fixture_in, step_kind};

/// The session's picture: its name and what a screen reader is told of
/// its pose (`None`: a still picture, described by nothing).
fn picture(f: &Fixture) -> (String, Option<String>) {
    let node = f
        .harness
        .query_all_by_role(Role::Image)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Picture: "))
        })
        .expect("the session shows the exercise's picture");
    let node = node.accesskit_node();
    (node.label().unwrap_or_default(), node.description())
}

/// The pose the figure is drawn in now, waiting (real time, at most 10 s)
/// for its two pictures, which are drawn off the window's thread.
fn drawn(f: &mut Fixture) -> f32 {
    for _ in 0..1000 {
        f.harness.run();
        let (alt, _) = picture(f);
        if let Some(pose) = figure::drawn_pose(&f.harness.ctx, &alt) {
            return pose;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the figure's pictures were never drawn");
}

/// Moves the manual clock by `ms` and runs the frames that come of it.
fn advance_ms(f: &mut Fixture, ms: u64) {
    f.clock.advance(Duration::from_millis(ms));
    f.harness.run();
}

/// Waits whole seconds until a step of `kind` runs.
fn until(f: &mut Fixture, kind: fn(StepKind) -> bool) {
    for _ in 0..120 {
        if step_kind(f).is_some_and(kind) {
            return;
        }
        f.wait(1);
    }
    panic!("the step never came");
}

fn description(f: &Fixture) -> String {
    picture(f).1.unwrap_or_default()
}

#[test]
fn the_figure_moves_with_the_hold_on_the_sessions_clock_and_stops_when_paused() {
    let mut f = fixture();
    f.start_session(1);
    // The daily routine's first exercise: 15 s to get into position, then
    // the 3 s get-ready countdown.
    until(&mut f, |k| k == StepKind::GetReady);
    assert_eq!(drawn(&mut f), 0.0);
    assert_eq!(description(&f), "Start position");
    assert_eq!(
        picture(&f).0,
        "Picture: Supine deep neck flexion, lying on your back"
    );
    f.wait(3);
    assert!(matches!(step_kind(&f), Some(StepKind::Hold { .. })));
    // The hold has just begun: the figure starts to move, and the window
    // asks for the movement's next frame.
    assert_eq!(drawn(&mut f), 0.0);
    assert_eq!(f.repaint_delay(), FRAME);
    advance_ms(&mut f, 500);
    assert_eq!(drawn(&mut f), 0.5);
    assert_eq!(
        description(&f),
        "Moving between the start and the held position"
    );
    assert_eq!(f.repaint_delay(), FRAME);
    advance_ms(&mut f, 500);
    // One second in: held, and no frame asked for until the next second
    // of the countdown.
    assert_eq!(drawn(&mut f), 1.0);
    assert_eq!(description(&f), "Held position");
    assert_eq!(f.repaint_delay(), Duration::from_secs(1));
    f.wait(3);
    assert_eq!(drawn(&mut f), 1.0);
    // The release (the 5 s hold ends): back over a second.
    f.wait(1);
    assert!(matches!(step_kind(&f), Some(StepKind::Rest { .. })));
    assert_eq!(drawn(&mut f), 1.0);
    advance_ms(&mut f, 250);
    let going_back = drawn(&mut f);
    assert!(going_back > 0.0 && going_back < 1.0, "{going_back}");
    advance_ms(&mut f, 750);
    assert_eq!(drawn(&mut f), 0.0);
    assert_eq!(description(&f), "Start position");
    // The next hold, paused 400 ms in: the figure stays where it is.
    f.wait(4);
    assert!(matches!(step_kind(&f), Some(StepKind::Hold { .. })));
    advance_ms(&mut f, 400);
    let at_pause = drawn(&mut f);
    assert!(at_pause > 0.0 && at_pause < 1.0, "{at_pause}");
    f.click("Pause");
    assert_eq!(
        f.repaint_delay(),
        Duration::MAX,
        "a paused figure asks for frames"
    );
    for _ in 0..10 {
        advance_ms(&mut f, 1000);
        assert_eq!(drawn(&mut f), at_pause);
    }
    f.click("Resume");
    assert_eq!(drawn(&mut f), at_pause);
    advance_ms(&mut f, 600);
    assert_eq!(drawn(&mut f), 1.0);
}

#[test]
fn with_moving_pictures_off_the_start_picture_stays_still() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"moving_pictures": false}"#,
    )
    .unwrap();
    let mut f = fixture_in(
        dir,
        ManualClock::new(),
        Audio::with_status(AudioStatus::Disabled),
    );
    f.start_session(1);
    f.wait_for_first_hold();
    f.wait(1);
    f.harness.run();
    let (alt, described) = picture(&f);
    assert_eq!(described, None, "a still picture has no pose");
    assert_eq!(figure::drawn_pose(&f.harness.ctx, &alt), None);
    // No frame for a movement: the next is the countdown's next second.
    assert_eq!(f.repaint_delay(), Duration::from_secs(1));
}

/// Two plain pictures of the therapist's own exercise.
fn own_picture(colour: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="{colour}"/></svg>"#
    )
}

#[test]
fn an_own_exercise_with_a_held_picture_moves_in_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("routines/mine");
    std::fs::create_dir_all(mine.join("pictures")).unwrap();
    std::fs::write(
        mine.join("mine.json"),
        r#"{"id": "mine", "name": "My own routine", "times_per_day": 1, "items": [
  {"exercise": {"id": "chin-tuck", "name": "Chin tuck", "position": "sitting",
    "steps": ["Tuck your chin."], "image": "pictures/start.svg", "picture_held": "pictures/held.svg",
    "dose": {"kind": "holds", "hold_seconds": 4, "repetitions": 2}}}]}"#,
    )
    .unwrap();
    std::fs::write(mine.join("pictures/start.svg"), own_picture("#00ff00")).unwrap();
    std::fs::write(mine.join("pictures/held.svg"), own_picture("#0000ff")).unwrap();
    std::fs::write(dir.path().join("settings.json"), r#"{"routine": "mine"}"#).unwrap();
    let mut f = fixture_in(
        dir,
        ManualClock::new(),
        Audio::with_status(AudioStatus::Disabled),
    );
    f.start_session(1);
    until(&mut f, |k| matches!(k, StepKind::Hold { .. }));
    assert_eq!(picture(&f).0, "Picture: Chin tuck, sitting");
    assert_eq!(drawn(&mut f), 0.0);
    advance_ms(&mut f, 1000);
    assert_eq!(drawn(&mut f), 1.0);
    assert_eq!(description(&f), "Held position");
}

#[test]
fn the_moving_pictures_setting_is_on_by_default_and_saved_off() {
    let mut f = fixture();
    f.harness.run();
    f.click("Settings");
    let label = "Moving pictures (the figure moves with each hold)";
    let toggled = |f: &Fixture| {
        f.harness
            .get_by_role_and_label(Role::CheckBox, label)
            .accesskit_node()
            .toggled()
    };
    assert_eq!(toggled(&f), Some(egui::accesskit::Toggled::True));
    f.click(label);
    assert_eq!(toggled(&f), Some(egui::accesskit::Toggled::False));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.dir.path().join("settings.json")).unwrap())
            .unwrap();
    assert_eq!(saved["moving_pictures"], false);
}

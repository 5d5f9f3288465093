//! The session screen at small windows and large text (issue 16): the pain
//! button, the exercise name and the countdown lie inside the window, read
//! from the accessibility tree; with room, the countdown is big.

use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use neckguide::app::AppOptions;
use neckguide::app::paths::DataDir;
use neckguide::session::ManualClock;
use neckguide::ui::{NeckguideApp, PAIN_BUTTON, Screen};

/// The window `width` x `height` pixels with text at `percent` %, in the
/// first hold of a session.
fn session_in_a_window(
    width: f32,
    height: f32,
    percent: u32,
    theme: &str,
) -> (Harness<'static, NeckguideApp>, tempfile::TempDir) {
    session_of(None, 0, width, height, percent, theme)
}

/// The same with the routine `routine` (JSON; the default one if `None`),
/// `into_hold` seconds into its first hold.
fn session_of(
    routine: Option<&str>,
    into_hold: u64,
    width: f32,
    height: f32,
    percent: u32,
    theme: &str,
) -> (Harness<'static, NeckguideApp>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        format!(r#"{{"text_size_percent": {percent}, "theme": "{theme}"}}"#),
    )
    .unwrap();
    let clock = ManualClock::new();
    let mut options = AppOptions::stepped(Some(DataDir::new(dir.path())), Arc::new(clock.clone()));
    if let Some(routine) = routine {
        let file = dir.path().join("routine.json");
        std::fs::write(&file, routine).unwrap();
        options.routine_file = Some(file);
    }
    let app = NeckguideApp::new(options);
    // The check-in is answered in a big window (a click needs its button
    // in view), then the window takes the size under test.
    let zoom = percent as f32 / 100.0;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1100.0, 1400.0) * zoom)
        .build_ui_state(|ui, app: &mut NeckguideApp| app.ui(ui), app);
    harness.run();
    let click = |harness: &mut Harness<'static, NeckguideApp>, label: &str| {
        harness.get_by_label(label).click();
        harness.run();
    };
    click(&mut harness, "Start session");
    click(&mut harness, "Pain 2 of 10");
    click(
        &mut harness,
        "None: Where is any numbness, tingling or weakness in your arm or hand?",
    );
    for q in [
        "Is the weakness or numbness in your arm or hand getting worse?",
        "Do you have any problems controlling your bladder or bowel?",
        "Do you have fever, chills, or unexplained weight loss with your neck pain?",
        "Is your pain persistent or worse despite two weeks of rest and over-the-counter measures?",
    ] {
        click(&mut harness, &format!("No: {q}"));
    }
    click(&mut harness, "Start exercises");
    assert!(matches!(harness.state().screen(), Screen::Session { .. }));
    harness.set_size(egui::vec2(width, height) / zoom);
    harness.run();
    // Into position (15 s), get ready (3 s), then the first hold.
    for _ in 0..19 + into_hold {
        clock.advance(Duration::from_secs(1));
        harness.run();
    }
    (harness, dir)
}

/// The bounds of the node named `label`, in window pixels.
fn pixels(harness: &Harness<'static, NeckguideApp>, node: egui::Rect) -> egui::Rect {
    let ppp = harness.ctx.pixels_per_point();
    egui::Rect::from_min_max(
        (node.min.to_vec2() * ppp).to_pos2(),
        (node.max.to_vec2() * ppp).to_pos2(),
    )
}

fn assert_inside(
    harness: &Harness<'static, NeckguideApp>,
    what: &str,
    rect: egui::Rect,
    window: egui::Rect,
) {
    let rect = pixels(harness, rect);
    assert!(
        window.expand(0.5).contains_rect(rect),
        "{what} at {rect:?} is not inside the window {window:?}"
    );
}

fn check(width: f32, height: f32, percent: u32) -> f32 {
    let (harness, _dir) = session_in_a_window(width, height, percent, "light");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width, height));
    let pain = harness
        .get_by_role_and_label(Role::Button, PAIN_BUTTON)
        .rect();
    assert_inside(&harness, "the pain button", pain, window);
    let name = harness.get_by_label("Supine deep neck flexion").rect();
    assert_inside(&harness, "the exercise name", name, window);
    let countdown = harness.get_by_label_contains("seconds left").rect();
    assert_inside(&harness, "the countdown", countdown, window);
    pixels(&harness, countdown).height()
}

#[test]
fn the_session_essentials_fit_640x480_at_100_percent() {
    check(640.0, 480.0, 100);
}

#[test]
fn the_session_essentials_fit_800x600_at_200_percent() {
    check(800.0, 600.0, 200);
}

/// The smallest window with the biggest text: the controls are one row of
/// whole buttons (none squeezed into a column of letters) in view from top
/// to bottom, which scrolls sideways, and none lies over the exercise's
/// name or countdown.
#[test]
fn the_session_controls_fit_whole_at_640x480_and_200_percent() {
    use egui_kittest::kittest::NodeT as _;
    check(640.0, 480.0, 200);
    let (harness, _dir) = session_in_a_window(640.0, 480.0, 200, "high_contrast");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(640.0, 480.0));
    let essentials = [
        harness.get_by_label("Supine deep neck flexion").rect(),
        harness.get_by_label_contains("seconds left").rect(),
    ];
    let controls: Vec<_> = harness
        .query_all_by_role(Role::Button)
        .filter(|b| {
            let name = b.accesskit_node().label().unwrap_or_default();
            ["Pause", "Continue", "Back", "Skip", "End session"]
                .iter()
                .any(|c| name.starts_with(c))
        })
        .map(|b| (b.accesskit_node().label().unwrap_or_default(), b.rect()))
        .collect();
    assert_eq!(controls.len(), 5, "{controls:?}");
    for (name, rect) in &controls {
        let pixels = pixels(&harness, *rect);
        assert!(
            pixels.top() >= 0.0 && pixels.bottom() <= window.bottom() + 0.5,
            "{name} at {pixels:?} is not in view"
        );
        // One line of text: wider than tall.
        assert!(rect.width() > rect.height(), "{name} is squeezed: {rect:?}");
        for essential in essentials {
            assert!(
                !rect.intersects(essential),
                "{name} at {rect:?} lies over {essential:?}"
            );
        }
    }
}

#[test]
fn the_session_essentials_fit_1280x800_at_200_percent() {
    check(1280.0, 800.0, 200);
}

#[test]
fn at_1280x800_and_100_percent_the_countdown_is_a_quarter_of_the_window() {
    let height = check(1280.0, 800.0, 100);
    assert!(height >= 800.0 / 4.0, "the countdown is {height} px tall");
}

/// Every line of the status shows whole above the controls, the line
/// under the bar ("Next: …") too, in windows with room for the two
/// columns: the countdown is sized to leave it room. It was cut off, and
/// the column got a scroll bar (sliding in over 24 frames), once a long
/// hold's countdown fell under a minute and its two digits grew.
#[test]
fn the_line_under_the_countdown_shows_above_the_controls() {
    const LONG: &str = r#"{ "id": "long", "name": "Long", "times_per_day": 1, "items": [
        { "exercise": { "id": "long-hold", "name": "Long hold", "position": "sitting",
          "steps": ["Hold."], "dose": { "kind": "holds", "hold_seconds": 90, "repetitions": 1 } } },
        { "exercise": { "id": "after", "name": "After", "position": "sitting",
          "steps": ["Hold."], "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 1 } } } ] }"#;
    for (width, height, percent) in [(1024.0, 768.0, 100), (1280.0, 800.0, 100)] {
        // 80 s left ("1:20"), then 55 s.
        for into_hold in [10, 35] {
            let (harness, _dir) =
                session_of(Some(LONG), into_hold, width, height, percent, "light");
            let next = harness.get_by_label("Next: After").rect();
            let pause = harness.get_by_role_and_label(Role::Button, "Pause").rect();
            assert!(
                next.bottom() <= pause.top(),
                "at {width}x{height}, {percent} %, {into_hold} s in: the next line at {next:?} is under the controls at {pause:?}"
            );
            // Nothing needs to scroll: no scroll bar shows.
            assert_eq!(
                harness.query_all_by_role(Role::ScrollBar).count(),
                0,
                "at {width}x{height}, {percent} %, {into_hold} s in: a column scrolls"
            );
        }
    }
}

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
    let (harness, dir, _clock) =
        session_with_clock(routine, into_hold, width, height, percent, theme);
    (harness, dir)
}

/// [`session_of`], with the clock that moves its time.
fn session_with_clock(
    routine: Option<&str>,
    into_hold: u64,
    width: f32,
    height: f32,
    percent: u32,
    theme: &str,
) -> (
    Harness<'static, NeckguideApp>,
    tempfile::TempDir,
    ManualClock,
) {
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
        .with_max_steps(8)
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
    (harness, dir, clock)
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

/// One exercise of one 5-second hold: a session that ends soon.
const SHORT: &str = r#"{ "id": "short", "name": "Short", "times_per_day": 1, "items": [
    { "exercise": { "id": "short-hold", "name": "Short hold", "position": "sitting",
      "steps": ["Hold."], "dose": { "kind": "holds", "hold_seconds": 5, "repetitions": 1 } } } ] }"#;

/// The window at 640x480 pixels with text at 200 %.
const SMALL: egui::Rect = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(640.0, 480.0));

/// The node named `label` (a label's words are its value) lies inside the
/// 640x480 window.
fn in_view(harness: &Harness<'static, NeckguideApp>, label: &str) {
    let rect = harness.get_by_label(label).rect();
    assert_inside(harness, label, rect, SMALL);
}

/// Presses Tab `times` times at 640x480 and 200 %: after each, the control
/// with the keyboard focus lies inside the window. Returns the names met.
fn tab_through(harness: &mut Harness<'static, NeckguideApp>, times: usize) -> Vec<String> {
    use egui_kittest::kittest::NodeT as _;
    let mut met = Vec::new();
    for _ in 0..times {
        harness.key_press(egui::Key::Tab);
        harness.run();
        let focused: Vec<_> = harness
            .query_all_by(|n| n.is_focused())
            .map(|n| (n.accesskit_node().label().unwrap_or_default(), n.rect()))
            .collect();
        let Some((name, rect)) = focused.first().cloned() else {
            continue;
        };
        let at = pixels(harness, rect);
        assert!(
            SMALL.expand(0.5).contains_rect(at),
            "{name} has the focus at {at:?}, not inside the window {SMALL:?} (met so far: {met:?})"
        );
        met.push(name);
    }
    met
}

/// The pain stop at 640x480 with 200 % text opens at its top: its title
/// and what to do now in view (it opened scrolled to its button at the
/// bottom, the button its focus goes to).
#[test]
fn the_pain_stop_opens_at_its_top_at_640x480_and_200_percent() {
    use egui_kittest::kittest::NodeT as _;
    let (mut harness, _dir) = session_in_a_window(640.0, 480.0, 200, "light");
    harness.key_press(egui::Key::P);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Stopped));
    in_view(&harness, "Session stopped");
    let what_to_do = harness
        .get_by_label_contains("Stop the exercise and rest")
        .rect();
    let at = pixels(&harness, what_to_do);
    assert!(
        at.top() >= 0.0 && at.top() < SMALL.bottom(),
        "\"Stop the exercise and rest…\" starts at {at:?}, out of view"
    );
    // The focus is on the way home all the same (Enter goes home), and
    // it shows.
    let home = harness.get_by_role_and_label(Role::Button, "Back to home");
    assert!(home.accesskit_node().is_focused());
    assert_inside(&harness, "Back to home", home.rect(), SMALL);
}

/// The check-out after a whole session at 640x480 with 200 % text opens
/// at its top (title and pain question in view), and Tab brings each
/// control it reaches into view: the pain scale, the note, Save.
#[test]
fn the_check_out_opens_at_its_top_and_tab_keeps_the_focus_in_view() {
    let (mut harness, _dir, clock) = session_with_clock(Some(SHORT), 0, 640.0, 480.0, 200, "light");
    for _ in 0..120 {
        if matches!(harness.state().screen(), Screen::CheckOut(_)) {
            break;
        }
        clock.advance(Duration::from_secs(1));
        harness.run();
    }
    assert!(matches!(harness.state().screen(), Screen::CheckOut(_)));
    in_view(&harness, "Well done: session complete");
    in_view(&harness, "How much pain do you have now?");
    let met = tab_through(&mut harness, 16);
    for name in [
        "Pain 10 of 10, worst pain imaginable",
        "Note for your physical therapist",
    ] {
        assert!(
            met.iter().any(|m| m.starts_with(name)),
            "{name} not met: {met:?}"
        );
    }
}

/// Tab through home at 640x480 with 200 % text: each control that takes
/// the focus lies inside the window ("I have talked to my physical
/// therapist" was met at y = 1262 in a 480-pixel window).
#[test]
fn tab_through_home_keeps_the_focus_in_view_at_640x480_and_200_percent() {
    let (mut harness, _dir) = session_in_a_window(640.0, 480.0, 200, "light");
    harness.key_press(egui::Key::P);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(matches!(harness.state().screen(), Screen::Home));
    in_view(&harness, "neckguide");
    let met = tab_through(&mut harness, 30);
    let held_out = "I have talked to my physical therapist about Supine deep neck flexion";
    assert!(met.iter().any(|m| m == held_out), "{met:?}");
}

/// In the session at 640x480 with 200 % text, "How to do it" takes the
/// focus in view, not under the session's controls (WCAG 2.4.11).
#[test]
fn how_to_do_it_takes_the_focus_above_the_controls() {
    use egui_kittest::kittest::NodeT as _;
    let (mut harness, _dir) = session_in_a_window(640.0, 480.0, 200, "light");
    let mut found = None;
    for _ in 0..12 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        let how = harness
            .query_all_by(|n| n.is_focused())
            .find(|n| n.accesskit_node().label().unwrap_or_default() == "How to do it")
            .map(|n| n.rect());
        if how.is_some() {
            found = how;
            break;
        }
    }
    let Some(how) = found else {
        panic!("Tab never reached How to do it");
    };
    assert_inside(&harness, "How to do it", how, SMALL);
    let pause = harness.get_by_role_and_label(Role::Button, "Pause").rect();
    assert!(
        !how.intersects(pause) && how.bottom() <= pause.top(),
        "How to do it at {how:?} lies under the controls at {pause:?}"
    );
}

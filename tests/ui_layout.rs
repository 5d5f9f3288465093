//! The session screen at small windows and large text (issue 16): the pain
//! button, the exercise name and the countdown lie inside the window, read
//! from the accessibility tree; with room, the countdown is big.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use neckguide::app::AppOptions;
use neckguide::app::paths::DataDir;
use neckguide::due::measure_words;
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

/// The node named `label` (a label's words are its value; not a radio
/// group named by them) lies inside the 640x480 window.
fn in_view(harness: &Harness<'static, NeckguideApp>, label: &str) {
    use egui_kittest::kittest::NodeT as _;
    // The words themselves, not the group of answers named by them.
    let node = harness
        .query_all_by_label(label)
        .find(|n| n.accesskit_node().role() != Role::RadioGroup)
        .unwrap_or_else(|| panic!("no {label:?}"));
    assert_inside(harness, label, node.rect(), SMALL);
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

/// One window the layout check runs in: its size in pixels, the text size
/// in percent and the theme.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Config {
    pub(crate) width: f32,
    pub(crate) height: f32,
    pub(crate) percent: u32,
    pub(crate) theme: &'static str,
}

/// The twelve configurations of issue 31: 640x480 and 800x600 at 200 %,
/// 1280x800 at 100 % and 200 %, each in the light, dark and high-contrast
/// themes.
fn twelve_configs() -> Vec<Config> {
    let mut configs = Vec::new();
    for theme in ["light", "dark", "high_contrast"] {
        for (width, height, percent) in [
            (640.0, 480.0, 200),
            (800.0, 600.0, 200),
            (1280.0, 800.0, 100),
            (1280.0, 800.0, 200),
        ] {
            configs.push(Config {
                width,
                height,
                percent,
                theme,
            });
        }
    }
    configs
}

/// The window of `config` on a fresh data folder, at home, with a manual
/// clock and no check for jumps in time (the check jumps to each step's
/// end).
pub(crate) fn window_of(
    config: Config,
) -> (
    Harness<'static, NeckguideApp>,
    tempfile::TempDir,
    ManualClock,
) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        format!(
            r#"{{"text_size_percent": {}, "theme": "{}"}}"#,
            config.percent, config.theme
        ),
    )
    .unwrap();
    let clock = ManualClock::new();
    let mut options = AppOptions::stepped(Some(DataDir::new(dir.path())), Arc::new(clock.clone()));
    options.session_config.time_jump_threshold = None;
    let app = NeckguideApp::new(options);
    let zoom = config.percent as f32 / 100.0;
    // The window's size in pixels: the text size applies on the first
    // frame, which scales it down to points by it (then it is set again,
    // in points, as it stays).
    let mut harness = Harness::builder()
        .with_size(egui::vec2(config.width, config.height))
        .with_max_steps(8)
        .build_ui_state(|ui, app: &mut NeckguideApp| app.ui(ui), app);
    harness.run();
    harness.set_size(egui::vec2(config.width, config.height) / zoom);
    harness.run();
    (harness, dir, clock)
}

/// Where each widget of the last frame was drawn, by its AccessKit id: its
/// whole rectangle and the part of it not clipped away (by a scrolling
/// area or a panel), in points, and its layer.
pub(crate) fn widget_rects(
    harness: &Harness<'static, NeckguideApp>,
) -> HashMap<u64, egui::WidgetRect> {
    harness.ctx.viewport(|v| {
        v.prev_pass
            .widgets
            .layers()
            .flat_map(|(_, rects)| rects.iter())
            .map(|r| (r.id.value(), *r))
            .collect()
    })
}

/// The AccessKit id of a node, as egui gives it (the widget's `Id`).
pub(crate) fn node_id(node: &egui_kittest::Node<'_>) -> u64 {
    use egui_kittest::kittest::NodeT as _;
    node.accesskit_node().locate().0.0
}

/// The words of a node: its name, else its value (a label's words).
fn words(node: &egui_kittest::Node<'_>) -> String {
    use egui_kittest::kittest::NodeT as _;
    ak_words(&node.accesskit_node())
}

/// [`words`] of an AccessKit node.
fn ak_words(n: &egui_kittest::kittest::AccessKitNode<'_>) -> String {
    n.label()
        .filter(|l| !l.is_empty())
        .or_else(|| n.value())
        .unwrap_or_default()
}

/// The roles whose nodes carry words or are controls: what must not lie
/// over one another.
fn shows_words(role: Role) -> bool {
    matches!(
        role,
        Role::Label
            | Role::Heading
            | Role::Button
            | Role::RadioButton
            | Role::CheckBox
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::ComboBox
            | Role::Slider
            | Role::SpinButton
            | Role::Image
            | Role::ProgressIndicator
    )
}

/// The layout check of one screen in one configuration; what is wrong goes
/// into `failures`.
struct Layout<'a> {
    harness: &'a Harness<'static, NeckguideApp>,
    rects: HashMap<u64, egui::WidgetRect>,
    /// The window, in points.
    window: egui::Rect,
    /// The configuration and the screen, for the messages.
    at: String,
    /// Pixels per point.
    zoom: f32,
}

impl<'a> Layout<'a> {
    fn of(harness: &'a Harness<'static, NeckguideApp>, config: Config, screen: &str) -> Self {
        let zoom = config.percent as f32 / 100.0;
        Self {
            harness,
            rects: widget_rects(harness),
            window: egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(config.width, config.height) / zoom,
            ),
            at: format!(
                "{}x{} at {} % ({}), {screen}",
                config.width, config.height, config.percent, config.theme
            ),
            zoom,
        }
    }

    /// The first node whose words are `label` (exactly, or at their start
    /// when `prefix`).
    fn find(&self, label: &str, prefix: bool) -> Option<egui_kittest::Node<'a>> {
        let label = label.to_owned();
        self.harness
            .query_all_by(move |n| {
                if n.role() == Role::RadioGroup {
                    // A group of answers is named by its question's words.
                    return false;
                }
                let w = ak_words(n);
                if prefix {
                    w.starts_with(&label)
                } else {
                    w == label
                }
            })
            .next()
    }

    /// `node` is drawn whole (nothing of it clipped away) inside the
    /// window.
    fn whole(&self, what: &str, node: Option<egui_kittest::Node<'_>>, failures: &mut Vec<String>) {
        let Some(node) = node else {
            failures.push(format!("{}: {what} is not on the screen", self.at));
            return;
        };
        let Some(r) = self.rects.get(&node_id(&node)) else {
            failures.push(format!("{}: {what} has no place", self.at));
            return;
        };
        let inside = self.window.expand(0.5).contains_rect(r.rect);
        let unclipped = r.interact_rect.expand(0.5).contains_rect(r.rect);
        if !inside || !unclipped {
            failures.push(format!(
                "{}: {what} ({:?}) at {:?}, shown {:?}, not whole in the window {:?}",
                self.at,
                words(&node),
                r.rect,
                r.interact_rect,
                self.window
            ));
        }
    }

    /// The node named `label` is whole in the window.
    fn label_whole(&self, label: &str, failures: &mut Vec<String>) {
        self.whole(&format!("\"{label}\""), self.find(label, false), failures);
    }

    /// The first line of the node whose words start with `start` shows:
    /// its top lies in the window, and a line's height of it is not
    /// clipped.
    fn starts_in_view(&self, start: &str, failures: &mut Vec<String>) {
        let node = self.find(start, true);
        let Some(r) = node.as_ref().and_then(|n| self.rects.get(&node_id(n))) else {
            failures.push(format!("{}: \"{start}…\" is not on the screen", self.at));
            return;
        };
        let first_line = egui::Rect::from_min_size(
            r.rect.min,
            egui::vec2(r.rect.width(), r.rect.height().min(20.0)),
        );
        let shown = r.interact_rect.intersect(self.window).expand(0.5);
        if !shown.contains_rect(first_line) {
            failures.push(format!(
                "{}: the first line of \"{start}…\" at {first_line:?} is not in view ({:?})",
                self.at, r.interact_rect
            ));
        }
    }

    /// The control with the keyboard focus is whole in the window.
    fn focus_whole(&self, failures: &mut Vec<String>) {
        let focused = self.harness.query_all_by(|n| n.is_focused()).next();
        if focused.is_none() {
            failures.push(format!("{}: nothing has the keyboard focus", self.at));
            return;
        }
        self.whole("the focused control", focused, failures);
    }

    /// Every control shown is a target of 24x24 pixels at least (WCAG
    /// 2.5.8): buttons, check boxes, fields, sliders.
    fn targets_big_enough(&self, zoom: f32, failures: &mut Vec<String>) {
        let controls = self.harness.query_all_by(|n| {
            matches!(
                n.role(),
                Role::Button
                    | Role::CheckBox
                    | Role::RadioButton
                    | Role::ComboBox
                    | Role::TextInput
                    | Role::MultilineTextInput
                    | Role::Slider
                    | Role::SpinButton
            )
        });
        for node in controls {
            let Some(r) = self.rects.get(&node_id(&node)) else {
                continue;
            };
            if !r.visible || !r.interact_rect.intersects(self.window) {
                continue;
            }
            let pixels = r.rect.size() * zoom;
            if pixels.x < 23.5 || pixels.y < 23.5 {
                failures.push(format!(
                    "{}: {:?} is a target of {:.0}x{:.0} pixels",
                    self.at,
                    words(&node),
                    pixels.x,
                    pixels.y
                ));
            }
        }
    }

    /// No two nodes that show words or are controls lie over one another
    /// (in the same layer, where both show), unless one holds the other.
    fn nothing_overlaps(&self, failures: &mut Vec<String>) {
        use egui_kittest::kittest::NodeT as _;
        self.targets_big_enough(self.zoom, failures);
        // Each: id, words, layer, the part shown, ancestors, a picture
        // (a chart: its legend lies in it).
        type Shown = (u64, String, egui::LayerId, egui::Rect, Vec<u64>, bool);
        let shown: Vec<Shown> = self
            .harness
            .query_all_by(|n| shows_words(n.role()))
            .filter_map(|node| {
                let id = node_id(&node);
                let r = self.rects.get(&id)?;
                if !r.visible {
                    return None;
                }
                let rect = r.interact_rect.intersect(self.window).shrink(1.0);
                if !rect.is_positive() {
                    return None;
                }
                let mut ancestors = Vec::new();
                let mut parent = node.parent();
                while let Some(p) = parent {
                    ancestors.push(node_id(&p));
                    parent = p.parent();
                }
                let picture = node.accesskit_node().role() == Role::Image;
                Some((id, words(&node), r.layer_id, rect, ancestors, picture))
            })
            .collect();
        for (i, a) in shown.iter().enumerate() {
            for b in shown.iter().skip(i + 1) {
                let holds = |x: &Shown, y: &Shown| {
                    x.4.contains(&y.0) || y.4.contains(&x.0) || (x.5 && x.3.contains_rect(y.3))
                };
                if a.2 == b.2 && a.3.intersects(b.3) && !holds(a, b) && !holds(b, a) {
                    failures.push(format!(
                        "{}: {:?} at {:?} lies over {:?} at {:?}",
                        self.at, a.1, a.3, b.1, b.3
                    ));
                }
            }
        }
    }
}

/// The countdown's words ("Hold: 4 seconds left"): the phase and the
/// seconds.
pub(crate) fn countdown_words(harness: &Harness<'static, NeckguideApp>) -> Option<(String, u64)> {
    let node = harness
        .query_all_by(|n| {
            let w = ak_words(n);
            w.ends_with(" seconds left") || w.ends_with(" second left")
        })
        .next()?;
    let label = words(&node);
    let (phase, left) = label.rsplit_once(": ")?;
    let seconds = left.split(' ').next()?.parse().ok()?;
    Some((phase.to_owned(), seconds))
}

/// Every screen in the twelve configurations (issue 31): home, the
/// shortcuts, the check-in, the session in each of its phases, paused, the
/// end question, the check-out, home with a notice, the history with a
/// session in it, the settings, the builder and the pain stop. On each,
/// what the person must see now (the screen's title and first question,
/// the countdown and phase, the pain button, the control with the focus)
/// is whole in the window, and no words or control lie over others. One
/// window per configuration, driven by the keyboard with a manual clock.
#[test]
fn every_screen_fits_in_the_twelve_configurations() {
    let mut failures = Vec::new();
    for config in twelve_configs() {
        check_every_screen(config, &mut failures);
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The screens of [`every_screen_fits_in_the_twelve_configurations`] in one
/// configuration.
fn check_every_screen(config: Config, failures: &mut Vec<String>) {
    let (mut harness, _dir, clock) = window_of(config);
    // A picture drawn on its own thread may wake the window a few more
    // times: frames run until it settles, without failing for that.
    let key = |harness: &mut Harness<'static, NeckguideApp>, key: egui::Key| {
        harness.key_press(key);
        harness.run_ok();
    };
    let page =
        |harness: &Harness<'static, NeckguideApp>, name: &str, title: &str, f: &mut Vec<String>| {
            let layout = Layout::of(harness, config, name);
            layout.label_whole(title, f);
            layout.focus_whole(f);
            layout.nothing_overlaps(f);
        };
    page(&harness, "home", "neckguide", failures);
    key(&mut harness, egui::Key::F1);
    page(&harness, "the shortcuts", "Keyboard shortcuts", failures);
    key(&mut harness, egui::Key::Escape);

    // The check-in, answered by keys: pain 2, no arm symptoms, no warning
    // sign; then Enter starts.
    key(&mut harness, egui::Key::Space);
    assert!(matches!(harness.state().screen(), Screen::CheckIn(_)));
    {
        let layout = Layout::of(&harness, config, "the check-in");
        layout.label_whole("Before you start", failures);
        layout.label_whole("How much pain do you have right now?", failures);
        layout.focus_whole(failures);
        layout.nothing_overlaps(failures);
    }
    // The outcome measures, offered at this first check-in: reached by
    // Tab, answered on a page of their own, every control on the way to
    // "Not now" whole in the window when it has the focus.
    let focused_name = |harness: &Harness<'static, NeckguideApp>| {
        use egui_kittest::kittest::NodeT as _;
        harness
            .query_all_by(|n| n.is_focused())
            .next()
            .and_then(|n| n.accesskit_node().label())
            .unwrap_or_default()
    };
    for _ in 0..60 {
        if focused_name(&harness) == "Answer the outcome measures" {
            break;
        }
        key(&mut harness, egui::Key::Tab);
    }
    key(&mut harness, egui::Key::Enter);
    {
        let layout = Layout::of(&harness, config, "the outcome measures");
        layout.label_whole("Outcome measures", failures);
        layout.nothing_overlaps(failures);
    }
    for step in 0..120 {
        key(&mut harness, egui::Key::Tab);
        let name = focused_name(&harness);
        Layout::of(
            &harness,
            config,
            &format!("the outcome measures, Tab {step}"),
        )
        .focus_whole(failures);
        if name == "Not now" {
            break;
        }
    }
    key(&mut harness, egui::Key::Enter);
    assert!(
        harness
            .query_all_by_label_contains("asked again at your next session")
            .next()
            .is_some(),
        "{config:?}: Not now was not reached by Tab"
    );
    key(&mut harness, egui::Key::Num2);
    for _ in 0..5 {
        key(&mut harness, egui::Key::N);
    }
    {
        let layout = Layout::of(&harness, config, "the check-in answered");
        layout.focus_whole(failures);
        layout.nothing_overlaps(failures);
    }
    key(&mut harness, egui::Key::Enter);
    assert!(matches!(harness.state().screen(), Screen::Session { .. }));

    // The session: each phase as it begins, then on to its end.
    let mut seen = Vec::new();
    let mut asked_to_end = false;
    for _ in 0..400 {
        if !matches!(harness.state().screen(), Screen::Session { .. }) {
            break;
        }
        let Some((phase, left)) = countdown_words(&harness) else {
            let all: Vec<String> = harness.query_all_by(|_| true).map(|n| words(&n)).collect();
            failures.push(format!(
                "{config:?}: a session phase has no countdown: {all:?}"
            ));
            break;
        };
        // Each phase once ("Hold" and "Hold: push to the left side" are
        // one phase).
        let kind = phase.split(':').next().unwrap_or_default().to_owned();
        if !seen.contains(&kind) {
            seen.push(kind);
            session_essentials(&harness, config, &phase, failures);
        }
        if phase == "Hold" && !asked_to_end {
            asked_to_end = true;
            key(&mut harness, egui::Key::Space);
            session_essentials(&harness, config, "Paused", failures);
            key(&mut harness, egui::Key::Space);
            key(&mut harness, egui::Key::Escape);
            {
                let layout = Layout::of(&harness, config, "the end question");
                layout.label_whole("End the session now?", failures);
                layout.focus_whole(failures);
                layout.nothing_overlaps(failures);
            }
            key(&mut harness, egui::Key::Escape);
        }
        clock.advance(Duration::from_secs(left.max(1)));
        harness.run_ok();
    }
    assert!(
        matches!(harness.state().screen(), Screen::CheckOut(_)),
        "{config:?}: the session did not end; so far:\n{}",
        failures.join("\n")
    );
    {
        let layout = Layout::of(&harness, config, "the check-out");
        layout.label_whole("Well done: session complete", failures);
        layout.label_whole("How much pain do you have now?", failures);
        layout.focus_whole(failures);
        layout.nothing_overlaps(failures);
    }
    key(&mut harness, egui::Key::Num2);
    key(&mut harness, egui::Key::Enter);
    key(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().screen(), &Screen::Home, "{config:?}");
    page(&harness, "home with a notice", "neckguide", failures);
    key(&mut harness, egui::Key::H);
    page(&harness, "the history", "History", failures);
    key(&mut harness, egui::Key::Escape);
    key(&mut harness, egui::Key::S);
    page(&harness, "the settings", "Settings", failures);
    key(&mut harness, egui::Key::Escape);
    key(&mut harness, egui::Key::M);
    page(
        &harness,
        "the builder",
        neckguide::ui::builder::TITLE,
        failures,
    );
    key(&mut harness, egui::Key::Escape);

    // The pain stop, in a second session (its check-in may ask this
    // morning against yesterday's, S: the same, and the warning signs).
    key(&mut harness, egui::Key::Space);
    key(&mut harness, egui::Key::Num2);
    key(&mut harness, egui::Key::N);
    key(&mut harness, egui::Key::S);
    for _ in 0..4 {
        key(&mut harness, egui::Key::N);
    }
    key(&mut harness, egui::Key::Enter);
    assert!(
        matches!(harness.state().screen(), Screen::Session { .. }),
        "{config:?}: {:?}",
        harness.state().screen()
    );
    key(&mut harness, egui::Key::P);
    assert_eq!(harness.state().screen(), &Screen::Stopped, "{config:?}");
    let layout = Layout::of(&harness, config, "the pain stop");
    layout.label_whole("Session stopped", failures);
    layout.starts_in_view("Stop the exercise and rest", failures);
    layout.focus_whole(failures);
    layout.nothing_overlaps(failures);
}

/// The session's essentials in `phase`: the exercise's name, the phase, the
/// countdown, the pain button and the focused control, whole; nothing over
/// another.
fn session_essentials(
    harness: &Harness<'static, NeckguideApp>,
    config: Config,
    phase: &str,
    failures: &mut Vec<String>,
) {
    use egui_kittest::kittest::NodeT as _;
    let layout = Layout::of(harness, config, &format!("the session, {phase}"));
    let name = harness
        .query_all_by_role(Role::Heading)
        .find(|h| h.accesskit_node().level() == Some(1));
    layout.whole("the exercise's name", name, failures);
    layout.label_whole(phase, failures);
    let countdown = harness
        .query_all_by(|n| ak_words(n).ends_with(" left"))
        .next();
    layout.whole("the countdown", countdown, failures);
    layout.whole(
        "the pain button",
        harness
            .query_all_by_role_and_label(Role::Button, PAIN_BUTTON)
            .next(),
        failures,
    );
    layout.focus_whole(failures);
    layout.nothing_overlaps(failures);
}

/// The session records in the log of `dir`.
fn session_records(dir: &tempfile::TempDir) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.path().join("sessions.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["kind"] == "session")
        .collect()
}

/// Issue 31: a whole session, then a pain stop, by the keyboard alone at
/// 640x480 with 200 % text (no click anywhere): the check-in answered by
/// keys, Enter to go on after getting into position, Space to pause and
/// resume, the check-out's rating typed and saved, then P in the next
/// session, the stop's questions answered and Enter home. After each key
/// the control with the focus is whole in the window; both records are
/// in the log with what was typed.
#[test]
fn a_whole_session_and_the_pain_stop_by_keyboard_alone_at_640x480_and_200_percent() {
    let config = Config {
        width: 640.0,
        height: 480.0,
        percent: 200,
        theme: "light",
    };
    let (mut harness, dir, clock) = window_of(config);
    let mut failures = Vec::new();
    let mut press = |harness: &mut Harness<'static, NeckguideApp>, key: egui::Key, what: &str| {
        harness.key_press(key);
        harness.run_ok();
        Layout::of(harness, config, what).focus_whole(&mut failures);
    };
    press(&mut harness, egui::Key::Space, "home, Space");
    assert!(matches!(harness.state().screen(), Screen::CheckIn(_)));
    press(&mut harness, egui::Key::Num3, "the check-in, pain 3");
    for _ in 0..5 {
        press(&mut harness, egui::Key::N, "the check-in, N");
    }
    press(&mut harness, egui::Key::Enter, "the check-in, Enter");
    assert!(matches!(harness.state().screen(), Screen::Session { .. }));
    let mut paused_once = false;
    for _ in 0..400 {
        if !matches!(harness.state().screen(), Screen::Session { .. }) {
            break;
        }
        let Some((phase, left)) = countdown_words(&harness) else {
            panic!("a phase with no countdown");
        };
        if phase.starts_with("Get into position") {
            // The focus is on Continue (Enter), whatever came before.
            press(&mut harness, egui::Key::Enter, "the session, Enter");
            continue;
        }
        if phase == "Hold" && !paused_once {
            paused_once = true;
            press(&mut harness, egui::Key::Space, "the session, Space");
            assert_eq!(
                countdown_words(&harness).map(|c| c.0),
                Some("Paused".to_owned())
            );
            press(&mut harness, egui::Key::Space, "the session, Space again");
        }
        clock.advance(Duration::from_secs(left.max(1)));
        harness.run_ok();
    }
    assert!(matches!(harness.state().screen(), Screen::CheckOut(_)));
    press(&mut harness, egui::Key::Num2, "the check-out, pain 2");
    press(&mut harness, egui::Key::Enter, "the check-out, Enter");
    press(&mut harness, egui::Key::Enter, "the check-out, Enter again");
    assert_eq!(harness.state().screen(), &Screen::Home);
    let records = session_records(&dir);
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["outcome"], "completed");
    assert_eq!(records[0]["pain_after"], 2);

    // The next session, stopped for pain.
    press(&mut harness, egui::Key::Space, "home, Space");
    press(&mut harness, egui::Key::Num4, "the check-in, pain 4");
    for key in [egui::Key::N, egui::Key::S, egui::Key::N, egui::Key::N] {
        press(&mut harness, key, "the check-in, a key");
    }
    press(&mut harness, egui::Key::N, "the check-in, N");
    press(&mut harness, egui::Key::N, "the check-in, N");
    press(&mut harness, egui::Key::Enter, "the check-in, Enter");
    assert!(matches!(harness.state().screen(), Screen::Session { .. }));
    press(&mut harness, egui::Key::P, "the session, P");
    assert_eq!(harness.state().screen(), &Screen::Stopped);
    press(&mut harness, egui::Key::Num5, "the pain stop, pain 5");
    press(&mut harness, egui::Key::N, "the pain stop, N");
    press(&mut harness, egui::Key::Enter, "the pain stop, Enter");
    press(&mut harness, egui::Key::Enter, "the pain stop, Enter again");
    assert_eq!(harness.state().screen(), &Screen::Home);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let records = session_records(&dir);
    assert_eq!(records.len(), 2, "{records:?}");
    let stop = &records[1];
    assert_eq!(stop["outcome"], "stopped_for_pain");
    assert_eq!(stop["pain_before"], 4);
    assert_eq!(stop["pain_after"], 5);
    assert_eq!(stop["arm"], "none");
}

/// The outcome measures the second time (with the global rating of change,
/// fifteen answers in words) at 640x480 and 200 % in each theme: reached by
/// Tab from the check-in, every control on the way to "Save answers" whole
/// in the window when it has the focus, nothing over anything else.
#[test]
fn the_second_outcome_measures_fit_at_640x480_and_200_percent_by_tab() {
    use egui_kittest::kittest::NodeT as _;
    let mut failures = Vec::new();
    for theme in ["light", "dark", "high_contrast"] {
        let config = Config {
            width: 640.0,
            height: 480.0,
            percent: 200,
            theme,
        };
        let (mut harness, _dir, clock) = window_of(config);
        let press = |harness: &mut Harness<'static, NeckguideApp>, label: &str| {
            harness.get_by_label(label).click_accesskit();
            harness.run_ok();
        };
        let key = |harness: &mut Harness<'static, NeckguideApp>, key: egui::Key| {
            harness.key_press(key);
            harness.run_ok();
        };
        let focused_name = |harness: &Harness<'static, NeckguideApp>| {
            harness
                .query_all_by(|n| n.is_focused())
                .next()
                .and_then(|n| n.accesskit_node().label())
                .unwrap_or_default()
        };
        // The first answers: the pains only.
        key(&mut harness, egui::Key::Space);
        press(&mut harness, "Answer the outcome measures");
        press(&mut harness, &format!("5: {}", measure_words::NECK_PAIN));
        press(&mut harness, &format!("5: {}", measure_words::ARM_PAIN));
        press(&mut harness, "Save answers");
        key(&mut harness, egui::Key::Escape);
        // A week on, by the keyboard.
        clock.advance(Duration::from_secs(7 * 24 * 3600));
        harness.run_ok();
        key(&mut harness, egui::Key::Space);
        for _ in 0..80 {
            if focused_name(&harness) == "Answer the outcome measures" {
                break;
            }
            key(&mut harness, egui::Key::Tab);
        }
        key(&mut harness, egui::Key::Enter);
        assert!(
            harness
                .query_all_by_label_contains(measure_words::GROC)
                .next()
                .is_some(),
            "{config:?}: the second time asks no GROC"
        );
        Layout::of(&harness, config, "the second outcome measures")
            .label_whole("Outcome measures", &mut failures);
        let mut reached = false;
        let mut met = Vec::new();
        for step in 0..120 {
            key(&mut harness, egui::Key::Tab);
            met.push(focused_name(&harness));
            let layout = Layout::of(
                &harness,
                config,
                &format!("the second measures, Tab {step}"),
            );
            layout.focus_whole(&mut failures);
            layout.nothing_overlaps(&mut failures);
            if focused_name(&harness) == "Not now" {
                reached = true;
                break;
            }
        }
        assert!(reached, "{config:?}: Tab never reached Not now");
        // On the way: each rating, the field for a new activity, each GROC
        // answer.
        for name in [
            format!("10: {}", measure_words::ARM_PAIN),
            measure_words::NEW_ACTIVITY.to_owned(),
            format!("+7 A very great deal better: {}", measure_words::GROC),
        ] {
            assert!(
                met.contains(&name),
                "{config:?}: Tab never met {name}: {met:?}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

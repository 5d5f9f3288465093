//! The app with a desktop around it, on a private session bus with a test
//! service (`fake_desktop`) answering as the desktop would: the theme
//! follows the system's colour scheme and its changes, the Open dialog asks
//! the file-chooser portal (and falls back to the app's own when no portal
//! answers), and the screen is kept awake while a session runs, only then.

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::Color32;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use neckguide::app::desktop::{Desktop, FileChooserState, mpris};
use neckguide::app::paths::DataDir;
use neckguide::app::runner::SessionCommand;
use neckguide::app::{App, AppOptions, CheckInAnswers};
use neckguide::session::ManualClock;
use neckguide::ui::NeckguideApp;

use crate::fake_desktop::{FakeDesktop, FileAnswer, PrivateBus};

fn options(dir: &std::path::Path, clock: &ManualClock) -> AppOptions {
    AppOptions::stepped(Some(DataDir::new(dir)), Arc::new(clock.clone()))
}

fn window(dir: &std::path::Path, desktop: Desktop) -> Harness<'static, NeckguideApp> {
    let app = NeckguideApp::new(options(dir, &ManualClock::new())).with_desktop(desktop);
    crate::ui_flows::harness_of(app)
}

/// Draws frames until `done` holds (the desktop answers from its threads),
/// for at most 10 s.
fn until(
    harness: &mut Harness<'static, NeckguideApp>,
    what: &str,
    done: impl Fn(&Harness<'static, NeckguideApp>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // The desktop's threads wake the window whenever an answer comes,
        // so frames may not settle within the harness's steps: `done` is
        // what is waited for.
        let _ = harness.run_ok();
        if done(harness) {
            return;
        }
        assert!(Instant::now() < deadline, "waited 10 s for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn page(harness: &Harness<'static, NeckguideApp>) -> Color32 {
    harness.ctx.global_style().visuals.panel_fill
}

fn has(harness: &Harness<'static, NeckguideApp>, label: &str) -> bool {
    harness.query_by_label(label).is_some()
}

#[test]
fn the_theme_follows_the_system_and_its_changes() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let desktop = FakeDesktop::start(&bus, true, 1, FileAnswer::Cancel);
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path(), Desktop::at(&bus.address));
    let dark = egui::Visuals::dark().panel_fill;
    let light = egui::Visuals::light().panel_fill;
    // "Follow the system" is the default: the system prefers dark.
    until(&mut harness, "the dark theme", |h| page(h) == dark);
    // The person switches the system to light, then to higher contrast.
    desktop.set_appearance("color-scheme", 2);
    until(&mut harness, "the light theme", |h| page(h) == light);
    desktop.set_appearance("contrast", 1);
    until(&mut harness, "the high-contrast theme", |h| {
        page(h) == Color32::BLACK
    });
    desktop.set_appearance("contrast", 0);
    desktop.set_appearance("color-scheme", 1);
    until(&mut harness, "the dark theme again", |h| page(h) == dark);
    // A theme of one's own stays, whatever the system says.
    harness.get_by_label("Settings").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    assert_eq!(page(&harness), light);
    desktop.set_appearance("color-scheme", 1);
    std::thread::sleep(Duration::from_millis(300));
    harness.run();
    assert_eq!(page(&harness), light);
    harness.get_by_label("Follow the system").click();
    harness.run();
    assert_eq!(page(&harness), dark);
}

#[test]
fn with_no_desktop_bus_the_theme_is_light() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = window(dir.path(), Desktop::none());
    harness.run();
    assert_eq!(page(&harness), egui::Visuals::light().panel_fill);
}

/// A routine file in `dir`, and its `file://` URI (with a space, escaped).
fn routine_file(dir: &std::path::Path) -> (std::path::PathBuf, String) {
    let path = dir.join("from therapist.json");
    std::fs::write(
        &path,
        r#"{"id": "week-3", "name": "Week three", "times_per_day": 2, "items": [{"exercise": "seated-retraction"}]}"#,
    )
    .unwrap();
    let uri = format!("file://{}", path.display()).replace(' ', "%20");
    (path, uri)
}

const OPEN: &str = "Open a routine file from your physical therapist";
const CHOOSE: &str = "Choose a routine file…";

#[test]
fn the_open_dialog_is_the_systems_through_the_portal() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, uri) = routine_file(dir.path());
    let bus = PrivateBus::start();
    let desktop = FakeDesktop::start(&bus, true, 0, FileAnswer::Cancel);
    let mut harness = window(&dir.path().join("data"), Desktop::at(&bus.address));
    harness.get_by_label(OPEN).click();
    until(&mut harness, "the system dialog's button", |h| {
        has(h, CHOOSE)
    });
    // The app's own listing is not shown beside it.
    assert!(!has(&harness, "Up one folder"));
    // Closed without a choice: nothing happens, the button is back.
    harness.get_by_label(CHOOSE).click();
    harness.run();
    desktop.wait_for("OpenFile", 1);
    until(&mut harness, "the button again", |h| {
        h.query_by_label(CHOOSE)
            .is_some_and(|b| !b.accesskit_node().is_disabled())
    });
    // Then a file is chosen: it is added.
    desktop.state.lock().unwrap().file_answer = FileAnswer::Uri(uri);
    harness.get_by_label(CHOOSE).click();
    until(&mut harness, "the routine added", |h| {
        h.query_by_label_contains("Added the routine \"Week three\"")
            .is_some()
    });
    let calls = desktop.wait_for("OpenFile", 2);
    let open = calls.iter().find(|c| c.starts_with("OpenFile")).unwrap();
    assert!(open.contains(OPEN), "the dialog's title: {open}");
    assert!(
        open.contains("*.json"),
        "only routine files offered: {open}"
    );
}

/// The file dialog is asked on the app's window (`x11:XID`, as the
/// window names itself at its start), so the desktop puts it on top of it.
#[test]
fn the_file_dialog_is_asked_on_the_apps_window() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let fake = FakeDesktop::start(&bus, true, 0, FileAnswer::Cancel);
    let desktop = Desktop::at(&bus.address);
    desktop.start(|| {});
    desktop.set_parent_window("x11:4c00003".to_owned());
    let choice = desktop.choose_file("Open a routine file");
    let start = std::time::Instant::now();
    while choice.poll().is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let calls = fake.wait_for("OpenFile", 1);
    let open = calls.iter().find(|c| c.starts_with("OpenFile")).unwrap();
    assert!(open.ends_with(" parent x11:4c00003"), "{open}");
}

#[test]
fn the_builder_asks_the_portal_for_a_folder_and_to_open_the_handout() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("for the clinic");
    std::fs::create_dir(&out).unwrap();
    let uri = format!("file://{}", out.display()).replace(' ', "%20");
    let bus = PrivateBus::start();
    let desktop = FakeDesktop::start(&bus, true, 0, FileAnswer::Uri(uri));
    let mut harness = window(&dir.path().join("data"), Desktop::at(&bus.address));
    harness.get_by_label("Make or edit a routine").click();
    const CHOOSE_FOLDER: &str = "Choose the folder to save in…";
    until(&mut harness, "the system dialog's folder button", |h| {
        has(h, CHOOSE_FOLDER)
    });
    harness.get_by_label(CHOOSE_FOLDER).click_accesskit();
    let wanted = out.display().to_string();
    until(&mut harness, "the folder chosen", |h| {
        h.query_by_label("Save in folder")
            .is_some_and(|n| n.value().as_deref() == Some(wanted.as_str()))
    });
    let calls = desktop.wait_for("OpenFile", 1);
    let open = calls.iter().find(|c| c.starts_with("OpenFile")).unwrap();
    assert!(open.contains("Save the routine in"), "{open}");
    assert!(
        open.contains(" directory parent "),
        "a folder is asked for: {open}"
    );
    // The handout is written there and handed to the desktop to open.
    for button in ["Start from Gentle neck routine", "Print handout"] {
        harness.get_by_label(button).click_accesskit();
        let _ = harness.run_ok();
    }
    until(&mut harness, "the handout opened", |h| {
        h.query_by_label_contains("It opens in your web browser")
            .is_some()
    });
    // A copy of the preset, under an id of its own.
    assert!(out.join("gentle-neck-routine-2-handout.html").is_file());
    let calls = desktop.wait_for("OpenURI.OpenFile", 1);
    assert!(
        calls.contains(&"OpenURI.OpenFile <!DOCTYPE html>".to_owned()),
        "{calls:?}"
    );
}

#[test]
fn with_no_portal_the_apps_own_dialog_opens() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A bus with nobody on it answering for the portal.
    let bus = PrivateBus::start();
    let mut harness = window(dir.path(), Desktop::at(&bus.address));
    harness.get_by_label(OPEN).click();
    until(&mut harness, "the app to hear there is no portal", |h| {
        matches!(
            h.state().app().desktop().file_chooser(),
            FileChooserState::Unavailable(_)
        )
    });
    assert!(has(&harness, "Up one folder"), "the app's own dialog");
    assert!(!has(&harness, CHOOSE));

    // And a portal that fails to show its dialog: the app's own takes over.
    let bus = PrivateBus::start();
    let desktop = FakeDesktop::start(&bus, true, 0, FileAnswer::Fail);
    let mut harness = window(&dir.path().join("data2"), Desktop::at(&bus.address));
    harness.get_by_label(OPEN).click();
    until(&mut harness, "the system dialog's button", |h| {
        has(h, CHOOSE)
    });
    harness.get_by_label(CHOOSE).click();
    until(&mut harness, "the app's own dialog", |h| {
        has(h, "Up one folder")
    });
    assert!(!has(&harness, CHOOSE));
    assert!(
        harness
            .query_by_label_contains("The system's file dialog did not open")
            .is_some()
    );
    desktop.wait_for("OpenFile", 1);
}

/// When the builder's system file dialog fails, the message is by the
/// field of the dialog that failed and says what to type there: the file's
/// path for the file to edit, the folder for the save folder.
#[test]
fn the_builders_failed_file_dialogs_each_say_what_to_type_by_their_field() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    const DID_NOT_OPEN: &str = "The system's file dialog did not open";
    const TYPE_PATH: &str = "Type the file's path instead.";
    const TYPE_FOLDER: &str = "Type the folder instead.";
    let failed = |h: &Harness<'static, NeckguideApp>, instead: &str| {
        h.query_all_by_label_contains(DID_NOT_OPEN).next().is_some()
            && h.query_by_label_contains(instead).is_some()
    };
    for (button, instead, not) in [
        ("Choose a routine file to edit…", TYPE_PATH, TYPE_FOLDER),
        ("Choose the folder to save in…", TYPE_FOLDER, TYPE_PATH),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let bus = PrivateBus::start();
        let desktop = FakeDesktop::start(&bus, true, 0, FileAnswer::Fail);
        let mut harness = window(&dir.path().join("data"), Desktop::at(&bus.address));
        harness.get_by_label("Make or edit a routine").click();
        until(&mut harness, "the system dialog's button", |h| {
            has(h, button)
        });
        harness.get_by_label(button).click_accesskit();
        until(&mut harness, "the dialog's failure said", |h| {
            failed(h, instead)
        });
        assert!(!failed(&harness, not), "{button}: it says {not:?}");
        desktop.wait_for("OpenFile", 1);
    }
}

#[test]
fn the_screen_is_kept_awake_while_a_session_runs_and_only_then() {
    if !crate::fake_desktop::can_run() {
        return;
    }
    let bus = PrivateBus::start();
    let desktop = FakeDesktop::start(&bus, false, 0, FileAnswer::Cancel);
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let mut app = App::open(options(dir.path(), &clock));
    app.use_desktop(Desktop::at(&bus.address));
    let answers = CheckInAnswers {
        pain: Some(2),
        arm: None,
    };
    app.start_session(answers);
    assert!(app.session_running());
    let calls = desktop.wait_for("Inhibit", 1);
    assert!(
        calls[0].starts_with("Inhibit neckguide A guided exercise session is running"),
        "{calls:?}"
    );
    // Paused: released; resumed: kept awake again.
    app.session_command(SessionCommand::Pause);
    desktop.wait_for("UnInhibit 1", 1);
    app.session_command(SessionCommand::Resume);
    desktop.wait_for("Inhibit", 2);
    // Time passing in the session asks nothing more of the screen saver.
    clock.advance(Duration::from_secs(2));
    app.advance();
    // Ended: released.
    app.session_command(SessionCommand::End);
    assert!(!app.session_running());
    let calls = desktop.wait_for("UnInhibit 2", 1);
    assert_eq!(calls.len(), 4, "{calls:?}");
    // The app closed in the middle of a session: released on the way out.
    app.clear_finished_session();
    app.start_session(answers);
    desktop.wait_for("Inhibit", 3);
    drop(app);
    let calls = desktop.calls();
    assert_eq!(
        calls.last().map(String::as_str),
        Some("UnInhibit 3"),
        "{calls:?}"
    );
}

/// `dbus-send` on the private bus, its reply printed.
fn dbus_send(bus: &PrivateBus, dest: &str, path: &str, method: &str, args: &[&str]) -> String {
    let out = std::process::Command::new("dbus-send")
        .arg(format!("--bus={}", bus.address))
        .args(["--print-reply", &format!("--dest={dest}"), path, method])
        .args(args)
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn player_is_on_the_bus(bus: &PrivateBus) -> bool {
    dbus_send(
        bus,
        "org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        &[&format!("string:{}", mpris::BUS_NAME)],
    )
    .contains("boolean true")
}

/// A media key, as a headset or the desktop's media widget sends it.
fn media_key(bus: &PrivateBus, method: &str) -> String {
    dbus_send(
        bus,
        mpris::BUS_NAME,
        "/org/mpris/MediaPlayer2",
        &format!("org.mpris.MediaPlayer2.Player.{method}"),
        &[],
    )
}

fn player_property(bus: &PrivateBus, name: &str) -> String {
    dbus_send(
        bus,
        mpris::BUS_NAME,
        "/org/mpris/MediaPlayer2",
        "org.freedesktop.DBus.Properties.Get",
        &[
            "string:org.mpris.MediaPlayer2.Player",
            &format!("string:{name}"),
        ],
    )
}

/// Moves the app on (as its frames do) until `done` holds, for at most 10 s.
fn advance_until(app: &mut App, what: &str, done: impl Fn(&mut App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(app) {
        assert!(Instant::now() < deadline, "never: {what}");
        app.advance();
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn media_keys_pause_resume_go_on_and_ask_to_end_through_the_session_player() {
    if !crate::fake_desktop::can_run()
        || !crate::common::can_run(&crate::common::missing_tools(&["dbus-send"]))
    {
        return;
    }
    let bus = PrivateBus::start();
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new();
    let mut app = App::open(options(dir.path(), &clock));
    app.use_desktop(Desktop::at(&bus.address));
    // At home no player exists: nothing else's media keys are taken.
    assert!(!player_is_on_the_bus(&bus));
    app.start_session(CheckInAnswers {
        pain: Some(2),
        arm: None,
    });
    advance_until(&mut app, "the player on the bus", |_| {
        player_is_on_the_bus(&bus)
    });
    let exercise = app
        .session()
        .unwrap()
        .session
        .exercise()
        .unwrap()
        .exercise
        .name
        .clone();
    let metadata = player_property(&bus, "Metadata");
    assert!(metadata.contains(&exercise), "{metadata}");
    assert!(metadata.contains("Get into position"), "{metadata}");
    assert!(player_property(&bus, "PlaybackStatus").contains("Playing"));
    // Play/Pause pauses, and the player says so; again, it resumes.
    media_key(&bus, "PlayPause");
    advance_until(&mut app, "paused", |app| {
        app.session().unwrap().session.phase().is_paused()
    });
    let status = |bus: &PrivateBus| player_property(bus, "PlaybackStatus");
    advance_until(&mut app, "the player says paused", |_| {
        status(&bus).contains("Paused")
    });
    media_key(&bus, "PlayPause");
    advance_until(&mut app, "resumed", |app| {
        app.session().unwrap().session.phase().running().is_some()
    });
    // Next, while getting into position, goes on to the next step of the
    // same exercise (not skipping it).
    media_key(&bus, "Next");
    advance_until(&mut app, "gone on", |app| {
        !matches!(
            app.session().unwrap().session.step().map(|s| s.kind),
            Some(neckguide::schedule::StepKind::Position { .. })
        )
    });
    let view = app.session().unwrap();
    assert!(!view.session.progress()[0].skipped);
    assert_eq!(view.session.exercise().unwrap().exercise.name, exercise);
    // Stop asks the window whether to end, as Esc does.
    media_key(&bus, "Stop");
    let deadline = Instant::now() + Duration::from_secs(10);
    let asks = loop {
        let asks = app.take_player_asks();
        if !asks.is_empty() || Instant::now() > deadline {
            break asks;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(asks, [mpris::PlayerAsk::AskEnd]);
    assert!(
        app.session_running(),
        "Stop ended the session without asking"
    );
    // Ended, the player is gone.
    app.session_command(SessionCommand::End);
    advance_until(&mut app, "the player gone", |_| !player_is_on_the_bus(&bus));
}

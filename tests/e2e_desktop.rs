//! End to end with the real binary on a desktop: its window under Xvfb
//! (`make test`), a private session bus with the test desktop service
//! (`fake_desktop`). The window carries the app icon (`_NET_WM_ICON`, read
//! with xprop; a window manager draws it in the title bar), follows the
//! system's dark and light mode as it changes, and keeps the screen awake
//! while a session runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use neckguide::app::desktop::APP_ID;

use crate::common::neckguide;
use crate::e2e_window::{
    DISPLAY_LOCK, can_run, keys, no_sound_card, open_window, setup, start_session,
};
use crate::fake_desktop::{FakeDesktop, FileAnswer, PrivateBus};

/// The window's `_NET_WM_ICON`: (width, height, ARGB pixels) of its first image.
fn window_icon(window: &str) -> (usize, usize, Vec<u32>) {
    let out = Command::new("xprop")
        .args(["-id", window, "-notype", "32c", "_NET_WM_ICON"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let numbers: Vec<u64> = text
        .split(['=', ','])
        .skip(1)
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    assert!(numbers.len() > 2, "no _NET_WM_ICON on the window: {text}");
    let (w, h) = (numbers[0] as usize, numbers[1] as usize);
    let pixels = numbers[2..].iter().take(w * h).map(|&n| n as u32).collect();
    (w, h, pixels)
}

/// The colour of one pixel of a screenshot, as ImageMagick names it.
fn pixel(shot: &Path, x: u32, y: u32) -> String {
    let out = Command::new("convert")
        .arg(shot)
        .args(["-format", &format!("%[pixel:p{{{x},{y}}}]"), "info:"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn screenshot(window: &str, name: &str) -> PathBuf {
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    assert!(
        Command::new("import")
            .args(["-window", window])
            .arg(&shot)
            .status()
            .unwrap()
            .success()
    );
    shot
}

/// Takes screenshots until the page's colour (a pixel near the bottom left
/// of the window, where nothing is drawn) is `want`, for at most 10 s.
fn wait_for_page(window: &str, want: &str, name: &str) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let shot = screenshot(window, name);
        let seen = pixel(&shot, 4, 700);
        if seen == want {
            return shot;
        }
        assert!(
            Instant::now() < deadline,
            "the page is {seen}, not {want}: see {}",
            shot.display()
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn the_real_window_has_its_icon_follows_the_system_theme_and_keeps_the_screen_awake() {
    if !can_run(&["xdotool", "xprop", "import", "convert"]) || !crate::fake_desktop::can_run() {
        return;
    }
    let _display = DISPLAY_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let tmp = tempfile::tempdir().unwrap();
    let (data, routine) = setup(tmp.path());
    no_sound_card(tmp.path());
    let bus = PrivateBus::start();
    // The system prefers dark.
    let desktop = FakeDesktop::start(&bus, true, 1, FileAnswer::Cancel);
    let log = tmp.path().join("stderr.txt");
    let (guard, window) = open_window(
        neckguide(&data)
            .env("HOME", tmp.path())
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .arg("--routine")
            .arg(&routine),
        &log,
    );

    // The icon: the app icon at 256 px, its light blue square inside a
    // transparent corner.
    let (w, h, pixels) = window_icon(&window);
    assert_eq!((w, h), (256, 256));
    assert_eq!(pixels[0] >> 24, 0, "a transparent corner");
    assert_eq!(pixels[128 * 256 + 20], 0xffe8f1f8, "the icon's background");
    // X11 desktops match the window to its desktop entry by WM_CLASS.
    let class = Command::new("xprop")
        .args(["-id", &window, "WM_CLASS"])
        .output()
        .unwrap();
    let class = String::from_utf8_lossy(&class.stdout).into_owned();
    assert!(
        class.contains(&format!("\"{APP_ID}\"")),
        "WM_CLASS is the desktop entry's StartupWMClass: {class}"
    );
    let entry = std::fs::read_to_string(
        crate::common::repo_root().join(format!("assets/desktop/{APP_ID}.desktop")),
    )
    .unwrap();
    assert!(entry.contains(&format!("\nStartupWMClass={APP_ID}\n")));

    // The theme follows the system: dark, then light when it changes.
    let dark = wait_for_page(&window, "srgb(27,27,27)", "e2e-desktop-dark.png");
    eprintln!("dark: {}", dark.display());
    desktop.set_appearance("color-scheme", 2);
    let light = wait_for_page(&window, "srgb(248,248,248)", "e2e-desktop-light.png");
    eprintln!("light: {}", light.display());

    // A session keeps the screen awake; a pause lets it rest.
    assert!(desktop.calls().is_empty(), "{:?}", desktop.calls());
    start_session(&window);
    let calls = desktop.wait_for("Inhibit", 1);
    let sender = calls[0].rsplit(' ').next().unwrap().to_owned();
    // Space pauses. On a busy machine a key sent as the session starts can
    // be lost, so it is sent again while no pause has come (each press
    // toggles; one that comes late resumes, and the next step pauses).
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        keys(&window, &["space"]);
        if desktop
            .calls_within("UnInhibit 1", 1, Duration::from_secs(4))
            .is_some()
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no UnInhibit after pausing: {:?}",
            desktop.calls()
        );
    }
    keys(&window, &["space"]);
    desktop.wait_for("Inhibit", 2);
    // Killed in the middle: the inhibit goes with the app's bus connection,
    // which a screen saver watches.
    drop(guard);
    let deadline = Instant::now() + Duration::from_secs(5);
    while desktop.on_bus(&sender) {
        assert!(Instant::now() < deadline, "{sender} is still on the bus");
        std::thread::sleep(Duration::from_millis(50));
    }
}

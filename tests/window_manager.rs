//! The real window on a display of its own (Xvfb) under a real window
//! manager (openbox), as the window manager treats it (issue 30):
//! - "Start now" brings it to the front whatever its state: minimized and
//!   then covered by another window, `neckguide --start` asks it on its
//!   socket, and the window manager's own properties say where it is
//!   (`WM_STATE`, the root's `_NET_ACTIVE_WINDOW`, read with xprop);
//! - Alt+F4 during a session asks before it closes, and "Yes" saves the
//!   session as ended early.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::neckguide;
use crate::e2e_window::Kill;

fn can_run() -> bool {
    crate::common::can_run(&crate::common::missing_tools(&[
        "Xvfb", "openbox", "xdotool", "xprop", "xmessage",
    ]))
}

/// A private X display (Xvfb picks a free number): its name and the server.
fn private_display() -> (String, Child) {
    let mut server = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1024x768x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (format!(":{}", line.trim()), server)
}

/// A command for the display `display`.
fn on(display: &str, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The window the root says is active, as xdotool writes ids (decimal).
fn active(display: &str) -> Option<u64> {
    let said = on(display, "xprop", &["-root", "_NET_ACTIVE_WINDOW"]);
    let hex = said.rsplit("# 0x").next()?;
    u64::from_str_radix(hex.trim(), 16).ok().filter(|&w| w != 0)
}

fn iconic(display: &str, window: &str) -> bool {
    on(display, "xprop", &["-id", window, "WM_STATE"]).contains("Iconic")
}

fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// "Start now" (`neckguide --start`) on `data`, answered by the window.
fn start_now(display: &str, data: &Path, home: &Path) {
    let out = neckguide(data)
        .arg("--start")
        .env("DISPLAY", display)
        .env("HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// A private display with openbox running and the app's window open on
/// `data`: the display, the guard of the processes, the window (xdotool's
/// decimal id) and the app's process id.
fn window_under_openbox(data: &Path, home: &Path) -> (String, Kill, String) {
    crate::e2e_window::no_sound_card(home);
    let (display, server) = private_display();
    let mut children = Kill(vec![server]);
    let wm = Command::new("openbox")
        .arg("--sm-disable")
        .env("DISPLAY", &display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    children.0.push(wm);
    wait_for("openbox", || {
        on(&display, "xprop", &["-root", "_NET_SUPPORTING_WM_CHECK"]).contains("window id")
    });
    let app = neckguide(data)
        .env("DISPLAY", &display)
        .env("HOME", home)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = app.id().to_string();
    children.0.push(app);
    let mut window = String::new();
    wait_for("the window", || {
        window = on(&display, "xdotool", &["search", "--pid", &pid])
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        !window.is_empty()
    });
    let id: u64 = window.parse().unwrap();
    wait_for("the window to be active", || active(&display) == Some(id));
    (display, children, window)
}

/// Keys typed as a person does (XTEST: the window manager sees them too),
/// into the focused `window`.
fn type_keys(display: &str, window: &str, keys: &[&str]) {
    on(display, "xdotool", &["windowfocus", "--sync", window]);
    for key in keys {
        on(display, "xdotool", &["key", key]);
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn start_now_raises_a_minimized_window_and_a_covered_one() {
    if !can_run() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let (display, mut children, window) = window_under_openbox(&data, tmp.path());
    let id: u64 = window.parse().unwrap();

    // Minimized: it comes back, active.
    on(&display, "xdotool", &["windowminimize", "--sync", &window]);
    wait_for("the window to be minimized", || iconic(&display, &window));
    start_now(&display, &data, tmp.path());
    wait_for("the minimized window to come back", || {
        !iconic(&display, &window) && active(&display) == Some(id)
    });

    // Covered by another window, which has the focus: it comes on top.
    let cover = Command::new("xmessage")
        .args(["-geometry", "1024x768+0+0", "a window on top"])
        .env("DISPLAY", &display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    children.0.push(cover);
    wait_for("the covering window to be active", || {
        active(&display).is_some_and(|w| w != id)
    });
    start_now(&display, &data, tmp.path());
    wait_for("the covered window to come on top", || {
        let stacking = on(&display, "xprop", &["-root", "_NET_CLIENT_LIST_STACKING"]);
        let top = stacking.rsplit("0x").next().unwrap_or_default();
        active(&display) == Some(id) && u64::from_str_radix(top.trim(), 16).ok() == Some(id)
    });
}

#[test]
fn alt_f4_in_a_session_asks_and_yes_saves_it_ended_early() {
    if !can_run() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let (display, mut children, window) = window_under_openbox(&data, tmp.path());
    // Home -> check-in (pain 2, no to every question) -> the session.
    type_keys(
        &display,
        &window,
        &["space", "2", "n", "n", "n", "n", "n", "Return"],
    );
    std::thread::sleep(Duration::from_millis(500));
    type_keys(&display, &window, &["Return"]);
    assert!(
        std::fs::read_to_string(data.join("sessions.jsonl"))
            .unwrap_or_default()
            .lines()
            .all(|l| !l.contains("\"kind\":\"session\"")),
        "no session record yet"
    );
    // Alt+F4, as the window manager gives it: the window stays, asking.
    type_keys(&display, &window, &["alt+F4"]);
    std::thread::sleep(Duration::from_secs(1));
    let app = children.0.last_mut().unwrap();
    assert!(
        app.try_wait().unwrap().is_none(),
        "the window closed at once"
    );
    // Enter answers "Yes, end it": saved as ended early, and it closes.
    type_keys(&display, &window, &["Return"]);
    let app = children.0.last_mut().unwrap();
    wait_for("the window to close", || app.try_wait().unwrap().is_some());
    let log = std::fs::read_to_string(data.join("sessions.jsonl")).unwrap();
    let sessions: Vec<serde_json::Value> = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["kind"] == "session")
        .collect();
    assert_eq!(sessions.len(), 1, "{log}");
    assert_eq!(sessions[0]["outcome"], "ended_early", "{log}");
}

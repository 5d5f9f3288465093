//! "Start now" brings the open window to the front whatever its state
//! (issue 30 item 1): the real window on a display of its own (Xvfb) under
//! a real window manager (openbox), minimized and then covered by another
//! window; `neckguide --start` asks it on its socket, and the window
//! manager's own properties say where it is (`WM_STATE`, the root's
//! `_NET_ACTIVE_WINDOW`, read with xprop).

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

#[test]
fn start_now_raises_a_minimized_window_and_a_covered_one() {
    if !can_run() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    crate::e2e_window::no_sound_card(tmp.path());
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
    let app = neckguide(&data)
        .env("DISPLAY", &display)
        .env("HOME", tmp.path())
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

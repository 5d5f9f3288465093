//! `neckguide remind --next` and `remind --install/--uninstall`, run as the
//! real binary against a temp data dir and a temp config folder (no real
//! autostart entry is ever written).

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{neckguide, stderr, stdout};

/// The binary with `args`, in UTC, with no session bus (an agent started by
/// `--install` finds no notification service and stops).
fn remind(data: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    neckguide(data)
        .arg("remind")
        .args(args)
        .env("TZ", "UTC")
        .env("XDG_CONFIG_HOME", config)
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/neckguide-test-bus",
        )
        .output()
        .unwrap()
}

fn log_line(id: &str, started_at: &str) -> String {
    json!({
        "v": 1, "id": id, "started_at": started_at, "ended_at": started_at,
        "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": 3},
        "outcome": "completed", "pain_before": 3, "pain_after": 2,
        "arm_symptoms": false, "note": "",
        "exercises": [{"id": "seated-retraction", "done": 5, "prescribed": 5, "skipped": false}]
    })
    .to_string()
        + "\n"
}

#[test]
fn next_lists_the_rest_of_today_and_tomorrow_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("settings.json"),
        r#"{"routine": "daily-neck-routine"}"#,
    )
    .unwrap();
    // One session done this morning.
    std::fs::write(
        data.join("sessions.jsonl"),
        log_line("1", "2026-11-23T07:30:00+00:00"),
    )
    .unwrap();
    let out = remind(
        &data,
        &tmp.path().join("config"),
        &["--next", "--json", "--now", "2026-11-23T09:00:00Z"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let at: Vec<&str> = value["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["at"].as_str().unwrap())
        .collect();
    assert_eq!(
        at,
        [
            "2026-11-23T14:00:00+00:00",
            "2026-11-23T20:00:00+00:00",
            "2026-11-24T08:00:00+00:00",
            "2026-11-24T14:00:00+00:00",
            "2026-11-24T20:00:00+00:00",
        ]
    );
    // Session 2 still has head lifts (twice a day), session 3 not.
    let due = |i: usize| value["reminders"][i]["due"].clone();
    assert!(due(0).as_array().unwrap().contains(&json!("head-lifts")));
    assert!(!due(1).as_array().unwrap().contains(&json!("head-lifts")));
    assert!(
        due(1)
            .as_array()
            .unwrap()
            .contains(&json!("seated-retraction"))
    );

    // The readable form says the same.
    let out = remind(
        &data,
        &tmp.path().join("config"),
        &["--next", "--now", "2026-11-23T09:00:00Z"],
    );
    let text = stdout(&out);
    assert!(text.contains("today     14:00  session 2 of 3: "), "{text}");
    assert!(text.contains("tomorrow  08:00  session 1 of 3: "), "{text}");
}

#[test]
fn next_on_a_warning_sign_day_lists_only_tomorrow_and_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("settings.json"),
        r#"{"daily_check": {"date": "2026-11-23", "yes": ["fever_chills_weight_loss"], "cleared": false},
            "reminders": {"days": ["mon", "tue"], "first": "09:00", "last": "18:00"}}"#,
    )
    .unwrap();
    let config = tmp.path().join("config");
    let out = remind(&data, &config, &["--next", "--now", "2026-11-23T07:00:00Z"]);
    let text = stdout(&out);
    assert!(text.contains("see your doctor"), "{text}");
    assert!(!text.contains("today "), "{text}");
    assert!(text.contains("tomorrow  09:00"), "{text}");
    // Tuesday evening: Wednesday has no reminders.
    let out = remind(
        &data,
        &config,
        &["--next", "--json", "--now", "2026-11-24T19:00:00Z"],
    );
    assert_eq!(stdout(&out).trim(), r#"{"reminders":[]}"#);
    // A bad instant is refused with a clear message.
    let out = remind(&data, &config, &["--next", "--now", "monday"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("expected an instant like"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn install_writes_the_autostart_entry_and_uninstall_removes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let config = tmp.path().join("config");
    let out = remind(&data, &config, &["--install"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entry = config.join("autostart/neckguide-reminders.desktop");
    let text = std::fs::read_to_string(&entry).unwrap();
    assert!(
        text.starts_with("[Desktop Entry]\nType=Application\n"),
        "{text}"
    );
    let exec = text.lines().find(|l| l.starts_with("Exec=")).unwrap();
    assert!(
        exec.ends_with(&format!("--data-dir \"{}\" remind", data.display())),
        "{exec}"
    );
    assert!(
        stdout(&out).contains("Reminders are on"),
        "{}",
        stdout(&out)
    );
    // The agent it started found no notification service: said, not
    // "started" (it waited to see).
    assert!(
        stdout(&out).contains(
            "but the reminder agent stopped at once: Reminders cannot be shown: no desktop notification service"
        ) && !stdout(&out).contains("is running"),
        "{}",
        stdout(&out)
    );
    let state = data.join("reminders.json");
    let start = std::time::Instant::now();
    while !state.exists() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        std::fs::read_to_string(&state)
            .unwrap()
            .contains("no desktop notification service")
    );

    let out = remind(&data, &config, &["--uninstall"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!entry.exists());
    assert!(
        stdout(&out).contains("no reminder agent was running"),
        "{}",
        stdout(&out)
    );
    // Twice is fine.
    assert!(remind(&data, &config, &["--uninstall"]).status.success());
}

#[test]
fn an_autostart_folder_that_cannot_be_written_gives_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let config = tmp.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    // A file where the folder should be: not writable even for root.
    std::fs::write(config.join("autostart"), "").unwrap();
    let out = remind(&data, &config, &["--install"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("the autostart entry") && err.contains("could not be written"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!data.join("remind.lock").exists(), "no agent was started");
}

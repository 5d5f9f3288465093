//! Reminders in the window: Home's "Next session at", and the Settings
//! switch "Remind me" writing and removing the autostart entry (in a temp
//! config folder) and showing what the agent said.

use std::sync::Arc;
use std::time::Duration;

use egui::accesskit::Toggled;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use neckguide::app::AppOptions;
use neckguide::app::autostart::Autostart;
use neckguide::app::paths::DataDir;
use neckguide::app::reminders::AgentState;
use neckguide::session::ManualClock;
use neckguide::ui::NeckguideApp;

fn window(dir: &std::path::Path, clock: &ManualClock) -> Harness<'static, NeckguideApp> {
    let app = NeckguideApp::new(AppOptions::stepped(
        Some(DataDir::new(dir)),
        Arc::new(clock.clone()),
    ));
    let mut harness = crate::ui_flows::harness_of(app);
    harness.run();
    harness
}

fn at(hour: i8, minute: i8) -> jiff::Zoned {
    jiff::civil::date(2026, 11, 23)
        .at(hour, minute, 0, 0)
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(1)))
        .unwrap()
}

#[test]
fn home_says_when_the_next_session_is() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new().with_wall(at(9, 0));
    let mut harness = window(dir.path(), &clock);
    harness.get_by_label("Next session at 14:00");
    // Past the last reminder of the day: tomorrow's first.
    clock.advance(Duration::from_secs(12 * 3600));
    harness.run();
    harness.get_by_label("Next session tomorrow at 08:00");
}

/// A reminder put off with "In 15 minutes" (in the agent's state when the
/// window opens) is the next session's time until it comes. (The agent
/// tells an open window of a new snooze: `app::raise`'s tests.)
#[test]
fn home_shows_a_snoozed_reminder() {
    let dir = tempfile::tempdir().unwrap();
    let memory = neckguide::reminders::Memory {
        last_reminded: Some(at(8, 0).timestamp()),
        snoozed_until: Some(at(8, 15).timestamp()),
    };
    let state = AgentState {
        memory,
        ..AgentState::default()
    };
    state.save(&DataDir::new(dir.path())).unwrap();
    let clock = ManualClock::new().with_wall(at(8, 1));
    let mut harness = window(dir.path(), &clock);
    harness.get_by_label("Next session at 08:15");
    // Its time passed: the next time of the day.
    clock.advance(Duration::from_secs(15 * 60));
    harness.run();
    harness.get_by_label("Next session at 14:00");
}

/// Picked times are shown when they are in force, not the first and last
/// reminder's sliders, which would not apply.
#[test]
fn settings_show_picked_times_in_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("settings.json"),
        r#"{"reminders": {"picked": ["18:00", "08:30"]}}"#,
    )
    .unwrap();
    let clock = ManualClock::new().with_wall(at(9, 0));
    let mut harness = window(dir.path(), &clock);
    harness.get_by_label("Settings").click();
    harness.run();
    harness.get_by_label(
        "Reminders at the times picked in settings.json: 08:30, 18:00. To spread them from a first to a last reminder instead, remove \"picked\" from that file.",
    );
    assert!(harness.query_by_label("First reminder").is_none());
    assert!(harness.query_by_label("Last reminder").is_none());
}

#[test]
fn the_remind_me_switch_writes_and_removes_the_autostart_entry() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // What an agent that found no notification service left.
    AgentState {
        problem: Some(
            "Reminders cannot be shown: no desktop notification service was found (test)."
                .to_owned(),
        ),
        ..AgentState::default()
    }
    .save(&DataDir::new(&data))
    .unwrap();
    let clock = ManualClock::new().with_wall(at(9, 0));
    let mut harness = window(&data, &clock);
    let config = dir.path().join("config");
    // `true` stands in for the agent program: started, it just exits.
    let entry = Autostart::at(
        &config,
        std::path::Path::new("/bin/true"),
        &DataDir::new(&data),
    )
    .unwrap();
    harness.state_mut().app_mut().set_autostart(entry.clone());
    harness.get_by_label("Settings").click();
    harness.run();
    harness.get_by_label(
        "Reminders cannot be shown: no desktop notification service was found (test).",
    );
    let switch = harness.get_by_label("Remind me");
    assert_eq!(switch.accesskit_node().toggled(), Some(Toggled::False));
    switch.click();
    harness.run();
    assert!(entry.installed(), "the entry is written");
    assert!(harness.state().app().reminders_on());
    assert_eq!(
        harness.get_by_label("Remind me").accesskit_node().toggled(),
        Some(Toggled::True)
    );
    let text = std::fs::read_to_string(entry.path()).unwrap();
    assert!(text.contains("Exec=\"/bin/true\" --data-dir"), "{text}");
    harness.get_by_label("Remind me").click();
    harness.run();
    assert!(!entry.installed(), "the entry is removed");
}

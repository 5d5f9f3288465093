//! [`App`]'s own tests: what needs two of its parts (a daily check is a
//! log line and a copy in the settings; an import chooses the routine
//! added), on a temporary folder and a [`ManualClock`], with no window.

use std::path::Path;
use std::sync::Arc;

use super::*;
use crate::checkin::WarningSign;
use crate::session::ManualClock;

fn app_in(dir: &Path) -> App {
    let wall: jiff::Zoned = "2026-03-02T08:00:00+01:00[Europe/Paris]"
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(ManualClock::new().with_wall(wall));
    App::open(AppOptions::stepped(Some(DataDir::new(dir)), clock))
}

fn daily_check_lines(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join(crate::log::LOG_FILE)).unwrap_or_default();
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|line| line["kind"] == "daily_check")
        .collect()
}

#[test]
fn a_daily_check_is_a_log_line_and_a_copy_in_the_settings_once_a_day() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = app_in(tmp.path());
    let check = DailyCheck {
        date: app.today().to_string(),
        yes: vec![WarningSign::ALL[0]],
        cleared: false,
        compared: None,
    };
    app.keep_daily_check(check.clone());
    app.keep_daily_check(DailyCheck {
        yes: Vec::new(),
        ..check.clone()
    });
    assert_eq!(daily_check_lines(tmp.path()).len(), 1, "once a day");
    let settings = tmp.path().join("settings.json");
    assert_eq!(Settings::load(&settings).0.daily_check, Some(check.clone()));
    app.mark_cleared();
    let lines = daily_check_lines(tmp.path());
    assert_eq!(lines.len(), 2);
    assert!(lines[1]["cleared_by_clinician_at"].is_string());
    assert_eq!(app.daily_check_today().map(|c| c.cleared), Some(true));
    assert_eq!(
        Settings::load(&settings).0.daily_check.map(|c| c.cleared),
        Some(true)
    );
    assert!(app.notices().is_empty(), "{:?}", app.notices());
    // A window whose settings lost the copy takes today's from the log.
    drop(app);
    let mut saved = Settings::load(&settings).0;
    saved.daily_check = None;
    saved.save(&settings).unwrap_or_else(|e| panic!("{e}"));
    let again = app_in(tmp.path());
    let copy = again.daily_check_today();
    assert_eq!(
        copy.map(|c| (c.yes.clone(), c.cleared)),
        Some((check.yes, true))
    );
}

#[test]
fn an_import_chooses_the_routine_added_and_home_follows_it() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let from = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = |name: &str, id: &str, times: u32| {
        let path = from.path().join(name);
        let text = format!(
            r#"{{"id": "{id}", "name": "Routine {name}", "times_per_day": {times},
                "items": [{{"exercise": "seated-retraction"}}]}}"#
        );
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path
    };
    let mut app = app_in(tmp.path());
    assert_eq!(app.due_today().map(|d| d.times_per_day), Some(3));
    app.import(&file("a.json", "week-2", 2));
    assert_eq!(app.active_routine().map(|r| r.id.as_str()), Some("week-2"));
    assert_eq!(app.due_today().map(|d| d.times_per_day), Some(2));
    assert_eq!(
        app.active_image_dir(),
        Some(tmp.path().join("routines").join("week-2"))
    );
    // The same id again: nothing changes until the person answers.
    app.import(&file("b.json", "week-2", 1));
    assert_eq!(
        app.import_clash().map(|c| c.taken_by.as_str()),
        Some("Routine a.json")
    );
    assert_eq!(app.due_today().map(|d| d.times_per_day), Some(2));
    app.resolve_clash(Some(OnClash::KeepBoth));
    assert_eq!(app.import_clash(), None);
    assert_eq!(
        app.active_routine().map(|r| r.id.as_str()),
        Some("week-2-2")
    );
    assert_eq!(app.due_today().map(|d| d.times_per_day), Some(1));
    let settings = Settings::load(&tmp.path().join("settings.json")).0;
    assert_eq!(settings.routine.as_deref(), Some("week-2-2"));
}

//! The log is read off the window's first frame: the window says "Loading
//! your history…" where figures go until it is read, and what needs the
//! log waits for it; the lock and the recovery of an interrupted session
//! stay as they were. The log is held back by a gate (manual clock), and
//! read for real from a big log.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use neckguide::app::paths::DataDir;
use neckguide::app::{App, AppOptions, LoadLog};
use neckguide::log::{LogStore, ReadOnlyReason};
use neckguide::session::ManualClock;
use neckguide::ui::{LOADING_HISTORY, NeckguideApp, Screen};

use crate::ui_flows::Fixture;

/// A completed session of the daily routine at `hour` on `day`.
fn session(id: &str, day: &str, hour: u8) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","started_at":"{day}T{hour:02}:00:00+01:00","ended_at":"{day}T{hour:02}:10:00+01:00","routine":{{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3}},"outcome":"completed"}}"#
    )
}

/// A checkpoint left by a session killed yesterday.
fn checkpoint() -> String {
    r#"{"v":2,"id":"killed","started_at":"2026-11-23T18:00:00+01:00","ended_at":"2026-11-23T18:04:00+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"completed"}"#.to_owned()
}

fn options(dir: &std::path::Path, clock: &ManualClock, load_log: LoadLog) -> AppOptions {
    AppOptions {
        load_log,
        ..AppOptions::stepped(Some(DataDir::new(dir)), Arc::new(clock.clone()))
    }
}

/// The window over `dir` whose log is read only when the returned sender
/// sends or is dropped.
fn held_back(dir: tempfile::TempDir) -> (Fixture, mpsc::Sender<()>) {
    let clock = ManualClock::new().with_wall("2026-11-24T20:00:00+01:00[+01:00]".parse().unwrap());
    let (gate, wait) = mpsc::channel();
    let app = NeckguideApp::new(options(dir.path(), &clock, LoadLog::AfterGate(wait)));
    let harness = crate::ui_flows::harness_of(app);
    (
        Fixture {
            harness,
            clock,
            dir,
        },
        gate,
    )
}

/// Lets the log be read and waits until it is, then draws.
fn release(f: &mut Fixture, gate: mpsc::Sender<()>) {
    drop(gate);
    assert!(
        f.harness
            .state_mut()
            .app_mut()
            .wait_for_log(Duration::from_secs(60)),
        "the log was not read in a minute"
    );
    f.harness.run();
}

#[test]
fn home_and_history_say_loading_until_the_log_is_read_and_the_check_in_waits() {
    let dir = tempfile::tempdir().unwrap();
    let log = [
        session("a", "2026-11-24", 8),
        session("b", "2026-11-24", 12),
        "not a record".to_owned(),
        session("c", "2026-11-24", 17),
    ]
    .join("\n")
        + "\n";
    std::fs::write(dir.path().join("sessions.jsonl"), log).unwrap();
    std::fs::write(dir.path().join("current-session.json"), checkpoint()).unwrap();
    let (mut f, gate) = held_back(dir);
    f.harness.run();
    // The window is drawn, the log not yet read.
    assert_eq!(f.harness.state().screen(), &Screen::Home);
    assert!(!f.harness.state().app().log_ready());
    assert!(f.has_text(LOADING_HISTORY));
    assert!(!f.has_text("Today:"), "no figure before the log is read");
    assert!(!f.has("Due now"));
    // The lock is this window's from the start: another is read-only.
    let other = LogStore::open(f.dir.path()).unwrap();
    assert_eq!(other.read_only_reason(), Some(&ReadOnlyReason::InUse));
    drop(other);
    // The history says the same.
    f.click("History");
    assert_eq!(f.harness.state().screen(), &Screen::History);
    assert!(f.has_text(LOADING_HISTORY));
    assert!(!f.has_text("Current streak"));
    f.click("Back to home");
    // Start waits for the log, and says so.
    f.click("Start session");
    assert_eq!(f.harness.state().screen(), &Screen::Home);
    assert!(f.has_text("The check-in opens as soon as your history is read."));
    // Time passing changes nothing while the log is held back.
    f.wait(5);
    assert!(f.has_text(LOADING_HISTORY));
    assert!(f.harness.state().app().notices().is_empty());
    release(&mut f, gate);
    // The check-in the person asked for opens; the recovered session and
    // the unreadable line are said.
    assert!(matches!(f.harness.state().screen(), Screen::CheckIn(_)));
    assert!(f.has_text("Your last session (Daily neck routine) was interrupted."));
    assert!(f.has_text("1 line of your session log could not be read."));
    f.click("Back to home");
    assert!(f.has_text("Today: 3 of 3 sessions done"));
    assert!(!f.has_text(LOADING_HISTORY));
    // The interrupted session is in the log on disk once, after the others,
    // and the checkpoint is gone.
    let log = std::fs::read_to_string(f.dir.path().join("sessions.jsonl")).unwrap();
    let ids: Vec<String> = log
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "killed"]);
    assert!(!f.dir.path().join("current-session.json").exists());
    f.click("History");
    assert!(f.has_text("Current streak"));
}

/// A problem met while reading is shown once it was met, and the window
/// goes on with what is true.
#[test]
fn a_problem_met_while_reading_is_said_once_it_was_met() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sessions.jsonl"),
        session("a", "2026-11-24", 8) + "\n",
    )
    .unwrap();
    // A checkpoint torn by a crash: it cannot be recovered.
    std::fs::write(dir.path().join("current-session.json"), "{\"v\":2,\"id\":").unwrap();
    let (mut f, gate) = held_back(dir);
    f.harness.run();
    assert!(f.has_text(LOADING_HISTORY));
    assert!(!f.has_text("could not be recovered"));
    release(&mut f, gate);
    assert!(f.has_text("An unfinished session could not be recovered"));
    assert!(f.has_text("Today: 1 of 3 sessions done"));
    assert!(f.dir.path().join("current-session.corrupt-1.json").exists());
}

/// A big log read on its own thread: the records, the unreadable line
/// with its number, the recovered session appended after them, the lock
/// held throughout, and the same result as reading it before opening.
#[test]
fn a_big_log_read_in_the_background_is_read_whole_with_the_lock_held() {
    const RECORDS: usize = 20_000;
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::new();
    let mut day = jiff::civil::date(2000, 1, 1);
    for n in 0..RECORDS {
        if n == 7_777 {
            log.push_str("{\"v\":1,\"id\":\"torn\n");
        }
        log.push_str(&session(
            &format!("s{n}"),
            &day.to_string(),
            8 + (n % 3) as u8 * 5,
        ));
        log.push('\n');
        if n % 3 == 2 {
            day = day.tomorrow().unwrap();
        }
    }
    std::fs::write(dir.path().join("sessions.jsonl"), &log).unwrap();
    std::fs::write(dir.path().join("current-session.json"), checkpoint()).unwrap();
    let clock = ManualClock::new().with_wall("2026-11-24T20:00:00+01:00[+01:00]".parse().unwrap());
    let mut app = App::open(options(dir.path(), &clock, LoadLog::Background));
    // The lock was taken before `open` returned.
    let other = LogStore::open(dir.path()).unwrap();
    assert_eq!(other.read_only_reason(), Some(&ReadOnlyReason::InUse));
    drop(other);
    assert!(app.wait_for_log(Duration::from_secs(120)));
    assert!(app.can_save());
    app.refresh_history();
    let history = app.history().unwrap();
    assert_eq!(history.summary.sessions, RECORDS + 1);
    assert_eq!(history.summary.unreadable_lines, 1);
    assert!(app.notices().iter().any(|n| {
        n.text
            .starts_with("Your last session (Daily neck routine) was interrupted")
    }));
    // The unreadable line was quarantined with its number.
    let quarantine = std::fs::read_to_string(dir.path().join("sessions.quarantine.jsonl")).unwrap();
    assert!(quarantine.contains("\"line\":7778"), "{quarantine}");
    drop(app);
    // Read again, before opening this time: the same figures.
    let mut again = App::open(options(dir.path(), &clock, LoadLog::Before));
    assert!(again.log_ready());
    again.refresh_history();
    assert_eq!(again.history().unwrap().summary.sessions, RECORDS + 1);
}

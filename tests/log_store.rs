//! The session log on disk: appends survive, bad lines are quarantined and
//! never change the file, one writer at a time, SIGKILL loses nothing that was
//! reported written, and a killed session becomes an `interrupted` record.

use std::collections::HashSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Rng, child, child_input, full_disk_script, missing_tools};
use neckguide::log::{
    ExerciseResult, LoadedLog, LocalTimestamp, LogError, LogStore, Outcome, PainScore,
    ReadOnlyReason, RoutineRef, SessionRecord, StoreMode,
};

/// Set in a re-executed copy of this test binary: the data dir to work in.
const CHILD_DIR_ENV: &str = "NECKGUIDE_TEST_CHILD_DIR";
/// Set in a re-executed copy: `append` or `checkpoint`.
const CHILD_MODE_ENV: &str = "NECKGUIDE_TEST_CHILD_MODE";
/// Set in a re-executed copy: a prefix that makes its ids unique.
const CHILD_PREFIX_ENV: &str = "NECKGUIDE_TEST_CHILD_PREFIX";

fn record(id: &str, started_at: &str, outcome: Outcome) -> SessionRecord {
    let start: LocalTimestamp = started_at.parse().unwrap();
    SessionRecord {
        v: 1,
        kind: Default::default(),
        id: id.to_owned(),
        started_at: start,
        ended_at: start,
        routine: RoutineRef {
            id: "daily-neck-routine".into(),
            name: "Daily neck routine".into(),
            times_per_day: 3,
        },
        outcome,
        pain_before: PainScore::new(3),
        pain_after: PainScore::new(2),
        arm_symptoms: false,
        arm: None,
        note: String::new(),
        exercises: vec![
            ExerciseResult {
                id: "seated-retraction".into(),
                done: 5,
                prescribed: 5,
                skipped: false,
                reached: Some(true),
                dose: None,
            },
            ExerciseResult {
                id: "upper-trap-stretch".into(),
                done: 30,
                prescribed: 30,
                skipped: false,
                reached: Some(true),
                dose: None,
            },
        ],
        pain_stop: None,
    }
}

fn good_line(id: &str) -> String {
    serde_json::to_string(&record(id, "2026-11-21T09:00:00+01:00", Outcome::Completed)).unwrap()
}

fn quarantine_lines(dir: &Path) -> Vec<serde_json::Value> {
    match fs::read_to_string(dir.join("sessions.quarantine.jsonl")) {
        Ok(text) => text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn appends_are_lines_that_load_back_and_the_dir_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/data");
    let store = LogStore::open(&dir).unwrap();
    assert_eq!(store.mode(), StoreMode::ReadWrite);
    let a = record("a", "2026-11-21T09:00:00+01:00", Outcome::Completed);
    let b = record("b", "2026-11-21T13:00:00+01:00", Outcome::StoppedForPain);
    store.append(&a).unwrap();
    store.append(&b).unwrap();
    let text = fs::read_to_string(dir.join("sessions.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.ends_with('\n'));
    assert!(text.starts_with(
        r#"{"v":1,"kind":"session","id":"a","started_at":"2026-11-21T09:00:00+01:00","#
    ));
    let loaded = store.load().unwrap();
    assert_eq!(loaded.records, vec![a, b]);
    assert!(loaded.unreadable.is_empty());
    assert!(!dir.join("sessions.quarantine.jsonl").exists());
}

/// A log mixing version-1 and version-2 lines of every kind, a daily check
/// with questions this version does not know, and a pain stop naming an
/// exercise no routine has: everything is read and counted, nothing panics,
/// and only the line that is really broken is set aside.
#[test]
fn mixed_versions_and_kinds_are_read_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let v1 = good_line("old");
    let v2 = r#"{"v":2,"kind":"session","id":"new","started_at":"2026-11-22T09:00:00+01:00","ended_at":"2026-11-22T09:03:00+01:00","routine":{"id":"r","name":"R","times_per_day":2},"outcome":"stopped_for_pain","pain_before":2,"exercises":[{"id":"head-lifts","done":1,"prescribed":10,"skipped":false,"reached":true}],"pain_stop":{"exercise":"no-such-exercise","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":1.5,"reason":"pain"}}"#;
    let check = r#"{"v":2,"kind":"daily_check","date":"2026-11-22","at":"2026-11-22T08:58:00+01:00","answers":[{"question":"dizziness","yes":true},{"question":"bladder_or_bowel","yes":false}],"cleared_by_clinician_at":null}"#;
    let clearance = r#"{"v":2,"kind":"clearance","at":"2026-11-23T08:00:00+01:00","exercise":"no-such-exercise","pain_stop_session":"new"}"#;
    let text = format!("{v1}\n{v2}\n{check}\n{{\"kind\":7}}\n{clearance}\n");
    fs::write(tmp.path().join("sessions.jsonl"), &text).unwrap();
    let store = LogStore::open(tmp.path()).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.records.len(), 2);
    assert_eq!(loaded.records[0].pain_stop, None);
    assert_eq!(
        loaded.records[1]
            .pain_stop
            .as_ref()
            .map(|s| s.exercise.as_str()),
        Some("no-such-exercise")
    );
    assert_eq!(loaded.daily_checks.len(), 1);
    assert_eq!(loaded.daily_checks[0].yes_ids(), vec!["dizziness"]);
    assert_eq!(loaded.clearances.len(), 1);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(loaded.unreadable[0].line, 4);
    assert!(
        loaded.unreadable[0].reason.contains("wrong type"),
        "{}",
        loaded.unreadable[0].reason
    );
    // The history over it is computed without a panic.
    let history = neckguide::history::History::compute(
        &loaded.records,
        loaded.unreadable.len(),
        jiff::civil::date(2026, 11, 23),
    );
    assert_eq!(history.summary.sessions, 2);
    assert_eq!(history.summary.stopped_for_pain, 1);
    // The log itself is untouched.
    assert_eq!(
        fs::read_to_string(tmp.path().join("sessions.jsonl")).unwrap(),
        text
    );
    // Lines of every kind are appended after it.
    let again = neckguide::log::DailyCheckRecord::new(
        jiff::civil::date(2026, 11, 23),
        "2026-11-23T08:00:00+01:00".parse().unwrap(),
        &[],
    );
    store
        .append_line(&neckguide::log::LogLine::DailyCheck(again.clone()))
        .unwrap();
    assert_eq!(store.load().unwrap().daily_checks.last(), Some(&again));
}

#[test]
fn bad_lines_are_skipped_counted_quarantined_once_and_the_file_is_untouched() {
    let good = |id: &str| good_line(id).into_bytes();
    let cases: Vec<(&str, Vec<u8>, usize, Vec<usize>)> = vec![
        ("empty file", Vec::new(), 0, vec![]),
        (
            "torn last line",
            [good("a"), b"\n".to_vec(), good("b"), b"\n".to_vec(), {
                let mut torn = good("c");
                torn.truncate(40);
                torn
            }]
            .concat(),
            2,
            vec![3],
        ),
        (
            "garbage line",
            [
                good("a"),
                b"\n}}garbage{{ not json\n".to_vec(),
                good("b"),
                b"\n".to_vec(),
            ]
            .concat(),
            2,
            vec![2],
        ),
        (
            "invalid UTF-8",
            [
                b"\xff\xfe\x00binary\n".to_vec(),
                good("a"),
                b"\n{\"v\":1,\"id\":\"caf\xe9\"}\n".to_vec(),
            ]
            .concat(),
            1,
            vec![1, 3],
        ),
        (
            "valid JSON that is not a record",
            [good("a"), b"\n{\"v\":1}\n[1,2]\n".to_vec()].concat(),
            1,
            vec![2, 3],
        ),
    ];
    for (name, bytes, good_count, bad_lines) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        fs::write(dir.join("sessions.jsonl"), &bytes).unwrap();
        let store = LogStore::open(dir).unwrap();
        for round in 0..2 {
            let loaded = store.load().unwrap();
            assert_eq!(loaded.records.len(), good_count, "{name}");
            let lines: Vec<usize> = loaded.unreadable.iter().map(|u| u.line).collect();
            assert_eq!(lines, bad_lines, "{name}");
            let quarantined = quarantine_lines(dir);
            assert_eq!(quarantined.len(), bad_lines.len(), "{name}, load {round}");
            for (entry, line) in quarantined.iter().zip(&bad_lines) {
                assert_eq!(entry["line"], *line, "{name}");
            }
            assert_eq!(
                fs::read(dir.join("sessions.jsonl")).unwrap(),
                bytes,
                "{name}: the log must stay byte-for-byte the same"
            );
        }
        // The raw bytes are kept: as text when UTF-8, else as hex.
        if name == "invalid UTF-8" {
            assert_eq!(quarantine_lines(dir)[0]["raw_hex"], "fffe0062696e617279");
        }
    }
}

#[test]
fn an_append_after_a_torn_line_starts_a_new_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut torn = good_line("a").into_bytes();
    torn.extend_from_slice(b"\n");
    torn.extend_from_slice(&good_line("b").as_bytes()[..30]);
    fs::write(dir.join("sessions.jsonl"), &torn).unwrap();
    let store = LogStore::open(dir).unwrap();
    assert_eq!(store.load().unwrap().unreadable.len(), 1);
    store
        .append(&record(
            "c",
            "2026-11-22T09:00:00+01:00",
            Outcome::Completed,
        ))
        .unwrap();
    let after = fs::read(dir.join("sessions.jsonl")).unwrap();
    assert!(
        after.starts_with(&torn),
        "earlier bytes are never rewritten"
    );
    let loaded = store.load().unwrap();
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["a", "c"]);
    assert_eq!(loaded.unreadable.len(), 1);
    assert_eq!(
        quarantine_lines(dir).len(),
        1,
        "the torn line is quarantined once"
    );
}

#[test]
fn a_second_writer_gets_read_only_mode_and_cannot_append() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let first = LogStore::open(dir).unwrap();
    first
        .append(&record(
            "a",
            "2026-11-21T09:00:00+01:00",
            Outcome::Completed,
        ))
        .unwrap();
    let before = fs::read(dir.join("sessions.jsonl")).unwrap();

    let second = LogStore::open(dir).unwrap();
    assert_eq!(second.mode(), StoreMode::ReadOnly);
    assert!(second.is_read_only());
    assert_eq!(second.read_only_reason(), Some(&ReadOnlyReason::InUse));
    let b = record("b", "2026-11-21T10:00:00+01:00", Outcome::Completed);
    assert!(matches!(second.append(&b), Err(LogError::ReadOnly { .. })));
    assert!(matches!(
        second.save_checkpoint(&b),
        Err(LogError::ReadOnly { .. })
    ));
    assert_eq!(second.load().unwrap().records.len(), 1, "it can still read");
    assert_eq!(fs::read(dir.join("sessions.jsonl")).unwrap(), before);

    // The first writer's checkpoint is not the reader's to recover.
    first.save_checkpoint(&b).unwrap();
    assert_eq!(second.recover_checkpoint().unwrap(), None);
    assert!(dir.join("current-session.json").exists());

    drop(first);
    let third = LogStore::open(dir).unwrap();
    assert_eq!(
        third.mode(),
        StoreMode::ReadWrite,
        "the lock is freed on drop"
    );
}

#[test]
fn a_leftover_checkpoint_becomes_an_interrupted_record() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    {
        let store = LogStore::open(dir).unwrap();
        assert_eq!(store.recover_checkpoint().unwrap(), None);
        let mut progress = record("s1", "2026-11-21T09:00:00+01:00", Outcome::Completed);
        for done in 1..=3 {
            progress.exercises[0].done = done;
            progress.exercises[1].done = 0;
            store.save_checkpoint(&progress).unwrap();
        }
        // The app dies here: no append, no clear.
    }
    let store = LogStore::open(dir).unwrap();
    let recovered = store.recover_checkpoint().unwrap().unwrap();
    assert_eq!(recovered.id, "s1");
    assert_eq!(recovered.outcome, Outcome::Interrupted);
    assert_eq!(recovered.exercises[0].done, 3);
    assert!(!dir.join("current-session.json").exists());
    assert_eq!(store.load().unwrap().records, vec![recovered]);
    assert_eq!(store.recover_checkpoint().unwrap(), None);
}

#[test]
fn a_checkpoint_already_appended_is_not_appended_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = LogStore::open(dir).unwrap();
    let done = record("s1", "2026-11-21T09:00:00+01:00", Outcome::Completed);
    store.save_checkpoint(&done).unwrap();
    store.append(&done).unwrap();
    // Died before clear_checkpoint.
    assert_eq!(store.recover_checkpoint().unwrap(), None);
    assert!(!dir.join("current-session.json").exists());
    assert_eq!(store.load().unwrap().records, vec![done]);
}

#[test]
fn a_session_id_is_never_written_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let log_text = || fs::read_to_string(dir.join("sessions.jsonl")).unwrap();
    {
        let store = LogStore::open(dir).unwrap();
        let first = record("s1", "2026-11-21T09:00:00+01:00", Outcome::Interrupted);
        store.append(&first).unwrap();
        // The same session again (say, its final record after another
        // window recovered its checkpoint): refused, nothing written.
        let again = record("s1", "2026-11-21T09:00:00+01:00", Outcome::Completed);
        let err = store.append(&again).unwrap_err();
        assert!(
            matches!(&err, LogError::DuplicateId { id, .. } if id == "s1"),
            "{err:?}"
        );
        assert_eq!(log_text().lines().count(), 1);
        store
            .append(&record(
                "s2",
                "2026-11-21T13:00:00+01:00",
                Outcome::Completed,
            ))
            .unwrap();
    }
    // A new writer knows the ids already in the log, before and after load.
    let store = LogStore::open(dir).unwrap();
    let dup = record("s2", "2026-11-21T13:00:00+01:00", Outcome::Completed);
    assert!(matches!(
        store.append(&dup),
        Err(LogError::DuplicateId { .. })
    ));
    let loaded = store.load().unwrap();
    assert_eq!(loaded.records.len(), 2);
    assert!(matches!(
        store.append(&dup),
        Err(LogError::DuplicateId { .. })
    ));
    assert_eq!(log_text().lines().count(), 2);
    // A checkpoint of a session already in the log is cleared, not appended.
    store.save_checkpoint(&dup).unwrap();
    assert_eq!(store.recover_checkpoint().unwrap(), None);
    assert!(!dir.join("current-session.json").exists());
    assert_eq!(log_text().lines().count(), 2);
}

#[test]
fn a_pain_stop_in_a_checkpoint_stays_a_pain_stop() {
    let tmp = tempfile::tempdir().unwrap();
    let store = LogStore::open(tmp.path()).unwrap();
    let stop = record("s1", "2026-11-21T09:00:00+01:00", Outcome::StoppedForPain);
    store.save_checkpoint(&stop).unwrap();
    let recovered = store.recover_checkpoint().unwrap().unwrap();
    assert_eq!(recovered.outcome, Outcome::StoppedForPain);
}

#[test]
fn a_corrupt_checkpoint_is_moved_aside_and_does_not_block_start() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = LogStore::open(dir).unwrap();
    for n in 1..=2 {
        fs::write(dir.join("current-session.json"), b"{\"v\":1,\"id\":").unwrap();
        match store.recover_checkpoint() {
            Err(LogError::CorruptCheckpoint { quarantined, .. }) => {
                assert_eq!(
                    quarantined,
                    dir.join(format!("current-session.corrupt-{n}.json"))
                );
                assert_eq!(fs::read(&quarantined).unwrap(), b"{\"v\":1,\"id\":");
            }
            other => panic!("expected a corrupt checkpoint, got {other:?}"),
        }
        assert_eq!(store.recover_checkpoint().unwrap(), None);
    }
    assert!(store.load().unwrap().records.is_empty());
}

/// Runs only in a child process started by the crash tests and the full
/// disk's (see [`crate::common::child_input`]): an appender or a
/// checkpointing session that prints each step after it is durable, until
/// it is killed.
#[test]
#[ignore = "a helper child process of the crash tests, started by them"]
fn crash_child() {
    let dir = child_input(
        CHILD_DIR_ENV,
        "log_store::sigkill_at_random_moments_loses_no_reported_record",
    );
    let mode = std::env::var(CHILD_MODE_ENV).unwrap();
    let prefix = std::env::var(CHILD_PREFIX_ENV).unwrap();
    let store = LogStore::open(Path::new(&dir)).unwrap();
    assert!(!store.is_read_only(), "the parent holds no lock");
    let mut out = std::io::stdout().lock();
    let mut progress = record(&prefix, "2026-11-21T09:00:00+01:00", Outcome::Completed);
    if mode == "until_full" {
        // Appends until the disk (a file size limit) refuses one.
        for n in 0u32.. {
            progress.id = format!("{prefix}-{n}");
            progress.note = "x".repeat(300);
            match store.append(&progress) {
                Ok(()) => writeln!(out, "written {}", progress.id).unwrap(),
                Err(e) => {
                    writeln!(out, "failed {}: {e}", progress.id).unwrap();
                    return;
                }
            }
        }
    }
    for n in 0u32.. {
        if mode == "append" {
            let id = format!("{prefix}-{n}");
            progress.id.clone_from(&id);
            progress.note = "x".repeat((n % 7) as usize * 300);
            store.append(&progress).unwrap();
            writeln!(out, "written {id}").unwrap();
        } else {
            progress.exercises[0].done = n;
            store.save_checkpoint(&progress).unwrap();
            writeln!(out, "saved {n}").unwrap();
        }
        out.flush().unwrap();
    }
}

/// Starts this test binary as `crash_child`, kills it with SIGKILL after
/// `delay`, and returns the lines it printed.
fn run_child_and_kill(dir: &Path, mode: &str, prefix: &str, delay: Duration) -> Vec<String> {
    let mut child = child("log_store::crash_child")
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_MODE_ENV, mode)
        .env(CHILD_PREFIX_ENV, prefix)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .collect::<Vec<_>>()
    });
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL on Unix.
    child.wait().unwrap();
    reader.join().unwrap()
}

#[test]
fn sigkill_at_random_moments_loses_no_reported_record() {
    const KILLS: usize = 110;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let log = dir.join("sessions.jsonl");
    let mut rng = Rng::seeded();
    let seed = rng.0;
    let started = Instant::now();
    let mut reported: Vec<String> = Vec::new();
    let mut unreadable_before = 0;
    for kill in 0..KILLS {
        let delay = Duration::from_micros(2_000 + rng.below(40_000));
        let lines = run_child_and_kill(dir, "append", &format!("k{kill}"), delay);
        reported.extend(
            lines
                .iter()
                .filter_map(|l| l.strip_prefix("written "))
                .map(str::to_owned),
        );
        let bytes = fs::read(&log).unwrap_or_default();
        let loaded = LoadedLog::parse(&bytes);
        let present: HashSet<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            present.len(),
            loaded.records.len(),
            "no duplicates (seed {seed})"
        );
        for id in &reported {
            assert!(
                present.contains(id.as_str()),
                "{id} was reported written but is missing (seed {seed})"
            );
        }
        // Each kill may tear at most the last line.
        let new_bad = loaded.unreadable.len() - unreadable_before;
        assert!(
            new_bad <= 1,
            "kill {kill} left {new_bad} bad lines (seed {seed})"
        );
        if new_bad == 1 {
            let last = loaded.unreadable.last().unwrap();
            assert!(!bytes.ends_with(b"\n"), "a torn line can only be the last");
            assert_eq!(last.line, bytes.split(|&b| b == b'\n').count());
        }
        unreadable_before = loaded.unreadable.len();
    }
    assert!(
        reported.len() >= KILLS,
        "the children wrote too little to test anything: {} records",
        reported.len()
    );
    eprintln!(
        "{KILLS} kills, {} records reported written, {} torn lines, {:?}",
        reported.len(),
        unreadable_before,
        started.elapsed()
    );
}

#[test]
fn a_session_killed_mid_way_becomes_an_interrupted_record_at_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = Rng::seeded();
    for round in 0..10 {
        let dir = tmp.path().join(format!("round{round}"));
        fs::create_dir_all(&dir).unwrap();
        let delay = Duration::from_micros(10_000 + rng.below(30_000));
        let lines = run_child_and_kill(&dir, "checkpoint", &format!("session{round}"), delay);
        let last_saved = lines
            .iter()
            .filter_map(|l| l.strip_prefix("saved "))
            .filter_map(|n| n.parse::<u32>().ok())
            .next_back();
        let store = LogStore::open(&dir).unwrap();
        match (store.recover_checkpoint().unwrap(), last_saved) {
            (Some(recovered), Some(saved)) => {
                assert_eq!(recovered.outcome, Outcome::Interrupted);
                assert_eq!(recovered.id, format!("session{round}"));
                // It may have saved one more step than it managed to report.
                assert!(recovered.exercises[0].done >= saved);
                assert_eq!(store.load().unwrap().records, vec![recovered]);
            }
            (None, None) => {}
            (None, Some(saved)) => panic!("step {saved} was saved but nothing was recovered"),
            (Some(_), None) => {} // Killed after a save but before it printed.
        }
        assert!(!dir.join("current-session.json").exists());
        let temp_files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".tmp"))
            .collect();
        assert!(temp_files.is_empty(), "left behind: {temp_files:?}");
    }
}

#[test]
fn deleting_a_file_does_not_free_the_writers_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let first = LogStore::open(dir).unwrap();
    assert!(!first.is_read_only());
    // Whatever files are removed, the folder stays locked.
    for entry in fs::read_dir(dir).unwrap().flatten() {
        fs::remove_file(entry.path()).unwrap();
    }
    let _ = fs::remove_file(dir.join("sessions.lock"));
    let second = LogStore::open(dir).unwrap();
    assert_eq!(second.read_only_reason(), Some(&ReadOnlyReason::InUse));
    drop(first);
    assert!(!LogStore::open(dir).unwrap().is_read_only());
}

#[test]
fn a_folder_that_cannot_be_written_is_not_taken_for_another_window() {
    // `/sys` cannot be written, not even by root: the store reads only and
    // says the folder cannot be written, not that another window has it.
    let sys = Path::new("/sys");
    if !crate::common::can_run(&missing_tools(&["/sys"])) {
        return;
    }
    let store = LogStore::open(sys).unwrap();
    match store.read_only_reason() {
        Some(ReadOnlyReason::NotWritable { path, reason }) => {
            assert!(path.starts_with(sys), "{}", path.display());
            assert!(!reason.is_empty());
        }
        other => panic!("expected NotWritable, got {other:?}"),
    }
    assert!(store.is_read_only());
}

#[test]
fn a_full_disk_leaves_no_torn_line() {
    // A file size limit stands in for a full disk: the write of the line
    // that crosses it is cut short. The store must cut it back whole.
    if !crate::common::can_run_prlimit() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    drop(LogStore::open(dir).unwrap());
    let limit = 4000;
    let out = Command::new("bash")
        .arg("-c")
        .arg(full_disk_script(
            "log_store::crash_child",
            &limit.to_string(),
        ))
        .arg(std::env::current_exe().unwrap())
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_MODE_ENV, "until_full")
        .env(CHILD_PREFIX_ENV, "full")
        .output()
        .unwrap();
    let printed =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let written: Vec<&str> = printed
        .lines()
        .filter_map(|l| l.strip_prefix("written "))
        .collect();
    assert!(
        printed.lines().any(|l| l.starts_with("failed ")),
        "no append failed:\n{printed}"
    );
    assert!(written.len() >= 2, "{printed}");
    let bytes = fs::read(dir.join("sessions.jsonl")).unwrap();
    assert!(bytes.len() <= limit, "{} bytes", bytes.len());
    assert_eq!(bytes.last(), Some(&b'\n'), "the file ends in a torn line");
    let loaded = LoadedLog::parse(&bytes);
    assert!(loaded.unreadable.is_empty(), "{:?}", loaded.unreadable);
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, written);
}

/// Runs `f` on a thread of its own and fails when it has not returned in
/// 10 s: a read that waits for ever is a failure, not a stuck test run.
fn within_10s<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(f());
    });
    receive
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("{what}: still running after 10 s"))
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_log_that_is_no_file_is_refused_at_once_and_named() {
    /// What the case puts at the log's path.
    type Make = fn(&Path);
    let cases: [(&str, Make); 4] = [
        ("a named pipe", |p| mkfifo(p)),
        ("a character device", |p| {
            std::os::unix::fs::symlink("/dev/zero", p).unwrap()
        }),
        ("a folder", |p| fs::create_dir(p).unwrap()),
        ("a link to", |p| {
            std::os::unix::fs::symlink(p.with_file_name("gone.jsonl"), p).unwrap()
        }),
    ];
    for (what, make) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().to_owned();
        make(&dir.join("sessions.jsonl"));
        let reader = dir.clone();
        let read = within_10s(what, move || {
            LogStore::open_read_only(&reader)
                .load()
                .map(|l| l.records.len())
                .map_err(|e| e.to_string())
        });
        let err = read.expect_err(what);
        assert!(err.contains(&format!("it is {what}")), "{what}: {err}");
        assert!(err.contains("move this away"), "{what}: {err}");
        // The writer does not take it for a log either.
        let writer = dir.clone();
        let opened = within_10s(what, move || LogStore::open(&writer).map(|_| ()));
        assert!(
            matches!(opened, Err(LogError::NotAFile { .. })),
            "{what}: {opened:?}"
        );
    }
}

#[test]
fn a_checkpoint_that_is_a_named_pipe_is_moved_aside_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_owned();
    mkfifo(&dir.join("current-session.json"));
    let recovered = within_10s("recover", move || {
        let store = LogStore::open(&dir).unwrap();
        store.recover_checkpoint().map_err(|e| e.to_string())
    });
    let err = recovered.unwrap_err();
    assert!(err.contains("it is a named pipe, not a file"), "{err}");
    assert!(!tmp.path().join("current-session.json").exists());
    assert!(tmp.path().join("current-session.corrupt-1.json").exists());
}

#[test]
fn a_byte_order_mark_at_the_start_does_not_spoil_line_one() {
    let text = format!("\u{feff}{}\n{}\n", good_line("a"), good_line("b"));
    let loaded = LoadedLog::parse(text.as_bytes());
    assert_eq!(loaded.records.len(), 2, "{:?}", loaded.unreadable);
    assert_eq!(loaded.unreadable_count(), 0);
}

#[test]
fn a_junk_log_is_read_in_bounded_memory_and_quarantined_in_part() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // 8 MiB with no line break, then 3000 short junk lines, then a record.
    let mut bytes = vec![b'x'; 8 << 20];
    bytes.push(b'\n');
    for n in 0..3000 {
        bytes.extend_from_slice(format!("junk {n}\n").as_bytes());
    }
    bytes.extend_from_slice(good_line("a").as_bytes());
    bytes.push(b'\n');
    fs::write(dir.join("sessions.jsonl"), &bytes).unwrap();
    let store = LogStore::open(dir).unwrap();
    let loaded = store.load().unwrap();
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(loaded.unreadable_count(), 3001);
    assert_eq!(loaded.unreadable.len(), 1000, "only the first are kept");
    let first = &loaded.unreadable[0];
    assert_eq!(first.line, 1);
    assert!(first.reason.contains("longer than"), "{}", first.reason);
    assert!(first.bytes.len() <= 16 << 10, "{}", first.bytes.len());
    assert_eq!(loaded.unreadable[1].line, 2, "the long line is one line");
    let quarantine = fs::metadata(dir.join("sessions.quarantine.jsonl")).unwrap();
    assert!(quarantine.len() < 1 << 20, "{}", quarantine.len());
    assert_eq!(quarantine_lines(dir).len(), 1000);
    assert_eq!(fs::read(dir.join("sessions.jsonl")).unwrap(), bytes);
}

#[test]
fn a_session_id_twice_counts_once_and_a_different_copy_is_reported() {
    let a = good_line("a");
    let b = good_line("b");
    let other_a = serde_json::to_string(&record(
        "a",
        "2026-11-21T09:00:00+01:00",
        Outcome::StoppedForPain,
    ))
    .unwrap();
    let text = format!("{a}\n{b}\n{a}\n{other_a}\n");
    let loaded = LoadedLog::parse(text.as_bytes());
    let ids: Vec<&str> = loaded.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        loaded.records[0].outcome,
        Outcome::Completed,
        "the first is kept"
    );
    let lines: Vec<usize> = loaded.unreadable.iter().map(|u| u.line).collect();
    assert_eq!(
        lines,
        [4],
        "the same line again is no problem; another one is"
    );
    assert!(
        loaded.unreadable[0]
            .reason
            .contains("id a, which line 1 has"),
        "{}",
        loaded.unreadable[0].reason
    );
    // Records handed out one by one are counted once too.
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("sessions.jsonl"), &text).unwrap();
    let mut handed = Vec::new();
    LogStore::open_read_only(tmp.path())
        .read_each(&mut |r| handed.push(r.id))
        .unwrap();
    assert_eq!(handed, ["a", "b"]);
}

#[test]
fn an_append_after_the_log_was_moved_goes_to_a_new_log_at_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let log = dir.join("sessions.jsonl");
    let store = LogStore::open(dir).unwrap();
    store.load().unwrap();
    let at = "2026-11-21T09:00:00+01:00";
    store.append(&record("a", at, Outcome::Completed)).unwrap();
    assert_eq!(store.take_replaced_log(), None);
    fs::rename(&log, dir.join("moved.jsonl")).unwrap();
    store.append(&record("b", at, Outcome::Completed)).unwrap();
    let ids = |path: &Path| -> Vec<String> {
        LoadedLog::parse(&fs::read(path).unwrap())
            .records
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids(&log), ["b"], "the record reached the path");
    assert_eq!(ids(&dir.join("moved.jsonl")), ["a"]);
    let words = store.take_replaced_log().unwrap();
    assert!(words.contains("was moved or deleted"), "{words}");
    assert_eq!(store.take_replaced_log(), None, "said once");
    // Replaced by another file (a sync tool's rename): the writer adds to
    // that file, and knows its ids.
    let other = dir.join("other.jsonl");
    fs::write(&other, good_line("c") + "\n").unwrap();
    fs::rename(&other, &log).unwrap();
    store.append(&record("d", at, Outcome::Completed)).unwrap();
    assert_eq!(ids(&log), ["c", "d"]);
    assert!(
        store
            .take_replaced_log()
            .unwrap()
            .contains("replaced by another file")
    );
    assert!(matches!(
        store.append(&record("c", at, Outcome::Completed)),
        Err(LogError::DuplicateId { .. })
    ));
    // Something that is no file there: nothing is written, nothing said saved.
    fs::remove_file(&log).unwrap();
    mkfifo(&log);
    assert!(matches!(
        store.append(&record("e", at, Outcome::Completed)),
        Err(LogError::NotAFile { .. })
    ));
}

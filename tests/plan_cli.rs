//! `neckguide plan`: the source's doses come out of the schedule, in both forms.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{repo_root, run, stderr, stdout};

fn plan_json(routine: &str, extra: &[&str]) -> Vec<Value> {
    let tmp = tempfile::tempdir().unwrap();
    let file = repo_root().join("exercises/routines").join(routine);
    let mut args = vec!["plan", file.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = run(tmp.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Per exercise: the (direction, hold length in ms) of every hold, measured
/// as hold_end.at_ms - hold_start.at_ms.
fn holds(events: &[Value]) -> BTreeMap<String, Vec<(Option<String>, u64)>> {
    let mut open: Option<&Value> = None;
    let mut out: BTreeMap<String, Vec<(Option<String>, u64)>> = BTreeMap::new();
    for e in events {
        match e["event"].as_str().unwrap() {
            "hold_start" => open = Some(e),
            "hold_end" => {
                let start = open.take().expect("hold_end without hold_start");
                assert_eq!(start["exercise"], e["exercise"]);
                assert_eq!(start["rep"], e["rep"]);
                assert_eq!(start["set"], e["set"]);
                let length = e["at_ms"].as_u64().unwrap() - start["at_ms"].as_u64().unwrap();
                out.entry(e["exercise"].as_str().unwrap().to_owned())
                    .or_default()
                    .push((e["direction"].as_str().map(str::to_owned), length));
            }
            _ => {}
        }
    }
    assert!(open.is_none());
    out
}

#[test]
fn daily_routine_has_the_source_doses() {
    let events = plan_json("daily-neck-routine.json", &[]);
    let holds = holds(&events);
    let plain = |ms: u64, n: usize| vec![(None, ms); n];
    assert_eq!(holds["supine-deep-neck-flexion"], plain(5000, 5));
    assert_eq!(holds["seated-retraction"], plain(10000, 5));
    assert_eq!(holds["head-lifts"], plain(5000, 5));
    let dirs: Vec<(Option<String>, u64)> = ["forward", "backward", "left", "right"]
        .iter()
        .map(|d| (Some((*d).to_owned()), 10000))
        .collect();
    assert_eq!(holds["isometric-neck-strengthening"], dirs);

    // Reps are 1-based and counted per set; times only go forward; the
    // session ends last.
    let reps: Vec<u64> = events
        .iter()
        .filter(|e| e["event"] == "hold_start" && e["exercise"] == "seated-retraction")
        .map(|e| e["rep"].as_u64().unwrap())
        .collect();
    assert_eq!(reps, [1, 2, 3, 4, 5]);
    assert!(
        events
            .windows(2)
            .all(|w| w[0]["at_ms"].as_u64() <= w[1]["at_ms"].as_u64())
    );
    assert_eq!(events.last().unwrap()["event"], "session_end");
    assert_eq!(events.first().unwrap()["event"], "session_start");
    for e in &events {
        assert!(e["at_ms"].is_u64() && e["event"].is_string());
        if e["event"] != "session_start" && e["event"] != "session_end" {
            assert!(e["exercise"].is_string(), "{e}");
        }
    }
}

#[test]
fn head_lifts_drop_out_of_the_third_session() {
    let third = holds(&plan_json("daily-neck-routine.json", &["--session", "3"]));
    assert!(!third.contains_key("head-lifts"));
    assert_eq!(third.len(), 3);
    let second = holds(&plan_json("daily-neck-routine.json", &["--session", "2"]));
    assert!(second.contains_key("head-lifts"));
}

#[test]
fn gentle_routine_has_the_timed_position_and_an_open_practice() {
    let events = plan_json("gentle-neck-routine.json", &[]);
    let timed_start = events.iter().find(|e| e["event"] == "timed_start").unwrap();
    let timed_end = events.iter().find(|e| e["event"] == "timed_end").unwrap();
    assert_eq!(timed_start["exercise"], "supine-neutral-head");
    assert_eq!(
        timed_end["at_ms"].as_u64().unwrap() - timed_start["at_ms"].as_u64().unwrap(),
        5 * 60 * 1000
    );
    let practice = events
        .iter()
        .find(|e| e["event"] == "practice_start")
        .unwrap();
    assert_eq!(practice["exercise"], "neutral-head-walking");
    assert_eq!(practice["until_done"], true);
}

#[test]
fn a_timed_position_names_the_position_as_the_window_does() {
    let tmp = tempfile::tempdir().unwrap();
    let file = repo_root().join("exercises/routines/gentle-neck-routine.json");
    let out = run(tmp.path(), &["plan", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("Stay in position: lying on your back"));
}

#[test]
fn the_table_reads_like_a_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let file = repo_root().join("exercises/routines/daily-neck-routine.json");
    let out = run(tmp.path(), &["plan", file.to_str().unwrap()]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("Daily neck routine — session 1 of 3 today"));
    assert!(text.contains("EXERCISE"));
    assert!(text.contains("Hold: push backward (set 1, rep 1)"));
    assert_eq!(text.lines().filter(|l| l.contains(" Hold")).count(), 19);
    // The window's words for the same steps.
    assert!(text.contains("Release and rest"));
    assert!(text.contains("Relax"));
    let total = text.lines().find(|l| l.starts_with("Total: ")).unwrap();
    assert_eq!(total, "Total: 4:37 (4 exercises)");
}

#[test]
fn a_bad_routine_is_not_planned() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.json");
    std::fs::write(&file, "{\"id\": \"x\"}").unwrap();
    let out = run(tmp.path(), &["plan", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("missing required field `name`"));
    assert_eq!(stdout(&out), "");
}

/// With the data folder, an exercise held out after a pain stop is marked
/// `held_out` with the reason and has no events, until a clearance line.
#[test]
fn plan_marks_an_exercise_held_out_after_a_pain_stop_until_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let stop = r#"{"v":2,"kind":"session","id":"s1","started_at":"2026-11-25T09:00:00+01:00","ended_at":"2026-11-25T09:02:00+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"stopped_for_pain","exercises":[],"pain_stop":{"exercise":"seated-retraction","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":2.0,"reason":"pain"}}"#;
    std::fs::write(data.join("sessions.jsonl"), format!("{stop}\n")).unwrap();
    let file = repo_root().join("exercises/routines/daily-neck-routine.json");
    let plan = |tmp: &std::path::Path| {
        let out = run(tmp, &["plan", file.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .collect::<Vec<_>>()
    };
    let lines = plan(tmp.path());
    assert_eq!(lines[0]["event"], "held_out");
    assert_eq!(lines[0]["exercise"], "seated-retraction");
    assert_eq!(lines[0]["held_out"], true);
    assert_eq!(
        lines[0]["reason"],
        "held out after pain on 25 Nov: talk to your physical therapist first"
    );
    assert!(
        !lines[1..]
            .iter()
            .any(|e| e["exercise"] == "seated-retraction"),
        "the held-out exercise is still planned"
    );
    assert!(lines.iter().any(|e| e["exercise"] == "head-lifts"));
    // The table says it too.
    let out = run(tmp.path(), &["plan", file.to_str().unwrap()]);
    assert!(
        stdout(&out)
            .contains("Not in this session: Seated retraction, held out after pain on 25 Nov"),
        "{}",
        stdout(&out)
    );
    // Cleared: planned again, no mark.
    let clearance = r#"{"v":2,"kind":"clearance","at":"2026-11-26T10:00:00+01:00","exercise":"seated-retraction","pain_stop_session":"s1"}"#;
    std::fs::write(
        data.join("sessions.jsonl"),
        format!("{stop}\n{clearance}\n"),
    )
    .unwrap();
    let lines = plan(tmp.path());
    assert!(lines.iter().all(|e| e["event"] != "held_out"));
    assert!(lines.iter().any(|e| e["exercise"] == "seated-retraction"));
}

/// `plan` runs the dose in effect by the routine's progression rule, from
/// the data folder's log: two good sessions on the 23rd raise head lifts
/// from 5 holds to 6 from then on, not before.
#[test]
fn plan_runs_the_dose_in_effect_from_the_log() {
    use crate::ui_flows::{RULED_ROUTINE, ruled_data_dir, ruled_good_session};
    let log = [ruled_good_session(23, 9), ruled_good_session(23, 15)].join("\n") + "\n";
    let dir = ruled_data_dir(&log);
    let routine = dir.path().join("ruled.json");
    std::fs::write(&routine, RULED_ROUTINE).unwrap();
    let holds_on = |today: &str| {
        let out = crate::common::neckguide(dir.path())
            .arg("plan")
            .arg(&routine)
            .args(["--json", "--today", today])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|e| e["event"] == "hold_start" && e["exercise"] == "head-lifts")
            .count()
    };
    assert_eq!(holds_on("2026-11-22"), 5);
    assert_eq!(holds_on("2026-11-24"), 6);
}

//! `neckguide history`, `export --csv` and `report` on hand-built logs with
//! known answers, run as the real binary against a temp data dir.

use std::fs;
use std::path::Path;

use neckguide::history::{self, History};
use neckguide::log::{LoadedLog, SessionRecord};
use serde_json::{Value, json};

use crate::common::{neckguide, stderr, stdout};

/// One log line. `outcome` is the word used in the log.
fn line(id: &str, started_at: &str, outcome: &str, times_per_day: u32, pain: (u8, u8)) -> String {
    json!({
        "v": 1, "id": id, "started_at": started_at, "ended_at": started_at,
        "routine": {"id": "daily-neck-routine", "name": "Daily neck routine", "times_per_day": times_per_day},
        "outcome": outcome, "pain_before": pain.0, "pain_after": pain.1,
        "arm_symptoms": outcome == "stopped_for_pain", "note": "",
        "exercises": [
            {"id": "seated-retraction", "done": 5, "prescribed": 5, "skipped": false},
            {"id": "upper-trap-stretch", "done": if outcome == "completed" {30} else {10}, "prescribed": 30, "skipped": false}
        ]
    })
    .to_string()
}

/// A month-end log: Oct 30 to Nov 2 2026, 2 sessions a day prescribed.
///
/// | day    | completed | other              | counted |
/// | Oct 30 | 3         |                    | 2 of 2  |
/// | Oct 31 | 1         | 1 stopped for pain | 1 of 2  |
/// | Nov 1  | -         | (no record)        | 0 of 2  |
/// | Nov 2  | 2         | 1 ended early      | 2 of 2  |
/// | Nov 3  | 1         | 1 interrupted      | 1 of 2  |
fn month_end_log() -> String {
    [
        line("1", "2026-10-30T08:00:00+01:00", "completed", 2, (4, 3)),
        line("2", "2026-10-30T12:00:00+01:00", "completed", 2, (4, 3)),
        line("3", "2026-10-30T18:00:00+01:00", "completed", 2, (3, 2)),
        line(
            "4",
            "2026-10-31T08:00:00+01:00",
            "stopped_for_pain",
            2,
            (5, 7),
        ),
        line("5", "2026-10-31T18:00:00+01:00", "completed", 2, (4, 3)),
        line("6", "2026-11-02T08:00:00+01:00", "completed", 2, (3, 2)),
        line("7", "2026-11-02T12:00:00+01:00", "ended_early", 2, (3, 3)),
        line("8", "2026-11-02T18:00:00+01:00", "completed", 2, (3, 2)),
        line("9", "2026-11-03T08:00:00+01:00", "completed", 2, (2, 2)),
        line("10", "2026-11-03T12:00:00+01:00", "interrupted", 2, (2, 2)),
    ]
    .join("\n")
        + "\n"
}

fn data_dir_with(tmp: &Path, log: &[u8]) -> std::path::PathBuf {
    let data = tmp.join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("sessions.jsonl"), log).unwrap();
    data
}

fn history_json(data: &Path, today: &str) -> Value {
    let out = neckguide(data)
        .args(["history", "--json", "--today", today])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "one JSON object: {text}");
    serde_json::from_str(&text).unwrap()
}

/// `history --json` without what version 2 added (`pain_stops`,
/// `warning_signs`, `measures`): the figures as version 1 printed them.
fn figures(mut json: Value) -> Value {
    let object = json.as_object_mut().unwrap();
    assert!(object.remove("pain_stops").unwrap().is_array());
    assert!(object.remove("warning_signs").unwrap().is_array());
    assert!(object.remove("measures").unwrap().is_object());
    json
}

/// A version-1 log of 400 days (2025-10-01 to 2026-11-04), made the same
/// way every time: 0 to 4 sessions a day of every outcome, some days with
/// none, pain ratings, notes, a change from 3 to 2 sessions a day.
fn v1_log_400_days() -> String {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut lines = Vec::new();
    let mut day = jiff::civil::date(2025, 10, 1);
    for n in 0..400 {
        let times = if n < 200 { 3 } else { 2 };
        let sessions = next() % 5;
        for s in 0..sessions {
            let outcome = match next() % 10 {
                0 => "stopped_for_pain",
                1 => "ended_early",
                2 => "interrupted",
                _ => "completed",
            };
            let at = format!("{day}T{:02}:{:02}:00+01:00", 7 + s * 4, next() % 60);
            let pain = ((next() % 8) as u8, (next() % 8) as u8);
            let mut record: Value =
                serde_json::from_str(&line(&format!("{n}-{s}"), &at, outcome, times, pain))
                    .unwrap();
            if next() % 7 == 0 {
                record["note"] = Value::from(format!("note {n}"));
            }
            if next() % 9 == 0 {
                record.as_object_mut().unwrap().remove("pain_after");
            }
            lines.push(record.to_string());
        }
        day = day.tomorrow().unwrap();
    }
    lines.join("\n") + "\n"
}

/// The figures version 1 of neckguide printed for [`v1_log_400_days`]
/// (measured with the binary built from the commit before version 2,
/// `219d316`, on the same log).
const V1_FIGURES_400_DAYS: &str = include_str!("data/v1-400-days-history.json");

#[test]
fn a_version_1_log_of_400_days_gives_the_same_figures_as_before() {
    let tmp = tempfile::tempdir().unwrap();
    let log = v1_log_400_days();
    if let Some(path) = std::env::var_os("NECKGUIDE_WRITE_V1_LOG") {
        fs::write(path, &log).unwrap();
    }
    let data = data_dir_with(tmp.path(), log.as_bytes());
    let now = figures(history_json(&data, "2026-11-04"));
    let before: Value = serde_json::from_str(V1_FIGURES_400_DAYS).unwrap();
    assert_eq!(now, before);
    assert!(now["sessions"].as_u64().unwrap() > 700, "{now}");
    // The pain stops of version 1 are listed, without a place.
    let json = history_json(&data, "2026-11-04");
    let stops = json["pain_stops"].as_array().unwrap();
    assert_eq!(
        stops.len() as u64,
        now["stopped_for_pain"].as_u64().unwrap()
    );
    assert!(
        stops
            .iter()
            .all(|s| s["exercise"].is_null() && s["date"].is_string())
    );
}

#[test]
fn history_json_on_a_month_end_log_has_the_known_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_dir_with(tmp.path(), month_end_log().as_bytes());
    assert_eq!(
        figures(history_json(&data, "2026-11-03")),
        json!({
            "sessions": 10, "completed": 7, "ended_early": 1, "stopped_for_pain": 1,
            "interrupted": 1, "days_active": 4, "current_streak_days": 2,
            // 7d and 28d start at the first day, Oct 30: (2+1+0+2+1)/(5*2) = 60%.
            "adherence_percent_7d": 60.0, "adherence_percent_28d": 60.0,
            "adherence_percent_all": 60.0,
            "first_day": "2026-10-30", "last_day": "2026-11-03", "unreadable_lines": 0
        })
    );
    // Two days on with nothing new: the streak is broken; 7d is Oct 30..Nov 5.
    let later = history_json(&data, "2026-11-05");
    assert_eq!(later["current_streak_days"], 0);
    assert_eq!(later["adherence_percent_7d"], 42.9, "6 of 14");
    // Before the log began, nothing counts.
    let before = history_json(&data, "2026-10-01");
    assert_eq!(before["sessions"], 0);
    assert_eq!(before["adherence_percent_all"], Value::Null);
}

#[test]
fn history_text_is_a_short_summary_and_counts_unreadable_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let mut log = month_end_log().into_bytes();
    log.extend_from_slice(b"\xff garbage\n{\"v\":1,\"id\":\"torn");
    let data = data_dir_with(tmp.path(), &log);
    let out = neckguide(&data)
        .args(["history", "--today", "2026-11-03"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "Sessions: 10 (7 completed, 1 ended early, 1 stopped for pain, 1 interrupted)"
        ),
        "{text}"
    );
    assert!(text.contains("Current streak: 2 days"), "{text}");
    assert!(text.contains("last 7 days 60.0%"), "{text}");
    assert!(
        text.contains("2 lines of the log could not be read"),
        "{text}"
    );
    assert_eq!(history_json(&data, "2026-11-03")["unreadable_lines"], 2);
    // It says where the lines are, and they are there: the command only
    // reads, so it names the log, not a quarantine file it does not write.
    assert!(!text.contains("quarantine"), "{text}");
    assert!(
        text.contains("left as they are in") && text.contains("sessions.jsonl (line 11, 12)"),
        "{text}"
    );
    // The commands only read: the log is unchanged and nothing is created.
    assert_eq!(fs::read(data.join("sessions.jsonl")).unwrap(), log);
    assert!(!data.join("sessions.lock").exists());
    assert!(!data.join("sessions.quarantine.jsonl").exists());
}

#[test]
fn history_without_a_log_says_so_and_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = neckguide(&data).args(["history"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No sessions recorded yet.\n");
    assert!(!data.exists());
}

#[test]
fn export_csv_writes_one_row_per_session() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data_dir_with(tmp.path(), month_end_log().as_bytes());
    let csv = tmp.path().join("sessions.csv");
    let out = neckguide(&data)
        .args(["export", "--csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("Wrote 10 sessions to {}\n", csv.display())
    );
    let text = fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 11);
    assert!(rows[0].starts_with("date,started_at,ended_at,"));
    assert!(rows[4].starts_with("2026-10-31,2026-10-31T08:00:00+01:00,"));
    assert!(
        rows[4].contains(",stopped_for_pain,5,7,true,1,2,0,"),
        "{}",
        rows[4]
    );
}

#[test]
fn export_refuses_to_overwrite_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let log = month_end_log();
    let data = data_dir_with(tmp.path(), log.as_bytes());
    let target = data.join("sessions.jsonl");
    let out = neckguide(&data)
        .args(["export", "--csv", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("part of the session log"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), log);
}

#[test]
fn report_is_one_self_contained_html_page() {
    let tmp = tempfile::tempdir().unwrap();
    let mut log = month_end_log();
    log.push_str(&line(
        "11",
        "2026-11-04T08:00:00+01:00",
        "stopped_for_pain",
        2,
        (6, 8),
    ));
    log.push('\n');
    let data = data_dir_with(tmp.path(), log.as_bytes());
    let file = tmp.path().join("report.html");
    let out = neckguide(&data)
        .args(["report", file.to_str().unwrap(), "--today", "2026-11-04"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Wrote the report as of 2026-11-04 (11 sessions) to "));
    let html = fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Not medical advice."));
    assert!(
        html.contains("talk to your physical therapist"),
        "pain stops on Oct 31 and Nov 4"
    );
    assert_eq!(html.matches("<svg").count(), 2, "calendar and pain chart");
    assert!(!html.contains("<script"));
    let without_svg_ns = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!without_svg_ns.contains("http"), "no network references");
    assert!(
        html.contains("<td>Seated retraction</td>"),
        "names, not ids"
    );
    assert!(!html.contains("<td>seated-retraction</td>"));
    assert!(html.contains("physical therapist"));
    assert!(!html.contains("physiotherapist"));
}

/// The pure functions the History screen uses agree with the command.
#[test]
fn the_screen_figures_match_the_command() {
    let loaded = LoadedLog::parse(month_end_log().as_bytes());
    let today = jiff::civil::date(2026, 11, 3);
    let h = History::compute(&loaded.records, loaded.unreadable.len(), today);
    assert_eq!(h.summary, history::summary(&loaded.records, today));
    assert_eq!(h.summary.current_streak_days, 2);
    assert!(!h.pain_stop_warning, "one pain-stop day only");
    assert_eq!(h.calendar.iter().map(|d| d.pain_stops).sum::<u32>(), 1);
    assert_eq!(h.pain_series.len(), 10);
    let nov1 = h
        .calendar
        .iter()
        .find(|d| d.date == jiff::civil::date(2026, 11, 1))
        .unwrap();
    assert_eq!((nov1.completed, nov1.prescribed), (0, Some(2)));
    let trap = h
        .exercises
        .iter()
        .find(|e| e.id == "upper-trap-stretch")
        .unwrap();
    // 7 completed x 30 + 3 others x 10 of 10 x 30.
    assert_eq!(
        (trap.done, trap.prescribed, trap.percent),
        (240, 300, Some(80.0))
    );
    let records: &[SessionRecord] = &loaded.records;
    assert_eq!(history::to_csv(records).lines().count(), 11);
}

/// Where arm symptoms were after a pain stop reaches the physical
/// therapist in every output: `history` and its `--json`, the CSV and the
/// report; an older line with only the yes/no after the stop says that.
#[test]
fn where_arm_symptoms_were_after_a_pain_stop_is_in_every_output() {
    let stopped = |id: &str, day: u32, after: &str| {
        format!(
            r#"{{"v":2,"kind":"session","id":"{id}","started_at":"2026-11-{day:02}T09:00:00+01:00","ended_at":"2026-11-{day:02}T09:04:00+01:00","routine":{{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3}},"outcome":"stopped_for_pain","pain_before":3,"pain_after":6,"arm_symptoms":true,"arm":"in_arm","note":"","exercises":[{{"id":"seated-retraction","done":1,"prescribed":5,"skipped":false,"reached":true}}],"pain_stop":{{"exercise":"seated-retraction","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":3.4,{after}}}}}"#
        )
    };
    let log = [
        // Written before the app asked where.
        stopped(
            "old",
            2,
            r#""reason":"arm_symptoms","arm_symptoms_now":true"#,
        ),
        stopped(
            "new",
            3,
            r#""reason":"arm_symptoms","arm_symptoms_now":true,"arm_now":"further_down""#,
        ),
    ]
    .join("\n")
        + "\n";
    let tmp = tempfile::tempdir().unwrap();
    let data = data_dir_with(tmp.path(), log.as_bytes());

    let out = neckguide(&data)
        .args(["history", "--today", "2026-11-04"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("on 2026-11-02: Seated retraction, a hold (set 1, repetition 2), 3.4 s in; arm symptoms after the stop\n"),
        "{text}"
    );
    assert!(
        text.contains("on 2026-11-03: Seated retraction, a hold (set 1, repetition 2), 3.4 s in; arm symptoms further down the arm than before, after the stop\n"),
        "{text}"
    );

    let json = history_json(&data, "2026-11-04");
    let stops = json["pain_stops"].as_array().unwrap();
    assert_eq!(stops.len(), 2);
    assert_eq!(stops[0]["arm_now"], Value::Null);
    assert_eq!(stops[0]["arm_symptoms_now"], true);
    assert_eq!(stops[1]["arm_now"], "further_down");
    assert_eq!(stops[1]["arm_symptoms_now"], true);

    let csv = tmp.path().join("out.csv");
    let out = neckguide(&data)
        .args(["export", "--csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert!(
        rows[0].ends_with(",arm,exercise_doses,pain_stop_arm_symptoms_now,pain_stop_arm_now"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].ends_with(",arm_symptoms,in_arm,,true,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].ends_with(",arm_symptoms,in_arm,,true,further_down"),
        "{}",
        rows[2]
    );

    let report = tmp.path().join("report.html");
    let out = neckguide(&data)
        .args(["report", report.to_str().unwrap(), "--today", "2026-11-04"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let html = fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("<td>arm symptoms further down the arm than before, after the stop</td>"),
        "{html}"
    );
    assert!(
        html.contains("<td>arm symptoms after the stop</td>"),
        "{html}"
    );
}

#[test]
fn a_log_with_its_sessions_twice_gives_the_figures_of_once() {
    // A log synced between computers may hold each record twice; one copy
    // of session 4 differs (a pain stop instead of completed).
    let once = month_end_log();
    let changed = line(
        "4",
        "2026-10-31T08:00:00+01:00",
        "stopped_for_pain",
        2,
        (4, 6),
    );
    let twice = format!("{once}{once}{changed}\n");
    let tmp = tempfile::tempdir().unwrap();
    let single = history_json(&data_dir_with(tmp.path(), once.as_bytes()), "2026-11-03");
    let tmp2 = tempfile::tempdir().unwrap();
    let data = data_dir_with(tmp2.path(), twice.as_bytes());
    let doubled = history_json(&data, "2026-11-03");
    assert_eq!(doubled["sessions"], 10);
    assert_eq!(doubled["stopped_for_pain"], single["stopped_for_pain"]);
    assert_eq!(doubled["pain_stops"], single["pain_stops"]);
    // The copy that differs is the one line reported.
    assert_eq!(doubled["unreadable_lines"], 1);
    let mut expected = single;
    expected["unreadable_lines"] = json!(1);
    assert_eq!(doubled, expected);
    // The text says which line is the differing copy, and what it is.
    let out = neckguide(&data)
        .args(["history", "--today", "2026-11-03"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("(line 21)"), "{text}");
    assert!(
        text.contains("1 of them repeats a session id an earlier line has, with other contents"),
        "{text}"
    );
    // The export has each session once.
    let csv = tmp2.path().join("out.csv");
    let out = neckguide(&data)
        .args(["export", "--csv", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&csv).unwrap().lines().count(), 1 + 10);
}

/// A measure line as the app writes it.
fn measure_line(at: &str, neck: Value, arm: Value, psfs: &[(&str, u8)], groc: Value) -> String {
    let psfs: Vec<Value> = psfs
        .iter()
        .map(|(a, s)| json!({"activity": a, "score": s}))
        .collect();
    json!({"v": 2, "kind": "measure", "at": at, "neck_pain": neck, "arm_pain": arm,
           "psfs": psfs, "groc": groc})
    .to_string()
}

#[test]
fn history_json_gives_first_latest_and_change_per_measure_and_counts_bad_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let twenty: Vec<(String, u8)> = (1..=20).map(|n| (format!("a{n}"), 3)).collect();
    let twenty: Vec<(&str, u8)> = twenty.iter().map(|(a, s)| (a.as_str(), *s)).collect();
    let log = [
        month_end_log(),
        measure_line(
            "2026-10-30T07:55:00+01:00",
            json!(4),
            json!(6),
            &[("Driving", 2), ("Reading", 4), ("Sleep", 3)],
            Value::Null,
        ),
        // A week on.
        measure_line(
            "2026-11-06T07:55:00+01:00",
            json!(4),
            json!(3),
            &[("Driving", 5), ("Reading", 5), ("Sleep", 5)],
            json!(3),
        ),
        // Bad lines: read, counted, never a panic.
        measure_line(
            "2026-11-07T07:55:00+01:00",
            json!(11),
            json!(3),
            &[],
            Value::Null,
        ),
        measure_line(
            "2026-11-07T07:56:00+01:00",
            json!(1),
            json!(3),
            &twenty,
            Value::Null,
        ),
        measure_line(
            "2026-11-07T07:57:00+01:00",
            json!(1),
            json!(3),
            &[],
            json!(-9),
        ),
        measure_line(
            "2026-11-07T07:58:00+01:00",
            json!(1),
            json!(3),
            &[("ok", 3)],
            Value::Null,
        )
        .replace("\"groc\":null", "\"groc\":null,\"later\":[1,2]"),
        measure_line(
            "2026-11-07T07:59:00+01:00",
            json!(1),
            json!(3),
            &[("Dri\u{1b}[2Jving", 30)],
            Value::Null,
        ),
    ]
    .join("\n")
        + "\n";
    let data = data_dir_with(tmp.path(), log.as_bytes());
    let json = history_json(&data, "2026-11-06");
    assert_eq!(json["unreadable_lines"], 4, "{json}");
    let measures = &json["measures"];
    assert_eq!(measures["list"].as_array().unwrap().len(), 2, "{measures}");
    let by_name = |name: &str| {
        measures["summaries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["measure"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no {name} in {measures}"))
    };
    let arm = by_name("arm_pain");
    assert_eq!(
        (
            &arm["first"]["value"],
            &arm["latest"]["value"],
            &arm["change"]
        ),
        (&json!(6.0), &json!(3.0), &json!(-3.0))
    );
    assert_eq!(arm["first"]["at"], "2026-10-30T07:55:00+01:00");
    assert_eq!(arm["verdict"], "better");
    assert_eq!(
        arm["sentence"],
        "Arm pain 6 -> 3 since 30 Oct: a clinically important change"
    );
    let neck = by_name("neck_pain");
    assert_eq!(
        (&neck["change"], &neck["verdict"]),
        (&json!(0.0), &json!("less_than_important"))
    );
    let psfs = by_name("psfs");
    assert_eq!(
        (&psfs["first"]["value"], &psfs["change"]),
        (&json!(3.0), &json!(2.0))
    );
    assert_eq!(by_name("groc")["latest"]["value"], 3.0);
    // The line with a field this version does not know is read; the day
    // after, it is the latest (its activity is new: the PSFS mean is 3).
    let later = history_json(&data, "2026-11-07");
    assert_eq!(later["measures"]["list"].as_array().unwrap().len(), 3);
    // The text summary says it in words.
    let out = neckguide(&data)
        .args(["history", "--today", "2026-11-06"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("Arm pain 6 -> 3 since 30 Oct: a clinically important change"),
        "{}",
        stdout(&out)
    );
}

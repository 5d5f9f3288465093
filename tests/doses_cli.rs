//! `neckguide doses`: the dose in effect of each item with a progression
//! rule, read from the data folder's log, as JSON of the issue's shape.

use std::fs;

use crate::common::{neckguide, stderr, stdout};

const ROUTINE: &str = r#"{ "id": "daily", "name": "Daily", "times_per_day": 3, "items": [
  { "exercise": "seated-retraction" },
  { "exercise": "head-lifts",
    "progression": { "step": { "repetitions": 1 }, "up_to": { "repetitions": 8 },
                     "down_to": { "repetitions": 3 }, "after_good_sessions": 2 } } ] }"#;

/// A completed session of head lifts on 2026-11-`day` at `hour`, with pain
/// before and after.
fn line(day: u8, hour: u8, before: u8, after: u8) -> String {
    format!(
        r#"{{"v":1,"id":"s{day}-{hour}","started_at":"2026-11-{day:02}T{hour:02}:00:00+00:00","ended_at":"2026-11-{day:02}T{hour:02}:05:00+00:00","routine":{{"id":"daily","name":"Daily","times_per_day":3}},"outcome":"completed","pain_before":{before},"pain_after":{after},"arm_symptoms":false,"note":"","exercises":[{{"id":"head-lifts","done":5,"prescribed":5,"skipped":false}}]}}"#
    )
}

#[test]
fn doses_follow_the_rule_through_the_log() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let log = [line(20, 8, 3, 3), line(20, 12, 3, 3), line(21, 8, 3, 7)].join("\n") + "\n";
    fs::write(data.join("sessions.jsonl"), log).unwrap();
    let routine = tmp.path().join("daily.json");
    fs::write(&routine, ROUTINE).unwrap();
    let file = routine.to_str().unwrap();
    // After the two good sessions of the 20th: 6 repetitions.
    let out = neckguide(&data)
        .args(["doses", file, "--json", "--today", "2026-11-20"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["routine"], "daily");
    assert_eq!(v["today"], "2026-11-20");
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the item with a rule: {v}");
    assert_eq!(items[0]["exercise"], "head-lifts");
    assert_eq!(items[0]["dose"]["repetitions"], 6);
    assert_eq!(items[0]["dose"]["kind"], "holds");
    assert_eq!(items[0]["good_sessions"], 0);
    let change = &items[0]["changes"][0];
    assert_eq!(change["date"], "2026-11-20");
    assert_eq!(change["from"]["repetitions"], 5);
    assert_eq!(change["to"]["repetitions"], 6);
    assert_eq!(change["reason"], "2 good sessions in a row");
    // Pain after 7 on the 21st: back to 5.
    let out = neckguide(&data)
        .args(["doses", file, "--today", "2026-11-21"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Head lifts: Hold 5 s, 5 times"), "{text}");
    assert!(
        text.contains("2026-11-21: 6 -> 5: pain after a session was 6 or more"),
        "{text}"
    );
}

/// The README's table of dose cases, between its markers: each row's log,
/// written as the README says, and the dose it says that log leaves.
fn readme_dose_cases() -> Vec<(String, u32)> {
    let readme = fs::read_to_string(crate::common::repo_root().join("README.md")).unwrap();
    let table = readme
        .split("<!-- dose cases -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- /dose cases -->").next())
        .expect("the README's dose cases between <!-- dose cases --> and <!-- /dose cases -->");
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let log = cells[1].trim_matches('`').to_owned();
            let dose = cells[2]
                .split(':')
                .next()
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("no dose in {row}"));
            (log, dose)
        })
        .collect()
}

/// The log lines of a case as the README writes it: days split by `;`,
/// each a list of `good`, `bad`, `+2`, `ended`, `no-after`, `stop` (a
/// session of head lifts), `worse`, `warning` (the morning's check-in) and
/// `cleared` (the clearance after a pain stop), from 2026-11-10.
fn case_lines(case: &str) -> (Vec<String>, String) {
    let mut lines = Vec::new();
    let mut last_stop = String::new();
    let mut today = String::new();
    for (d, day) in case.split(';').enumerate() {
        let date = format!("2026-11-{:02}", 10 + d);
        today.clone_from(&date);
        let tokens = day.split(',').map(str::trim).filter(|t| !t.is_empty());
        for (hour, token) in (8..).zip(tokens) {
            let session = |id: &str,
                           outcome: &str,
                           before: u8,
                           after: &str,
                           done: u8,
                           stop: &str| {
                format!(
                    r#"{{"v":2,"kind":"session","id":"{id}","started_at":"{date}T{hour:02}:00:00+00:00","ended_at":"{date}T{hour:02}:05:00+00:00","routine":{{"id":"daily","name":"Daily","times_per_day":3}},"outcome":"{outcome}","pain_before":{before},"pain_after":{after},"arm_symptoms":false,"arm":"none","note":"","exercises":[{{"id":"head-lifts","done":{done},"prescribed":5,"skipped":false,"reached":true}}]{stop}}}"#
                )
            };
            let id = format!("s{d}-{hour}");
            match token {
                "good" => lines.push(session(&id, "completed", 3, "3", 5, "")),
                "bad" => lines.push(session(&id, "completed", 3, "7", 5, "")),
                "+2" => lines.push(session(&id, "completed", 2, "4", 5, "")),
                "ended" => lines.push(session(&id, "ended_early", 3, "3", 5, "")),
                "no-after" => lines.push(session(&id, "completed", 3, "null", 5, "")),
                "stop" => {
                    let stop = r#","pain_stop":{"exercise":"head-lifts","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":3.0,"reason":"pain"}"#;
                    lines.push(session(&id, "stopped_for_pain", 3, "5", 1, stop));
                    last_stop.clone_from(&id);
                }
                "worse" | "warning" => lines.push(format!(
                    r#"{{"v":2,"kind":"daily_check","date":"{date}","at":"{date}T07:00:00+00:00","answers":[{{"question":"fever_chills_weight_loss","yes":{}}}],"compared_with_yesterday":"{}"}}"#,
                    token == "warning",
                    if token == "worse" { "worse" } else { "same" }
                )),
                "cleared" => lines.push(format!(
                    r#"{{"v":2,"kind":"clearance","at":"{date}T07:30:00+00:00","exercise":"head-lifts","pain_stop_session":"{last_stop}"}}"#
                )),
                other => panic!("the README's dose case {case:?} has {other:?}"),
            }
        }
    }
    (lines, today)
}

/// README's table of dose cases is what `neckguide doses` computes: each
/// row's log written to a data folder, its dose read back.
#[test]
fn the_readme_dose_cases_are_what_doses_computes() {
    let cases = readme_dose_cases();
    assert!(cases.len() >= 8, "{cases:?}");
    let mut wrong = Vec::new();
    for (case, said) in &cases {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir_all(&data).unwrap();
        let (lines, today) = case_lines(case);
        fs::write(data.join("sessions.jsonl"), lines.join("\n") + "\n").unwrap();
        let routine = tmp.path().join("daily.json");
        fs::write(&routine, ROUTINE).unwrap();
        let out = neckguide(&data)
            .args([
                "doses",
                routine.to_str().unwrap(),
                "--json",
                "--today",
                &today,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        let computed = v["items"][0]["dose"]["repetitions"].as_u64().unwrap();
        if computed != u64::from(*said) {
            wrong.push(format!(
                "`{case}`: the README says {said}, doses computes {computed}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

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

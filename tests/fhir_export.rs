//! `neckguide export --fhir`, `export --csv --all` and `report` on a 400-day log made
//! by `scripts/make-log.py`: the Bundle validates against the FHIR models of
//! the Python `fhir.resources` package (R4B, in the virtual environment
//! `scripts/install-deps.sh test` makes), and holds one Procedure per
//! session, one Observation per pain rating and per measure; the files are
//! as safe as the CSV's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{can_run, missing_tools, neckguide, repo_root, stderr, stdout};

/// The Python of the virtual environment with `fhir.resources`: `py-venv`
/// in the build's target folder, as `scripts/install-deps.sh` makes it.
fn venv_python() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("py-venv/bin/python")
}

/// A data folder in `tmp` with a log of about 400 days (1100 sessions)
/// and an outcome measure every 7 days (three PSFS activities, the GROC
/// from the second), with four bad measure lines among them: a score out
/// of range and a PSFS of 20 activities (unreadable), an unknown field and
/// control characters in an activity (read, the characters as spaces).
fn log_of_400_days(tmp: &Path) -> PathBuf {
    let data = tmp.join("data");
    fs::create_dir_all(&data).unwrap();
    let out = Command::new("python3")
        .arg(repo_root().join("scripts/make-log.py"))
        .arg("1100")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Only the measure lines below, whether make-log.py writes its own or
    // not, so the counts here are known.
    let mut log: Vec<u8> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.contains("\"kind\":\"measure\""))
        .flat_map(|line| format!("{line}\n").into_bytes())
        .collect();
    let first = neckguide::log::LoadedLog::parse(&log)
        .records
        .iter()
        .map(|r| r.started_at.date())
        .min()
        .unwrap();
    for week in 0..58_i64 {
        let day = first.checked_add(jiff::Span::new().days(week * 7)).unwrap();
        let at = format!("{day}T07:57:00+01:00");
        let score = |base: i64| (base + week / 8).min(10);
        let line = serde_json::json!({"v": 2, "kind": "measure", "at": at,
            "neck_pain": (7 - week / 10).max(0), "arm_pain": (6 - week / 9).max(0),
            "psfs": [{"activity": "Reading in bed", "score": score(3)},
                     {"activity": "Driving, looking over the shoulder", "score": score(2)},
                     {"activity": "Carrying shopping", "score": score(4)}],
            "groc": if week == 0 { serde_json::Value::Null } else { serde_json::json!((week / 8).min(7)) }});
        log.extend_from_slice(format!("{line}\n").as_bytes());
    }
    let twenty: Vec<_> = (0..20)
        .map(|i| serde_json::json!({"activity": format!("activity {i}"), "score": 5}))
        .collect();
    for bad in [
        serde_json::json!({"v": 2, "kind": "measure", "at": "2026-01-01T08:00:00+01:00",
            "neck_pain": 11, "arm_pain": null, "psfs": [], "groc": null}),
        serde_json::json!({"v": 2, "kind": "measure", "at": "2026-01-02T08:00:00+01:00",
            "neck_pain": 4, "arm_pain": null, "psfs": twenty, "groc": null}),
        serde_json::json!({"v": 2, "kind": "measure", "at": "2026-01-03T08:00:00+01:00",
            "neck_pain": 4, "arm_pain": 2, "psfs": [], "groc": null, "mood": "fine"}),
        serde_json::json!({"v": 2, "kind": "measure", "at": "2026-01-04T08:00:00+01:00",
            "neck_pain": null, "arm_pain": null,
            "psfs": [{"activity": "Typing\u{1b}[2J\u{7}\u{0}at work", "score": 4}], "groc": null}),
    ] {
        log.extend_from_slice(format!("{bad}\n").as_bytes());
    }
    // A day with two warning signs answered yes, then cleared.
    let check = serde_json::json!({"v": 2, "kind": "daily_check", "date": "2026-02-10",
        "at": "2026-02-10T07:50:00+01:00",
        "answers": [{"question": "worsening_weakness_or_numbness", "yes": true},
                    {"question": "bladder_or_bowel", "yes": false},
                    {"question": "a_newer_question", "yes": true}],
        "cleared_by_clinician_at": "2026-02-10T16:00:00+01:00"});
    log.extend_from_slice(format!("{check}\n").as_bytes());
    fs::write(data.join("sessions.jsonl"), &log).unwrap();
    data
}

#[test]
fn the_fhir_export_of_a_400_day_log_validates_and_counts_every_line() {
    let python = venv_python();
    let mut missing = missing_tools(&["python3"]);
    if !python.exists() {
        missing.push(format!(
            "fhir.resources in {} (scripts/install-deps.sh test)",
            python.display()
        ));
    }
    if !can_run(&missing) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = log_of_400_days(tmp.path());
    let log = neckguide::log::LoadedLog::parse(&fs::read(data.join("sessions.jsonl")).unwrap());
    let sessions = log.records.len();
    let ratings: usize = log
        .records
        .iter()
        .map(|r| usize::from(r.pain_before.is_some()) + usize::from(r.pain_after.is_some()))
        .sum();
    // Each measure line: neck and arm pain, each PSFS activity, the GROC.
    let measures: usize = log
        .measures
        .iter()
        .map(|m| {
            usize::from(m.neck_pain.is_some())
                + usize::from(m.arm_pain.is_some())
                + m.psfs.items().len()
                + usize::from(m.groc.is_some())
        })
        .sum();
    assert!(sessions > 1000 && ratings > 2000, "{sessions} {ratings}");
    assert_eq!(log.measures.len(), 58 + 2, "the two bad lines that read");
    assert_eq!(log.unreadable_count(), 2, "out of range, 20 activities");
    assert_eq!(measures, 58 * 5 + 57 + 2 + 1);
    let file = tmp.path().join("export.fhir.json");
    let out = neckguide(&data)
        .args(["export", "--fhir", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.starts_with(&format!(
            "Wrote a FHIR R4 Bundle of {sessions} sessions, {ratings} pain ratings, {measures} measures, 2 warning signs and 1 routine to {} (2 log lines could not be read and were left out;",
            file.display()
        )),
        "{said}"
    );
    let check = Command::new(&python)
        .arg(repo_root().join("tests/fhir/validate.py"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let counts: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(counts["type"], "collection");
    assert_eq!(counts["Procedure"], sessions);
    assert_eq!(counts["pain_rating"], ratings);
    assert_eq!(counts["measure"], measures);
    assert_eq!(
        counts["Observation"],
        ratings + measures + 2,
        "and two warning signs"
    );
    assert_eq!(counts["CarePlan"], 1);
    assert_eq!(counts.get("Patient"), None, "nobody is named");
    // No control character reaches the file, escaped or not.
    let text = fs::read_to_string(&file).unwrap();
    assert!(!text.contains("\\u001b") && !text.contains("\\u0007") && !text.contains("\\u0000"));
    assert!(
        text.contains("Patient-Specific Functional Scale, Typing [2J at work"),
        "cleaned"
    );
    // The CarePlan names each exercise of the routine with its dose.
    let bundle: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    let plan = &bundle["entry"][0]["resource"];
    assert_eq!(plan["resourceType"], "CarePlan");
    let activities: Vec<&str> = plan["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["detail"]["description"].as_str().unwrap())
        .collect();
    assert!(
        activities.contains(&"Seated retraction: hold 10 s, 5 times; 3 times a day"),
        "{activities:?}"
    );
    // A session stopped for pain says where, and how it ended.
    let stopped = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["outcome"]["text"] == "stopped for pain")
        .unwrap();
    assert_eq!(stopped["status"], "stopped");
    assert!(
        stopped["note"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Stopped for pain at: "),
        "{stopped}"
    );
}

/// The validator is no rubber stamp: a Procedure without its subject is
/// refused.
#[test]
fn the_validator_refuses_a_bundle_missing_a_required_element() {
    let python = venv_python();
    if !can_run(&if python.exists() {
        Vec::new()
    } else {
        vec!["fhir.resources (scripts/install-deps.sh test)".to_owned()]
    }) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.json");
    fs::write(
        &file,
        r#"{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:28164d67-1ed5-8ee1-a675-c4f3d7670b10",
"resource":{"resourceType":"Procedure","status":"completed","code":{"text":"x"}}}]}"#,
    )
    .unwrap();
    let check = Command::new(&python)
        .arg(repo_root().join("tests/fhir/validate.py"))
        .arg(&file)
        .output()
        .unwrap();
    assert!(!check.status.success());
    assert!(stderr(&check).contains("subject"), "{}", stderr(&check));
}

#[test]
fn the_fhir_file_is_as_safe_as_the_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    let log = data.join("sessions.jsonl");
    fs::write(&log, "").unwrap();
    // Into the data folder: refused.
    let inside = data.join("export.json");
    let out = neckguide(&data)
        .args(["export", "--fhir", inside.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("inside the data folder"),
        "{}",
        stderr(&out)
    );
    assert!(!inside.exists());
    // Over a file: refused without --force, and the file kept.
    let file = tmp.path().join("export.json");
    fs::write(&file, "keep me").unwrap();
    let out = neckguide(&data)
        .args(["export", "--fhir", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("already exists; pass --force"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");
    let out = neckguide(&data)
        .args(["export", "--fhir", file.to_str().unwrap(), "--force"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let bundle: Value = serde_json::from_slice(&fs::read(&file).unwrap()).unwrap();
    assert_eq!(bundle["type"], "collection");
}

/// `--csv FILE --all` writes the sessions to FILE as before and each other
/// kind of line to a file beside it; one of them existing refuses all,
/// before any is written.
#[test]
fn export_all_writes_a_file_per_kind_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let data = log_of_400_days(tmp.path());
    let csv = tmp.path().join("out.csv");
    let checks = tmp.path().join("out.daily_checks.csv");
    fs::write(&checks, "keep me").unwrap();
    let out = neckguide(&data)
        .args(["export", "--csv", csv.to_str().unwrap(), "--all"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(!csv.exists(), "nothing written when one file is refused");
    assert_eq!(fs::read_to_string(&checks).unwrap(), "keep me");
    fs::remove_file(&checks).unwrap();
    let out = neckguide(&data)
        .args(["export", "--csv", csv.to_str().unwrap(), "--all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.starts_with("Wrote 1100 sessions to "), "{said}");
    assert!(said.contains("Wrote 401 daily checks to "), "{said}");
    assert!(said.contains(" clearances to "), "{said}");
    assert!(said.contains("Wrote 60 outcome measures to "), "{said}");
    let measures = fs::read_to_string(tmp.path().join("out.measures.csv")).unwrap();
    assert_eq!(measures.lines().count(), 61);
    let sessions = fs::read_to_string(&csv).unwrap();
    assert_eq!(
        sessions.lines().count(),
        1101,
        "one row per session, as before"
    );
    let checks = fs::read_to_string(&checks).unwrap();
    assert_eq!(checks.lines().count(), 402);
    assert!(tmp.path().join("out.clearances.csv").exists());
}

/// The report of the same 400-day log, its bad measure lines among it:
/// written, the two unreadable lines counted, the control characters of an
/// activity never in the page, raw or escaped.
#[test]
fn the_report_of_a_400_day_log_with_bad_measure_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let data = log_of_400_days(tmp.path());
    let file = tmp.path().join("report.html");
    let out = neckguide(&data)
        .args(["report", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("(2 log lines could not be read and were left out;"),
        "{}",
        stdout(&out)
    );
    let html = fs::read_to_string(&file).unwrap();
    let (Some(attention), Some(measures), Some(months)) = (
        html.find("<h2>Needs attention</h2>"),
        html.find("<h2>Outcome measures</h2>"),
        html.find("<h2>Adherence by month</h2>"),
    ) else {
        panic!("{html}")
    };
    assert!(attention < measures && measures < months);
    assert!(
        html.contains("<td class=\"wrap\">Typing [2J at work</td>"),
        "{html}"
    );
    assert!(!html.contains('\u{1b}') && !html.contains('\u{7}') && !html.contains('\u{0}'));
    assert!(html.contains("<li>Arm pain 6 -&gt; 0 since "), "{html}");
}

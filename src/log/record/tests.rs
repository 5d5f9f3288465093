//! Unit tests of the log's lines: both versions read, round trips, the
//! kinds told apart, the schema.

use super::*;
use crate::checkin::{ArmSymptoms, WarningSign};
use crate::log::LocalTimestamp;

const EXAMPLE: &str = r#"{"v":1,"id":"a1","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:14:32+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"completed","pain_before":3,"pain_after":2,"arm_symptoms":false,"note":"","exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false}]}"#;

/// A version-2 session line as this code writes it.
const V2: &str = r#"{"v":2,"kind":"session","id":"b2","started_at":"2026-11-25T09:00:00+01:00","ended_at":"2026-11-25T09:04:00+01:00","routine":{"id":"daily-neck-routine","name":"Daily neck routine","times_per_day":3},"outcome":"stopped_for_pain","pain_before":3,"pain_after":6,"arm_symptoms":false,"note":"","exercises":[{"id":"seated-retraction","done":5,"prescribed":5,"skipped":false,"reached":true},{"id":"supine-deep-neck-flexion","done":1,"prescribed":10,"skipped":false,"reached":true},{"id":"head-lifts","done":0,"prescribed":10,"skipped":false,"reached":false}],"pain_stop":{"exercise":"supine-deep-neck-flexion","step":"hold","set":1,"repetition":2,"direction":null,"seconds_into_step":3.4,"reason":"arm_symptoms","arm_symptoms_now":true}}"#;

fn read(text: &str) -> SessionRecord {
    match serde_json::from_str(text) {
        Ok(r) => r,
        Err(err) => panic!("{err}: {text}"),
    }
}

#[test]
fn a_version_1_line_reads_with_the_new_fields_unknown() {
    let record = read(EXAMPLE);
    assert_eq!(record.v, 1);
    assert_eq!(record.kind, SessionKind::Session);
    assert_eq!(record.outcome, Outcome::Completed);
    assert_eq!(record.pain_before.map(PainScore::get), Some(3));
    assert_eq!(record.pain_stop, None);
    assert_eq!(record.exercises.first().and_then(|e| e.reached), None);
    assert!(matches!(LogLine::parse(EXAMPLE), Ok(LogLine::Session(r)) if r == record));
}

#[test]
fn a_version_2_line_round_trips_byte_for_byte() {
    let record = read(V2);
    let stop = record.pain_stop.clone();
    assert_eq!(
        stop.as_ref()
            .map(|s| (s.step, s.set, s.repetition, s.reason)),
        Some((StopStep::Hold, Some(1), Some(2), StopReason::ArmSymptoms))
    );
    assert_eq!(stop.map(|s| s.seconds_into_step.as_secs_f64()), Some(3.4));
    let reached: Vec<Option<bool>> = record.exercises.iter().map(|e| e.reached).collect();
    assert_eq!(reached, vec![Some(true), Some(true), Some(false)]);
    assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(V2));
}

/// [`V2`] with the answer after the stop as this code writes it now:
/// where (`arm_now`), and the yes/no of older lines beside it.
fn v2_with_arm_now() -> String {
    V2.replace(
        r#""arm_symptoms_now":true}"#,
        r#""arm_symptoms_now":true,"arm_now":"further_down"}"#,
    )
}

#[test]
fn the_reason_is_arm_symptoms_when_they_go_further_down_or_are_new() {
    use ArmSymptoms::{FurtherDown, InArm, None as NoArm};
    let cases = [
        (Some(NoArm), NoArm, StopReason::Pain),
        (Some(NoArm), InArm, StopReason::ArmSymptoms),
        (Some(NoArm), FurtherDown, StopReason::ArmSymptoms),
        (Some(InArm), NoArm, StopReason::Pain),
        (Some(InArm), InArm, StopReason::Pain),
        (Some(InArm), FurtherDown, StopReason::ArmSymptoms),
        (Some(FurtherDown), NoArm, StopReason::Pain),
        (Some(FurtherDown), InArm, StopReason::Pain),
        (Some(FurtherDown), FurtherDown, StopReason::ArmSymptoms),
        // A check-in not known: only further down counts.
        (None, NoArm, StopReason::Pain),
        (None, InArm, StopReason::Pain),
        (None, FurtherDown, StopReason::ArmSymptoms),
    ];
    for (at_check_in, now, reason) in cases {
        assert_eq!(
            StopReason::after_stop(at_check_in, now),
            reason,
            "{at_check_in:?} then {now:?}"
        );
    }
}

#[test]
fn the_answer_after_the_stop_sets_where_the_yes_no_and_the_reason() {
    let Some(stop) = read(V2).pain_stop else {
        panic!("no pain stop in {V2}");
    };
    let mut stop = *stop;
    stop.reason = StopReason::Pain;
    stop.arm_symptoms_now = None;
    let mut unanswered = stop.clone();
    unanswered.answer_arm_now(Some(ArmSymptoms::None), None);
    assert_eq!(unanswered, stop);
    assert_eq!(unanswered.any_arm_symptoms_now(), None);
    let mut none = stop.clone();
    none.answer_arm_now(Some(ArmSymptoms::InArm), Some(ArmSymptoms::None));
    assert_eq!(
        (none.arm_now, none.arm_symptoms_now, none.reason),
        (Some(ArmSymptoms::None), Some(false), StopReason::Pain)
    );
    let mut new = stop.clone();
    new.answer_arm_now(Some(ArmSymptoms::None), Some(ArmSymptoms::InArm));
    assert_eq!(
        (new.arm_now, new.arm_symptoms_now, new.reason),
        (
            Some(ArmSymptoms::InArm),
            Some(true),
            StopReason::ArmSymptoms
        )
    );
    let mut same = stop;
    same.answer_arm_now(Some(ArmSymptoms::InArm), Some(ArmSymptoms::InArm));
    assert_eq!(
        (same.arm_symptoms_now, same.reason),
        (Some(true), StopReason::Pain)
    );
}

#[test]
fn an_old_line_with_only_the_yes_no_after_the_stop_reads() {
    let record = read(V2);
    let Some(stop) = record.pain_stop else {
        panic!("no pain stop in {V2}");
    };
    assert_eq!(stop.arm_now, None);
    assert_eq!(stop.arm_symptoms_now, Some(true));
    assert_eq!(stop.any_arm_symptoms_now(), Some(true));
    assert_eq!(stop.reason, StopReason::ArmSymptoms);
    let without = V2.replace(r#","arm_symptoms_now":true"#, "");
    let stop = read(&without).pain_stop;
    assert_eq!(
        stop.map(|s| (s.arm_now, s.any_arm_symptoms_now())),
        Some((None, None))
    );
}

#[test]
fn where_arm_symptoms_are_after_the_stop_round_trips_with_the_yes_no_for_older_readers() {
    let line = v2_with_arm_now();
    let record = read(&line);
    let stop = record.pain_stop.as_deref();
    assert_eq!(
        stop.map(|s| (s.arm_now, s.arm_symptoms_now, s.any_arm_symptoms_now())),
        Some((Some(ArmSymptoms::FurtherDown), Some(true), Some(true)))
    );
    assert_eq!(serde_json::to_string(&record).ok().as_deref(), Some(&*line));
    assert!(matches!(LogLine::parse(&line), Ok(LogLine::Session(r)) if r == record));
    // A reader from before `arm_now` (unknown fields ignored) reads the
    // yes/no it knows.
    #[derive(Deserialize)]
    struct OlderStop {
        reason: StopReason,
        arm_symptoms_now: Option<bool>,
    }
    #[derive(Deserialize)]
    struct Older {
        pain_stop: OlderStop,
    }
    let older: Older = match serde_json::from_str(&line) {
        Ok(older) => older,
        Err(err) => panic!("an older reader fails on {line}: {err}"),
    };
    assert_eq!(older.pain_stop.arm_symptoms_now, Some(true));
    assert_eq!(older.pain_stop.reason, StopReason::ArmSymptoms);
}

#[test]
fn version_2_only_adds_fields_a_version_1_reader_reads_it() {
    // The version-1 reader's type: the fields of version 1, unknown
    // fields ignored (serde's default, as version 1 read them).
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct V1Exercise {
        id: String,
        done: u32,
        prescribed: u32,
        #[serde(default)]
        skipped: bool,
    }
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct V1 {
        v: u32,
        id: String,
        started_at: LocalTimestamp,
        ended_at: LocalTimestamp,
        routine: RoutineRef,
        outcome: Outcome,
        #[serde(default)]
        pain_before: Option<PainScore>,
        #[serde(default)]
        pain_after: Option<PainScore>,
        #[serde(default)]
        arm_symptoms: bool,
        #[serde(default)]
        note: String,
        #[serde(default)]
        exercises: Vec<V1Exercise>,
    }
    let old: V1 = match serde_json::from_str(V2) {
        Ok(old) => old,
        Err(err) => panic!("a version-1 reader fails on version 2: {err}"),
    };
    assert_eq!(old.outcome, Outcome::StoppedForPain);
    assert_eq!(old.exercises.len(), 3);
    // Every field of version 1 is in version 2 with the same value.
    let v1: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap_or_default();
    let v2: serde_json::Value = serde_json::from_str(V2).unwrap_or_default();
    for key in v1
        .as_object()
        .map(|o| o.keys().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        assert!(v2.get(key).is_some(), "version 2 lacks {key}");
    }
}

#[test]
fn every_kind_of_line_is_told_apart() {
    let check = r#"{"v":2,"kind":"daily_check","date":"2026-11-25","at":"2026-11-25T08:59:00+01:00","answers":[{"question":"bladder_or_bowel","yes":false},{"question":"fever_chills_weight_loss","yes":true}],"cleared_by_clinician_at":null}"#;
    let Ok(LogLine::DailyCheck(daily)) = LogLine::parse(check) else {
        panic!("{:?}", LogLine::parse(check));
    };
    assert_eq!(daily.yes_signs(), vec![WarningSign::FeverChillsWeightLoss]);
    assert_eq!(
        serde_json::to_string(&LogLine::DailyCheck(daily))
            .ok()
            .as_deref(),
        Some(check)
    );
    let clearance = r#"{"v":2,"kind":"clearance","at":"2026-11-26T10:00:00+01:00","exercise":"head-lifts","pain_stop_session":"b2"}"#;
    assert!(
        matches!(LogLine::parse(clearance), Ok(LogLine::Clearance(c)) if c.exercise == "head-lifts")
    );
    assert!(matches!(LogLine::parse(V2), Ok(LogLine::Session(_))));
    let future = r#"{"v":3,"kind":"mood","at":"2026-11-26T10:00:00+01:00"}"#;
    let reason = LogLine::parse(future).err().unwrap_or_default();
    assert!(reason.contains("does not know (\"mood\")"), "{reason}");
}

#[test]
fn unknown_questions_steps_and_reasons_are_kept_not_refused() {
    let check = r#"{"v":3,"kind":"daily_check","date":"2026-11-25","at":"2026-11-25T08:59:00+01:00","answers":[{"question":"dizziness","yes":true},{"question":"bladder_or_bowel","yes":false}]}"#;
    let Ok(LogLine::DailyCheck(daily)) = LogLine::parse(check) else {
        panic!("{:?}", LogLine::parse(check));
    };
    assert!(daily.yes_signs().is_empty());
    assert_eq!(daily.yes_ids(), vec!["dizziness"]);
    assert!(daily.any_yes());
    assert_eq!(daily.cleared_by_clinician_at, None);
    let newer = V2
        .replace("\"step\":\"hold\"", "\"step\":\"breathing\"")
        .replace("\"reason\":\"arm_symptoms\"", "\"reason\":\"dizzy\"");
    let stop = read(&newer).pain_stop;
    assert_eq!(
        stop.map(|s| (s.step, s.reason)),
        Some((StopStep::Other, StopReason::Other))
    );
}

#[test]
fn bad_lines_say_what_is_wrong_in_words() {
    let reason = LogLine::parse("{\"v\":1,\"id\":").err().unwrap_or_default();
    assert_eq!(
        reason,
        "the text ends too soon: it is cut off, at line 1, column 12"
    );
    let reason = LogLine::parse(&EXAMPLE.replace("\"outcome\":\"completed\",", ""))
        .err()
        .unwrap_or_default();
    assert!(
        reason.starts_with("the field \"outcome\" is missing"),
        "{reason}"
    );
    let seconds = V2.replace("3.4", "-1");
    assert!(serde_json::from_str::<SessionRecord>(&seconds).is_err());
}

#[test]
fn the_schema_describes_every_kind() {
    let schema = log_line_schema().to_string();
    for word in [
        "daily_check",
        "clearance",
        "session",
        "pain_stop",
        "reached",
        "set_rest",
        "arm_now",
        "further_down",
        "cleared_by_clinician_at",
        "date-time",
        "measure",
        "psfs",
        "groc",
    ] {
        assert!(schema.contains(word), "{word} missing from the schema");
    }
    let schema = log_line_schema();
    assert_eq!(
        schema.get("anyOf").and_then(|a| a.as_array()).map(Vec::len),
        Some(4)
    );
}

#[test]
fn unknown_fields_and_newer_versions_are_read() {
    let newer = EXAMPLE
        .replace("\"v\":1", "\"v\":2,\"device\":{\"kind\":\"laptop\"}")
        .replace("\"skipped\":false", "\"skipped\":false,\"side\":\"left\"");
    let record: Result<SessionRecord, _> = serde_json::from_str(&newer);
    assert_eq!(record.ok().map(|r| r.v), Some(2));
}

#[test]
fn optional_fields_may_be_missing() {
    let minimal = r#"{"v":1,"id":"m","started_at":"2026-11-21T09:00:00+01:00","ended_at":"2026-11-21T09:01:00+01:00","routine":{"id":"r","name":"R","times_per_day":1},"outcome":"interrupted"}"#;
    let record: Result<SessionRecord, _> = serde_json::from_str(minimal);
    let Ok(record) = record else {
        panic!("{record:?}");
    };
    assert_eq!(record.pain_before, None);
    assert!(record.exercises.is_empty());
}

#[test]
fn pain_out_of_range_and_unknown_outcomes_are_rejected() {
    let pain = EXAMPLE.replace("\"pain_before\":3", "\"pain_before\":11");
    assert!(serde_json::from_str::<SessionRecord>(&pain).is_err());
    let outcome = EXAMPLE.replace("\"completed\"", "\"finished\"");
    assert!(serde_json::from_str::<SessionRecord>(&outcome).is_err());
}

/// A measure line as this code writes it.
const MEASURE: &str = r#"{"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00","neck_pain":5,"arm_pain":6,"psfs":[{"activity":"Reversing the car","score":3},{"activity":"Reading in bed","score":5}],"groc":null}"#;

fn measure(text: &str) -> Result<MeasureRecord, String> {
    match LogLine::parse(text)? {
        LogLine::Measure(m) => Ok(m),
        other => Err(format!("not a measure: {other:?}")),
    }
}

#[test]
fn a_measure_line_round_trips_byte_for_byte() {
    let read = measure(MEASURE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.neck_pain.map(PainScore::get), Some(5));
    assert_eq!(read.arm_pain.map(PainScore::get), Some(6));
    let activities: Vec<&str> = read
        .psfs
        .items()
        .iter()
        .map(|i| i.activity.as_str())
        .collect();
    assert_eq!(activities, ["Reversing the car", "Reading in bed"]);
    assert_eq!(read.psfs.mean(), Some(4.0));
    assert_eq!(read.groc, None);
    assert_eq!(
        serde_json::to_string(&LogLine::Measure(read))
            .ok()
            .as_deref(),
        Some(MEASURE)
    );
    // Written by `new` with nothing answered, every field is still there.
    let at = read_at("2026-11-21T08:58:00+01:00");
    let empty = MeasureRecord::new(at, None, None, Psfs::default(), Groc::new(3));
    assert_eq!(
        serde_json::to_string(&empty).ok().as_deref(),
        Some(
            r#"{"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00","neck_pain":null,"arm_pain":null,"psfs":[],"groc":3}"#
        )
    );
}

fn read_at(text: &str) -> LocalTimestamp {
    serde_json::from_str(&format!("\"{text}\"")).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn measure_scores_out_of_range_and_a_long_psfs_make_the_line_unreadable() {
    for (bad, words) in [
        (
            MEASURE.replace("\"neck_pain\":5", "\"neck_pain\":11"),
            "not within 0-10",
        ),
        (
            MEASURE.replace("\"arm_pain\":6", "\"arm_pain\":-1"),
            "out of range",
        ),
        (
            MEASURE.replace("\"score\":3", "\"score\":12"),
            "PSFS score 12",
        ),
        (MEASURE.replace("\"groc\":null", "\"groc\":8"), "-7 to 7"),
        (MEASURE.replace("\"groc\":null", "\"groc\":-8"), "-7 to 7"),
        (
            MEASURE.replace("\"groc\":null", "\"groc\":1000"),
            "out of range",
        ),
        (
            MEASURE.replace("Reading in bed", "Reversing the car"),
            "twice",
        ),
        (
            MEASURE.replace("Reading in bed", " \\u0007 \\t"),
            "no words",
        ),
    ] {
        let reason = measure(&bad).err().unwrap_or_default();
        assert!(reason.contains(words), "{bad}: {reason}");
    }
    let items: Vec<String> = (1..=20)
        .map(|n| format!(r#"{{"activity":"Activity {n}","score":{}}}"#, n % 11))
        .collect();
    let twenty = MEASURE.replace(
        r#"[{"activity":"Reversing the car","score":3},{"activity":"Reading in bed","score":5}]"#,
        &format!("[{}]", items.join(",")),
    );
    let reason = measure(&twenty).err().unwrap_or_default();
    assert!(reason.contains("a PSFS of 20 activities"), "{reason}");
}

#[test]
fn measure_text_is_cleaned_and_unknown_fields_are_read() {
    let dirty = MEASURE
        .replace(
            "Reversing the car",
            "\\u001b[2J Reversing\\nthe\\tcar   \\u0007",
        )
        .replace("\"groc\":null", "\"groc\":-7,\"sleep\":{\"hours\":6}");
    let read = measure(&dirty).unwrap_or_else(|e| panic!("{e}"));
    let first = read.psfs.items().first().map(|i| i.activity.as_str());
    assert_eq!(first, Some("[2J Reversing the car"));
    assert_eq!(read.groc.map(Groc::words), Some("A very great deal worse"));
    let long = MEASURE.replace("Reading in bed", &"x".repeat(500));
    let read = measure(&long).unwrap_or_else(|e| panic!("{e}"));
    let last = read
        .psfs
        .items()
        .last()
        .map(|i| i.activity.as_str().chars().count());
    assert_eq!(last, Some(MAX_ACTIVITY_CHARS));
    // Missing parts read as not answered.
    let bare = r#"{"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00"}"#;
    assert!(measure(bare).is_ok_and(|m| m.is_empty()));
}

#[test]
fn the_groc_has_its_fifteen_standard_words() {
    let words: Vec<&str> = Groc::ALL.iter().map(|g| g.words()).collect();
    assert_eq!(words.len(), 15);
    assert_eq!(words.first(), Some(&"A very great deal worse"));
    assert_eq!(Groc::new(0).map(Groc::words), Some("About the same"));
    assert_eq!(words.last(), Some(&"A very great deal better"));
    assert_eq!(
        Groc::ALL.map(Groc::get),
        std::array::from_fn(|n| n as i8 - 7)
    );
}

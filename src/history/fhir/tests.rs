//! The FHIR export's unit tests (the Bundle is validated against the FHIR
//! models in the integration test `fhir_export`).

use super::*;
use crate::history::test_support::rec;
use crate::log::Outcome::{Completed, StoppedForPain};

fn name(id: &str) -> String {
    id.replace('-', " ")
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn a_session_is_a_procedure_and_its_ratings_observations() {
    let mut stop = rec("2026-11-21T09:00:00+01:00", StoppedForPain, 2);
    stop.note = "sharp\u{1b}[2J pain \u{202e}left ".into();
    stop.pain_stop = Some(Box::new(crate::log::PainStop {
        exercise: "chin-tuck".into(),
        step: crate::log::StopStep::Hold,
        set: Some(1),
        repetition: Some(2),
        direction: None,
        seconds_into_step: crate::log::Seconds::default(),
        reason: crate::log::StopReason::Pain,
        arm_symptoms_now: None,
        arm_now: None,
    }));
    let mut unrated = rec("2026-11-20T09:00:00+01:00", Completed, 2);
    unrated.pain_after = None;
    let out = fhir_bundle(&FhirInput {
        records: &[stop, unrated],
        daily_checks: &[],
        measures: &[],
        routine: None,
        names: &name,
    });
    assert_eq!(
        (out.procedures, out.pain_ratings, out.care_plans),
        (2, 3, 0)
    );
    let bundle = &out.json;
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let procedures = resources(bundle, "Procedure");
    let Some(stopped) = procedures.last() else {
        panic!("two procedures")
    };
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["outcome"]["text"], "stopped for pain");
    assert_eq!(stopped["code"]["coding"][0]["code"], "229065009");
    assert_eq!(
        stopped["performedPeriod"]["start"],
        "2026-11-21T09:00:00+01:00"
    );
    let notes = stopped["note"].to_string();
    assert!(
        notes.contains("Stopped for pain at: chin tuck, a hold (set 1, repetition 2), 0.0 s in"),
        "{notes}"
    );
    assert!(
        notes.contains("The person's note: sharp [2J pain  left"),
        "control characters gone: {notes}"
    );
    let ratings = resources(bundle, "Observation");
    assert!(
        ratings
            .iter()
            .all(|o| o["code"]["coding"][0]["code"] == "72514-3")
    );
    assert_eq!(ratings.first().map(|o| &o["valueInteger"]), Some(&json!(4)));
    assert_eq!(
        ratings.first().map(|o| &o["code"]["text"]),
        Some(&json!("Pain before the exercise session (0-10)"))
    );
    // Nothing names the person.
    let text = bundle.to_string();
    assert!(
        !text.contains("\"Patient\"")
            && !text.contains("birthDate")
            && !text.contains("identifier")
    );
}

#[test]
fn the_same_log_gives_the_same_ids_and_no_two_alike() {
    let records = [
        rec("2026-11-20T09:00:00+01:00", Completed, 2),
        rec("2026-11-21T09:00:00+01:00", Completed, 2),
    ];
    let input = FhirInput {
        records: &records,
        daily_checks: &[],
        measures: &[],
        routine: None,
        names: &name,
    };
    let (a, b) = (fhir_bundle(&input).json, fhir_bundle(&input).json);
    assert_eq!(a, b);
    let mut ids: Vec<String> = a["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| e["fullUrl"].as_str().unwrap_or_default().to_owned())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((ids.len(), n), (6, 6));
    let re = regex_lite_uuid;
    assert!(ids.iter().all(|u| re(u)), "{ids:?}");
}

/// `urn:uuid:` and 8-4-4-4-12 lower-case hex digits.
fn regex_lite_uuid(text: &str) -> bool {
    let Some(hex) = text.strip_prefix("urn:uuid:") else {
        return false;
    };
    let groups: Vec<&str> = hex.split('-').collect();
    groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && hex
            .chars()
            .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c))
}

#[test]
fn clean_leaves_no_control_or_hidden_character_and_no_empty_text() {
    assert_eq!(clean("  \u{7}\u{200b} "), None);
    assert_eq!(clean("a\u{0}b\u{2066}c\nd"), Some("a b c\nd".to_owned()));
}

//! The resources of the Bundle, one function for each kind.

use serde_json::{Value, json};

use super::{LOINC, SNOMED, clean, date_text, reference, subject, uuid};
use crate::log::{DailyCheckRecord, MeasureRecord, Outcome, SessionRecord};
use crate::routine::Routine;

/// Sets `key` of the JSON object `object` to `value`.
fn set(object: &mut Value, key: &str, value: Value) {
    if let Value::Object(map) = object {
        map.insert(key.to_owned(), value);
    }
}

/// SNOMED CT's "Exercise therapy" (a procedure).
fn exercise_therapy(text: &str) -> Value {
    json!({
        "coding": [{ "system": SNOMED, "code": "229065009", "display": "Exercise therapy" }],
        "text": text,
    })
}

/// The category `survey` of a rating the person gave.
fn survey() -> Value {
    json!([{
        "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }]
    }])
}

/// LOINC 72514-3, pain severity 0–10, with `text` saying which rating.
pub(super) fn pain_code(text: &str) -> Value {
    json!({
        "coding": [{
            "system": LOINC,
            "code": "72514-3",
            "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        }],
        "text": text,
    })
}

/// The routine as a CarePlan: its id and the resource.
pub(super) fn care_plan(routine: &Routine) -> (String, Value) {
    let id = uuid(&["careplan", &routine.id]);
    let activities: Vec<Value> = routine
        .items
        .iter()
        .map(|item| {
            let name = clean(&item.exercise.name).unwrap_or_else(|| item.exercise.id.clone());
            // "Hold 5 s, 5 times" after a colon: "hold 5 s, 5 times".
            let summary = item.exercise.dose.summary();
            let mut chars = summary.chars();
            let dose: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            json!({
                "detail": {
                    "kind": "ServiceRequest",
                    "code": exercise_therapy(&name),
                    "status": "in-progress",
                    "description": format!(
                        "{name}: {dose}; {} a day",
                        crate::plural::plural(item.times_per_day, "time", "times")
                    ),
                    "scheduledTiming": {
                        "repeat": { "frequency": item.times_per_day, "period": 1, "periodUnit": "d" }
                    },
                }
            })
        })
        .collect();
    let title = clean(&routine.name).unwrap_or_else(|| routine.id.clone());
    let mut plan = json!({
        "resourceType": "CarePlan",
        "id": id,
        "status": "active",
        "intent": "plan",
        "title": title,
        "description": format!(
            "Home exercise routine, {} a day, with the doses in effect by its progression rules.",
            crate::plural::plural(routine.times_per_day, "session", "sessions")
        ),
        "subject": subject(),
        "activity": activities,
    });
    if let Some(by) = routine.prescriber.as_deref().and_then(clean) {
        set(
            &mut plan,
            "note",
            json!([{ "text": format!("Prescribed by {by}") }]),
        );
    }
    (id, plan)
}

/// The outcome of a session in words.
fn outcome_words(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Completed => "completed",
        Outcome::StoppedForPain => "stopped for pain",
        Outcome::EndedEarly => "ended early",
        Outcome::Interrupted => "interrupted",
    }
}

/// A session as a Procedure: its id and the resource. `n` is its place
/// among the sessions, oldest first.
pub(super) fn procedure(
    record: &SessionRecord,
    n: usize,
    plan: Option<&str>,
    names: &dyn Fn(&str) -> String,
) -> (String, Value) {
    let id = uuid(&["procedure", &n.to_string(), &record.id]);
    let routine = clean(&record.routine.name).unwrap_or_else(|| "routine".to_owned());
    let outcome = outcome_words(record.outcome);
    let mut notes: Vec<Value> = Vec::new();
    if record.outcome == Outcome::StoppedForPain {
        let details = super::super::pain_stop_details(std::slice::from_ref(record), names);
        if let Some(place) = details
            .first()
            .map(|d| d.place_words())
            .and_then(|w| clean(&w))
        {
            notes.push(json!({ "text": format!("Stopped for pain at: {place}") }));
        }
    }
    let done: Vec<String> = record
        .exercises
        .iter()
        .map(|e| {
            let skipped = if e.skipped { ", skipped" } else { "" };
            format!("{} {} of {}{skipped}", names(&e.id), e.done, e.prescribed)
        })
        .collect();
    if let Some(text) = clean(&done.join("; ")) {
        notes.push(json!({ "text": format!("Exercises: {text}") }));
    }
    if let Some(note) = clean(&record.note) {
        notes.push(json!({ "text": format!("The person's note: {note}") }));
    }
    let mut procedure = json!({
        "resourceType": "Procedure",
        "id": id,
        "status": if record.outcome == Outcome::Completed { "completed" } else { "stopped" },
        "code": exercise_therapy(&format!("Home exercise session: {routine}")),
        "subject": subject(),
        "performedPeriod": {
            "start": record.started_at.to_string(),
            "end": record.ended_at.to_string(),
        },
        "outcome": { "text": outcome },
    });
    if record.outcome != Outcome::Completed {
        set(&mut procedure, "statusReason", json!({ "text": outcome }));
    }
    if let Some(plan) = plan {
        set(&mut procedure, "basedOn", json!([reference(plan)]));
    }
    if !notes.is_empty() {
        set(&mut procedure, "note", Value::Array(notes));
    }
    (id, procedure)
}

/// The pain ratings of a session, before and after, as Observations part
/// of its Procedure `procedure`.
pub(super) fn pain_ratings(
    record: &SessionRecord,
    n: usize,
    procedure: &str,
) -> Vec<(String, Value)> {
    [
        ("before", record.pain_before, record.started_at),
        ("after", record.pain_after, record.ended_at),
    ]
    .into_iter()
    .filter_map(|(when, score, at)| {
        let score = score?;
        let id = uuid(&["pain", when, &n.to_string(), &record.id]);
        let observation = json!({
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "category": survey(),
            "code": pain_code(&format!("Pain {when} the exercise session (0-10)")),
            "subject": subject(),
            "effectiveDateTime": at.to_string(),
            "valueInteger": score.get(),
            "partOf": [reference(procedure)],
        });
        Some((id, observation))
    })
    .collect()
}

/// Each warning sign answered yes on a day (the day's last answers), as an
/// Observation with its clearance, if any, in a note.
pub(super) fn warning_signs(checks: &[DailyCheckRecord]) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for day in crate::warning_signs::warning_sign_days(checks, jiff::civil::Date::MAX) {
        let Some(date) = day.date else { continue };
        for (sign, words) in day.yes.iter().zip(&day.yes_words) {
            let id = uuid(&["warning-sign", &date.to_string(), sign]);
            let words = clean(words).unwrap_or_else(|| "a sign this version does not know".into());
            let mut observation = json!({
                "resourceType": "Observation",
                "id": id,
                "status": "final",
                "category": survey(),
                "code": { "text": format!("Warning sign (\"When to See a Doctor\"): {words}") },
                "subject": subject(),
                "effectiveDateTime": date_text(date),
                "valueBoolean": true,
            });
            set(
                &mut observation,
                "note",
                json!([{
                    "text": day.cleared_at.map_or_else(
                        || "Not cleared by a doctor or physical therapist.".to_owned(),
                        |t| format!("Cleared by a doctor or physical therapist at {t}."),
                    )
                }]),
            );
            out.push((id, observation));
        }
    }
    out
}

/// The outcome measures of one measure line as Observations: neck pain and
/// arm pain (LOINC 72514-3, the body part in `bodySite`), each PSFS
/// activity and the global rating of change (text codes: no standard code
/// fits them), each with `code.text` starting "Outcome measure". `n` is
/// the line's place among the measure lines, oldest first.
pub(super) fn measures(record: &MeasureRecord, n: usize) -> Vec<(String, Value)> {
    let at = record.at.to_string();
    let key = n.to_string();
    let observation = |part: &str, code: Value, value: Value, extra: Option<(&str, Value)>| {
        let id = uuid(&["measure", &key, &at, part]);
        let mut o = json!({
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "category": survey(),
            "code": code,
            "subject": subject(),
            "effectiveDateTime": at,
            "valueInteger": value,
        });
        if let Some((k, v)) = extra {
            set(&mut o, k, v);
        }
        (id, o)
    };
    let mut out = Vec::new();
    for (part, score, site) in [
        ("neck", record.neck_pain, "Neck"),
        ("arm", record.arm_pain, "Arm"),
    ] {
        if let Some(score) = score {
            out.push(observation(
                part,
                pain_code(&format!(
                    "Outcome measure: {} pain now (0-10)",
                    site.to_lowercase()
                )),
                json!(score.get()),
                Some(("bodySite", json!({ "text": site }))),
            ));
        }
    }
    for (i, item) in record.psfs.items().iter().enumerate() {
        let words = clean(item.activity.as_str()).unwrap_or_else(|| "an activity".to_owned());
        out.push(observation(
            &format!("psfs-{i}"),
            json!({
                "text": format!(
                    "Outcome measure: Patient-Specific Functional Scale, {words} (0 unable - 10 as before)"
                )
            }),
            json!(item.score.get()),
            None,
        ));
    }
    if let Some(groc) = record.groc {
        out.push(observation(
            "groc",
            json!({ "text": "Outcome measure: global rating of change (-7 to +7)" }),
            json!(groc.get()),
            Some(("interpretation", json!([{ "text": groc.words() }]))),
        ));
    }
    out
}

//! The FHIR R4 export (`neckguide export --fhir FILE.json`): the log as one
//! HL7 FHIR 4.0.1 Bundle of type `collection`, for a clinic's system. Pure:
//! built as `serde_json` values from the lines handed in; the command
//! writes it.
//!
//! - The routine in effect, if one is given: a `CarePlan` whose
//!   activities name each exercise, its dose and how often a day.
//! - Each session: a `Procedure` (SNOMED CT 229065009 "Exercise therapy"),
//!   its `performedPeriod`, `status` `completed` or `stopped`, its outcome
//!   in words (completed, stopped for pain, ended early, interrupted), the
//!   pain stop's place and the person's note as `note`s.
//! - Each pain rating of a session: an `Observation` (LOINC 72514-3, pain
//!   severity 0–10), `valueInteger`, at the session's start (before) or
//!   end (after), which its `code.text` says, `partOf` its Procedure.
//! - Each outcome measure answered: an `Observation` each for neck pain
//!   and arm pain (LOINC 72514-3, the place in `bodySite`), each PSFS
//!   activity and the global rating of change (text codes: no standard
//!   code fits them), `code.text` starting "Outcome measure".
//! - Each warning sign answered yes on a day: an `Observation` with
//!   `valueBoolean` true, its clearance in a note.
//!
//! Nothing names the person: every resource's subject is the same
//! reference with only a `display` ("the person who recorded this log"),
//! no Patient resource, no name, birth date or identifier. Free text
//! (notes, names, activities) loses its control and hidden characters
//! ([`clean`]). Each resource's id is a UUID made from what it records, so
//! exporting the same log twice gives the same ids.

mod resources;

use jiff::civil::Date;
use serde_json::{Value, json};

use crate::log::{DailyCheckRecord, MeasureRecord, SessionRecord};
use crate::routine::Routine;

/// The FHIR version the Bundle is written in.
pub const FHIR_VERSION: &str = "4.0.1";

/// SNOMED CT's system URI.
pub const SNOMED: &str = "http://snomed.info/sct";

/// LOINC's system URI.
pub const LOINC: &str = "http://loinc.org";

/// What the export is made from.
pub struct FhirInput<'a> {
    /// The session records, any order.
    pub records: &'a [SessionRecord],
    /// The daily check lines.
    pub daily_checks: &'a [DailyCheckRecord],
    /// The outcome measure lines.
    pub measures: &'a [MeasureRecord],
    /// The routine in effect (its doses as the progression rules have set
    /// them), if one is chosen.
    pub routine: Option<&'a Routine>,
    /// The name of an exercise by id.
    pub names: &'a dyn Fn(&str) -> String,
}

/// The Bundle and the count of each kind of resource in it.
#[derive(Debug, Clone, PartialEq)]
pub struct FhirBundle {
    /// The Bundle, as JSON.
    pub json: Value,
    /// `CarePlan`s (0 or 1).
    pub care_plans: usize,
    /// `Procedure`s: one per session.
    pub procedures: usize,
    /// Pain rating `Observation`s: one per rating before or after a session.
    pub pain_ratings: usize,
    /// Warning sign `Observation`s: one per sign answered yes on a day.
    pub warning_signs: usize,
    /// Outcome measure `Observation`s: one per neck pain, arm pain, PSFS
    /// activity and global rating of change answered.
    pub measures: usize,
}

/// The log of `input` as one FHIR R4 Bundle of type `collection`.
pub fn fhir_bundle(input: &FhirInput<'_>) -> FhirBundle {
    let mut entries: Vec<Value> = Vec::new();
    let mut out = FhirBundle {
        json: Value::Null,
        care_plans: 0,
        procedures: 0,
        pain_ratings: 0,
        warning_signs: 0,
        measures: 0,
    };
    let plan_id = input.routine.map(|routine| {
        let (id, resource) = resources::care_plan(routine);
        entries.push(entry(&id, resource));
        out.care_plans += 1;
        id
    });
    let mut records: Vec<&SessionRecord> = input.records.iter().collect();
    records.sort_by_key(|r| r.started_at.timestamp());
    for (n, record) in records.into_iter().enumerate() {
        let (procedure_id, procedure) =
            resources::procedure(record, n, plan_id.as_deref(), input.names);
        entries.push(entry(&procedure_id, procedure));
        out.procedures += 1;
        for (id, rating) in resources::pain_ratings(record, n, &procedure_id) {
            entries.push(entry(&id, rating));
            out.pain_ratings += 1;
        }
    }
    let mut measures: Vec<&MeasureRecord> = input.measures.iter().collect();
    measures.sort_by_key(|m| m.at.timestamp());
    for (n, record) in measures.into_iter().enumerate() {
        for (id, observation) in resources::measures(record, n) {
            entries.push(entry(&id, observation));
            out.measures += 1;
        }
    }
    for (id, sign) in resources::warning_signs(input.daily_checks) {
        entries.push(entry(&id, sign));
        out.warning_signs += 1;
    }
    out.json = json!({
        "resourceType": "Bundle",
        "id": uuid(&entries.iter().filter_map(|e| e["fullUrl"].as_str()).collect::<Vec<_>>()),
        "meta": { "tag": [{
            "code": "neckguide",
            "display": format!("Exported by neckguide as FHIR {FHIR_VERSION}"),
        }] },
        "type": "collection",
        "entry": entries,
    });
    out
}

/// A Bundle entry for the resource with id `id`.
fn entry(id: &str, resource: Value) -> Value {
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

/// A reference to the resource with id `id` in the Bundle.
fn reference(id: &str) -> Value {
    json!({ "reference": format!("urn:uuid:{id}") })
}

/// The subject of every resource: nobody named.
fn subject() -> Value {
    json!({ "display": "The person who recorded this log (not named in this export)" })
}

/// A UUID (version 8, from a hash) made from `parts`: the same parts give
/// the same UUID.
pub(crate) fn uuid(parts: &[&str]) -> String {
    // Two FNV-1a hashes of 64 bits with different starting values.
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for b in part.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142));
    let a = (a & !0xf000) | 0x8000; // version 8
    let b = (b & !(0b11 << 62)) | (0b10 << 62); // RFC 9562 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// Free text as FHIR takes it: control and hidden characters (but line
/// breaks and tabs) become spaces, and the ends are trimmed; `None` when
/// nothing is left (FHIR has no empty strings).
pub fn clean(text: &str) -> Option<String> {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c != '\n' && c != '\t' && crate::routine::escape::is_hidden_or_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A date as FHIR's `dateTime` takes it.
fn date_text(date: Date) -> String {
    date.to_string()
}

#[cfg(test)]
mod tests;

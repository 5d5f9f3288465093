//! Routine files written by neckguide (the routine builder): the raw form
//! read back for editing, and written as pretty JSON with `$schema` first
//! and the keys always in the same order (the order of [`RawRoutine`]'s
//! fields), so a file saved twice is the same file. Pure: text in, text out.

use super::raw::{DoseKind, RawDose, RawRoutine};
use super::{Library, Parsed, Problems, file_problem, parse};
use crate::exercise::Dose;

/// The `$schema` of a routine written by neckguide: the schema file the
/// builder writes beside it.
pub const SCHEMA_FILE_NAME: &str = "routine.schema.json";

/// The routine file `bytes` (named `file` in problems) as its raw form, for
/// editing: only a file that passes every check of `neckguide check`, so
/// every field it holds is one neckguide understands.
pub fn read_raw(file: &str, bytes: &[u8], library: &Library) -> Result<RawRoutine, Problems> {
    match parse(file, bytes, None, library)? {
        Parsed::Routine(_) => {}
        Parsed::Exercise(_) => {
            return Err(file_problem(
                file,
                "this is an exercise file, not a routine",
            ));
        }
    }
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| file_problem(file, &e.to_string()))
}

/// The text of `raw` as a routine file: two-space pretty JSON, keys in a
/// fixed order, a `$schema` (the one it had, or [`SCHEMA_FILE_NAME`]), and a
/// final newline.
pub fn file_text(raw: &RawRoutine) -> String {
    let mut raw = raw.clone();
    if raw.schema.is_none() {
        raw.schema = Some(SCHEMA_FILE_NAME.to_owned());
    }
    // Serializing plain data with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(&raw).unwrap_or_default();
    text.push('\n');
    text
}

/// `dose` as a routine file writes it (the `dose` object of an item).
pub fn raw_dose(dose: &Dose) -> RawDose {
    let n = |v: u32| Some(i64::from(v));
    match dose {
        Dose::Holds(h) => RawDose {
            kind: Some(if h.directions.is_empty() {
                DoseKind::Holds
            } else {
                DoseKind::Directions
            }),
            hold_seconds: n(h.hold_seconds),
            repetitions: n(h.repetitions),
            sets: n(h.sets),
            rest_seconds: n(h.rest_seconds),
            rest_between_sets_seconds: n(h.rest_between_sets_seconds),
            directions: (!h.directions.is_empty()).then(|| h.directions.clone()),
            ..RawDose::default()
        },
        Dose::Timed(t) => RawDose {
            kind: Some(DoseKind::Timed),
            minutes: n(t.minutes),
            max_minutes: t.max_minutes.and_then(n),
            ..RawDose::default()
        },
        Dose::Practice(p) => RawDose {
            kind: Some(DoseKind::Practice),
            minutes: p.minutes.and_then(n),
            ..RawDose::default()
        },
    }
}

/// The file name a routine is saved under: its id, which is already safe
/// for a file name (lowercase letters, digits and dashes).
pub fn file_name(raw: &RawRoutine) -> String {
    format!("{}.json", raw.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/exercises/routines/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(path).unwrap_or_default()
    }

    #[test]
    fn a_shipped_routine_read_and_written_again_is_the_same_routine() {
        let library = Library::builtin();
        for name in ["daily-neck-routine", "gentle-neck-routine"] {
            let bytes = shipped(name);
            let raw = read_raw(name, &bytes, &library).ok();
            assert!(raw.is_some(), "{name} could not be read");
            let Some(raw) = raw else { continue };
            let text = file_text(&raw);
            // Written twice, the same bytes: a stable key order.
            let again = read_raw(name, text.as_bytes(), &library).ok();
            assert_eq!(again.as_ref(), Some(&raw));
            assert_eq!(again.map(|r| file_text(&r)), Some(text.clone()));
            // The same routine, exercise for exercise and dose for dose.
            let before = super::super::parse_routine(name, &bytes, &library).ok();
            let after = super::super::parse_routine(name, text.as_bytes(), &library).ok();
            assert!(before.is_some());
            assert_eq!(before, after);
            assert!(text.starts_with("{\n  \"$schema\": "), "{text}");
        }
    }

    #[test]
    fn a_file_with_problems_is_not_read_for_editing() {
        let library = Library::builtin();
        let bad = br#"{ "id": "x", "name": "", "times_per_day": 1, "items": [] }"#;
        assert!(read_raw("bad.json", bad, &library).is_err());
    }
}

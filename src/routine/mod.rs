//! Routines: what a therapist hands out (an ordered list of exercises with
//! their doses and how many times a day), and the built-in exercise library.
//!
//! This module owns reading exercise and routine *text* into validated types:
//! size and UTF-8 checks, JSON syntax, shape (unknown fields, types), and the
//! meaning (bounds, ids, images). Every problem comes back located as
//! `FILE:LINE:COL: FIELD.PATH: message`. It reads no files itself: callers
//! hand it bytes (see [`crate::app::catalog`] for the files on disk).

pub mod draft;
pub mod escape;
mod library;
mod locate;
pub mod problem;
pub mod progression;
pub mod raw;
mod repair;
mod shape;
pub mod validate;
pub mod write;

use std::sync::OnceLock;

use serde_json::Value;

pub use escape::{escape, escape_path};
pub use library::{Library, PRESET_ROUTINES};
use locate::Locations;
pub use problem::{FieldPath, Pos, Problem, Problems};
use raw::{RawExercise, RawRoutine};
use repair::Repaired;
use shape::At;

use crate::exercise::{Exercise, Image};

/// The largest exercise or routine file accepted, in bytes (1 MiB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Every how many days the outcome measures are offered when a routine
/// does not say (`measures_every_days`).
pub const DEFAULT_MEASURES_EVERY_DAYS: u32 = 7;

/// A routine, validated: every exercise is known and every dose in bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Routine {
    /// Stable id.
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// Who prescribed it.
    pub prescriber: Option<String>,
    /// A note to the person from the therapist.
    pub note: Option<String>,
    /// Sessions a day.
    pub times_per_day: u32,
    /// Every how many days the check-in offers the outcome measures
    /// ([`DEFAULT_MEASURES_EVERY_DAYS`] when the file does not say).
    pub measures_every_days: u32,
    /// The exercises in order, each with its dose already settled.
    pub items: Vec<RoutineItem>,
}

/// One exercise of a routine, with the dose the routine prescribes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineItem {
    /// The exercise, with the routine's dose in `exercise.dose`.
    pub exercise: Exercise,
    /// In how many of the routine's daily sessions this item is due (never
    /// more than the routine's `times_per_day`).
    pub times_per_day: u32,
    /// How its dose may change with pain; `None`: it never changes.
    pub progression: Option<progression::Progression>,
}

impl Routine {
    /// The items due in a session, given how many sessions are already done
    /// today: an item due `k` times a day is in the first `k` sessions. Past the
    /// prescribed sessions, every item is offered again.
    pub fn due_items(&self, sessions_done_today: u32) -> Vec<&RoutineItem> {
        let extra = sessions_done_today >= self.times_per_day;
        self.items
            .iter()
            .filter(|item| extra || sessions_done_today < item.times_per_day)
            .collect()
    }
}

/// How often, in plain words: "once a day", "twice a day", "3 times a day".
pub fn times_a_day(n: u32) -> String {
    match n {
        1 => "once a day".to_owned(),
        2 => "twice a day".to_owned(),
        n => format!("{n} times a day"),
    }
}

/// What a file turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// A routine.
    Routine(Routine),
    /// A single exercise.
    Exercise(Exercise),
}

impl Parsed {
    /// The pictures beside the file that it names (relative image paths,
    /// not `assets/...`), each with its field, in file order: whether they
    /// are there is for the caller, which reads files, to say.
    pub fn relative_pictures(&self) -> Vec<(FieldPath, &str)> {
        fn relative<'a>(
            exercise: &'a Exercise,
            at: &FieldPath,
        ) -> impl Iterator<Item = (FieldPath, &'a str)> {
            exercise.pictures().filter_map(|(key, image)| match image {
                Image::Relative(rel) => Some((at.key(key), rel.as_str())),
                Image::Builtin(_) => None,
            })
        }
        match self {
            Parsed::Exercise(e) => relative(e, &FieldPath::root()).collect(),
            Parsed::Routine(r) => r
                .items
                .iter()
                .enumerate()
                .flat_map(|(i, item)| {
                    let path = FieldPath::root().key("items").index(i).key("exercise");
                    relative(&item.exercise, &path).collect::<Vec<_>>()
                })
                .collect(),
        }
    }
}

/// Where the value of the field `path` is written in the file `bytes` (the
/// nearest enclosing value when that field is not there), for a problem
/// found after [`parse`], such as a picture missing beside the file.
pub fn position_of(bytes: &[u8], path: &FieldPath) -> Pos {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Locations::index(text).value(path)
}

/// Which format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A routine file.
    Routine,
    /// An exercise file.
    Exercise,
}

/// The JSON Schema of routine files, generated from [`raw::RawRoutine`].
pub fn routine_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(RawRoutine).to_value())
}

/// The JSON Schema of exercise files, generated from [`raw::RawExercise`].
pub fn exercise_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| schemars::schema_for!(RawExercise).to_value())
}

/// Parses and validates a routine file's bytes. `file` is the name used in
/// problems.
pub fn parse_routine(file: &str, bytes: &[u8], library: &Library) -> Result<Routine, Problems> {
    match parse(file, bytes, Some(Format::Routine), library)? {
        Parsed::Routine(r) => Ok(r),
        Parsed::Exercise(_) => Err(file_problem(
            file,
            "this is an exercise file, not a routine",
        )),
    }
}

/// Parses and validates an exercise file's bytes.
pub fn parse_exercise(file: &str, bytes: &[u8]) -> Result<Exercise, Problems> {
    match parse(file, bytes, Some(Format::Exercise), &Library::empty())? {
        Parsed::Exercise(e) => Ok(e),
        Parsed::Routine(_) => Err(file_problem(
            file,
            "this is a routine file, not an exercise",
        )),
    }
}

/// Parses a file that may be either format; `format: None` decides from the
/// `$schema` key, then from the fields present (an exercise has `steps`,
/// `dose` or `position`; anything else is read as a routine).
pub fn parse(
    file: &str,
    bytes: &[u8],
    format: Option<Format>,
    library: &Library,
) -> Result<Parsed, Problems> {
    let problems = |list: Vec<Problem>| Problems {
        file: file.to_owned(),
        problems: list,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(file_problem(
            file,
            "the file is larger than 1 MiB, the most a routine or exercise file may be",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let good = bytes.get(..err.valid_up_to()).unwrap_or_default();
            let pos = end_position(&String::from_utf8_lossy(good));
            let byte = bytes.get(err.valid_up_to()).copied().unwrap_or_default();
            return Err(problems(vec![Problem {
                file: file.to_owned(),
                pos,
                path: "(file)".to_owned(),
                message: format!(
                    "the file is not valid UTF-8 text (byte 0x{byte:02X}); save it as UTF-8"
                ),
            }]));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(err) => return Err(problems(vec![syntax_problem(file, text, &err)])),
    };
    let format = format.unwrap_or_else(|| detect(&value));
    let schema = match format {
        Format::Routine => routine_schema(),
        Format::Exercise => exercise_schema(),
    };
    let locations = Locations::index(text);
    let mut list: Vec<Problem> = locations
        .duplicate_keys
        .iter()
        .map(|(path, pos)| Problem {
            file: file.to_owned(),
            pos: *pos,
            path: path.to_string(),
            message: "this key is written twice in the same object".to_owned(),
        })
        .collect();
    let shape_problems = shape::check(&value, schema, &locations);
    let wrong: Vec<FieldPath> = shape_problems.iter().map(|p| p.path.clone()).collect();
    for p in &shape_problems {
        let pos = match p.at {
            At::Key => locations.key(&p.path),
            At::Value => locations.value(&p.path),
        };
        list.push(Problem {
            file: file.to_owned(),
            pos,
            path: p.path.to_string(),
            message: p.message.clone(),
        });
    }
    if !list.is_empty() {
        // The value checks still run on the file with each wrong part left
        // out or replaced, so every problem of the file comes back in one
        // pass, each at its place in the file as written.
        if let Some(rest) = Repaired::new(&value, &shape_problems) {
            let mut found = validate::Found::default();
            let checked = match format {
                Format::Routine => serde_json::from_value::<RawRoutine>(rest.value.clone())
                    .map(|raw| drop(validate::routine(&raw, library, &mut found))),
                Format::Exercise => serde_json::from_value::<RawExercise>(rest.value.clone())
                    .map(|raw| drop(validate::exercise(&raw, &FieldPath::root(), &mut found))),
            };
            if checked.is_ok() {
                for (path, message) in found.0 {
                    let path = rest.original(&path);
                    // A field already said to be wrong is not said again,
                    // nor the field that holds it: left out, it would seem
                    // missing ("name one of `repetitions`, …").
                    if wrong
                        .iter()
                        .any(|w| path.is_within(w) || w.is_within(&path))
                    {
                        continue;
                    }
                    list.push(Problem {
                        file: file.to_owned(),
                        pos: locations.value(&path),
                        path: path.to_string(),
                        message,
                    });
                }
            }
        }
        list.sort_by_key(|p| p.pos);
        return Err(problems(list));
    }
    let mut found = validate::Found::default();
    let parsed = match format {
        Format::Routine => serde_json::from_value::<RawRoutine>(value)
            .map_err(|e| crate::log::json_error_words(&e))
            .map(|raw| validate::routine(&raw, library, &mut found).map(Parsed::Routine)),
        Format::Exercise => serde_json::from_value::<RawExercise>(value)
            .map_err(|e| crate::log::json_error_words(&e))
            .map(|raw| {
                validate::exercise(&raw, &FieldPath::root(), &mut found).map(Parsed::Exercise)
            }),
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(message) => return Err(file_problem(file, &message)),
    };
    let mut list: Vec<Problem> = found
        .0
        .into_iter()
        .map(|(path, message)| Problem {
            file: file.to_owned(),
            pos: locations.value(&path),
            path: path.to_string(),
            message,
        })
        .collect();
    list.sort_by_key(|p| p.pos);
    match parsed {
        Some(p) if list.is_empty() => Ok(p),
        _ => {
            if list.is_empty() {
                list.push(Problem {
                    file: file.to_owned(),
                    pos: Pos::START,
                    path: "(root)".to_owned(),
                    message: "the file could not be validated".to_owned(),
                });
            }
            Err(problems(list))
        }
    }
}

fn detect(value: &Value) -> Format {
    let schema_hint = value.get("$schema").and_then(Value::as_str).unwrap_or("");
    if schema_hint.contains("exercise") {
        return Format::Exercise;
    }
    if schema_hint.contains("routine") {
        return Format::Routine;
    }
    let has = |k: &str| value.get(k).is_some();
    if !has("items") && (has("steps") || has("dose") || has("position")) {
        Format::Exercise
    } else {
        Format::Routine
    }
}

fn file_problem(file: &str, message: &str) -> Problems {
    Problems {
        file: file.to_owned(),
        problems: vec![Problem {
            file: file.to_owned(),
            pos: Pos::START,
            path: "(file)".to_owned(),
            message: message.to_owned(),
        }],
    }
}

/// The line and column just after the end of `text`.
fn end_position(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    Pos {
        line,
        column: last.chars().count() + 1,
    }
}

/// Where serde_json's `line` and `column` are in `text`. serde_json counts
/// a column in bytes and says column 0 for the line break that ends the
/// line before; a [`Pos`] counts characters, and that line break is just
/// after the end of the line it ends.
fn parser_position(text: &str, line: usize, column: usize) -> Pos {
    let nth_line = |n: usize| text.split('\n').nth(n.saturating_sub(1)).unwrap_or("");
    if column == 0 && line > 1 {
        return Pos {
            line: line - 1,
            column: nth_line(line - 1).chars().count() + 1,
        };
    }
    Pos {
        line: line.max(1),
        // The character that holds the column's byte.
        column: nth_line(line)
            .char_indices()
            .take_while(|(at, _)| *at < column)
            .count()
            .max(1),
    }
}

fn syntax_problem(file: &str, text: &str, err: &serde_json::Error) -> Problem {
    // In words, not the parser's ("expected ident"); the place is the
    // problem's own.
    let message = crate::log::json_error_words(err);
    let (pos, message) = match err.classify() {
        serde_json::error::Category::Eof => (
            // Just after the last thing written, not on an empty line after it.
            end_position(text.trim_end_matches([' ', '\t', '\n', '\r'])),
            "the file ends too early; is it cut off?".to_owned(),
        ),
        _ => (
            parser_position(text, err.line(), err.column()),
            if err.to_string().contains("recursion limit") {
                "the JSON is nested too deeply".to_owned()
            } else {
                format!("this is not valid JSON: {message}")
            },
        ),
    };
    Problem {
        file: file.to_owned(),
        pos,
        path: "(file)".to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_problem(text: &str) -> String {
        match parse("r.json", text.as_bytes(), None, &Library::builtin()) {
            Ok(parsed) => panic!("{text} parsed as {parsed:?}"),
            Err(problems) => problems.problems[0].to_string(),
        }
    }

    /// serde_json's column 0 (the line break ending the line before) and
    /// its byte columns become the place a person sees in an editor.
    #[test]
    fn parser_places_are_lines_and_characters() {
        let text = "{\n  \"a\": \"é\nx\"\n}";
        // Just after "é", the line's ninth and last character.
        assert_eq!(
            parser_position(text, 3, 0),
            Pos {
                line: 2,
                column: 10
            }
        );
        // "é" is the line's ninth and tenth bytes, its ninth character.
        assert_eq!(parser_position(text, 2, 10), Pos { line: 2, column: 9 });
        assert_eq!(parser_position(text, 2, 7), Pos { line: 2, column: 7 });
        assert_eq!(parser_position(text, 1, 0), Pos::START);
        assert_eq!(
            first_problem("{\"name\": \"a\nb\"}"),
            "r.json:1:12: (file): this is not valid JSON: quoted text holds a line break or another control character"
        );
        assert_eq!(
            first_problem("{\n  \"id\": \"x\",\n\n"),
            "r.json:2:13: (file): the file ends too early; is it cut off?"
        );
    }

    #[test]
    fn measures_are_asked_every_7_days_unless_the_routine_says() {
        let routine = |extra: &str| {
            format!(
                "{{\"id\": \"r\", \"name\": \"R\", \"times_per_day\": 1,{extra} \"items\": [{{\"exercise\": \"head-lifts\"}}]}}"
            )
        };
        let every = |extra: &str| {
            parse_routine("r.json", routine(extra).as_bytes(), &Library::builtin())
                .map(|r| r.measures_every_days)
                .map_err(|e| e.problems[0].to_string())
        };
        assert_eq!(every(""), Ok(7));
        assert_eq!(every(" \"measures_every_days\": 14,"), Ok(14));
        assert_eq!(every(" \"measures_every_days\": 90,"), Ok(90));
        assert_eq!(
            every(" \"measures_every_days\": 0,"),
            Err("r.json:1:69: measures_every_days: measures_every_days must be between 1 and 90, found 0".to_owned())
        );
        assert_eq!(
            first_problem(&routine(" \"measures_every_days\": \"weekly\",")),
            "r.json:1:69: measures_every_days: expected a whole number or null, found the text \"weekly\""
        );
    }

    #[test]
    fn numbers_are_said_as_they_are() {
        let routine = |value: &str| {
            format!(
                "{{\"id\": \"r\", \"name\": \"R\", \"times_per_day\": {value}, \"items\": [{{\"exercise\": \"head-lifts\"}}]}}"
            )
        };
        assert_eq!(
            first_problem(&routine("-0")),
            "r.json:1:43: times_per_day: write this number as 0, a whole number without a decimal point or an exponent; it must be between 1 and 12"
        );
        assert_eq!(
            first_problem(&routine("2e0")),
            "r.json:1:43: times_per_day: write this number as 2, a whole number without a decimal point or an exponent"
        );
        assert_eq!(
            first_problem(&routine("9223372036854775807")),
            "r.json:1:43: times_per_day: times_per_day must be between 1 and 12, found 9223372036854775807"
        );
        assert_eq!(
            first_problem(&routine("9223372036854775808")),
            "r.json:1:43: times_per_day: the number 9223372036854775808 is far too large; it must be between 1 and 12"
        );
        assert_eq!(
            first_problem(&routine("-9223372036854775809")),
            "r.json:1:43: times_per_day: the number -9223372036854775809 is far too small; it must be between 1 and 12"
        );
    }

    #[test]
    fn pictures_beside_a_file_are_found_at_their_field() {
        let text = br#"{"id": "r", "name": "R", "times_per_day": 1, "items": [
            {"exercise": "head-lifts"},
            {"exercise": {"id": "own", "name": "Own", "position": "sitting", "steps": ["Do."],
              "dose": {"kind": "practice"}, "image": "own.png"}},
            {"exercise": {"id": "own-2", "name": "Own 2", "position": "sitting", "steps": ["Do."],
              "dose": {"kind": "practice"}, "image": "assets/exercises/head-lifts.svg"}}]}"#;
        let parsed = parse("r.json", text, None, &Library::builtin()).unwrap();
        let pictures = parsed.relative_pictures();
        let field = FieldPath::root()
            .key("items")
            .index(1)
            .key("exercise")
            .key("image");
        assert_eq!(pictures, [(field.clone(), "own.png")]);
        assert_eq!(
            position_of(text, &field),
            Pos {
                line: 4,
                column: 54
            }
        );
    }

    #[test]
    fn a_missing_built_in_picture_is_a_problem() {
        let text = r#"{"id": "own", "name": "Own", "position": "sitting", "steps": ["Do."],
  "dose": {"kind": "practice"}, "image": "assets/exercises/gone.svg"}"#;
        assert!(
            first_problem(text).starts_with(
                "r.json:2:42: image: there is no built-in picture \"assets/exercises/gone.svg\"; the built-in pictures are: assets/exercises/"
            ),
            "{}",
            first_problem(text)
        );
    }
}

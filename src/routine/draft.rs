//! A routine being made or edited in the builder: every field as the
//! therapist types it (numbers as the text typed, so "0" or an empty field
//! can be shown back with its problem), turned into the raw routine that
//! routine files hold and checked by the same validator as `neckguide
//! check`, each problem at its field's path. Pure: no screen, no file.
//!
//! A draft made from a routine file keeps every field the file had, also
//! those the builder does not show (an own exercise's category, picture,
//! source), so editing a file and saving it again loses nothing.

use super::problem::FieldPath;
use super::progression::DoseField;
use super::raw::{
    DoseKind, RawDose, RawDoseAmount, RawExercise, RawExerciseRef, RawItem, RawProgression,
    RawRoutine,
};
use super::{Library, Routine, write};
use crate::exercise::{Direction, Position};

/// The routine being made: what the builder's fields hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    /// The `$schema` the file had (kept as it was).
    schema: Option<String>,
    /// The routine's id, which is also its file name; empty: made from the
    /// name ([`slug`]).
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// Who prescribed it (empty: not said).
    pub prescriber: String,
    /// A note to the person (empty: none).
    pub note: String,
    /// Sessions a day, as typed.
    pub times_per_day: String,
    /// The exercises in order.
    pub items: Vec<DraftItem>,
}

/// One exercise of the routine being made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftItem {
    /// A library exercise, or the therapist's own.
    pub exercise: DraftExercise,
    /// For a library exercise, the changes to its own dose (empty fields
    /// keep the source's value); for the therapist's own exercise, its
    /// dose.
    pub dose: DraftDose,
    /// In how many of the day's sessions it is, as typed (empty: the
    /// exercise's own times a day, or every session).
    pub times_per_day: String,
    /// How its dose may change with pain (optional).
    pub progression: Option<DraftProgression>,
}

/// Which exercise an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftExercise {
    /// A built-in exercise, by id.
    Library(String),
    /// The therapist's own exercise, written out.
    Own(Box<OwnExercise>),
}

/// An exercise of the therapist's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnExercise {
    /// Its id; empty: made from the name ([`slug`]).
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// Where the body is.
    pub position: Position,
    /// The steps in order.
    pub steps: Vec<String>,
    /// When to stop or take care.
    pub cautions: Vec<String>,
    /// What the file held that the builder does not show, kept as it was.
    kept: KeptExerciseFields,
}

/// The fields of an own exercise that the builder keeps but does not show.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct KeptExerciseFields {
    schema: Option<String>,
    category: Option<String>,
    times_per_day: Option<i64>,
    frequency: Option<String>,
    image: Option<String>,
    source: Option<String>,
}

/// A dose as typed: each number as its text (empty: not given).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftDose {
    /// The kind: required for an own exercise; a library item's override
    /// keeps the one its file had (usually none).
    pub kind: Option<DoseKind>,
    /// Seconds each hold lasts.
    pub hold_seconds: String,
    /// Holds in one set (in each direction).
    pub repetitions: String,
    /// Sets.
    pub sets: String,
    /// Seconds of rest between two holds.
    pub rest_seconds: String,
    /// Seconds of rest between two sets.
    pub rest_between_sets_seconds: String,
    /// Minutes of a timed position or a practice.
    pub minutes: String,
    /// The longest time of a timed position, in minutes.
    pub max_minutes: String,
    /// The directions, in order (`None`: not given).
    pub directions: Option<Vec<Direction>>,
}

/// A number field of a dose, for the builder to draw each in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    /// Seconds each hold lasts.
    HoldSeconds,
    /// Holds in one set.
    Repetitions,
    /// Sets.
    Sets,
    /// Seconds of rest between two holds.
    RestSeconds,
    /// Seconds of rest between two sets.
    RestBetweenSets,
    /// Minutes.
    Minutes,
    /// The longest time, in minutes.
    MaxMinutes,
}

impl NumberField {
    /// The field's key in routine files (and in problems' paths).
    pub fn key(self) -> &'static str {
        match self {
            Self::HoldSeconds => "hold_seconds",
            Self::Repetitions => "repetitions",
            Self::Sets => "sets",
            Self::RestSeconds => "rest_seconds",
            Self::RestBetweenSets => "rest_between_sets_seconds",
            Self::Minutes => "minutes",
            Self::MaxMinutes => "max_minutes",
        }
    }

    /// Its name in the builder.
    pub fn label(self) -> &'static str {
        match self {
            Self::HoldSeconds => "Hold, seconds",
            Self::Repetitions => "Repetitions",
            Self::Sets => "Sets",
            Self::RestSeconds => "Rest between holds, seconds",
            Self::RestBetweenSets => "Rest between sets, seconds",
            Self::Minutes => "Minutes",
            Self::MaxMinutes => "At most, minutes",
        }
    }

    /// The least and most the validator allows (the bounds of
    /// [`crate::exercise::bounds`]).
    pub fn bounds(self) -> (i64, i64) {
        use crate::exercise::bounds;
        match self {
            Self::HoldSeconds => bounds::HOLD_SECONDS,
            Self::Repetitions => bounds::REPETITIONS,
            Self::Sets => bounds::SETS,
            Self::RestSeconds | Self::RestBetweenSets => bounds::REST_SECONDS,
            Self::Minutes | Self::MaxMinutes => bounds::MINUTES,
        }
    }

    /// The fields a dose of `kind` has, in the order the builder shows them.
    pub fn of_kind(kind: DoseKind) -> &'static [NumberField] {
        match kind {
            DoseKind::Holds | DoseKind::Directions => &[
                Self::HoldSeconds,
                Self::Repetitions,
                Self::Sets,
                Self::RestSeconds,
                Self::RestBetweenSets,
            ],
            DoseKind::Timed => &[Self::Minutes, Self::MaxMinutes],
            DoseKind::Practice => &[Self::Minutes],
        }
    }
}

impl DraftDose {
    /// The text of `field`.
    pub fn text(&self, field: NumberField) -> &str {
        match field {
            NumberField::HoldSeconds => &self.hold_seconds,
            NumberField::Repetitions => &self.repetitions,
            NumberField::Sets => &self.sets,
            NumberField::RestSeconds => &self.rest_seconds,
            NumberField::RestBetweenSets => &self.rest_between_sets_seconds,
            NumberField::Minutes => &self.minutes,
            NumberField::MaxMinutes => &self.max_minutes,
        }
    }

    /// The text of `field`, to change.
    pub fn text_mut(&mut self, field: NumberField) -> &mut String {
        match field {
            NumberField::HoldSeconds => &mut self.hold_seconds,
            NumberField::Repetitions => &mut self.repetitions,
            NumberField::Sets => &mut self.sets,
            NumberField::RestSeconds => &mut self.rest_seconds,
            NumberField::RestBetweenSets => &mut self.rest_between_sets_seconds,
            NumberField::Minutes => &mut self.minutes,
            NumberField::MaxMinutes => &mut self.max_minutes,
        }
    }

    /// Makes it a dose of `kind`, emptying the fields that kind has not
    /// (they would be problems the builder no longer shows a field for).
    pub fn set_kind(&mut self, kind: DoseKind) {
        self.kind = Some(kind);
        for field in [
            NumberField::HoldSeconds,
            NumberField::Repetitions,
            NumberField::Sets,
            NumberField::RestSeconds,
            NumberField::RestBetweenSets,
            NumberField::Minutes,
            NumberField::MaxMinutes,
        ] {
            if !NumberField::of_kind(kind).contains(&field) {
                self.text_mut(field).clear();
            }
        }
        if kind != DoseKind::Directions {
            self.directions = None;
        }
    }

    fn from_raw(raw: &RawDose) -> Self {
        Self {
            kind: raw.kind,
            hold_seconds: number_text(raw.hold_seconds),
            repetitions: number_text(raw.repetitions),
            sets: number_text(raw.sets),
            rest_seconds: number_text(raw.rest_seconds),
            rest_between_sets_seconds: number_text(raw.rest_between_sets_seconds),
            minutes: number_text(raw.minutes),
            max_minutes: number_text(raw.max_minutes),
            directions: raw.directions.clone(),
        }
    }

    fn to_raw(&self, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> RawDose {
        let mut n = |field: NumberField| number(self.text(field), &path.key(field.key()), typed);
        RawDose {
            kind: self.kind,
            hold_seconds: n(NumberField::HoldSeconds),
            repetitions: n(NumberField::Repetitions),
            sets: n(NumberField::Sets),
            rest_seconds: n(NumberField::RestSeconds),
            rest_between_sets_seconds: n(NumberField::RestBetweenSets),
            minutes: n(NumberField::Minutes),
            max_minutes: n(NumberField::MaxMinutes),
            directions: self.directions.clone(),
        }
    }
}

/// A progression rule as typed: the field it changes and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProgression {
    /// The dose field that changes.
    pub field: DoseField,
    /// By how much one change moves it.
    pub step: String,
    /// The most it may rise to.
    pub up_to: String,
    /// The least it may fall to.
    pub down_to: String,
    /// Good sessions in a row before it rises.
    pub after_good_sessions: String,
}

impl DraftProgression {
    fn from_raw(raw: &RawProgression) -> Self {
        let field = amount_of(&raw.step)
            .or_else(|| amount_of(&raw.up_to))
            .map_or(DoseField::Repetitions, |(f, _)| f);
        let value = |a: &RawDoseAmount| number_text(amount_value(a, field));
        Self {
            field,
            step: value(&raw.step),
            up_to: value(&raw.up_to),
            down_to: value(&raw.down_to),
            after_good_sessions: raw.after_good_sessions.to_string(),
        }
    }

    fn to_raw(&self, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> RawProgression {
        let field = self.field;
        let mut amount = |which: &str, text: &str| {
            let value = number(text, &path.key(which).key(field.key()), typed);
            let mut a = RawDoseAmount::default();
            match field {
                DoseField::Repetitions => a.repetitions = value,
                DoseField::HoldSeconds => a.hold_seconds = value,
                DoseField::Sets => a.sets = value,
                DoseField::Minutes => a.minutes = value,
            }
            a
        };
        let step = amount("step", &self.step);
        let up_to = amount("up_to", &self.up_to);
        let down_to = amount("down_to", &self.down_to);
        let after_path = path.key("after_good_sessions");
        let after_good_sessions = required_number(&self.after_good_sessions, &after_path, typed);
        RawProgression {
            step,
            up_to,
            down_to,
            after_good_sessions,
        }
    }
}

fn amount_of(a: &RawDoseAmount) -> Option<(DoseField, i64)> {
    [
        (DoseField::Repetitions, a.repetitions),
        (DoseField::HoldSeconds, a.hold_seconds),
        (DoseField::Sets, a.sets),
        (DoseField::Minutes, a.minutes),
    ]
    .into_iter()
    .find_map(|(f, v)| v.map(|v| (f, v)))
}

fn amount_value(a: &RawDoseAmount, field: DoseField) -> Option<i64> {
    match field {
        DoseField::Repetitions => a.repetitions,
        DoseField::HoldSeconds => a.hold_seconds,
        DoseField::Sets => a.sets,
        DoseField::Minutes => a.minutes,
    }
}

fn number_text(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The number typed at `path`: `None` when the field is empty; a problem
/// when it is not a whole number.
fn number(text: &str, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            let message = if text.chars().all(|c| c.is_ascii_digit()) {
                "this number is far too large"
            } else {
                "type a whole number, like 5"
            };
            typed.push((path.clone(), message.to_owned()));
            None
        }
    }
}

/// A number the file must have: an empty field is a problem (and 0 stands
/// in for it, which the validator would refuse too).
fn required_number(text: &str, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> i64 {
    let before = typed.len();
    match number(text, path, typed) {
        Some(v) => v,
        None => {
            if typed.len() == before {
                typed.push((path.clone(), "type a number here".to_owned()));
            }
            0
        }
    }
}

fn optional_text(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

/// An id made from a name: lowercase ASCII letters and digits, words joined
/// by single dashes, at most 64 characters; `fallback` when nothing is left.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id: String = id.chars().take(64).collect();
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        fallback.to_owned()
    } else {
        id
    }
}

impl OwnExercise {
    /// A new exercise of the therapist's own: sitting, one empty step, a
    /// dose of holds with nothing set yet.
    pub fn new() -> Self {
        Self {
            id: String::new(),
            name: String::new(),
            position: Position::Sitting,
            steps: vec![String::new()],
            cautions: Vec::new(),
            kept: KeptExerciseFields::default(),
        }
    }

    /// The id it is saved under: the one typed, else one made from its name.
    pub fn saved_id(&self) -> String {
        if self.id.trim().is_empty() {
            slug(&self.name, "my-exercise")
        } else {
            self.id.trim().to_owned()
        }
    }
}

impl Default for OwnExercise {
    fn default() -> Self {
        Self::new()
    }
}

impl DraftItem {
    /// The built-in exercise `id`, at its source dose.
    pub fn library(id: &str) -> Self {
        Self {
            exercise: DraftExercise::Library(id.to_owned()),
            dose: DraftDose::default(),
            times_per_day: String::new(),
            progression: None,
        }
    }

    /// A new exercise of the therapist's own, a dose of holds to fill in.
    pub fn own() -> Self {
        Self {
            exercise: DraftExercise::Own(Box::default()),
            dose: DraftDose {
                kind: Some(DoseKind::Holds),
                ..DraftDose::default()
            },
            times_per_day: String::new(),
            progression: None,
        }
    }

    /// The exercise's id as the file names it.
    pub fn exercise_id(&self) -> String {
        match &self.exercise {
            DraftExercise::Library(id) => id.clone(),
            DraftExercise::Own(own) => own.saved_id(),
        }
    }

    fn from_raw(raw: &RawItem) -> Self {
        match &raw.exercise {
            RawExerciseRef::Id(id) => Self {
                exercise: DraftExercise::Library(id.clone()),
                dose: raw
                    .dose
                    .as_ref()
                    .map(DraftDose::from_raw)
                    .unwrap_or_default(),
                times_per_day: number_text(raw.times_per_day),
                progression: raw.progression.as_ref().map(DraftProgression::from_raw),
            },
            RawExerciseRef::Inline(e) => {
                // An item's dose over its own exercise's dose: the builder
                // shows one dose, the item's fields over the exercise's.
                let mut dose = e.dose.clone();
                let over = raw.dose.clone().unwrap_or_default();
                if over != RawDose::default() {
                    let kind = over.kind.or(dose.kind);
                    dose = super::validate::lay_dose(dose, &over);
                    dose.kind = kind;
                }
                Self {
                    exercise: DraftExercise::Own(Box::new(OwnExercise {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        position: e.position,
                        steps: e.steps.clone(),
                        cautions: e.cautions.clone(),
                        kept: KeptExerciseFields {
                            schema: e.schema.clone(),
                            category: e.category.clone(),
                            times_per_day: e.times_per_day,
                            frequency: e.frequency.clone(),
                            image: e.image.clone(),
                            source: e.source.clone(),
                        },
                    })),
                    dose: DraftDose::from_raw(&dose),
                    times_per_day: number_text(raw.times_per_day),
                    progression: raw.progression.as_ref().map(DraftProgression::from_raw),
                }
            }
        }
    }

    fn to_raw(&self, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> RawItem {
        let (exercise, dose) = match &self.exercise {
            DraftExercise::Library(id) => {
                let dose = self.dose.to_raw(&path.key("dose"), typed);
                let dose = (dose != RawDose::default()).then_some(dose);
                (RawExerciseRef::Id(id.clone()), dose)
            }
            DraftExercise::Own(own) => {
                let at = path.key("exercise");
                let exercise = RawExercise {
                    schema: own.kept.schema.clone(),
                    id: own.saved_id(),
                    name: own.name.clone(),
                    category: own.kept.category.clone(),
                    position: own.position,
                    steps: own.steps.clone(),
                    cautions: own.cautions.clone(),
                    dose: self.dose.to_raw(&at.key("dose"), typed),
                    times_per_day: own.kept.times_per_day,
                    frequency: own.kept.frequency.clone(),
                    image: own.kept.image.clone(),
                    source: own.kept.source.clone(),
                };
                (RawExerciseRef::Inline(Box::new(exercise)), None)
            }
        };
        RawItem {
            exercise,
            dose,
            times_per_day: number(&self.times_per_day, &path.key("times_per_day"), typed),
            progression: self
                .progression
                .as_ref()
                .map(|p| p.to_raw(&path.key("progression"), typed)),
        }
    }
}

/// A problem of the draft: the field path it is at (as `check` prints it,
/// e.g. `items[1].dose.repetitions`) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProblem {
    /// The field, as [`FieldPath`] writes it.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// A draft checked: the routine file it makes, and either the routine (no
/// problem) or every problem at its field.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The routine file's raw form (what saving writes).
    pub raw: RawRoutine,
    /// The routine, when every check passes.
    pub routine: Option<Routine>,
    /// Every problem, each at its field.
    pub problems: Vec<DraftProblem>,
}

impl Checked {
    /// The problems at exactly `path`.
    pub fn at<'a>(&'a self, path: &FieldPath) -> impl Iterator<Item = &'a str> + 'a {
        let path = path.to_string();
        self.problems
            .iter()
            .filter(move |p| p.path == path)
            .map(|p| p.message.as_str())
    }
}

impl Draft {
    /// An empty routine: once a day, no exercises yet.
    pub fn empty() -> Self {
        Self {
            times_per_day: "1".to_owned(),
            ..Self::default()
        }
    }

    /// The draft of a routine file's raw form, every field kept.
    pub fn from_raw(raw: &RawRoutine) -> Self {
        Self {
            schema: raw.schema.clone(),
            id: raw.id.clone(),
            name: raw.name.clone(),
            prescriber: raw.prescriber.clone().unwrap_or_default(),
            note: raw.note.clone().unwrap_or_default(),
            times_per_day: raw.times_per_day.to_string(),
            items: raw.items.iter().map(DraftItem::from_raw).collect(),
        }
    }

    /// The id it is saved under (and its file name): the one typed, else
    /// one made from its name.
    pub fn saved_id(&self) -> String {
        if self.id.trim().is_empty() {
            slug(&self.name, "my-routine")
        } else {
            self.id.trim().to_owned()
        }
    }

    /// The routine file's raw form, and the problems of what was typed
    /// that the raw form cannot hold (a number that is not one).
    pub fn to_raw(&self) -> (RawRoutine, Vec<(FieldPath, String)>) {
        let root = FieldPath::root();
        let mut typed = Vec::new();
        let times_per_day =
            required_number(&self.times_per_day, &root.key("times_per_day"), &mut typed);
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item.to_raw(&root.key("items").index(i), &mut typed))
            .collect();
        let raw = RawRoutine {
            schema: self.schema.clone(),
            id: self.saved_id(),
            name: self.name.clone(),
            prescriber: optional_text(&self.prescriber),
            note: optional_text(&self.note),
            times_per_day,
            items,
        };
        (raw, typed)
    }

    /// Checks the draft as `neckguide check` checks the file it makes
    /// (the file's very text, by [`super::parse_routine`]).
    pub fn check(&self, library: &Library) -> Checked {
        let (raw, typed) = self.to_raw();
        let text = write::file_text(&raw);
        let mut problems: Vec<DraftProblem> = typed
            .iter()
            .map(|(path, message)| DraftProblem {
                path: path.to_string(),
                message: message.clone(),
            })
            .collect();
        let routine = match super::parse_routine(&write::file_name(&raw), text.as_bytes(), library)
        {
            Ok(routine) if problems.is_empty() => Some(routine),
            Ok(_) => None,
            Err(found) => {
                for p in found.problems {
                    // A field whose text is not a number is said once.
                    if !problems.iter().any(|q| q.path == p.path) {
                        problems.push(DraftProblem {
                            path: p.path,
                            message: p.message,
                        });
                    }
                }
                None
            }
        };
        Checked {
            raw,
            routine,
            problems,
        }
    }

    /// Moves item `from` to `to` (both within the list); nothing when
    /// either is not.
    pub fn move_item(&mut self, from: usize, to: usize) {
        if from < self.items.len() && to < self.items.len() && from != to {
            let item = self.items.remove(from);
            self.items.insert(to, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shipped() -> Vec<RawRoutine> {
        let library = Library::builtin();
        super::super::PRESET_ROUTINES
            .iter()
            .filter_map(|(file, text)| write::read_raw(file, text.as_bytes(), &library).ok())
            .collect()
    }

    #[test]
    fn a_shipped_routine_made_a_draft_and_back_is_the_same_file() {
        let library = Library::builtin();
        let raws = shipped();
        assert_eq!(raws.len(), super::super::PRESET_ROUTINES.len());
        for raw in raws {
            let draft = Draft::from_raw(&raw);
            let checked = draft.check(&library);
            assert!(checked.problems.is_empty(), "{:?}", checked.problems);
            assert_eq!(checked.raw, raw);
            assert_eq!(write::file_text(&checked.raw), write::file_text(&raw));
            assert!(checked.routine.is_some());
        }
    }

    #[test]
    fn every_field_of_an_edited_file_is_kept() {
        let library = Library::builtin();
        // A rule, a directions override, and an own exercise with the
        // fields the builder does not show (category, picture, source,
        // frequency, its own times a day).
        let text = r#"{
  "$schema": "https://example.org/routine.schema.json",
  "id": "week-3",
  "name": "Week 3",
  "prescriber": "A. Therapist",
  "note": "Slowly.",
  "times_per_day": 3,
  "items": [
    {
      "exercise": "seated-retraction",
      "progression": {
        "step": { "repetitions": 1 },
        "up_to": { "repetitions": 8 },
        "down_to": { "repetitions": 3 },
        "after_good_sessions": 6
      }
    },
    {
      "exercise": "isometric-neck-strengthening",
      "dose": { "directions": ["left", "right"], "sets": 2 },
      "times_per_day": 2
    },
    {
      "exercise": {
        "$schema": "exercise.schema.json",
        "id": "shrugs",
        "name": "Shrugs",
        "category": "Own",
        "position": "standing",
        "steps": ["Lift.", "Lower."],
        "cautions": ["Gently."],
        "dose": { "kind": "timed", "minutes": 2, "max_minutes": 4 },
        "times_per_day": 1,
        "frequency": "Morning",
        "image": "pictures/shrugs.png",
        "source": "The clinic"
      }
    }
  ]
}"#;
        let raw = write::read_raw("week-3.json", text.as_bytes(), &library).unwrap();
        let checked = Draft::from_raw(&raw).check(&library);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        assert_eq!(checked.raw, raw);
        let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
        assert_eq!(value(&write::file_text(&checked.raw)), value(text));
    }

    #[test]
    fn an_items_dose_over_its_own_exercise_is_shown_and_saved_as_one_dose() {
        let library = Library::builtin();
        let text = r#"{ "id": "r", "name": "R", "times_per_day": 1, "items": [
          { "exercise": { "id": "own", "name": "Own", "position": "sitting",
              "steps": ["Do."], "dose": { "kind": "holds", "hold_seconds": 3, "repetitions": 4 } },
            "dose": { "repetitions": 6 } } ] }"#;
        let raw = write::read_raw("r.json", text.as_bytes(), &library).unwrap();
        let draft = Draft::from_raw(&raw);
        assert_eq!(draft.items[0].dose.repetitions, "6");
        let checked = draft.check(&library);
        // Another file (the override folded in), the same routine.
        assert_ne!(checked.raw, raw);
        assert_eq!(
            checked.routine,
            super::super::parse_routine("r.json", text.as_bytes(), &library).ok()
        );
    }

    #[test]
    fn an_items_longer_time_drops_its_exercises_upper_bound_as_the_check_does() {
        let library = Library::builtin();
        let text = r#"{ "id": "r", "name": "R", "times_per_day": 1, "items": [
          { "exercise": { "id": "own", "name": "Own", "position": "sitting",
              "steps": ["Lie."], "dose": { "kind": "timed", "minutes": 2, "max_minutes": 3 } },
            "dose": { "minutes": 5 } } ] }"#;
        let parsed = super::super::parse_routine("r.json", text.as_bytes(), &library);
        assert!(parsed.is_ok(), "the file passes the check");
        let raw = write::read_raw("r.json", text.as_bytes(), &library).unwrap();
        let checked = Draft::from_raw(&raw).check(&library);
        assert_eq!(checked.routine, parsed.ok(), "{:?}", checked.problems);
    }

    #[test]
    fn bad_input_is_a_problem_at_its_field() {
        let library = Library::builtin();
        let mut draft = Draft::empty();
        draft.items.push(DraftItem::library("seated-retraction"));
        draft.items.push(DraftItem::own());
        draft.items[0].dose.repetitions = "0".to_owned();
        draft.times_per_day = "two".to_owned();
        if let DraftExercise::Own(own) = &mut draft.items[1].exercise {
            own.name = "Shrugs".to_owned();
            own.steps[0] = "x".repeat(10_000);
        }
        let checked = draft.check(&library);
        assert!(checked.routine.is_none());
        let at = |path: &str| -> Vec<String> {
            checked
                .problems
                .iter()
                .filter(|p| p.path == path)
                .map(|p| p.message.clone())
                .collect()
        };
        assert_eq!(at("name"), ["the name is empty"]);
        assert_eq!(at("times_per_day"), ["type a whole number, like 5"]);
        assert_eq!(
            at("items[0].dose.repetitions"),
            ["repetitions must be between 1 and 50, found 0"]
        );
        assert_eq!(
            at("items[1].exercise.steps[0]"),
            ["the step is 10000 characters long; at most 1000 are allowed"]
        );
        assert_eq!(
            at("items[1].exercise.dose.hold_seconds"),
            ["a `holds` dose needs `hold_seconds`"]
        );
        // The routine's id comes from its name; with no name, a fallback.
        assert_eq!(checked.raw.id, "my-routine");
    }

    #[test]
    fn a_new_dose_kind_drops_the_fields_it_has_not() {
        let library = Library::builtin();
        let mut draft = Draft::empty();
        draft.name = "R".to_owned();
        let mut item = DraftItem::own();
        if let DraftExercise::Own(own) = &mut item.exercise {
            own.name = "Own".to_owned();
            own.steps = vec!["Do.".to_owned()];
        }
        item.dose.hold_seconds = "5".to_owned();
        item.dose.repetitions = "5".to_owned();
        item.dose.set_kind(DoseKind::Timed);
        item.dose.minutes = "3".to_owned();
        draft.items.push(item);
        let checked = draft.check(&library);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        item = draft.items.remove(0);
        item.dose.set_kind(DoseKind::Holds);
        assert_eq!(
            item.dose,
            DraftDose {
                kind: Some(DoseKind::Holds),
                ..DraftDose::default()
            }
        );
    }

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(slug("After the 2nd visit!", "x"), "after-the-2nd-visit");
        assert_eq!(slug("  Ünïcode  ", "x"), "n-code");
        assert_eq!(slug("", "my-routine"), "my-routine");
        assert_eq!(slug(&"a ".repeat(100), "x").len(), 63);
    }

    #[test]
    fn items_move_within_the_list_only() {
        let mut draft = Draft::empty();
        for id in ["a", "b", "c"] {
            draft.items.push(DraftItem::library(id));
        }
        draft.move_item(0, 2);
        draft.move_item(5, 0);
        let ids: Vec<String> = draft.items.iter().map(DraftItem::exercise_id).collect();
        assert_eq!(ids, ["b", "c", "a"]);
    }

    fn text() -> impl Strategy<Value = String> {
        "[A-Za-z][A-Za-z0-9 ,.]{0,30}"
    }

    fn dose() -> impl Strategy<Value = RawDose> {
        prop_oneof![
            (
                1i64..=120,
                1i64..=50,
                proptest::option::of(1i64..=10),
                proptest::option::of(0i64..=300)
            )
                .prop_map(|(h, r, s, rest)| RawDose {
                    kind: Some(DoseKind::Holds),
                    hold_seconds: Some(h),
                    repetitions: Some(r),
                    sets: s,
                    rest_seconds: rest,
                    ..RawDose::default()
                }),
            (1i64..=30, 0i64..=30).prop_map(|(m, extra)| RawDose {
                kind: Some(DoseKind::Timed),
                minutes: Some(m),
                max_minutes: Some(m + extra),
                ..RawDose::default()
            }),
            proptest::option::of(1i64..=60).prop_map(|m| RawDose {
                kind: Some(DoseKind::Practice),
                minutes: m,
                ..RawDose::default()
            }),
        ]
    }

    fn library_item(id: String, sets: Option<i64>) -> RawItem {
        RawItem {
            exercise: RawExerciseRef::Id(id),
            dose: sets.map(|s| RawDose {
                sets: Some(s),
                ..RawDose::default()
            }),
            times_per_day: None,
            progression: None,
        }
    }

    fn own_item() -> impl Strategy<Value = RawItem> {
        (
            text(),
            proptest::collection::vec(text(), 1..4),
            dose(),
            proptest::option::of(text()),
        )
            .prop_map(|(name, steps, dose, category)| RawItem {
                exercise: RawExerciseRef::Inline(Box::new(RawExercise {
                    schema: None,
                    id: String::new(),
                    name,
                    category,
                    position: Position::Standing,
                    steps,
                    cautions: Vec::new(),
                    dose,
                    times_per_day: None,
                    frequency: Some("daily".to_owned()),
                    image: None,
                    source: None,
                })),
                dose: None,
                times_per_day: Some(1),
                progression: None,
            })
    }

    /// Distinct library exercises (some with their sets changed) and up to
    /// three of one's own, in a shuffled order.
    fn items() -> impl Strategy<Value = Vec<RawItem>> {
        let ids: Vec<String> = Library::builtin()
            .ids()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let count = ids.len();
        (
            proptest::sample::subsequence(ids, 0..=count),
            proptest::collection::vec(proptest::option::of(1i64..=10), count),
            proptest::collection::vec(own_item(), 0..3),
        )
            .prop_map(|(ids, sets, own)| {
                let mut items: Vec<RawItem> = ids
                    .into_iter()
                    .zip(sets)
                    .map(|(id, s)| {
                        // Only a dose of holds has sets.
                        let holds = matches!(
                            Library::builtin().get(&id).map(|e| &e.dose),
                            Some(crate::exercise::Dose::Holds(_))
                        );
                        library_item(id, s.filter(|_| holds))
                    })
                    .collect();
                for (n, mut item) in own.into_iter().enumerate() {
                    if let RawExerciseRef::Inline(e) = &mut item.exercise {
                        e.id = format!("own-{n}");
                    }
                    items.push(item);
                }
                items
            })
            .prop_shuffle()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_valid_routine_file_round_trips_through_a_draft(
            name in text(),
            prescriber in proptest::option::of(text()),
            times in 1i64..=12,
            items in items(),
        ) {
            let library = Library::builtin();
            let raw = RawRoutine {
                schema: Some("routine.schema.json".to_owned()),
                id: "made".to_owned(),
                name,
                prescriber,
                note: None,
                times_per_day: times,
                items,
            };
            let text = write::file_text(&raw);
            let read = write::read_raw("made.json", text.as_bytes(), &library);
            // A routine needs an exercise; any other is a valid file.
            prop_assert_eq!(read.is_ok(), !raw.items.is_empty(), "{:?}", read);
            let Ok(read) = read else { return Ok(()) };
            let checked = Draft::from_raw(&read).check(&library);
            prop_assert!(checked.problems.is_empty(), "{:?}", checked.problems);
            prop_assert_eq!(write::file_text(&checked.raw), text);
        }
    }
}

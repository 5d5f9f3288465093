//! The raw shapes of exercise and routine files, exactly as serde reads them.
//!
//! Numbers are read as `i64` and texts as `String` so that a negative or huge
//! number, or an empty name, reaches [`super::validate`], which reports it with
//! its place in the file and turns these into the types in [`crate::exercise`].
//! The JSON Schema in `exercises/schema/` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::progression::DoseField;
use crate::exercise::{Direction, Position};

/// The kinds of dose a file can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DoseKind {
    /// Repeated holds: `hold_seconds`, `repetitions`, `sets`, `rest_seconds`.
    Holds,
    /// Holds in several directions, each in turn: `directions`, `hold_seconds`,
    /// `repetitions` per direction, `sets`, `rest_seconds`.
    Directions,
    /// A position held for `minutes` (up to `max_minutes`).
    Timed,
    /// A posture practice, for `minutes` if the therapist sets them.
    Practice,
}

/// A dose as written in a file. In an exercise file `kind` is required; in a
/// routine item every field is optional and overrides the exercise's own dose.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDose {
    /// Which kind of dose this is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<DoseKind>,
    /// Seconds each hold lasts (1–120).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 120))]
    pub hold_seconds: Option<i64>,
    /// Holds in one set (1–50); for `directions`, holds in each direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 50))]
    pub repetitions: Option<i64>,
    /// Sets (1–10); 1 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10))]
    pub sets: Option<i64>,
    /// Seconds of rest (relaxing) between two holds (0–300); 5 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 300))]
    pub rest_seconds: Option<i64>,
    /// Seconds of rest between two sets (0–300); 30 when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 300))]
    pub rest_between_sets_seconds: Option<i64>,
    /// For `directions`: the directions, in the order they are done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directions: Option<Vec<Direction>>,
    /// For `timed` (required) and `practice` (optional): minutes (1–60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 60))]
    pub minutes: Option<i64>,
    /// For `timed`: the longest time the source allows, in minutes (up to 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 60))]
    pub max_minutes: Option<i64>,
}

/// An exercise file (`exercises/*.json`), or an exercise written inline in a
/// routine item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "neckguide exercise")]
pub struct RawExercise {
    /// The schema this file follows, for editors. Ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id: lowercase letters, digits and dashes, e.g. `seated-retraction`.
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// The group the source puts it in, e.g. "Stabilization exercises".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Where the body is.
    pub position: Position,
    /// The steps in plain words, in order.
    pub steps: Vec<String>,
    /// When to stop or take care.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cautions: Vec<String>,
    /// How much, unless a routine says otherwise.
    pub dose: RawDose,
    /// How many times a day (1–12), if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 12))]
    pub times_per_day: Option<i64>,
    /// How often, in the source's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// A picture: `assets/...` for a built-in one, or a path relative to this
    /// file's folder that stays inside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// A second picture: the position held, which the figure moves to from
    /// `image` (the start) when each hold begins and back from at the
    /// release. Named as `image` is; needs `image`. Without it the picture
    /// stays still.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture_held: Option<String>,
    /// Where the exercise comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Which exercise a routine item is: a built-in one by id, or one written out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RawExerciseRef {
    /// The id of a built-in exercise, e.g. `"seated-retraction"`.
    Id(String),
    /// A therapist's own exercise, written out in full.
    Inline(Box<RawExercise>),
}

/// An amount of one dose field: exactly one of these is given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDoseAmount {
    /// Holds in one set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetitions: Option<i64>,
    /// Seconds each hold lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_seconds: Option<i64>,
    /// Sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sets: Option<i64>,
    /// Minutes (timed positions and practices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i64>,
}

impl RawDoseAmount {
    /// The amount that names only `field`, at `value` (none when `None`).
    pub fn of(field: DoseField, value: Option<i64>) -> Self {
        let mut amount = Self::default();
        *amount.value_mut(field) = value;
        amount
    }

    /// The value given for `field` (`None`: not named).
    pub fn get(&self, field: DoseField) -> Option<i64> {
        match field {
            DoseField::Repetitions => self.repetitions,
            DoseField::HoldSeconds => self.hold_seconds,
            DoseField::Sets => self.sets,
            DoseField::Minutes => self.minutes,
        }
    }

    /// The fields it names, with their values, in the order of the file
    /// format (repetitions, hold seconds, sets, minutes).
    pub fn named(&self) -> impl Iterator<Item = (DoseField, i64)> + '_ {
        [
            DoseField::Repetitions,
            DoseField::HoldSeconds,
            DoseField::Sets,
            DoseField::Minutes,
        ]
        .into_iter()
        .filter_map(|field| self.get(field).map(|value| (field, value)))
    }

    fn value_mut(&mut self, field: DoseField) -> &mut Option<i64> {
        match field {
            DoseField::Repetitions => &mut self.repetitions,
            DoseField::HoldSeconds => &mut self.hold_seconds,
            DoseField::Sets => &mut self.sets,
            DoseField::Minutes => &mut self.minutes,
        }
    }
}

/// How the therapist lets the dose change with pain: up by `step` after
/// `after_good_sessions` good sessions in a row, at most to `up_to`; down by
/// `step` after a bad one, at least to `down_to`. All three name the same
/// field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProgression {
    /// How much one change moves the dose, e.g. `{ "repetitions": 1 }`.
    pub step: RawDoseAmount,
    /// The most the dose may rise to.
    pub up_to: RawDoseAmount,
    /// The least the dose may fall to.
    pub down_to: RawDoseAmount,
    /// Good sessions in a row before the dose rises (1–50).
    #[schemars(range(min = 1, max = 50))]
    pub after_good_sessions: i64,
}

/// One item of a routine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// The exercise: a built-in id or a full exercise.
    pub exercise: RawExerciseRef,
    /// Changes to the exercise's own dose; fields not given keep their value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<RawDose>,
    /// How many of the routine's daily sessions include this item (1–12, at
    /// most the routine's `times_per_day`). When not given: the exercise's own
    /// times a day, or every session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 12))]
    pub times_per_day: Option<i64>,
    /// How the dose may change with pain, within limits the therapist sets;
    /// without it the dose never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<RawProgression>,
}

/// A routine file: what a therapist hands out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "neckguide routine")]
pub struct RawRoutine {
    /// The schema this file follows, for editors. Ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Stable id: lowercase letters, digits and dashes.
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// Who prescribed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prescriber: Option<String>,
    /// A note to the person from the therapist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Sessions a day (1–12).
    #[schemars(range(min = 1, max = 12))]
    pub times_per_day: i64,
    /// Every how many days the check-in offers the outcome measures (neck
    /// and arm pain, the PSFS, the global rating of change), 1–90; when not
    /// given, every 7 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 90))]
    pub measures_every_days: Option<i64>,
    /// The exercises, in order.
    pub items: Vec<RawItem>,
}

//! One exercise of the routine being made ([`DraftItem`]): a library
//! exercise by id, or the therapist's own written out ([`OwnExercise`],
//! which keeps the fields of its file the builder does not show).

use super::dose::DraftDose;
use super::progression::DraftProgression;
use super::typed::{number, number_text, slug};
use crate::exercise::Position;
use crate::routine::problem::FieldPath;
use crate::routine::raw::{DoseKind, RawDose, RawExercise, RawExerciseRef, RawItem};
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
    /// The picture of the start position, as typed: a path beside the
    /// routine file or `assets/...` (empty: none).
    pub image: String,
    /// The picture of the position held, as typed (empty: none): with
    /// `image`, the figure moves with each hold.
    pub picture_held: String,
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
    source: Option<String>,
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
            image: String::new(),
            picture_held: String::new(),
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

    pub(super) fn from_raw(raw: &RawItem) -> Self {
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
                    dose = crate::routine::validate::lay_dose(dose, &over);
                    dose.kind = kind;
                }
                Self {
                    exercise: DraftExercise::Own(Box::new(OwnExercise {
                        id: e.id.clone(),
                        name: e.name.clone(),
                        position: e.position,
                        steps: e.steps.clone(),
                        cautions: e.cautions.clone(),
                        image: e.image.clone().unwrap_or_default(),
                        picture_held: e.picture_held.clone().unwrap_or_default(),
                        kept: KeptExerciseFields {
                            schema: e.schema.clone(),
                            category: e.category.clone(),
                            times_per_day: e.times_per_day,
                            frequency: e.frequency.clone(),
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

    pub(super) fn to_raw(&self, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> RawItem {
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
                    image: typed_picture(&own.image),
                    picture_held: typed_picture(&own.picture_held),
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

/// A picture's path as typed in the builder: `None` when the field is
/// empty (or only spaces), else the path without the spaces around it.
fn typed_picture(typed: &str) -> Option<String> {
    let path = typed.trim();
    (!path.is_empty()).then(|| path.to_owned())
}

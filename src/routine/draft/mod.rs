//! A routine being made or edited in the builder: every field as the
//! therapist types it (numbers as the text typed, so "0" or an empty field
//! can be shown back with its problem), turned into the raw routine that
//! routine files hold and checked by the same validator as `neckguide
//! check`, each problem at its field's path. Pure: no screen, no file.
//!
//! A draft made from a routine file keeps every field the file had, also
//! those the builder does not show (an own exercise's category, picture,
//! source), so editing a file and saving it again loses nothing.
//!
//! Here the [`Draft`] and its check; its parts each in a file: `item.rs`
//! (an exercise of the routine: a library one or the therapist's own),
//! `dose.rs` (a dose's number fields), `progression.rs` (a progression
//! rule) and `typed.rs` (numbers read from what was typed, ids made from
//! names).

mod dose;
mod item;
mod progression;
mod typed;
mod words;

pub use dose::{DraftDose, NumberField};
pub use item::{DraftExercise, DraftItem, OwnExercise};
pub use progression::DraftProgression;
pub use typed::slug;
pub use words::{in_builder_words, place_in_words};

use super::problem::FieldPath;
use super::raw::RawRoutine;
use super::{Library, Routine, write};
use typed::{optional_text, required_number};
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
    /// Every how many days the outcome measures are offered, as typed
    /// (empty: the default, every 7 days).
    pub measures_every_days: String,
    /// The exercises in order.
    pub items: Vec<DraftItem>,
}

/// A problem of the draft: the field path it is at (as `check` prints it,
/// e.g. `items[1].dose.repetitions`) and what is wrong, in the builder's
/// words ([`in_builder_words`]).
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
            measures_every_days: typed::number_text(raw.measures_every_days),
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
        let measures_every_days = typed::number(
            &self.measures_every_days,
            &root.key("measures_every_days"),
            &mut typed,
        );
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
            measures_every_days,
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
                            message: in_builder_words(&p.path, &p.message),
                            path: p.path,
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
mod tests;

//! The built-in exercises and preset routines, embedded in the program from
//! `exercises/` so the app works with no files beside it.

use crate::exercise::Exercise;

use super::{Routine, parse_exercise, parse_routine};

/// The built-in exercise files: (file name, text).
const BUILTIN_EXERCISES: [(&str, &str); 6] = [
    (
        "exercises/supine-deep-neck-flexion.json",
        include_str!("../../exercises/supine-deep-neck-flexion.json"),
    ),
    (
        "exercises/seated-retraction.json",
        include_str!("../../exercises/seated-retraction.json"),
    ),
    (
        "exercises/neutral-head-walking.json",
        include_str!("../../exercises/neutral-head-walking.json"),
    ),
    (
        "exercises/supine-neutral-head.json",
        include_str!("../../exercises/supine-neutral-head.json"),
    ),
    (
        "exercises/head-lifts.json",
        include_str!("../../exercises/head-lifts.json"),
    ),
    (
        "exercises/isometric-neck-strengthening.json",
        include_str!("../../exercises/isometric-neck-strengthening.json"),
    ),
];

/// The preset routine files: (file name, text).
pub const PRESET_ROUTINES: [(&str, &str); 2] = [
    (
        "exercises/routines/daily-neck-routine.json",
        include_str!("../../exercises/routines/daily-neck-routine.json"),
    ),
    (
        "exercises/routines/gentle-neck-routine.json",
        include_str!("../../exercises/routines/gentle-neck-routine.json"),
    ),
];

/// The exercises a routine can name by id.
#[derive(Debug, Clone, Default)]
pub struct Library {
    exercises: Vec<Exercise>,
}

impl Library {
    /// No exercises at all.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The built-in exercises. They are checked by the tests; one that failed
    /// to load anyway is left out and logged, never a panic.
    pub fn builtin() -> Self {
        let exercises = BUILTIN_EXERCISES
            .iter()
            .filter_map(|(file, text)| match parse_exercise(file, text.as_bytes()) {
                Ok(e) => Some(e),
                Err(problems) => {
                    for p in &problems.problems {
                        log::error!("built-in exercise: {p}");
                    }
                    None
                }
            })
            .collect();
        Self { exercises }
    }

    /// The exercise with this id.
    pub fn get(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// Every exercise, in library order.
    pub fn exercises(&self) -> &[Exercise] {
        &self.exercises
    }

    /// Every id, in library order.
    pub fn ids(&self) -> Vec<&str> {
        self.exercises.iter().map(|e| e.id.as_str()).collect()
    }

    /// The preset routines, validated against this library; a preset that
    /// failed is left out and logged.
    pub fn presets(&self) -> Vec<Routine> {
        PRESET_ROUTINES
            .iter()
            .filter_map(
                |(file, text)| match parse_routine(file, text.as_bytes(), self) {
                    Ok(r) => Some(r),
                    Err(problems) => {
                        for p in &problems.problems {
                            log::error!("preset routine: {p}");
                        }
                        None
                    }
                },
            )
            .collect()
    }
}

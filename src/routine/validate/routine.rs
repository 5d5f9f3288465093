//! A routine checked against the built-in exercises: its fields, then each
//! item (the exercise, once; its dose over the exercise's; how many of the
//! day's sessions; its progression rule).

use std::collections::HashSet;

use super::Found;
use super::dose::override_dose;
use super::exercise::exercise;
use super::fields::{check_id, check_optional_text, check_text, in_range};
use super::progression::progression;
use crate::exercise::bounds;
use crate::routine::problem::FieldPath;
use crate::routine::raw::{RawExerciseRef, RawRoutine};
use crate::routine::{Library, Routine, RoutineItem};
/// Validates a routine against the built-in exercises in `library`.
pub fn routine(raw: &RawRoutine, library: &Library, found: &mut Found) -> Option<Routine> {
    let root = FieldPath::root();
    let before = found.0.len();
    check_id(&raw.id, root.key("id"), found);
    let name = check_text(
        &raw.name,
        "name",
        bounds::NAME_CHARS,
        root.key("name"),
        found,
    );
    let prescriber = check_optional_text(
        raw.prescriber.as_ref(),
        "prescriber",
        bounds::NAME_CHARS,
        root.key("prescriber"),
        found,
    );
    let note = check_optional_text(
        raw.note.as_ref(),
        "note",
        bounds::TEXT_CHARS,
        root.key("note"),
        found,
    );
    let times_per_day = in_range(
        raw.times_per_day,
        bounds::TIMES_PER_DAY,
        "times_per_day",
        "",
        root.key("times_per_day"),
        found,
    );
    let measures_every_days =
        raw.measures_every_days
            .map_or(crate::routine::DEFAULT_MEASURES_EVERY_DAYS, |days| {
                in_range(
                    days,
                    bounds::MEASURES_EVERY_DAYS,
                    "measures_every_days",
                    "",
                    root.key("measures_every_days"),
                    found,
                )
            });
    let items_path = root.key("items");
    if raw.items.is_empty() {
        found.push(items_path.clone(), "a routine needs at least one exercise");
    }
    if raw.items.len() > bounds::ITEMS {
        found.push(
            items_path.clone(),
            format!(
                "the routine has {} items; at most {} are allowed",
                raw.items.len(),
                bounds::ITEMS
            ),
        );
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut items = Vec::new();
    for (i, item) in raw.items.iter().enumerate() {
        let item_path = items_path.index(i);
        let exercise_path = item_path.key("exercise");
        let base = match &item.exercise {
            RawExerciseRef::Id(id) => match library.get(id) {
                Some(e) => Some(e.clone()),
                None => {
                    let known = library.ids();
                    let hint = match crate::routine::problem::nearest(id, known.iter().copied()) {
                        Some(near) => format!("; did you mean \"{near}\"?"),
                        None => format!("; built-in exercises are: {}", known.join(", ")),
                    };
                    found.push(
                        exercise_path.clone(),
                        format!("unknown exercise id \"{id}\"{hint}"),
                    );
                    None
                }
            },
            RawExerciseRef::Inline(raw_exercise) => {
                let e = exercise(raw_exercise, &exercise_path, found);
                if e.is_some() && library.get(&raw_exercise.id).is_some() {
                    found.push(
                        exercise_path.key("id"),
                        format!(
                            "the id \"{}\" is already used by a built-in exercise; give your own exercise its own id",
                            raw_exercise.id
                        ),
                    );
                    None
                } else {
                    e
                }
            }
        };
        let id = match &item.exercise {
            RawExerciseRef::Id(id) => id.clone(),
            RawExerciseRef::Inline(e) => e.id.clone(),
        };
        if !seen.insert(id.clone()) {
            let at = match &item.exercise {
                RawExerciseRef::Id(_) => exercise_path.clone(),
                RawExerciseRef::Inline(_) => exercise_path.key("id"),
            };
            found.push(
                at,
                format!("the exercise \"{id}\" is already in this routine (duplicate id); list it once and set its dose"),
            );
        }
        // The item's own count is checked whatever its exercise and dose.
        let item_times = item.times_per_day.map(|written| {
            let t = in_range(
                written,
                bounds::TIMES_PER_DAY,
                "times_per_day",
                "",
                item_path.key("times_per_day"),
                found,
            );
            // Each number is said wrong once: out of bounds, or more than
            // the routine's, never both.
            let allowed = bounds::TIMES_PER_DAY.0..=bounds::TIMES_PER_DAY.1;
            let both_in = allowed.contains(&raw.times_per_day) && allowed.contains(&written);
            if both_in && t > times_per_day {
                found.push(
                    item_path.key("times_per_day"),
                    format!(
                        "this item is due {} but the routine has only {} a day",
                        crate::routine::times_a_day(t),
                        if times_per_day == 1 {
                            "1 session".to_owned()
                        } else {
                            format!("{times_per_day} sessions")
                        }
                    ),
                );
            }
            t
        });
        let Some(mut exercise) = base else { continue };
        if let Some(over) = &item.dose {
            match override_dose(&exercise.dose, over, &item_path.key("dose"), found) {
                Some(d) => exercise.dose = d,
                // A rule is checked against the dose it changes.
                None => continue,
            }
        }
        let item_times = item_times.unwrap_or_else(|| {
            exercise
                .times_per_day
                .unwrap_or(times_per_day)
                .min(times_per_day)
        });
        let progression = item.progression.as_ref().and_then(|rule| {
            progression(rule, &exercise.dose, &item_path.key("progression"), found)
        });
        items.push(RoutineItem {
            exercise,
            times_per_day: item_times,
            progression,
        });
    }
    if found.0.len() > before {
        return None;
    }
    Some(Routine {
        id: raw.id.clone(),
        name,
        prescriber,
        note,
        times_per_day,
        measures_every_days,
        items,
    })
}

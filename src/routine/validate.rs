//! Turns the raw file shapes into the validated [`Exercise`] and [`Routine`],
//! collecting every problem with its field path.

use std::collections::HashSet;

use super::escape::is_hidden_or_control;
use super::problem::FieldPath;
use super::progression::{AFTER_GOOD_SESSIONS, DoseField, Progression};
use super::raw::{
    DoseKind, RawDose, RawDoseAmount, RawExercise, RawExerciseRef, RawProgression, RawRoutine,
};
use super::{Library, Routine, RoutineItem};
use crate::exercise::{Dose, Exercise, Holds, Image, Practice, Timed, bounds};

/// Problems found so far, each at a field path.
#[derive(Debug, Default)]
pub struct Found(pub Vec<(FieldPath, String)>);

impl Found {
    fn push(&mut self, path: FieldPath, message: impl Into<String>) {
        self.0.push((path, message.into()));
    }
}

/// Default rest between two holds, in seconds, when a dose does not say. The
/// source gives no number ("then relax"); this is the app's pacing.
pub const DEFAULT_REST_SECONDS: u32 = 5;
/// Default rest between two sets, in seconds.
pub const DEFAULT_REST_BETWEEN_SETS_SECONDS: u32 = 30;

fn check_id(id: &str, path: FieldPath, found: &mut Found) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        });
    if !ok {
        found.push(
            path,
            format!(
                "the id \"{}\" must be 1 to 64 lowercase letters, digits and single dashes, like \"seated-retraction\"",
                id.chars().take(70).collect::<String>()
            ),
        );
    }
}

fn check_text(text: &str, what: &str, max: usize, path: FieldPath, found: &mut Found) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        found.push(path, format!("the {what} is empty"));
    } else if trimmed.chars().count() > max {
        found.push(
            path,
            format!(
                "the {what} is {} characters long; at most {max} are allowed",
                trimmed.chars().count()
            ),
        );
    } else if let Some(c) = text.trim_ascii().chars().find(|&c| {
        // No text may hide or reorder what is around it. A name or other
        // short text is shown on one line and echoed in messages: no line
        // break either. Long text (steps, notes) may break lines. Only
        // spaces, tabs and line breaks at the ends are cut off unsaid; a
        // line separator there is refused like anywhere.
        is_hidden_or_control(c) && (max <= bounds::NAME_CHARS || c != '\n')
    }) {
        found.push(
            path,
            format!(
                "the {what} contains the control or invisible character U+{:04X}; remove it",
                u32::from(c)
            ),
        );
    }
    trimmed.to_owned()
}

fn check_optional_text(
    text: Option<&String>,
    what: &str,
    max: usize,
    path: FieldPath,
    found: &mut Found,
) -> Option<String> {
    text.map(|t| check_text(t, what, max, path, found))
}

fn in_range(
    value: i64,
    (min, max): (i64, i64),
    what: &str,
    unit: &str,
    path: FieldPath,
    found: &mut Found,
) -> u32 {
    if value < min || value > max {
        found.push(
            path,
            format!("{what} must be between {min} and {max}{unit}, found {value}"),
        );
        return u32::try_from(value.clamp(min, max)).unwrap_or(1);
    }
    u32::try_from(value).unwrap_or(1)
}

fn check_list(
    items: &[String],
    what: &str,
    required: bool,
    path: &FieldPath,
    found: &mut Found,
) -> Vec<String> {
    if required && items.is_empty() {
        found.push(path.clone(), format!("there must be at least one {what}"));
    }
    if items.len() > bounds::LIST_LEN {
        found.push(
            path.clone(),
            format!(
                "there are {} {what}s; at most {} are allowed",
                items.len(),
                bounds::LIST_LEN
            ),
        );
    }
    items
        .iter()
        .enumerate()
        .map(|(i, s)| check_text(s, what, bounds::TEXT_CHARS, path.index(i), found))
        .collect()
}

/// Checks an image path: `assets/...` for a built-in picture, or a relative
/// path that stays inside the folder of the file that names it.
pub fn check_image(image: &str, path: FieldPath, found: &mut Found) -> Option<Image> {
    let bad = |found: &mut Found, why: &str| {
        found.push(
            path.clone(),
            format!("the image path \"{image}\" {why}; use a path inside the routine's folder or under assets/"),
        );
        None
    };
    if image.is_empty() {
        return bad(found, "is empty");
    }
    if image.starts_with('/') || image.starts_with('\\') || image.contains(':') {
        return bad(found, "is absolute");
    }
    if image.contains('\\') {
        return bad(found, "uses backslashes");
    }
    if image
        .split('/')
        .any(|part| part == ".." || part.is_empty() || part == ".")
    {
        return bad(found, "leaves its folder");
    }
    let lower = image.to_ascii_lowercase();
    if !(lower.ends_with(".svg") || lower.ends_with(".png")) {
        return bad(found, "is not an .svg or .png file");
    }
    let image = Image::of(image);
    if let Image::Builtin(builtin) = &image
        && crate::assets::image(builtin).is_none()
    {
        let known: Vec<&str> = crate::assets::image_paths().collect();
        found.push(
            path,
            format!(
                "there is no built-in picture \"{builtin}\"; the built-in pictures are: {}",
                known.join(", ")
            ),
        );
        return None;
    }
    Some(image)
}

/// Validates an exercise (from its own file, or inline in a routine at `path`).
pub fn exercise(raw: &RawExercise, path: &FieldPath, found: &mut Found) -> Option<Exercise> {
    let before = found.0.len();
    check_id(&raw.id, path.key("id"), found);
    let name = check_text(
        &raw.name,
        "name",
        bounds::NAME_CHARS,
        path.key("name"),
        found,
    );
    let category = check_optional_text(
        raw.category.as_ref(),
        "category",
        bounds::NAME_CHARS,
        path.key("category"),
        found,
    );
    let steps = check_list(&raw.steps, "step", true, &path.key("steps"), found);
    let cautions = check_list(
        &raw.cautions,
        "caution",
        false,
        &path.key("cautions"),
        found,
    );
    let dose_path = path.key("dose");
    let dose = match raw.dose.kind {
        Some(kind) => dose(kind, &raw.dose, &dose_path, found),
        None => {
            found.push(
                dose_path.key("kind"),
                "missing required field `kind` (one of `holds`, `directions`, `timed`, `practice`)",
            );
            None
        }
    };
    let times_per_day = raw.times_per_day.map(|t| {
        in_range(
            t,
            bounds::TIMES_PER_DAY,
            "times_per_day",
            "",
            path.key("times_per_day"),
            found,
        )
    });
    let frequency = check_optional_text(
        raw.frequency.as_ref(),
        "frequency",
        bounds::NAME_CHARS,
        path.key("frequency"),
        found,
    );
    let image = raw
        .image
        .as_deref()
        .and_then(|i| check_image(i, path.key("image"), found));
    let source = check_optional_text(
        raw.source.as_ref(),
        "source",
        bounds::TEXT_CHARS,
        path.key("source"),
        found,
    );
    if found.0.len() > before {
        return None;
    }
    Some(Exercise {
        id: raw.id.clone(),
        name,
        category,
        position: raw.position,
        steps,
        cautions,
        dose: dose?,
        times_per_day,
        frequency,
        image,
        source,
    })
}

/// Validates a dose of `kind` whose fields are in `raw`, at `path`.
pub fn dose(kind: DoseKind, raw: &RawDose, path: &FieldPath, found: &mut Found) -> Option<Dose> {
    let before = found.0.len();
    let kind_name = match kind {
        DoseKind::Holds => "holds",
        DoseKind::Directions => "directions",
        DoseKind::Timed => "timed",
        DoseKind::Practice => "practice",
    };
    let not_here = |found: &mut Found, field: &str, given: bool| {
        if given {
            found.push(
                path.key(field),
                format!("`{field}` does not apply to a `{kind_name}` dose"),
            );
        }
    };
    let required = |found: &mut Found, field: &str, value: Option<i64>| {
        if value.is_none() {
            found.push(
                path.key(field),
                format!("a `{kind_name}` dose needs `{field}`"),
            );
        }
        value
    };
    let hold = |found: &mut Found, v: i64| {
        in_range(
            v,
            bounds::HOLD_SECONDS,
            "hold_seconds",
            " seconds",
            path.key("hold_seconds"),
            found,
        )
    };
    let reps = |found: &mut Found, v: i64| {
        in_range(
            v,
            bounds::REPETITIONS,
            "repetitions",
            "",
            path.key("repetitions"),
            found,
        )
    };
    let sets = |found: &mut Found, v: Option<i64>| {
        in_range(
            v.unwrap_or(1),
            bounds::SETS,
            "sets",
            "",
            path.key("sets"),
            found,
        )
    };
    let rest = |found: &mut Found, field: &str, v: Option<i64>, default: u32| match v {
        Some(v) => in_range(
            v,
            bounds::REST_SECONDS,
            field,
            " seconds",
            path.key(field),
            found,
        ),
        None => default,
    };
    let minutes = |found: &mut Found, field: &str, v: i64| {
        in_range(
            v,
            bounds::MINUTES,
            field,
            " minutes",
            path.key(field),
            found,
        )
    };

    let dose = match kind {
        DoseKind::Holds | DoseKind::Directions => {
            not_here(found, "minutes", raw.minutes.is_some());
            not_here(found, "max_minutes", raw.max_minutes.is_some());
            let hold_seconds =
                required(found, "hold_seconds", raw.hold_seconds).map(|v| hold(found, v));
            let sets = sets(found, raw.sets);
            let rest_seconds = rest(
                found,
                "rest_seconds",
                raw.rest_seconds,
                DEFAULT_REST_SECONDS,
            );
            let rest_between_sets_seconds = rest(
                found,
                "rest_between_sets_seconds",
                raw.rest_between_sets_seconds,
                DEFAULT_REST_BETWEEN_SETS_SECONDS,
            );
            let (directions, repetitions) = if kind == DoseKind::Holds {
                not_here(found, "directions", raw.directions.is_some());
                let repetitions =
                    required(found, "repetitions", raw.repetitions).map(|v| reps(found, v));
                (Vec::new(), repetitions)
            } else {
                let repetitions = reps(found, raw.repetitions.unwrap_or(1));
                let directions = raw.directions.clone().unwrap_or_default();
                if directions.is_empty() {
                    found.push(
                        path.key("directions"),
                        "a `directions` dose needs at least one direction",
                    );
                }
                let mut seen = HashSet::new();
                for (i, d) in directions.iter().enumerate() {
                    if !seen.insert(*d) {
                        found.push(
                            path.key("directions").index(i),
                            format!("the direction \"{}\" is listed twice", d.id()),
                        );
                    }
                }
                (directions, Some(repetitions))
            };
            Dose::Holds(Holds {
                directions,
                hold_seconds: hold_seconds?,
                repetitions: repetitions?,
                sets,
                rest_seconds,
                rest_between_sets_seconds,
            })
        }
        DoseKind::Timed | DoseKind::Practice => {
            for (field, given) in [
                ("hold_seconds", raw.hold_seconds.is_some()),
                ("repetitions", raw.repetitions.is_some()),
                ("sets", raw.sets.is_some()),
                ("rest_seconds", raw.rest_seconds.is_some()),
                (
                    "rest_between_sets_seconds",
                    raw.rest_between_sets_seconds.is_some(),
                ),
                ("directions", raw.directions.is_some()),
            ] {
                not_here(found, field, given);
            }
            if kind == DoseKind::Timed {
                let mins =
                    required(found, "minutes", raw.minutes).map(|v| minutes(found, "minutes", v));
                let max = raw.max_minutes.map(|v| minutes(found, "max_minutes", v));
                if let (Some(m), Some(x)) = (mins, max)
                    && x < m
                {
                    found.push(
                        path.key("max_minutes"),
                        format!("max_minutes ({x}) is less than minutes ({m})"),
                    );
                }
                Dose::Timed(Timed {
                    minutes: mins?,
                    max_minutes: max,
                })
            } else {
                not_here(found, "max_minutes", raw.max_minutes.is_some());
                Dose::Practice(Practice {
                    minutes: raw.minutes.map(|v| minutes(found, "minutes", v)),
                })
            }
        }
    };
    (found.0.len() == before).then_some(dose)
}

/// The raw fields of a validated dose, so a routine's override can be laid on top.
fn to_raw(dose: &Dose) -> (DoseKind, RawDose) {
    let n = |v: u32| Some(i64::from(v));
    match dose {
        Dose::Holds(h) => (
            if h.directions.is_empty() {
                DoseKind::Holds
            } else {
                DoseKind::Directions
            },
            RawDose {
                directions: (!h.directions.is_empty()).then(|| h.directions.clone()),
                hold_seconds: n(h.hold_seconds),
                repetitions: n(h.repetitions),
                sets: n(h.sets),
                rest_seconds: n(h.rest_seconds),
                rest_between_sets_seconds: n(h.rest_between_sets_seconds),
                ..RawDose::default()
            },
        ),
        Dose::Timed(t) => (
            DoseKind::Timed,
            RawDose {
                minutes: n(t.minutes),
                max_minutes: t.max_minutes.and_then(n),
                ..RawDose::default()
            },
        ),
        Dose::Practice(p) => (
            DoseKind::Practice,
            RawDose {
                minutes: p.minutes.and_then(n),
                ..RawDose::default()
            },
        ),
    }
}

/// Lays a routine item's dose override on an exercise's own dose.
fn override_dose(base: &Dose, over: &RawDose, path: &FieldPath, found: &mut Found) -> Option<Dose> {
    let (kind, base) = to_raw(base);
    if let Some(k) = over.kind
        && k != kind
    {
        found.push(
            path.key("kind"),
            "the dose kind of an exercise cannot be changed by a routine; leave `kind` out or define the exercise inline",
        );
        return None;
    }
    dose(kind, &lay_dose(base, over), path, found)
}

/// `over`'s fields laid on `base` (a routine item's dose on its exercise's;
/// the kind is left as it is). A shorter time for a timed position drops
/// the source's upper bound if it would now be below the new time. The
/// validator and the builder's draft both lay doses with it.
pub(super) fn lay_dose(mut merged: RawDose, over: &RawDose) -> RawDose {
    macro_rules! lay {
        ($($field:ident),*) => { $( if over.$field.is_some() { merged.$field = over.$field.clone(); } )* };
    }
    lay!(
        hold_seconds,
        repetitions,
        sets,
        rest_seconds,
        rest_between_sets_seconds,
        directions,
        minutes,
        max_minutes
    );
    // A shorter time for a timed position drops the source's upper bound if
    // it would now be below the new time.
    if over.minutes.is_some()
        && over.max_minutes.is_none()
        && let (Some(m), Some(x)) = (merged.minutes, merged.max_minutes)
        && x < m
    {
        merged.max_minutes = None;
    }
    merged
}

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
                    let hint = match super::problem::nearest(id, known.iter().copied()) {
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
        let Some(mut exercise) = base else { continue };
        if let Some(over) = &item.dose {
            match override_dose(&exercise.dose, over, &item_path.key("dose"), found) {
                Some(d) => exercise.dose = d,
                None => continue,
            }
        }
        let item_times = match item.times_per_day {
            Some(t) => {
                let t = in_range(
                    t,
                    bounds::TIMES_PER_DAY,
                    "times_per_day",
                    "",
                    item_path.key("times_per_day"),
                    found,
                );
                let routine_ok = (bounds::TIMES_PER_DAY.0..=bounds::TIMES_PER_DAY.1)
                    .contains(&raw.times_per_day);
                if routine_ok && t > times_per_day {
                    found.push(
                        item_path.key("times_per_day"),
                        format!(
                            "this item is due {} but the routine has only {} a day",
                            super::times_a_day(t),
                            if times_per_day == 1 {
                                "1 session".to_owned()
                            } else {
                                format!("{times_per_day} sessions")
                            }
                        ),
                    );
                }
                t
            }
            None => exercise
                .times_per_day
                .unwrap_or(times_per_day)
                .min(times_per_day),
        };
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
        items,
    })
}

/// The one field an amount names, and its value; a problem when it names
/// none or several.
fn amount(raw: &RawDoseAmount, path: &FieldPath, found: &mut Found) -> Option<(DoseField, i64)> {
    let named: Vec<(DoseField, i64)> = [
        (DoseField::Repetitions, raw.repetitions),
        (DoseField::HoldSeconds, raw.hold_seconds),
        (DoseField::Sets, raw.sets),
        (DoseField::Minutes, raw.minutes),
    ]
    .into_iter()
    .filter_map(|(field, value)| value.map(|v| (field, v)))
    .collect();
    match named.as_slice() {
        [one] => Some(*one),
        [] => {
            found.push(
                path.clone(),
                "name one of `repetitions`, `hold_seconds`, `sets` or `minutes`",
            );
            None
        }
        several => {
            let keys: Vec<String> = several
                .iter()
                .map(|(f, _)| format!("`{}`", f.key()))
                .collect();
            found.push(
                path.clone(),
                format!(
                    "this names {} fields ({}); a rule changes one",
                    several.len(),
                    keys.join(", ")
                ),
            );
            None
        }
    }
}

/// Checks a progression rule against the item's `dose`: one field named the
/// same in `step`, `up_to` and `down_to`, a positive step, limits within the
/// dose bounds with `down_to` at most `up_to` and the prescribed dose between
/// them, and 1–50 good sessions.
fn progression(
    raw: &RawProgression,
    dose: &Dose,
    path: &FieldPath,
    found: &mut Found,
) -> Option<Progression> {
    let before = found.0.len();
    let step = amount(&raw.step, &path.key("step"), found);
    let up_to = amount(&raw.up_to, &path.key("up_to"), found);
    let down_to = amount(&raw.down_to, &path.key("down_to"), found);
    let after = in_range(
        raw.after_good_sessions,
        AFTER_GOOD_SESSIONS,
        "after_good_sessions",
        "",
        path.key("after_good_sessions"),
        found,
    );
    let (Some((field, step)), Some(up), Some(down)) = (step, up_to, down_to) else {
        return None;
    };
    let field_path = |which: &str| path.key(which).key(field.key());
    if step < 1 {
        found.push(
            field_path("step"),
            format!("the step must be at least 1, found {step}"),
        );
    }
    for (which, (other, _)) in [("up_to", up), ("down_to", down)] {
        if other != field {
            found.push(
                path.key(which).key(other.key()),
                format!(
                    "`{which}` names `{}` but the step changes `{}`",
                    other.key(),
                    field.key()
                ),
            );
        }
    }
    if found.0.len() > before {
        return None;
    }
    let (min, max) = field.bounds();
    let up = in_range(
        up.1,
        (min, max),
        field.key(),
        "",
        field_path("up_to"),
        found,
    );
    let down = in_range(
        down.1,
        (min, max),
        field.key(),
        "",
        field_path("down_to"),
        found,
    );
    if found.0.len() > before {
        // A limit out of bounds says enough; comparing clamped values
        // would name numbers the file does not hold.
        return None;
    }
    if down > up {
        found.push(
            field_path("down_to"),
            format!("down_to ({down}) is above up_to ({up})"),
        );
        return None;
    }
    match field.get(dose) {
        None => found.push(
            path.key("step").key(field.key()),
            format!("this dose has no `{}` to change", field.key()),
        ),
        Some(prescribed) if prescribed < down || prescribed > up => found.push(
            path.clone(),
            format!(
                "the prescribed {} ({prescribed}) is outside down_to ({down}) to up_to ({up})",
                field.key()
            ),
        ),
        Some(_) => {}
    }
    if found.0.len() > before {
        return None;
    }
    Some(Progression {
        field,
        step: u32::try_from(step).unwrap_or(1),
        up_to: up,
        down_to: down,
        after_good_sessions: after,
    })
}

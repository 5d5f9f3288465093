//! A dose checked against its kind and the bounds, and a routine item's
//! dose laid on its exercise's own.

use std::collections::HashSet;

use super::fields::in_range;
use super::{DEFAULT_REST_BETWEEN_SETS_SECONDS, DEFAULT_REST_SECONDS, Found};
use crate::exercise::{Dose, Holds, Practice, Timed, bounds};
use crate::routine::problem::FieldPath;
use crate::routine::raw::{DoseKind, RawDose};
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
pub(super) fn override_dose(
    base: &Dose,
    over: &RawDose,
    path: &FieldPath,
    found: &mut Found,
) -> Option<Dose> {
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
pub(in crate::routine) fn lay_dose(mut merged: RawDose, over: &RawDose) -> RawDose {
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

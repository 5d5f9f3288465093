//! A progression rule checked against the dose it changes.

use super::Found;
use super::fields::in_range;
use crate::exercise::Dose;
use crate::routine::problem::FieldPath;
use crate::routine::progression::{AFTER_GOOD_SESSIONS, DoseField, Progression};
use crate::routine::raw::{RawDoseAmount, RawProgression};
/// The one field an amount names, and its value; a problem when it names
/// none or several.
fn amount(raw: &RawDoseAmount, path: &FieldPath, found: &mut Found) -> Option<(DoseField, i64)> {
    let named: Vec<(DoseField, i64)> = raw.named().collect();
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
pub(super) fn progression(
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

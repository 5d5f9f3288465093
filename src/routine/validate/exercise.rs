//! An exercise checked, from its own file or inline in a routine.

use super::Found;
use super::dose::dose;
use super::fields::{check_id, check_image, check_list, check_optional_text, check_text, in_range};
use crate::exercise::{Exercise, bounds};
use crate::routine::problem::FieldPath;
use crate::routine::raw::RawExercise;
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
    let picture_held = raw
        .picture_held
        .as_deref()
        .and_then(|i| check_image(i, path.key("picture_held"), found));
    if raw.picture_held.is_some() && raw.image.is_none() {
        found.push(
            path.key("picture_held"),
            "a held position's picture needs the start position's too: add \"image\" with the picture of the start, or remove \"picture_held\"".to_owned(),
        );
    }
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
        picture_held,
        source,
    })
}

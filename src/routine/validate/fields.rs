//! The checks of single fields, each problem at its path: an id, a text
//! (length, hidden or control characters), a number in its range, a list
//! of texts, an image path.

use super::Found;
use crate::exercise::{Image, bounds};
use crate::routine::escape::is_hidden_or_control;
use crate::routine::problem::FieldPath;
pub(super) fn check_id(id: &str, path: FieldPath, found: &mut Found) {
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

pub(super) fn check_text(
    text: &str,
    what: &str,
    max: usize,
    path: FieldPath,
    found: &mut Found,
) -> String {
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

pub(super) fn check_optional_text(
    text: Option<&String>,
    what: &str,
    max: usize,
    path: FieldPath,
    found: &mut Found,
) -> Option<String> {
    text.map(|t| check_text(t, what, max, path, found))
}

pub(super) fn in_range(
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

pub(super) fn check_list(
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

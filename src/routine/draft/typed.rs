//! What was typed, read: a number field's text as a number (or the
//! problem with it), a number as text, an id made from a name.

use crate::routine::problem::FieldPath;
pub(super) fn number_text(value: Option<i64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The number typed at `path`: `None` when the field is empty; a problem
/// when it is not a whole number.
pub(super) fn number(
    text: &str,
    path: &FieldPath,
    typed: &mut Vec<(FieldPath, String)>,
) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(v) => Some(v),
        Err(_) => {
            let message = if text.chars().all(|c| c.is_ascii_digit()) {
                "Type a smaller number: this one is far too large"
            } else {
                "Type a whole number, like 5"
            };
            typed.push((path.clone(), message.to_owned()));
            None
        }
    }
}

/// A number the file must have: an empty field is a problem (and 0 stands
/// in for it, which the validator would refuse too).
pub(super) fn required_number(
    text: &str,
    path: &FieldPath,
    typed: &mut Vec<(FieldPath, String)>,
) -> i64 {
    let before = typed.len();
    match number(text, path, typed) {
        Some(v) => v,
        None => {
            if typed.len() == before {
                typed.push((path.clone(), "Type a number here".to_owned()));
            }
            0
        }
    }
}

pub(super) fn optional_text(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_owned())
}

/// An id made from a name: lowercase ASCII letters and digits, words joined
/// by single dashes, at most 64 characters; `fallback` when nothing is left.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let mut id: String = id.chars().take(64).collect();
    while id.ends_with('-') {
        id.pop();
    }
    if id.is_empty() {
        fallback.to_owned()
    } else {
        id
    }
}

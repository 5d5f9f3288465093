//! Turns the raw file shapes into the validated
//! [`Exercise`](crate::exercise::Exercise) and
//! [`Routine`](crate::routine::Routine), collecting every problem with its
//! field path.
//!
//! One file for each part of a routine file: `fields.rs` (ids, texts, numbers in range,
//! lists, image paths), `exercise.rs`, `dose.rs` (a dose, and an item's
//! dose laid on its exercise's), `routine.rs` (a routine and its items)
//! and `progression.rs` (a progression rule).

mod dose;
mod exercise;
mod fields;
mod progression;
mod routine;

pub use dose::dose;
pub(in crate::routine) use dose::lay_dose;
pub use exercise::exercise;
pub use fields::check_image;
pub use routine::routine;

use super::problem::FieldPath;

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

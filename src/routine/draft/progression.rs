//! A progression rule as typed ([`DraftProgression`]): the dose field it
//! changes and its numbers.

use super::typed::{number, number_text, required_number};
use crate::routine::problem::FieldPath;
use crate::routine::progression::DoseField;
use crate::routine::raw::{RawDoseAmount, RawProgression};
/// A progression rule as typed: the field it changes and its numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftProgression {
    /// The dose field that changes.
    pub field: DoseField,
    /// By how much one change moves it.
    pub step: String,
    /// The most it may rise to.
    pub up_to: String,
    /// The least it may fall to.
    pub down_to: String,
    /// Good sessions in a row before it rises.
    pub after_good_sessions: String,
}

impl DraftProgression {
    pub(super) fn from_raw(raw: &RawProgression) -> Self {
        let field = raw
            .step
            .named()
            .next()
            .or_else(|| raw.up_to.named().next())
            .map_or(DoseField::Repetitions, |(f, _)| f);
        let value = |a: &RawDoseAmount| number_text(a.get(field));
        Self {
            field,
            step: value(&raw.step),
            up_to: value(&raw.up_to),
            down_to: value(&raw.down_to),
            after_good_sessions: raw.after_good_sessions.to_string(),
        }
    }

    pub(super) fn to_raw(
        &self,
        path: &FieldPath,
        typed: &mut Vec<(FieldPath, String)>,
    ) -> RawProgression {
        let field = self.field;
        let mut amount = |which: &str, text: &str| {
            let value = number(text, &path.key(which).key(field.key()), typed);
            RawDoseAmount::of(field, value)
        };
        let step = amount("step", &self.step);
        let up_to = amount("up_to", &self.up_to);
        let down_to = amount("down_to", &self.down_to);
        let after_path = path.key("after_good_sessions");
        let after_good_sessions = required_number(&self.after_good_sessions, &after_path, typed);
        RawProgression {
            step,
            up_to,
            down_to,
            after_good_sessions,
        }
    }
}

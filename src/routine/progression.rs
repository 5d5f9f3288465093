//! The therapist's rule for changing a dose with pain (validated): which
//! number of the dose changes, by how much, between which limits, and after
//! how many good sessions. The dose in effect is computed elsewhere
//! ([`crate::doses`]); this is the rule as the routine file states it.

use crate::exercise::{Dose, bounds};

/// The number of a dose a rule changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DoseField {
    /// Holds in one set.
    Repetitions,
    /// Seconds each hold lasts.
    HoldSeconds,
    /// Sets.
    Sets,
    /// Minutes of a timed position or a practice.
    Minutes,
}

impl DoseField {
    /// The field's name in routine files.
    pub fn key(self) -> &'static str {
        match self {
            Self::Repetitions => "repetitions",
            Self::HoldSeconds => "hold_seconds",
            Self::Sets => "sets",
            Self::Minutes => "minutes",
        }
    }

    /// Its name in the builder, as the dose's field is labelled there.
    pub fn label(self) -> &'static str {
        match self {
            Self::Repetitions => "Repetitions",
            Self::HoldSeconds => "Hold, seconds",
            Self::Sets => "Sets",
            Self::Minutes => "Minutes",
        }
    }

    /// The least and most any dose may have of it.
    pub fn bounds(self) -> (i64, i64) {
        match self {
            Self::Repetitions => bounds::REPETITIONS,
            Self::HoldSeconds => bounds::HOLD_SECONDS,
            Self::Sets => bounds::SETS,
            Self::Minutes => bounds::MINUTES,
        }
    }

    /// The value of this field in `dose`, when the dose has it.
    pub fn get(self, dose: &Dose) -> Option<u32> {
        match (self, dose) {
            (Self::Repetitions, Dose::Holds(h)) => Some(h.repetitions),
            (Self::HoldSeconds, Dose::Holds(h)) => Some(h.hold_seconds),
            (Self::Sets, Dose::Holds(h)) => Some(h.sets),
            (Self::Minutes, Dose::Timed(t)) => Some(t.minutes),
            (Self::Minutes, Dose::Practice(p)) => p.minutes,
            _ => None,
        }
    }

    /// `dose` with this field set to `value`; `None` when the dose has no
    /// such field.
    pub fn with(self, dose: &Dose, value: u32) -> Option<Dose> {
        let mut dose = dose.clone();
        match (self, &mut dose) {
            (Self::Repetitions, Dose::Holds(h)) => h.repetitions = value,
            (Self::HoldSeconds, Dose::Holds(h)) => h.hold_seconds = value,
            (Self::Sets, Dose::Holds(h)) => h.sets = value,
            (Self::Minutes, Dose::Timed(t)) => {
                t.minutes = value;
                t.max_minutes = t.max_minutes.map(|m| m.max(value));
            }
            (Self::Minutes, Dose::Practice(p)) if p.minutes.is_some() => p.minutes = Some(value),
            _ => return None,
        }
        Some(dose)
    }

    /// Words for an amount of it: "6 repetitions", "1 set".
    pub fn amount_words(self, value: u32) -> String {
        let (one, many) = match self {
            Self::Repetitions => ("repetition", "repetitions"),
            Self::HoldSeconds => ("second each hold", "seconds each hold"),
            Self::Sets => ("set", "sets"),
            Self::Minutes => ("minute", "minutes"),
        };
        format!("{value} {}", if value == 1 { one } else { many })
    }
}

/// How a dose may change with pain, as the routine's prescriber set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progression {
    /// The number that changes.
    pub field: DoseField,
    /// By how much one change moves it (at least 1).
    pub step: u32,
    /// The most it may rise to.
    pub up_to: u32,
    /// The least it may fall to (at most `up_to`).
    pub down_to: u32,
    /// Good sessions in a row before it rises (1–50).
    pub after_good_sessions: u32,
}

/// The bounds of `after_good_sessions`.
pub const AFTER_GOOD_SESSIONS: (i64, i64) = (1, 50);

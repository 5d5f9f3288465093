//! A dose as typed ([`DraftDose`]): each number as its text, and the
//! number fields a dose of each kind has ([`NumberField`]).

use super::typed::{number, number_text};
use crate::exercise::Direction;
use crate::routine::problem::FieldPath;
use crate::routine::raw::{DoseKind, RawDose};
/// A dose as typed: each number as its text (empty: not given).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DraftDose {
    /// The kind: required for an own exercise; a library item's override
    /// keeps the one its file had (usually none).
    pub kind: Option<DoseKind>,
    /// Seconds each hold lasts.
    pub hold_seconds: String,
    /// Holds in one set (in each direction).
    pub repetitions: String,
    /// Sets.
    pub sets: String,
    /// Seconds of rest between two holds.
    pub rest_seconds: String,
    /// Seconds of rest between two sets.
    pub rest_between_sets_seconds: String,
    /// Minutes of a timed position or a practice.
    pub minutes: String,
    /// The longest time of a timed position, in minutes.
    pub max_minutes: String,
    /// The directions, in order (`None`: not given).
    pub directions: Option<Vec<Direction>>,
}

/// A number field of a dose, for the builder to draw each in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    /// Seconds each hold lasts.
    HoldSeconds,
    /// Holds in one set.
    Repetitions,
    /// Sets.
    Sets,
    /// Seconds of rest between two holds.
    RestSeconds,
    /// Seconds of rest between two sets.
    RestBetweenSets,
    /// Minutes.
    Minutes,
    /// The longest time, in minutes.
    MaxMinutes,
}

impl NumberField {
    /// Every number field.
    pub const ALL: [Self; 7] = [
        Self::HoldSeconds,
        Self::Repetitions,
        Self::Sets,
        Self::RestSeconds,
        Self::RestBetweenSets,
        Self::Minutes,
        Self::MaxMinutes,
    ];

    /// The field's key in routine files (and in problems' paths).
    pub fn key(self) -> &'static str {
        match self {
            Self::HoldSeconds => "hold_seconds",
            Self::Repetitions => "repetitions",
            Self::Sets => "sets",
            Self::RestSeconds => "rest_seconds",
            Self::RestBetweenSets => "rest_between_sets_seconds",
            Self::Minutes => "minutes",
            Self::MaxMinutes => "max_minutes",
        }
    }

    /// Its name in the builder.
    pub fn label(self) -> &'static str {
        match self {
            Self::HoldSeconds => "Hold, seconds",
            Self::Repetitions => "Repetitions",
            Self::Sets => "Sets",
            Self::RestSeconds => "Rest between holds, seconds",
            Self::RestBetweenSets => "Rest between sets, seconds",
            Self::Minutes => "Minutes",
            Self::MaxMinutes => "At most, minutes",
        }
    }

    /// The least and most the validator allows (the bounds of
    /// [`crate::exercise::bounds`]).
    pub fn bounds(self) -> (i64, i64) {
        use crate::exercise::bounds;
        match self {
            Self::HoldSeconds => bounds::HOLD_SECONDS,
            Self::Repetitions => bounds::REPETITIONS,
            Self::Sets => bounds::SETS,
            Self::RestSeconds | Self::RestBetweenSets => bounds::REST_SECONDS,
            Self::Minutes | Self::MaxMinutes => bounds::MINUTES,
        }
    }

    /// What an empty field of a dose of `kind` gets, in words for its hint:
    /// the number the routine runs with, "none" where nothing is set, or
    /// "needed" where an empty field is a problem.
    pub fn when_empty(self, kind: DoseKind) -> String {
        use crate::routine::validate::{DEFAULT_REST_BETWEEN_SETS_SECONDS, DEFAULT_REST_SECONDS};
        match (self, kind) {
            (Self::Sets, _) => "1".to_owned(),
            (Self::RestSeconds, _) => DEFAULT_REST_SECONDS.to_string(),
            (Self::RestBetweenSets, _) => DEFAULT_REST_BETWEEN_SETS_SECONDS.to_string(),
            (Self::MaxMinutes, _) | (Self::Minutes, DoseKind::Practice) => "none".to_owned(),
            _ => "needed".to_owned(),
        }
    }

    /// The fields a dose of `kind` has, in the order the builder shows them.
    pub fn of_kind(kind: DoseKind) -> &'static [NumberField] {
        match kind {
            DoseKind::Holds | DoseKind::Directions => &[
                Self::HoldSeconds,
                Self::Repetitions,
                Self::Sets,
                Self::RestSeconds,
                Self::RestBetweenSets,
            ],
            DoseKind::Timed => &[Self::Minutes, Self::MaxMinutes],
            DoseKind::Practice => &[Self::Minutes],
        }
    }
}

impl DraftDose {
    /// The text of `field`.
    pub fn text(&self, field: NumberField) -> &str {
        match field {
            NumberField::HoldSeconds => &self.hold_seconds,
            NumberField::Repetitions => &self.repetitions,
            NumberField::Sets => &self.sets,
            NumberField::RestSeconds => &self.rest_seconds,
            NumberField::RestBetweenSets => &self.rest_between_sets_seconds,
            NumberField::Minutes => &self.minutes,
            NumberField::MaxMinutes => &self.max_minutes,
        }
    }

    /// The text of `field`, to change.
    pub fn text_mut(&mut self, field: NumberField) -> &mut String {
        match field {
            NumberField::HoldSeconds => &mut self.hold_seconds,
            NumberField::Repetitions => &mut self.repetitions,
            NumberField::Sets => &mut self.sets,
            NumberField::RestSeconds => &mut self.rest_seconds,
            NumberField::RestBetweenSets => &mut self.rest_between_sets_seconds,
            NumberField::Minutes => &mut self.minutes,
            NumberField::MaxMinutes => &mut self.max_minutes,
        }
    }

    /// Makes it a dose of `kind`, emptying the fields that kind has not
    /// (they would be problems the builder no longer shows a field for).
    pub fn set_kind(&mut self, kind: DoseKind) {
        self.kind = Some(kind);
        for field in NumberField::ALL {
            if !NumberField::of_kind(kind).contains(&field) {
                self.text_mut(field).clear();
            }
        }
        if kind != DoseKind::Directions {
            self.directions = None;
        }
    }

    pub(super) fn from_raw(raw: &RawDose) -> Self {
        Self {
            kind: raw.kind,
            hold_seconds: number_text(raw.hold_seconds),
            repetitions: number_text(raw.repetitions),
            sets: number_text(raw.sets),
            rest_seconds: number_text(raw.rest_seconds),
            rest_between_sets_seconds: number_text(raw.rest_between_sets_seconds),
            minutes: number_text(raw.minutes),
            max_minutes: number_text(raw.max_minutes),
            directions: raw.directions.clone(),
        }
    }

    pub(super) fn to_raw(&self, path: &FieldPath, typed: &mut Vec<(FieldPath, String)>) -> RawDose {
        let mut n = |field: NumberField| number(self.text(field), &path.key(field.key()), typed);
        RawDose {
            kind: self.kind,
            hold_seconds: n(NumberField::HoldSeconds),
            repetitions: n(NumberField::Repetitions),
            sets: n(NumberField::Sets),
            rest_seconds: n(NumberField::RestSeconds),
            rest_between_sets_seconds: n(NumberField::RestBetweenSets),
            minutes: n(NumberField::Minutes),
            max_minutes: n(NumberField::MaxMinutes),
            directions: self.directions.clone(),
        }
    }
}

//! The dose in effect: each item's dose, replayed from the routine's
//! prescription through the log in order, by the therapist's progression
//! rule (the pain-monitoring model). Pure: the routine and the log's lines
//! are handed in, so anyone can recompute it.
//!
//! For one item, a session is
//! - **bad** if it was stopped for pain in that item (or, for a record that
//!   does not say where, stopped for pain at all), or the item was in it and
//!   pain after was 6 or more, or at least 2 above pain before, or arm
//!   symptoms were further down the arm than before;
//! - **good** if it completed, the item was done in full, pain after was
//!   given and it is not bad;
//! - anything else changes nothing.
//!
//! A next-morning "worse" (the first check-in's answer to "Compared with
//! yesterday morning") is one bad event for every item, on that morning,
//! before that day's sessions; only mornings after the day of the
//! routine's first session count (before it, nothing was done to compare).
//!
//! After `after_good_sessions` good sessions in a row the dose rises by the
//! step, never above `up_to`; a bad event lowers it by the step, never
//! below `down_to`, and the count starts again. The dose never moves more
//! than one step from where it stood in the morning of a day, and never
//! rises on a day with a warning sign or on a day the exercise was held out
//! after a pain stop in it ([`crate::follow_up`]) for any part of the day.
//!
//! Here the dose in effect ([`doses_in_effect`]) and what it is made of;
//! `verdict.rs` says how a session went for an item, `replay.rs` replays
//! the log's events through the rule, `words.rs` is what home says of it.

mod replay;
mod verdict;
mod words;

pub use replay::worse_mornings;
pub use words::{bad_events_words, change_words};

use std::collections::BTreeSet;

use jiff::civil::Date;

use crate::exercise::Dose;
use crate::log::{ClearanceRecord, DailyCheckRecord, SessionRecord};
use crate::routine::Routine;
use crate::routine::progression::Progression;
use replay::{Event, held_out_days, replay};
/// Pain after at or above this makes a session bad.
pub const BAD_PAIN_AFTER: u8 = 6;
/// Pain after this much above pain before makes a session bad.
pub const BAD_PAIN_RISE: u8 = 2;
/// Bad events in seven days at which home says to talk to the physical
/// therapist.
pub const BAD_EVENTS_WARNING: u32 = 3;
/// What home says then, after the exercises' names.
pub const BAD_EVENTS_WORDS: &str = "talk to your physical therapist before going on";

/// The reason of a change after a next-morning "worse".
pub const MORNING_WORSE: &str = "neck and arm pain worse than the morning before";

/// The lines of the log the doses are replayed from (any order).
#[derive(Debug, Clone, Copy, Default)]
pub struct DoseLog<'a> {
    /// The sessions (only the routine's own count).
    pub records: &'a [SessionRecord],
    /// The daily checks: warning signs and the next-morning answers.
    pub daily_checks: &'a [DailyCheckRecord],
    /// The clearances after pain stops.
    pub clearances: &'a [ClearanceRecord],
}

/// A change of an item's dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseChange {
    /// The day of the session (or the morning) that caused it.
    pub date: Date,
    /// The value before.
    pub from: u32,
    /// The value after.
    pub to: u32,
    /// Why, in words.
    pub reason: String,
}

/// One item's dose in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDose {
    /// The exercise's id.
    pub exercise: String,
    /// The rule it follows.
    pub rule: Progression,
    /// The dose in effect.
    pub dose: Dose,
    /// Good sessions in a row counted towards the next step up.
    pub good_sessions: u32,
    /// Every change, oldest first.
    pub changes: Vec<DoseChange>,
    /// Bad events (sessions and mornings) on the seven days up to `today`.
    pub bad_in_last_seven_days: u32,
}

/// The dose in effect of every item of `routine` that has a progression
/// rule (items without one keep the prescribed dose and are not listed),
/// replaying `log` up to and including `today`.
pub fn doses_in_effect(routine: &Routine, log: DoseLog<'_>, today: Date) -> Vec<ItemDose> {
    let mut events: Vec<Event<'_>> = log
        .records
        .iter()
        .filter(|r| r.routine.id == routine.id && r.started_at.date() <= today)
        .map(Event::Session)
        .collect();
    let first_day = events.iter().map(Event::date).min();
    if let Some(first_day) = first_day {
        events.extend(
            worse_mornings(log.daily_checks)
                .into_iter()
                .filter(|d| *d > first_day && *d <= today)
                .map(Event::MorningWorse),
        );
    }
    // Mornings before the day's sessions; sessions in the order they began.
    events.sort_by_key(|e| match e {
        Event::MorningWorse(d) => (*d, 0, None),
        Event::Session(r) => (r.started_at.date(), 1, Some(r.started_at.timestamp())),
    });
    let warning_days: BTreeSet<Date> =
        crate::warning_signs::warning_sign_days(log.daily_checks, today)
            .into_iter()
            .filter_map(|d| d.date)
            .collect();
    routine
        .items
        .iter()
        .filter_map(|item| {
            let rule = item.progression?;
            let exercise = item.exercise.id.as_str();
            let mut no_rise = held_out_days(exercise, log.records, log.clearances, today);
            no_rise.extend(warning_days.iter().copied());
            Some(replay(
                exercise,
                &item.exercise.dose,
                rule,
                &events,
                &no_rise,
                today,
            ))
        })
        .collect()
}

/// `routine` with each item's dose replaced by its dose in effect in
/// `doses` (items without one as prescribed): what a session runs.
pub fn routine_in_effect(routine: &Routine, doses: &[ItemDose]) -> Routine {
    let mut routine = routine.clone();
    for item in &mut routine.items {
        if let Some(d) = doses.iter().find(|d| d.exercise == item.exercise.id) {
            item.exercise.dose = d.dose.clone();
        }
    }
    routine
}

#[cfg(test)]
mod tests;

//! What is due today: how many of a routine's sessions are done today and
//! which exercises the next session holds. A pure function of the routine,
//! the log's records and today's date, shared by the window, the command
//! line and (later) the reminders. Whether the outcome measures are due,
//! and their questionnaire, are in `due/measures.rs`.

mod measures;

pub use measures::{
    ActivityAnswer, MeasureAnswers, MeasuresDue, Questionnaire, measures_due,
    words as measure_words,
};

use jiff::civil::Date;

use crate::log::{Outcome, SessionRecord};
use crate::routine::{Routine, RoutineItem};

/// Today's standing of one routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueToday<'a> {
    /// Sessions of the routine completed today.
    pub done: u32,
    /// Sessions a day the routine prescribes.
    pub times_per_day: u32,
    /// The exercises of the next session, in order.
    pub items: Vec<&'a RoutineItem>,
}

impl DueToday<'_> {
    /// Whether all of today's sessions are done (a further one is an extra).
    pub fn all_done(&self) -> bool {
        self.done >= self.times_per_day
    }
}

/// Sessions of the routine `routine_id` completed on `day` (by the local date
/// each session started on). Sessions ended early, stopped or interrupted do
/// not count.
pub fn sessions_done_on(records: &[SessionRecord], routine_id: &str, day: Date) -> u32 {
    let n = records
        .iter()
        .filter(|r| {
            r.routine.id == routine_id
                && r.outcome == Outcome::Completed
                && r.started_at.date() == day
        })
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What is due today of `routine`, given the log's `records`.
pub fn due_today<'a>(routine: &'a Routine, records: &[SessionRecord], today: Date) -> DueToday<'a> {
    due_after(routine, sessions_done_on(records, &routine.id, today))
}

/// What is due of `routine` once `done` of today's sessions are done.
pub fn due_after(routine: &Routine, done: u32) -> DueToday<'_> {
    DueToday {
        done,
        times_per_day: routine.times_per_day,
        items: routine.due_items(done),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, rec};
    use crate::routine::Library;

    #[test]
    fn counts_todays_completed_sessions_of_the_routine_only() {
        let library = Library::builtin();
        let daily = library
            .presets()
            .into_iter()
            .find(|r| r.id == "daily-neck-routine")
            .unwrap();
        let mut records = vec![
            rec("2026-11-21T08:00:00+01:00", Outcome::Completed, 3),
            rec("2026-11-21T12:00:00+01:00", Outcome::Completed, 3),
            rec("2026-11-21T13:00:00+01:00", Outcome::StoppedForPain, 3),
            rec("2026-11-20T12:00:00+01:00", Outcome::Completed, 3),
        ];
        for r in &mut records {
            r.routine.id = daily.id.as_str().into();
        }
        let mut other = rec("2026-11-21T14:00:00+01:00", Outcome::Completed, 3);
        other.routine.id = "another".into();
        records.push(other);
        let due = due_today(&daily, &records, day(2026, 11, 21));
        assert_eq!(due.done, 2);
        assert!(!due.all_done());
        assert_eq!(due.items.len(), 3, "head lifts are due twice a day");
        assert_eq!(
            due_today(&daily, &records, day(2026, 11, 22)).items.len(),
            4
        );
    }
}

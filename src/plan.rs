//! The plan of a session: the routine's doses in effect, the exercises held
//! out after a pain stop (each with why), and the timed schedule of what is
//! left. The one place this sequence is written: the window starts its
//! sessions from it, `neckguide plan` prints it, `neckguide doses` and the
//! report read the doses from it, and the tests check it. Pure: the
//! routine, the log's lines, today and the pacing are handed in.

use jiff::civil::Date;

use crate::doses::{DoseLog, ItemDose};
use crate::follow_up::HeldOut;
use crate::routine::Routine;
use crate::schedule::{Schedule, ScheduleConfig};

/// What a plan takes from the log, as of one day: the doses in effect and
/// the exercises held out. Computed once for a state of the log, day and
/// routine (the window keeps it), then planned from for any session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InEffect {
    /// The dose in effect of each of the routine's items with a progression
    /// rule ([`crate::doses::doses_in_effect`]); none without a routine.
    pub doses: Vec<ItemDose>,
    /// The exercises held out now after a pain stop
    /// ([`crate::follow_up::held_out`]), whatever the routine.
    pub held_out: Vec<HeldOut>,
}

impl InEffect {
    /// Replays `log` up to and including `today` for `routine` (doses) and
    /// for every exercise (held out). With no routine there are no doses.
    pub fn from_log(routine: Option<&Routine>, log: DoseLog<'_>, today: Date) -> Self {
        Self {
            doses: routine.map_or_else(Vec::new, |r| crate::doses::doses_in_effect(r, log, today)),
            held_out: crate::follow_up::held_out(log.records, log.clearances),
        }
    }

    /// The session of `routine` that follows `sessions_done_today`
    /// sessions today, with the person's `pacing`: each item at its dose in
    /// effect, without the held-out items (said in [`Plan::left_out`]).
    /// `routine` is the one these doses were replayed for.
    pub fn plan(
        &self,
        routine: &Routine,
        sessions_done_today: u32,
        pacing: &ScheduleConfig,
    ) -> Plan {
        let routine = crate::doses::routine_in_effect(routine, &self.doses);
        let left_out: Vec<LeftOut> = routine
            .due_items(sessions_done_today)
            .into_iter()
            .filter_map(|item| {
                let held = self
                    .held_out
                    .iter()
                    .find(|h| h.exercise == item.exercise.id)?;
                Some(LeftOut {
                    exercise: item.exercise.id.clone(),
                    name: item.exercise.name.clone(),
                    reason: held.reason(),
                })
            })
            .collect();
        let ids: Vec<&str> = left_out.iter().map(|l| l.exercise.as_str()).collect();
        let schedule =
            Schedule::for_session_holding_out(&routine, sessions_done_today, pacing, &ids);
        Plan {
            routine,
            left_out,
            schedule,
        }
    }
}

/// The plan of one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The routine with each item's dose in effect (the prescribed dose for
    /// items without a progression rule).
    pub routine: Routine,
    /// The items due in this session that are left out because they are
    /// held out after a pain stop, in routine order.
    pub left_out: Vec<LeftOut>,
    /// The timed steps of the session: what the window runs and
    /// `neckguide plan` prints.
    pub schedule: Schedule,
}

/// An item due in a session and left out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The exercise's id.
    pub exercise: String,
    /// The exercise's name.
    pub name: String,
    /// Why, in the words the window and `plan` use ([`HeldOut::reason`]).
    pub reason: String,
}

/// The plan of the session of `routine` that follows `sessions_done_today`
/// sessions today: [`InEffect::from_log`] then [`InEffect::plan`].
pub fn plan(
    routine: &Routine,
    log: DoseLog<'_>,
    today: Date,
    sessions_done_today: u32,
    pacing: &ScheduleConfig,
) -> Plan {
    InEffect::from_log(Some(routine), log, today).plan(routine, sessions_done_today, pacing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::{day, done_in_full, rec};
    use crate::log::{Outcome, PainScore, PainStop, Seconds, SessionRecord, StopReason, StopStep};
    use crate::routine::progression::DoseField;

    /// Head lifts (5 repetitions, up by 1 after 2 good sessions) three
    /// times a day, and supine neutral head once a day.
    fn routine() -> Routine {
        let library = crate::routine::Library::builtin();
        let text = r#"{ "id": "daily", "name": "Daily", "times_per_day": 3, "items": [
              { "exercise": "head-lifts",
                "progression": { "step": { "repetitions": 1 }, "up_to": { "repetitions": 8 },
                                 "down_to": { "repetitions": 3 }, "after_good_sessions": 2 } },
              { "exercise": "supine-neutral-head", "times_per_day": 1 } ] }"#;
        crate::routine::parse_routine("r.json", text.as_bytes(), &library)
            .unwrap_or_else(|p| panic!("{p}"))
    }

    /// A completed session of head lifts on `d` November at `hour`, done in
    /// full, pain 3 before and 2 after: good.
    fn good(d: u8, hour: u8) -> SessionRecord {
        let mut r = rec(
            &format!("2026-11-{d:02}T{hour:02}:00:00+00:00"),
            Outcome::Completed,
            3,
        );
        r.pain_before = PainScore::new(3);
        r.pain_after = PainScore::new(2);
        r.exercises = vec![done_in_full("head-lifts", 5)];
        r
    }

    /// A session stopped for pain in `exercise` on `d` November.
    fn stop(d: u8, exercise: &str) -> SessionRecord {
        let mut r = rec(
            &format!("2026-11-{d:02}T09:00:00+00:00"),
            Outcome::StoppedForPain,
            3,
        );
        r.pain_stop = Some(Box::new(PainStop {
            exercise: exercise.into(),
            step: StopStep::Hold,
            set: Some(1),
            repetition: Some(1),
            direction: None,
            seconds_into_step: Seconds::default(),
            reason: StopReason::Pain,
            arm_symptoms_now: None,
            arm_now: None,
        }));
        r
    }

    fn ids(schedule: &Schedule) -> Vec<&str> {
        schedule
            .exercises
            .iter()
            .map(|e| e.exercise.id.as_str())
            .collect()
    }

    #[test]
    fn the_plan_runs_each_dose_in_effect_and_leaves_out_what_is_held_out_saying_why() {
        let r = routine();
        let records = [stop(19, "supine-neutral-head"), good(20, 9), good(20, 15)];
        let log = DoseLog {
            records: &records,
            ..Default::default()
        };
        let plan = plan(&r, log, day(2026, 11, 21), 0, &ScheduleConfig::default());
        // Two good sessions raised head lifts from 5 to 6 repetitions.
        let reps = |routine: &Routine| {
            routine
                .items
                .first()
                .and_then(|i| DoseField::Repetitions.get(&i.exercise.dose))
        };
        assert_eq!((reps(&r), reps(&plan.routine)), (Some(5), Some(6)));
        let scheduled = plan.schedule.exercises.first().map(|e| &e.exercise.dose);
        assert_eq!(
            scheduled,
            plan.routine.items.first().map(|i| &i.exercise.dose),
            "the session runs the dose in effect"
        );
        // Supine neutral head is held out after its pain stop, and said.
        assert_eq!(ids(&plan.schedule), vec!["head-lifts"]);
        let said: Vec<(&str, &str)> = plan
            .left_out
            .iter()
            .map(|l| (l.name.as_str(), l.reason.as_str()))
            .collect();
        assert_eq!(
            said,
            vec![(
                "Supine neutral head exercise",
                "held out after pain on 19 Nov: talk to your physical therapist first"
            )]
        );
    }

    #[test]
    fn a_held_out_exercise_not_due_in_the_session_is_not_said() {
        let r = routine();
        let records = [stop(19, "supine-neutral-head")];
        let in_effect = InEffect::from_log(
            Some(&r),
            DoseLog {
                records: &records,
                ..Default::default()
            },
            day(2026, 11, 21),
        );
        // The second session of the day has only head lifts due.
        let plan = in_effect.plan(&r, 1, &ScheduleConfig::default());
        assert_eq!(ids(&plan.schedule), vec!["head-lifts"]);
        assert!(plan.left_out.is_empty(), "{:?}", plan.left_out);
        // With no routine, the held-out exercises are still known.
        let none = InEffect::from_log(
            None,
            DoseLog {
                records: &records,
                ..Default::default()
            },
            day(2026, 11, 21),
        );
        assert!(none.doses.is_empty());
        assert_eq!(none.held_out, in_effect.held_out);
    }
}

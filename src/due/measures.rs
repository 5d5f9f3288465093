//! Whether the outcome measures are due at a check-in ([`measures_due`]),
//! and the questionnaire being answered ([`Questionnaire`]): neck pain and
//! arm pain now (0–10), the PSFS (at the first time up to five activities
//! in the person's own words, later each earlier one rated again; an
//! activity may be added or retired, never renamed) and, from the second
//! time, the global rating of change. Pure: "today" is passed in.
//!
//! They are due at the first check-in with a routine, then once the
//! routine's `measures_every_days` (7 unless it says) have passed since the
//! last answers. "Not now" writes nothing, so they are asked again at the
//! next check-in.

use jiff::civil::Date;

use crate::log::record::{
    Activity, Groc, MAX_PSFS_ACTIVITIES, MeasureRecord, Psfs, PsfsItem, PsfsScore,
};
use crate::log::{LocalTimestamp, PainScore};

/// The outcome measures due at a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasuresDue {
    /// Whether they were never answered before (no GROC then: there is no
    /// start to compare with).
    pub first: bool,
    /// The PSFS activities of the last answers, rated again this time.
    pub activities: Vec<Activity>,
}

/// The outcome measures due `today`, if they are: never answered, or last
/// answered `every_days` or more days ago (measure lines after `today`
/// are not counted).
pub fn measures_due(
    records: &[MeasureRecord],
    every_days: u32,
    today: Date,
) -> Option<MeasuresDue> {
    let last = records
        .iter()
        .filter(|r| r.at.date() <= today)
        .max_by_key(|r| r.at.timestamp());
    let Some(last) = last else {
        return Some(MeasuresDue {
            first: true,
            activities: Vec::new(),
        });
    };
    let next = last
        .at
        .date()
        .checked_add(jiff::Span::new().days(i64::from(every_days)))
        .unwrap_or(Date::MAX);
    (today >= next).then(|| MeasuresDue {
        first: false,
        activities: last
            .psfs
            .items()
            .iter()
            .map(|i| i.activity.clone())
            .collect(),
    })
}

/// The questionnaire's words, asked in this order.
pub mod words {
    /// Neck pain now.
    pub const NECK_PAIN: &str =
        "How much neck pain do you have right now? 0 is no pain, 10 the worst pain imaginable.";
    /// Arm pain now.
    pub const ARM_PAIN: &str =
        "How much arm pain do you have right now? 0 is no pain, 10 the worst pain imaginable.";
    /// The PSFS, the first time.
    pub const PSFS_FIRST: &str = "Name up to five activities that are hard for you because of your neck or arm, in your own words, and rate how well you can do each now: 0 is unable to do it, 10 is able to do it as before the problem.";
    /// The PSFS, later times.
    pub const PSFS_AGAIN: &str = "Rate how well you can do each of your activities now: 0 is unable to do it, 10 is able to do it as before the problem. Retire one that no longer matters; add a new one if you need to.";
    /// The GROC.
    pub const GROC: &str =
        "Overall, how is your neck and arm problem now compared with when you started?";
    /// The field for a new activity.
    pub const NEW_ACTIVITY: &str = "A new activity, in your own words";
}

/// One PSFS activity of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityAnswer {
    /// The activity's words.
    pub activity: Activity,
    /// Whether it was rated at an earlier time (it can be retired, not
    /// removed or renamed).
    pub earlier: bool,
    /// Whether the person retired it: it is not rated now, nor asked again.
    pub retired: bool,
    /// How well they can do it now, 0–10.
    pub score: Option<u8>,
}

/// The questionnaire as answered so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    /// Whether this is the first time (no GROC).
    pub first: bool,
    /// Neck pain now, 0–10.
    pub neck_pain: Option<u8>,
    /// Arm pain now, 0–10.
    pub arm_pain: Option<u8>,
    /// The PSFS activities: the earlier ones first, then those added.
    pub activities: Vec<ActivityAnswer>,
    /// The words being typed for a new activity.
    pub new_activity: String,
    /// The global rating of change, −7 … +7 (asked when not the first time).
    pub groc: Option<i8>,
}

/// The answers, checked: a measure line once the time is put to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureAnswers {
    /// Neck pain now.
    pub neck_pain: Option<PainScore>,
    /// Arm pain now.
    pub arm_pain: Option<PainScore>,
    /// The activities rated, in order (the retired ones left out).
    pub psfs: Psfs,
    /// The global rating of change, when asked.
    pub groc: Option<Groc>,
}

impl MeasureAnswers {
    /// The measure line of these answers given `at`.
    pub fn record(self, at: LocalTimestamp) -> MeasureRecord {
        MeasureRecord::new(at, self.neck_pain, self.arm_pain, self.psfs, self.groc)
    }
}

impl Questionnaire {
    /// The questionnaire of `due`, nothing answered yet.
    pub fn new(due: &MeasuresDue) -> Self {
        Questionnaire {
            first: due.first,
            neck_pain: None,
            arm_pain: None,
            activities: due
                .activities
                .iter()
                .map(|a| ActivityAnswer {
                    activity: a.clone(),
                    earlier: true,
                    retired: false,
                    score: None,
                })
                .collect(),
            new_activity: String::new(),
            groc: None,
        }
    }

    /// How many activities are rated this time (not retired).
    pub fn active(&self) -> usize {
        self.activities.iter().filter(|a| !a.retired).count()
    }

    /// Adds the activity typed ([`Questionnaire::new_activity`]); when it
    /// cannot be, says why and what to do.
    pub fn add_typed(&mut self) -> Result<(), &'static str> {
        let Some(activity) = Activity::new(&self.new_activity) else {
            return Err("Type the activity first, then add it.");
        };
        if let Some(same) = self.activities.iter_mut().find(|a| a.activity == activity) {
            if same.retired {
                // Named again: rated again, under the same words.
                same.retired = false;
                self.new_activity.clear();
                return Ok(());
            }
            return Err("That activity is in your list already.");
        }
        if self.active() >= MAX_PSFS_ACTIVITIES {
            return Err("Your list holds five activities: retire one to add another.");
        }
        self.activities.push(ActivityAnswer {
            activity,
            earlier: false,
            retired: false,
            score: None,
        });
        self.new_activity.clear();
        Ok(())
    }

    /// Retires activity `index` (an earlier one; one added now is removed),
    /// or, when it is retired, rates it again (if there is room).
    pub fn retire_or_keep(&mut self, index: usize) {
        let active = self.active();
        let Some(answer) = self.activities.get_mut(index) else {
            return;
        };
        if !answer.earlier {
            self.activities.remove(index);
        } else if answer.retired {
            if active < MAX_PSFS_ACTIVITIES {
                answer.retired = false;
            }
        } else {
            answer.retired = true;
            answer.score = None;
        }
    }

    /// What is still to answer, in words, or `None` when all is.
    pub fn missing(&self) -> Option<&'static str> {
        if self.neck_pain.is_none() {
            Some("Rate your neck pain to save.")
        } else if self.arm_pain.is_none() {
            Some("Rate your arm pain to save.")
        } else if self
            .activities
            .iter()
            .any(|a| !a.retired && a.score.is_none())
        {
            Some("Rate each activity, or retire it, to save.")
        } else if !self.new_activity.trim().is_empty() {
            Some("Add the activity you typed, or clear its words, to save.")
        } else if !self.first && self.groc.is_none() {
            Some("Answer how you are overall compared with when you started, to save.")
        } else {
            None
        }
    }

    /// The answers, once everything asked is answered.
    pub fn answers(&self) -> Option<MeasureAnswers> {
        if self.missing().is_some() {
            return None;
        }
        let items = self
            .activities
            .iter()
            .filter(|a| !a.retired)
            .map(|a| {
                Some(PsfsItem {
                    activity: a.activity.clone(),
                    score: PsfsScore::new(a.score?)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(MeasureAnswers {
            neck_pain: PainScore::new(self.neck_pain?),
            arm_pain: PainScore::new(self.arm_pain?),
            psfs: Psfs::new(items).ok()?,
            groc: if self.first {
                None
            } else {
                Groc::new(self.groc?)
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn at(text: &str) -> LocalTimestamp {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn answered(q: &mut Questionnaire, scores: &[u8]) {
        q.neck_pain = Some(4);
        q.arm_pain = Some(6);
        for (a, s) in q.activities.iter_mut().zip(scores) {
            a.score = Some(*s);
        }
    }

    #[test]
    fn due_first_then_every_so_many_days() {
        let first = measures_due(&[], 7, day("2026-11-02"));
        assert_eq!(first.as_ref().map(|d| d.first), Some(true));
        let mut q = Questionnaire::new(&first.unwrap_or_else(|| panic!()));
        for name in [
            "Reversing the car",
            "Reading in bed",
            "  Lifting\u{7}a bag ",
        ] {
            q.new_activity = name.to_owned();
            assert_eq!(q.add_typed(), Ok(()));
        }
        q.new_activity = "reading in bed".to_owned();
        assert_eq!(q.add_typed(), Ok(()), "another case is other words");
        q.retire_or_keep(3);
        answered(&mut q, &[2, 4, 3]);
        let record = q
            .answers()
            .map(|a| a.record(at("2026-11-02T08:58:00+01:00")));
        let Some(record) = record else {
            panic!("{:?}", q.missing())
        };
        assert_eq!(record.groc, None);
        let log = [record];
        assert_eq!(measures_due(&log, 7, day("2026-11-08")), None);
        assert_eq!(
            measures_due(&log, 7, day("2026-11-01")).map(|d| d.first),
            Some(true)
        );
        let again = measures_due(&log, 7, day("2026-11-09"));
        let names: Vec<String> = again
            .iter()
            .flat_map(|d| d.activities.iter().map(|a| a.as_str().to_owned()))
            .collect();
        assert_eq!(
            names,
            ["Reversing the car", "Reading in bed", "Lifting a bag"]
        );
        assert_eq!(again.as_ref().map(|d| d.first), Some(false));
        assert!(measures_due(&log, 14, day("2026-11-15")).is_none());
        assert!(measures_due(&log, 1, day("2026-11-03")).is_some());
    }

    #[test]
    fn later_times_rate_earlier_activities_retire_and_ask_the_groc() {
        let due = MeasuresDue {
            first: false,
            activities: ["Driving", "Sleeping"]
                .iter()
                .filter_map(|a| Activity::new(a))
                .collect(),
        };
        let mut q = Questionnaire::new(&due);
        answered(&mut q, &[5]);
        assert_eq!(
            q.missing(),
            Some("Rate each activity, or retire it, to save.")
        );
        q.retire_or_keep(1);
        assert_eq!(
            q.missing(),
            Some("Answer how you are overall compared with when you started, to save.")
        );
        q.groc = Some(3);
        q.new_activity = "Gardening".to_owned();
        assert_eq!(
            q.missing(),
            Some("Add the activity you typed, or clear its words, to save.")
        );
        q.new_activity.clear();
        let answers = q.answers().unwrap_or_else(|| panic!("{:?}", q.missing()));
        let rated: Vec<(&str, u8)> = answers
            .psfs
            .items()
            .iter()
            .map(|i| (i.activity.as_str(), i.score.get()))
            .collect();
        assert_eq!(rated, [("Driving", 5)]);
        assert_eq!(answers.groc.map(Groc::get), Some(3));
        // Named again after retiring: rated again, not a second entry.
        q.new_activity = "Sleeping".to_owned();
        assert_eq!(q.add_typed(), Ok(()));
        assert_eq!(q.activities.len(), 2);
        assert_eq!(q.add_typed(), Err("Type the activity first, then add it."));
        q.new_activity = "Driving".to_owned();
        assert_eq!(q.add_typed(), Err("That activity is in your list already."));
        for n in 0..3 {
            q.new_activity = format!("Activity {n}");
            assert_eq!(q.add_typed(), Ok(()));
        }
        q.new_activity = "A sixth".to_owned();
        assert_eq!(
            q.add_typed(),
            Err("Your list holds five activities: retire one to add another.")
        );
        // An earlier activity can be retired, never removed.
        q.retire_or_keep(0);
        assert_eq!(q.activities.len(), 5);
        assert!(q.activities.first().is_some_and(|a| a.retired));
    }
}

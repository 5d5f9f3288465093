//! What the physical therapist needs to see beside the figures: where each
//! pain stop happened, and the days a warning sign was answered yes with
//! when the person was cleared. Serializes to the `pain_stops` and
//! `warning_signs` of `neckguide history --json`.

use jiff::civil::Date;
use serde::Serialize;

use crate::checkin::ArmSymptoms;
use crate::log::{LocalTimestamp, Outcome, SessionRecord};
use crate::warning_signs::WarningSignDay;

/// A session stopped for pain, with where it stopped when the record says
/// (version 2; the location fields are `null` for version-1 records).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PainStopDetail {
    /// The local date of the session (`YYYY-MM-DD`).
    #[serde(serialize_with = "super::summary::serialize_date")]
    pub date: Option<Date>,
    /// When the session started.
    pub started_at: LocalTimestamp,
    /// The routine's id.
    pub routine_id: String,
    /// The routine's name.
    pub routine: String,
    /// The exercise where pain got worse.
    pub exercise: Option<String>,
    /// Its name (the id when no routine knows it any more).
    pub exercise_name: Option<String>,
    /// The step (`hold`, `rest`, …).
    pub step: Option<&'static str>,
    /// The set, 1-based.
    pub set: Option<u32>,
    /// The repetition, 1-based.
    pub repetition: Option<u32>,
    /// The direction (`left`, …).
    pub direction: Option<String>,
    /// Seconds into the step.
    pub seconds_into_step: Option<f64>,
    /// `pain` or `arm_symptoms`.
    pub reason: Option<&'static str>,
    /// Pain before the session, 0–10.
    pub pain_before: Option<u8>,
    /// Pain after the stop, 0–10.
    pub pain_after: Option<u8>,
    /// Arm symptoms at check-in, or said after the stop.
    pub arm_symptoms: bool,
    /// Where arm symptoms were after the stop (`none`, `in_arm`,
    /// `further_down`), when answered; `null` for records from before the
    /// app asked where, which have only [`PainStopDetail::arm_symptoms_now`].
    pub arm_now: Option<ArmSymptoms>,
    /// Whether there were arm symptoms after the stop, when answered (from
    /// `arm_now`, or the yes/no of older records).
    pub arm_symptoms_now: Option<bool>,
    /// The person's note.
    pub note: String,
}

impl PainStopDetail {
    /// Where it stopped, in words: "Head lifts, a hold (set 1, repetition 2,
    /// left), 3.4 s in"; "not recorded" for version-1 records.
    pub fn place_words(&self) -> String {
        let (Some(name), Some(step)) = (&self.exercise_name, self.step) else {
            return "not recorded".to_owned();
        };
        let step = crate::log::StopStep::words_of(step);
        let mut parts = Vec::new();
        if let Some(set) = self.set {
            parts.push(format!("set {set}"));
        }
        if let Some(rep) = self.repetition {
            parts.push(format!("repetition {rep}"));
        }
        if let Some(direction) = &self.direction {
            parts.push(direction.clone());
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        };
        let seconds = self
            .seconds_into_step
            .map(|s| format!(", {s:.1} s in"))
            .unwrap_or_default();
        format!("{name}, {step}{detail}{seconds}")
    }

    /// Arm symptoms in words, for the physical therapist: where they were
    /// after the stop ("arm symptoms further down the arm than before,
    /// after the stop"), or for older records only whether there were any;
    /// when that was not answered, those at the check-in; `None` when
    /// there is nothing to say.
    pub fn arm_words(&self) -> Option<&'static str> {
        match (self.arm_now, self.arm_symptoms_now) {
            (Some(ArmSymptoms::FurtherDown), _) => {
                Some("arm symptoms further down the arm than before, after the stop")
            }
            (Some(ArmSymptoms::InArm), _) => Some("arm symptoms in the arm, after the stop"),
            (Some(ArmSymptoms::None), _) | (None, Some(false)) => {
                Some("no arm symptoms after the stop")
            }
            (None, Some(true)) => Some("arm symptoms after the stop"),
            (None, None) if self.arm_symptoms => Some("arm symptoms at the check-in"),
            (None, None) => None,
        }
    }
}

/// The sessions stopped for pain, oldest first, with exercise names from
/// `name` (which gives the id back when it knows none).
pub fn pain_stop_details(
    records: &[SessionRecord],
    name: &dyn Fn(&str) -> String,
) -> Vec<PainStopDetail> {
    let mut out: Vec<PainStopDetail> = records
        .iter()
        .filter(|r| r.outcome == Outcome::StoppedForPain)
        .map(|r| {
            let stop = r.pain_stop.as_ref();
            PainStopDetail {
                date: Some(r.started_at.date()),
                started_at: r.started_at,
                routine_id: r.routine.id.to_string(),
                routine: r.routine.name.to_string(),
                exercise: stop.map(|s| s.exercise.to_string()),
                exercise_name: stop.map(|s| name(&s.exercise)),
                step: stop.map(|s| s.step.as_str()),
                set: stop.and_then(|s| s.set),
                repetition: stop.and_then(|s| s.repetition),
                direction: stop.and_then(|s| s.direction.clone()),
                seconds_into_step: stop.map(|s| s.seconds_into_step.as_secs_f64()),
                reason: stop.map(|s| s.reason.as_str()),
                pain_before: r.pain_before.map(|p| p.get()),
                pain_after: r.pain_after.map(|p| p.get()),
                arm_symptoms: r.arm_symptoms
                    || stop.and_then(|s| s.any_arm_symptoms_now()) == Some(true),
                arm_now: stop.and_then(|s| s.arm_now),
                arm_symptoms_now: stop.and_then(|s| s.any_arm_symptoms_now()),
                note: r.note.clone(),
            }
        })
        .collect();
    out.sort_by_key(|d| d.started_at.timestamp());
    out
}

/// What `neckguide history --json` adds to the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClinicalJson<'a> {
    /// The headline figures, as before (their fields at the top level).
    #[serde(flatten)]
    pub summary: &'a super::Summary,
    /// Every session stopped for pain.
    pub pain_stops: Vec<PainStopDetail>,
    /// Every day with a yes to a warning sign.
    pub warning_signs: Vec<WarningSignDay>,
    /// The outcome measures: every one answered, and per measure its
    /// first, latest and change.
    pub measures: super::MeasuresJson<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;
    use crate::log::{PainStop, Seconds, StopReason, StopStep};

    #[test]
    fn stops_say_where_in_words_and_v1_stops_say_not_recorded() {
        let v1 = rec("2026-11-24T09:00:00+01:00", Outcome::StoppedForPain, 3);
        let mut v2 = rec("2026-11-25T09:00:00+01:00", Outcome::StoppedForPain, 3);
        v2.pain_stop = Some(Box::new(PainStop {
            exercise: "isometric-neck-strengthening".into(),
            step: StopStep::Hold,
            set: Some(1),
            repetition: Some(2),
            direction: Some("left".into()),
            seconds_into_step: Seconds::from_duration(std::time::Duration::from_millis(3420)),
            reason: StopReason::Pain,
            arm_symptoms_now: Some(true),
            arm_now: None,
        }));
        let done = rec("2026-11-25T13:00:00+01:00", Outcome::Completed, 3);
        let name = |id: &str| {
            if id == "isometric-neck-strengthening" {
                "Isometric neck strengthening".to_owned()
            } else {
                id.to_owned()
            }
        };
        let stops = pain_stop_details(&[v2, done, v1], &name);
        assert_eq!(stops.len(), 2);
        assert_eq!(stops[0].place_words(), "not recorded");
        assert_eq!(
            stops[1].place_words(),
            "Isometric neck strengthening, a hold (set 1, repetition 2, left), 3.4 s in"
        );
        assert!(stops[1].arm_symptoms);
        // An older record: only the yes/no after the stop.
        assert_eq!(stops[1].arm_now, None);
        assert_eq!(stops[1].arm_symptoms_now, Some(true));
        assert_eq!(stops[1].arm_words(), Some("arm symptoms after the stop"));
        assert_eq!(stops[0].arm_words(), None);
        let json = serde_json::to_value(&stops[1]).unwrap_or_default();
        assert_eq!(json["date"], "2026-11-25");
        assert_eq!(json["step"], "hold");
        assert_eq!(json["repetition"], 2);
        assert_eq!(json["exercise_name"], "Isometric neck strengthening");
    }

    #[test]
    fn arm_symptoms_say_where_they_were_after_the_stop() {
        use crate::checkin::ArmSymptoms;
        let stopped = |at_check_in: Option<ArmSymptoms>, now: Option<ArmSymptoms>| {
            let mut r = rec("2026-11-25T09:00:00+01:00", Outcome::StoppedForPain, 3);
            r.arm = at_check_in;
            r.arm_symptoms = at_check_in.is_some_and(ArmSymptoms::any);
            let mut stop = PainStop {
                exercise: "head-lifts".into(),
                step: StopStep::Hold,
                set: None,
                repetition: None,
                direction: None,
                seconds_into_step: Seconds::default(),
                reason: StopReason::Pain,
                arm_symptoms_now: None,
                arm_now: None,
            };
            stop.answer_arm_now(at_check_in, now);
            r.pain_stop = Some(Box::new(stop));
            let details = pain_stop_details(&[r], &|id: &str| id.to_owned());
            let Some(detail) = details.first() else {
                panic!("no pain stop");
            };
            detail.clone()
        };
        let further = stopped(Some(ArmSymptoms::InArm), Some(ArmSymptoms::FurtherDown));
        assert_eq!(
            further.arm_words(),
            Some("arm symptoms further down the arm than before, after the stop")
        );
        assert_eq!(further.reason, Some("arm_symptoms"));
        let json = serde_json::to_value(&further).unwrap_or_default();
        assert_eq!(json["arm_now"], "further_down");
        assert_eq!(json["arm_symptoms_now"], true);
        let in_arm = stopped(Some(ArmSymptoms::InArm), Some(ArmSymptoms::InArm));
        assert_eq!(
            in_arm.arm_words(),
            Some("arm symptoms in the arm, after the stop")
        );
        assert_eq!(in_arm.reason, Some("pain"));
        let none = stopped(Some(ArmSymptoms::InArm), Some(ArmSymptoms::None));
        assert_eq!(none.arm_words(), Some("no arm symptoms after the stop"));
        assert!(none.arm_symptoms, "at the check-in");
        let unanswered = stopped(Some(ArmSymptoms::InArm), None);
        assert_eq!(unanswered.arm_words(), Some("arm symptoms at the check-in"));
        assert_eq!(stopped(Some(ArmSymptoms::None), None).arm_words(), None);
    }
}

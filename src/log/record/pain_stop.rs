//! Where a session stopped for pain was ([`PainStop`]): the step
//! ([`StopStep`]), what got worse ([`StopReason`]) and how far into the
//! step ([`Seconds`]).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::checkin::ArmSymptoms;
/// Where a session stopped for pain was: the exercise, the step and, where
/// the step has them, the set, repetition and direction.
///
/// The pain button asks nothing before stopping; what the person adds after
/// the stop (pain now, where arm symptoms are now) goes into the same
/// record: `pain_after`, and [`PainStop::arm_now`] (with
/// [`PainStop::arm_symptoms_now`]) and [`PainStop::reason`], set together by
/// [`PainStop::answer_arm_now`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PainStop {
    /// The id of the exercise where pain got worse (while getting into
    /// position or in the pause before an exercise: the exercise about to
    /// be done). It may name an exercise the routine no longer has.
    pub exercise: String,
    /// The step the session was in.
    pub step: StopStep,
    /// The set, 1-based: of the hold, or of the hold a rest follows; `None`
    /// where the step has none.
    pub set: Option<u32>,
    /// The repetition within the set (and direction), 1-based: of the hold,
    /// or of the hold a rest follows; `None` where the step has none.
    pub repetition: Option<u32>,
    /// The direction of a hold of a multi-direction exercise (`left`, …);
    /// `None` otherwise.
    pub direction: Option<String>,
    /// How far into the step, in seconds (one decimal), pauses not counted.
    pub seconds_into_step: Seconds,
    /// What got worse: `arm_symptoms` when the answer after the stop says
    /// the arm symptoms got worse ([`StopReason::after_stop`]): further down
    /// the arm than before, or in the arm when the session's check-in said
    /// none (new symptoms); otherwise `pain`. Lines written before
    /// [`PainStop::arm_now`] said `arm_symptoms` for any yes to "numbness,
    /// tingling or weakness in your arm or hand now?".
    pub reason: StopReason,
    /// Whether there was numbness, tingling or weakness in the arm or hand
    /// after the stop, when answered (kept, and written, for readers of
    /// version 2 before [`PainStop::arm_now`]: it is `arm_now` other than
    /// `none`; older lines have only this, from a yes/no question).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_symptoms_now: Option<bool>,
    /// Where numbness, tingling or weakness in the arm or hand was after the
    /// stop, when answered: none, in the arm, or further down the arm than
    /// before (added later in version 2; absent in older lines, which only
    /// say [`PainStop::arm_symptoms_now`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arm_now: Option<ArmSymptoms>,
}

impl PainStop {
    /// Keeps the answer after the stop to where arm symptoms are now
    /// (`None`: not answered), with `at_check_in`, the answer at the
    /// session's check-in: sets [`PainStop::arm_now`], the older
    /// [`PainStop::arm_symptoms_now`] and, when answered, the
    /// [`PainStop::reason`] by [`StopReason::after_stop`].
    pub fn answer_arm_now(&mut self, at_check_in: Option<ArmSymptoms>, now: Option<ArmSymptoms>) {
        let Some(now) = now else {
            return;
        };
        self.arm_now = Some(now);
        self.arm_symptoms_now = Some(now.any());
        self.reason = StopReason::after_stop(at_check_in, now);
    }

    /// Whether there were arm symptoms after the stop, when answered: from
    /// [`PainStop::arm_now`], or the older lines' yes/no.
    pub fn any_arm_symptoms_now(&self) -> Option<bool> {
        self.arm_now.map(ArmSymptoms::any).or(self.arm_symptoms_now)
    }
}

/// The step a session was stopped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StopStep {
    /// Getting into a new position before an exercise.
    Position,
    /// The short pause before an exercise done in the same position.
    Between,
    /// The get-ready countdown.
    GetReady,
    /// A hold.
    Hold,
    /// The rest between two repetitions or directions.
    Rest,
    /// The rest between two sets.
    SetRest,
    /// A position held for a time.
    Timed,
    /// A posture practice.
    Practice,
    /// A step this version does not know (written by a newer one).
    #[serde(other)]
    Other,
}

impl StopStep {
    /// The id used in the log (`hold`, `set_rest`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Position => "position",
            Self::Between => "between",
            Self::GetReady => "get_ready",
            Self::Hold => "hold",
            Self::Rest => "rest",
            Self::SetRest => "set_rest",
            Self::Timed => "timed",
            Self::Practice => "practice",
            Self::Other => "other",
        }
    }

    /// The words of the step with this id ("a step" for one this version
    /// does not know).
    pub fn words_of(id: &str) -> &'static str {
        serde_json::from_value::<StopStep>(serde_json::Value::String(id.to_owned()))
            .map_or("a step", StopStep::words)
    }

    /// Words for people ("the hold", "the rest between sets").
    pub fn words(self) -> &'static str {
        match self {
            Self::Position => "getting into position",
            Self::Between => "the pause before the exercise",
            Self::GetReady => "the get-ready countdown",
            Self::Hold => "a hold",
            Self::Rest => "a rest",
            Self::SetRest => "the rest between sets",
            Self::Timed => "the timed position",
            Self::Practice => "the practice",
            Self::Other => "a step",
        }
    }
}

/// What got worse when a session was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// Pain.
    Pain,
    /// Numbness, tingling or weakness in the arm or hand got worse: further
    /// down the arm than before, or new ([`StopReason::after_stop`]).
    ArmSymptoms,
    /// A reason this version does not know (written by a newer one).
    #[serde(other)]
    Other,
}

impl StopReason {
    /// Why a session stopped for pain stopped, from where arm symptoms are
    /// after the stop (`now`) and at the session's check-in
    /// (`at_check_in`, `None` when not known): `ArmSymptoms` when they got
    /// worse, further down the arm than before, or in the arm after none
    /// at the check-in (new symptoms: the worsening signs of a pinched
    /// nerve in the neck); otherwise `Pain`. In the arm after in the arm
    /// at the check-in, or with the check-in not known, is not counted as
    /// a change.
    pub fn after_stop(at_check_in: Option<ArmSymptoms>, now: ArmSymptoms) -> StopReason {
        match (at_check_in, now) {
            (_, ArmSymptoms::FurtherDown) | (Some(ArmSymptoms::None), ArmSymptoms::InArm) => {
                Self::ArmSymptoms
            }
            _ => Self::Pain,
        }
    }

    /// The id used in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pain => "pain",
            Self::ArmSymptoms => "arm_symptoms",
            Self::Other => "other",
        }
    }
}

/// A length of time kept in milliseconds and written as seconds with one
/// decimal (`3.4`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Seconds {
    millis: u64,
}

impl Seconds {
    /// The time `duration`, to the millisecond.
    pub fn from_duration(duration: std::time::Duration) -> Self {
        Self {
            millis: u64::try_from(duration.as_millis()).unwrap_or(u64::MAX),
        }
    }

    /// The time in seconds, rounded to one decimal.
    pub fn as_secs_f64(self) -> f64 {
        (self.millis as f64 / 100.0).round() / 10.0
    }
}

impl Serialize for Seconds {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_secs_f64())
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let seconds = f64::deserialize(deserializer)?;
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(serde::de::Error::custom(format!(
                "{seconds} is not a number of seconds"
            )));
        }
        // Saturates at the largest u64 for absurd values.
        Ok(Self {
            millis: (seconds * 1000.0).round() as u64,
        })
    }
}

impl JsonSchema for Seconds {
    fn schema_name() -> Cow<'static, str> {
        "Seconds".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Seconds, with one decimal.",
            "type": "number",
            "minimum": 0,
        })
    }
}

//! The check-in before a session: the words of the pain scale, where arm
//! symptoms are, and once a day the morning's pain against yesterday
//! morning's and the warning signs that mean "see a doctor" (from the
//! source's "When to See a Doctor"). Pure data and rules; no screen.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The words at the ends of the 0–10 pain scale (the rating itself is
/// [`crate::log::record::PainScore`]).
pub const PAIN_SCALE_WORDS: (&str, &str) = ("no pain", "worst pain imaginable");

/// Numbness, tingling or weakness in the arm or hand, asked at every
/// check-in: none, in the arm, or further down the arm than before (the
/// symptoms spread: a reason to back off, see [`crate::doses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ArmSymptoms {
    /// No symptoms in the arm or hand.
    None,
    /// Symptoms in the arm, no further down than before.
    InArm,
    /// Symptoms further down the arm than before.
    FurtherDown,
}

impl ArmSymptoms {
    /// Every answer, in the order offered.
    pub const ALL: [ArmSymptoms; 3] = [Self::None, Self::InArm, Self::FurtherDown];

    /// The question.
    pub const QUESTION: &str = "Where is any numbness, tingling or weakness in your arm or hand?";

    /// The answer's words on its button.
    pub fn words(self) -> &'static str {
        match self {
            Self::None => "None",
            Self::InArm => "In the arm",
            Self::FurtherDown => "Further down the arm than before",
        }
    }

    /// The answer's name in the log and the CSV (`none`, `in_arm`,
    /// `further_down`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::InArm => "in_arm",
            Self::FurtherDown => "further_down",
        }
    }

    /// Whether there are symptoms at all (the record's `arm_symptoms`).
    pub fn any(self) -> bool {
        self != Self::None
    }
}

/// The morning's neck and arm pain against yesterday morning's, asked at
/// the first check-in of a day (the next-morning check of the
/// pain-monitoring model). "Worse" counts as a bad event for every dose
/// with a progression rule ([`crate::doses`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MorningComparison {
    /// Better than yesterday morning.
    Better,
    /// The same as yesterday morning.
    Same,
    /// Worse than yesterday morning.
    Worse,
}

impl MorningComparison {
    /// Every answer, in the order offered.
    pub const ALL: [MorningComparison; 3] = [Self::Better, Self::Same, Self::Worse];

    /// The question.
    pub const QUESTION: &str =
        "Compared with yesterday morning, is your neck and arm pain better, the same or worse?";

    /// The answer's words on its button.
    pub fn words(self) -> &'static str {
        match self {
            Self::Better => "Better",
            Self::Same => "The same",
            Self::Worse => "Worse",
        }
    }
}

/// A warning sign asked about once a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningSign {
    /// Progressive weakness or numbness in the arm or hand.
    WorseningWeaknessOrNumbness,
    /// Bladder or bowel dysfunction.
    BladderOrBowel,
    /// Fever, chills, or unexplained weight loss with neck pain.
    FeverChillsWeightLoss,
    /// Persistent or worsening pain despite two weeks of rest.
    PainNotBetterAfterTwoWeeks,
}

impl WarningSign {
    /// Every sign, in the order asked.
    pub const ALL: [WarningSign; 4] = [
        Self::WorseningWeaknessOrNumbness,
        Self::BladderOrBowel,
        Self::FeverChillsWeightLoss,
        Self::PainNotBetterAfterTwoWeeks,
    ];

    /// The question's id in the log (`bladder_or_bowel`, …).
    pub fn id(self) -> &'static str {
        match self {
            Self::WorseningWeaknessOrNumbness => "worsening_weakness_or_numbness",
            Self::BladderOrBowel => "bladder_or_bowel",
            Self::FeverChillsWeightLoss => "fever_chills_weight_loss",
            Self::PainNotBetterAfterTwoWeeks => "pain_not_better_after_two_weeks",
        }
    }

    /// The sign with this id, if this version knows it.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The question, in the source's words turned into a question.
    pub fn question(self) -> &'static str {
        match self {
            Self::WorseningWeaknessOrNumbness => {
                "Is the weakness or numbness in your arm or hand getting worse?"
            }
            Self::BladderOrBowel => "Do you have any problems controlling your bladder or bowel?",
            Self::FeverChillsWeightLoss => {
                "Do you have fever, chills, or unexplained weight loss with your neck pain?"
            }
            Self::PainNotBetterAfterTwoWeeks => {
                "Is your pain persistent or worse despite two weeks of rest and over-the-counter measures?"
            }
        }
    }

    /// The sign as the source lists it.
    pub fn source_words(self) -> &'static str {
        match self {
            Self::WorseningWeaknessOrNumbness => {
                "Progressive weakness or numbness in the arm or hand"
            }
            Self::BladderOrBowel => {
                "Bladder or bowel dysfunction, which may signal spinal cord compression"
            }
            Self::FeverChillsWeightLoss => {
                "Fever, chills, or unexplained weight loss with neck pain"
            }
            Self::PainNotBetterAfterTwoWeeks => {
                "Persistent or worsening pain despite two weeks of rest and over-the-counter measures"
            }
        }
    }

    /// Whether a yes means "see a doctor urgently" rather than "soon".
    pub fn urgent(self) -> bool {
        matches!(self, Self::BladderOrBowel)
    }
}

/// What the answers to the warning signs mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Advice {
    /// No sign: go on.
    None,
    /// See a doctor soon; no session until cleared.
    SeeDoctorSoon,
    /// See a doctor urgently; no session until cleared.
    SeeDoctorUrgently,
}

impl Advice {
    /// The advice for the signs answered yes.
    pub fn for_signs(yes: &[WarningSign]) -> Self {
        if yes.iter().any(|s| s.urgent()) {
            Self::SeeDoctorUrgently
        } else if yes.is_empty() {
            Self::None
        } else {
            Self::SeeDoctorSoon
        }
    }

    /// The message shown to the person.
    pub fn message(self) -> &'static str {
        match self {
            Self::None => "",
            Self::SeeDoctorSoon => {
                "Please see a doctor soon about this. Do not do these exercises until your doctor or physical therapist has cleared you."
            }
            Self::SeeDoctorUrgently => {
                "Please see a doctor urgently: bladder or bowel problems may signal spinal cord compression. Do not do these exercises until your doctor has cleared you."
            }
        }
    }
}

/// Today's answers to the warning signs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyCheck {
    /// The local date they were given (YYYY-MM-DD).
    pub date: String,
    /// The signs answered yes.
    pub yes: Vec<WarningSign>,
    /// The person said their doctor or physical therapist has cleared them.
    pub cleared: bool,
    /// The morning's pain against yesterday morning's, when asked and
    /// answered (settings written before it was asked have none).
    #[serde(default)]
    pub compared: Option<MorningComparison>,
}

impl DailyCheck {
    /// Whether a session may start today after these answers.
    pub fn allows_session(&self) -> bool {
        self.yes.is_empty() || self.cleared
    }

    /// The advice for these answers.
    pub fn advice(&self) -> Advice {
        Advice::for_signs(&self.yes)
    }
}

/// What to do after stopping for pain, in the source's words.
pub const PAIN_STOP_MESSAGE: &str = "Stop the exercise and rest. Do not do this exercise again until you have talked to your physical therapist or doctor. It is important to follow the advice of your physical therapist or doctor before doing any neck exercises.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arm_answer_is_named_as_the_log_writes_it() {
        for arm in ArmSymptoms::ALL {
            let written = serde_json::to_value(arm).unwrap_or_default();
            assert_eq!(written.as_str(), Some(arm.as_str()));
        }
    }

    #[test]
    fn bladder_or_bowel_is_urgent_and_any_yes_blocks() {
        assert_eq!(Advice::for_signs(&[]), Advice::None);
        assert_eq!(
            Advice::for_signs(&[WarningSign::FeverChillsWeightLoss]),
            Advice::SeeDoctorSoon
        );
        assert_eq!(
            Advice::for_signs(&[
                WarningSign::FeverChillsWeightLoss,
                WarningSign::BladderOrBowel
            ]),
            Advice::SeeDoctorUrgently
        );
        let mut check = DailyCheck {
            date: "2026-11-22".into(),
            yes: vec![WarningSign::PainNotBetterAfterTwoWeeks],
            cleared: false,
            compared: None,
        };
        assert!(!check.allows_session());
        check.cleared = true;
        assert!(check.allows_session());
    }

    #[test]
    fn ids_are_the_serde_names_and_read_back() {
        for sign in WarningSign::ALL {
            assert_eq!(
                serde_json::to_string(&sign).ok(),
                Some(format!("\"{}\"", sign.id()))
            );
            assert_eq!(WarningSign::from_id(sign.id()), Some(sign));
        }
        assert_eq!(WarningSign::from_id("dizziness"), None);
    }

    #[test]
    fn signs_are_the_source_words() {
        let source = include_str!("../exercises/source/000_f0804cba3f43f8ba.txt");
        for sign in WarningSign::ALL {
            assert!(source.contains(sign.source_words()), "{sign:?}");
        }
    }
}

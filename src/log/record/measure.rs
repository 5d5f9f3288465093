//! The measure line: the outcome measures the person answered at a
//! check-in ([`MeasureRecord`]): neck pain and arm pain now (0–10), the
//! Patient-Specific Functional Scale (up to five activities in their own
//! words, each rated 0–10) and the global rating of change (−7 … +7).
//!
//! ```json
//! {"v":2,"kind":"measure","at":"2026-11-21T08:58:00+01:00","neck_pain":5,"arm_pain":6,
//!  "psfs":[{"activity":"Reversing the car","score":3}],"groc":null}
//! ```
//!
//! Read into validated types: a score out of its range, a PSFS of more than
//! [`MAX_PSFS_ACTIVITIES`] activities or one named twice makes the line
//! unreadable (it stays in the log, is counted and quarantined as any
//! other). An activity's text is cleaned as it is read ([`Activity`]): its
//! control characters become spaces, its blanks are put together and it is
//! cut at [`MAX_ACTIVITY_CHARS`]; whoever shows it escapes it as any text
//! from a file. Fields this version does not know are ignored, as in every
//! kind of line, so a later version may add some.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PainScore, RECORD_VERSION};
use crate::log::LocalTimestamp;

/// The `kind` of a measure line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    /// The outcome measures answered at a check-in.
    #[default]
    Measure,
}

/// The outcome measures the person answered at one check-in. Each part is
/// written, `null` (or, for the PSFS, empty) when it was not answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MeasureRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Always `measure`.
    pub kind: MeasureKind,
    /// When they were answered.
    pub at: LocalTimestamp,
    /// Neck pain now (0–10), if answered.
    #[serde(default)]
    pub neck_pain: Option<PainScore>,
    /// Arm pain now (0–10), if answered.
    #[serde(default)]
    pub arm_pain: Option<PainScore>,
    /// The Patient-Specific Functional Scale: each activity the person
    /// finds hard, in their own words, with how well they can do it now;
    /// at most five, each named once.
    #[serde(default)]
    pub psfs: Psfs,
    /// The global rating of change since they started, if asked and
    /// answered (from the second time on).
    #[serde(default)]
    pub groc: Option<Groc>,
}

impl MeasureRecord {
    /// The record of the measures answered `at`, as this code writes it.
    pub fn new(
        at: LocalTimestamp,
        neck_pain: Option<PainScore>,
        arm_pain: Option<PainScore>,
        psfs: Psfs,
        groc: Option<Groc>,
    ) -> Self {
        MeasureRecord {
            v: RECORD_VERSION,
            kind: MeasureKind::Measure,
            at,
            neck_pain,
            arm_pain,
            psfs,
            groc,
        }
    }

    /// Whether nothing was answered.
    pub fn is_empty(&self) -> bool {
        self.neck_pain.is_none()
            && self.arm_pain.is_none()
            && self.psfs.items().is_empty()
            && self.groc.is_none()
    }
}

/// The most activities a PSFS holds.
pub const MAX_PSFS_ACTIVITIES: usize = 5;
/// The most characters of an activity's words kept; the rest is cut.
pub const MAX_ACTIVITY_CHARS: usize = 80;

/// The activities of a PSFS, at most [`MAX_PSFS_ACTIVITIES`], each named
/// once, in the order asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<PsfsItem>", into = "Vec<PsfsItem>")]
pub struct Psfs(Vec<PsfsItem>);

impl Psfs {
    /// The PSFS of `items`, if there are at most [`MAX_PSFS_ACTIVITIES`]
    /// and no activity is named twice; else why not.
    pub fn new(items: Vec<PsfsItem>) -> Result<Self, String> {
        if items.len() > MAX_PSFS_ACTIVITIES {
            return Err(format!(
                "a PSFS of {} activities: it holds at most {MAX_PSFS_ACTIVITIES}",
                items.len()
            ));
        }
        for (n, item) in items.iter().enumerate() {
            if items.iter().take(n).any(|i| i.activity == item.activity) {
                return Err(format!(
                    "a PSFS naming activity {} twice: each is named once",
                    n + 1
                ));
            }
        }
        Ok(Psfs(items))
    }

    /// Its activities with their scores, in the order asked.
    pub fn items(&self) -> &[PsfsItem] {
        &self.0
    }

    /// The mean of its scores, if it has any.
    pub fn mean(&self) -> Option<f64> {
        let n = self.0.len();
        (n > 0).then(|| self.0.iter().map(|i| f64::from(i.score.get())).sum::<f64>() / n as f64)
    }
}

impl TryFrom<Vec<PsfsItem>> for Psfs {
    type Error = String;

    fn try_from(items: Vec<PsfsItem>) -> Result<Self, String> {
        Psfs::new(items)
    }
}

impl From<Psfs> for Vec<PsfsItem> {
    fn from(psfs: Psfs) -> Self {
        psfs.0
    }
}

impl JsonSchema for Psfs {
    fn schema_name() -> Cow<'static, str> {
        "Psfs".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<PsfsItem>();
        schemars::json_schema!({
            "description": "The Patient-Specific Functional Scale: each activity the person finds hard, in their own words, with how well they can do it now; at most five, each named once.",
            "type": "array",
            "items": item,
            "maxItems": MAX_PSFS_ACTIVITIES,
        })
    }
}

/// One activity of a PSFS and how well the person can do it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PsfsItem {
    /// The activity, in the person's own words.
    pub activity: Activity,
    /// How well they can do it now: 0 (unable to do it) to 10 (able to do
    /// it as before the problem).
    pub score: PsfsScore,
}

/// An activity's words, cleaned: no control characters (each read as a
/// space), no blanks at either end or two together, at most
/// [`MAX_ACTIVITY_CHARS`] characters, never empty. Other characters that
/// hide or reorder text may remain: whoever shows it escapes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Activity(String);

impl Activity {
    /// `text` cleaned, if any words are left.
    pub fn new(text: &str) -> Option<Self> {
        let spaced: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
        let cut: String = joined.chars().take(MAX_ACTIVITY_CHARS).collect();
        let cut = cut.trim_end();
        (!cut.is_empty()).then(|| Activity(cut.to_owned()))
    }

    /// The words, cleaned (not escaped: see the type's words).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Activity {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Activity::new(&text).ok_or_else(|| "a PSFS activity with no words".to_owned())
    }
}

impl From<Activity> for String {
    fn from(activity: Activity) -> Self {
        activity.0
    }
}

impl JsonSchema for Activity {
    fn schema_name() -> Cow<'static, str> {
        "Activity".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An activity the person finds hard, in their own words (control characters are read as spaces; cut at 80 characters).",
            "type": "string",
            "minLength": 1,
        })
    }
}

/// How well the person can do a PSFS activity: 0 (unable) to 10 (as
/// before the problem). A line with a score outside 0–10 is unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PsfsScore(u8);

impl PsfsScore {
    /// The score `value`, if it is within 0–10.
    pub fn new(value: u8) -> Option<Self> {
        (value <= 10).then_some(PsfsScore(value))
    }

    /// The score as a number 0–10.
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for PsfsScore {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, String> {
        PsfsScore::new(value).ok_or_else(|| format!("PSFS score {value} is not within 0-10"))
    }
}

impl From<PsfsScore> for u8 {
    fn from(score: PsfsScore) -> u8 {
        score.0
    }
}

impl JsonSchema for PsfsScore {
    fn schema_name() -> Cow<'static, str> {
        "PsfsScore".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "How well the person can do the activity now: 0 (unable to do it) to 10 (able to do it as before the problem).",
            "type": "integer",
            "minimum": 0,
            "maximum": 10,
        })
    }
}

/// The global rating of change: −7 ("A very great deal worse") to +7
/// ("A very great deal better"), 0 "About the same". A line with one
/// outside that range is unreadable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i8", into = "i8")]
pub struct Groc(i8);

/// The words of each rating of the GROC, −7 first (Jaeschke 1989).
const GROC_WORDS: [&str; 15] = [
    "A very great deal worse",
    "A great deal worse",
    "Quite a bit worse",
    "Moderately worse",
    "Somewhat worse",
    "A little bit worse",
    "A tiny bit worse (almost the same)",
    "About the same",
    "A tiny bit better (almost the same)",
    "A little bit better",
    "Somewhat better",
    "Moderately better",
    "Quite a bit better",
    "A great deal better",
    "A very great deal better",
];

impl Groc {
    /// Every rating, −7 first.
    pub const ALL: [Groc; 15] = [
        Groc(-7),
        Groc(-6),
        Groc(-5),
        Groc(-4),
        Groc(-3),
        Groc(-2),
        Groc(-1),
        Groc(0),
        Groc(1),
        Groc(2),
        Groc(3),
        Groc(4),
        Groc(5),
        Groc(6),
        Groc(7),
    ];

    /// The rating `value`, if it is within −7 … +7.
    pub fn new(value: i8) -> Option<Self> {
        (-7..=7).contains(&value).then_some(Groc(value))
    }

    /// The rating as a number −7 … +7.
    pub fn get(self) -> i8 {
        self.0
    }

    /// Its standard words ("About the same", …).
    pub fn words(self) -> &'static str {
        let index = usize::try_from(i16::from(self.0) + 7).unwrap_or(7);
        GROC_WORDS.get(index).copied().unwrap_or("About the same")
    }
}

impl TryFrom<i8> for Groc {
    type Error = String;

    fn try_from(value: i8) -> Result<Self, String> {
        Groc::new(value)
            .ok_or_else(|| format!("global rating of change {value} is not within -7 to 7"))
    }
}

impl From<Groc> for i8 {
    fn from(groc: Groc) -> i8 {
        groc.0
    }
}

impl JsonSchema for Groc {
    fn schema_name() -> Cow<'static, str> {
        "Groc".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The global rating of change since the start: -7 (a very great deal worse) to 7 (a very great deal better), 0 about the same.",
            "type": "integer",
            "minimum": -7,
            "maximum": 7,
        })
    }
}

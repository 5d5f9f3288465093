//! The outcome measures over time ([`summaries`]): for each of neck pain,
//! arm pain, the PSFS (the mean of its activities) and the global rating
//! of change, its values oldest first, its first and latest value, the
//! change between them, and whether that change reaches the minimal
//! clinically important change ([`Measure::important_change`]), in words
//! too ([`MeasureSummary::sentence`]). The window's History, `neckguide
//! history --json` and the report all take them from here.
//!
//! The thresholds: PSFS mean 2.0 points (Cleland 2006), each pain 2 points
//! on 0–10 (Young 2010), the GROC +3 or more (better) or −3 or less
//! (worse). The GROC is itself a rating of the change since the start, so
//! its "change" is its latest value, not latest minus first.
//!
//! The PSFS mean of a check-in is the mean of the activities rated then,
//! whichever they are (activities may be added or retired).

use jiff::civil::Date;
use serde::Serialize;

use crate::follow_up::short_date;
use crate::log::{LocalTimestamp, MeasureRecord};
use crate::routine::escape;

/// One of the outcome measures followed over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Neck pain now, 0–10 (lower is better).
    NeckPain,
    /// Arm pain now, 0–10 (lower is better).
    ArmPain,
    /// The mean of the PSFS activities' scores, 0–10 (higher is better).
    Psfs,
    /// The global rating of change, −7 … +7 (higher is better).
    Groc,
}

impl Measure {
    /// Every measure, in the order shown.
    pub const ALL: [Measure; 4] = [
        Measure::NeckPain,
        Measure::ArmPain,
        Measure::Psfs,
        Measure::Groc,
    ];

    /// Its name for people ("Arm pain").
    pub fn name(self) -> &'static str {
        match self {
            Measure::NeckPain => "Neck pain",
            Measure::ArmPain => "Arm pain",
            Measure::Psfs => "PSFS mean",
            Measure::Groc => "Global rating of change",
        }
    }

    /// The minimal clinically important change, in the measure's points.
    pub fn important_change(self) -> f64 {
        match self {
            Measure::NeckPain | Measure::ArmPain | Measure::Psfs => 2.0,
            Measure::Groc => 3.0,
        }
    }

    /// Whether a higher value is better.
    pub fn higher_is_better(self) -> bool {
        matches!(self, Measure::Psfs | Measure::Groc)
    }

    /// Its value in `record`, if that part was answered.
    pub fn value(self, record: &MeasureRecord) -> Option<f64> {
        match self {
            Measure::NeckPain => record.neck_pain.map(|p| f64::from(p.get())),
            Measure::ArmPain => record.arm_pain.map(|p| f64::from(p.get())),
            Measure::Psfs => record.psfs.mean(),
            Measure::Groc => record.groc.map(|g| f64::from(g.get())),
        }
    }

    /// A value as text: a pain or a GROC as a whole number (the GROC
    /// signed), the PSFS mean with one decimal.
    pub fn value_text(self, value: f64) -> String {
        match self {
            Measure::Psfs => format!("{value:.1}"),
            Measure::Groc if value > 0.0 => format!("+{value:.0}"),
            Measure::NeckPain | Measure::ArmPain | Measure::Groc => format!("{value:.0}"),
        }
    }
}

/// A measure's value at one check-in.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeasurePoint {
    /// When it was answered.
    pub at: LocalTimestamp,
    /// The value, in the measure's points.
    pub value: f64,
}

/// Whether a measure's change reaches the minimal important change, and
/// which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Only one value so far: nothing to compare it with.
    FirstOnly,
    /// A clinically important change for the better.
    Better,
    /// A clinically important change for the worse.
    Worse,
    /// Less than the minimal important change, either way.
    LessThanImportant,
}

/// One measure over time against its first value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureSummary {
    /// Which measure.
    pub measure: Measure,
    /// Its name for people.
    pub name: &'static str,
    /// Its values, oldest first (at least one).
    #[serde(skip)]
    pub points: Vec<MeasurePoint>,
    /// The first value.
    pub first: MeasurePoint,
    /// The latest value.
    pub latest: MeasurePoint,
    /// The change: latest minus first (for the GROC, its latest value).
    pub change: f64,
    /// The minimal clinically important change.
    pub important_change: f64,
    /// Whether the change reaches it, and which way.
    pub verdict: Verdict,
    /// All of it in a sentence ([`MeasureSummary::sentence`]).
    pub sentence: String,
}

impl MeasureSummary {
    /// The summary of `points` (oldest first, at least one).
    fn of(measure: Measure, points: Vec<MeasurePoint>, today: Date) -> Option<Self> {
        let first = *points.first()?;
        let latest = *points.last()?;
        let change = match measure {
            Measure::Groc => latest.value,
            _ => latest.value - first.value,
        };
        let better = if measure.higher_is_better() {
            change
        } else {
            -change
        };
        // A small allowance, so a PSFS mean of 2.0 up is not lost to rounding.
        let reaches = better.abs() + 1e-9 >= measure.important_change();
        let verdict = if points.len() < 2 && measure != Measure::Groc {
            Verdict::FirstOnly
        } else if !reaches {
            Verdict::LessThanImportant
        } else if better > 0.0 {
            Verdict::Better
        } else {
            Verdict::Worse
        };
        let mut summary = MeasureSummary {
            measure,
            name: measure.name(),
            points,
            first,
            latest,
            change,
            important_change: measure.important_change(),
            verdict,
            sentence: String::new(),
        };
        summary.sentence = summary.words(today);
        Some(summary)
    }

    /// The summary in a sentence: "Arm pain 6 -> 3 since 2 Nov: a
    /// clinically important change".
    pub fn sentence(&self) -> &str {
        &self.sentence
    }

    /// The sentence, its dates with their year when it is not `today`'s
    /// ("since 3 Nov 2025" in a log over a year long).
    fn words(&self, today: Date) -> String {
        let m = self.measure;
        let text = |v: f64| m.value_text(v);
        let day = |date: Date| {
            if date.year() == today.year() {
                short_date(date)
            } else {
                format!("{} {}", short_date(date), date.year())
            }
        };
        let since = day(self.first.at.date());
        let latest_day = day(self.latest.at.date());
        let needed = match m {
            Measure::Groc => "+3 or -3".to_owned(),
            Measure::Psfs => "2.0 points".to_owned(),
            Measure::NeckPain | Measure::ArmPain => "2 points".to_owned(),
        };
        let what = match self.verdict {
            Verdict::FirstOnly => {
                return format!(
                    "{} {} on {since}: the first rating, which later ones are compared with",
                    m.name(),
                    text(self.first.value)
                );
            }
            Verdict::Better => "a clinically important change".to_owned(),
            Verdict::Worse => {
                "a clinically important change for the worse; tell your physical therapist"
                    .to_owned()
            }
            Verdict::LessThanImportant => {
                format!("less than a clinically important change ({needed})")
            }
        };
        match m {
            Measure::Groc => {
                let words = crate::log::record::Groc::new(self.latest.value as i8)
                    .map_or("", crate::log::record::Groc::words);
                format!(
                    "{} on {latest_day}: {words} ({}): {what}",
                    m.name(),
                    text(self.latest.value)
                )
            }
            _ => format!(
                "{} {} -> {} since {since}: {what}",
                m.name(),
                text(self.first.value),
                text(self.latest.value)
            ),
        }
    }
}

/// Each measure with a value among `records` up to `today`, over time
/// against its first value, in the order of [`Measure::ALL`].
pub fn summaries(records: &[MeasureRecord], today: Date) -> Vec<MeasureSummary> {
    let mut upto: Vec<&MeasureRecord> = records.iter().filter(|r| r.at.date() <= today).collect();
    upto.sort_by_key(|r| r.at.timestamp());
    Measure::ALL
        .into_iter()
        .filter_map(|measure| {
            let points = upto
                .iter()
                .filter_map(|r| {
                    Some(MeasurePoint {
                        at: r.at,
                        value: measure.value(r)?,
                    })
                })
                .collect();
            MeasureSummary::of(measure, points, today)
        })
        .collect()
}

/// The PSFS activities of `records` up to `today`, each with its scores
/// over time (oldest first), in the order first named; each name escaped
/// for showing ([`escape`]).
pub fn psfs_activities(records: &[MeasureRecord], today: Date) -> Vec<(String, Vec<MeasurePoint>)> {
    let mut upto: Vec<&MeasureRecord> = records.iter().filter(|r| r.at.date() <= today).collect();
    upto.sort_by_key(|r| r.at.timestamp());
    let mut activities: Vec<(&str, Vec<MeasurePoint>)> = Vec::new();
    for record in upto {
        for item in record.psfs.items() {
            let point = MeasurePoint {
                at: record.at,
                value: f64::from(item.score.get()),
            };
            match activities
                .iter_mut()
                .find(|(a, _)| *a == item.activity.as_str())
            {
                Some((_, points)) => points.push(point),
                None => activities.push((item.activity.as_str(), vec![point])),
            }
        }
    }
    activities
        .into_iter()
        .map(|(name, points)| (escape(name).into_owned(), points))
        .collect()
}

/// The measures as `neckguide history --json` gives them: the records, and
/// per measure its first, latest and change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasuresJson<'a> {
    /// Every measure line up to the day, oldest first, as written.
    pub list: Vec<&'a MeasureRecord>,
    /// Per measure answered at least once: first, latest, change.
    pub summaries: Vec<MeasureSummary>,
}

impl<'a> MeasuresJson<'a> {
    /// The measures of `records` up to `today`.
    pub fn of(records: &'a [MeasureRecord], today: Date) -> Self {
        let mut list: Vec<&MeasureRecord> =
            records.iter().filter(|r| r.at.date() <= today).collect();
        list.sort_by_key(|r| r.at.timestamp());
        MeasuresJson {
            list,
            summaries: summaries(records, today),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::day;
    use crate::log::PainScore;
    use crate::log::record::{Activity, Groc, Psfs, PsfsItem, PsfsScore};

    fn at(text: &str) -> LocalTimestamp {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn record(
        when: &str,
        neck: u8,
        arm: u8,
        psfs: &[(&str, u8)],
        groc: Option<i8>,
    ) -> MeasureRecord {
        let items = psfs
            .iter()
            .filter_map(|(a, s)| {
                Some(PsfsItem {
                    activity: Activity::new(a)?,
                    score: PsfsScore::new(*s)?,
                })
            })
            .collect();
        MeasureRecord::new(
            at(when),
            PainScore::new(neck),
            PainScore::new(arm),
            Psfs::new(items).unwrap_or_default(),
            groc.and_then(Groc::new),
        )
    }

    fn sentences(records: &[MeasureRecord], today: Date) -> Vec<String> {
        summaries(records, today)
            .iter()
            .map(|s| s.sentence().to_owned())
            .collect()
    }

    /// Over a year the day and month alone are ambiguous: a date of
    /// another year than today's says its year.
    #[test]
    fn a_first_rating_of_another_year_is_dated_with_its_year() {
        let records = [
            record("2025-11-03T09:00:00+01:00", 7, 6, &[], None),
            record("2026-12-07T09:00:00+01:00", 0, 4, &[], None),
        ];
        assert_eq!(
            sentences(&records, day(2026, 12, 8)),
            [
                "Neck pain 7 -> 0 since 3 Nov 2025: a clinically important change",
                "Arm pain 6 -> 4 since 3 Nov 2025: a clinically important change",
            ]
        );
    }

    #[test]
    fn each_measure_against_its_first_with_the_important_change_marked() {
        let records = [
            record(
                "2026-11-09T09:00:00+01:00",
                5,
                3,
                &[("Driving", 2), ("Reading", 6)],
                Some(1),
            ),
            // Out of order in the file: sorted by time.
            record(
                "2026-11-02T09:00:00+01:00",
                4,
                6,
                &[("Driving", 2), ("Reading", 4)],
                None,
            ),
            record(
                "2026-11-16T09:00:00+01:00",
                5,
                3,
                &[("Driving", 5), ("Reading", 5)],
                Some(3),
            ),
            // After today: not counted.
            record(
                "2026-11-30T09:00:00+01:00",
                0,
                0,
                &[("Driving", 10)],
                Some(7),
            ),
        ];
        assert_eq!(
            sentences(&records, day(2026, 11, 20)),
            [
                "Neck pain 4 -> 5 since 2 Nov: less than a clinically important change (2 points)",
                "Arm pain 6 -> 3 since 2 Nov: a clinically important change",
                "PSFS mean 3.0 -> 5.0 since 2 Nov: a clinically important change",
                "Global rating of change on 16 Nov: Somewhat better (+3): a clinically important change",
            ]
        );
        let all = summaries(&records, day(2026, 11, 20));
        let arm = all
            .get(1)
            .map(|s| (s.first.value, s.latest.value, s.change, s.verdict));
        assert_eq!(arm, Some((6.0, 3.0, -3.0, Verdict::Better)));
        assert_eq!(all.get(2).map(|s| s.points.len()), Some(3));
    }

    #[test]
    fn worse_first_only_and_unanswered_measures() {
        let records = [
            record("2026-11-02T09:00:00+01:00", 2, 11, &[], None),
            record("2026-11-09T09:00:00+01:00", 4, 11, &[], Some(-3)),
        ];
        assert_eq!(
            sentences(&records, day(2026, 11, 9)),
            [
                "Neck pain 2 -> 4 since 2 Nov: a clinically important change for the worse; tell your physical therapist",
                "Global rating of change on 9 Nov: Somewhat worse (-3): a clinically important change for the worse; tell your physical therapist",
            ]
        );
        assert_eq!(
            sentences(&records, day(2026, 11, 2)),
            ["Neck pain 2 on 2 Nov: the first rating, which later ones are compared with"]
        );
        assert!(summaries(&[], day(2026, 11, 2)).is_empty());
    }

    #[test]
    fn activities_are_followed_by_name_and_escaped() {
        let records = [
            record(
                "2026-11-02T09:00:00+01:00",
                2,
                2,
                &[("Driving", 2), ("Lift\u{202e}ing", 4)],
                None,
            ),
            record(
                "2026-11-09T09:00:00+01:00",
                2,
                2,
                &[("Driving", 5), ("Sleeping", 3)],
                None,
            ),
        ];
        let names: Vec<(String, usize)> = psfs_activities(&records, day(2026, 11, 9))
            .into_iter()
            .map(|(name, points)| (name, points.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Driving".to_owned(), 2),
                ("Lift\\u{202e}ing".to_owned(), 1),
                ("Sleeping".to_owned(), 1)
            ]
        );
    }
}

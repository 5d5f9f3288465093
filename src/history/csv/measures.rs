//! The outcome measures as CSV: one row per measure line.

use super::{row, text};
use crate::log::MeasureRecord;
use crate::log::record::MAX_PSFS_ACTIVITIES;

/// The header row of [`measures_csv`]: the fixed columns, then an activity
/// and a score column for each of the PSFS's places.
fn header() -> String {
    let mut columns: Vec<String> = [
        "date",
        "at",
        "neck_pain",
        "arm_pain",
        "groc",
        "psfs_mean",
        "psfs_activities",
    ]
    .iter()
    .map(|c| (*c).to_owned())
    .collect();
    for n in 1..=MAX_PSFS_ACTIVITIES {
        columns.push(format!("psfs_{n}_activity"));
        columns.push(format!("psfs_{n}_score"));
    }
    columns.join(",")
}

/// The measure lines as CSV (RFC 4180, `\r\n`, header first), oldest
/// first: neck and arm pain (0–10), the global rating of change (−7 … 7),
/// each empty when not answered; the PSFS mean with two decimals and the
/// number of activities rated; then each activity in the order asked, its
/// words (defused against formulas) and its score (0–10).
pub fn measures_csv(measures: &[MeasureRecord]) -> String {
    let mut sorted: Vec<&MeasureRecord> = measures.iter().collect();
    sorted.sort_by_key(|m| m.at.timestamp());
    let mut out = header();
    out.push_str("\r\n");
    for m in sorted {
        let items = m.psfs.items();
        let mut fields = vec![
            m.at.date().to_string(),
            m.at.to_string(),
            m.neck_pain.map(|p| p.get().to_string()).unwrap_or_default(),
            m.arm_pain.map(|p| p.get().to_string()).unwrap_or_default(),
            m.groc.map(|g| g.get().to_string()).unwrap_or_default(),
            m.psfs
                .mean()
                .map(|mean| format!("{mean:.2}"))
                .unwrap_or_default(),
            items.len().to_string(),
        ];
        for n in 0..MAX_PSFS_ACTIVITIES {
            match items.get(n) {
                Some(item) => {
                    fields.push(text(item.activity.as_str()));
                    fields.push(item.score.get().to_string());
                }
                None => {
                    fields.push(String::new());
                    fields.push(String::new());
                }
            }
        }
        row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_measure_with_each_activity_in_its_place() {
        let text = r#"{"v":2,"kind":"measure","at":"2026-11-16T09:00:00+01:00","neck_pain":5,
"arm_pain":null,"psfs":[{"activity":"=reading, in bed","score":6},{"activity":"driving","score":3}],"groc":-2}"#;
        let m: MeasureRecord = match serde_json::from_str(text) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        let csv = measures_csv(&[m]);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            rows.first().copied(),
            Some(
                "date,at,neck_pain,arm_pain,groc,psfs_mean,psfs_activities,psfs_1_activity,\
psfs_1_score,psfs_2_activity,psfs_2_score,psfs_3_activity,psfs_3_score,psfs_4_activity,\
psfs_4_score,psfs_5_activity,psfs_5_score"
            )
        );
        assert_eq!(
            rows.get(1).copied(),
            Some(
                "2026-11-16,2026-11-16T09:00:00+01:00,5,,-2,4.50,2,\"'=reading, in bed\",6,driving,3,,,,,,"
            )
        );
    }
}

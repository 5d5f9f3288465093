//! The outcome measures through the window (issue 28): offered at the
//! check-in, answered the first time with three PSFS activities, again a
//! week on (manual clock) with the global rating of change, put off once
//! ("Not now": offered again at the next session), written to the log as
//! `measure` lines, and shown in History against the first answers.

use std::time::Duration;

use serde_json::Value;

use crate::ui_flows::fixture;
use neckguide::due::measure_words;
use neckguide::ui::Screen;

const WEEK: Duration = Duration::from_secs(7 * 24 * 3600);

/// The answer `value` of the 0–10 row asking `question`.
fn rating(value: u8, question: &str) -> String {
    format!("{value}: {question}")
}

/// The 0–10 row of an activity.
fn activity(value: u8, name: &str) -> String {
    rating(value, &format!("How well can you do this now: {name}?"))
}

fn measure_lines(dir: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("sessions.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["kind"] == "measure")
        .collect()
}

#[test]
fn outcome_measures_are_answered_a_week_apart_put_off_once_and_shown_in_history() {
    let mut f = fixture();
    f.harness.run();
    // The first check-in offers them.
    f.click("Start session");
    assert!(matches!(f.harness.state().screen(), Screen::CheckIn(_)));
    assert!(f.has_text("About two minutes."));
    f.click("Answer the outcome measures");
    assert!(f.has_text(measure_words::PSFS_FIRST));
    // No global rating of change the first time: nothing to compare with.
    assert!(!f.has_text(measure_words::GROC));
    f.click(&rating(4, measure_words::NECK_PAIN));
    f.click(&rating(6, measure_words::ARM_PAIN));
    let activities = [
        "Reversing the car",
        "Reading in bed",
        "Lifting a shopping bag",
    ];
    for name in &activities[..2] {
        f.type_into(measure_words::NEW_ACTIVITY, name);
        f.click("Add activity");
    }
    // By the keyboard: Enter adds it, and the field keeps the focus for the
    // next one.
    f.type_into(measure_words::NEW_ACTIVITY, activities[2]);
    f.key(egui::Key::Enter);
    assert!(f.has(&activity(0, activities[2])));
    assert!(f.focused(measure_words::NEW_ACTIVITY));
    // Save waits for every rating, and says what is missing.
    assert!(f.has_text("Rate each activity, or retire it, to save."));
    for (name, score) in activities.iter().zip([2, 4, 3]) {
        f.click(&activity(score, name));
    }
    f.click("Save answers");
    assert!(f.has_text("Your outcome measures are saved"));
    let lines = measure_lines(f.dir.path());
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["neck_pain"], 4);
    assert_eq!(lines[0]["arm_pain"], 6);
    assert_eq!(lines[0]["groc"], Value::Null);
    let rated: Vec<(&str, u64)> = lines[0]["psfs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["activity"].as_str().unwrap(),
                i["score"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rated,
        [
            ("Reversing the car", 2),
            ("Reading in bed", 4),
            ("Lifting a shopping bag", 3)
        ]
    );
    f.click("Back to home");
    // The same day: not offered again.
    f.click("Start session");
    assert!(!f.has("Answer the outcome measures"));
    f.click("Back to home");

    // A week on: the same activities rated again, and the GROC.
    f.clock.advance(WEEK);
    f.harness.run();
    f.click("Start session");
    assert!(f.has_text("time for the same few questions again"));
    f.click("Answer the outcome measures");
    assert!(f.has_text(measure_words::PSFS_AGAIN));
    f.click(&rating(4, measure_words::NECK_PAIN));
    f.click(&rating(3, measure_words::ARM_PAIN));
    for name in activities {
        f.click(&activity(5, name));
    }
    assert!(f.has_text("Answer how you are overall"));
    f.click(&rating_groc(3, "Somewhat better"));
    f.click("Save answers");
    assert!(f.has_text("Your outcome measures are saved"));
    f.click("Back to home");
    let lines = measure_lines(f.dir.path());
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (&lines[1]["arm_pain"], &lines[1]["groc"]),
        (&3.into(), &3.into())
    );

    // Another week: put off, and offered again at the next session.
    f.clock.advance(WEEK);
    f.harness.run();
    f.click("Start session");
    f.click("Not now");
    assert!(f.has_text("asked again at your next session"));
    f.click("Back to home");
    f.click("Start session");
    assert!(f.has("Answer the outcome measures"));
    f.click("Back to home");
    assert_eq!(
        measure_lines(f.dir.path()).len(),
        2,
        "Not now writes nothing"
    );

    // History shows each measure against its first value.
    f.click("History");
    assert!(
        f.has_text("Arm pain 6 -> 3 since"),
        "no arm pain in History"
    );
    assert!(f.has_text("Arm pain 6 -> 3 since") && f.has_text(": a clinically important change"));
    assert!(f.has_text("Neck pain 4 -> 4 since"));
    assert!(f.has_text("PSFS mean 3.0 -> 5.0 since"));
    assert!(f.has_text("Somewhat better (+3): a clinically important change"));
    assert!(f.has_text("Reversing the car: "));
    // Each measure's chart marks its first value and the important change,
    // and tells a screen reader the sentence.
    {
        use egui_kittest::kittest::{NodeT as _, Queryable as _};
        let chart = f.harness.get_by_label("Arm pain chart");
        let description = chart.accesskit_node().description().unwrap_or_default();
        assert!(
            description.starts_with("Arm pain 6 -> 3 since"),
            "{description}"
        );
    }
    assert!(f.has_text(
        "Dashed lines: the first value, 6, and a clinically important change from it, 4."
    ));
}

/// The GROC's answer `value` with its words.
fn rating_groc(value: i8, words: &str) -> String {
    format!("+{value} {words}: {}", measure_words::GROC)
}

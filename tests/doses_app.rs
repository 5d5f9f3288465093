//! The running app's doses in effect are the ones anyone recomputes from
//! the log on disk, whatever the log holds, and the session it starts runs
//! them, in the schedule `plan::plan` gives (issue 11: "recomputing from
//! the log gives the same answer as the running app").

use std::sync::Arc;

use proptest::prelude::*;

use neckguide::app::paths::DataDir;
use neckguide::app::settings::Settings;
use neckguide::app::{App, AppOptions, CheckInAnswers};
use neckguide::doses::doses_in_effect;
use neckguide::log::LogStore;
use neckguide::plan::plan;
use neckguide::session::ManualClock;

use crate::ui_flows::ruled_data_dir;

/// One session line of the ruled routine: day, hour, pain before and
/// after, outcome (0 completed, 1 ended early, 2 stopped for pain without
/// saying where), arm answer (0 none, 1 in the arm, 2 further down).
fn session_line(
    i: usize,
    (day, hour, before, after, outcome, arm): (u8, u8, u8, u8, usize, usize),
) -> String {
    let outcome = ["completed", "ended_early", "stopped_for_pain"][outcome];
    let arm = ["none", "in_arm", "further_down"][arm];
    format!(
        r#"{{"v":2,"kind":"session","id":"s{i}","started_at":"2026-11-{day:02}T{hour:02}:00:00+01:00","ended_at":"2026-11-{day:02}T{hour:02}:05:00+01:00","routine":{{"id":"ruled","name":"Ruled","times_per_day":2}},"outcome":"{outcome}","pain_before":{before},"pain_after":{after},"arm_symptoms":{},"arm":"{arm}","note":"","exercises":[{{"id":"head-lifts","done":5,"prescribed":5,"skipped":false,"reached":true}}]}}"#,
        arm != "none"
    )
}

/// One daily check line: day, a yes to a warning sign, the morning's
/// answer (0 better, 1 the same, 2 worse).
fn check_line((day, warned, compared): (u8, bool, usize)) -> String {
    let compared = ["better", "same", "worse"][compared];
    format!(
        r#"{{"v":2,"kind":"daily_check","date":"2026-11-{day:02}","at":"2026-11-{day:02}T07:00:00+01:00","answers":[{{"question":"fever_chills_weight_loss","yes":{warned}}}],"compared_with_yesterday":"{compared}"}}"#
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_app_runs_the_doses_recomputed_from_the_log(
        sessions in prop::collection::vec((1u8..=20, 6u8..=21, 0u8..=10, 0u8..=10, 0usize..3, 0usize..3), 0..40),
        checks in prop::collection::vec((1u8..=20, any::<bool>(), 0usize..3), 0..10),
        today in 1u8..=21,
    ) {
        let mut lines: Vec<String> = sessions.iter().copied().enumerate().map(|(i, s)| session_line(i, s)).collect();
        lines.extend(checks.iter().copied().map(check_line));
        let dir = ruled_data_dir(&(lines.join("\n") + "\n"));
        let wall = format!("2026-11-{today:02}T22:00:00+01:00[+01:00]");
        let clock = ManualClock::new().with_wall(wall.parse().unwrap());
        let mut app = App::open(AppOptions::stepped(Some(DataDir::new(dir.path())), Arc::new(clock)));
        let running = app.doses_in_effect();
        let log = LogStore::open_read_only(dir.path()).load().unwrap();
        let routine = app.active_routine().unwrap().clone();
        prop_assert_eq!(routine.id.as_str(), "ruled");
        let recomputed = doses_in_effect(
            &routine,
            log.dose_log(),
            jiff::civil::date(2026, 11, i8::try_from(today).unwrap()),
        );
        prop_assert_eq!(&running, &recomputed);
        // The session started now runs that dose.
        app.start_session(CheckInAnswers::default());
        let notices = app.notices().to_vec();
        let runner = app.session().unwrap_or_else(|| panic!("{notices:?}"));
        let state = runner;
        let ran = &state.session.schedule().exercises[0].exercise.dose;
        prop_assert_eq!(ran, &recomputed[0].dose);
        // The whole session is the plan anyone gets from the same log,
        // day, sessions done and settings.
        let day = jiff::civil::date(2026, 11, i8::try_from(today).unwrap());
        let done = neckguide::due::sessions_done_on(&log.records, &routine.id, day);
        let (settings, _) = Settings::load(&DataDir::new(dir.path()).settings());
        let planned = plan(&routine, log.dose_log(), day, done, &settings.pacing());
        prop_assert_eq!(state.session.schedule(), &planned.schedule);
    }
}

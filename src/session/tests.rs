//! Unit tests of the session engine, with a manual clock.

use std::time::Duration;

use super::*;
use crate::exercise::{Direction, Dose, Exercise, Holds, Position, Practice, Timed};
use crate::routine::RoutineItem;
use crate::schedule::{Ending, EventKind, Schedule, ScheduleConfig, StepKind};

/// One exercise of the routine, with one step in plain words (also used
/// by the runner's tests).
pub(crate) fn item(id: &str, position: Position, dose: Dose) -> RoutineItem {
    RoutineItem {
        exercise: Exercise {
            id: id.to_owned(),
            name: id.to_owned(),
            category: None,
            position,
            steps: vec!["Do it.".to_owned()],
            cautions: Vec::new(),
            dose,
            times_per_day: None,
            frequency: None,
            image: None,
            picture_held: None,
            source: None,
        },
        times_per_day: 1,
        progression: None,
    }
}

pub(crate) fn holds(hold_seconds: u32, repetitions: u32, sets: u32, rest_seconds: u32) -> Dose {
    Dose::Holds(Holds {
        directions: Vec::new(),
        hold_seconds,
        repetitions,
        sets,
        rest_seconds,
        rest_between_sets_seconds: rest_seconds * 2,
    })
}

/// Two hold exercises in different positions, a directional one in the same
/// position, a timed position and a practice until Done.
fn mixed_items() -> Vec<RoutineItem> {
    vec![
        item("a", Position::LyingOnBack, holds(5, 2, 1, 5)),
        item("b", Position::Sitting, holds(2, 2, 2, 1)),
        item(
            "c",
            Position::Sitting,
            Dose::Holds(Holds {
                directions: vec![Direction::Forward, Direction::Left],
                hold_seconds: 3,
                repetitions: 2,
                sets: 1,
                rest_seconds: 2,
                rest_between_sets_seconds: 0,
            }),
        ),
        item(
            "d",
            Position::LyingOnBack,
            Dose::Timed(Timed {
                minutes: 1,
                max_minutes: None,
            }),
        ),
        item(
            "e",
            Position::Walking,
            Dose::Practice(Practice { minutes: None }),
        ),
    ]
}

fn session(items: &[RoutineItem], threshold: Option<Duration>) -> Session {
    let schedule = Schedule::build(items, &ScheduleConfig::default());
    match Session::new(
        schedule,
        SessionConfig {
            time_jump_threshold: threshold,
        },
    ) {
        Ok(s) => s,
        Err(err) => panic!("{err}"),
    }
}

fn at(clock: &ManualClock, cue: &Cue) -> u64 {
    clock.ms_since_base(cue.at)
}

fn planned_names(cues: &[Cue]) -> Vec<&'static str> {
    cues.iter()
        .filter_map(|c| c.event())
        .map(|e| e.name())
        .collect()
}

/// Ticks every `step_ms` until the session waits for Done or is over.
fn run(session: &mut Session, clock: &ManualClock, step_ms: u64, limit_ms: u64) -> Vec<Cue> {
    let mut cues = Vec::new();
    while clock.elapsed() < Duration::from_millis(limit_ms)
        && !session.is_finished()
        && session.time_to_next_change(clock.now()).is_some()
    {
        cues.extend(session.tick(clock.advance_ms(step_ms)));
    }
    cues
}

#[test]
fn an_empty_schedule_is_refused() {
    let schedule = Schedule::build(&[], &ScheduleConfig::default());
    assert_eq!(
        Session::new(schedule, SessionConfig::default()).err(),
        Some(SessionError::Empty)
    );
}

#[test]
fn one_late_tick_catches_up_with_every_event_at_its_planned_instant() {
    let mut items = mixed_items();
    items.truncate(4);
    let items = &items;
    let mut s = session(items, None);
    let clock = ManualClock::new();
    let mut cues = s.start(clock.now());
    cues.extend(s.tick(clock.advance(Duration::from_secs(3600))));
    let schedule = Schedule::build(items, &ScheduleConfig::default());
    let planned = schedule.planned_events();
    assert_eq!(cues.len(), planned.len());
    for (cue, plan) in cues.iter().zip(&planned) {
        let CueKind::Planned(event) = cue.kind else {
            panic!("unexpected {cue:?}");
        };
        assert_eq!(
            schedule.planned_event(cue.step, &event).as_ref(),
            Some(plan)
        );
        assert_eq!(at(&clock, cue), plan.at_ms, "{plan:?}");
    }
    assert_eq!(s.phase(), Phase::Completed);
    let report = s.report();
    assert_eq!(report.as_ref().map(|r| r.outcome), Some(Outcome::Completed));
    assert_eq!(
        report.map(|r| r.ended_at),
        Some(clock.base() + Duration::from_millis(schedule.total_ms))
    );
    for p in s.progress() {
        assert_eq!((p.done, p.skipped), (p.prescribed, false), "{p:?}");
    }
}

#[test]
fn a_step_waiting_for_done_waits_and_done_ends_it() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = s.tick(clock.advance(Duration::from_secs(3600)));
    assert_eq!(
        s.phase(),
        Phase::Running {
            step: StepKind::Practice,
            ending: Ending::Continue
        }
    );
    assert_eq!(s.time_to_next_change(clock.now()), None);
    assert_eq!(s.remaining(clock.now()), None);
    assert!(s.tick(clock.advance_ms(60_000)).is_empty());
    let cues = s.continue_(clock.now());
    assert_eq!(
        planned_names(&cues),
        ["practice_end", "exercise_end", "session_end"]
    );
    assert!(cues.iter().all(|c| c.at == clock.now()));
    assert_eq!(s.phase(), Phase::Completed);
    assert_eq!(
        s.progress().last().map(|p| (p.done, p.prescribed)),
        Some((0, 0))
    );
}

#[test]
fn continue_ends_getting_into_position_early_but_not_a_hold() {
    let mut s = session(&mixed_items(), Some(DEFAULT_TIME_JUMP_THRESHOLD));
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    assert_eq!(
        s.phase().running(),
        Some(StepKind::Position {
            to: Position::LyingOnBack
        })
    );
    let cues = s.continue_(clock.advance_ms(2_500));
    assert_eq!(planned_names(&cues), ["get_ready_start", "countdown_tick"]);
    assert!(cues.iter().all(|c| at(&clock, c) == 2_500));
    assert_eq!(s.phase().running(), Some(StepKind::GetReady));
    // Get ready is not ended early.
    assert!(s.continue_(clock.advance_ms(100)).is_empty());
    let cues = s.tick(clock.advance_ms(2_900));
    assert_eq!(
        planned_names(&cues),
        ["countdown_tick", "countdown_tick", "hold_start"]
    );
    assert_eq!(
        cues.iter().map(|c| at(&clock, c)).collect::<Vec<_>>(),
        [3_500, 4_500, 5_500]
    );
    assert!(matches!(
        s.phase().running(),
        Some(StepKind::Hold { rep: 1, set: 1, .. })
    ));
    assert!(s.continue_(clock.advance_ms(100)).is_empty());
    assert!(matches!(s.phase().running(), Some(StepKind::Hold { .. })));
}

#[test]
fn pause_keeps_the_remaining_time_and_resume_sets_a_new_deadline() {
    let mut s = session(&mixed_items(), Some(DEFAULT_TIME_JUMP_THRESHOLD));
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    // Position 15 s + get ready 3 s, then a 5 s hold; pause 2.3 s into it.
    let _ = run(&mut s, &clock, 100, 20_300);
    assert!(matches!(
        s.phase().running(),
        Some(StepKind::Hold { rep: 1, .. })
    ));
    let cues = s.pause(clock.now());
    assert_eq!(cues.len(), 1);
    assert_eq!(cues.first().map(|c| c.kind), Some(CueKind::Paused));
    let left = s.remaining(clock.now());
    assert_eq!(left, Some(Duration::from_millis(2_700)));
    assert_eq!(s.seconds_left(clock.now()), Some(3));
    assert_eq!(s.time_to_next_change(clock.now()), None);
    // An hour paused changes nothing, and is no time jump.
    assert!(s.tick(clock.advance(Duration::from_secs(3600))).is_empty());
    assert_eq!(s.remaining(clock.now()), left);
    assert!(matches!(
        s.phase(),
        Phase::Paused {
            step: StepKind::Hold { .. },
            reason: PauseReason::Person
        }
    ));
    let resumed_at = clock.now();
    let cues = s.resume(resumed_at);
    assert_eq!(cues.first().map(|c| c.kind), Some(CueKind::Resumed));
    assert_eq!(s.remaining(resumed_at), left);
    let cues = run(&mut s, &clock, 100, 3_600_000 + 20_300 + 2_800);
    let end = cues.iter().find(|c| c.event() == Some(EventKind::HoldEnd));
    assert_eq!(
        end.map(|c| c.at),
        Some(resumed_at + Duration::from_millis(2_700))
    );
}

#[test]
fn a_jump_of_the_clock_during_a_hold_pauses_it() {
    let mut s = session(&mixed_items(), Some(DEFAULT_TIME_JUMP_THRESHOLD));
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = run(&mut s, &clock, 500, 19_000);
    assert!(matches!(
        s.phase().running(),
        Some(StepKind::Hold { rep: 1, .. })
    ));
    let last = clock.now();
    // The computer sleeps for ten minutes.
    let cues = s.tick(clock.advance(Duration::from_secs(600)));
    assert_eq!(cues.len(), 1, "{cues:?}");
    assert_eq!(
        cues.first().map(|c| c.kind),
        Some(CueKind::PausedForTimeJump)
    );
    assert_eq!(cues.first().map(|c| c.at), Some(last));
    assert!(matches!(
        s.phase(),
        Phase::Paused {
            step: StepKind::Hold { .. },
            reason: PauseReason::TimeJump
        }
    ));
    assert_eq!(s.remaining(clock.now()), Some(Duration::from_secs(4)));
    assert_eq!(s.progress().first().map(|p| p.done), Some(0));
    let resumed_at = clock.now();
    let _ = s.resume(resumed_at);
    let cues = s.tick(clock.advance_ms(1_000));
    assert!(cues.is_empty());
    let cues = s.tick(clock.advance_ms(3_000));
    let end = cues.iter().find(|c| c.event() == Some(EventKind::HoldEnd));
    assert_eq!(end.map(|c| c.at), Some(resumed_at + Duration::from_secs(4)));
    assert_eq!(s.progress().first().map(|p| p.done), Some(1));
}

#[test]
fn a_sleep_of_the_computer_on_the_real_clock_pauses_the_hold() {
    let boot = super::clock::FakeBoottime::default();
    let clock = SystemClock::with_source(boot.clone());
    let mut s = session(&mixed_items(), Some(DEFAULT_TIME_JUMP_THRESHOLD));
    let _ = s.start(clock.now());
    // Done getting into position, then the get-ready countdown, a second at a time.
    let _ = s.continue_(clock.now());
    for _ in 0..4 {
        boot.advance(Duration::from_secs(1));
        let _ = s.tick(clock.now());
    }
    assert!(matches!(s.phase().running(), Some(StepKind::Hold { .. })));
    let left = s.remaining(clock.now());
    // The laptop sleeps for five minutes: boottime counts it.
    boot.advance(Duration::from_secs(300));
    let cues = s.tick(clock.now());
    assert_eq!(
        cues.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [CueKind::PausedForTimeJump]
    );
    assert!(matches!(
        s.phase(),
        Phase::Paused {
            reason: PauseReason::TimeJump,
            ..
        }
    ));
    assert_eq!(s.remaining(clock.now()), left);
}

#[test]
fn a_gap_within_the_threshold_is_caught_up() {
    let mut s = session(&mixed_items(), Some(DEFAULT_TIME_JUMP_THRESHOLD));
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = s.tick(clock.advance_ms(2_000));
    let _ = s.tick(clock.advance_ms(3_000));
    assert!(matches!(
        s.phase().running(),
        Some(StepKind::Position { .. })
    ));
    let _ = s.tick(clock.advance_ms(3_000));
    // 3.001 s is more than the threshold: paused as it was at 8 s.
    let cues = s.tick(clock.advance_ms(3_001));
    assert_eq!(
        cues.first().map(|c| c.kind),
        Some(CueKind::PausedForTimeJump)
    );
    assert_eq!(s.remaining(clock.now()), Some(Duration::from_secs(7)));
}

#[test]
fn seconds_left_rounds_up_and_repaints_come_at_second_changes() {
    let mut s = session(&mixed_items(), None);
    let clock = ManualClock::new();
    assert_eq!(s.time_to_next_change(clock.now()), None);
    assert_eq!(s.seconds_left(clock.now()), None);
    let _ = s.start(clock.now());
    assert_eq!(s.seconds_left(clock.now()), Some(15));
    assert_eq!(
        s.time_to_next_change(clock.now()),
        Some(Duration::from_secs(1))
    );
    assert_eq!(s.step_progress(clock.now()), 0.0);
    let _ = s.tick(clock.advance_ms(250));
    assert_eq!(s.seconds_left(clock.now()), Some(15));
    assert_eq!(
        s.time_to_next_change(clock.now()),
        Some(Duration::from_millis(750))
    );
    let _ = s.tick(clock.advance_ms(750));
    assert_eq!(s.seconds_left(clock.now()), Some(14));
    let _ = s.tick(clock.advance_ms(6_500));
    assert!((s.step_progress(clock.now()) - 0.5).abs() < 1e-6);
    // Asked without a tick past a deadline: repaint (and tick) now.
    assert_eq!(
        s.time_to_next_change(clock.now() + Duration::from_secs(20)),
        Some(Duration::ZERO)
    );
}

#[test]
fn hold_counts_show_the_current_or_next_hold() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    assert_eq!(s.hold_counts(), None);
    // Into exercise c (directions): skip a and b.
    let _ = s.skip(clock.now());
    let _ = s.skip(clock.now());
    assert_eq!(s.exercise_index(), 2);
    assert_eq!(s.phase().running(), Some(StepKind::Between));
    let _ = s.continue_(clock.now());
    let counts = s.hold_counts();
    assert_eq!(
        counts.map(|c| (c.hold, c.holds, c.rep, c.reps)),
        Some((1, 4, 1, 2))
    );
    assert_eq!(counts.and_then(|c| c.direction), Some(Direction::Forward));
    // Get ready 3 s, hold 3 s, rest 2 s, hold 3 s, relax 2 s: the third hold.
    let _ = s.tick(clock.advance_ms(3_000 + 3_000 + 2_000 + 3_000 + 500));
    assert_eq!(
        s.phase().running(),
        Some(StepKind::Rest {
            between: crate::schedule::RestKind::Directions
        })
    );
    let counts = s.hold_counts();
    assert_eq!(
        counts.map(|c| (c.hold, c.rep, c.set, c.sets)),
        Some((3, 1, 1, 1))
    );
    assert_eq!(counts.and_then(|c| c.direction), Some(Direction::Left));
    assert_eq!(s.next_exercise().map(|e| e.exercise.id.as_str()), Some("d"));
}

#[test]
fn skip_records_what_was_done_and_skipping_the_last_completes() {
    let mut items = mixed_items();
    items.truncate(2);
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    // Position 15, get ready 3, hold 5: one hold done, into the rest.
    let _ = s.tick(clock.advance_ms(24_000));
    assert_eq!(s.progress().first().map(|p| p.done), Some(1));
    let cues = s.skip(clock.now());
    assert_eq!(
        cues.first().map(|c| (c.kind, c.exercise)),
        Some((CueKind::ExerciseSkipped, 0))
    );
    assert_eq!(planned_names(&cues), ["exercise_start", "position_start"]);
    assert_eq!(s.exercise_index(), 1);
    let first = s.progress().first().cloned();
    assert_eq!(
        first.map(|p| (p.done, p.prescribed, p.skipped)),
        Some((1, 2, true))
    );
    // Skipping while paused works too, and the last skip completes.
    let _ = s.pause(clock.advance_ms(1_000));
    let cues = s.skip(clock.advance_ms(1_000));
    assert_eq!(planned_names(&cues), ["session_end"]);
    assert_eq!(s.phase(), Phase::Completed);
    let report = s.report();
    assert_eq!(report.as_ref().map(|r| r.ended_at), Some(clock.now()));
    assert_eq!(
        report.map(|r| r.exercises.iter().map(|e| e.skipped).collect::<Vec<_>>()),
        Some(vec![true, true])
    );
}

#[test]
fn a_session_with_every_exercise_skipped_ends_early_not_completed() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let mut last = Vec::new();
    for _ in 0..items.len() {
        assert!(s.nothing_done());
        last = s.skip(clock.advance_ms(1_000));
    }
    assert_eq!(s.phase(), Phase::EndedEarly);
    assert_eq!(s.report().map(|r| r.outcome), Some(Outcome::EndedEarly));
    // No "session done" for it: the end is said as ended early.
    assert!(planned_names(&last).is_empty(), "{last:?}");
    assert_eq!(
        last.last().map(|c| (c.kind, c.is_final())),
        Some((CueKind::EndedEarly, true))
    );
}

#[test]
fn a_practice_ended_at_once_after_skipping_the_rest_ends_early() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    for _ in 0..4 {
        let _ = s.skip(clock.now());
    }
    // Into the practice (with no set time), then Done within the second.
    let _ = s.continue_(clock.now());
    let _ = s.tick(clock.advance_ms(3_000));
    assert_eq!(s.phase().running(), Some(StepKind::Practice));
    let cues = s.continue_(clock.advance_ms(900));
    assert_eq!(planned_names(&cues), ["practice_end", "exercise_end"]);
    assert_eq!(cues.last().map(|c| c.kind), Some(CueKind::EndedEarly));
    assert_eq!(s.outcome(), Some(Outcome::EndedEarly));
}

#[test]
fn one_thing_done_is_enough_for_completed() {
    let items = mixed_items();
    // One hold done, the rest skipped.
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = s.tick(clock.advance_ms(24_000));
    assert!(!s.nothing_done());
    for _ in 0..items.len() {
        let _ = s.skip(clock.now());
    }
    assert_eq!(s.outcome(), Some(Outcome::Completed));
    // A practice with no set time: its done stays 0, but a second of it
    // counts.
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    for _ in 0..4 {
        let _ = s.skip(clock.now());
    }
    let _ = s.continue_(clock.now());
    let _ = s.tick(clock.advance_ms(3_000));
    let cues = s.continue_(clock.advance_ms(1_000));
    assert_eq!(
        planned_names(&cues),
        ["practice_end", "exercise_end", "session_end"]
    );
    assert_eq!(s.progress().last().map(|p| p.done), Some(0));
    assert_eq!(s.outcome(), Some(Outcome::Completed));
}

#[test]
fn work_undone_by_back_does_not_count() {
    let mut items = mixed_items();
    items.truncate(2);
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = s.tick(clock.advance_ms(24_000));
    assert!(!s.nothing_done());
    let _ = s.back(clock.now());
    assert!(s.nothing_done());
    for _ in 0..items.len() {
        let _ = s.skip(clock.now());
    }
    assert_eq!(s.outcome(), Some(Outcome::EndedEarly));
}

#[test]
fn back_goes_to_the_previous_exercise_only_from_the_first_step() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    // Back in the first exercise restarts it; no second session start.
    let _ = s.tick(clock.advance_ms(24_000));
    assert_eq!(s.progress().first().map(|p| p.done), Some(1));
    let cues = s.back(clock.now());
    assert_eq!(cues.first().map(|c| c.kind), Some(CueKind::WentBack));
    assert_eq!(planned_names(&cues), ["exercise_start", "position_start"]);
    assert_eq!((s.exercise_index(), s.step_index()), (0, 0));
    assert_eq!(s.progress().first().map(|p| p.done), Some(0));
    // Into exercise b, past its first step: back restarts b.
    let _ = s.skip(clock.now());
    let b_first = s.step_index();
    let _ = s.continue_(clock.now());
    assert_eq!(s.phase().running(), Some(StepKind::GetReady));
    let _ = s.back(clock.now());
    assert_eq!((s.exercise_index(), s.step_index()), (1, b_first));
    // From b's first step, back goes to a, which is no longer skipped.
    assert_eq!(s.progress().first().map(|p| p.skipped), Some(true));
    let _ = s.back(clock.now());
    assert_eq!((s.exercise_index(), s.step_index()), (0, 0));
    assert_eq!(s.progress().first().map(|p| p.skipped), Some(false));
}

#[test]
fn a_timed_position_counts_seconds() {
    let items = mixed_items();
    let mut s = session(&items, None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    for _ in 0..3 {
        let _ = s.skip(clock.now());
    }
    assert_eq!(s.exercise_index(), 3);
    let _ = s.continue_(clock.now());
    let _ = s.tick(clock.advance_ms(3_000));
    assert_eq!(s.phase().running(), Some(StepKind::Timed));
    let _ = s.tick(clock.advance_ms(42_700));
    let d = s.progress().get(3).cloned();
    assert_eq!(
        d.map(|p| (p.done, p.prescribed, p.unit)),
        Some((42, 60, DoneUnit::Seconds))
    );
    let _ = s.end(clock.now());
    let report = s.report();
    assert_eq!(
        report.as_ref().map(|r| r.outcome),
        Some(Outcome::EndedEarly)
    );
    assert_eq!(
        report.and_then(|r| r.exercises.get(3).map(|p| p.done)),
        Some(42)
    );
}

#[test]
fn pain_stops_from_any_phase_and_nothing_happens_after() {
    let clock = ManualClock::new();
    // From ready, from a countdown, from paused.
    for setup in 0..3 {
        let mut s = session(&mixed_items(), None);
        if setup > 0 {
            let _ = s.start(clock.now());
            let _ = s.tick(clock.advance_ms(16_000));
            assert_eq!(s.phase().running(), Some(StepKind::GetReady));
        }
        if setup == 2 {
            let _ = s.pause(clock.now());
        }
        let cues = s.report_pain(clock.now());
        assert_eq!(cues.last().map(|c| c.kind), Some(CueKind::StoppedForPain));
        assert!(cues.last().is_some_and(Cue::is_final));
        assert_eq!(s.phase(), Phase::StoppedForPain);
        let frozen = s.report();
        assert_eq!(
            frozen.as_ref().map(|r| r.outcome),
            Some(Outcome::StoppedForPain)
        );
        let t = clock.advance_ms(100_000);
        for cues in [
            s.tick(t),
            s.start(t),
            s.resume(t),
            s.pause(t),
            s.skip(t),
            s.back(t),
            s.continue_(t),
            s.end(t),
            s.report_pain(t),
        ] {
            assert!(cues.is_empty(), "{cues:?}");
        }
        assert_eq!(s.phase(), Phase::StoppedForPain);
        assert_eq!(s.report(), frozen);
        assert_eq!(s.time_to_next_change(t), None);
    }
}

#[test]
fn a_session_for_a_routine_runs_the_due_items() {
    let library = crate::routine::Library::builtin();
    let Some(daily) = library
        .presets()
        .into_iter()
        .find(|r| r.id == "daily-neck-routine")
    else {
        panic!("no daily routine");
    };
    let config = SessionConfig::default();
    let pacing = ScheduleConfig::default();
    let session = |done| {
        Session::new(Schedule::for_session(&daily, done, &pacing), config)
            .map(|s| s.progress().len())
    };
    let first = session(0);
    let third = session(2);
    assert_eq!(first, Ok(4));
    assert_eq!(third, Ok(3), "head lifts are due twice a day");
}

#[test]
fn time_never_goes_back() {
    let mut s = session(&mixed_items(), None);
    let clock = ManualClock::new();
    let base = clock.base();
    let _ = s.start(clock.advance_ms(10_000));
    let _ = s.tick(clock.advance_ms(5_000));
    let before = s.remaining(clock.now());
    // An earlier instant counts as the latest one seen.
    assert!(s.tick(base).is_empty());
    assert_eq!(s.remaining(base), before);
}

#[test]
fn the_next_cue_is_foreseen_to_the_millisecond() {
    let mut s = session(&mixed_items(), None);
    let clock = ManualClock::new();
    assert_eq!(s.time_to_next_cue(clock.now()), None, "before the start");
    let _ = s.start(clock.now());
    let mut foreseen = s.time_to_next_cue(clock.now()).map(|d| d.as_millis());
    let mut longest = 0;
    let mut checked = 0;
    // Every 100 ms up to the practice, which waits for Done.
    while s.time_to_next_change(clock.now()).is_some() {
        let now_ms = u128::from(clock.ms_since_base(clock.now()));
        let cues = s.tick(clock.advance_ms(100));
        let Some(wait) = foreseen else {
            panic!("a running timed step foresees its next cue");
        };
        let due = now_ms + wait;
        match cues.iter().find(|c| c.event().is_some()) {
            Some(cue) => {
                assert_eq!(u128::from(at(&clock, cue)), due, "{cues:?}");
                checked += 1;
            }
            None => assert!(
                due > now_ms + 100,
                "a cue foreseen at {due} ms did not come"
            ),
        }
        foreseen = s.time_to_next_cue(clock.now()).map(|d| d.as_millis());
        longest = longest.max(foreseen.unwrap_or(0));
    }
    assert!(checked > 20, "{checked} cues checked");
    // The one-minute timed position foresees its end a minute off.
    assert!(longest >= 59_900, "{longest}");
    assert_eq!(s.phase().running(), Some(StepKind::Practice));
    assert_eq!(s.time_to_next_cue(clock.now()), None, "waiting for Done");
    let _ = s.continue_(clock.now());
    assert_eq!(s.time_to_next_cue(clock.now()), None, "finished");
}

#[test]
fn no_cue_is_foreseen_while_paused() {
    let mut s = session(&mixed_items(), None);
    let clock = ManualClock::new();
    let _ = s.start(clock.now());
    let _ = run(&mut s, &clock, 100, 20_300);
    assert!(s.time_to_next_cue(clock.now()).is_some());
    let _ = s.pause(clock.now());
    assert_eq!(s.time_to_next_cue(clock.now()), None);
    let _ = s.resume(clock.advance_ms(5_000));
    // The hold's 2.7 s left, counted again from the resume.
    assert_eq!(
        s.time_to_next_cue(clock.now()),
        Some(Duration::from_millis(2_700))
    );
}

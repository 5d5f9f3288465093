//! The guided session engine against the real `plan --json`: with a manual
//! clock every cue lands exactly at the planned `at_ms`, however irregular the
//! ticks; proptest state-machine runs over random commands and time steps;
//! and the model stays free of window, sound and file code.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use neckguide::routine::{Library, Routine};
use neckguide::schedule::{Ending, EventKind, Schedule, ScheduleConfig, StepKind};
use neckguide::session::{Cue, CueKind, ManualClock, Outcome, Phase, Session, SessionConfig};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::{neckguide, repo_root, stderr, stdout};

fn daily_path() -> PathBuf {
    repo_root().join("exercises/routines/daily-neck-routine.json")
}

fn load(path: &Path) -> Routine {
    match neckguide::app::catalog::load_routine_file(path, &Library::builtin()) {
        Ok(r) => r,
        Err(problems) => panic!("{problems:?}"),
    }
}

/// The lines `neckguide plan --json` prints, as JSON values.
fn plan_json(path: &Path, session: u32) -> Vec<Value> {
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(err) => panic!("{err}"),
    };
    let Some(file) = path.to_str() else {
        panic!("path is not UTF-8: {}", path.display());
    };
    let out = match neckguide(&tmp.path().join("data"))
        .args(["plan", file, "--json", "--session", &session.to_string()])
        .output()
    {
        Ok(out) => out,
        Err(err) => panic!("could not start neckguide: {err}"),
    };
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|line| match serde_json::from_str(line) {
            Ok(v) => v,
            Err(err) => panic!("{err}: {line}"),
        })
        .collect()
}

fn new_session(routine: &Routine, done_today: u32, config: SessionConfig) -> Session {
    let schedule = Schedule::for_session(routine, done_today, &ScheduleConfig::default());
    match Session::new(schedule, config) {
        Ok(s) => s,
        Err(err) => panic!("{err}"),
    }
}

/// A planned cue as `plan --json` would print it, with `at_ms` as measured on
/// the manual clock rather than as planned.
fn as_printed(schedule: &Schedule, clock: &ManualClock, cue: &Cue) -> Value {
    let CueKind::Planned(event) = cue.kind else {
        panic!("a cue no command asked for: {cue:?}");
    };
    let Some(mut planned) = schedule.planned_event(cue.step, &event) else {
        panic!("no step {}", cue.step);
    };
    planned.at_ms = clock.ms_since_base(cue.at);
    match serde_json::to_value(&planned) {
        Ok(v) => v,
        Err(err) => panic!("{err}"),
    }
}

/// A small deterministic generator (xorshift), so a failure is repeatable.
struct Steps(u64);

impl Steps {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low + 1)
    }
}

/// How the test moves time.
#[derive(Debug, Clone, Copy)]
enum Ticking {
    /// Every `n` ms.
    Every(u64),
    /// Random steps from 1 to 1700 ms, from a seed.
    Random(u64),
    /// Exactly when `time_to_next_change` asks, as the window does.
    AsAsked,
}

/// A whole session as the test ran it.
struct Run {
    cues: Vec<Cue>,
    /// For each press of Done on a practice that waits for it: how many cues
    /// came before the press, and how long (ms) the practice had waited. The
    /// plan cannot know that wait, so the events after it come that much later.
    waits: Vec<(usize, u64)>,
}

/// Runs a whole session, pressing Done on a practice that waits for it at
/// the first tick that sees it.
fn run_whole(session: &mut Session, clock: &ManualClock, ticking: Ticking) -> Run {
    let mut steps = Steps(match ticking {
        Ticking::Random(seed) => seed | 1,
        _ => 1,
    });
    let mut run = Run {
        cues: session.start(clock.now()),
        waits: Vec::new(),
    };
    let mut calls = 0_u32;
    while !session.is_finished() {
        calls += 1;
        assert!(calls < 5_000_000, "the session never ends");
        if session.phase()
            == (Phase::Running {
                step: StepKind::Practice,
                ending: Ending::Continue,
            })
        {
            let started = run
                .cues
                .iter()
                .rev()
                .find(|c| c.event() == Some(EventKind::PracticeStart))
                .map_or(clock.now(), |c| c.at);
            let waited = clock.now().duration_since(started);
            run.waits.push((
                run.cues.len(),
                u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
            ));
            let cues = session.continue_(clock.now());
            run.cues.extend(cues);
            continue;
        }
        let by = match ticking {
            Ticking::Every(ms) => Duration::from_millis(ms),
            Ticking::Random(_) => Duration::from_millis(steps.next_ms(1, 1700)),
            Ticking::AsAsked => match session.time_to_next_change(clock.now()) {
                Some(wait) => wait,
                None => panic!("nothing to wait for in {:?}", session.phase()),
            },
        };
        run.cues.extend(session.tick(clock.advance(by)));
    }
    run
}

fn check_against_plan(path: &Path, plan_session: u32, ticking: Ticking) {
    let routine = load(path);
    let printed = plan_json(path, plan_session);
    let mut session = new_session(&routine, plan_session - 1, SessionConfig::default());
    let clock = ManualClock::new();
    let run = run_whole(&mut session, &clock, ticking);
    let schedule = session.schedule().clone();
    let measured: Vec<Value> = run
        .cues
        .iter()
        .map(|c| as_printed(&schedule, &clock, c))
        .collect();
    assert_eq!(measured.len(), printed.len(), "{ticking:?}");
    // The plan's times, moved later by the waits for Done before each event.
    let shift = |index: usize| -> u64 {
        run.waits
            .iter()
            .filter(|(before, _)| *before <= index)
            .map(|(_, ms)| ms)
            .sum()
    };
    let expected: Vec<Value> = printed
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut line = line.clone();
            if let Some(at) = line.get("at_ms").and_then(Value::as_u64)
                && let Some(slot) = line.get_mut("at_ms")
            {
                *slot = Value::from(at + shift(i));
            }
            line
        })
        .collect();
    for (got, want) in measured.iter().zip(&expected) {
        assert_eq!(got, want, "{ticking:?}");
    }
    // The same against the schedule itself.
    let planned: Vec<Value> = schedule
        .planned_events()
        .iter()
        .filter_map(|p| serde_json::to_value(p).ok())
        .collect();
    assert_eq!(printed, planned);
    assert_eq!(session.outcome(), Some(Outcome::Completed));
    let Some(report) = session.report() else {
        panic!("no report");
    };
    assert_eq!(
        clock.ms_since_base(report.ended_at),
        schedule.total_ms + shift(usize::MAX),
        "{ticking:?}"
    );
    for p in &report.exercises {
        assert!(!p.skipped);
        assert_eq!(p.done, p.prescribed, "{p:?}");
    }
}

#[test]
fn a_whole_daily_session_lands_every_event_at_the_planned_ms() {
    let path = daily_path();
    for ticking in [
        Ticking::Every(1),
        Ticking::Every(1000),
        Ticking::Every(333),
        Ticking::AsAsked,
        Ticking::Random(7),
        Ticking::Random(0x5eed),
        Ticking::Random(2026),
    ] {
        check_against_plan(&path, 1, ticking);
    }
    // The third session of the day has no head lifts.
    check_against_plan(&path, 3, Ticking::Random(3));
}

#[test]
fn a_thirty_minute_session_does_not_drift() {
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(err) => panic!("{err}"),
    };
    let path = tmp.path().join("long.json");
    let routine = r#"{
      "id": "long-test-routine",
      "name": "Long test routine",
      "times_per_day": 1,
      "items": [
        { "exercise": "supine-neutral-head", "dose": { "kind": "timed", "minutes": 25 } },
        { "exercise": "supine-deep-neck-flexion" },
        { "exercise": "seated-retraction" },
        { "exercise": "isometric-neck-strengthening" },
        { "exercise": "head-lifts" },
        { "exercise": "neutral-head-walking" }
      ]
    }"#;
    if let Err(err) = std::fs::write(&path, routine) {
        panic!("{err}");
    }
    let schedule = Schedule::build(&load(&path).items, &ScheduleConfig::default());
    assert!(
        schedule.total_ms >= 30 * 60 * 1000,
        "only {} ms",
        schedule.total_ms
    );
    for ticking in [
        Ticking::Random(11),
        Ticking::Random(99),
        Ticking::AsAsked,
        Ticking::Every(1700),
    ] {
        check_against_plan(&path, 1, ticking);
    }
}

// ----- State-machine properties -----

/// A command of the person, or time passing.
#[derive(Debug, Clone, Copy)]
enum Command {
    /// Time passes by this many ms, then a tick.
    Tick(u64),
    /// The computer sleeps this many ms, then a tick.
    Sleep(u64),
    Start,
    Pause,
    Resume,
    Continue,
    Skip,
    Back,
    End,
    Pain,
}

/// Mostly time passing; stopping commands are rare so that most runs get
/// through several holds first.
fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        300 => (0_u64..=2_500).prop_map(Command::Tick),
        4 => (3_001_u64..=900_000).prop_map(Command::Sleep),
        10 => Just(Command::Start),
        8 => Just(Command::Pause),
        16 => Just(Command::Resume),
        16 => Just(Command::Continue),
        4 => Just(Command::Skip),
        4 => Just(Command::Back),
        1 => Just(Command::End),
        1 => Just(Command::Pain),
    ]
}

fn presets() -> &'static [Routine] {
    static PRESETS: OnceLock<Vec<Routine>> = OnceLock::new();
    PRESETS.get_or_init(|| Library::builtin().presets())
}

/// An open hold, as the cues tell it.
struct OpenHold {
    step: usize,
    started: std::time::Instant,
    paused_since: Option<std::time::Instant>,
    paused_for: Duration,
}

fn run_commands(routine_index: usize, done_today: u32, commands: &[(u64, Command)]) {
    let Some(routine) = presets().get(routine_index % presets().len()) else {
        panic!("no preset routines");
    };
    let mut session = new_session(routine, done_today, SessionConfig::default());
    let schedule = session.schedule().clone();
    let clock = ManualClock::new();
    let mut last_cue_at = clock.now();
    let mut open: Option<OpenHold> = None;
    let mut holds_ended = 0;
    for &(gap_ms, command) in commands {
        let now = match command {
            Command::Tick(ms) | Command::Sleep(ms) => clock.advance_ms(ms),
            _ => clock.advance_ms(gap_ms),
        };
        let phase_before = session.phase();
        let report_before = session.report();
        let final_before = phase_before.is_final();
        let remaining_before = session.remaining(now);
        let mut cues = Vec::new();
        match command {
            Command::Tick(_) | Command::Sleep(_) => cues.extend(session.tick(now)),
            Command::Start => cues.extend(session.start(now)),
            Command::Pause => cues.extend(session.pause(now)),
            Command::Resume => cues.extend(session.resume(now)),
            Command::Continue => cues.extend(session.continue_(now)),
            Command::Skip => cues.extend(session.skip(now)),
            Command::Back => cues.extend(session.back(now)),
            Command::End => cues.extend(session.end(now)),
            Command::Pain => {
                // Bring it up to now first, so a session that completed
                // before the press is told apart.
                cues.extend(session.tick(now));
                let final_at_press = session.is_finished();
                let stop = session.report_pain(now);
                if final_at_press {
                    assert!(stop.is_empty(), "{stop:?}");
                } else {
                    assert_eq!(stop.last().map(|c| c.kind), Some(CueKind::StoppedForPain));
                    assert_eq!(session.phase(), Phase::StoppedForPain);
                    assert_eq!(session.outcome(), Some(Outcome::StoppedForPain));
                }
                cues.extend(stop);
            }
        }

        // Final is final.
        if final_before {
            assert!(cues.is_empty(), "cues after the end: {cues:?}");
            assert_eq!(session.phase(), phase_before);
            assert_eq!(session.report(), report_before);
            assert_eq!(session.time_to_next_change(now), None);
        }
        if session.is_finished() {
            assert!(session.phase().is_final());
            assert!(session.report().is_some());
        }
        // Time does not pass while paused; resume keeps the time left.
        if let Phase::Paused { .. } = phase_before {
            match command {
                Command::Tick(_) | Command::Sleep(_) | Command::Pause | Command::Continue => {
                    assert!(cues.is_empty(), "{cues:?}");
                    assert_eq!(session.phase(), phase_before);
                    assert_eq!(session.remaining(now), remaining_before);
                }
                Command::Resume => {
                    assert_eq!(session.remaining(now), remaining_before);
                    assert!(!session.phase().is_paused());
                }
                _ => {}
            }
        }
        if let Command::Pause = command
            && session.phase().is_paused()
            && !phase_before.is_paused()
        {
            let later = clock.now() + Duration::from_secs(3600);
            assert_eq!(session.remaining(later), session.remaining(now));
        }
        // Done never exceeds prescribed.
        for p in session.progress() {
            assert!(p.done <= p.prescribed, "{p:?}");
        }
        // Cues come in order, never from the future.
        for cue in &cues {
            assert!(cue.at >= last_cue_at, "{cue:?} before an earlier cue");
            assert!(cue.at <= now, "{cue:?} from the future");
            last_cue_at = cue.at;
        }
        // Every hold that ends ran exactly its length of unpaused time.
        for cue in &cues {
            match cue.kind {
                CueKind::Planned(e) if e.kind == EventKind::HoldStart => {
                    open = Some(OpenHold {
                        step: cue.step,
                        started: cue.at,
                        paused_since: None,
                        paused_for: Duration::ZERO,
                    });
                }
                CueKind::Planned(e) if e.kind == EventKind::HoldEnd => {
                    let Some(hold) = open.take() else {
                        panic!("a hold ended that never started: {cue:?}");
                    };
                    assert_eq!(hold.step, cue.step);
                    assert!(hold.paused_since.is_none());
                    let Some(step) = schedule.steps.get(cue.step) else {
                        panic!("no step {}", cue.step);
                    };
                    assert!(matches!(step.kind, StepKind::Hold { .. }));
                    let ran = cue.at.duration_since(hold.started) - hold.paused_for;
                    assert_eq!(ran, Duration::from_millis(step.duration_ms));
                    holds_ended += 1;
                }
                CueKind::Paused | CueKind::PausedForTimeJump => {
                    if let Some(hold) = open.as_mut() {
                        hold.paused_since = Some(cue.at);
                    }
                }
                CueKind::Resumed => {
                    if let Some(hold) = open.as_mut()
                        && let Some(since) = hold.paused_since.take()
                    {
                        hold.paused_for += cue.at.duration_since(since);
                    }
                }
                CueKind::ExerciseSkipped
                | CueKind::WentBack
                | CueKind::EndedEarly
                | CueKind::StoppedForPain => open = None,
                CueKind::Planned(_) => {}
            }
        }
    }
    // Holds completed in the report are the holds that ended (less those
    // reset by going back), never more.
    let done_holds: u32 = session
        .progress()
        .iter()
        .filter(|p| p.unit == neckguide::session::DoneUnit::Holds)
        .map(|p| p.done)
        .sum();
    assert!(done_holds <= holds_ended);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_the_session_rules(
        routine in 0_usize..2,
        done_today in 0_u32..4,
        commands in prop::collection::vec((0_u64..=1_500, command()), 1..400),
    ) {
        run_commands(routine, done_today, &commands);
    }

    #[test]
    fn pain_after_any_history_stops_for_good(
        routine in 0_usize..2,
        commands in prop::collection::vec((0_u64..=1_500, command()), 0..200),
        later in prop::collection::vec((0_u64..=5_000, command()), 1..20),
    ) {
        let mut all = commands;
        all.push((0, Command::Pain));
        all.extend(later);
        run_commands(routine, 0, &all);
    }
}

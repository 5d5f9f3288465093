//! The pose of the exercise's figure: where the moving picture stands
//! between the start position (0) and the held one (1), on the session's
//! own clock.
//!
//! When a hold begins (a hold, a timed position or a practice: a step in
//! which a position is held) the figure moves from start to held over
//! [`MOVEMENT`], then stays; when the step after it is a rest of the same
//! exercise, it moves back over [`MOVEMENT`]. The time is the step's
//! unpaused time ([`Session::step_elapsed`]), so a paused session's figure
//! stays where it is and nothing is counted in frames. Before the start,
//! getting into position, the get-ready countdown, the pause between
//! exercises and once the session is over, it shows the start.

use std::time::{Duration, Instant};

use super::Session;
use crate::schedule::StepKind;

/// How long the figure takes to move from one pose to the other.
pub const MOVEMENT: Duration = Duration::from_secs(1);

/// Whether a position is held during a step of this kind.
fn holds_a_position(kind: StepKind) -> bool {
    matches!(
        kind,
        StepKind::Hold { .. } | StepKind::Timed | StepKind::Practice
    )
}

/// Which way the figure goes in the current step, and how far into the
/// step it is: `Some((true, t))` towards the held pose, `Some((false, t))`
/// back to the start; `None` when it stays at the start.
fn movement(session: &Session, now: Instant) -> Option<(bool, Duration)> {
    let elapsed = session.step_elapsed(now)?;
    let index = session.step_index();
    let steps = &session.schedule().steps;
    let step = steps.get(index)?;
    if holds_a_position(step.kind) {
        return Some((true, elapsed));
    }
    let before = steps.get(index.checked_sub(1)?)?;
    let back = matches!(step.kind, StepKind::Rest { .. })
        && before.exercise == step.exercise
        && holds_a_position(before.kind);
    back.then_some((false, elapsed))
}

/// A smooth start and end to a movement: 0 at 0, 1 at 1, flat at both.
fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Where the figure is at `now`: 0 the start position, 1 the held one,
/// in between while it moves.
pub fn pose(session: &Session, now: Instant) -> f32 {
    match movement(session, now) {
        None => 0.0,
        Some((towards_held, elapsed)) => {
            let done = ease(elapsed.as_secs_f32() / MOVEMENT.as_secs_f32());
            if towards_held { done } else { 1.0 - done }
        }
    }
}

/// How long from `now` the figure keeps moving by itself: `None` when it
/// stays where it is (a pause stops it; it moves again on resume).
pub fn pose_moves_for(session: &Session, now: Instant) -> Option<Duration> {
    // Paused or over: it stays where it is.
    session.phase().running()?;
    let (_, elapsed) = movement(session, now)?;
    let left = MOVEMENT.saturating_sub(elapsed);
    (!left.is_zero()).then_some(left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::{Dose, Position, Timed};
    use crate::schedule::{Schedule, ScheduleConfig};
    use crate::session::tests::{holds, item};
    use crate::session::{ManualClock, SessionConfig};

    /// A session of an exercise of `dose` and a second one after it,
    /// started at the clock's base.
    fn started(clock: &ManualClock, dose: Dose) -> Session {
        let items = [
            item("a", Position::Sitting, dose),
            item("b", Position::Sitting, holds(5, 1, 1, 5)),
        ];
        let config = ScheduleConfig::default();
        let schedule = Schedule::build(&items, &config);
        let mut session =
            Session::new(schedule, SessionConfig::default()).unwrap_or_else(|e| panic!("{e}"));
        let _ = session.start(clock.now());
        session
    }

    /// Ticks every 50 ms until the step of `kind` runs.
    fn until(session: &mut Session, clock: &ManualClock, kind: fn(StepKind) -> bool) {
        for _ in 0..10_000 {
            if session.phase().running().is_some_and(kind) {
                return;
            }
            if session
                .phase()
                .running()
                .is_some_and(|k| matches!(k, StepKind::Position { .. } | StepKind::Between))
            {
                let _ = session.continue_(clock.now());
            }
            let _ = session.tick(clock.advance_ms(50));
        }
        panic!("the step never came");
    }

    fn is_hold(k: StepKind) -> bool {
        matches!(k, StepKind::Hold { .. })
    }

    fn is_rest(k: StepKind) -> bool {
        matches!(k, StepKind::Rest { .. })
    }

    #[test]
    fn the_figure_starts_still_moves_in_a_second_holds_and_moves_back() {
        let clock = ManualClock::new();
        let mut session = started(&clock, holds(5, 3, 1, 5));
        // Getting into position and the get-ready countdown: the start.
        assert_eq!(pose(&session, clock.now()), 0.0);
        until(&mut session, &clock, |k| k == StepKind::GetReady);
        assert_eq!(pose(&session, clock.now()), 0.0);
        assert_eq!(pose_moves_for(&session, clock.now()), None);
        until(&mut session, &clock, is_hold);
        // The hold's start is where the tick found it: its first 50 ms at most.
        let began = clock.now() - session.step_elapsed(clock.now()).unwrap_or_default();
        let at = |ms: u64| pose(&session, began + Duration::from_millis(ms));
        assert_eq!(at(0), 0.0);
        assert!((at(500) - 0.5).abs() < 1e-6, "{}", at(500));
        assert!(at(250) < at(500) && at(500) < at(750) && at(750) < at(1000));
        assert_eq!(at(1000), 1.0);
        assert_eq!(at(4900), 1.0);
        assert_eq!(
            pose_moves_for(&session, began + Duration::from_millis(300)),
            Some(Duration::from_millis(700))
        );
        assert_eq!(pose_moves_for(&session, began + MOVEMENT), None);
        // The release: back to the start over a second.
        until(&mut session, &clock, is_rest);
        let rested = clock.now() - session.step_elapsed(clock.now()).unwrap_or_default();
        let at = |ms: u64| pose(&session, rested + Duration::from_millis(ms));
        assert_eq!(at(0), 1.0);
        assert!(at(250) > at(500) && at(500) > at(750));
        assert_eq!(at(1000), 0.0);
        assert_eq!(at(4000), 0.0);
        assert!(pose_moves_for(&session, rested).is_some());
    }

    #[test]
    fn a_paused_figure_stays_where_it_is_and_moves_on_after_resume() {
        let clock = ManualClock::new();
        let mut session = started(&clock, holds(5, 3, 1, 5));
        until(&mut session, &clock, is_hold);
        let elapsed = session.step_elapsed(clock.now()).unwrap_or_default();
        let _ = session.tick(clock.advance(Duration::from_millis(400) - elapsed));
        let before = pose(&session, clock.now());
        assert!(before > 0.0 && before < 1.0, "{before}");
        let _ = session.pause(clock.now());
        for _ in 0..20 {
            clock.advance_ms(500);
            assert_eq!(pose(&session, clock.now()), before);
            assert_eq!(pose_moves_for(&session, clock.now()), None);
        }
        let _ = session.resume(clock.now());
        assert_eq!(pose(&session, clock.now()), before);
        assert_eq!(
            pose_moves_for(&session, clock.now()),
            Some(Duration::from_millis(600))
        );
        let _ = session.tick(clock.advance_ms(600));
        assert_eq!(pose(&session, clock.now()), 1.0);
    }

    #[test]
    fn a_timed_position_is_held_and_a_new_exercise_starts_at_the_start() {
        let clock = ManualClock::new();
        let dose = Dose::Timed(Timed {
            minutes: 1,
            max_minutes: None,
        });
        let mut session = started(&clock, dose);
        until(&mut session, &clock, |k| k == StepKind::Timed);
        let _ = session.tick(clock.advance(MOVEMENT));
        assert_eq!(pose(&session, clock.now()), 1.0);
        // The next exercise (its position or pause, then its get-ready):
        // the start, not a movement back.
        until(&mut session, &clock, |k| k == StepKind::GetReady);
        assert_eq!(session.exercise_index(), 1);
        assert_eq!(pose(&session, clock.now()), 0.0);
    }

    #[test]
    fn the_pose_never_leaves_zero_to_one_and_never_jumps_within_a_step() {
        let clock = ManualClock::new();
        let mut session = started(&clock, holds(3, 4, 2, 2));
        let mut last: Option<(usize, f32)> = None;
        while !session.is_finished() {
            if session
                .phase()
                .running()
                .is_some_and(|k| matches!(k, StepKind::Position { .. } | StepKind::Between))
            {
                let _ = session.continue_(clock.now());
            }
            let _ = session.tick(clock.advance_ms(20));
            let p = pose(&session, clock.now());
            assert!((0.0..=1.0).contains(&p), "{p}");
            if let Some((step, before)) = last
                && step == session.step_index()
                && !session.is_finished()
            {
                // 20 ms of a one-second eased movement moves it at most 3 %.
                assert!((p - before).abs() <= 0.031, "{before} -> {p}");
            }
            last = Some((session.step_index(), p));
        }
        assert_eq!(pose(&session, clock.now()), 0.0);
    }
}

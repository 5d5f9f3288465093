//! The timed plan of one session: every step (get into position, get ready,
//! hold, rest, timed position, practice) with its start and length, and the
//! cue events each step gives off.
//!
//! This is the one source of truth for timing: `neckguide plan` prints it and
//! the session engine ([`crate::session`]) runs it, asking [`Schedule::step_events`]
//! for the events of each step at the same offsets.

mod words;

use serde::Serialize;

pub use words::{Title, clock};

use crate::exercise::{Direction, Dose, Exercise, Position};
use crate::routine::{Routine, RoutineItem};

/// The get-ready countdown before each exercise unless the person chose
/// another in Settings, in seconds.
pub const DEFAULT_GET_READY_SECONDS: u32 = 3;

/// The pacing that is the app's, not the routine's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScheduleConfig {
    /// The get-ready countdown before each exercise, in ms.
    pub get_ready_ms: u64,
    /// Time to get into a new position, in ms (the person can press Continue sooner).
    pub position_ms: u64,
    /// The pause between two exercises done in the same position, in ms.
    pub between_ms: u64,
}

impl Default for ScheduleConfig {
    fn default() -> Self {
        Self {
            get_ready_ms: u64::from(DEFAULT_GET_READY_SECONDS) * 1000,
            position_ms: 15_000,
            between_ms: 5_000,
        }
    }
}

/// Countdown ticks are given in the last this-many seconds before a hold.
pub const COUNTDOWN_TICKS: u64 = 3;

/// What a rest is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RestKind {
    /// Between two repetitions.
    Repetitions,
    /// Between two directions of a multi-direction exercise.
    Directions,
    /// Between two sets.
    Sets,
}

/// One step of a session. [`StepKind::title`] gives its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepKind {
    /// Getting into a new position before an exercise.
    Position {
        /// The position to get into.
        to: Position,
    },
    /// A short pause before an exercise in the same position; shows what is next.
    Between,
    /// The get-ready countdown.
    GetReady,
    /// A hold.
    Hold {
        /// The set, 1-based.
        set: u32,
        /// The repetition within the set (and direction), 1-based.
        rep: u32,
        /// The direction, for multi-direction exercises.
        direction: Option<Direction>,
    },
    /// Rest or relax between holds.
    Rest {
        /// What the rest is between.
        between: RestKind,
    },
    /// A position held for a time.
    Timed,
    /// A posture practice.
    Practice,
}

/// How a step ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    /// When its time is up.
    Auto,
    /// When its time is up, or sooner when the person presses Continue.
    AutoOrContinue,
    /// Only when the person presses Done (a practice with no set time).
    Continue,
}

/// A step with its place in the exercise and its planned time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Step {
    /// Index into [`Schedule::exercises`].
    pub exercise: usize,
    /// What happens.
    pub kind: StepKind,
    /// Planned start, from the start of the session, in ms.
    pub start_ms: u64,
    /// Planned length in ms (0 for a step that waits for Done).
    pub duration_ms: u64,
    /// How it ends.
    pub ending: Ending,
}

/// An exercise as scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledExercise {
    /// The exercise with the routine's dose.
    pub exercise: Exercise,
    /// Its first step.
    pub first_step: usize,
    /// One past its last step.
    pub end_step: usize,
}

/// What a cue event says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The session began.
    SessionStart,
    /// An exercise began (its first step, getting into position or a short pause).
    ExerciseStart,
    /// Time to get into a new position.
    PositionStart,
    /// The short pause between exercises began; shows what comes next.
    BetweenStart,
    /// The get-ready countdown began.
    GetReadyStart,
    /// A countdown second before a hold (`seconds_left` 3, 2, 1).
    CountdownTick,
    /// A hold began.
    HoldStart,
    /// A hold ended (release): one repetition done.
    HoldEnd,
    /// A set was completed.
    SetDone,
    /// A rest (relax) began.
    RestStart,
    /// A timed position began.
    TimedStart,
    /// A timed position ended.
    TimedEnd,
    /// A posture practice began.
    PracticeStart,
    /// A posture practice ended.
    PracticeEnd,
    /// An exercise was completed.
    ExerciseEnd,
    /// The whole session was completed.
    SessionEnd,
}

impl EventKind {
    /// Whether the event sits at the end of its step (a hold's release, a set,
    /// timed position, practice, exercise or session done) rather than at its
    /// start or inside it. A step that waits for Done gives its end events
    /// only when it ends.
    pub fn at_step_end(self) -> bool {
        matches!(
            self,
            Self::HoldEnd
                | Self::SetDone
                | Self::TimedEnd
                | Self::PracticeEnd
                | Self::ExerciseEnd
                | Self::SessionEnd
        )
    }

    /// The name used in `plan --json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::SessionStart => "session_start",
            Self::ExerciseStart => "exercise_start",
            Self::PositionStart => "position_start",
            Self::BetweenStart => "between_start",
            Self::GetReadyStart => "get_ready_start",
            Self::CountdownTick => "countdown_tick",
            Self::HoldStart => "hold_start",
            Self::HoldEnd => "hold_end",
            Self::SetDone => "set_done",
            Self::RestStart => "rest_start",
            Self::TimedStart => "timed_start",
            Self::TimedEnd => "timed_end",
            Self::PracticeStart => "practice_start",
            Self::PracticeEnd => "practice_end",
            Self::ExerciseEnd => "exercise_end",
            Self::SessionEnd => "session_end",
        }
    }
}

/// A cue event of a step, at an offset from the step's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepEvent {
    /// Offset from the step's start, in ms. End events sit at the step's
    /// length (or whenever the step actually ends, for one ended early).
    pub offset_ms: u64,
    /// What happened.
    pub kind: EventKind,
    /// For countdown ticks: the seconds left before the hold.
    pub seconds_left: Option<u64>,
}

/// A cue event at its planned time, as `plan --json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedEvent {
    /// From the start of the session, in ms.
    pub at_ms: u64,
    /// What happens (`hold_start`, …).
    pub event: &'static str,
    /// The exercise id (absent on session events).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exercise: Option<String>,
    /// The repetition, 1-based, on hold events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rep: Option<u32>,
    /// The set, 1-based, on hold and set events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set: Option<u32>,
    /// The direction on hold events of multi-direction exercises.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
    /// The seconds left, on countdown ticks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds_left: Option<u64>,
    /// The planned length of the step that starts here, in ms, on start events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// Set on a practice that lasts until the person presses Done.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub until_done: bool,
}

/// The timed plan of one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The exercises in order.
    pub exercises: Vec<ScheduledExercise>,
    /// Every step in order.
    pub steps: Vec<Step>,
    /// The planned length of the whole session, in ms (steps waiting for
    /// Done count as 0).
    pub total_ms: u64,
}

impl Schedule {
    /// Plans the session of `routine` that follows `sessions_done_today`
    /// sessions today, with the person's `pacing`: the items due then (items
    /// due fewer times a day drop out of the later sessions). This is the one
    /// way a session is planned: the window runs it and `neckguide plan
    /// --session N` prints it for N = `sessions_done_today + 1`.
    pub fn for_session(
        routine: &Routine,
        sessions_done_today: u32,
        pacing: &ScheduleConfig,
    ) -> Self {
        Self::for_session_holding_out(routine, sessions_done_today, pacing, &[])
    }

    /// [`Schedule::for_session`] without the exercises whose ids are in
    /// `held_out` (held out after a pain stop, see [`crate::follow_up`]).
    pub fn for_session_holding_out(
        routine: &Routine,
        sessions_done_today: u32,
        pacing: &ScheduleConfig,
        held_out: &[&str],
    ) -> Self {
        let items = routine
            .due_items(sessions_done_today)
            .into_iter()
            .filter(|item| !held_out.contains(&item.exercise.id.as_str()));
        Self::build(items, pacing)
    }

    /// Plans a session of `items` (already the items due in this session).
    pub fn build<'a>(
        items: impl IntoIterator<Item = &'a RoutineItem>,
        config: &ScheduleConfig,
    ) -> Self {
        let mut builder = Builder {
            steps: Vec::new(),
            at: 0,
        };
        let mut exercises = Vec::new();
        let mut position: Option<Position> = None;
        for item in items {
            let exercise = &item.exercise;
            let index = exercises.len();
            let first_step = builder.steps.len();
            if position != Some(exercise.position) {
                builder.push(
                    index,
                    StepKind::Position {
                        to: exercise.position,
                    },
                    config.position_ms,
                    Ending::AutoOrContinue,
                );
            } else {
                builder.push(
                    index,
                    StepKind::Between,
                    config.between_ms,
                    Ending::AutoOrContinue,
                );
            }
            position = Some(exercise.position);
            builder.push(index, StepKind::GetReady, config.get_ready_ms, Ending::Auto);
            builder.dose(index, &exercise.dose);
            exercises.push(ScheduledExercise {
                exercise: exercise.clone(),
                first_step,
                end_step: builder.steps.len(),
            });
        }
        Self {
            exercises,
            steps: builder.steps,
            total_ms: builder.at,
        }
    }

    /// The cue events of step `index`, at offsets from its start, in order.
    /// End events sit at the step's planned length.
    pub fn step_events(&self, index: usize) -> Vec<StepEvent> {
        let Some(step) = self.steps.get(index) else {
            return Vec::new();
        };
        let at = |offset_ms, kind| StepEvent {
            offset_ms,
            kind,
            seconds_left: None,
        };
        let mut events = Vec::new();
        if index == 0 {
            events.push(at(0, EventKind::SessionStart));
        }
        if self
            .exercises
            .get(step.exercise)
            .is_some_and(|e| e.first_step == index)
        {
            events.push(at(0, EventKind::ExerciseStart));
        }
        events.push(at(
            0,
            match step.kind {
                StepKind::Position { .. } => EventKind::PositionStart,
                StepKind::Between => EventKind::BetweenStart,
                StepKind::GetReady => EventKind::GetReadyStart,
                StepKind::Hold { .. } => EventKind::HoldStart,
                StepKind::Rest { .. } => EventKind::RestStart,
                StepKind::Timed => EventKind::TimedStart,
                StepKind::Practice => EventKind::PracticeStart,
            },
        ));
        // Countdown ticks in the last seconds before a hold of this exercise
        // (or before a timed position or practice, after get-ready).
        let next_is_work = self.steps.get(index + 1).is_some_and(|next| {
            next.exercise == step.exercise
                && matches!(
                    next.kind,
                    StepKind::Hold { .. } | StepKind::Timed | StepKind::Practice
                )
        });
        if next_is_work && matches!(step.kind, StepKind::GetReady | StepKind::Rest { .. }) {
            for seconds_left in (1..=COUNTDOWN_TICKS).rev() {
                if let Some(offset_ms) = step.duration_ms.checked_sub(seconds_left * 1000) {
                    events.push(StepEvent {
                        offset_ms,
                        kind: EventKind::CountdownTick,
                        seconds_left: Some(seconds_left),
                    });
                }
            }
        }
        let end = step.duration_ms;
        match step.kind {
            StepKind::Hold { set: this_set, .. } => {
                events.push(at(end, EventKind::HoldEnd));
                let next_hold_set = self
                    .steps
                    .iter()
                    .skip(index + 1)
                    .take_while(|next| next.exercise == step.exercise)
                    .find_map(|next| match next.kind {
                        StepKind::Hold { set, .. } => Some(set),
                        _ => None,
                    });
                let last_of_set = next_hold_set != Some(this_set);
                if last_of_set {
                    events.push(at(end, EventKind::SetDone));
                }
            }
            StepKind::Timed => events.push(at(end, EventKind::TimedEnd)),
            StepKind::Practice => events.push(at(end, EventKind::PracticeEnd)),
            _ => {}
        }
        if self
            .exercises
            .get(step.exercise)
            .is_some_and(|e| e.end_step == index + 1)
        {
            events.push(at(end, EventKind::ExerciseEnd));
        }
        if index + 1 == self.steps.len() {
            events.push(at(end, EventKind::SessionEnd));
        }
        events
    }

    /// Every event of the session at its planned time: what `plan --json` prints.
    pub fn planned_events(&self) -> Vec<PlannedEvent> {
        let mut out = Vec::new();
        for index in 0..self.steps.len() {
            for event in self.step_events(index) {
                out.extend(self.planned_event(index, &event));
            }
        }
        out
    }

    /// One event of step `index` (as [`Schedule::step_events`] gives it) as
    /// `plan --json` prints it, at its planned time. `None` when there is no
    /// step `index`.
    pub fn planned_event(&self, index: usize, event: &StepEvent) -> Option<PlannedEvent> {
        let step = self.steps.get(index)?;
        let is_session = matches!(event.kind, EventKind::SessionStart | EventKind::SessionEnd);
        let (rep, set, direction) = match (step.kind, event.kind) {
            (
                StepKind::Hold {
                    set,
                    rep,
                    direction,
                },
                EventKind::HoldStart | EventKind::HoldEnd,
            ) => (Some(rep), Some(set), direction.map(Direction::id)),
            (StepKind::Hold { set, .. }, EventKind::SetDone) => (None, Some(set), None),
            _ => (None, None, None),
        };
        let is_step_start = event.offset_ms == 0
            && !matches!(
                event.kind,
                EventKind::SessionStart | EventKind::ExerciseStart | EventKind::CountdownTick
            )
            && !event.kind.at_step_end();
        Some(PlannedEvent {
            at_ms: step.start_ms + event.offset_ms,
            event: event.kind.name(),
            exercise: if is_session {
                None
            } else {
                self.exercises
                    .get(step.exercise)
                    .map(|e| e.exercise.id.clone())
            },
            rep,
            set,
            direction,
            seconds_left: event.seconds_left,
            duration_ms: is_step_start.then_some(step.duration_ms),
            until_done: is_step_start && step.ending == Ending::Continue,
        })
    }
}

struct Builder {
    steps: Vec<Step>,
    at: u64,
}

impl Builder {
    fn push(&mut self, exercise: usize, kind: StepKind, duration_ms: u64, ending: Ending) {
        // A zero-length timed step (no get-ready countdown, no rest) is left
        // out; a step that waits for Done is kept.
        if duration_ms == 0 && ending != Ending::Continue {
            return;
        }
        self.steps.push(Step {
            exercise,
            kind,
            start_ms: self.at,
            duration_ms,
            ending,
        });
        self.at += duration_ms;
    }

    fn dose(&mut self, exercise: usize, dose: &Dose) {
        let ms = |seconds: u32| u64::from(seconds) * 1000;
        match dose {
            Dose::Holds(h) => {
                for set in 1..=h.sets {
                    if set > 1 {
                        self.rest(exercise, RestKind::Sets, ms(h.rest_between_sets_seconds));
                    }
                    for (i, direction) in h.ways().enumerate() {
                        for rep in 1..=h.repetitions {
                            if rep > 1 {
                                self.rest(exercise, RestKind::Repetitions, ms(h.rest_seconds));
                            } else if i > 0 {
                                self.rest(exercise, RestKind::Directions, ms(h.rest_seconds));
                            }
                            self.hold(exercise, set, rep, direction, ms(h.hold_seconds));
                        }
                    }
                }
            }
            Dose::Timed(t) => {
                self.push(exercise, StepKind::Timed, ms(t.minutes * 60), Ending::Auto);
            }
            Dose::Practice(p) => match p.minutes {
                Some(m) => self.push(
                    exercise,
                    StepKind::Practice,
                    ms(m * 60),
                    Ending::AutoOrContinue,
                ),
                None => self.push(exercise, StepKind::Practice, 0, Ending::Continue),
            },
        }
    }

    fn rest(&mut self, exercise: usize, between: RestKind, duration_ms: u64) {
        self.push(
            exercise,
            StepKind::Rest { between },
            duration_ms,
            Ending::Auto,
        );
    }

    fn hold(
        &mut self,
        exercise: usize,
        set: u32,
        rep: u32,
        direction: Option<Direction>,
        duration_ms: u64,
    ) {
        self.push(
            exercise,
            StepKind::Hold {
                set,
                rep,
                direction,
            },
            duration_ms,
            Ending::Auto,
        );
    }
}

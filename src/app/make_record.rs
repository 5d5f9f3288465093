//! Where a session becomes a log record: what the record needs besides what
//! the engine knows ([`SessionMeta`]), and the record itself, final or as the
//! checkpoint holds it while the session runs.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::checkin::ArmSymptoms;
use crate::exercise::Dose;
use crate::log::LocalTimestamp;
use crate::log::record::{
    DoseRan, ExerciseResult, Outcome, PainScore, PainStop, RECORD_VERSION, RoutineRef, Seconds,
    SessionKind, SessionRecord, StopReason, StopStep,
};
use crate::schedule::{RestKind, StepKind};
use crate::session::Session;

/// A new session id, unique across processes and calls: the start time in
/// milliseconds, the process id and a per-process counter, in hex
/// (for example `019a8f3c2d10-3f2a-0`).
pub fn new_session_id(now: jiff::Timestamp) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!(
        "{:x}-{:x}-{n:x}",
        now.as_millisecond().max(0),
        std::process::id()
    )
}

/// Who the session is for and how it began: what the record needs besides
/// what the engine knows.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionMeta {
    /// The record's id.
    pub id: String,
    /// The routine.
    pub routine: RoutineRef,
    /// When it started, in local time.
    pub started_at: LocalTimestamp,
    /// Pain at check-in.
    pub pain_before: Option<PainScore>,
    /// Where arm symptoms were at the check-in, if asked.
    pub arm: Option<ArmSymptoms>,
}

/// The record of a session still going, as the checkpoint holds it: if the
/// app dies now, this is what the next start records as `interrupted`. A
/// session stopped for pain is kept as such, with where it stopped, while
/// the person answers the questions after the stop.
pub fn checkpoint_record(
    meta: &SessionMeta,
    session: &Session,
    now: LocalTimestamp,
) -> SessionRecord {
    let outcome = match session.outcome() {
        Some(crate::session::Outcome::StoppedForPain) => Outcome::StoppedForPain,
        _ => Outcome::Interrupted,
    };
    record(meta, session, outcome, now, None, String::new())
}

/// Where `session` was stopped for pain, as the log keeps it (reason
/// `pain`, nothing asked yet); `None` if it was not stopped for pain or was
/// stopped before it began.
pub fn pain_stop(session: &Session) -> Option<PainStop> {
    if session.outcome() != Some(crate::session::Outcome::StoppedForPain) {
        return None;
    }
    let point = session.stop_point()?;
    let exercise = session.schedule().exercises.get(point.exercise)?;
    let (step, hold) = match point.kind {
        StepKind::Position { .. } => (StopStep::Position, None),
        StepKind::Between => (StopStep::Between, None),
        StepKind::GetReady => (StopStep::GetReady, None),
        StepKind::Hold {
            set,
            rep,
            direction,
        } => (StopStep::Hold, Some((set, rep, direction))),
        StepKind::Rest {
            between: RestKind::Sets,
        } => (StopStep::SetRest, point.last_hold),
        StepKind::Rest { .. } => (StopStep::Rest, point.last_hold),
        StepKind::Timed => (StopStep::Timed, None),
        StepKind::Practice => (StopStep::Practice, None),
    };
    Some(PainStop {
        exercise: exercise.exercise.id.as_str().into(),
        step,
        set: hold.map(|(set, _, _)| set),
        repetition: hold.map(|(_, rep, _)| rep),
        direction: hold.and_then(|(_, _, d)| d).map(|d| d.id().to_owned()),
        seconds_into_step: Seconds::from_duration(point.into_step),
        reason: StopReason::Pain,
        arm_symptoms_now: None,
        arm_now: None,
    })
}

/// The log record of `session`.
pub fn record(
    meta: &SessionMeta,
    session: &Session,
    outcome: Outcome,
    ended_at: LocalTimestamp,
    pain_after: Option<PainScore>,
    note: String,
) -> SessionRecord {
    SessionRecord {
        v: RECORD_VERSION,
        kind: SessionKind::Session,
        id: meta.id.clone(),
        started_at: meta.started_at,
        ended_at,
        routine: meta.routine.clone(),
        outcome,
        pain_before: meta.pain_before,
        pain_after,
        arm_symptoms: meta.arm.is_some_and(ArmSymptoms::any),
        arm: meta.arm,
        note,
        exercises: session
            .progress()
            .iter()
            .zip(&session.schedule().exercises)
            .map(|(p, scheduled)| ExerciseResult {
                id: p.id.as_str().into(),
                done: p.done,
                prescribed: p.prescribed,
                skipped: p.skipped,
                reached: Some(p.reached),
                dose: Some(dose_ran(&scheduled.exercise.dose)),
            })
            .collect(),
        pain_stop: if outcome == Outcome::StoppedForPain {
            pain_stop(session).map(Box::new)
        } else {
            None
        },
    }
}

/// The numbers of `dose` as the record keeps them.
pub fn dose_ran(dose: &Dose) -> DoseRan {
    use crate::routine::progression::DoseField;
    DoseRan {
        hold_seconds: DoseField::HoldSeconds.get(dose),
        repetitions: DoseField::Repetitions.get(dose),
        sets: DoseField::Sets.get(dose),
        minutes: DoseField::Minutes.get(dose),
    }
}

/// A session's outcome as the log records it (the record format knows
/// nothing of the session engine; this layer joins them).
impl From<crate::session::Outcome> for crate::log::Outcome {
    fn from(outcome: crate::session::Outcome) -> Self {
        match outcome {
            crate::session::Outcome::Completed => Self::Completed,
            crate::session::Outcome::EndedEarly => Self::EndedEarly,
            crate::session::Outcome::StoppedForPain => Self::StoppedForPain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        assert_ne!(new_session_id(now), new_session_id(now));
    }
}

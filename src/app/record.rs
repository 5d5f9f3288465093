//! Where a session becomes a log record: what the record needs besides what
//! the engine knows ([`SessionMeta`]), and the record itself, final or as the
//! checkpoint holds it while the session runs.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::log::LocalTimestamp;
use crate::log::record::{
    ExerciseResult, Outcome, PainScore, RECORD_VERSION, RoutineRef, SessionRecord,
};
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
    /// Arm symptoms at check-in.
    pub arm_symptoms: bool,
}

/// The record of a session still going, as the checkpoint holds it: if the
/// app dies now, this is what the next start records as `interrupted`.
pub fn checkpoint_record(
    meta: &SessionMeta,
    session: &Session,
    now: LocalTimestamp,
) -> SessionRecord {
    record(
        meta,
        session,
        Outcome::Interrupted,
        now,
        None,
        String::new(),
    )
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
        id: meta.id.clone(),
        started_at: meta.started_at,
        ended_at,
        routine: meta.routine.clone(),
        outcome,
        pain_before: meta.pain_before,
        pain_after,
        arm_symptoms: meta.arm_symptoms,
        note,
        exercises: session
            .progress()
            .iter()
            .map(|p| ExerciseResult {
                id: p.id.clone(),
                done: p.done,
                prescribed: p.prescribed,
                skipped: p.skipped,
            })
            .collect(),
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

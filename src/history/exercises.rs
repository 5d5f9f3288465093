//! Completion per exercise across sessions.

use std::collections::HashMap;

use crate::log::SessionRecord;

/// How much of one exercise was done across all sessions.
#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseCompletion {
    /// The exercise's id.
    pub id: String,
    /// Sessions that included the exercise.
    pub sessions: u32,
    /// Repetitions (or seconds) done, each session capped at its prescription.
    pub done: u64,
    /// Repetitions (or seconds) prescribed.
    pub prescribed: u64,
    /// Sessions in which it was skipped.
    pub skipped: u32,
    /// `done` of `prescribed` in percent, one decimal; `None` when nothing was
    /// prescribed.
    pub percent: Option<f64>,
}

/// Completion per exercise, in the order the exercises first appear.
pub fn exercise_completion(records: &[SessionRecord]) -> Vec<ExerciseCompletion> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut out: Vec<ExerciseCompletion> = Vec::new();
    for result in records.iter().flat_map(|r| &r.exercises) {
        let slot = *index.entry(result.id.as_str()).or_insert_with(|| {
            out.push(ExerciseCompletion {
                id: result.id.to_string(),
                sessions: 0,
                done: 0,
                prescribed: 0,
                skipped: 0,
                percent: None,
            });
            out.len() - 1
        });
        let Some(entry) = out.get_mut(slot) else {
            continue;
        };
        entry.sessions += 1;
        entry.done += u64::from(result.done.min(result.prescribed));
        entry.prescribed += u64::from(result.prescribed);
        entry.skipped += u32::from(result.skipped);
    }
    for entry in &mut out {
        entry.percent = super::percent(entry.done, entry.prescribed);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;
    use crate::log::ExerciseResult;
    use crate::log::Outcome::{Completed, EndedEarly};

    #[test]
    fn caps_each_session_and_counts_skips() {
        let mut a = rec("2026-11-20T09:00:00+01:00", Completed, 2);
        a.exercises.push(ExerciseResult {
            id: "wall-slide".into(),
            done: 12,
            prescribed: 10,
            skipped: false,
            reached: Some(true),
            dose: None,
        });
        let mut b = rec("2026-11-21T09:00:00+01:00", EndedEarly, 2);
        b.exercises = vec![ExerciseResult {
            id: "wall-slide".into(),
            done: 0,
            prescribed: 10,
            skipped: true,
            reached: Some(true),
            dose: None,
        }];
        let list = exercise_completion(&[a, b]);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["chin-tuck", "wall-slide"]);
        let slide = list.get(1);
        assert_eq!(
            slide.map(|e| (e.sessions, e.done, e.prescribed, e.skipped)),
            Some((2, 10, 20, 1))
        );
        assert_eq!(slide.and_then(|e| e.percent), Some(50.0));
    }
}

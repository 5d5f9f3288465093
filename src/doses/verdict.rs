//! How one session went for one item: good, bad (and why) or neither.

use super::{BAD_PAIN_AFTER, BAD_PAIN_RISE};
use crate::checkin::ArmSymptoms;
use crate::log::{Outcome, SessionRecord};
/// How one session went for one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Good,
    Bad(&'static str),
    Neutral,
}

pub(super) fn verdict(record: &SessionRecord, exercise: &str) -> Verdict {
    let done = record.exercises.iter().find(|e| e.id == exercise);
    if record.outcome == Outcome::StoppedForPain {
        match &record.pain_stop {
            Some(stop) if stop.exercise == exercise => {
                return Verdict::Bad("stopped for pain in it");
            }
            Some(_) => {}
            None => return Verdict::Bad("a session was stopped for pain"),
        }
    }
    let before = record.pain_before.map(|p| p.get());
    let after = record.pain_after.map(|p| p.get());
    if done.is_some() {
        if after.is_some_and(|a| a >= BAD_PAIN_AFTER) {
            return Verdict::Bad("pain after a session was 6 or more");
        }
        if let (Some(b), Some(a)) = (before, after)
            && a >= b.saturating_add(BAD_PAIN_RISE)
        {
            return Verdict::Bad("pain went up by 2 or more after a session");
        }
        if record.arm == Some(ArmSymptoms::FurtherDown) {
            return Verdict::Bad("arm symptoms further down the arm than before");
        }
    }
    let in_full = done.is_some_and(|e| !e.skipped && e.done >= e.prescribed && e.prescribed > 0);
    if record.outcome == Outcome::Completed && in_full && after.is_some() {
        Verdict::Good
    } else {
        Verdict::Neutral
    }
}

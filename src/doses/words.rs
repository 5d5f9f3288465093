//! What home says of an item's dose: its latest change, and three bad
//! events in seven days.

use jiff::civil::Date;

use super::{BAD_EVENTS_WARNING, BAD_EVENTS_WORDS, ItemDose};
use crate::routine::Routine;
/// What home says of `item`'s latest change when it was made today or
/// yesterday: "From today: Head lifts 6 repetitions (was 5): 6 good
/// sessions in a row. Rule set by A. Therapist, PT." or "Head lifts back to
/// 4 repetitions (was 5): pain went up by 2 or more after a session,
/// yesterday."
pub fn change_words(routine: &Routine, name: &str, item: &ItemDose, today: Date) -> Option<String> {
    let change = item.changes.last()?;
    let when = if change.date == today {
        "today"
    } else if today.yesterday().is_ok_and(|y| y == change.date) {
        "yesterday"
    } else {
        return None;
    };
    let to = item.rule.field.amount_words(change.to);
    Some(if change.to > change.from {
        let by = routine.prescriber.as_deref().map_or_else(
            || format!("Rule set in the routine \"{}\"", routine.name),
            |p| format!("Rule set by {p}"),
        );
        format!(
            "From today: {name} {to} (was {}): {}. {by}.",
            change.from, change.reason
        )
    } else {
        format!(
            "{name} back to {to} (was {}): {}, {when}.",
            change.from, change.reason
        )
    })
}

/// What home says of `item` when it had [`BAD_EVENTS_WARNING`] bad events
/// or more in the last seven days.
pub fn bad_events_words(name: &str, item: &ItemDose) -> Option<String> {
    (item.bad_in_last_seven_days >= BAD_EVENTS_WARNING).then(|| {
        format!(
            "{name}: {} bad sessions or mornings in the last 7 days: {BAD_EVENTS_WORDS}.",
            item.bad_in_last_seven_days
        )
    })
}

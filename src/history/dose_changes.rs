//! Each exercise's dose over time, with the reasons: the changes the
//! progression rules made ([`crate::doses`]), as the History screen, the
//! report and `doses` show them.

use jiff::civil::Date;

use crate::doses::ItemDose;

/// One change of an exercise's dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseChangeRow {
    /// The day it was made.
    pub date: Date,
    /// The exercise's name.
    pub exercise: String,
    /// The amount before ("5 repetitions").
    pub from: String,
    /// The amount after ("6 repetitions").
    pub to: String,
    /// Why, in words.
    pub reason: String,
}

/// Every change of `items`, oldest first (for one day, in routine order).
pub fn dose_change_rows(items: &[ItemDose], names: &dyn Fn(&str) -> String) -> Vec<DoseChangeRow> {
    let mut rows: Vec<DoseChangeRow> = items
        .iter()
        .flat_map(|item| {
            let name = names(&item.exercise);
            item.changes.iter().map(move |c| DoseChangeRow {
                date: c.date,
                exercise: name.clone(),
                from: item.rule.field.amount_words(c.from),
                to: item.rule.field.amount_words(c.to),
                reason: c.reason.clone(),
            })
        })
        .collect();
    rows.sort_by_key(|r| r.date);
    rows
}

/// The dose in effect of `item` in words: "Head lifts: Hold 5 s, 6 times
/// (1 good session of 2 towards the next step)".
pub fn dose_now_words(name: &str, item: &ItemDose) -> String {
    format!(
        "{name}: {} ({} of {} towards the next step)",
        item.dose.summary(),
        super::plural(item.good_sessions, "good session", "good sessions"),
        item.rule.after_good_sessions
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doses::DoseChange;
    use crate::routine::progression::{DoseField, Progression};

    #[test]
    fn changes_of_every_exercise_oldest_first_in_words() {
        let rule = Progression {
            field: DoseField::Repetitions,
            step: 1,
            up_to: 8,
            down_to: 3,
            after_good_sessions: 6,
        };
        let library = crate::routine::Library::builtin();
        let dose = |id: &str| {
            library
                .get(id)
                .map(|e| e.dose.clone())
                .unwrap_or_else(|| panic!("{id}"))
        };
        let change = |d: i8, from, to, reason: &str| DoseChange {
            date: jiff::civil::date(2026, 11, d),
            from,
            to,
            reason: reason.into(),
        };
        let items = [
            ItemDose {
                exercise: "head-lifts".into(),
                rule,
                dose: dose("head-lifts"),
                good_sessions: 1,
                changes: vec![
                    change(3, 5, 6, "6 good sessions in a row"),
                    change(9, 6, 5, "stopped for pain in it"),
                ],
                bad_in_last_seven_days: 1,
            },
            ItemDose {
                exercise: "seated-retraction".into(),
                rule,
                dose: dose("seated-retraction"),
                good_sessions: 0,
                changes: vec![change(5, 5, 4, "pain after a session was 6 or more")],
                bad_in_last_seven_days: 0,
            },
        ];
        let rows = dose_change_rows(&items, &|id| id.to_uppercase());
        let seen: Vec<(i8, &str, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.date.day(),
                    r.exercise.as_str(),
                    r.from.as_str(),
                    r.to.as_str(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (3, "HEAD-LIFTS", "5 repetitions", "6 repetitions"),
                (5, "SEATED-RETRACTION", "5 repetitions", "4 repetitions"),
                (9, "HEAD-LIFTS", "6 repetitions", "5 repetitions"),
            ]
        );
        assert_eq!(
            dose_now_words("Head lifts", &items[0]),
            "Head lifts: Hold 5 s, 5 times (1 good session of 6 towards the next step)"
        );
    }
}

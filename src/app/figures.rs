//! What the window shows from the log, computed once for each state of
//! what it is computed from, never per frame: home's figures (the sessions
//! done today, the doses in effect and the held-out exercises, the pain-stop
//! warning) for one state of the log, the routines, the day and the active
//! routine; the History screen's for one state of the log and the day. Part
//! of [`App`](super::App).

use std::cell::{Ref, RefCell};

use jiff::civil::Date;

use crate::due;
use crate::history::History;
use crate::log::LoadedLog;
use crate::plan::InEffect;
use crate::routine::Routine;

/// What figures are computed from.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    /// The log's lines.
    pub lines: &'a LoadedLog,
    /// The count of changes of `lines` ([`super::open_log::OpenLog::version`]).
    pub log_version: u64,
    /// The count of loads of the routines ([`super::routines::Routines::version`]).
    pub routines_version: u64,
    /// Today.
    pub today: Date,
    /// The active routine.
    pub routine: Option<&'a Routine>,
}

/// What home shows from the log, for one state of the log, one day and one
/// routine.
#[derive(Debug, Default)]
pub struct HomeFigures {
    /// Sessions of the active routine done today.
    pub done_today: u32,
    /// The doses in effect of the active routine's items with a rule, and
    /// the held-out exercises: what its sessions are planned from.
    pub in_effect: InEffect,
    /// Pain stopped sessions on 2 or more of the last 7 days.
    pub pain_stop_warning: bool,
    /// The log has a line of a day before today.
    pub earlier_day: bool,
}

/// What the History screen shows beside the figures (the same as
/// `history --json` and the report give).
#[derive(Debug, Clone, Default)]
pub struct Clinical {
    /// The sessions stopped for pain, oldest first, with where.
    pub pain_stops: Vec<crate::history::PainStopDetail>,
    /// The days with a yes to a warning sign, oldest first.
    pub warning_signs: Vec<crate::history::WarningSignDay>,
    /// Each outcome measure over time against its first value.
    pub measures: Vec<crate::history::MeasureSummary>,
    /// Each PSFS activity's scores over time (its name escaped).
    pub activities: Vec<(String, Vec<crate::history::measures::MeasurePoint>)>,
}

/// The state home's figures were computed for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HomeKey {
    log_version: u64,
    routines_version: u64,
    today: Date,
    routine: Option<String>,
}

/// The History screen's figures and the state they were computed for.
struct HistoryFigures {
    log_version: u64,
    history: History,
    clinical: Clinical,
}

/// The figures last computed, each with the state it was computed for.
#[derive(Default)]
pub struct Figures {
    /// Home's figures, and the state they were computed for (`None`:
    /// not yet computed).
    home: RefCell<(Option<HomeKey>, HomeFigures)>,
    history: Option<HistoryFigures>,
}

impl Figures {
    /// Home's figures for `inputs`: those computed last when they were for
    /// the same log, routines, day and routine, else computed now.
    pub fn home(&self, inputs: Inputs<'_>) -> Ref<'_, HomeFigures> {
        let key = HomeKey {
            log_version: inputs.log_version,
            routines_version: inputs.routines_version,
            today: inputs.today,
            routine: inputs.routine.map(|r| r.id.clone()),
        };
        if self.home.borrow().0.as_ref() != Some(&key) {
            *self.home.borrow_mut() = (Some(key), home_figures(inputs));
        }
        Ref::map(self.home.borrow(), |(_, figures)| figures)
    }

    /// Computes the History screen's figures for `inputs` (the routine
    /// left aside), unless they are computed already for the same log and
    /// day. `exercise_name` names the exercises where pain stopped a
    /// session.
    pub fn refresh_history(&mut self, inputs: Inputs<'_>, exercise_name: &dyn Fn(&str) -> String) {
        let fresh = self.history.as_ref().is_some_and(|h| {
            h.log_version == inputs.log_version && h.history.today == inputs.today
        });
        if fresh {
            return;
        }
        let lines = inputs.lines;
        self.history = Some(HistoryFigures {
            log_version: inputs.log_version,
            history: History::compute(&lines.records, lines.unreadable_count(), inputs.today),
            clinical: Clinical {
                pain_stops: crate::history::pain_stop_details(&lines.records, exercise_name),
                warning_signs: crate::history::warning_sign_days(&lines.daily_checks, inputs.today),
                measures: crate::history::measures::summaries(&lines.measures, inputs.today),
                activities: crate::history::measures::psfs_activities(
                    &lines.measures,
                    inputs.today,
                ),
            },
        });
    }

    /// The history as last computed by [`Figures::refresh_history`].
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref().map(|h| &h.history)
    }

    /// Where each pain stop happened and the days a warning sign was
    /// answered yes, as last computed by [`Figures::refresh_history`].
    pub fn clinical(&self) -> Option<&Clinical> {
        self.history.as_ref().map(|h| &h.clinical)
    }
}

/// Computes home's figures.
fn home_figures(inputs: Inputs<'_>) -> HomeFigures {
    let Inputs {
        lines,
        today,
        routine,
        ..
    } = inputs;
    HomeFigures {
        done_today: routine.map_or(0, |r| due::sessions_done_on(&lines.records, &r.id, today)),
        in_effect: InEffect::from_log(routine, lines.dose_log(), today),
        pain_stop_warning: crate::history::pain_stop_warning(&lines.records, today),
        earlier_day: lines.records.iter().any(|r| r.started_at.date() < today)
            || lines.daily_checks.iter().any(|c| c.date < today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::test_support::rec;
    use crate::log::{DailyCheckRecord, LocalTimestamp, Outcome};

    const TODAY: Date = jiff::civil::date(2026, 3, 2);

    fn check_on(date: Date) -> DailyCheckRecord {
        let at = LocalTimestamp::from_zoned(
            &date
                .to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap_or_else(|e| panic!("{e}")),
        );
        DailyCheckRecord::new(date, at, &[crate::checkin::WarningSign::ALL[0]])
    }

    fn presets() -> crate::app::catalog::Catalog {
        crate::app::catalog::Catalog::load(&crate::routine::Library::builtin(), None)
    }

    fn inputs<'a>(
        lines: &'a LoadedLog,
        log_version: u64,
        today: Date,
        routine: Option<&'a Routine>,
    ) -> Inputs<'a> {
        Inputs {
            lines,
            log_version,
            routines_version: 0,
            today,
            routine,
        }
    }

    #[test]
    fn home_is_computed_again_only_when_the_log_the_day_or_the_routine_changes() {
        let catalog = presets();
        let daily = catalog.chosen(Some("daily-neck-routine"));
        let gentle = catalog.chosen(Some("gentle-neck-routine"));
        assert!(daily.is_some() && gentle.is_some());
        let figures = Figures::default();
        let mut lines = LoadedLog::default();
        assert!(!figures.home(inputs(&lines, 1, TODAY, daily)).earlier_day);
        // A line added and not counted: the figures are those computed.
        lines
            .daily_checks
            .push(check_on(TODAY.yesterday().unwrap_or(TODAY)));
        let mut done = rec("2026-03-02T09:00:00+00:00", Outcome::Completed, 3);
        done.routine.id = "daily-neck-routine".into();
        lines.records.push(done);
        let same = figures.home(inputs(&lines, 1, TODAY, daily));
        assert_eq!((same.earlier_day, same.done_today), (false, 0));
        drop(same);
        // Each change of the state computes them again.
        let counted = figures.home(inputs(&lines, 2, TODAY, daily));
        assert_eq!((counted.earlier_day, counted.done_today), (true, 1));
        drop(counted);
        assert_eq!(figures.home(inputs(&lines, 2, TODAY, gentle)).done_today, 0);
        let tomorrow = TODAY.tomorrow().unwrap_or(TODAY);
        assert_eq!(
            figures.home(inputs(&lines, 2, tomorrow, daily)).done_today,
            0
        );
        // The routines found again (an import under the same id).
        let mut later = rec("2026-03-03T09:00:00+00:00", Outcome::Completed, 3);
        later.routine.id = "daily-neck-routine".into();
        lines.records.push(later);
        assert_eq!(
            figures.home(inputs(&lines, 2, tomorrow, daily)).done_today,
            0
        );
        let reloaded = Inputs {
            routines_version: 1,
            ..inputs(&lines, 2, tomorrow, daily)
        };
        assert_eq!(
            figures.home(reloaded).done_today,
            1,
            "the routines found again"
        );
    }

    #[test]
    fn the_history_is_computed_again_only_when_the_log_or_the_day_changes() {
        let mut figures = Figures::default();
        let mut lines = LoadedLog::default();
        let name = |id: &str| id.to_owned();
        assert!(figures.history().is_none() && figures.clinical().is_none());
        figures.refresh_history(inputs(&lines, 1, TODAY, None), &name);
        lines.daily_checks.push(check_on(TODAY));
        lines
            .records
            .push(rec("2026-03-02T09:00:00+00:00", Outcome::Completed, 3));
        figures.refresh_history(inputs(&lines, 1, TODAY, None), &name);
        assert_eq!(figures.history().map(|h| h.summary.sessions), Some(0));
        assert_eq!(figures.clinical().map(|c| c.warning_signs.len()), Some(0));
        figures.refresh_history(inputs(&lines, 2, TODAY, None), &name);
        assert_eq!(figures.history().map(|h| h.summary.sessions), Some(1));
        assert_eq!(figures.clinical().map(|c| c.warning_signs.len()), Some(1));
        lines.records.clear();
        let tomorrow = TODAY.tomorrow().unwrap_or(TODAY);
        figures.refresh_history(inputs(&lines, 2, tomorrow, None), &name);
        assert_eq!(
            figures.history().map(|h| (h.today, h.summary.sessions)),
            Some((tomorrow, 0))
        );
    }
}

//! Reminders read from a data folder: what [`crate::reminders`] needs (the
//! settings, the chosen routine, the log, whether a session is running) read
//! afresh without taking the log's lock, and the reminder agent's own small
//! state file (what it reminded, and a problem for the window to show).

use std::io;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::app::catalog::Catalog;
use crate::app::paths::DataDir;
use crate::app::settings::Settings;
use crate::checkin::Advice;
use crate::due;
use crate::log::{CHECKPOINT_FILE, DailyCheckRecord, LogStore, SessionRecord};
use crate::reminders::{Memory, Standing};
use crate::routine::{Library, Routine};

/// The agent's state file in the data folder.
pub const STATE_FILE: &str = "reminders.json";
/// The file the running agent locks (one agent per data folder); it holds
/// the agent's process id.
pub const AGENT_LOCK_FILE: &str = "remind.lock";

/// What the agent keeps between runs, and tells the window.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AgentState {
    /// What was reminded already.
    pub memory: Memory,
    /// Why the agent stopped (no notification service), for the window's
    /// Settings; cleared when an agent runs again.
    pub problem: Option<String>,
}

impl AgentState {
    /// The state file of `dir`.
    pub fn path(dir: &DataDir) -> PathBuf {
        dir.root().join(STATE_FILE)
    }

    /// Reads the state; a missing or damaged file gives the empty state
    /// (then a missed reminder may be posted once more, nothing worse).
    pub fn load(dir: &DataDir) -> Self {
        // Never blocking, a regular file only, capped (a few hundred bytes
        // are written): a named pipe in its place does not stop the agent.
        crate::user_file::read_whole(&Self::path(dir), crate::user_file::Links::Follow, 1 << 20)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the state ([`crate::atomic_file::replace`]).
    pub fn save(&self, dir: &DataDir) -> io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(io::Error::other)?;
        crate::atomic_file::replace(&Self::path(dir), text.as_bytes())
    }
}

/// Whether today's answers to the warning signs hold a yes the person was
/// not cleared of: the log's last daily check of the day, or, when the log
/// has none (a window that could not write it), the settings' copy. The one
/// place reminders ask it.
pub fn warning_today(settings: &Settings, daily_checks: &[DailyCheckRecord], today: Date) -> bool {
    if let Some(check) = daily_checks.iter().rev().find(|c| c.date == today) {
        return check.cleared_by_clinician_at.is_none()
            && Advice::for_signs(&check.yes_signs()) != Advice::None;
    }
    let today = today.to_string();
    settings
        .daily_check
        .as_ref()
        .filter(|c| c.date == today && !c.cleared)
        .is_some_and(|c| Advice::for_signs(&c.yes) != Advice::None)
}

/// How today stands for `routine`.
pub fn standing(
    routine: &Routine,
    records: &[SessionRecord],
    daily_checks: &[DailyCheckRecord],
    settings: &Settings,
    today: Date,
) -> Standing {
    Standing {
        times_per_day: routine.times_per_day,
        done_today: due::sessions_done_on(records, &routine.id, today),
        warning_today: warning_today(settings, daily_checks, today),
    }
}

/// Whether a session is in progress in `data_dir`: its checkpoint exists
/// and a window holds the log's single-writer lock ([`LogStore::is_held`]).
/// A checkpoint left by a window
/// that was killed is no running session: its lock went with it, and the
/// checkpoint waits for the next window to recover it.
pub fn session_running(data_dir: &Path) -> bool {
    data_dir.join(CHECKPOINT_FILE).exists() && LogStore::is_held(data_dir)
}

/// Everything reminders are computed from, read from a data folder.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The settings (the defaults when unreadable).
    pub settings: Settings,
    /// The chosen routine (`None` only when there is none at all).
    pub routine: Option<Routine>,
    /// The log's readable records.
    pub records: Vec<SessionRecord>,
    /// The log's daily checks (the warning-sign answers).
    pub daily_checks: Vec<DailyCheckRecord>,
    /// Whether a session is in progress: its checkpoint exists and a
    /// window holds the log ([`session_running`]).
    pub session_running: bool,
    /// What could not be read, in words for the person.
    pub problems: Vec<String>,
}

impl Inputs {
    /// Reads the settings, the routines and the log of `dir`. Takes no
    /// lock and writes nothing.
    pub fn read(dir: &DataDir) -> Self {
        let mut problems = Vec::new();
        let (settings, problem) = Settings::load(&dir.settings());
        problems.extend(problem);
        let catalog = Catalog::load(&Library::builtin(), Some(dir));
        let routine = catalog.chosen(settings.routine.as_deref()).cloned();
        if let (Some(id), Some(r)) = (&settings.routine, &routine)
            && *id != r.id
        {
            problems.push(format!(
                "The routine you chose ({}) is no longer found; reminders follow \"{}\".",
                crate::routine::escape(id),
                r.name
            ));
        }
        let (records, daily_checks) = match LogStore::open_read_only(dir.root()).load() {
            Ok(log) => (log.records, log.daily_checks),
            Err(e) => {
                problems.push(format!("Your session log could not be read: {e}"));
                (Vec::new(), Vec::new())
            }
        };
        Self {
            settings,
            routine,
            records,
            daily_checks,
            session_running: session_running(dir.root()),
            problems,
        }
    }

    /// How today stands (`None` with no routine).
    pub fn standing(&self, today: Date) -> Option<Standing> {
        let routine = self.routine.as_ref()?;
        Some(standing(
            routine,
            &self.records,
            &self.daily_checks,
            &self.settings,
            today,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::{DailyCheck, WarningSign};
    use std::fs;

    #[test]
    fn a_yes_holds_for_the_day_until_cleared() {
        let today = jiff::civil::date(2026, 11, 23);
        let mut settings = Settings {
            daily_check: Some(DailyCheck {
                date: "2026-11-23".to_owned(),
                yes: vec![WarningSign::BladderOrBowel],
                cleared: false,
                compared: None,
            }),
            ..Settings::default()
        };
        assert!(warning_today(&settings, &[], today));
        assert!(!warning_today(
            &settings,
            &[],
            jiff::civil::date(2026, 11, 24)
        ));
        if let Some(c) = &mut settings.daily_check {
            c.cleared = true;
        }
        assert!(!warning_today(&settings, &[], today));
        settings.daily_check = None;
        assert!(!warning_today(&settings, &[], today));
    }

    #[test]
    fn the_logs_daily_check_counts_before_the_settings_copy() {
        let today = jiff::civil::date(2026, 11, 23);
        let at = crate::log::LocalTimestamp::from_zoned(
            &today
                .at(9, 0, 0, 0)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap_or_default(),
        );
        let yes = DailyCheckRecord::new(today, at, &[WarningSign::BladderOrBowel]);
        let settings = Settings::default();
        assert!(warning_today(&settings, std::slice::from_ref(&yes), today));
        // Cleared later the same day: the last line of the date counts.
        let mut cleared = yes.clone();
        cleared.cleared_by_clinician_at = Some(at);
        assert!(!warning_today(&settings, &[yes.clone(), cleared], today));
        // All no in the log outweighs a stale yes in the settings.
        let no = DailyCheckRecord::new(today, at, &[]);
        let stale = Settings {
            daily_check: Some(DailyCheck {
                date: "2026-11-23".to_owned(),
                yes: vec![WarningSign::BladderOrBowel],
                cleared: false,
                compared: None,
            }),
            ..Settings::default()
        };
        assert!(!warning_today(&stale, &[no], today));
        assert!(warning_today(&stale, &[], today));
    }

    #[test]
    fn the_state_file_survives_damage() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert_eq!(AgentState::load(&data), AgentState::default());
        let state = AgentState {
            memory: Memory {
                last_reminded: Some("2026-11-23T13:00:00Z".parse().unwrap()),
                snoozed_until: None,
            },
            problem: Some("no service".to_owned()),
        };
        state.save(&data).unwrap();
        assert_eq!(AgentState::load(&data), state);
        fs::write(AgentState::path(&data), "{oops").unwrap();
        assert_eq!(AgentState::load(&data), AgentState::default());
        // A named pipe in its place (no writer) is not waited on.
        fs::remove_file(AgentState::path(&data)).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(AgentState::path(&data))
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(AgentState::load(&data), AgentState::default());
    }

    #[test]
    fn a_deleted_routine_is_said_and_another_followed() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let settings = Settings {
            routine: Some("gone-routine".to_owned()),
            ..Settings::default()
        };
        settings.save(&data.settings()).unwrap();
        let inputs = Inputs::read(&data);
        assert!(inputs.routine.is_some());
        assert!(
            inputs.problems.iter().any(|p| p.contains("gone-routine")),
            "{:?}",
            inputs.problems
        );
        assert!(!inputs.session_running);
    }

    #[test]
    fn a_session_runs_only_while_a_window_holds_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        // A window open on home: the lock, no checkpoint.
        let window = LogStore::open(dir.path()).unwrap();
        assert!(!window.is_read_only());
        assert!(!Inputs::read(&data).session_running);
        // A session in it: its checkpoint.
        fs::write(dir.path().join(CHECKPOINT_FILE), "{}").unwrap();
        assert!(Inputs::read(&data).session_running);
        // The window killed: its lock is gone, the checkpoint stays.
        drop(window);
        assert!(!Inputs::read(&data).session_running);
        // Asking took no lock a window would then miss.
        assert!(!LogStore::open(dir.path()).unwrap().is_read_only());
    }
}

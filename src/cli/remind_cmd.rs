//! `neckguide remind`: with `--next`, print the coming reminders; with
//! `--install`/`--uninstall`, turn the agent on or off; with nothing, run
//! the reminder agent ([`crate::app::agent`]) until it is stopped.

use std::io::Write;

use jiff::Zoned;
use serde::Serialize;

use super::CliError;
use crate::app::autostart::{self, AgentStart, Autostart};
use crate::app::paths::DataDir;
use crate::app::reminders::{AgentState, Inputs};
use crate::reminders;
use crate::routine::escape;

/// One line of `remind --next --json`.
#[derive(Debug, Serialize)]
struct JsonReminder {
    /// RFC 3339, in the local time zone.
    at: String,
    /// The ids of the exercises due.
    due: Vec<String>,
    /// Whether it is a reminder put off with "In 15 minutes".
    snoozed: bool,
}

/// `remind --next --json`.
#[derive(Debug, Serialize)]
struct JsonReminders {
    reminders: Vec<JsonReminder>,
}

/// The local RFC 3339 text of an instant (`2026-11-23T14:00:00+01:00`).
pub fn rfc3339_local(at: &Zoned) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Prints the reminders for the rest of today (a snoozed one among them)
/// and for tomorrow, as of `now`, read from `dir` the way `history` reads
/// it (no lock, nothing written).
pub fn next(dir: &DataDir, now: &Zoned, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let inputs = Inputs::read(dir);
    let Some(routine) = &inputs.routine else {
        return Err(CliError::Usage(
            "there is no routine to remind of".to_owned(),
        ));
    };
    let Some(standing) = inputs.standing(now.date()) else {
        return Err(CliError::Usage(
            "there is no routine to remind of".to_owned(),
        ));
    };
    let memory = AgentState::load(dir).memory;
    let slots = reminders::coming(&inputs.settings.reminders, standing, now, &memory);
    let due = |session: u32| -> Vec<String> {
        routine
            .due_items(session)
            .into_iter()
            .map(|i| i.exercise.id.clone())
            .collect()
    };
    let output = |e: std::io::Error| CliError::Output(e);
    if json {
        let list = JsonReminders {
            reminders: slots
                .iter()
                .map(|s| JsonReminder {
                    at: rfc3339_local(&s.at),
                    due: due(s.session),
                    snoozed: s.snoozed,
                })
                .collect(),
        };
        let text = serde_json::to_string(&list).map_err(|e| output(std::io::Error::other(e)))?;
        return writeln!(out, "{text}").map_err(output);
    }
    for problem in &inputs.problems {
        writeln!(out, "Note: {problem}").map_err(output)?;
    }
    writeln!(
        out,
        "Reminders for \"{}\" ({} a day):",
        escape(&routine.name),
        routine.times_per_day
    )
    .map_err(output)?;
    if standing.warning_today {
        writeln!(
            out,
            "Today you answered yes to a warning sign: no sessions today. Please see your doctor."
        )
        .map_err(output)?;
    }
    if slots.is_empty() {
        writeln!(out, "None today or tomorrow.").map_err(output)?;
    }
    for slot in &slots {
        let day = if slot.at.date() == now.date() {
            "today"
        } else {
            "tomorrow"
        };
        let names: Vec<String> = routine
            .due_items(slot.session)
            .into_iter()
            .map(|i| escape(&i.exercise.name).into_owned())
            .collect();
        let snoozed = if slot.snoozed { " (snoozed)" } else { "" };
        writeln!(
            out,
            "{day:<9} {}  session {} of {}{snoozed}: {}",
            slot.at.strftime("%H:%M"),
            slot.session + 1,
            routine.times_per_day,
            names.join(", ")
        )
        .map_err(output)?;
    }
    Ok(())
}

/// How long `remind --install` waits to see the agent running.
const SEE_AGENT: std::time::Duration = std::time::Duration::from_secs(5);

/// Writes the autostart entry, starts the agent now and says whether it
/// runs (waiting a moment to see it), or why not.
pub fn install(dir: &DataDir, out: &mut dyn Write) -> Result<(), CliError> {
    let entry = Autostart::for_data_dir(dir).map_err(CliError::Usage)?;
    entry
        .install()
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let agent = match entry.start_agent_and_see(SEE_AGENT) {
        Ok(AgentStart::Running) => "the reminder agent is running.".to_owned(),
        Ok(AgentStart::RanAlready) => "the reminder agent was running already.".to_owned(),
        Ok(AgentStart::NotSeenYet) => format!(
            "the reminder agent was started but not seen running within {} seconds; `neckguide remind` run in a terminal says why.",
            SEE_AGENT.as_secs()
        ),
        Ok(AgentStart::Stopped(why)) => format!(
            "but the reminder agent stopped at once: {why} It is started again at your next login."
        ),
        Err(e) => format!(
            "but the reminder agent could not be started ({e}); it starts at your next login."
        ),
    };
    writeln!(
        out,
        "Reminders are on: {} was written; {agent}",
        entry.path().display()
    )
    .map_err(CliError::Output)
}

/// Removes the autostart entry and stops a running agent.
pub fn uninstall(dir: &DataDir, out: &mut dyn Write) -> Result<(), CliError> {
    let entry = Autostart::for_data_dir(dir).map_err(CliError::Usage)?;
    entry
        .uninstall()
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let stopped = match autostart::stop_agent(dir) {
        Ok(true) => "the reminder agent was stopped",
        Ok(false) => "no reminder agent was running",
        Err(_) => "the reminder agent could not be stopped",
    };
    writeln!(
        out,
        "Reminders are off: {} is gone; {stopped}.",
        entry.path().display()
    )
    .map_err(CliError::Output)
}

/// Runs the agent until it is stopped, with the time from `clock`;
/// problems go to `err`.
#[cfg(target_os = "linux")]
pub fn run_agent(
    dir: &DataDir,
    clock: std::sync::Arc<dyn crate::session::Clock>,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    crate::app::agent::run(dir, clock, err).map_err(|e| CliError::Usage(e.to_string()))
}

/// The agent needs Linux (timerfd, inotify).
#[cfg(not(target_os = "linux"))]
pub fn run_agent(
    _dir: &DataDir,
    _clock: std::sync::Arc<dyn crate::session::Clock>,
    _err: &mut dyn Write,
) -> Result<(), CliError> {
    Err(CliError::Usage(
        "the reminder agent runs on Linux only".to_owned(),
    ))
}

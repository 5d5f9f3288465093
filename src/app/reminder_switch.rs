//! Reminders turned on and off from the window: the autostart entry that
//! runs the reminder agent ([`autostart::Autostart`]), the agent started or
//! stopped with it, and why the agent last stopped, from its state file.
//! Part of [`App`](super::App); what goes wrong is said in its [`Notices`].

use super::autostart::{self, Autostart};
use super::notices::Notices;
use super::paths::DataDir;
use super::reminders::AgentState;
use crate::reminders::Memory;

/// Whether reminders are on, and the switch.
#[derive(Debug, Default)]
pub struct ReminderSwitch {
    /// The reminders' autostart entry (`None`: no data folder or no home).
    entry: Option<Autostart>,
    /// The data folder the agent runs on.
    data_dir: Option<DataDir>,
    /// Why the reminder agent last stopped, from its state file.
    agent_problem: Option<String>,
    /// What the agent reminded and snoozed, from its state file.
    memory: Memory,
}

impl ReminderSwitch {
    /// The switch of the agent on `dir`, and what the agent last said.
    pub fn load(dir: &DataDir) -> Self {
        let state = AgentState::load(dir);
        Self {
            entry: Autostart::for_data_dir(dir).ok(),
            data_dir: Some(dir.clone()),
            agent_problem: state.problem,
            memory: state.memory,
        }
    }

    /// What the agent reminded and snoozed, as its state file said when
    /// last read.
    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    /// Whether reminders are on (their autostart entry exists).
    pub fn on(&self) -> bool {
        self.entry.as_ref().is_some_and(Autostart::installed)
    }

    /// Why reminders cannot be shown, as the agent last said.
    pub fn problem(&self) -> Option<&str> {
        self.agent_problem.as_deref()
    }

    /// Uses `entry` as the autostart entry (tests put it in a temporary
    /// folder).
    pub fn use_entry(&mut self, entry: Autostart) {
        self.entry = Some(entry);
    }

    /// Turns reminders on (writes the autostart entry and starts the
    /// agent) or off (removes the entry and stops the agent).
    pub fn set(&mut self, on: bool, notices: &mut Notices) {
        let Some(entry) = self.entry.clone() else {
            notices.warn("Reminders need a data folder and a home folder.");
            return;
        };
        if on {
            if let Err(e) = entry.install() {
                notices.warn(&format!("Reminders could not be turned on: {e}."));
                return;
            }
            self.agent_problem = None;
            if let Err(e) = entry.start_agent() {
                notices.warn(&format!(
                    "The reminder agent could not be started now ({e}); it starts at your next login."
                ));
            }
        } else {
            if let Err(e) = entry.uninstall() {
                notices.warn(&format!("Reminders could not be turned off: {e}."));
                return;
            }
            if let Some(dir) = &self.data_dir
                && let Err(e) = autostart::stop_agent(dir)
            {
                notices.warn(&format!("The reminder agent could not be stopped: {e}"));
            }
        }
    }

    /// Reads again what the reminder agent said.
    pub fn refresh(&mut self) {
        if let Some(dir) = &self.data_dir {
            let state = AgentState::load(dir);
            self.agent_problem = state.problem;
            self.memory = state.memory;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_reminders_on_writes_the_entry_and_forgets_the_agents_problem() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = DataDir::new(tmp.path().join("data"));
        let stopped = AgentState {
            problem: Some("No notification service was found.".to_owned()),
            ..AgentState::default()
        };
        std::fs::create_dir_all(dir.root()).unwrap_or_else(|e| panic!("{e}"));
        stopped.save(&dir).unwrap_or_else(|e| panic!("{e}"));
        let mut switch = ReminderSwitch::load(&dir);
        assert_eq!(switch.problem(), Some("No notification service was found."));
        let no_program = tmp.path().join("no-such-program");
        let entry = Autostart::at(&tmp.path().join("config"), &no_program, &dir)
            .unwrap_or_else(|e| panic!("{e}"));
        switch.use_entry(entry.clone());
        assert!(!switch.on());
        let mut notices = Notices::default();
        switch.set(true, &mut notices);
        assert!(switch.on() && entry.installed());
        assert_eq!(switch.problem(), None);
        let [notice] = notices.all() else {
            panic!("{:?}", notices.all());
        };
        assert!(
            notice
                .text
                .starts_with("The reminder agent could not be started now")
                && notice.text.ends_with("it starts at your next login."),
            "{}",
            notice.text
        );
        switch.refresh();
        assert_eq!(switch.problem(), Some("No notification service was found."));
        switch.set(false, &mut notices);
        assert!(!switch.on() && !entry.path().exists());
        assert_eq!(notices.all().len(), 1);
    }

    #[test]
    fn with_no_entry_the_switch_says_what_is_missing() {
        let mut switch = ReminderSwitch::default();
        let mut notices = Notices::default();
        switch.set(true, &mut notices);
        assert!(!switch.on());
        assert_eq!(
            notices.all().first().map(|n| n.text.as_str()),
            Some("Reminders need a data folder and a home folder.")
        );
    }
}

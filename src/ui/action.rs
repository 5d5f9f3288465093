//! What the app is asked to do. Screens return these; the app applies them
//! after drawing. A button or key gives a [`Command`] from the command table,
//! which turns into one of these; choosing a routine or a file gives one
//! carrying what was chosen.

use super::command::Command;

/// What the person asked the app to do.
#[must_use]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to the home screen.
    Home,
    /// Begin: check-in for a new session.
    BeginCheckIn,
    /// Start the session (from check-in).
    StartSession,
    /// Pause or resume a running session.
    PauseResume,
    /// Move on from getting into position, a pause between exercises, or a
    /// practice with no set time.
    Continue,
    /// Skip to the next exercise.
    Next,
    /// Go back to the previous exercise (or the start of this one).
    Back,
    /// Ask to end the session early (asks to confirm).
    AskEnd,
    /// End the session early, confirmed.
    ConfirmEnd,
    /// Keep going after asking to end.
    CancelEnd,
    /// My pain is worse: stop at once.
    PainWorse,
    /// Save the check-out (pain after, note).
    SaveCheckOut,
    /// Show the history.
    History,
    /// Show the settings.
    Settings,
    /// Show the routine builder.
    Builder,
    /// Something the routine builder asks for.
    Build(BuilderAction),
    /// Show or hide the keyboard shortcuts.
    ToggleShortcuts,
    /// Choose the routine with this id.
    ChooseRoutine(String),
    /// Import the routine file at this path.
    ImportRoutine(std::path::PathBuf),
    /// The answer to "a routine with this id is already here": replace it,
    /// keep both, or (`None`) do not add the file.
    AnswerClash(Option<crate::app::catalog::OnClash>),
    /// The warning signs were answered yes, and the person's doctor or
    /// physical therapist has cleared them.
    Cleared,
    /// Turn reminders on or off.
    SetReminders(bool),
    /// No settings control is in the middle of a change (none dragged,
    /// none being typed in): write the settings if they changed.
    SaveSettings,
    /// The person has talked to their physical therapist about the
    /// exercise with this id, held out after a pain stop.
    ClearHeldOut(String),
}

impl From<Command> for Action {
    fn from(command: Command) -> Self {
        match command {
            Command::PainWorse => Self::PainWorse,
            Command::BeginCheckIn => Self::BeginCheckIn,
            Command::StartSession => Self::StartSession,
            // The button says which; the session knows which it is.
            Command::Pause | Command::Resume => Self::PauseResume,
            Command::Continue | Command::Done => Self::Continue,
            Command::Next => Self::Next,
            Command::Back => Self::Back,
            Command::AskEnd => Self::AskEnd,
            Command::ConfirmEnd => Self::ConfirmEnd,
            Command::CancelEnd => Self::CancelEnd,
            Command::SaveCheckOut => Self::SaveCheckOut,
            Command::HomeAfterStop | Command::Home => Self::Home,
            Command::History => Self::History,
            Command::Settings => Self::Settings,
            Command::Builder => Self::Builder,
            // Close is offered only while the shortcuts show.
            Command::ToggleShortcuts | Command::CloseShortcuts => Self::ToggleShortcuts,
            Command::Cleared => Self::Cleared,
        }
    }
}

/// What the builder asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuilderAction {
    /// Start again from this.
    Start(crate::app::builder::DraftSource),
    /// Save the routine in the folder typed and add it to the routines.
    Save,
    /// Write the handout in the folder typed.
    PrintHandout,
}

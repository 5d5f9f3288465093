//! What the app is asked to do. Screens return these; the app applies them
//! after drawing. A button or key gives a [`Command`] from the command table,
//! which turns into one of these ([`Action::of`]); choosing a routine or a
//! file gives one carrying what was chosen. The commands that only change
//! what a screen shows (the builder's fields, the Open dialog's folder)
//! turn into none: the screen does them itself.

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
    /// Go on as the step allows: Continue or Done, else the next exercise.
    GoOn,
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
    /// Save the outcome measures answered at the check-in.
    SaveMeasures(crate::due::MeasureAnswers),
}

impl Action {
    /// What the app is asked to do by `command`, when it needs nothing
    /// more than the command to do it.
    pub fn of(command: Command) -> Option<Self> {
        Some(match command {
            Command::PainWorse => Self::PainWorse,
            Command::BeginCheckIn => Self::BeginCheckIn,
            Command::StartSession => Self::StartSession,
            // The button says which; the session knows which it is.
            Command::Pause | Command::Resume => Self::PauseResume,
            Command::Continue | Command::Done => Self::Continue,
            Command::Next => Self::Next,
            Command::Back => Self::Back,
            Command::GoOn => Self::GoOn,
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
            Command::ReplaceRoutine => {
                Self::AnswerClash(Some(crate::app::catalog::OnClash::Replace))
            }
            Command::KeepBothRoutines => {
                Self::AnswerClash(Some(crate::app::catalog::OnClash::KeepBoth))
            }
            Command::DoNotAddRoutine => Self::AnswerClash(None),
            Command::StartEmpty => Self::Build(BuilderAction::Start(
                crate::app::builder::DraftSource::Empty,
            )),
            Command::PrintHandout => Self::Build(BuilderAction::PrintHandout),
            Command::SaveRoutine => Self::Build(BuilderAction::Save),
            Command::CreateFolderAndSave => Self::Build(BuilderAction::CreateFolderAndSave),
            // These carry what they act on, or change only the screen.
            Command::DismissNotice
            | Command::ClearHeldOut
            | Command::AddRoutinePath
            | Command::ChooseRoutineFile
            | Command::UpOneFolder
            | Command::OpenFolder
            | Command::AddRoutineFile
            | Command::StartFromPreset
            | Command::StartFromAdded
            | Command::OpenToEdit
            | Command::ChooseFileToEdit
            | Command::MoveUp
            | Command::MoveDown
            | Command::RemoveExercise
            | Command::RemoveLine
            | Command::AddLine
            | Command::AddExercise
            | Command::InTheRoutine
            | Command::AddOwnExercise
            | Command::ChooseSaveFolder
            | Command::AnswerMeasures
            | Command::MeasuresNotNow
            | Command::SaveMeasures
            | Command::AddActivity
            | Command::RetireActivity
            | Command::KeepActivity
            | Command::RemoveActivity => return None,
        })
    }
}

/// What the builder asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuilderAction {
    /// Start again from this.
    Start(crate::app::builder::DraftSource),
    /// Save the routine in the folder typed and add it to the routines.
    Save,
    /// Create the folder typed, which is not there, then save.
    CreateFolderAndSave,
    /// Write the handout in the folder typed.
    PrintHandout,
}

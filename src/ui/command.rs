//! The command table: every command a person can give in the window, with
//! the words on its button (which are also its accessible name), its
//! keyboard shortcut(s) and a line of help. The buttons, the key handling,
//! the shortcuts window and the README's key table all read it from here.
//!
//! Every button is drawn from here, the builder's and the dialogs' too (a
//! test scans the source for buttons made anywhere else). A button that
//! names what it acts on (a routine, an exercise, a folder) gets it filled
//! into its words and name at the `{}` marks: [`Command::label`].
//!
//! The keys that type an answer rather than give a command (the pain
//! rating's digits, Y and N in the check-in) are listed beside it as
//! [`Input`], so the help shows them too.

use egui::Key;

use super::keys::{MORNING, NO, RATING_END, Shortcut, YES, key, or_list};

/// The label of the pain button, everywhere it appears.
pub const PAIN_BUTTON: &str = "My pain is worse — stop";

/// A command from the person, as the window offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// My pain is worse: stop the session at once.
    PainWorse,
    /// Home: begin a session (its check-in comes first).
    BeginCheckIn,
    /// Check-in: start the exercises.
    StartSession,
    /// Session: pause.
    Pause,
    /// Session: resume after a pause.
    Resume,
    /// Session: move on from getting into position or a pause between
    /// exercises.
    Continue,
    /// Session: a practice is done.
    Done,
    /// Session: skip to the next exercise.
    Next,
    /// Session: back to the previous exercise (or the start of this one).
    Back,
    /// Session: go on as the step allows (Continue, Done, or the next
    /// exercise where the step may not end early): a presenter's clicker's
    /// "next", as a media key's Next. A key, no button.
    GoOn,
    /// Session: ask to end early (asks to confirm).
    AskEnd,
    /// Session: yes, end it now.
    ConfirmEnd,
    /// Session: no, keep going.
    CancelEnd,
    /// Check-out: save the session.
    SaveCheckOut,
    /// After a pain stop: back to the home screen.
    HomeAfterStop,
    /// Back to the home screen.
    Home,
    /// Home: show the history.
    History,
    /// Home: show the settings.
    Settings,
    /// Home: make or edit a routine (the therapist's routine builder).
    Builder,
    /// Show or hide the keyboard shortcuts.
    ToggleShortcuts,
    /// Close the keyboard shortcuts.
    CloseShortcuts,
    /// Check-in: my doctor or physical therapist has cleared the warning signs.
    Cleared,
    /// A notice at the top of the window: put it away.
    DismissNotice,
    /// Home: the person has talked to their physical therapist about an
    /// exercise held out after a pain stop (names the exercise).
    ClearHeldOut,
    /// Home: add the routine file at the path typed.
    AddRoutinePath,
    /// An imported routine's id is taken: replace the routine that has it.
    ReplaceRoutine,
    /// An imported routine's id is taken: keep both, the new one under a
    /// new id.
    KeepBothRoutines,
    /// An imported routine's id is taken: do not add the file.
    DoNotAddRoutine,
    /// Home: open the system's file dialog to choose a routine file.
    ChooseRoutineFile,
    /// The Open dialog: show the folder above.
    UpOneFolder,
    /// The Open dialog: show a folder of the one shown (names it).
    OpenFolder,
    /// The Open dialog: add a routine file of the folder shown (names it).
    AddRoutineFile,
    /// Builder: start from an empty routine.
    StartEmpty,
    /// Builder: start from a copy of a preset (names it).
    StartFromPreset,
    /// Builder: start from a routine the person added (names it).
    StartFromAdded,
    /// Builder: open the routine file at the path typed.
    OpenToEdit,
    /// Builder: open the system's file dialog to choose a routine file to edit.
    ChooseFileToEdit,
    /// Builder: move an exercise up (names it).
    MoveUp,
    /// Builder: move an exercise down (names it).
    MoveDown,
    /// Builder: remove an exercise (names it).
    RemoveExercise,
    /// Builder: remove a line of an exercise's steps or cautions (names it).
    RemoveLine,
    /// Builder: add a line to an exercise's steps or cautions (names the
    /// kind of line and the exercise).
    AddLine,
    /// Builder: add an exercise of the library (names it).
    AddExercise,
    /// Builder: the library's exercise is in the routine already (names
    /// it; never enabled).
    InTheRoutine,
    /// Builder: add an exercise of the therapist's own.
    AddOwnExercise,
    /// Builder: write the handout and open it.
    PrintHandout,
    /// Builder: open the system's file dialog to choose the save folder.
    ChooseSaveFolder,
    /// Builder: save the routine and add it to the routines.
    SaveRoutine,
    /// Builder: create the save folder that is not there, then save.
    CreateFolderAndSave,
    /// Check-in: answer the outcome measures offered.
    AnswerMeasures,
    /// Check-in: not the outcome measures now (asked again next session).
    MeasuresNotNow,
    /// Outcome measures: save the answers.
    SaveMeasures,
    /// Outcome measures: add the activity typed to the PSFS.
    AddActivity,
    /// Outcome measures: retire an earlier activity (names it).
    RetireActivity,
    /// Outcome measures: rate a retired activity again (names it).
    KeepActivity,
    /// Outcome measures: remove an activity added now (names it).
    RemoveActivity,
}

// The keys, one list per command that has keys.
const P: &[Shortcut] = &[key(Key::P)];
const SPACE_OR_ENTER: &[Shortcut] = &[key(Key::Space), key(Key::Enter)];
const ENTER: &[Shortcut] = &[key(Key::Enter)];
const NEXT: &[Shortcut] = &[key(Key::N), key(Key::ArrowRight)];
const LEFT: &[Shortcut] = &[key(Key::ArrowLeft), key(Key::PageUp)];
// What presenter clickers send: Page Down and Page Up for next and
// previous, B or . to blank the screen (here: pause).
const PAUSE: &[Shortcut] = &[key(Key::Space), key(Key::B), key(Key::Period)];
const PAGE_DOWN: &[Shortcut] = &[key(Key::PageDown)];
const ESCAPE: &[Shortcut] = &[key(Key::Escape)];
const H: &[Shortcut] = &[key(Key::H)];
const S: &[Shortcut] = &[key(Key::S)];
const M: &[Shortcut] = &[key(Key::M)];
const HELP: &[Shortcut] = &[key(Key::F1), Shortcut::Text("?")];

impl Command {
    /// Every command, in the order the help lists them.
    pub const ALL: [Self; 56] = [
        Self::PainWorse,
        Self::BeginCheckIn,
        Self::StartSession,
        Self::Pause,
        Self::Resume,
        Self::Continue,
        Self::Done,
        Self::ConfirmEnd,
        Self::SaveCheckOut,
        Self::HomeAfterStop,
        Self::Next,
        Self::Back,
        Self::GoOn,
        Self::AskEnd,
        Self::CancelEnd,
        Self::Home,
        Self::CloseShortcuts,
        Self::History,
        Self::Settings,
        Self::Builder,
        Self::ToggleShortcuts,
        Self::Cleared,
        Self::DismissNotice,
        Self::ClearHeldOut,
        Self::AddRoutinePath,
        Self::ReplaceRoutine,
        Self::KeepBothRoutines,
        Self::DoNotAddRoutine,
        Self::ChooseRoutineFile,
        Self::UpOneFolder,
        Self::OpenFolder,
        Self::AddRoutineFile,
        Self::StartEmpty,
        Self::StartFromPreset,
        Self::StartFromAdded,
        Self::OpenToEdit,
        Self::ChooseFileToEdit,
        Self::MoveUp,
        Self::MoveDown,
        Self::RemoveExercise,
        Self::RemoveLine,
        Self::AddLine,
        Self::AddExercise,
        Self::InTheRoutine,
        Self::AddOwnExercise,
        Self::PrintHandout,
        Self::ChooseSaveFolder,
        Self::SaveRoutine,
        Self::CreateFolderAndSave,
        Self::AnswerMeasures,
        Self::MeasuresNotNow,
        Self::SaveMeasures,
        Self::AddActivity,
        Self::RetireActivity,
        Self::KeepActivity,
        Self::RemoveActivity,
    ];

    /// Its accessible name, and the words on its button unless
    /// [`Command::words`] gives shorter ones; `{}` marks where what it acts
    /// on goes ([`Command::label`]).
    pub const fn name(self) -> &'static str {
        match self {
            Self::PainWorse => PAIN_BUTTON,
            Self::BeginCheckIn => "Start session",
            Self::StartSession => "Start exercises",
            Self::Pause => "Pause",
            Self::Resume => "Resume",
            Self::Continue => "Continue",
            Self::Done => "Done",
            Self::Next => "Skip",
            Self::Back => "Back",
            Self::GoOn => "Go on",
            Self::AskEnd => "End session",
            Self::ConfirmEnd => "Yes, end it",
            Self::CancelEnd => "No, keep going",
            Self::SaveCheckOut => "Save session",
            Self::HomeAfterStop | Self::Home => "Back to home",
            Self::History => "History",
            Self::Settings => "Settings",
            Self::Builder => "Make or edit a routine",
            Self::ToggleShortcuts => "Keyboard shortcuts",
            Self::CloseShortcuts => "Close",
            Self::Cleared => "My doctor or physical therapist has cleared me to do these exercises",
            Self::DismissNotice => "Dismiss",
            Self::ClearHeldOut => "I have talked to my physical therapist about {}",
            Self::AddRoutinePath => "Add routine",
            Self::ReplaceRoutine => "Replace it",
            Self::KeepBothRoutines => "Keep both",
            Self::DoNotAddRoutine => "Do not add it",
            Self::ChooseRoutineFile => "Choose a routine file…",
            Self::UpOneFolder => "Up one folder",
            Self::OpenFolder => "Open folder {}",
            Self::AddRoutineFile => "Add routine file {}",
            Self::StartEmpty => "Start from an empty routine",
            Self::StartFromPreset => "Start from {}",
            Self::StartFromAdded => "Start from {} (added)",
            Self::OpenToEdit => "Open the routine file to edit",
            Self::ChooseFileToEdit => "Choose a routine file to edit…",
            Self::MoveUp => "Move {} up",
            Self::MoveDown => "Move {} down",
            Self::RemoveExercise | Self::RemoveLine => "Remove {}",
            Self::AddLine => "Add a {} to {}",
            Self::AddExercise | Self::InTheRoutine => "Add {}",
            Self::AddOwnExercise => "Add an exercise of your own",
            Self::PrintHandout => "Print handout",
            Self::ChooseSaveFolder => "Choose the folder to save in…",
            Self::SaveRoutine => "Save routine",
            Self::CreateFolderAndSave => "Create the folder and save",
            Self::AnswerMeasures => "Answer the outcome measures",
            Self::MeasuresNotNow => "Not now",
            Self::SaveMeasures => "Save answers",
            Self::AddActivity => "Add activity",
            Self::RetireActivity => "Retire {}",
            Self::KeepActivity => "Rate {} again",
            Self::RemoveActivity => "Remove activity {}",
        }
    }

    /// The words on its button where they are shorter than its name (the
    /// name says what it acts on, which the button's place shows).
    pub const fn words(self) -> &'static str {
        match self {
            Self::OpenFolder => "[folder] {}",
            Self::AddRoutineFile => "{}",
            Self::StartEmpty => "Empty routine",
            Self::OpenToEdit => "Open",
            Self::ChooseFileToEdit => "Choose a file…",
            Self::MoveUp => "Move up",
            Self::MoveDown => "Move down",
            Self::RemoveExercise | Self::RemoveLine => "Remove",
            Self::AddLine => "Add a {}",
            Self::AddExercise => "Add",
            Self::InTheRoutine => "In the routine",
            Self::ChooseSaveFolder => "Choose folder…",
            Self::RetireActivity => "Retire",
            Self::KeepActivity => "Rate again",
            Self::RemoveActivity => "Remove",
            other => other.name(),
        }
    }

    /// Its words and its accessible name with `on` (what it acts on) put
    /// in at the `{}` marks, in order. (The words take the first of `on`
    /// first too.)
    pub fn label(self, on: &[&str]) -> (String, String) {
        (fill(self.words(), on), fill(self.name(), on))
    }

    /// The keys that give it, the first shown on its button.
    pub const fn shortcuts(self) -> &'static [Shortcut] {
        match self {
            Self::PainWorse => P,
            Self::BeginCheckIn | Self::StartSession => SPACE_OR_ENTER,
            Self::Pause | Self::Resume => PAUSE,
            Self::Continue
            | Self::Done
            | Self::ConfirmEnd
            | Self::SaveCheckOut
            | Self::HomeAfterStop => ENTER,
            Self::Next => NEXT,
            Self::Back => LEFT,
            Self::GoOn => PAGE_DOWN,
            Self::AskEnd | Self::CancelEnd | Self::Home | Self::CloseShortcuts => ESCAPE,
            Self::History => H,
            Self::Settings => S,
            Self::ToggleShortcuts => HELP,
            Self::Builder => M,
            _ => &[],
        }
    }

    /// What it does, in a few words (for the help and tooltips).
    pub const fn help(self) -> &'static str {
        match self {
            Self::PainWorse => "My pain is worse: stop the session at once",
            Self::BeginCheckIn => "Start a session (home)",
            Self::StartSession => "Start the exercises (check-in)",
            Self::Pause => "Pause",
            Self::Resume => "Resume",
            Self::Continue => "Continue after getting into position or between exercises",
            Self::Done => "Done with a practice",
            Self::Next => "Next exercise",
            Self::Back => "Previous exercise (or the start of this one)",
            Self::GoOn => {
                "Go on: continue, done, or the next exercise where a step may not end early (a presenter's clicker)"
            }
            Self::AskEnd => "End the session (asks to confirm)",
            Self::ConfirmEnd => "Yes, end the session",
            Self::CancelEnd => "No, keep going",
            Self::SaveCheckOut => "Save the session (check-out)",
            Self::HomeAfterStop => "Back to home (after a pain stop)",
            Self::Home => "Back to home",
            Self::History => "History (home)",
            Self::Settings => "Settings (home)",
            Self::Builder => "Make or edit a routine, for a physical therapist (home)",
            Self::ToggleShortcuts => "Show or hide the keyboard shortcuts",
            Self::CloseShortcuts => "Close the keyboard shortcuts",
            Self::Cleared => "Say your doctor or physical therapist has cleared the warning signs",
            Self::DismissNotice => "Put the notice away",
            Self::ClearHeldOut => "Do the exercise held out after a pain stop again",
            Self::AddRoutinePath => "Add the routine file at the path typed",
            Self::ReplaceRoutine => "Replace the routine that has the new file's id",
            Self::KeepBothRoutines => "Keep both routines, the new one under a new id",
            Self::DoNotAddRoutine => "Do not add the new routine file",
            Self::ChooseRoutineFile => "Choose a routine file in the system's file dialog",
            Self::UpOneFolder => "Show the folder above",
            Self::OpenFolder => "Show this folder",
            Self::AddRoutineFile => "Add this routine file",
            Self::StartEmpty => "Start the builder from an empty routine",
            Self::StartFromPreset => "Start the builder from a copy of a built-in routine",
            Self::StartFromAdded => "Start the builder from a routine you added",
            Self::OpenToEdit => "Open the routine file at the path typed, to edit",
            Self::ChooseFileToEdit => "Choose a routine file to edit in the system's file dialog",
            Self::MoveUp => "Move the exercise up",
            Self::MoveDown => "Move the exercise down",
            Self::RemoveExercise => "Remove the exercise from the routine",
            Self::RemoveLine => "Remove the line",
            Self::AddLine => "Add a line",
            Self::AddExercise => "Add the exercise to the routine",
            Self::InTheRoutine => "The exercise is in the routine already",
            Self::AddOwnExercise => "Add an exercise of your own to the routine",
            Self::PrintHandout => "Write the routine's handout and open it to print",
            Self::ChooseSaveFolder => "Choose the folder to save in, in the system's file dialog",
            Self::SaveRoutine => "Save the routine file and add it to the routines",
            Self::CreateFolderAndSave => {
                "Create the folder typed, which is not there, and save the routine in it"
            }
            Self::AnswerMeasures => "Answer the outcome measures offered at the check-in",
            Self::MeasuresNotNow => {
                "Not the outcome measures now: they are asked again at the next session"
            }
            Self::SaveMeasures => "Save the outcome measures answered",
            Self::AddActivity => "Add the activity typed to the ones you rate",
            Self::RetireActivity => "Stop rating an activity from now on",
            Self::KeepActivity => "Rate a retired activity again",
            Self::RemoveActivity => "Remove an activity added now",
        }
    }

    /// Whether its Space is its own even while a widget has the keyboard
    /// focus. This decides what Space and Enter do on each screen:
    ///
    /// - home: Space starts, whatever has focus (the routine chooser, a
    ///   button); Enter presses what has focus, and starts when nothing has;
    /// - the session: Space pauses or resumes, whatever has focus; Enter
    ///   presses what has focus (the main action has it when the screen
    ///   shows), and continues when nothing has;
    /// - every other screen and dialog: Space and Enter press what has
    ///   focus (a rating, an answer, a button), and give the screen's
    ///   command when nothing has.
    ///
    /// So Space never means "pause" one moment and "press Skip" the next.
    /// The one exception is the pain stop's own button: with focus on it,
    /// Space presses it ([`super::keys::pressed`]), so the pain stop is
    /// never harder to reach by Space than a button is.
    pub const fn space_over_focus(self) -> bool {
        matches!(self, Self::BeginCheckIn | Self::Pause | Self::Resume)
    }

    /// Whether the help shows it first and in bold, and its key works
    /// behind a dialog too: stopping for pain.
    pub const fn urgent(self) -> bool {
        matches!(self, Self::PainWorse)
    }

    /// Its keys in words, e.g. "N or Right arrow"; empty when it has none.
    pub fn keys_text(self) -> String {
        or_list(self.shortcuts().iter().map(Shortcut::name).collect())
    }

    /// The text on its button: its words and, in brackets, its first key.
    pub fn button_text(self) -> String {
        self.button_text_on(&[])
    }

    /// [`Command::button_text`] with `on` put in its words.
    pub fn button_text_on(self, on: &[&str]) -> String {
        let words = fill(self.words(), on);
        match self.shortcuts().first() {
            Some(shortcut) => format!("{words} [{}]", shortcut.short_name()),
            None => words,
        }
    }
}

/// `template` with each `{}` replaced by the next of `on` (by nothing once
/// `on` runs out).
fn fill(template: &str, on: &[&str]) -> String {
    let mut parts = template.split("{}");
    let mut out = parts.next().unwrap_or_default().to_owned();
    let mut on = on.iter();
    for part in parts {
        out.push_str(on.next().copied().unwrap_or_default());
        out.push_str(part);
    }
    out
}

/// Keys that type an answer rather than give a command. Read with
/// [`super::keys::take_digit`] and [`super::keys::take_answers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A pain rating from 0 to 10, typed as digits.
    PainRating,
    /// Yes or no to the check-in's next question.
    YesNo,
    /// This morning against yesterday morning, at the day's first check-in.
    Morning,
}

impl Input {
    /// Every input, in the order the help lists them.
    pub const ALL: [Self; 3] = [Self::PainRating, Self::YesNo, Self::Morning];

    /// Its keys in words.
    pub fn keys_text(self) -> String {
        match self {
            Self::PainRating => format!("0–9 then {}", key(RATING_END).name()),
            Self::YesNo => format!("{} / {}", key(YES).name(), key(NO).name()),
            Self::Morning => MORNING
                .iter()
                .map(|(k, _)| key(*k).name())
                .collect::<Vec<_>>()
                .join(" / "),
        }
    }

    /// What it does, in a few words (for the help).
    pub const fn help(self) -> &'static str {
        match self {
            Self::PainRating => "Pain rating (1 then 0 for 10)",
            Self::YesNo => {
                "Answer the next yes/no question of the check-in (N: no numbness, tingling or weakness in the arm, there and after a pain stop)"
            }
            Self::Morning => {
                "Neck and arm pain better, the same or worse than yesterday morning (the day's first check-in)"
            }
        }
    }
}

impl super::keys::Shortcuts for Command {
    fn shortcuts(self) -> &'static [Shortcut] {
        Command::shortcuts(self)
    }

    fn over_focus(self, shortcut: &Shortcut) -> bool {
        self.space_over_focus() && *shortcut == key(Key::Space)
    }

    fn urgent(self) -> bool {
        Command::urgent(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for command in Command::ALL {
            assert!(seen.insert(command), "{command:?} twice");
            assert!(!command.name().is_empty());
            assert!(!command.help().is_empty());
        }
    }

    #[test]
    fn buttons_show_their_first_key() {
        assert_eq!(Command::Next.button_text(), "Skip [N]");
        assert_eq!(Command::Back.button_text(), "Back [Left]");
        assert_eq!(Command::AskEnd.button_text(), "End session [Esc]");
        assert_eq!(Command::Cleared.button_text(), Command::Cleared.name());
        assert_eq!(Command::Next.keys_text(), "N or Right arrow");
        assert_eq!(Command::ToggleShortcuts.keys_text(), "F1 or ?");
    }

    #[test]
    fn buttons_name_what_they_act_on() {
        let (words, name) = Command::MoveUp.label(&["exercise 2"]);
        assert_eq!(
            (words.as_str(), name.as_str()),
            ("Move up", "Move exercise 2 up")
        );
        let (words, name) = Command::AddLine.label(&["step", "exercise 1"]);
        assert_eq!(
            (words.as_str(), name.as_str()),
            ("Add a step", "Add a step to exercise 1")
        );
        let (words, name) = Command::OpenFolder.label(&["older"]);
        assert_eq!(
            (words.as_str(), name.as_str()),
            ("[folder] older", "Open folder older")
        );
        assert_eq!(Command::SaveRoutine.label(&[]).0, "Save routine");
    }

    #[test]
    fn inputs_name_their_keys() {
        assert_eq!(Input::PainRating.keys_text(), "0–9 then Enter");
        assert_eq!(Input::YesNo.keys_text(), "Y / N");
        assert_eq!(Input::Morning.keys_text(), "B / S / W");
    }
}

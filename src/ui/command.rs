//! The command table: every command a person can give in the window, with
//! the words on its button (which are also its accessible name), its
//! keyboard shortcut(s) and a line of help. The buttons, the key handling,
//! the shortcuts window and the README's key table all read it from here.
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
}

// The keys, one list per command that has keys.
const P: &[Shortcut] = &[key(Key::P)];
const SPACE_OR_ENTER: &[Shortcut] = &[key(Key::Space), key(Key::Enter)];
const SPACE: &[Shortcut] = &[key(Key::Space)];
const ENTER: &[Shortcut] = &[key(Key::Enter)];
const NEXT: &[Shortcut] = &[key(Key::N), key(Key::ArrowRight)];
const LEFT: &[Shortcut] = &[key(Key::ArrowLeft)];
const ESCAPE: &[Shortcut] = &[key(Key::Escape)];
const H: &[Shortcut] = &[key(Key::H)];
const S: &[Shortcut] = &[key(Key::S)];
const M: &[Shortcut] = &[key(Key::M)];
const HELP: &[Shortcut] = &[key(Key::F1), Shortcut::Text("?")];

impl Command {
    /// Every command, in the order the help lists them.
    pub const ALL: [Self; 21] = [
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
        Self::AskEnd,
        Self::CancelEnd,
        Self::Home,
        Self::CloseShortcuts,
        Self::History,
        Self::Settings,
        Self::Builder,
        Self::ToggleShortcuts,
        Self::Cleared,
    ];

    /// The words on its button, which are also its accessible name.
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
        }
    }

    /// The keys that give it, the first shown on its button.
    pub const fn shortcuts(self) -> &'static [Shortcut] {
        match self {
            Self::PainWorse => P,
            Self::BeginCheckIn | Self::StartSession => SPACE_OR_ENTER,
            Self::Pause | Self::Resume => SPACE,
            Self::Continue
            | Self::Done
            | Self::ConfirmEnd
            | Self::SaveCheckOut
            | Self::HomeAfterStop => ENTER,
            Self::Next => NEXT,
            Self::Back => LEFT,
            Self::AskEnd | Self::CancelEnd | Self::Home | Self::CloseShortcuts => ESCAPE,
            Self::History => H,
            Self::Settings => S,
            Self::ToggleShortcuts => HELP,
            Self::Builder => M,
            Self::Cleared => &[],
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
        }
    }

    /// Whether the help shows it first and in bold: stopping for pain.
    pub const fn urgent(self) -> bool {
        matches!(self, Self::PainWorse)
    }

    /// Its keys in words, e.g. "N or Right arrow"; empty when it has none.
    pub fn keys_text(self) -> String {
        or_list(self.shortcuts().iter().map(Shortcut::name).collect())
    }

    /// The text on its button: its name and, in brackets, its first key.
    pub fn button_text(self) -> String {
        match self.shortcuts().first() {
            Some(shortcut) => format!("{} [{}]", self.name(), shortcut.short_name()),
            None => self.name().to_owned(),
        }
    }
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
                "Answer the next yes/no question of the check-in (N: no numbness, tingling or weakness in the arm)"
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
    fn inputs_name_their_keys() {
        assert_eq!(Input::PainRating.keys_text(), "0–9 then Enter");
        assert_eq!(Input::YesNo.keys_text(), "Y / N");
        assert_eq!(Input::Morning.keys_text(), "B / S / W");
    }
}

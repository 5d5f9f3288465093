//! Every command a person can give, with its label and keyboard shortcut, in
//! one place. Screens return these; the app applies them after drawing.

use egui::Key;

/// A command from the person.
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
    /// Show or hide the keyboard shortcuts.
    ToggleShortcuts,
    /// Choose the routine with this id.
    ChooseRoutine(String),
    /// Import the routine file at this path.
    ImportRoutine(std::path::PathBuf),
    /// The warning signs were answered yes, and the person's doctor or
    /// therapist has cleared them.
    Cleared,
}

/// A row of the shortcut help: keys and what they do.
pub const SHORTCUTS: [(&str, &str); 10] = [
    ("Space", "Start, pause or resume"),
    ("P", "My pain is worse: stop the session at once"),
    ("N or Right arrow", "Next exercise"),
    ("Left arrow", "Previous exercise"),
    ("Enter", "Continue / confirm"),
    ("Esc", "End the session (asks to confirm) / go back"),
    ("0–9 then Enter", "Pain rating (type 1 0 for 10)"),
    ("Y / N", "Answer the next yes/no question"),
    ("H / S", "History / Settings (on the home screen)"),
    ("F1 or ?", "Show these shortcuts"),
];

/// The label of the pain button, everywhere it appears.
pub const PAIN_BUTTON: &str = "My pain is worse — stop";

/// Whether `key` (with no modifiers) was pressed this frame, consuming it so
/// no focused widget also reacts to it.
/// Never while a text field has focus: the keys are its letters then.
pub fn take_key(ui: &egui::Ui, key: Key) -> bool {
    if ui.ctx().text_edit_focused() {
        return false;
    }
    ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key))
        || ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, key))
}

/// The digit typed this frame, if any (0–9, main row or keypad).
pub fn take_digit(ui: &egui::Ui) -> Option<u8> {
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    DIGITS
        .iter()
        .zip(0u8..)
        .find(|(key, _)| take_key(ui, **key))
        .map(|(_, d)| d)
}

/// Whether the help key (F1 or ?) was pressed.
pub fn take_help(ui: &egui::Ui) -> bool {
    if ui.ctx().text_edit_focused() {
        return false;
    }
    let question = ui.input_mut(|i| {
        let before = i.events.len();
        i.events
            .retain(|e| !matches!(e, egui::Event::Text(t) if t == "?"));
        before != i.events.len()
    });
    take_key(ui, Key::F1) || question
}

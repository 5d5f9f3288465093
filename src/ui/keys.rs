//! Reading the keyboard: which of a screen's commands were pressed, and the
//! keys that type an answer (digits, Y and N). Every key press a screen
//! reacts to is read here; none while a text field has focus, where the keys
//! are its letters.
//!
//! A widget with keyboard focus (a button, a rating, a checkbox) answers
//! Enter and Space itself, as egui presses it: while one has focus, no
//! screen shortcut takes those two keys, except where the command table
//! gives Space one meaning on the whole screen
//! ([`super::command::Command::space_over_focus`]), but for the pain
//! stop's own button, which Space presses when it has focus. Every other shortcut,
//! P (the pain stop) first, works whatever has focus.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A key that gives a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// A key, with the modifiers it needs (extra Shift or Alt are ignored).
    Key(KeyboardShortcut),
    /// A character typed, whatever keys make it ("?" is Shift and / on many
    /// keyboards).
    Text(&'static str),
}

/// The key `key` with no modifiers.
pub const fn key(key: Key) -> Shortcut {
    Shortcut::Key(KeyboardShortcut::new(Modifiers::NONE, key))
}

/// The key that answers yes.
pub const YES: Key = Key::Y;
/// The key that answers no.
pub const NO: Key = Key::N;

/// The keys that compare this morning with yesterday morning at the
/// check-in: better, the same, worse.
pub const MORNING: [(Key, crate::checkin::MorningComparison); 3] = [
    (Key::B, crate::checkin::MorningComparison::Better),
    (Key::S, crate::checkin::MorningComparison::Same),
    (Key::W, crate::checkin::MorningComparison::Worse),
];

/// The key that ends a typed pain rating (so the next digit starts a new one).
pub const RATING_END: Key = Key::Enter;

/// The keys a focused widget answers itself: egui presses a focused button
/// on either.
const FOCUS_KEYS: [Key; 2] = [Key::Enter, Key::Space];

/// The digit keys, 0 to 9.
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

impl Shortcut {
    /// Its name in the help, e.g. "Esc", "Left arrow", "?".
    pub fn name(&self) -> String {
        self.named(|key| match key {
            Key::ArrowLeft => "Left arrow",
            Key::ArrowRight => "Right arrow",
            Key::ArrowUp => "Up arrow",
            Key::ArrowDown => "Down arrow",
            key => short_key_name(key),
        })
    }

    /// Its name on a button, e.g. "Esc", "Left".
    pub fn short_name(&self) -> String {
        self.named(short_key_name)
    }

    fn named(&self, key_name: impl Fn(Key) -> &'static str) -> String {
        match self {
            Self::Text(text) => (*text).to_owned(),
            Self::Key(shortcut) if shortcut.modifiers.is_none() => {
                key_name(shortcut.logical_key).to_owned()
            }
            Self::Key(shortcut) => format!(
                "{}+{}",
                egui::ModifierNames::NAMES.format(&shortcut.modifiers, false),
                key_name(shortcut.logical_key)
            ),
        }
    }

    /// Whether it is a key that a focused widget answers itself (Enter or
    /// Space, with no modifier).
    fn is_focus_key(&self) -> bool {
        matches!(self, Self::Key(s) if s.modifiers.is_none() && FOCUS_KEYS.contains(&s.logical_key))
    }

    /// Whether it was pressed this frame, consuming the press so that no
    /// focused widget also reacts to it.
    fn take(&self, ui: &egui::Ui) -> bool {
        match self {
            Self::Key(shortcut) => ui.input_mut(|i| i.consume_shortcut(shortcut)),
            Self::Text(text) => ui.input_mut(|i| {
                let before = i.events.len();
                i.events
                    .retain(|e| !matches!(e, egui::Event::Text(t) if t == text));
                before != i.events.len()
            }),
        }
    }
}

fn short_key_name(key: Key) -> &'static str {
    match key {
        Key::Escape => "Esc",
        Key::PageUp => "Page Up",
        Key::PageDown => "Page Down",
        Key::Period => ".",
        key => key.name(),
    }
}

/// Joins names as "A", "A or B", "A, B or C".
pub fn or_list(names: Vec<String>) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Whether a text field has focus: then keys are its letters, not commands.
fn typing(ui: &egui::Ui) -> bool {
    ui.ctx().text_edit_focused()
}

/// Whether a widget has keyboard focus: then Enter and Space are its own.
/// (egui gives focus only to enabled widgets that can be pressed or
/// dragged, and drops it when the widget is disabled or gone.)
fn widget_focused(ui: &egui::Ui) -> bool {
    ui.memory(|m| m.focused().is_some())
}

/// Where it is noted that the pain stop's own button had focus when it was
/// last drawn, with the id it had.
fn urgent_focus_id() -> egui::Id {
    egui::Id::unique("neckguide-urgent-button-focused")
}

/// Notes that the pain stop's own button has focus (called as it is drawn).
pub fn note_urgent_focus(ui: &egui::Ui) {
    let focused = ui.memory(|m| m.focused());
    ui.data_mut(|d| d.insert_temp(urgent_focus_id(), focused));
}

/// Whether what has focus is the pain stop's own button. Then Space presses
/// it, as it presses any focused button, even where the screen gives Space a
/// meaning of its own (pause): a person who has moved to "My pain is worse"
/// and presses Space is never only paused.
fn urgent_focused(ui: &egui::Ui) -> bool {
    let focused = ui.memory(|m| m.focused());
    focused.is_some()
        && ui.data(|d| d.get_temp::<Option<egui::Id>>(urgent_focus_id())) == Some(focused)
}

/// Whether `ui` is behind a dialog (egui's modal layer on top of it): then
/// only the pain stop's key reaches it; the dialog reads its own.
fn behind_a_dialog(ui: &egui::Ui) -> bool {
    !ui.memory(|m| m.is_above_modal_layer(ui.layer_id()))
}

/// Something the person can give by its shortcuts (a command of the
/// command table).
pub trait Shortcuts: Copy {
    /// Its keys, first the one shown on its button.
    fn shortcuts(self) -> &'static [Shortcut];

    /// Whether `shortcut` (Enter or Space) gives it even while a widget
    /// has focus, which the key then does not press.
    fn over_focus(self, shortcut: &Shortcut) -> bool;

    /// Whether it works behind a dialog too (the pain stop).
    fn urgent(self) -> bool;
}

/// The commands among `offered` whose shortcut was pressed this frame, in
/// the order offered. Each press is consumed, so when two offered commands
/// share a key the first one gets it. Nothing while a text field has focus;
/// while another widget has focus, Enter and Space are left to it (it is
/// pressed by them) unless the command takes them over it
/// ([`Shortcuts::over_focus`]), and the other keys still give their
/// commands.
pub fn pressed<C: Shortcuts>(ui: &egui::Ui, offered: &[C]) -> Vec<C> {
    if typing(ui) {
        return Vec::new();
    }
    let focused = widget_focused(ui);
    let urgent_focused = urgent_focused(ui);
    let behind = behind_a_dialog(ui);
    let mut pressed = Vec::new();
    for command in offered {
        if behind && !command.urgent() {
            continue;
        }
        let mut any = false;
        for shortcut in command.shortcuts() {
            if focused
                && shortcut.is_focus_key()
                && (urgent_focused || !command.over_focus(shortcut))
            {
                continue;
            }
            any |= shortcut.take(ui);
        }
        if any {
            pressed.push(*command);
        }
    }
    pressed
}

/// The digit typed this frame, if any (0–9, main row or keypad).
pub fn take_digit(ui: &egui::Ui) -> Option<u8> {
    if typing(ui) {
        return None;
    }
    DIGITS
        .iter()
        .zip(0u8..)
        .find(|(k, _)| key(**k).take(ui))
        .map(|(_, d)| d)
}

/// Whether the key that ends a typed pain rating was pressed this frame
/// (and not already taken by a command). While a widget has focus the key
/// is only seen, not taken: it presses that widget too.
pub fn take_rating_end(ui: &egui::Ui) -> bool {
    if typing(ui) {
        false
    } else if widget_focused(ui) {
        ui.input(|i| i.key_pressed(RATING_END))
    } else {
        key(RATING_END).take(ui)
    }
}

/// The comparison of this morning with yesterday morning typed this frame
/// (B, S or W), if any.
pub fn take_morning(ui: &egui::Ui) -> Option<crate::checkin::MorningComparison> {
    if typing(ui) {
        return None;
    }
    // Every key is taken (none is left for another use); the last counts.
    let mut typed: Vec<crate::checkin::MorningComparison> = MORNING
        .into_iter()
        .filter(|(k, _)| key(*k).take(ui))
        .map(|(_, answer)| answer)
        .collect();
    typed.pop()
}

/// The yes/no answers typed this frame (Y, then N), usually none or one.
pub fn take_answers(ui: &egui::Ui) -> Vec<bool> {
    if typing(ui) {
        return Vec::new();
    }
    [(YES, true), (NO, false)]
        .into_iter()
        .filter(|(k, _)| key(*k).take(ui))
        .map(|(_, answer)| answer)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_with_or() {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect();
        assert_eq!(or_list(names(&[])), "");
        assert_eq!(or_list(names(&["Esc"])), "Esc");
        assert_eq!(or_list(names(&["F1", "?"])), "F1 or ?");
        assert_eq!(or_list(names(&["Esc", "F1", "?"])), "Esc, F1 or ?");
    }

    #[test]
    fn keys_have_short_and_long_names() {
        assert_eq!(key(Key::ArrowLeft).short_name(), "Left");
        assert_eq!(key(Key::ArrowLeft).name(), "Left arrow");
        assert_eq!(key(Key::Escape).name(), "Esc");
        assert_eq!(key(Key::Space).name(), "Space");
        assert_eq!(key(Key::Enter).name(), "Enter");
        let save = Shortcut::Key(KeyboardShortcut::new(Modifiers::CTRL, Key::S));
        assert_eq!(save.name(), "Ctrl+S");
    }
}

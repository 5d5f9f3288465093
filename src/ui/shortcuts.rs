//! The keyboard shortcuts window (F1 or ?), and its rows, made from the
//! command table (the README's key table is the same rows; a test keeps it so).

use egui::RichText;

use super::command::{Command, Input};
use super::keys::{self, Shortcut, or_list};
use super::widgets::{Look, command_button, dialog_ui};

/// A row of the shortcut help: keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcutRow {
    /// The keys in words, e.g. "N or Right arrow".
    pub keys: String,
    /// What they do: one line for each command they give (a key gives
    /// different commands on different screens).
    pub what: Vec<&'static str>,
    /// Shown first and in bold: stopping for pain.
    pub urgent: bool,
}

/// The shortcut help: each command's keys (commands with the same keys share
/// a row), in [`Command::ALL`] order, then the keys that type answers.
pub fn shortcut_rows() -> Vec<ShortcutRow> {
    let mut rows: Vec<ShortcutRow> = Vec::new();
    for command in Command::ALL {
        let keys = command.keys_text();
        if keys.is_empty() {
            continue;
        }
        match rows.iter_mut().find(|r| r.keys == keys) {
            Some(row) => {
                row.what.push(command.help());
                row.urgent |= command.urgent();
            }
            None => rows.push(ShortcutRow {
                keys,
                what: vec![command.help()],
                urgent: command.urgent(),
            }),
        }
    }
    rows.extend(Input::ALL.iter().map(|input| ShortcutRow {
        keys: input.keys_text(),
        what: vec![input.help()],
        urgent: false,
    }));
    rows
}

/// Narrower than this (in points), the keys go above what they do.
const NARROW: f32 = 480.0;

/// Shows the shortcuts in a dialog over the screen; `open` turns false
/// when it is closed (by its button or its keys, which it reads itself).
pub fn shortcuts_window(ctx: &egui::Context, open: &mut bool) {
    let title = Command::ToggleShortcuts.name();
    let close = Command::CloseShortcuts;
    let closed = dialog_ui(ctx, "shortcuts", title, close, 640.0, |ui| {
        let offered = [Command::ToggleShortcuts, Command::CloseShortcuts];
        let mut closed = !keys::pressed(ui, &offered).is_empty();
        egui::ScrollArea::vertical()
            .max_height((ui.ctx().content_rect().height() - 200.0).max(120.0))
            .show(ui, |ui| {
                let what_ui = |ui: &mut egui::Ui, row: &ShortcutRow| {
                    for what in &row.what {
                        let what = RichText::new(*what).size(18.0);
                        ui.label(if row.urgent { what.strong() } else { what });
                    }
                };
                if ui.available_width() < NARROW {
                    // Keys over what they do: two columns this narrow
                    // left the words a column of single words.
                    for row in shortcut_rows() {
                        ui.label(RichText::new(&row.keys).strong().size(18.0));
                        ui.indent(&row.keys, |ui| what_ui(ui, &row));
                        ui.add_space(6.0);
                    }
                } else {
                    egui::Grid::new("shortcuts")
                        .num_columns(2)
                        .spacing([24.0, 8.0])
                        .show(ui, |ui| {
                            for row in shortcut_rows() {
                                ui.label(RichText::new(&row.keys).strong().size(18.0));
                                ui.vertical(|ui| what_ui(ui, &row));
                                ui.end_row();
                            }
                        });
                }
            });
        let closing = offered
            .iter()
            .flat_map(|c| c.shortcuts())
            .map(Shortcut::name)
            .collect();
        ui.horizontal_wrapped(|ui| {
            closed |= command_button(ui, close, Look::Small);
            ui.label(format!("{} closes this window.", or_list(closing)));
        });
        closed
    });
    if closed {
        *open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pain_stop_comes_first_and_keys_are_not_repeated() {
        let rows = shortcut_rows();
        let first = rows.first().map(|r| (r.keys.as_str(), r.urgent));
        assert_eq!(first, Some(("P", true)));
        for (i, row) in rows.iter().enumerate() {
            assert!(
                rows.iter().skip(i + 1).all(|r| r.keys != row.keys),
                "{} twice",
                row.keys
            );
        }
    }

    #[test]
    fn a_shared_key_lists_what_it_does_on_each_screen() {
        let rows = shortcut_rows();
        let esc = rows
            .iter()
            .find(|r| r.keys == "Esc")
            .map(|r| r.what.clone());
        assert_eq!(
            esc,
            Some(vec![
                "End the session (asks to confirm)",
                "No, keep going",
                "Back to home",
                "Close the keyboard shortcuts"
            ])
        );
    }
}

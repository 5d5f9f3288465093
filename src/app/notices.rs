//! The messages for the person: what the app says went right or wrong, shown
//! on the window until dismissed. Part of [`App`](super::App); the other
//! parts say things here.

/// A message for the person, shown until dismissed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The words.
    pub text: String,
    /// Whether it is a warning (shown in the warning colour).
    pub warning: bool,
}

/// The messages for the person, oldest first, each said once.
#[derive(Debug, Default)]
pub struct Notices {
    shown: Vec<Notice>,
}

impl Notices {
    /// The messages, oldest first.
    pub fn all(&self) -> &[Notice] {
        &self.shown
    }

    /// Adds a message (once: the same words are not repeated).
    pub fn add(&mut self, text: &str, warning: bool) {
        if self.shown.iter().any(|n| n.text == text) {
            return;
        }
        self.shown.push(Notice {
            text: text.to_owned(),
            warning,
        });
    }

    /// Adds a warning (once).
    pub fn warn(&mut self, text: &str) {
        self.add(text, true);
    }

    /// Removes the message at `index` (the person dismissed it).
    pub fn dismiss(&mut self, index: usize) {
        if index < self.shown.len() {
            self.shown.remove(index);
        }
    }

    /// Keeps only the messages for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Notice) -> bool) {
        self.shown.retain(keep);
    }

    /// Removes the messages that are not warnings.
    pub fn clear_messages(&mut self) {
        self.retain(|n| n.warning);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_words_are_said_once() {
        let mut notices = Notices::default();
        notices.warn("The log could not be read.");
        notices.add("Session saved.", false);
        notices.add("The log could not be read.", false);
        assert_eq!(
            notices.all(),
            [
                Notice {
                    text: "The log could not be read.".to_owned(),
                    warning: true
                },
                Notice {
                    text: "Session saved.".to_owned(),
                    warning: false
                },
            ]
        );
    }

    #[test]
    fn clearing_messages_keeps_the_warnings_and_dismissing_past_the_end_does_nothing() {
        let mut notices = Notices::default();
        notices.add("Session saved.", false);
        notices.warn("Reminders could not be turned on.");
        notices.dismiss(5);
        assert_eq!(notices.all().len(), 2);
        notices.clear_messages();
        let left: Vec<&str> = notices.all().iter().map(|n| n.text.as_str()).collect();
        assert_eq!(left, ["Reminders could not be turned on."]);
        notices.dismiss(0);
        assert!(notices.all().is_empty());
    }
}

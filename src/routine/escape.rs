//! Text from a file made safe to show: control characters (C0, DEL, C1) and
//! the invisible characters that reorder or hide text (zero-width marks, bidi
//! embeddings, overrides and isolates, the byte order mark) are written as
//! `\u{1b}`, so a routine file cannot clear the terminal, forge a line of
//! output or make a name read differently from what it is.
//!
//! Every message that echoes a file's content or a file name goes through
//! [`escape`], in the terminal and in the window; validation refuses the same
//! characters in ids, names and other short text ([`is_hidden_or_control`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Whether `c` is a control character or an invisible character that
/// changes how text around it reads.
pub fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// `text` with every [`is_hidden_or_control`] character written as
/// `\u{…}` (hex, lowercase); borrowed when there is none.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_or_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hidden_or_control(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A file name as text for a message, escaped (see [`escape`]).
pub fn escape_path(path: &Path) -> String {
    escape(&path.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(escape("Chin tuck — é ✓"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_bidi_are_written_out() {
        assert_eq!(
            escape("x\u{1b}]0;PWNED\u{7}\u{1b}[2J\nFAKE"),
            "x\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{a}FAKE"
        );
        assert_eq!(
            escape("a\u{202E}b\u{200B}c\u{FEFF}\u{2066}\u{85}"),
            "a\\u{202e}b\\u{200b}c\\u{feff}\\u{2066}\\u{85}"
        );
        assert_eq!(
            escape_path(Path::new("/tmp/a\tb.json")),
            "/tmp/a\\u{9}b.json"
        );
    }

    #[test]
    fn escaped_text_has_no_such_character_left() {
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}']) {
            let text = c.to_string();
            assert!(!escape(&text).chars().any(is_hidden_or_control), "{c:?}");
        }
    }
}

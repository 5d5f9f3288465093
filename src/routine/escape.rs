//! Text from a file made safe to show: control characters and every
//! character that hides or reorders text are written as `\u{1b}`, so a
//! routine file cannot clear the terminal, forge a line of output or make a
//! name read differently from what it is.
//!
//! Which characters those are is Unicode's, not a list written here: the
//! general categories Cc (controls), Cf (format characters), Zl and Zp (line
//! and paragraph separators), and the properties Default_Ignorable_Code_Point
//! (zero-width marks, fillers, tags, variation selectors, the soft hyphen)
//! and Bidi_Control (embeddings, overrides, isolates, the Arabic letter
//! mark), as regex-syntax carries them from the Unicode data.
//!
//! Every message that echoes a file's content or a file name goes through
//! [`escape`], in the terminal and in the window; validation refuses the same
//! characters in ids, names and other text ([`is_hidden_or_control`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

/// The characters [`is_hidden_or_control`] is true of, by Unicode's names
/// for them.
const HIDDEN: &str = r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]";

/// The ranges of [`HIDDEN`], sorted, read once.
fn hidden_ranges() -> &'static [(char, char)] {
    static RANGES: OnceLock<Vec<(char, char)>> = OnceLock::new();
    RANGES.get_or_init(|| {
        let Ok(hir) = regex_syntax::Parser::new().parse(HIDDEN) else {
            return Vec::new();
        };
        match hir.kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            _ => Vec::new(),
        }
    })
}

/// Whether `c` is a control character or an invisible character that
/// changes how text around it reads (see the module's words for which).
pub fn is_hidden_or_control(c: char) -> bool {
    if c.is_ascii() || c.is_control() {
        return c.is_control();
    }
    hidden_ranges()
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
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

    /// The characters of issue 24 (item 9) that the hand-made list let
    /// through, one of each kind, and characters that must stay.
    #[test]
    fn every_character_that_hides_or_reorders_text_is_hidden() {
        for c in [
            '\u{00AD}',  // soft hyphen
            '\u{034F}',  // combining grapheme joiner
            '\u{061C}',  // Arabic letter mark (Bidi_Control)
            '\u{115F}',  // Hangul choseong filler
            '\u{180E}',  // Mongolian vowel separator
            '\u{2028}',  // line separator (Zl)
            '\u{2029}',  // paragraph separator (Zp)
            '\u{2060}',  // word joiner
            '\u{2064}',  // invisible plus
            '\u{3164}',  // Hangul filler
            '\u{FE0F}',  // variation selector 16
            '\u{FFF9}',  // interlinear annotation anchor (Cf)
            '\u{E0001}', // language tag
            '\u{E0041}', // tag Latin capital A
            '\u{E007F}', // cancel tag
            '\u{E01EF}', // variation selector 256
            '\u{200B}',
            '\u{202E}',
            '\u{2066}',
            '\u{FEFF}',
            '\u{85}',
        ] {
            assert!(is_hidden_or_control(c), "U+{:04X}", u32::from(c));
            assert_eq!(
                escape(&format!("a{c}b")),
                format!("a\\u{{{:x}}}b", u32::from(c))
            );
        }
        for c in [
            'a',
            ' ',
            'é',
            '—',
            '✓',
            'ß',
            'ا',
            '中',
            '\u{1F642}',
            '\u{0301}',
        ] {
            assert!(!is_hidden_or_control(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn escaped_text_has_no_such_character_left() {
        for c in ('\0'..='\u{3000}').chain(['\u{FEFF}', '\u{E0041}']) {
            let text = c.to_string();
            assert!(!escape(&text).chars().any(is_hidden_or_control), "{c:?}");
        }
    }
}

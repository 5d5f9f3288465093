//! Finds where each value and key of a JSON document sits in its text, so a
//! problem found after parsing can still be reported at `line:column`.

use std::collections::{HashMap, HashSet};
use std::iter::Peekable;
use std::str::Chars;

use super::problem::{FieldPath, Pos};

/// The places of the values and keys of one document.
#[derive(Debug, Default)]
pub struct Locations {
    values: HashMap<FieldPath, Pos>,
    keys: HashMap<FieldPath, Pos>,
    /// Numbers as written (`1E+2`, `-0`), which a parsed value may not
    /// show the same.
    numbers: HashMap<FieldPath, String>,
    /// Keys written twice in the same object, at their second place.
    pub duplicate_keys: Vec<(FieldPath, Pos)>,
}

impl Locations {
    /// Indexes `text`, which must already have parsed as JSON. On text that is
    /// not JSON it indexes what it can and never panics.
    pub fn index(text: &str) -> Self {
        let mut scanner = Scanner {
            chars: text.chars().peekable(),
            pos: Pos::START,
            out: Locations::default(),
        };
        scanner.skip_ws();
        scanner.value(&FieldPath::root(), 0);
        scanner.out
    }

    /// Where the value at `path` starts; for a path that is not in the
    /// document (a missing field), the nearest enclosing value.
    pub fn value(&self, path: &FieldPath) -> Pos {
        let mut path = path.clone();
        loop {
            if let Some(pos) = self.values.get(&path) {
                return *pos;
            }
            if path.is_root() {
                return Pos::START;
            }
            path = path.parent();
        }
    }

    /// The number at `path` as the text writes it.
    pub fn number(&self, path: &FieldPath) -> Option<&str> {
        self.numbers.get(path).map(String::as_str)
    }

    /// Where the key of the member at `path` is written, or else its value.
    pub fn key(&self, path: &FieldPath) -> Pos {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }
}

/// Deeper than this the scanner stops indexing (serde_json stops at 128).
const MAX_DEPTH: usize = 200;

struct Scanner<'a> {
    chars: Peekable<Chars<'a>>,
    pos: Pos,
    out: Locations,
}

impl Scanner<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.chars.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    fn value(&mut self, path: &FieldPath, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        self.out.values.insert(path.clone(), self.pos);
        match self.chars.peek() {
            Some('{') => self.object(path, depth),
            Some('[') => self.array(path, depth),
            Some('"') => {
                self.string();
            }
            Some(_) => {
                let mut written = String::new();
                while let Some(&c) = self.chars.peek() {
                    if matches!(c, ',' | '}' | ']' | ' ' | '\t' | '\n' | '\r') {
                        break;
                    }
                    written.push(c);
                    self.bump();
                }
                if written.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
                    self.out.numbers.insert(path.clone(), written);
                }
            }
            None => {}
        }
    }

    fn object(&mut self, path: &FieldPath, depth: usize) {
        self.bump();
        let mut seen = HashSet::new();
        loop {
            self.skip_ws();
            match self.chars.peek() {
                Some('}') => {
                    self.bump();
                    return;
                }
                Some('"') => {}
                Some(',') => {
                    self.bump();
                    continue;
                }
                _ => return,
            }
            let key_pos = self.pos;
            let key = self.string();
            let member = path.key(&key);
            if !seen.insert(key) {
                self.out.duplicate_keys.push((member.clone(), key_pos));
            }
            self.out.keys.entry(member.clone()).or_insert(key_pos);
            self.skip_ws();
            if self.chars.peek() != Some(&':') {
                return;
            }
            self.bump();
            self.skip_ws();
            self.value(&member, depth + 1);
        }
    }

    fn array(&mut self, path: &FieldPath, depth: usize) {
        self.bump();
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.chars.peek() {
                Some(']') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                None => return,
                Some(_) => {}
            }
            self.value(&path.index(index), depth + 1);
            index += 1;
        }
    }

    /// Reads a string literal and returns its decoded text.
    fn string(&mut self) -> String {
        let mut raw = String::from("\"");
        self.bump();
        while let Some(c) = self.bump() {
            raw.push(c);
            match c {
                '\\' => {
                    if let Some(escaped) = self.bump() {
                        raw.push(escaped);
                    }
                }
                '"' => break,
                _ => {}
            }
        }
        serde_json::from_str(&raw).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_and_keys() {
        let text = "{\n  \"a\": 1,\n  \"items\": [\n    {\"x\": \"é\", \"y\": [true]}\n  ]\n}";
        let loc = Locations::index(text);
        let p = FieldPath::root();
        assert_eq!(loc.value(&p), Pos { line: 1, column: 1 });
        assert_eq!(loc.key(&p.key("a")), Pos { line: 2, column: 3 });
        assert_eq!(loc.value(&p.key("a")), Pos { line: 2, column: 8 });
        let item = p.key("items").index(0);
        assert_eq!(loc.value(&item), Pos { line: 4, column: 5 });
        assert_eq!(
            loc.value(&item.key("y").index(0)),
            Pos {
                line: 4,
                column: 22
            }
        );
        assert_eq!(loc.number(&p.key("a")), Some("1"));
        assert_eq!(loc.number(&item.key("x")), None);
        // A missing member is reported at the object that should hold it.
        assert_eq!(loc.value(&item.key("missing")), Pos { line: 4, column: 5 });
    }

    #[test]
    fn notices_duplicate_keys() {
        let loc = Locations::index("{\"a\": 1, \"a\": 2}");
        assert_eq!(
            loc.duplicate_keys,
            vec![(
                FieldPath::root().key("a"),
                Pos {
                    line: 1,
                    column: 10
                }
            )]
        );
    }

    #[test]
    fn survives_broken_text() {
        for text in ["", "{", "[1,", "{\"a\"", "\"abc", "{\"a\":", "]]]"] {
            let _ = Locations::index(text);
        }
    }
}

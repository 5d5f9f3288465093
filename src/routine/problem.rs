//! A problem found in a file, with its place: file, `line:column`, field path.

use std::fmt;

use super::escape::escape;

/// One step of a field path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array index, 0-based.
    Index(usize),
}

/// Where a value sits inside a JSON document, such as `items[2].dose.hold_seconds`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FieldPath(Vec<Segment>);

impl FieldPath {
    /// The document itself.
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path followed by `key`.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path followed by `[index]`.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// The path without its last segment (the root stays the root).
    pub fn parent(&self) -> Self {
        let mut segments = self.0.clone();
        segments.pop();
        Self(segments)
    }

    /// Whether this is the document itself.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys and indexes from the document down to the field.
    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    /// Whether this is `other` or a field inside it.
    pub fn is_within(&self, other: &FieldPath) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Index(n) => write!(f, "[{n}]")?,
                Segment::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => {
                    let quoted = serde_json::to_string(k).map_err(|_| fmt::Error)?;
                    write!(f, "[{quoted}]")?;
                }
            }
        }
        Ok(())
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-')
}

/// A place in a text file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Pos {
    /// The start of the file.
    pub const START: Pos = Pos { line: 1, column: 1 };
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file.
    pub pos: Pos,
    /// Which field; `(file)` for problems with the file as a whole.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The file name, field path and message may echo the file's text.
        write!(
            f,
            "{}:{}:{}: {}: {}",
            escape(&self.file),
            self.pos.line,
            self.pos.column,
            escape(&self.path),
            escape(&self.message)
        )
    }
}

/// Every problem found in one file, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in {}", problems.len(), escape(file))]
pub struct Problems {
    /// The file, as the user named it.
    pub file: String,
    /// The problems, sorted by place in the file.
    pub problems: Vec<Problem>,
}

/// The edit distance between two short strings (for "did you mean" hints).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != *cb);
            let value = (diagonal + cost).min(left + 1).min(up.saturating_add(1));
            next.push(value);
            diagonal = up;
            left = value;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// The known name nearest to `unknown`, when it is near enough to be a typo
/// (`hold_secs` → `hold_seconds`).
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Abbreviations people write that no edit distance would catch.
    const ALIASES: [(&str, &str); 3] = [
        ("reps", "repetitions"),
        ("times", "times_per_day"),
        ("duration", "minutes"),
    ];
    let unknown_lower = unknown.to_lowercase();
    let known: Vec<&'a str> = known.into_iter().collect();
    if let Some(alias) = ALIASES
        .iter()
        .find(|(short, long)| *short == unknown_lower && known.contains(long))
        .and_then(|(_, long)| known.iter().find(|k| *k == long))
    {
        return Some(alias);
    }
    known
        .into_iter()
        .map(|k| {
            let d = edit_distance(&unknown_lower, k);
            // A prefix of a known name is a likely abbreviation.
            let prefix = k.starts_with(&unknown_lower) && unknown_lower.len() >= 3;
            (if prefix { 0 } else { d }, k)
        })
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_code() {
        let p = FieldPath::root()
            .key("items")
            .index(2)
            .key("dose")
            .key("hold_seconds");
        assert_eq!(p.to_string(), "items[2].dose.hold_seconds");
        assert_eq!(FieldPath::root().to_string(), "(root)");
        assert_eq!(FieldPath::root().key("a b").to_string(), "[\"a b\"]");
    }

    #[test]
    fn suggests_the_nearest_known_name() {
        let known = ["hold_seconds", "repetitions", "rest_seconds", "sets"];
        assert_eq!(nearest("hold_secs", known), Some("hold_seconds"));
        assert_eq!(nearest("reps", known), Some("repetitions"));
        assert_eq!(nearest("hold", known), Some("hold_seconds"));
        assert_eq!(nearest("repetition", known), Some("repetitions"));
        assert_eq!(nearest("colour", known), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}

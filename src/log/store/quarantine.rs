//! The quarantine: copies of the log's unreadable lines, with their line
//! numbers, in `DATA_DIR/sessions.quarantine.jsonl` (the raw line as text,
//! or as hex when it is not UTF-8); each line once, up to
//! [`MAX_QUARANTINE_BYTES`].

use std::collections::HashSet;
use std::io::{ErrorKind, Write};

use serde::{Deserialize, Serialize};

use super::open::sync_dir;
use super::{LogStore, UnreadableLine};
use crate::log::LogError;
use crate::user_file::{self, Links};
/// The quarantine file is read and grown to at most this many bytes.
pub const MAX_QUARANTINE_BYTES: u64 = 64 << 20;

impl LogStore {
    /// Appends to the quarantine file the unreadable lines it does not hold
    /// yet. The file is read and grown only up to [`MAX_QUARANTINE_BYTES`]:
    /// past that nothing more is added (the lines are still in the log).
    pub(super) fn quarantine(&self, lines: &[UnreadableLine]) -> Result<(), LogError> {
        let path = self.quarantine_path();
        let limit = MAX_QUARANTINE_BYTES;
        let existing = match user_file::read_at_most(&path, Links::Follow, limit + 1) {
            Ok(bytes) if bytes.len() as u64 > limit => {
                ::log::warn!(
                    "{} holds {limit} bytes or more already: no more lines are copied there",
                    path.display()
                );
                return Ok(());
            }
            Ok(bytes) => Some(bytes),
            Err(err) if err.kind() == ErrorKind::NotFound => None,
            Err(err) => return Err(LogError::io(&path, err)),
        };
        let known: HashSet<(usize, Vec<u8>)> = existing
            .as_deref()
            .map(|bytes| {
                bytes
                    .split(|&b| b == b'\n')
                    .filter_map(|line| serde_json::from_slice::<QuarantineEntry>(line).ok())
                    .filter_map(|entry| Some((entry.line, entry.raw_bytes()?)))
                    .collect()
            })
            .unwrap_or_default();
        let room = limit.saturating_sub(existing.as_ref().map_or(0, |b| b.len() as u64));
        let mut out = Vec::new();
        for line in lines {
            if known.contains(&(line.line, line.bytes.clone())) {
                continue;
            }
            let entry = QuarantineEntry::new(line);
            let Ok(encoded) = serde_json::to_vec(&entry) else {
                continue;
            };
            if (out.len() + encoded.len() + 1) as u64 > room {
                break;
            }
            out.extend_from_slice(&encoded);
            out.push(b'\n');
        }
        if out.is_empty() {
            return Ok(());
        }
        let io_err = |err| LogError::io(&path, err);
        let mut file = user_file::open_appending(&path, existing.is_none()).map_err(io_err)?;
        if existing
            .as_ref()
            .is_some_and(|b| b.last().is_some_and(|&c| c != b'\n'))
        {
            file.write_all(b"\n").map_err(io_err)?;
        }
        file.write_all(&out).map_err(io_err)?;
        file.sync_data().map_err(io_err)?;
        if existing.is_none() {
            sync_dir(&self.data_dir)?;
        }
        Ok(())
    }
}

/// One line of the quarantine file. The raw line is kept as text when it is
/// UTF-8, else as hex.
#[derive(Debug, Serialize, Deserialize)]
struct QuarantineEntry {
    line: usize,
    reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    raw_hex: Option<String>,
}

impl QuarantineEntry {
    fn new(line: &UnreadableLine) -> Self {
        let (raw, raw_hex) = match std::str::from_utf8(&line.bytes) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (None, Some(to_hex(&line.bytes))),
        };
        QuarantineEntry {
            line: line.line,
            reason: line.reason.clone(),
            raw,
            raw_hex,
        }
    }

    fn raw_bytes(&self) -> Option<Vec<u8>> {
        match (&self.raw, &self.raw_hex) {
            (Some(text), _) => Some(text.as_bytes().to_vec()),
            (None, Some(hex)) => from_hex(hex),
            (None, None) => None,
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn from_hex(hex: &str) -> Option<Vec<u8>> {
    let digits = hex.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(text, 16).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes = vec![0u8, 0xff, 0x10, b'a'];
        assert_eq!(from_hex(&to_hex(&bytes)), Some(bytes));
        assert_eq!(from_hex("abc"), None);
    }
}

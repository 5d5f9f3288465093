//! `neckguide history`, `neckguide export --csv` and `neckguide report`: thin
//! wrappers that read the log ([`crate::log`]), compute with
//! [`crate::history`] and write the result.
//!
//! The commands open the log read-only: they take no lock (so a running
//! window keeps writing), create nothing in the data dir and leave
//! quarantining to the window.

use std::io::Write;
use std::path::Path;

use jiff::civil::Date;

use super::CliError;
use crate::history;
use crate::log::{LoadedLog, LogStore};

/// Prints the summary of the log in `data_dir` as of `today` (default: the
/// local date now), as one JSON object when `json`, else as a few lines.
pub fn history(
    data_dir: &Path,
    today: Option<Date>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let log = load(data_dir)?;
    let today = today.unwrap_or_else(local_today);
    let mut summary = history::summary(&log.records, today);
    summary.unreadable_lines = log.unreadable.len();
    if json {
        let text = serde_json::to_string(&summary)
            .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
        writeln!(out, "{text}").map_err(CliError::Output)
    } else {
        write!(out, "{summary}").map_err(CliError::Output)
    }
}

/// Writes every session of the log in `data_dir` to `file` as CSV, one row
/// per session.
pub fn export_csv(data_dir: &Path, file: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    refuse_log_files(data_dir, file)?;
    let log = load(data_dir)?;
    write_file(file, history::to_csv(&log.records).as_bytes())?;
    writeln!(
        out,
        "Wrote {} to {}{}",
        sessions_text(log.records.len()),
        file.display(),
        unreadable_text(&log)
    )
    .map_err(CliError::Output)
}

/// Writes the printable HTML report of the log in `data_dir` as of `today`
/// (default: the local date now) to `file`.
pub fn report(
    data_dir: &Path,
    file: &Path,
    today: Option<Date>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    refuse_log_files(data_dir, file)?;
    let log = load(data_dir)?;
    let today = today.unwrap_or_else(local_today);
    let mut summary = history::summary(&log.records, today);
    summary.unreadable_lines = log.unreadable.len();
    let html = history::report_html(&log.records, &summary, today);
    write_file(file, html.as_bytes())?;
    writeln!(
        out,
        "Wrote the report as of {today} ({}) to {}{}",
        sessions_text(summary.sessions),
        file.display(),
        unreadable_text(&log)
    )
    .map_err(CliError::Output)
}

fn load(data_dir: &Path) -> Result<LoadedLog, CliError> {
    Ok(LogStore::open_read_only(data_dir).load()?)
}

fn local_today() -> Date {
    jiff::Zoned::now().date()
}

fn write_file(file: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(file, bytes).map_err(|source| CliError::Io {
        path: file.to_owned(),
        source,
    })
}

/// Refuses an output file that is one of the log's own files, so a slip of
/// the keyboard cannot overwrite the history.
fn refuse_log_files(data_dir: &Path, file: &Path) -> Result<(), CliError> {
    let Ok(target) = file.canonicalize() else {
        return Ok(());
    };
    for name in [
        crate::log::LOG_FILE,
        crate::log::QUARANTINE_FILE,
        crate::log::CHECKPOINT_FILE,
        crate::log::LOCK_FILE,
    ] {
        if data_dir.join(name).canonicalize().ok().as_ref() == Some(&target) {
            return Err(CliError::Usage(format!(
                "{} is part of the session log; choose another file to write",
                file.display()
            )));
        }
    }
    Ok(())
}

fn sessions_text(n: usize) -> String {
    if n == 1 {
        "1 session".to_owned()
    } else {
        format!("{n} sessions")
    }
}

fn unreadable_text(log: &LoadedLog) -> String {
    match log.unreadable.len() {
        0 => String::new(),
        1 => " (1 log line could not be read and was left out)".to_owned(),
        n => format!(" ({n} log lines could not be read and were left out)"),
    }
}

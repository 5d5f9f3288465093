//! `neckguide history`, `neckguide export --csv` and `neckguide report`: thin
//! wrappers that read the log ([`crate::log`]), compute with
//! [`crate::history`] and write the result.
//!
//! The commands open the log read-only: they take no lock (so a running
//! window keeps writing), create nothing in the data dir and leave
//! quarantining to the window: what they say about unreadable lines is
//! where those lines really are.

use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::CliError;
use crate::app::user_file;
use crate::atomic_file;
use crate::history;
use crate::log::{LoadedLog, LogStore, Outcome};
use crate::routine::escape_path;

/// Prints the summary of the log in `data_dir` as of `today`, as one JSON
/// object when `json`, else as a few lines.
pub fn history(
    data_dir: &Path,
    today: Date,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // The records are counted as they are read, not kept: only the few
    // sessions stopped for pain are, for their details.
    let mut summary = history::SummaryFold::new(today);
    let mut stopped = Vec::new();
    let log = LogStore::open_read_only(data_dir).read_each(&mut |record| {
        summary.add(&record);
        if record.outcome == Outcome::StoppedForPain && record.started_at.date() <= today {
            stopped.push(record);
        }
    })?;
    let mut summary = summary.finish();
    summary.unreadable_lines = log.unreadable_count();
    let names = ExerciseNames::of(data_dir);
    let clinical = history::ClinicalJson {
        summary: &summary,
        pain_stops: history::pain_stop_details(&stopped, &|id| names.name(id)),
        warning_signs: history::warning_sign_days(&log.daily_checks, today),
        measures: history::MeasuresJson::of(&log.measures, today),
    };
    if json {
        let text = serde_json::to_string(&clinical)
            .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
        writeln!(out, "{text}").map_err(CliError::Output)
    } else {
        write!(out, "{summary}").map_err(CliError::Output)?;
        for stop in &clinical.pain_stops {
            writeln!(
                out,
                "Stopped for pain on {}: {}{}",
                stop.started_at.date(),
                stop.place_words(),
                stop.arm_words()
                    .map_or_else(String::new, |words| format!("; {words}"))
            )
            .map_err(CliError::Output)?;
        }
        for summary in &clinical.measures.summaries {
            writeln!(out, "{}", summary.sentence()).map_err(CliError::Output)?;
        }
        for day in &clinical.warning_signs {
            let cleared = day.cleared_at.map_or_else(
                || "not cleared".to_owned(),
                |t| format!("cleared by a doctor or physical therapist at {t}"),
            );
            writeln!(
                out,
                "Warning signs on {}: {} ({cleared})",
                day.date.map(|d| d.to_string()).unwrap_or_default(),
                day.yes_words.join("; ")
            )
            .map_err(CliError::Output)?;
        }
        if log.unreadable_count() > 0 {
            writeln!(
                out,
                "The unreadable lines are left as they are in {} (line {}); nothing was changed.",
                escape_path(&data_dir.join(crate::log::LOG_FILE)),
                line_numbers(&log)
            )
            .map_err(CliError::Output)?;
        }
        if log.differing_copies > 0 {
            writeln!(
                out,
                "{}",
                crate::history::differing_copies_words(log.differing_copies)
            )
            .map_err(CliError::Output)?;
        }
        Ok(())
    }
}

/// The numbers of the unreadable lines, "3, 7, 12" (the first ten).
fn line_numbers(log: &LoadedLog) -> String {
    let mut numbers: Vec<String> = log
        .unreadable
        .iter()
        .take(10)
        .map(|u| u.line.to_string())
        .collect();
    if log.unreadable_count() > 10 {
        numbers.push("…".to_owned());
    }
    numbers.join(", ")
}

/// Exercise names from the built-in exercises and the routines in the data
/// folder (read only).
struct ExerciseNames {
    catalog: crate::app::catalog::Catalog,
    library: crate::routine::Library,
}

impl ExerciseNames {
    fn of(data_dir: &Path) -> Self {
        let library = crate::routine::Library::builtin();
        let dir = crate::app::paths::DataDir::new(data_dir);
        Self {
            catalog: crate::app::catalog::Catalog::load(&library, Some(&dir)),
            library,
        }
    }

    /// The routine chosen in the data folder's settings (else the first
    /// found), as the window would run it.
    fn chosen_routine(&self, data_dir: &Path) -> Option<&crate::routine::Routine> {
        let dir = crate::app::paths::DataDir::new(data_dir);
        let (settings, _) = crate::app::settings::Settings::load(&dir.settings());
        self.catalog.chosen(settings.routine.as_deref())
    }

    /// The name of the exercise `id`; the id itself when none knows it.
    fn name(&self, id: &str) -> String {
        self.catalog.exercise_name(&self.library, id)
    }
}

/// What `neckguide export` writes.
pub struct Exports<'a> {
    /// The sessions as CSV, to this file.
    pub csv: Option<&'a Path>,
    /// With `csv`: the other kinds of line too, each to a file beside it
    /// ([`kind_file`]).
    pub all: bool,
    /// The FHIR Bundle, to this file.
    pub fhir: Option<&'a Path>,
}

/// The file beside `csv` for the lines of `kind`: `out.csv` gives
/// `out.daily_checks.csv`.
pub fn kind_file(csv: &Path, kind: &str) -> PathBuf {
    let stem = csv
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    csv.with_file_name(format!("{stem}.{kind}.csv"))
}

/// Writes the log in `data_dir` as `what` says: every session to a CSV
/// file, one row per session, with `all` the daily checks, clearances and measures
/// each to a CSV file of its own, and the FHIR Bundle. Every file is
/// checked before any is written (see [`check_target`] for the files
/// refused); each is written whole or not at all. The routine's doses are those in
/// effect `today`.
pub fn export(
    data_dir: &Path,
    what: Exports<'_>,
    today: Date,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut files: Vec<(PathBuf, &'static str)> = Vec::new();
    if let Some(csv) = what.csv {
        files.push((csv.to_owned(), "sessions"));
        if what.all {
            files.push((kind_file(csv, "daily_checks"), "daily_checks"));
            files.push((kind_file(csv, "clearances"), "clearances"));
            files.push((kind_file(csv, "measures"), "measures"));
        }
    }
    if let Some(fhir) = what.fhir {
        files.push((fhir.to_owned(), "fhir"));
    }
    for (i, (file, _)) in files.iter().enumerate() {
        if files.iter().skip(i + 1).any(|(other, _)| other == file) {
            return Err(CliError::Usage(format!(
                "{} is named twice; choose another file for one of them",
                escape_path(file)
            )));
        }
    }
    let targets = files
        .iter()
        .map(|(file, _)| check_target(data_dir, file, force))
        .collect::<Result<Vec<_>, _>>()?;
    let log = load(data_dir)?;
    for ((file, kind), target) in files.iter().zip(&targets) {
        let (bytes, what) = match *kind {
            "sessions" => (
                history::to_csv(&log.records).into_bytes(),
                sessions_text(log.records.len()),
            ),
            "daily_checks" => (
                history::daily_checks_csv(&log.daily_checks).into_bytes(),
                crate::plural::plural(log.daily_checks.len() as u64, "daily check", "daily checks"),
            ),
            "clearances" => (
                history::clearances_csv(&log.clearances, &log.records).into_bytes(),
                crate::plural::plural(log.clearances.len() as u64, "clearance", "clearances"),
            ),
            "measures" => (
                history::measures_csv(&log.measures).into_bytes(),
                crate::plural::plural(
                    log.measures.len() as u64,
                    "outcome measure",
                    "outcome measures",
                ),
            ),
            _ => {
                let bundle = fhir_bundle(data_dir, &log, today);
                let text = serde_json::to_string_pretty(&bundle.json)
                    .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
                (
                    text.into_bytes(),
                    format!(
                        "a FHIR R4 Bundle of {}, {}, {}, {} and {}",
                        sessions_text(bundle.procedures),
                        crate::plural::plural(
                            bundle.pain_ratings as u64,
                            "pain rating",
                            "pain ratings"
                        ),
                        crate::plural::plural(bundle.measures as u64, "measure", "measures"),
                        crate::plural::plural(
                            bundle.warning_signs as u64,
                            "warning sign",
                            "warning signs"
                        ),
                        crate::plural::plural(bundle.care_plans as u64, "routine", "routines"),
                    ),
                )
            }
        };
        write_file(target, &bytes)?;
        writeln!(
            out,
            "Wrote {what} to {}{}",
            escape_path(file),
            unreadable_text(&log)
        )
        .map_err(CliError::Output)?;
    }
    Ok(())
}

/// The FHIR Bundle of `log`, with the routine chosen in the data folder
/// at its doses in effect `today` as its CarePlan.
fn fhir_bundle(data_dir: &Path, log: &LoadedLog, today: Date) -> history::FhirBundle {
    let names = ExerciseNames::of(data_dir);
    let chosen = names.chosen_routine(data_dir);
    let routine = chosen.map(|routine| {
        let doses = crate::plan::InEffect::from_log(Some(routine), log.dose_log(), today).doses;
        crate::doses::routine_in_effect(routine, &doses)
    });
    history::fhir_bundle(&history::FhirInput {
        records: &log.records,
        daily_checks: &log.daily_checks,
        measures: &log.measures,
        routine: routine.as_ref(),
        names: &|id| names.name(id),
    })
}

/// Writes the printable HTML report of the log in `data_dir` as of `today`
/// to `file`. See [`check_target`] for the
/// files refused.
pub fn report(
    data_dir: &Path,
    file: &Path,
    today: Date,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let target = check_target(data_dir, file, force)?;
    let log = load(data_dir)?;
    let mut summary = history::summary(&log.records, today);
    summary.unreadable_lines = log.unreadable_count();
    let names = ExerciseNames::of(data_dir);
    // The doses the window plans the chosen routine's sessions with.
    let doses =
        crate::plan::InEffect::from_log(names.chosen_routine(data_dir), log.dose_log(), today)
            .doses;
    let html = history::report_html(
        &history::ReportInput {
            records: &log.records,
            daily_checks: &log.daily_checks,
            clearances: &log.clearances,
            measures: &log.measures,
            names: &|id| names.name(id),
            doses: &doses,
        },
        &summary,
        today,
    );
    write_file(&target, html.as_bytes())?;
    writeln!(
        out,
        "Wrote the report as of {today} ({}) to {}{}",
        sessions_text(summary.sessions),
        escape_path(file),
        unreadable_text(&log)
    )
    .map_err(CliError::Output)
}

fn load(data_dir: &Path) -> Result<LoadedLog, CliError> {
    Ok(LogStore::open_read_only(data_dir).load()?)
}

/// Writes `bytes` to `file` through [`atomic_file::replace`]: a failed
/// write leaves the old file (or none), never half a file.
pub(super) fn write_file(file: &Path, bytes: &[u8]) -> Result<(), CliError> {
    atomic_file::replace(file, bytes).map_err(|source| CliError::Io {
        path: file.to_owned(),
        source,
    })
}

/// Refuses an output file that would overwrite the person's data: a path
/// inside the data folder (its folder compared after resolving links), the
/// same file as any file in the data folder (by device and inode, which
/// catches hard and symbolic links), anything but a regular file or a link
/// to one, even with `force` ([`user_file::output_target`]: a named pipe,
/// a device, a dangling link), and, unless `force`, any file that already
/// exists. Returns the file to write: `file`, or the file it links to.
pub(super) fn check_target(data_dir: &Path, file: &Path, force: bool) -> Result<PathBuf, CliError> {
    let shown = escape_path(file);
    let refuse = |why: String| Err(CliError::Usage(why));
    if let Ok(data) = data_dir.canonicalize() {
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let inside = |path: Option<PathBuf>| path.is_some_and(|p| p.starts_with(&data));
        let target = parent
            .canonicalize()
            .ok()
            .map(|p| file.file_name().map_or(p.clone(), |name| p.join(name)));
        let log_file = |path: &Path| {
            path.parent() == Some(data.as_path())
                && path.file_name().is_some_and(|name| {
                    [
                        crate::log::LOG_FILE,
                        crate::log::QUARANTINE_FILE,
                        crate::log::CHECKPOINT_FILE,
                        crate::log::LOCK_FILE,
                    ]
                    .iter()
                    .any(|log| name == *log)
                })
        };
        let part_of_log = || {
            refuse(format!(
                "{shown} is part of the session log; choose another file to write"
            ))
        };
        let resolved = file.canonicalize().ok();
        if target.as_deref().is_some_and(log_file) || resolved.as_deref().is_some_and(log_file) {
            return part_of_log();
        }
        if inside(target) || inside(resolved) {
            return refuse(format!(
                "{shown} is inside the data folder {}; choose a file outside it",
                escape_path(&data)
            ));
        }
        if let Some(same) = same_file_in(&data, file) {
            if log_file(&same) {
                return part_of_log();
            }
            return refuse(format!(
                "{shown} is the same file as {} in the data folder; choose another file",
                escape_path(&same)
            ));
        }
    }
    let target = user_file::output_target(file).map_err(|source| {
        match source
            .get_ref()
            .and_then(|e| e.downcast_ref::<user_file::NotReplaced>())
        {
            Some(why) => CliError::Usage(format!("{shown}: {why}; choose another file")),
            None => CliError::Io {
                path: file.to_owned(),
                source,
            },
        }
    })?;
    if !force && std::fs::symlink_metadata(file).is_ok() {
        return refuse(format!(
            "{shown} already exists; pass --force to replace it"
        ));
    }
    Ok(target)
}

/// The file in `folder` (or below) that is the same file as `file`, by
/// device and inode.
fn same_file_in(folder: &Path, file: &Path) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let target = std::fs::metadata(file).ok()?;
        let key = (target.dev(), target.ino());
        let mut folders = vec![folder.to_path_buf()];
        while let Some(dir) = folders.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
                    continue;
                };
                if meta.is_dir() {
                    folders.push(entry.path());
                } else if (meta.dev(), meta.ino()) == key {
                    return Some(entry.path());
                }
            }
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = (folder, file);
        None
    }
}

fn sessions_text(n: usize) -> String {
    if n == 1 {
        "1 session".to_owned()
    } else {
        format!("{n} sessions")
    }
}

fn unreadable_text(log: &LoadedLog) -> String {
    match log.unreadable_count() {
        0 => String::new(),
        1 => format!(
            " (1 log line could not be read and was left out; it stays in the log, line {})",
            line_numbers(log)
        ),
        n => format!(
            " ({n} log lines could not be read and were left out; they stay in the log, lines {})",
            line_numbers(log)
        ),
    }
}

/// `neckguide doses ROUTINE`: each item's dose in effect by its progression
/// rule, the good sessions towards the next step and every change.
pub fn doses(
    data_dir: &Path,
    routine: &crate::routine::Routine,
    today: Date,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let log = load(data_dir)?;
    // The doses `plan` and the window run.
    let items = crate::plan::InEffect::from_log(Some(routine), log.dose_log(), today).doses;
    let names = ExerciseNames::of(data_dir);
    let output = |e: std::io::Error| CliError::Output(e);
    if json {
        let raw = crate::routine::write::raw_dose;
        let item_json = |d: &crate::doses::ItemDose| {
            let item = routine.items.iter().find(|i| i.exercise.id == d.exercise);
            let field = item.and_then(|i| i.progression).map(|p| p.field);
            let dose_at = |v: u32| {
                let prescribed = item.map(|i| &i.exercise.dose);
                let dose = field
                    .zip(prescribed)
                    .and_then(|(f, p)| f.with(p, v))
                    .unwrap_or_else(|| d.dose.clone());
                serde_json::to_value(raw(&dose)).unwrap_or_default()
            };
            serde_json::json!({
                "exercise": d.exercise,
                "dose": serde_json::to_value(raw(&d.dose)).unwrap_or_default(),
                "good_sessions": d.good_sessions,
                "changes": d.changes.iter().map(|c| serde_json::json!({
                    "date": c.date.to_string(),
                    "from": dose_at(c.from),
                    "to": dose_at(c.to),
                    "reason": c.reason,
                })).collect::<Vec<_>>(),
            })
        };
        let text = serde_json::json!({
            "routine": routine.id,
            "today": today.to_string(),
            "items": items.iter().map(item_json).collect::<Vec<_>>(),
        });
        return writeln!(out, "{text}").map_err(output);
    }
    writeln!(out, "{} — doses in effect on {today}", routine.name).map_err(output)?;
    if items.is_empty() {
        return writeln!(
            out,
            "No exercise of this routine has a progression rule: every dose is as prescribed."
        )
        .map_err(output);
    }
    for d in &items {
        writeln!(
            out,
            "{}: {} ({} good session(s) towards the next step)",
            names.name(&d.exercise),
            d.dose.summary(),
            d.good_sessions
        )
        .map_err(output)?;
        for c in &d.changes {
            writeln!(out, "  {}: {} -> {}: {}", c.date, c.from, c.to, c.reason).map_err(output)?;
        }
    }
    Ok(())
}

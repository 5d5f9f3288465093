//! The command line: `neckguide [check|plan|history|export|report|handout|doses|remind|schema|completions|manual]`.
//!
//! `main` parses [`Cli`], opens the window when no command is given, and
//! otherwise calls [`run`], which returns the exit code. Output goes to the
//! writers passed in, so tests can read it.

mod error;
mod history_cmd;
mod remind_cmd;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand, ValueEnum};

pub use error::CliError;

use crate::app::paths::{DATA_DIR_ENV, DataDir};
use crate::app::settings::{COUNTDOWN_SECONDS, Settings};
use crate::exercise::Position;
use crate::routine::{self, Library, Parsed, escape};
use crate::schedule::{self, Schedule, ScheduleConfig, StepKind};
use crate::session::Clock;

/// Guides you through the home exercises for a pinched nerve in the neck.
/// Not medical advice: follow your physical therapist or doctor.
#[derive(Debug, Parser)]
#[command(name = "neckguide", version, about, long_about = None)]
pub struct Cli {
    /// Where your data lives (default: the system's data folder).
    #[arg(long, global = true, env = DATA_DIR_ENV, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Open the window with this routine file from your physical therapist (it is
    /// checked and, when valid, added to your routines).
    #[arg(long, value_name = "FILE")]
    pub routine: Option<PathBuf>,
    /// Open the window on the check-in (a reminder's "Start now"); when a
    /// window is open already, bring that one to the front instead.
    #[arg(long)]
    pub start: bool,
    /// What to do; without a command the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check routine or exercise files and report every problem with its place.
    Check {
        /// The files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print the full timed schedule of one session of a routine, paced as
    /// the window runs it (your saved get-ready countdown).
    Plan {
        /// The routine file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
        /// Which session of the day (1 = first); items due fewer times a
        /// day drop out of the later sessions.
        #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12))]
        session: u32,
        /// The get-ready countdown in seconds, instead of the one saved in
        /// your settings.
        #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(i64::from(COUNTDOWN_SECONDS.0)..=i64::from(COUNTDOWN_SECONDS.1)))]
        countdown: Option<u32>,
        /// Take this date (YYYY-MM-DD) as today: the doses in effect that
        /// day by the routine's progression rules (default: the local date).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<jiff::civil::Date>,
    },
    /// Summarize your session history.
    History {
        /// One JSON object instead of a readable summary.
        #[arg(long)]
        json: bool,
        /// Take this date (YYYY-MM-DD) as today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<jiff::civil::Date>,
    },
    /// Export your log: the sessions as CSV, one row each, and with --all
    /// the other lines too; or all of it as one FHIR R4 file for a clinic.
    #[command(group = clap::ArgGroup::new("what").required(true).multiple(true).args(["csv", "fhir"]))]
    Export {
        /// Write the sessions as CSV here (outside the data folder).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// With --csv: also write the daily checks, the clearances after
        /// pain stops and the outcome measures, each to a CSV file of its
        /// own beside FILE (FILE's name with .daily_checks, .clearances or
        /// .measures before .csv).
        #[arg(long, requires = "csv")]
        all: bool,
        /// Write the log as one FHIR R4 (4.0.1) Bundle here, as JSON: the
        /// routine, each session, pain rating, outcome measure and warning
        /// sign answered yes; nothing that names you.
        #[arg(long, value_name = "FILE.json")]
        fhir: Option<PathBuf>,
        /// Replace the file if it already exists (only a file, or the file
        /// a link names; never a pipe, a device or a link to nothing).
        #[arg(long)]
        force: bool,
    },
    /// Write a printable HTML report for your physical therapist, on as
    /// many pages as it needs.
    ///
    /// What needs attention comes first, then the measures, adherence by month, arm
    /// symptoms, morning answers, pain stops and their clearance, dose
    /// changes and notes. Printed, it takes as many pages as it needs, each
    /// headed and numbered, with no table row split across pages.
    Report {
        /// The HTML file to write (outside the data folder).
        #[arg(value_name = "FILE.html")]
        file: PathBuf,
        /// Replace the file if it already exists (only a file, or the file
        /// a link names; never a pipe, a device or a link to nothing).
        #[arg(long)]
        force: bool,
        /// Take this date (YYYY-MM-DD) as today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<jiff::civil::Date>,
    },
    /// Write a routine's printable handout (one HTML page with the
    /// pictures, steps and doses) to give to the person.
    Handout {
        /// The routine file.
        #[arg(value_name = "ROUTINE.json")]
        routine: PathBuf,
        /// The HTML file to write.
        #[arg(value_name = "OUT.html")]
        file: PathBuf,
        /// Replace the file if it already exists (only a file, or the file
        /// a link names; never a pipe, a device or a link to nothing).
        #[arg(long)]
        force: bool,
    },
    /// Print each exercise's dose in effect, as its progression rule has
    /// changed it with your sessions, and every change with its reason.
    Doses {
        /// The routine file.
        #[arg(value_name = "ROUTINE.json")]
        routine: PathBuf,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Take this date (YYYY-MM-DD) as today.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        today: Option<jiff::civil::Date>,
    },
    /// Remind you when a session is due, with the window closed: runs
    /// until stopped, posting desktop notifications.
    Remind {
        /// Print the coming reminders (the rest of today and tomorrow) and
        /// exit.
        #[arg(long, conflicts_with_all = ["install", "uninstall"])]
        next: bool,
        /// With --next: one JSON object.
        #[arg(long, requires = "next")]
        json: bool,
        /// With --next: take this instant (RFC 3339) as now.
        #[arg(long, requires = "next", value_name = "RFC3339", value_parser = parse_now)]
        now: Option<jiff::Zoned>,
        /// Turn reminders on: write the autostart entry and start the agent.
        #[arg(long, conflicts_with = "uninstall")]
        install: bool,
        /// Turn reminders off: remove the autostart entry and stop the agent.
        #[arg(long)]
        uninstall: bool,
    },
    /// Print the JSON Schema of routine or exercise files (for editors), or
    /// of a line of the session log.
    Schema {
        /// Which format.
        #[arg(value_enum)]
        format: SchemaFormat,
    },
    /// Print the command-line completion script for a shell (`make install`
    /// puts bash's where bash-completion finds it).
    Completions {
        /// Which shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages, in roff: neckguide.1 and one for each
    /// command, neckguide-check.1 and so on (`make install` puts them
    /// where `man neckguide` finds them).
    Manual {
        /// The folder to write them in (made when missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

/// The file formats that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaFormat {
    /// Routine files.
    Routine,
    /// Exercise files.
    Exercise,
    /// A line of the session log (`sessions.jsonl`): a session, a daily
    /// check or a clearance.
    Record,
}

/// Writes the manual pages into `dir` and names each file written.
fn manual(dir: &Path, out: &mut dyn Write) -> Result<ExitCode, CliError> {
    use clap::CommandFactory as _;
    let io = |source| CliError::Io {
        path: dir.to_owned(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    clap_mangen::generate_to(Cli::command(), dir).map_err(io)?;
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|entry| entry.ok().map(|e| e.file_name()))
        .filter(|name| name.to_string_lossy().ends_with(".1"))
        .collect();
    pages.sort();
    for page in pages {
        writeln!(out, "{}", dir.join(page).display()).map_err(CliError::Output)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// An instant in RFC 3339 (`2026-11-23T09:00:00+01:00`), seen in the
/// local time zone.
fn parse_now(text: &str) -> Result<jiff::Zoned, String> {
    text.parse::<jiff::Timestamp>()
        .map(|t| t.to_zoned(jiff::tz::TimeZone::system()))
        .map_err(|e| format!("expected an instant like 2026-11-23T09:00:00+01:00: {e}"))
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date like 2026-11-21: {e}"))
}

/// Runs a command; returns the process exit code. Problems the user should
/// fix go to `err`; results go to `out`. "Now" and "today", unless given,
/// are `clock`'s.
pub fn run(
    command: &Command,
    data_dir: Option<&DataDir>,
    clock: &Arc<dyn Clock>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let result = match command {
        Command::Check { files } => check(files, out, err),
        Command::Plan {
            file,
            json,
            session,
            countdown,
            today,
        } => pacing(data_dir, *countdown, err).and_then(|pacing| {
            let log = data_log(data_dir)?;
            let today = today.unwrap_or_else(|| clock.today());
            plan(file, *json, *session, &pacing, (&log, today), out, err)
        }),
        Command::Schema { format } => {
            let schema = match format {
                SchemaFormat::Routine => routine::routine_schema(),
                SchemaFormat::Exercise => routine::exercise_schema(),
                SchemaFormat::Record => crate::log::record::log_line_schema(),
            };
            schema_text(schema)
                .and_then(|text| writeln!(out, "{text}").map_err(CliError::Output))
                .map(|()| ExitCode::SUCCESS)
        }
        Command::History { json, today } => with_data_dir(data_dir, |dir| {
            history_cmd::history(dir, today.unwrap_or_else(|| clock.today()), *json, out)
        }),
        Command::Export {
            csv,
            all,
            fhir,
            force,
        } => with_data_dir(data_dir, |dir| {
            history_cmd::export(
                dir,
                history_cmd::Exports {
                    csv: csv.as_deref(),
                    all: *all,
                    fhir: fhir.as_deref(),
                },
                clock.today(),
                *force,
                out,
            )
        }),
        Command::Report { file, today, force } => with_data_dir(data_dir, |dir| {
            history_cmd::report(
                dir,
                file,
                today.unwrap_or_else(|| clock.today()),
                *force,
                out,
            )
        }),
        Command::Completions { shell } => {
            use clap::CommandFactory as _;
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "neckguide", &mut script);
            out.write_all(&script)
                .map_err(CliError::Output)
                .map(|()| ExitCode::SUCCESS)
        }
        Command::Manual { dir } => manual(dir, out),
        Command::Handout {
            routine,
            file,
            force,
        } => handout(routine, file, *force, data_dir, out, err),
        Command::Doses {
            routine,
            json,
            today,
        } => checked_routine(routine, err).and_then(|r| match r {
            Ok(r) => with_data_dir(data_dir, |dir| {
                history_cmd::doses(dir, &r, today.unwrap_or_else(|| clock.today()), *json, out)
            }),
            Err(code) => Ok(code),
        }),
        Command::Remind {
            next,
            json,
            now,
            install,
            uninstall,
        } => with_data_dir(data_dir, |root| {
            let dir = DataDir::new(root);
            if *next {
                let now = now.clone().unwrap_or_else(|| clock.wall());
                remind_cmd::next(&dir, &now, *json, out)
            } else if *install {
                remind_cmd::install(&dir, out)
            } else if *uninstall {
                remind_cmd::uninstall(&dir, out)
            } else {
                remind_cmd::run_agent(&dir, Arc::clone(clock), err)
            }
        }),
    };
    match result {
        Ok(code) => code,
        // A reader that went away (`| head`) is not an error worth a message.
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "neckguide: {e}");
            ExitCode::FAILURE
        }
    }
}

fn with_data_dir(
    data_dir: Option<&DataDir>,
    f: impl FnOnce(&Path) -> Result<(), CliError>,
) -> Result<ExitCode, CliError> {
    let dir = data_dir.ok_or_else(|| {
        CliError::Usage(format!(
            "no data folder could be found; pass --data-dir DIR or set {DATA_DIR_ENV}"
        ))
    })?;
    f(dir.root()).map(|()| ExitCode::SUCCESS)
}

/// A schema as pretty JSON, the way it is committed under `exercises/schema/`.
pub fn schema_text(schema: &serde_json::Value) -> Result<String, CliError> {
    serde_json::to_string_pretty(schema).map_err(|e| CliError::Usage(e.to_string()))
}

fn check(
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let library = Library::builtin();
    let mut ok = true;
    for path in files {
        let name = path.display().to_string();
        // The checks of the import and of `plan`, pictures included: ok
        // here means the app takes the file.
        match crate::app::catalog::check_file(path, &library) {
            Ok(Parsed::Routine(r)) => {
                let holds: usize = r.items.len();
                writeln!(
                    out,
                    "{}: ok: routine \"{}\" ({}), {} exercises, {}, outcome measures every {}",
                    escape(&name),
                    escape(&r.name),
                    escape(&r.id),
                    holds,
                    routine::times_a_day(r.times_per_day),
                    crate::plural::plural(u64::from(r.measures_every_days), "day", "days")
                )
                .map_err(CliError::Output)?;
            }
            Ok(Parsed::Exercise(e)) => {
                writeln!(
                    out,
                    "{}: ok: exercise \"{}\" ({}), {}",
                    escape(&name),
                    escape(&e.name),
                    escape(&e.id),
                    e.dose.summary()
                )
                .map_err(CliError::Output)?;
            }
            Err(problems) => {
                ok = false;
                for p in &problems.problems {
                    writeln!(err, "{p}").map_err(CliError::Output)?;
                }
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The routine file at `path`, checked; when it has problems they are
/// written to `err`, one a line, and the exit code to end with is given
/// instead.
fn checked_routine(
    path: &Path,
    err: &mut dyn Write,
) -> Result<Result<routine::Routine, ExitCode>, CliError> {
    match crate::app::catalog::load_routine_file(path, &Library::builtin()) {
        Ok(r) => Ok(Ok(r)),
        Err(problems) => {
            for p in &problems.problems {
                writeln!(err, "{p}").map_err(CliError::Output)?;
            }
            Ok(Err(ExitCode::FAILURE))
        }
    }
}

fn handout(
    routine_file: &Path,
    file: &Path,
    force: bool,
    data_dir: Option<&DataDir>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let routine = match checked_routine(routine_file, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    // Never over the session log, nor over a file without --force.
    let data = data_dir.map_or_else(PathBuf::new, |d| d.root().to_owned());
    let target = history_cmd::check_target(&data, file, force)?;
    let folder = routine_file.parent().unwrap_or(Path::new("."));
    let html = crate::handout::handout_html(&routine, &|image| {
        crate::app::catalog::picture_bytes(image, folder)
    });
    history_cmd::write_file(&target, html.as_bytes())?;
    writeln!(
        out,
        "Wrote the handout of \"{}\" ({} exercises) to {}",
        escape(&routine.name),
        routine.items.len(),
        routine::escape_path(file)
    )
    .map_err(CliError::Output)?;
    Ok(ExitCode::SUCCESS)
}

/// The pacing the window would use: the saved settings of the data folder
/// (the defaults when there are none), with `countdown` instead of the saved
/// get-ready countdown when given. A damaged settings file is said on `err`.
fn pacing(
    data_dir: Option<&DataDir>,
    countdown: Option<u32>,
    err: &mut dyn Write,
) -> Result<ScheduleConfig, CliError> {
    let mut settings = match data_dir {
        Some(dir) => {
            let (settings, problem) = Settings::load(&dir.settings());
            if let Some(problem) = problem {
                writeln!(err, "neckguide: {problem}").map_err(CliError::Output)?;
            }
            settings
        }
        None => Settings::default(),
    };
    if let Some(seconds) = countdown {
        settings.countdown_seconds = seconds;
    }
    Ok(settings.pacing())
}

/// The log of the data folder (empty without one), read without taking
/// the log's lock: what is held out after a pain stop and the doses in
/// effect come from it.
fn data_log(data_dir: Option<&DataDir>) -> Result<crate::log::LoadedLog, CliError> {
    let Some(dir) = data_dir else {
        return Ok(crate::log::LoadedLog::default());
    };
    Ok(crate::log::LogStore::open_read_only(dir.root()).load()?)
}

/// A held-out exercise as `plan --json` prints it, before the events.
#[derive(serde::Serialize)]
struct HeldOutLine<'a> {
    event: &'static str,
    exercise: &'a str,
    held_out: bool,
    reason: &'a str,
}

fn plan(
    file: &Path,
    json: bool,
    session: u32,
    pacing: &ScheduleConfig,
    (log, today): (&crate::log::LoadedLog, jiff::civil::Date),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, CliError> {
    let routine = match checked_routine(file, err)? {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    // Each dose as in effect today by its progression rule, without the
    // held-out exercises: the plan the window runs.
    let plan = crate::plan::plan(&routine, log.dose_log(), today, session - 1, pacing);
    let (routine, schedule) = (&plan.routine, &plan.schedule);
    if json {
        for left in &plan.left_out {
            let line = HeldOutLine {
                event: "held_out",
                exercise: &left.exercise,
                held_out: true,
                reason: &left.reason,
            };
            let line = serde_json::to_string(&line).map_err(|e| CliError::Usage(e.to_string()))?;
            writeln!(out, "{line}").map_err(CliError::Output)?;
        }
        for event in schedule.planned_events() {
            let line = serde_json::to_string(&event).map_err(|e| CliError::Usage(e.to_string()))?;
            writeln!(out, "{line}").map_err(CliError::Output)?;
        }
    } else {
        write_table(routine, session, schedule, out).map_err(CliError::Output)?;
        for left in &plan.left_out {
            writeln!(out, "Not in this session: {}, {}.", left.name, left.reason)
                .map_err(CliError::Output)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The words for a step in the plan table: the step's title
/// ([`StepKind::title`]), and for a hold its set and repetition, which the
/// window shows on a line of their own.
pub fn step_label(kind: StepKind, position: Option<Position>) -> String {
    let title = kind.title(position);
    match kind {
        StepKind::Hold { set, rep, .. } => format!("{title} (set {set}, rep {rep})"),
        _ => title,
    }
}

fn write_table(
    routine: &routine::Routine,
    session: u32,
    schedule: &Schedule,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} — session {session} of {} today",
        routine.name, routine.times_per_day
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<34} {:<36} {:>9} {:>9}",
        "EXERCISE", "STEP", "STARTS AT", "LASTS"
    )?;
    for step in &schedule.steps {
        let exercise = schedule.exercises.get(step.exercise).map(|e| &e.exercise);
        let name = exercise.map(|e| e.name.as_str()).unwrap_or("");
        let lasts = if step.ending == schedule::Ending::Continue {
            "until Done".to_owned()
        } else {
            format!("{} s", step.duration_ms / 1000)
        };
        writeln!(
            out,
            "{:<34} {:<36} {:>9} {:>9}",
            name,
            step_label(step.kind, exercise.map(|e| e.position)),
            schedule::clock(step.start_ms),
            lasts
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Total: {} ({} exercises)",
        schedule::clock(schedule.total_ms),
        schedule.exercises.len()
    )?;
    if schedule
        .steps
        .iter()
        .any(|s| s.ending == schedule::Ending::Continue)
    {
        writeln!(out, "Plus the time of the practice you end yourself.")?;
    }
    Ok(())
}

//! The `neckguide` binary: parse the command line, then run a command or open
//! the window. Everything else lives in the library.

use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser as _;
use neckguide::app::paths::DataDir;
use neckguide::cli::{self, Cli};
use neckguide::session::{Clock, SystemClock};

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    survive_file_size_limit();
    let args = Cli::parse();
    let data_dir = DataDir::resolve(args.data_dir.clone());
    match &args.command {
        Some(command) => cli::run(
            command,
            data_dir.as_ref(),
            &(Arc::new(SystemClock::new()) as Arc<dyn Clock>),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        None => match open_window(data_dir, args.routine, args.start) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("neckguide: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn open_window(
    data_dir: Option<DataDir>,
    routine: Option<std::path::PathBuf>,
    start: bool,
) -> anyhow::Result<()> {
    neckguide::ui::run(data_dir, routine, start)
        .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// A write past a file-size limit (`ulimit -f`) sends SIGXFSZ, which would
/// kill the app in the middle of writing a line. Caught (not ignored, so
/// programs started from here get the default back), the write fails with
/// "File too large" instead and the writer's own clean-up runs: the log's
/// append is cut back to whole lines, a replaced file keeps its old text.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        let caught = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        if let Err(e) = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, caught) {
            log::warn!("could not catch SIGXFSZ: {e}");
        }
    }
}

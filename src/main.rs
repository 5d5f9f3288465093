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

//! How the app is put together: the real clock, sound and ticker for the
//! window; a clock stepped by the test, no sound and no ticker for tests.

use std::path::PathBuf;
use std::sync::Arc;

use super::audio::{Audio, AudioStatus};
use super::loading::LoadLog;
use super::paths::DataDir;
use crate::session::{Clock, SessionConfig, SystemClock};

/// How the app is put together: real resources for the window, fakes for tests.
pub struct AppOptions {
    /// Where data lives (`None`: nothing can be saved).
    pub data_dir: Option<DataDir>,
    /// A routine file to import at start (`--routine`).
    pub routine_file: Option<PathBuf>,
    /// Where `now` and today's date come from.
    pub clock: Arc<dyn Clock>,
    /// Sound output.
    pub audio: Audio,
    /// Run a background ticker so cues play while the window is hidden
    /// (off in tests, where the frames drive a manual clock).
    pub background_ticker: bool,
    /// How the session reacts to time jumps.
    pub session_config: SessionConfig,
    /// When the log is read: on a thread of its own for the window, so
    /// its first frame never waits for it.
    pub load_log: LoadLog,
}

impl AppOptions {
    /// The real thing: system clock, real sound, background ticker.
    pub fn real(data_dir: Option<DataDir>, routine_file: Option<PathBuf>) -> Self {
        Self {
            data_dir,
            routine_file,
            clock: Arc::new(SystemClock::new()),
            audio: Audio::start(),
            background_ticker: true,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Background,
        }
    }

    /// Stepped by its caller: the given clock, no sound, no ticker thread
    /// (the frames drive time), the log read before `open` returns. For
    /// tests; change a field with struct update syntax.
    pub fn stepped(data_dir: Option<DataDir>, clock: Arc<dyn Clock>) -> Self {
        Self {
            data_dir,
            routine_file: None,
            clock,
            audio: Audio::with_status(AudioStatus::Disabled),
            background_ticker: false,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Before,
        }
    }
}

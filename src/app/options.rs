//! How the app is put together: the real clock, sound and the session's
//! owner on its own thread for the window; a clock stepped by the test, no
//! sound and the session stepped by the frames for tests.

use std::path::PathBuf;
use std::sync::Arc;

use super::audio::{Audio, AudioStatus};
use super::loading::LoadLog;
use super::paths::DataDir;
use super::speech::Speaker;
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
    /// The spoken guidance, through the desktop's speech service.
    pub speaker: Speaker,
    /// Run each session's owner on a thread of its own, so cues play on
    /// time whatever the window does (off in tests, where the frames step
    /// it on a manual clock).
    pub session_thread: bool,
    /// How the session reacts to time jumps.
    pub session_config: SessionConfig,
    /// When the log is read: on a thread of its own for the window, so
    /// its first frame never waits for it.
    pub load_log: LoadLog,
}

impl AppOptions {
    /// The real thing: system clock, real sound, the session on its own thread.
    pub fn real(data_dir: Option<DataDir>, routine_file: Option<PathBuf>) -> Self {
        Self {
            data_dir,
            routine_file,
            clock: Arc::new(SystemClock::new()),
            audio: Audio::start(),
            speaker: Speaker::start(),
            session_thread: true,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Background,
        }
    }

    /// Stepped by its caller: the given clock, no sound, no session thread
    /// (the frames drive time), the log read before `open` returns. For
    /// tests; change a field with struct update syntax.
    pub fn stepped(data_dir: Option<DataDir>, clock: Arc<dyn Clock>) -> Self {
        Self {
            data_dir,
            routine_file: None,
            clock,
            audio: Audio::with_status(AudioStatus::Disabled),
            speaker: Speaker::none(),
            session_thread: false,
            session_config: SessionConfig::default(),
            load_log: LoadLog::Before,
        }
    }
}

//! Reading the log off the window's first frame. After the log is opened
//! (and its single-writer lock taken, on the caller's thread), the
//! checkpoint of an interrupted session is recovered and the log is read on
//! a thread of its own; [`App`](super::App) takes what was read when it has
//! arrived, and the window is woken for it. Nothing else writes the log
//! meanwhile: no session starts before the log is read.

use std::sync::mpsc::Receiver;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::log::{LoadedLog, LogError, LogStore, SessionRecord};

/// When the log is read at start.
#[derive(Debug)]
pub enum LoadLog {
    /// Before [`App::open`](super::App::open) returns: the app has its
    /// history from the start (tests that do not look at the loading).
    Before,
    /// On a thread of its own: the window draws at once and says "Loading
    /// your history…" until the log is read.
    Background,
    /// On a thread of its own that first waits until `gate` receives or
    /// its sender is dropped: tests of the loading state hold the log back.
    AfterGate(Receiver<()>),
}

/// What reading the log at start found.
#[derive(Debug)]
pub(super) struct Loaded {
    /// The record of an interrupted session, appended to the log from its
    /// checkpoint.
    pub(super) recovered: Result<Option<SessionRecord>, LogError>,
    /// The log, read after the recovery.
    pub(super) log: Result<LoadedLog, LogError>,
}

impl Loaded {
    /// Recovers an interrupted session into the log (the writer only), then
    /// reads the log.
    pub(super) fn read(store: &LogStore) -> Self {
        let recovered = store.recover_checkpoint();
        Self {
            recovered,
            log: store.load(),
        }
    }
}

/// The log being read on its own thread.
pub(super) struct Loading {
    shared: Arc<Shared>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    arrived: Condvar,
}

#[derive(Default)]
struct State {
    loaded: Option<Loaded>,
    /// Called once when the log has been read (the window repaints).
    wake: Option<Box<dyn Fn() + Send>>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Loading {
    /// Starts reading `store` on a thread, after `gate` (when given) lets
    /// it. Should no thread start, the log is read here and now.
    pub(super) fn start(store: Arc<LogStore>, gate: Option<Receiver<()>>) -> Self {
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        let here = Arc::clone(&store);
        let read = move || {
            if let Some(gate) = gate {
                // A message or a dropped sender: either lets it go.
                let _ = gate.recv();
            }
            let loaded = Loaded::read(&store);
            let wake = {
                let mut state = theirs.state();
                state.loaded = Some(loaded);
                state.wake.take()
            };
            theirs.arrived.notify_all();
            if let Some(wake) = wake {
                wake();
            }
        };
        let spawned = std::thread::Builder::new()
            .name("log-loader".to_owned())
            .spawn(read);
        if let Err(e) = spawned {
            log::warn!("could not read the log on a thread of its own ({e}); reading it now");
            shared.state().loaded = Some(Loaded::read(&here));
        }
        Self { shared }
    }

    /// Calls `wake` once when the log has been read (at once when it has).
    pub(super) fn wake_with(&self, wake: Box<dyn Fn() + Send>) {
        let mut state = self.shared.state();
        if state.loaded.is_some() {
            drop(state);
            wake();
        } else {
            state.wake = Some(wake);
        }
    }

    /// What was read, once it has been (taken: `None` after).
    pub(super) fn take(&self) -> Option<Loaded> {
        self.shared.state().loaded.take()
    }

    /// Waits at most `timeout` for the log to be read; says whether it is.
    pub(super) fn wait(&self, timeout: Duration) -> bool {
        let state = self.shared.state();
        let (state, _) = self
            .shared
            .arrived
            .wait_timeout_while(state, timeout, |s| s.loaded.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        state.loaded.is_some()
    }
}

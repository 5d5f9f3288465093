//! Keeps the screen from blanking or locking while a session runs: during
//! the long lying-down holds nobody touches the computer. Asks
//! `org.freedesktop.ScreenSaver` to inhibit idle, and releases it when the
//! session ends or is paused, and when the app exits. (Screen savers also
//! release an inhibit when the app's bus connection closes, as on a crash.)

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use super::Desktop;

const SCREEN_SAVER: &str = "org.freedesktop.ScreenSaver";
const SCREEN_SAVER_PATH: &str = "/org/freedesktop/ScreenSaver";
const REASON: &str = "A guided exercise session is running";

/// How long the app waits at exit for the release to be sent.
const RELEASE_AT_EXIT: Duration = Duration::from_secs(2);

enum Message {
    /// Keep the screen awake (or not).
    Want(bool),
    /// Release and stop; answer on the sender when done.
    Quit(Sender<()>),
}

/// Tells the inhibitor what is wanted; cheap to clone (the session runner
/// holds one). Repeated wishes cost nothing: only changes reach the bus.
#[derive(Clone)]
pub struct IdleInhibit {
    tx: Option<Sender<Message>>,
}

impl IdleInhibit {
    /// A handle that does nothing (no desktop).
    pub fn none() -> Self {
        Self { tx: None }
    }

    /// Keeps the screen awake while `awake` is true.
    pub fn keep_awake(&self, awake: bool) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Message::Want(awake));
        }
    }
}

/// The inhibit's owner: a thread that talks to the screen saver. Dropping
/// it (the app exits) releases the inhibit, waiting a moment for that.
pub struct Inhibitor {
    tx: Option<Sender<Message>>,
}

impl Inhibitor {
    /// Starts the thread (nothing is sent until a session runs).
    pub(super) fn start(desktop: &Desktop) -> Self {
        if desktop.shared.bus == super::Bus::None {
            return Self { tx: None };
        }
        let (tx, rx) = mpsc::channel();
        let desktop = desktop.clone();
        let spawned = std::thread::Builder::new()
            .name("neckguide-inhibit".to_owned())
            .spawn(move || run(&desktop, &rx));
        match spawned {
            Ok(_) => Self { tx: Some(tx) },
            Err(e) => {
                log::warn!("could not start the screen-saver thread: {e}");
                Self { tx: None }
            }
        }
    }

    /// A handle for whoever knows when a session runs.
    pub fn handle(&self) -> IdleInhibit {
        IdleInhibit {
            tx: self.tx.clone(),
        }
    }
}

impl Drop for Inhibitor {
    fn drop(&mut self) {
        let Some(tx) = self.tx.take() else {
            return;
        };
        let (done_tx, done_rx) = mpsc::channel();
        if tx.send(Message::Quit(done_tx)).is_ok() {
            match done_rx.recv_timeout(RELEASE_AT_EXIT) {
                Ok(()) | Err(RecvTimeoutError::Disconnected) => {}
                Err(RecvTimeoutError::Timeout) => {
                    log::warn!("the screen saver did not answer; the inhibit ends with the app");
                }
            }
        }
    }
}

/// The thread: follows the wishes, sending only changes.
fn run(desktop: &Desktop, rx: &Receiver<Message>) {
    let mut cookie: Option<u32> = None;
    let mut wanted = false;
    while let Ok(message) = rx.recv() {
        let (want, quit) = match message {
            Message::Want(want) => (want, None),
            Message::Quit(done) => (false, Some(done)),
        };
        // Only a change is acted on (a screen saver that is not there is
        // asked once per session, not at every tick).
        if want != wanted {
            wanted = want;
            if want {
                cookie = inhibit(desktop);
            } else if let Some(c) = cookie.take() {
                release(desktop, c);
            }
        }
        if let Some(done) = quit {
            let _ = done.send(());
            return;
        }
    }
    // Every handle is gone: release what is held.
    if let Some(c) = cookie {
        release(desktop, c);
    }
}

fn inhibit(desktop: &Desktop) -> Option<u32> {
    let connection = desktop.connection()?;
    let answer = async_io::block_on(connection.call_method(
        Some(SCREEN_SAVER),
        SCREEN_SAVER_PATH,
        Some(SCREEN_SAVER),
        "Inhibit",
        &("neckguide", REASON),
    ))
    .and_then(|reply| reply.body().deserialize::<u32>());
    match answer {
        Ok(cookie) => {
            log::debug!("screen saver inhibited ({cookie})");
            Some(cookie)
        }
        Err(e) => {
            log::info!("the screen may blank during the session: no screen saver to ask ({e})");
            None
        }
    }
}

fn release(desktop: &Desktop, cookie: u32) {
    let Some(connection) = desktop.connection() else {
        return;
    };
    let done = async_io::block_on(connection.call_method(
        Some(SCREEN_SAVER),
        SCREEN_SAVER_PATH,
        Some(SCREEN_SAVER),
        "UnInhibit",
        &(cookie,),
    ));
    if let Err(e) = done {
        log::info!("the screen saver inhibit could not be released ({e})");
    }
}

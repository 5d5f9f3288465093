//! Spoken guidance through the desktop's speech service: speech-dispatcher,
//! the service screen readers use, over its SSIP socket, so the words come
//! in the person's own voice, rate and language. One named thread
//! (`neckguide-speech`) talks to it; nothing else here waits on it.
//!
//! The session's owner sends each sentence with the moment it is to be
//! heard ([`Speaker::say`]), ahead of it as it sends the sounds; the thread
//! says it then, less the little the service takes to start
//! ([`SERVICE_DELAY`]). A command (pause, back, skip, end, the pain stop)
//! cancels what is waiting and what is being said ([`Speaker::cancel`]).
//! Every call to the service has a time limit ([`ANSWER_WAIT`]): a service
//! that hangs costs this thread that long, once, and is then taken as
//! gone, so the owner goes back to the recorded words; the owner, the
//! cues' tones and the window never wait on it.
//!
//! The socket is `SPEECHD_ADDRESS` (`unix_socket:/path`) or
//! `$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock`; when that socket is
//! missing, `speech-dispatcher --spawn` is tried once (it starts the
//! service unless the person turned autospawn off). The connection is
//! made at the check-in and when Settings is shown, held during a
//! session, and closed a while after it, so an idle app holds nothing and
//! its thread sleeps.

use std::io;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI8, AtomicU8, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use ssip_client_async::{
    Client, ClientName, MessageScope, OK_CANCELED, OK_GET, OK_PRIORITY_SET, Priority, fifo,
};

use super::runner::Wake;
use crate::session::spoken::words_per_minute;

/// Whether the speech service speaks for the app, as last found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechStatus {
    /// Not looked for yet.
    NotChecked,
    /// Being looked for (connecting).
    Checking,
    /// It answered: sentences are spoken by it.
    Ready,
    /// No service answered: the recorded words are played instead.
    NotFound,
}

impl SpeechStatus {
    /// What Settings says of it.
    pub fn words(self) -> &'static str {
        match self {
            Self::NotChecked | Self::Checking => "Looking for your desktop's speech service…",
            Self::Ready => "Spoken by your desktop's speech service",
            Self::NotFound => "Speech service not found: recorded words in US English",
        }
    }

    fn from_u8(value: u8) -> Self {
        match value {
            1 => Self::Checking,
            2 => Self::Ready,
            3 => Self::NotFound,
            _ => Self::NotChecked,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            Self::NotChecked => 0,
            Self::Checking => 1,
            Self::Ready => 2,
            Self::NotFound => 3,
        }
    }
}

/// The longest any answer of the service is waited for; past it the
/// service is taken as gone (it hangs).
pub const ANSWER_WAIT: Duration = Duration::from_millis(500);

/// How long speech-dispatcher takes from SPEAK to the first sound heard,
/// which the thread sends that much early. Measured with espeak-ng through
/// a PulseAudio null sink: a median of 11 ms, 58 at worst (15 sentences).
pub const SERVICE_DELAY: Duration = Duration::from_millis(10);

/// A sentence whose moment passed longer ago than this is not said: words
/// long after their cue would only confuse.
const STALE_SENTENCE: Duration = Duration::from_millis(500);

/// How long the connection is kept after a session, or after Settings
/// looked: the last sentence is said, and a session soon after finds it.
const LINGER: Duration = Duration::from_secs(60);

/// How long `speech-dispatcher --spawn` is given to put its socket there.
const SPAWN_WAIT: Duration = Duration::from_secs(3);

/// What the thread is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Job {
    /// Find the service (connect, or check the connection still answers).
    Check,
    /// Hold the connection (a session runs), or close it a while after.
    Keep(bool),
    /// Say this when the moment comes.
    Say(String, Instant),
    /// Drop what waits and stop what is being said.
    Cancel,
}

/// What the app and its thread share: the status and the rate.
#[derive(Default)]
struct Shared {
    status: AtomicU8,
    /// The service's rate (SSIP, -100 to 100), as it said.
    rate: AtomicI8,
    /// Wakes the window when the status changes (Settings shows it).
    wake: OnceLock<Wake>,
}

impl Shared {
    fn set_status(&self, status: SpeechStatus) {
        let old = self.status.swap(status.to_u8(), Ordering::Relaxed);
        if old != status.to_u8()
            && let Some(wake) = self.wake.get()
        {
            wake();
        }
    }
}

/// A handle to the speech thread. Cheap to clone; nothing waits.
#[derive(Clone)]
pub struct Speaker {
    jobs: Option<Sender<Job>>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Speaker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speaker")
            .field("status", &self.status())
            .finish()
    }
}

impl Speaker {
    /// Starts the speech thread for the service where the environment
    /// says (`SPEECHD_ADDRESS`, else the usual socket). It connects only
    /// when asked ([`Speaker::check`], [`Speaker::keep`]).
    pub fn start() -> Self {
        let address = Address::from_env(
            std::env::var("SPEECHD_ADDRESS").ok().as_deref(),
            std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
        );
        Self::start_at(address)
    }

    /// Starts the speech thread for the service at `address`.
    pub fn start_at(address: Address) -> Self {
        let shared = Arc::new(Shared::default());
        let (jobs, rx) = mpsc::channel();
        let voice = Voice {
            address,
            client: None,
            spawned: false,
            queue: Vec::new(),
            kept: false,
            close_at: None,
            shared: Arc::clone(&shared),
            told: false,
        };
        let spawned = std::thread::Builder::new()
            .name("neckguide-speech".to_owned())
            .spawn(move || voice.run(&rx));
        match spawned {
            Ok(_) => Self {
                jobs: Some(jobs),
                shared,
            },
            Err(e) => {
                log::warn!("could not start the speech thread; recorded words are used: {e}");
                Self::none()
            }
        }
    }

    /// No speech service: the recorded words are used (tests).
    pub fn none() -> Self {
        let shared = Shared::default();
        shared.set_status(SpeechStatus::NotFound);
        Self {
            jobs: None,
            shared: Arc::new(shared),
        }
    }

    /// A handle that finds the service there and sends its jobs to the
    /// returned receiver, for tests to read what was asked.
    #[cfg(test)]
    pub(crate) fn recording() -> (Self, Receiver<Job>) {
        let (jobs, rx) = mpsc::channel();
        let shared = Shared::default();
        shared.set_status(SpeechStatus::Ready);
        (
            Self {
                jobs: Some(jobs),
                shared: Arc::new(shared),
            },
            rx,
        )
    }

    /// Whether the service speaks for the app, as last found.
    pub fn status(&self) -> SpeechStatus {
        SpeechStatus::from_u8(self.shared.status.load(Ordering::Relaxed))
    }

    /// How fast the service speaks, in words a minute (at the rate it
    /// said, estimated on the slow side).
    pub fn words_per_minute(&self) -> u32 {
        words_per_minute(self.shared.rate.load(Ordering::Relaxed))
    }

    /// Wakes the window (`wake`) when the status changes. Set once.
    pub fn wake_with(&self, wake: Wake) {
        let _ = self.shared.wake.set(wake);
    }

    /// Looks for the service now (the check-in, Settings shown), so the
    /// status is true when shown and known before the first cue.
    pub fn check(&self) {
        self.send(Job::Check);
    }

    /// Holds the connection while a session runs (`true`), or lets it
    /// close a while after (`false`).
    pub fn keep(&self, keep: bool) {
        self.send(Job::Keep(keep));
    }

    /// Says `text` at `at` (at once when that has passed). Returns at once.
    pub fn say(&self, text: String, at: Instant) {
        self.send(Job::Say(text, at));
    }

    /// Drops every sentence waiting and stops the one being said.
    pub fn cancel(&self) {
        self.send(Job::Cancel);
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // The thread is gone only if it panicked; nothing more to do then.
            let _ = jobs.send(job);
        }
    }
}

/// Where the speech service listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// Its Unix socket; `usual` when it is the default one, which
    /// `speech-dispatcher --spawn` makes.
    Socket {
        /// The socket's path.
        path: PathBuf,
        /// The default socket (not one `SPEECHD_ADDRESS` names).
        usual: bool,
    },
    /// None can be used (why, for the log).
    Unusable(String),
}

impl Address {
    /// The address `SPEECHD_ADDRESS` names (`unix_socket:/path`, or
    /// `unix_socket` alone for the usual socket), else the usual socket in
    /// the runtime folder.
    pub fn from_env(speechd_address: Option<&str>, runtime_dir: Option<PathBuf>) -> Self {
        let usual = || match &runtime_dir {
            Some(dir) => Self::Socket {
                path: dir.join("speech-dispatcher").join("speechd.sock"),
                usual: true,
            },
            None => Self::Unusable("XDG_RUNTIME_DIR is not set".to_owned()),
        };
        let Some(address) = speechd_address.map(str::trim).filter(|a| !a.is_empty()) else {
            return usual();
        };
        match address.split_once(':') {
            None if address == "unix_socket" => usual(),
            Some(("unix_socket", "" | "default")) => usual(),
            Some(("unix_socket", path)) => Self::Socket {
                path: PathBuf::from(path),
                usual: false,
            },
            _ => Self::Unusable(format!(
                "SPEECHD_ADDRESS is {address:?}; only a unix_socket address is used"
            )),
        }
    }
}

/// Why the service could not be used.
#[derive(Debug, thiserror::Error)]
enum SpeechError {
    #[error("{0}")]
    NoAddress(String),
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("the speech service answered wrongly: {0}")]
    Ssip(String),
    #[error("not connected")]
    NotConnected,
}

impl From<ssip_client_async::ClientError> for SpeechError {
    fn from(e: ssip_client_async::ClientError) -> Self {
        match e {
            ssip_client_async::ClientError::Io(e) => Self::Io(e),
            other => Self::Ssip(other.to_string()),
        }
    }
}

/// The speech thread's state: the connection and what waits to be said.
struct Voice {
    address: Address,
    client: Option<Client<UnixStream>>,
    /// `speech-dispatcher --spawn` was tried (once a run).
    spawned: bool,
    /// Sentences waiting for their moment, soonest first.
    queue: Vec<(Instant, String)>,
    /// A session holds the connection.
    kept: bool,
    /// When the connection closes, once nobody holds it.
    close_at: Option<Instant>,
    shared: Arc<Shared>,
    /// A failure was logged (each is logged once until it works again).
    told: bool,
}

impl Voice {
    fn run(mut self, jobs: &Receiver<Job>) {
        loop {
            let next = [
                self.queue
                    .first()
                    .map(|(at, _)| at.checked_sub(SERVICE_DELAY).unwrap_or(*at)),
                self.close_at,
            ]
            .into_iter()
            .flatten()
            .min();
            let job = match next {
                None => match jobs.recv() {
                    Ok(job) => Some(job),
                    Err(_) => break,
                },
                Some(when) => {
                    match jobs.recv_timeout(when.saturating_duration_since(Instant::now())) {
                        Ok(job) => Some(job),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
            };
            match job {
                Some(job) => self.handle(job),
                None => self.on_time(Instant::now()),
            }
        }
    }

    fn handle(&mut self, job: Job) {
        match job {
            Job::Check => {
                self.check();
                if !self.kept {
                    self.close_at = Some(Instant::now() + LINGER);
                }
            }
            Job::Keep(true) => {
                self.kept = true;
                self.close_at = None;
                self.connect();
            }
            Job::Keep(false) => {
                self.kept = false;
                self.close_at = Some(Instant::now() + LINGER);
            }
            Job::Say(text, at) => {
                let place = self.queue.partition_point(|(t, _)| *t <= at);
                self.queue.insert(place, (at, text));
            }
            Job::Cancel => {
                self.queue.clear();
                if self.client.is_some() {
                    let cancelled = self.with_client(|client| {
                        client
                            .cancel(MessageScope::Last)?
                            .check_status(OK_CANCELED)?;
                        Ok(())
                    });
                    if let Err(e) = cancelled {
                        self.lost(&e);
                    }
                }
            }
        }
    }

    /// Says what is due, and closes the connection when its time came.
    fn on_time(&mut self, now: Instant) {
        while let Some((at, _)) = self.queue.first() {
            if at.checked_sub(SERVICE_DELAY).unwrap_or(*at) > now {
                break;
            }
            let (at, text) = self.queue.remove(0);
            if now.saturating_duration_since(at) > STALE_SENTENCE {
                log::debug!("a sentence {:?} late was not said", now - at);
                continue;
            }
            self.speak(&text);
        }
        if !self.kept && self.queue.is_empty() && self.close_at.is_some_and(|c| c <= now) {
            self.close_at = None;
            self.client = None;
        }
    }

    fn speak(&mut self, text: &str) {
        if !self.connect() {
            return;
        }
        let line = one_line(text);
        let spoken = self.with_client(|client| {
            // What is still being said gives way: each sentence is fitted
            // to end before the next cue, so this cuts only a voice slower
            // than foreseen.
            client
                .cancel(MessageScope::Last)?
                .check_status(OK_CANCELED)?;
            client.speak()?.check_receiving_data()?;
            client.send_line(&line)?.receive_message_id()?;
            Ok(())
        });
        if let Err(e) = spoken {
            self.lost(&e);
        }
    }

    /// Checks the connection still answers, or makes one.
    fn check(&mut self) {
        if self.client.is_some() {
            match self.with_client(read_rate) {
                Ok(rate) => {
                    self.shared.rate.store(rate, Ordering::Relaxed);
                    return;
                }
                Err(e) => self.lost(&e),
            }
        }
        self.connect();
    }

    /// Connects when not connected; whether it is.
    fn connect(&mut self) -> bool {
        if self.client.is_some() {
            return true;
        }
        self.shared.set_status(SpeechStatus::Checking);
        match self.open() {
            Ok((client, rate)) => {
                self.client = Some(client);
                self.shared.rate.store(rate, Ordering::Relaxed);
                self.shared.set_status(SpeechStatus::Ready);
                self.told = false;
                log::info!("speaking through speech-dispatcher (rate {rate})");
                true
            }
            Err(e) => {
                self.lost(&e);
                false
            }
        }
    }

    fn open(&mut self) -> Result<(Client<UnixStream>, i8), SpeechError> {
        let (path, usual) = match &self.address {
            Address::Socket { path, usual } => (path.clone(), *usual),
            Address::Unusable(why) => return Err(SpeechError::NoAddress(why.clone())),
        };
        if !path.exists() && usual && !self.spawned {
            self.spawned = true;
            spawn_service(&path);
        }
        let mut client = fifo::synchronous::Builder::new()
            .path(&path)
            .timeout(ANSWER_WAIT)
            .build()?;
        let user = std::env::var("USER").unwrap_or_else(|_| "user".to_owned());
        client
            .set_client_name(ClientName::new(&user, "neckguide"))?
            .check_client_name_set()?;
        // Queued among themselves, before a screen reader's plain text.
        client
            .set_priority(Priority::Message)?
            .check_status(OK_PRIORITY_SET)?;
        let rate = read_rate(&mut client)?;
        Ok((client, rate))
    }

    fn with_client<T>(
        &mut self,
        f: impl FnOnce(&mut Client<UnixStream>) -> Result<T, SpeechError>,
    ) -> Result<T, SpeechError> {
        let client = self.client.as_mut().ok_or(SpeechError::NotConnected)?;
        f(client)
    }

    /// The service failed (`e`): it is taken as gone until the next
    /// check; logged once.
    fn lost(&mut self, e: &SpeechError) {
        self.client = None;
        self.shared.set_status(SpeechStatus::NotFound);
        if !self.told {
            self.told = true;
            log::warn!("no speech service; the recorded words are used: {e}");
        }
    }
}

/// The service's speaking rate, -100 to 100.
fn read_rate(client: &mut Client<UnixStream>) -> Result<i8, SpeechError> {
    let rate = client.get_rate()?.receive_string(OK_GET)?;
    Ok(rate.trim().parse().unwrap_or(0))
}

/// Starts speech-dispatcher (`--spawn`: unless the person turned its
/// autospawn off) and waits, at most [`SPAWN_WAIT`], for its socket.
fn spawn_service(socket: &Path) {
    let started = Command::new("speech-dispatcher")
        .arg("--spawn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match started {
        Ok(child) => child,
        Err(e) => {
            log::info!("could not start speech-dispatcher: {e}");
            return;
        }
    };
    let deadline = Instant::now() + SPAWN_WAIT;
    // It forks the service and exits; then the socket comes.
    while Instant::now() < deadline {
        let exited = matches!(child.try_wait(), Ok(Some(_)));
        if exited && socket.exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    if matches!(child.try_wait(), Ok(None)) {
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// `text` as one line of SSIP data: no line breaks, and no line that is a
/// lone "." (the end of the data) or begins with one.
fn one_line(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    words.trim_start_matches('.').trim_start().to_owned()
}

#[cfg(test)]
mod tests;

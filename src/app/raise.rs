//! Bringing the open window to the front when a reminder's "Start now" is
//! pressed. The window that holds the data folder (the log's writer)
//! listens on a Unix socket, `DATA_DIR/window.sock`; `neckguide --start`
//! first connects to it and sends `start`: the window comes to the front on
//! the check-in and the new process exits. When nothing listens (no window,
//! or a socket left by a window that crashed), `--start` opens the window
//! itself, which takes the socket over.
//!
//! The listening thread wakes the window (a repaint request); eframe then
//! runs the app's `logic` even while the window is minimized or hidden,
//! which asks the window manager to show and raise it (un-minimize, then
//! `_NET_ACTIVE_WINDOW` on X11, through winit). A desktop that prevents
//! focus stealing (most Wayland compositors) may only mark it as wanting
//! attention.
//!
//! The reminder agent tells the window on the same socket of a snooze
//! (`snoozed UNTIL REMINDED`, Unix seconds, `-` for none), so that home's
//! "Next session at" shows it without reading the agent's file.

use std::io::{self, Read as _, Write as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use crate::app::paths::DataDir;
use crate::reminders::Memory;

/// The socket's file name in the data folder.
pub const SOCKET_FILE: &str = "window.sock";
const REQUEST: &[u8] = b"start\n";

fn socket_path(dir: &DataDir) -> PathBuf {
    dir.root().join(SOCKET_FILE)
}

/// No instant, in [`RaiseRequests`]' atomics.
const NONE: i64 = i64::MIN;

/// Requests to come to the front, and the agent's last word of a snooze,
/// received by a thread that sleeps in `accept`.
#[derive(Debug, Clone)]
pub struct RaiseRequests {
    requested: Arc<AtomicBool>,
    /// The snooze the agent told of: until, and its last reminder (Unix
    /// seconds, [`NONE`] for none; `told` is false until it tells).
    snoozed_until: Arc<AtomicI64>,
    last_reminded: Arc<AtomicI64>,
    told: Arc<AtomicBool>,
}

impl Default for RaiseRequests {
    fn default() -> Self {
        Self {
            requested: Arc::default(),
            snoozed_until: Arc::new(AtomicI64::new(NONE)),
            last_reminded: Arc::new(AtomicI64::new(NONE)),
            told: Arc::default(),
        }
    }
}

/// The line telling of `memory`'s snooze.
fn snooze_line(memory: &Memory) -> String {
    let seconds =
        |t: Option<jiff::Timestamp>| t.map_or("-".to_owned(), |t| t.as_second().to_string());
    format!(
        "snoozed {} {}\n",
        seconds(memory.snoozed_until),
        seconds(memory.last_reminded)
    )
}

/// Reads a [`snooze_line`]: (until, reminded) as Unix seconds or [`NONE`].
fn read_snooze_line(line: &[u8]) -> Option<(i64, i64)> {
    let text = std::str::from_utf8(line).ok()?.strip_suffix('\n')?;
    let mut words = text.strip_prefix("snoozed ")?.split(' ');
    let mut seconds = || match words.next()? {
        "-" => Some(NONE),
        n => n.parse().ok(),
    };
    Some((seconds()?, seconds()?))
}

impl RaiseRequests {
    /// Listens on the data folder's socket (replacing a stale one: only
    /// the holder of the data folder calls this). `wake` is called on each
    /// request (the window repaints, then asks [`RaiseRequests::take`]).
    pub fn listen(dir: &DataDir, wake: Box<dyn Fn() + Send>) -> io::Result<Self> {
        let path = socket_path(dir);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let listener = UnixListener::bind(&path)?;
        let requests = Self::default();
        let heard = requests.clone();
        std::thread::Builder::new()
            .name("window-raise".to_owned())
            .spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                    let mut buf = [0u8; 64];
                    let n = stream.read(&mut buf).unwrap_or(0);
                    let line = buf.get(..n).unwrap_or_default();
                    if line == REQUEST {
                        heard.requested.store(true, Ordering::SeqCst);
                    } else if let Some((until, reminded)) = read_snooze_line(line) {
                        heard.snoozed_until.store(until, Ordering::SeqCst);
                        heard.last_reminded.store(reminded, Ordering::SeqCst);
                        heard.told.store(true, Ordering::SeqCst);
                    } else {
                        continue;
                    }
                    let _ = stream.write_all(b"ok\n");
                    wake();
                }
            })?;
        Ok(requests)
    }

    /// Whether a request came since the last call.
    pub fn take(&self) -> bool {
        self.requested.swap(false, Ordering::SeqCst)
    }

    /// What the agent last told of its snooze (`None`: nothing yet).
    pub fn told_memory(&self) -> Option<Memory> {
        let instant = |a: &AtomicI64| match a.load(Ordering::SeqCst) {
            NONE => None,
            s => jiff::Timestamp::from_second(s).ok(),
        };
        self.told.load(Ordering::SeqCst).then(|| Memory {
            snoozed_until: instant(&self.snoozed_until),
            last_reminded: instant(&self.last_reminded),
        })
    }
}

/// Tells the window open on `dir` (if any) of the agent's snooze in
/// `memory`; `true` when a window answered.
pub fn tell_window(dir: &DataDir, memory: &Memory) -> bool {
    let tell = || -> io::Result<bool> {
        let mut stream = UnixStream::connect(socket_path(dir))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(snooze_line(memory).as_bytes())?;
        let mut buf = [0u8; 3];
        stream.read_exact(&mut buf)?;
        Ok(&buf == b"ok\n")
    };
    tell().unwrap_or(false)
}

/// Asks the window open on `dir` to come to the front on the check-in.
/// `true` when a window answered.
pub fn ask_window(dir: &DataDir) -> bool {
    let ask = || -> io::Result<bool> {
        let mut stream = UnixStream::connect(socket_path(dir))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(REQUEST)?;
        let mut buf = [0u8; 3];
        stream.read_exact(&mut buf)?;
        Ok(&buf == b"ok\n")
    };
    ask().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_reaches_the_listening_window_and_wakes_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        assert!(!ask_window(&data), "nobody listens yet");
        let (tx, rx) = std::sync::mpsc::channel();
        let requests = RaiseRequests::listen(
            &data,
            Box::new(move || {
                let _ = tx.send(());
            }),
        )
        .unwrap();
        assert!(!requests.take());
        assert!(ask_window(&data));
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(requests.take());
        assert!(!requests.take(), "taken once");
    }

    #[test]
    fn the_agents_snooze_reaches_the_window_and_wakes_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let (tx, rx) = std::sync::mpsc::channel();
        let requests = RaiseRequests::listen(
            &data,
            Box::new(move || {
                let _ = tx.send(());
            }),
        )
        .unwrap();
        assert_eq!(requests.told_memory(), None);
        let memory = Memory {
            last_reminded: Some("2026-11-23T13:00:00Z".parse().unwrap()),
            snoozed_until: Some("2026-11-23T13:15:00Z".parse().unwrap()),
        };
        assert!(tell_window(&data, &memory));
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(requests.told_memory(), Some(memory));
        assert!(!requests.take(), "no request to come to the front");
        assert!(tell_window(&data, &Memory::default()));
        rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(requests.told_memory(), Some(Memory::default()));
    }
}

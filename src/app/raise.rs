//! Bringing the open window to the front when a reminder's "Start now" is
//! pressed. The window that holds the data folder (the log's writer)
//! listens on a Unix socket, `DATA_DIR/window.sock`; `neckguide --start`
//! first connects to it and sends `start`: the window comes to the front on
//! the check-in and the new process exits. When nothing listens (no window,
//! or a socket left by a window that crashed), `--start` opens the window
//! itself, which takes the socket over.
//!
//! The window asks the desktop for the focus; a desktop that prevents focus
//! stealing (most Wayland compositors) may only mark it as wanting
//! attention.

use std::io::{self, Read as _, Write as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::app::paths::DataDir;

/// The socket's file name in the data folder.
pub const SOCKET_FILE: &str = "window.sock";
const REQUEST: &[u8] = b"start\n";

fn socket_path(dir: &DataDir) -> PathBuf {
    dir.root().join(SOCKET_FILE)
}

/// Requests to come to the front, received by a thread that sleeps in
/// `accept`.
#[derive(Debug, Default, Clone)]
pub struct RaiseRequests {
    requested: Arc<AtomicBool>,
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
        let requested = Arc::clone(&requests.requested);
        std::thread::Builder::new()
            .name("window-raise".to_owned())
            .spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut stream) = stream else { continue };
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                    let mut buf = [0u8; 16];
                    let n = stream.read(&mut buf).unwrap_or(0);
                    if buf.get(..n) == Some(REQUEST) {
                        requested.store(true, Ordering::SeqCst);
                        let _ = stream.write_all(b"ok\n");
                        wake();
                    }
                }
            })?;
        Ok(requests)
    }

    /// Whether a request came since the last call.
    pub fn take(&self) -> bool {
        self.requested.swap(false, Ordering::SeqCst)
    }
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
}

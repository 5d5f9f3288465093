//! Opening a file in the desktop's own application for it (the printed
//! handout in a web browser), through the OpenURI portal's `OpenFile`: the
//! file is handed over as an open file descriptor, so a sandboxed or remote
//! desktop can open it too. No bus, no portal: the person is told where the
//! file is.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use zbus::zvariant::{Fd, Value};

use super::{Desktop, PORTAL, PORTAL_PATH};

const OPEN_URI: &str = "org.freedesktop.portal.OpenURI";

/// A file being handed to the desktop to open; the answer comes later.
#[derive(Debug)]
pub struct Opening {
    rx: Receiver<Result<(), String>>,
}

impl Opening {
    /// `Ok` once the desktop took the file, or why it could not (the
    /// window is woken then).
    pub fn poll(&self) -> Option<Result<(), String>> {
        match self.rx.try_recv() {
            Ok(answer) => Some(answer),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the opening thread ended".to_owned())),
        }
    }
}

/// Starts handing `path` to the desktop, on a thread of its own.
pub(super) fn open(desktop: &Desktop, path: &Path) -> Opening {
    let (tx, rx) = mpsc::channel();
    let desktop = desktop.clone();
    let path: PathBuf = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("neckguide-open-file".to_owned())
        .spawn(move || {
            let answer = match desktop.connection() {
                None => Err("no session bus".to_owned()),
                Some(connection) => async_io::block_on(open_file(&connection, &path)),
            };
            if let Err(why) = &answer {
                log::info!("the desktop did not open {} ({why})", path.display());
            }
            let _ = tx.send(answer);
            desktop.wake();
        });
    if let Err(e) = spawned {
        log::warn!("could not start the thread that opens a file: {e}");
    }
    Opening { rx }
}

async fn open_file(connection: &zbus::Connection, path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let proxy = zbus::Proxy::new(connection, PORTAL, PORTAL_PATH, OPEN_URI)
        .await
        .map_err(|e| e.to_string())?;
    let options: HashMap<&str, Value<'_>> = HashMap::new();
    let _handle: zbus::zvariant::OwnedObjectPath = proxy
        .call("OpenFile", &("", Fd::from(&file), options))
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

//! The system's file dialog, through the desktop portal's FileChooser:
//! the app asks, the desktop shows its own dialog, and the answer comes
//! back as a `Response` signal on a request object. No GTK is linked.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use futures_lite::StreamExt as _;
use zbus::zvariant::{OwnedValue, Value};

use super::{Desktop, PORTAL, PORTAL_PATH, lock};

const FILE_CHOOSER: &str = "org.freedesktop.portal.FileChooser";
const REQUEST: &str = "org.freedesktop.portal.Request";

/// Whether the system's file dialog can be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChooserState {
    /// Not known yet (the bus is being asked).
    Unknown,
    /// The portal answers.
    Available,
    /// No portal answers; why.
    Unavailable(String),
}

/// The answer of the file dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// The person chose this file.
    File(PathBuf),
    /// The person closed the dialog.
    Cancelled,
    /// No dialog could be shown; why (the app's own dialog is used).
    NoPortal(String),
}

/// One question to the file dialog, answered later.
#[derive(Debug)]
pub struct FileChoice {
    rx: Receiver<Chosen>,
}

impl FileChoice {
    /// The answer, once it has come (the window is woken then).
    pub fn poll(&self) -> Option<Chosen> {
        match self.rx.try_recv() {
            Ok(chosen) => Some(chosen),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Chosen::NoPortal("the file dialog thread ended".to_owned()))
            }
        }
    }
}

/// Asks whether the portal has a file chooser (reads its version).
pub(super) fn probe(desktop: &Desktop) {
    let state = match desktop.connection() {
        None => FileChooserState::Unavailable("no session bus".to_owned()),
        Some(connection) => {
            let version = async_io::block_on(async {
                let proxy =
                    zbus::Proxy::new(&connection, PORTAL, PORTAL_PATH, FILE_CHOOSER).await?;
                proxy.get_property::<u32>("version").await
            });
            match version {
                Ok(_) => FileChooserState::Available,
                Err(e) => FileChooserState::Unavailable(e.to_string()),
            }
        }
    };
    if let FileChooserState::Unavailable(why) = &state {
        log::info!("no system file dialog ({why}): the app's own is used");
    }
    *lock(&desktop.shared.file_chooser) = state;
    desktop.wake();
}

/// What the dialog asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ask {
    /// A routine file to open.
    RoutineFile,
    /// A folder (to save in).
    Folder,
}

/// Starts asking; the answer arrives through the returned [`FileChoice`].
pub(super) fn ask(desktop: &Desktop, title: &str, what: Ask) -> FileChoice {
    let (tx, rx) = mpsc::channel();
    let desktop = desktop.clone();
    let title = title.to_owned();
    let spawned = std::thread::Builder::new()
        .name("neckguide-file-dialog".to_owned())
        .spawn(move || {
            let chosen = match desktop.connection() {
                None => Chosen::NoPortal("no session bus".to_owned()),
                Some(connection) => async_io::block_on(open_file(
                    &connection,
                    desktop.parent_window(),
                    &title,
                    what,
                ))
                .unwrap_or_else(|e| Chosen::NoPortal(e.to_string())),
            };
            if let Chosen::NoPortal(why) = &chosen {
                log::info!("the system file dialog did not answer ({why})");
                *lock(&desktop.shared.file_chooser) = FileChooserState::Unavailable(why.clone());
            }
            let _ = tx.send(chosen);
            desktop.wake();
        });
    if let Err(e) = spawned {
        log::warn!("could not start the file dialog thread: {e}");
    }
    FileChoice { rx }
}

/// A token no other request of this process has.
fn token() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "neckguide{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Asks the portal's OpenFile, its dialog on the window `parent`.
async fn open_file(
    connection: &zbus::Connection,
    parent: &str,
    title: &str,
    what: Ask,
) -> zbus::Result<Chosen> {
    let token = token();
    // The request's path is known beforehand, so its answer is listened
    // for before the question is asked (it could come at once).
    let sender = connection
        .unique_name()
        .map(|n| n.trim_start_matches(':').replace('.', "_"))
        .unwrap_or_default();
    let expected = format!("{PORTAL_PATH}/request/{sender}/{token}");
    let request = zbus::Proxy::new(connection, PORTAL, expected.as_str(), REQUEST).await?;
    let mut responses = request.receive_signal("Response").await?;

    let json = vec![(0u32, "*.json"), (0u32, "*.JSON")];
    let mut options: HashMap<&str, Value<'_>> = HashMap::new();
    options.insert("handle_token", Value::from(token.as_str()));
    options.insert("modal", Value::from(true));
    match what {
        Ask::RoutineFile => {
            options.insert("filters", Value::new(vec![("Routine files", json.clone())]));
            options.insert("current_filter", Value::new(("Routine files", json)));
        }
        // The portal's OpenFile chooses a folder when asked (version 3).
        Ask::Folder => {
            options.insert("directory", Value::from(true));
        }
    }
    let chooser = zbus::Proxy::new(connection, PORTAL, PORTAL_PATH, FILE_CHOOSER).await?;
    let handle: zbus::zvariant::OwnedObjectPath =
        chooser.call("OpenFile", &(parent, title, options)).await?;
    if handle.as_str() != expected {
        // An old portal chose its own path: listen there instead.
        let request = zbus::Proxy::new(connection, PORTAL, handle.as_str(), REQUEST).await?;
        responses = request.receive_signal("Response").await?;
    }
    let Some(message) = responses.next().await else {
        return Ok(Chosen::NoPortal("the bus closed".to_owned()));
    };
    let (response, results) = message
        .body()
        .deserialize::<(u32, HashMap<String, OwnedValue>)>()?;
    Ok(match response {
        0 => {
            let uris = results
                .get("uris")
                .and_then(|v| Vec::<String>::try_from(v.try_clone().ok()?).ok())
                .unwrap_or_default();
            match uris.first().and_then(|u| file_path(u)) {
                Some(path) => Chosen::File(path),
                None => Chosen::NoPortal(format!("the dialog answered no file: {uris:?}")),
            }
        }
        1 => Chosen::Cancelled,
        other => Chosen::NoPortal(format!("the dialog failed (response {other})")),
    })
}

/// The path of a `file://` URI (percent-decoded); `None` for anything else.
fn file_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(hex) = bytes.get(i + 1..i + 3)
            && let Ok(hex) = std::str::from_utf8(hex)
            && let Ok(value) = u8::from_str_radix(hex, 16)
        {
            out.push(value);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt as _;
        Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(out).ok().map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///home/me/My%20routine.json"),
            Some(PathBuf::from("/home/me/My routine.json"))
        );
        assert_eq!(
            file_path("file://localhost/tmp/a%2"),
            Some(PathBuf::from("/tmp/a%2"))
        );
        assert_eq!(file_path("https://example.org/r.json"), None);
        assert_eq!(file_path("file://host/r.json"), None);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt as _;
            let odd = file_path("file:///tmp/%FF.json").unwrap();
            assert_eq!(odd.as_os_str().as_bytes(), b"/tmp/\xff.json");
        }
    }
}

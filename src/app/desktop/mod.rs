//! The desktop around the window, reached over the D-Bus session bus: the
//! system's colour scheme and contrast (the settings portal), the screen
//! kept awake during a session (`org.freedesktop.ScreenSaver`), and the
//! system's file dialog (the file-chooser portal).
//!
//! Every call runs on a thread of its own, never the window's: a bus that
//! is missing or slow only means the app does without (a light theme, a
//! screen that may blank, the app's own Open dialog). [`Desktop::none`] is
//! the desktop of tests and of a machine with no session bus.
//!
//! | file | what it owns |
//! |---|---|
//! | `mod.rs` | [`Desktop`]: the bus connection, shared by the rest |
//! | `appearance.rs` | [`Appearance`]: the colour scheme, read and watched |
//! | `inhibit.rs` | [`Inhibitor`]: keeps the screen from blanking |
//! | `file_chooser.rs` | [`FileChoice`]: one question to the system's file dialog |
//! | `open_uri.rs` | [`Opening`]: a file handed to the desktop to open (the handout) |
//! | `mpris.rs` | the running session as a media player (MPRIS 2): media keys, headsets |

mod appearance;
mod file_chooser;
mod inhibit;
pub mod mpris;
mod open_uri;

pub use appearance::{Appearance, ColorScheme};
pub use file_chooser::{Chosen, FileChoice, FileChooserState};
pub use inhibit::{IdleInhibit, Inhibitor};
pub use open_uri::Opening;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The application id, in reverse-DNS form: the window's app id (so a
/// Wayland desktop shows the installed icon), the name of the desktop entry,
/// the icons and the AppStream metainfo (`make install`).
pub const APP_ID: &str = "io.github.neckguide.Neckguide";

/// The well-known name of the desktop portal.
const PORTAL: &str = "org.freedesktop.portal.Desktop";
/// The portal's object path.
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";

/// No D-Bus method call waits longer than this (a hung service must not
/// hold a session's inhibit, or the Open button, for ever).
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// Which session bus to use.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Bus {
    /// None: the app does without.
    None,
    /// The session's (`DBUS_SESSION_BUS_ADDRESS`).
    Session,
    /// This address (a private bus in tests).
    Address(String),
}

/// What the threads share: the connection once made, what the desktop
/// said, and how to wake the window.
struct Shared {
    bus: Bus,
    /// The connection: not tried yet, made, or why it failed.
    connection: Mutex<Option<Result<zbus::Connection, String>>>,
    appearance: Mutex<Appearance>,
    file_chooser: Mutex<FileChooserState>,
    waker: Mutex<Option<Waker>>,
    /// The window the portals' dialogs belong to (`x11:XID`), once known.
    parent_window: std::sync::OnceLock<String>,
}

type Waker = Arc<dyn Fn() + Send + Sync>;

/// The desktop, shared by the window and the app's threads (cheap to clone).
#[derive(Clone)]
pub struct Desktop {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Desktop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desktop")
            .field("bus", &self.shared.bus)
            .finish_non_exhaustive()
    }
}

impl Default for Desktop {
    fn default() -> Self {
        Self::none()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Desktop {
    fn with_bus(bus: Bus) -> Self {
        let file_chooser = if bus == Bus::None {
            FileChooserState::Unavailable("no session bus".to_owned())
        } else {
            FileChooserState::Unknown
        };
        Self {
            shared: Arc::new(Shared {
                bus,
                connection: Mutex::new(None),
                appearance: Mutex::new(Appearance::default()),
                file_chooser: Mutex::new(file_chooser),
                waker: Mutex::new(None),
                parent_window: std::sync::OnceLock::new(),
            }),
        }
    }

    /// No desktop: the defaults, the app's own dialog, no inhibit.
    pub fn none() -> Self {
        Self::with_bus(Bus::None)
    }

    /// The desktop of this login session (`DBUS_SESSION_BUS_ADDRESS`).
    pub fn session() -> Self {
        Self::with_bus(Bus::Session)
    }

    /// The desktop on the bus at `address` (a private bus in tests).
    pub fn at(address: &str) -> Self {
        Self::with_bus(Bus::Address(address.to_owned()))
    }

    /// Starts listening: reads the colour scheme and watches it, and asks
    /// whether the file dialog is there. Calls `wake` (from another thread)
    /// whenever something the window shows changed.
    pub fn start(&self, wake: impl Fn() + Send + Sync + 'static) {
        *lock(&self.shared.waker) = Some(Arc::new(wake));
        if self.shared.bus == Bus::None {
            return;
        }
        let desktop = self.clone();
        let spawned = std::thread::Builder::new()
            .name("neckguide-desktop".to_owned())
            .spawn(move || {
                file_chooser::probe(&desktop);
                appearance::watch(&desktop);
            });
        if let Err(e) = spawned {
            log::warn!("could not start the desktop thread: {e}");
        }
    }

    /// The system's appearance as last heard (defaults until then).
    pub fn appearance(&self) -> Appearance {
        *lock(&self.shared.appearance)
    }

    /// Whether the system's file dialog can be asked.
    pub fn file_chooser(&self) -> FileChooserState {
        lock(&self.shared.file_chooser).clone()
    }

    /// Names the app's window to the portals (`x11:XID`,
    /// [`parent_window_of`]), so their dialogs sit on it; set once.
    pub fn set_parent_window(&self, handle: String) {
        let _ = self.shared.parent_window.set(handle);
    }

    /// The window the portals' dialogs belong to ("" when not known, as
    /// the portal API has it).
    pub fn parent_window(&self) -> &str {
        self.shared.parent_window.get().map_or("", String::as_str)
    }

    /// Asks the system's file dialog for a file; the answer comes later
    /// ([`FileChoice::poll`]).
    pub fn choose_file(&self, title: &str) -> FileChoice {
        file_chooser::ask(self, title, file_chooser::Ask::RoutineFile)
    }

    /// Asks the system's file dialog for a folder (to save in); the answer
    /// comes later ([`FileChoice::poll`]).
    pub fn choose_folder(&self, title: &str) -> FileChoice {
        file_chooser::ask(self, title, file_chooser::Ask::Folder)
    }

    /// Hands the file at `path` to the desktop to open in its application
    /// for it (a web browser for the handout); the answer comes later
    /// ([`Opening::poll`]).
    pub fn open_file(&self, path: &std::path::Path) -> Opening {
        open_uri::open(self, path)
    }

    /// Offers the session `remote` commands as a media player on the bus
    /// ([`mpris`]), as `first` and then each view `views` brings, until it
    /// is over; what needs the window goes to `asks`. With no bus, nothing.
    pub fn media_player(
        &self,
        remote: crate::app::runner::SessionRemote,
        first: Arc<crate::app::runner::SessionView>,
        views: std::sync::mpsc::Receiver<Arc<crate::app::runner::SessionView>>,
        asks: std::sync::mpsc::Sender<mpris::PlayerAsk>,
    ) {
        if self.shared.bus != Bus::None {
            mpris::start(self, remote, first, views, asks);
        }
    }

    /// Keeps the screen awake while told to; see [`Inhibitor`].
    pub fn inhibitor(&self) -> Inhibitor {
        Inhibitor::start(self)
    }

    /// Tells the window to draw again.
    fn wake(&self) {
        let waker = lock(&self.shared.waker).clone();
        if let Some(wake) = waker {
            wake();
        }
    }

    /// The bus connection, made on first use (from a background thread:
    /// connecting may wait). `None` when there is no bus.
    fn connection(&self) -> Option<zbus::Connection> {
        let mut slot = lock(&self.shared.connection);
        if slot.is_none() {
            let made = async_io::block_on(connect(&self.shared.bus));
            if let Err(e) = &made {
                log::info!("no desktop session bus ({e}): doing without");
            }
            *slot = Some(made);
        }
        match slot.as_ref() {
            Some(Ok(connection)) => Some(connection.clone()),
            _ => None,
        }
    }
}

async fn connect(bus: &Bus) -> Result<zbus::Connection, String> {
    let builder = match bus {
        Bus::None => return Err("none configured".to_owned()),
        Bus::Session => zbus::connection::Builder::session(),
        Bus::Address(address) => zbus::connection::Builder::address(address.as_str()),
    };
    builder
        .map_err(|e| e.to_string())?
        .method_timeout(CALL_TIMEOUT)
        .build()
        .await
        .map_err(|e| e.to_string())
}

/// The portals' name for a window: `x11:` and its X window id in
/// hexadecimal. `None` on Wayland, whose portals need a handle exported
/// through xdg-foreign, which this app does not make.
pub fn parent_window_of(handle: raw_window_handle::RawWindowHandle) -> Option<String> {
    match handle {
        raw_window_handle::RawWindowHandle::Xlib(h) => Some(format!("x11:{:x}", h.window)),
        raw_window_handle::RawWindowHandle::Xcb(h) => Some(format!("x11:{:x}", h.window.get())),
        _ => None,
    }
}

#[cfg(test)]
mod parent_tests {
    use super::parent_window_of;
    use raw_window_handle::{
        RawWindowHandle, WaylandWindowHandle, XcbWindowHandle, XlibWindowHandle,
    };

    #[test]
    fn an_x11_window_is_named_x11_and_its_id_in_hexadecimal() {
        let xlib = RawWindowHandle::Xlib(XlibWindowHandle::new(0x4c0_0003));
        assert_eq!(parent_window_of(xlib).as_deref(), Some("x11:4c00003"));
        let Some(id) = std::num::NonZeroU32::new(0x20_0001) else {
            return;
        };
        let xcb = RawWindowHandle::Xcb(XcbWindowHandle::new(id));
        assert_eq!(parent_window_of(xcb).as_deref(), Some("x11:200001"));
        let surface = std::ptr::NonNull::<std::ffi::c_void>::dangling();
        let wayland = RawWindowHandle::Wayland(WaylandWindowHandle::new(surface));
        assert_eq!(parent_window_of(wayland), None);
    }
}

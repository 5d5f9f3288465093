//! The desktop around the window.

/// The application id, in reverse-DNS form: the window's app id (so a
/// Wayland desktop shows the installed icon), the name of the desktop entry,
/// the icons and the AppStream metainfo (`make install`).
pub const APP_ID: &str = "io.github.neckguide.Neckguide";

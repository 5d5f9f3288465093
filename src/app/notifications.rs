//! Desktop notifications through the freedesktop notifications D-Bus
//! interface (`org.freedesktop.Notifications` on the session bus), with
//! zbus: pure Rust, no libdbus.

use std::collections::HashMap;
use std::os::unix::net::UnixStream;

use async_io::block_on;
use futures_lite::StreamExt as _;
use zbus::zvariant::Value;
use zbus::{Connection, MessageStream};

const SERVICE: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";

/// One notification to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The title.
    pub summary: String,
    /// The text.
    pub body: String,
    /// The buttons: (key sent back when pressed, label).
    pub actions: Vec<(&'static str, &'static str)>,
    /// The notification this one replaces (0: none).
    pub replaces: u32,
    /// Whether it comes with the desktop's sound for a new message (the
    /// person's "Sound" setting); without, the service is asked for none.
    pub sound: bool,
}

/// The category of the app's reminders (the specification's own
/// categories are for e-mail, chat, devices and the like; a vendor one
/// starts with `x-`).
pub const CATEGORY: &str = "x-neckguide.reminder";
/// The sound named for a reminder, from the freedesktop sound naming
/// specification.
pub const SOUND_NAME: &str = "message-new-instant";

/// What the notification service tells about the posted notifications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A button was pressed: the notification's id and the button's key.
    Action {
        /// The notification.
        id: u32,
        /// The key of the button.
        key: String,
    },
    /// The notification went away.
    Closed {
        /// The notification.
        id: u32,
    },
    /// The session bus went away: no answer will come any more.
    BusGone,
}

/// A connection to the notification service.
pub struct Notifier {
    conn: Connection,
}

/// What the home screen still does when reminders stop.
const STILL: &str = "Reminders stopped; the home screen still shows the next time.";

/// The words for a session bus that could not be reached (`why`, in
/// words already: [`session_bus_stream`]'s).
fn no_bus_text(why: &str) -> String {
    format!(
        "Reminders cannot be shown: no desktop notification service was found, as there is no desktop session bus to reach one through ({why}). Turn \"Remind me\" on from a desktop session. {STILL}"
    )
}

/// The words for what the session bus said when the notification service
/// was asked for: none runs, or it answered with an error, never the
/// bus's own error names.
fn service_text(e: &zbus::Error) -> String {
    const MISSING: [&str; 2] = [
        "org.freedesktop.DBus.Error.ServiceUnknown",
        "org.freedesktop.DBus.Error.NameHasNoOwner",
    ];
    let missing = match e {
        zbus::Error::MethodError(name, _, _) => MISSING.contains(&name.as_str()),
        zbus::Error::FDO(e) => matches!(
            **e,
            zbus::fdo::Error::ServiceUnknown(_) | zbus::fdo::Error::NameHasNoOwner(_)
        ),
        _ => false,
    };
    if missing {
        return format!(
            "Reminders cannot be shown: no desktop notification service is running. Most desktops have one; with a bare window manager, install and start one (such as dunst or mako), then turn \"Remind me\" off and on in Settings. {STILL}"
        );
    }
    let said = match e {
        zbus::Error::MethodError(_, Some(text), _) => text.clone(),
        zbus::Error::InputOutput(io) => io.to_string(),
        _ => "it gave no answer that could be read".to_owned(),
    };
    format!(
        "Reminders cannot be shown: the desktop notification service did not take them ({said}). Turn \"Remind me\" off and on in Settings to try again. {STILL}"
    )
}

/// Connects to the session bus's Unix socket (`DBUS_SESSION_BUS_ADDRESS`,
/// else `$XDG_RUNTIME_DIR/bus`). Done here rather than by zbus, whose own
/// connect runs on the `blocking` thread pool, and that pool keeps a thread
/// that wakes twice a second for the life of the process: the agent must
/// not wake between reminders.
fn session_bus_stream() -> Result<UnixStream, String> {
    use zbus::address::{Transport, transport::UnixSocket};
    let address = std::env::var("DBUS_SESSION_BUS_ADDRESS")
        .ok()
        .or_else(|| {
            std::env::var("XDG_RUNTIME_DIR")
                .ok()
                .map(|dir| format!("unix:path={dir}/bus"))
        })
        .ok_or("there is no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")?;
    let mut last_error = format!("no Unix socket in the session bus address {address}");
    for one in address.split(';').filter(|a| !a.is_empty()) {
        let parsed: zbus::Address = match one.parse() {
            Ok(a) => a,
            Err(e) => {
                last_error = format!("bad session bus address {one}: {e}");
                continue;
            }
        };
        let Transport::Unix(unix) = parsed.transport() else {
            continue;
        };
        let connected = match unix.path() {
            UnixSocket::File(path) => UnixStream::connect(path),
            UnixSocket::Abstract(name) => {
                use std::os::linux::net::SocketAddrExt as _;
                std::os::unix::net::SocketAddr::from_abstract_name(name.as_encoded_bytes())
                    .and_then(|a| UnixStream::connect_addr(&a))
            }
            _ => continue,
        };
        match connected {
            Ok(stream) => return Ok(stream),
            Err(e) => last_error = format!("the session bus at {one} did not answer: {e}"),
        }
    }
    Err(last_error)
}

impl Notifier {
    /// Connects to the session bus and checks that a notification service
    /// answers (which starts one that is D-Bus activated). The error is in
    /// words for the person.
    pub fn connect() -> Result<Self, String> {
        let stream = session_bus_stream().map_err(|e| no_bus_text(&e))?;
        let conn = block_on(zbus::connection::Builder::async_io_unix_stream(stream).build())
            .map_err(|e| {
                no_bus_text(&format!("the session bus did not let this program in: {e}"))
            })?;
        block_on(conn.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "GetServerInformation",
            &(),
        ))
        .map_err(|e| service_text(&e))?;
        Ok(Self { conn })
    }

    /// Posts `n`; returns its id.
    pub fn post(&self, n: &Notification) -> Result<u32, zbus::Error> {
        let actions: Vec<&str> = n.actions.iter().flat_map(|(k, l)| [*k, *l]).collect();
        let mut hints: HashMap<&str, Value<'_>> = HashMap::new();
        // The installed desktop entry and icon are named by the app id.
        hints.insert("desktop-entry", Value::from(crate::app::desktop::APP_ID));
        hints.insert("category", Value::from(CATEGORY));
        // Normal (0 low, 1 normal, 2 critical: which never goes by itself).
        hints.insert("urgency", Value::U8(1));
        if n.sound {
            hints.insert("sound-name", Value::from(SOUND_NAME));
        } else {
            hints.insert("suppress-sound", Value::Bool(true));
        }
        let reply = block_on(self.conn.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "Notify",
            &(
                "neckguide",
                n.replaces,
                // The installed icon's name (the hicolor theme's).
                crate::app::desktop::APP_ID,
                n.summary.as_str(),
                n.body.as_str(),
                actions,
                hints,
                // Never expires: it waits for the person.
                0i32,
            ),
        ))?;
        reply.body().deserialize::<u32>()
    }

    /// Takes notification `id` off the screen (`CloseNotification`).
    pub fn close(&self, id: u32) -> Result<(), zbus::Error> {
        block_on(self.conn.call_method(
            Some(SERVICE),
            PATH,
            Some(SERVICE),
            "CloseNotification",
            &id,
        ))?;
        Ok(())
    }

    /// Hands every action and closing of a notification to `answer`, on a
    /// thread of its own that sleeps until the bus says something. Ends
    /// with [`Answer::BusGone`] when the bus goes away.
    pub fn listen(&self, answer: impl Fn(Answer) + Send + 'static) -> Result<(), zbus::Error> {
        let rule = zbus::MatchRule::builder()
            .msg_type(zbus::message::Type::Signal)
            .interface(SERVICE)?
            .path(PATH)?
            .build();
        let mut messages = block_on(MessageStream::for_match_rule(rule, &self.conn, Some(16)))?;
        std::thread::Builder::new()
            .name("notification-answers".to_owned())
            .spawn(move || {
                while let Some(message) = block_on(messages.next()) {
                    let Ok(message) = message else { continue };
                    let header = message.header();
                    match header.member().map(|m| m.as_str()) {
                        Some("ActionInvoked") => {
                            if let Ok((id, key)) = message.body().deserialize::<(u32, String)>() {
                                answer(Answer::Action { id, key });
                            }
                        }
                        Some("NotificationClosed") => {
                            if let Ok((id, _reason)) = message.body().deserialize::<(u32, u32)>() {
                                answer(Answer::Closed { id });
                            }
                        }
                        _ => {}
                    }
                }
                answer(Answer::BusGone);
            })
            .map_err(|e| zbus::Error::InputOutput(std::sync::Arc::new(e)))?;
        Ok(())
    }
}

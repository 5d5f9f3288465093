//! The running session as a media player on the session bus (MPRIS 2,
//! `org.mpris.MediaPlayer2.neckguide`), so a person lying on the floor can
//! pause, go on and go back with what they already hold: a headset's
//! button, the keyboard's media keys, a phone (KDE Connect), the desktop's
//! media widget.
//!
//! The player exists only while a session runs: it is made when the
//! session starts and gone when the session is over (no media key is
//! taken from other players at home). Play/Pause pauses and resumes, Next
//! goes on (or to the next exercise where the step may not end early),
//! Previous goes back, Stop asks to end as Esc does; the metadata says the
//! exercise (title), what to do now (artist) and the routine (album).
//!
//! Commands go straight to the session's owner ([`SessionRemote`]), so
//! they work whether or not the window draws; only Stop's question needs
//! the window, which is woken for it. All of it runs on a thread of its
//! own; with no bus, nothing is made.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use zbus::zvariant::{ObjectPath, Value};

use super::{APP_ID, Desktop};
use crate::app::runner::{SessionCommand, SessionRemote, SessionView};
use crate::session::Phase;

/// The player's well-known name on the bus.
pub const BUS_NAME: &str = "org.mpris.MediaPlayer2.neckguide";
/// The one object path MPRIS uses.
const PATH: &str = "/org/mpris/MediaPlayer2";

/// What the media player asks of the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlayerAsk {
    /// Stop: ask whether to end the session, as Esc does.
    AskEnd,
}

/// The `org.mpris.MediaPlayer2` interface: who the player is.
struct Root;

#[zbus::interface(name = "org.mpris.MediaPlayer2")]
impl Root {
    /// Raising the window is not offered ([`Root::can_raise`]).
    fn raise(&self) {}

    /// Quitting is not offered ([`Root::can_quit`]): a session is ended
    /// by the person, with its record.
    fn quit(&self) {}

    #[zbus(property)]
    fn can_quit(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_raise(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn has_track_list(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn identity(&self) -> &str {
        "neckguide"
    }

    #[zbus(property)]
    fn desktop_entry(&self) -> &str {
        APP_ID
    }

    #[zbus(property)]
    fn supported_uri_schemes(&self) -> Vec<String> {
        Vec::new()
    }

    #[zbus(property)]
    fn supported_mime_types(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The `org.mpris.MediaPlayer2.Player` interface: the session.
struct Player {
    remote: SessionRemote,
    view: Arc<SessionView>,
    asks: Sender<PlayerAsk>,
    desktop: Desktop,
}

impl Player {
    fn send(&self, command: SessionCommand) {
        if !self.remote.send(command) {
            log::debug!("media player: {command:?} came after the session");
        }
    }

    fn running(&self) -> bool {
        !self.view.session.is_finished()
    }
}

#[zbus::interface(name = "org.mpris.MediaPlayer2.Player")]
impl Player {
    /// Goes on: Continue where the step may end early, else the next
    /// exercise.
    fn next(&self) {
        self.send(SessionCommand::ContinueOrSkip);
    }

    /// Back to the start of the exercise, or the one before.
    fn previous(&self) {
        self.send(SessionCommand::Back);
    }

    fn pause(&self) {
        self.send(SessionCommand::Pause);
    }

    fn play_pause(&self) {
        self.send(SessionCommand::PauseOrResume);
    }

    /// Asks whether to end the session, as Esc does (the window asks).
    fn stop(&self) {
        if self.asks.send(PlayerAsk::AskEnd).is_ok() {
            self.desktop.wake();
        }
    }

    fn play(&self) {
        self.send(SessionCommand::Resume);
    }

    /// Seeking is not offered ([`Player::can_seek`]).
    fn seek(&self, _offset: i64) {}

    /// Seeking is not offered ([`Player::can_seek`]).
    fn set_position(&self, _track: ObjectPath<'_>, _position: i64) {}

    fn open_uri(&self, _uri: &str) -> zbus::fdo::Result<()> {
        Err(zbus::fdo::Error::NotSupported(
            "neckguide plays only its session".to_owned(),
        ))
    }

    #[zbus(property)]
    fn playback_status(&self) -> &str {
        status(self.view.session.phase())
    }

    #[zbus(property)]
    fn rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn minimum_rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn maximum_rate(&self) -> f64 {
        1.0
    }

    #[zbus(property)]
    fn volume(&self) -> f64 {
        1.0
    }

    #[zbus(property(emits_changed_signal = "false"))]
    fn position(&self) -> i64 {
        0
    }

    #[zbus(property)]
    fn metadata(&self) -> HashMap<String, Value<'static>> {
        metadata(&self.view)
    }

    #[zbus(property)]
    fn can_go_next(&self) -> bool {
        self.running()
    }

    #[zbus(property)]
    fn can_go_previous(&self) -> bool {
        self.running()
    }

    #[zbus(property)]
    fn can_play(&self) -> bool {
        self.running()
    }

    #[zbus(property)]
    fn can_pause(&self) -> bool {
        self.running()
    }

    #[zbus(property)]
    fn can_seek(&self) -> bool {
        false
    }

    #[zbus(property)]
    fn can_control(&self) -> bool {
        true
    }
}

/// MPRIS's PlaybackStatus of a session in `phase`.
fn status(phase: Phase) -> &'static str {
    if phase.is_final() {
        "Stopped"
    } else if phase.is_paused() || phase == Phase::Ready {
        "Paused"
    } else {
        "Playing"
    }
}

/// What the player says of the session: the exercise as the title, what to
/// do now as the artist, the routine as the album; the track is the
/// exercise's number.
fn metadata(view: &SessionView) -> HashMap<String, Value<'static>> {
    let session = &view.session;
    let exercise = session.exercise();
    let number = exercise
        .and_then(|e| {
            session
                .schedule()
                .exercises
                .iter()
                .position(|s| s.first_step == e.first_step)
        })
        .unwrap_or(0);
    let track = format!("/io/github/neckguide/Neckguide/exercise/{number}");
    let mut data = HashMap::new();
    if let Ok(path) = ObjectPath::try_from(track) {
        data.insert("mpris:trackid".to_owned(), Value::from(path));
    }
    let title = exercise.map_or_else(
        || view.meta.routine.name.to_string(),
        |e| e.exercise.name.clone(),
    );
    data.insert("xesam:title".to_owned(), Value::from(title));
    let doing = session.phase().title(exercise.map(|e| e.exercise.position));
    data.insert("xesam:artist".to_owned(), Value::from(vec![doing]));
    data.insert(
        "xesam:album".to_owned(),
        Value::from(view.meta.routine.name.to_string()),
    );
    data
}

/// Starts the player for the session `remote` commands, first as `first`
/// and then as each view `views` brings; it is gone when the session is
/// over or the views stop. Asks of the window go to `asks`.
pub(super) fn start(
    desktop: &Desktop,
    remote: SessionRemote,
    first: Arc<SessionView>,
    views: Receiver<Arc<SessionView>>,
    asks: Sender<PlayerAsk>,
) {
    let desktop = desktop.clone();
    let spawned = std::thread::Builder::new()
        .name("neckguide-media".to_owned())
        .spawn(move || run(&desktop, remote, first, &views, asks));
    if let Err(e) = spawned {
        log::warn!("could not start the media player's thread: {e}");
    }
}

fn run(
    desktop: &Desktop,
    remote: SessionRemote,
    first: Arc<SessionView>,
    views: &Receiver<Arc<SessionView>>,
    asks: Sender<PlayerAsk>,
) {
    let Some(connection) = desktop.connection() else {
        return;
    };
    let player = Player {
        remote,
        view: first,
        asks,
        desktop: desktop.clone(),
    };
    let served = async_io::block_on(async {
        let server = connection.object_server();
        server.at(PATH, Root).await?;
        server.at(PATH, player).await?;
        connection.request_name(BUS_NAME).await
    });
    match served {
        Ok(()) => {
            log::debug!("media player {BUS_NAME} is on the bus");
            follow(&connection, views);
        }
        Err(e) => log::info!("no media player for the session (media keys do nothing): {e}"),
    }
    let _ = async_io::block_on(async {
        let _ = connection.release_name(BUS_NAME).await;
        let server = connection.object_server();
        let _ = server.remove::<Player, _>(PATH).await;
        server.remove::<Root, _>(PATH).await
    });
    log::debug!("media player {BUS_NAME} is gone");
}

/// Follows the session's views until it is over, saying each change.
fn follow(connection: &zbus::Connection, views: &Receiver<Arc<SessionView>>) {
    while let Ok(view) = views.recv() {
        // Only the newest matters.
        let view = views.try_iter().last().unwrap_or(view);
        let over = view.session.is_finished();
        let said = async_io::block_on(async {
            let iface = connection
                .object_server()
                .interface::<_, Player>(PATH)
                .await?;
            let (status_changed, data_changed, can_changed) = {
                let mut player = iface.get_mut().await;
                let before = player.view.session.phase();
                let now = view.session.phase();
                let old = metadata(&player.view);
                player.view = view;
                (
                    status(before) != status(now),
                    old != metadata(&player.view),
                    before.is_final() != now.is_final(),
                )
            };
            let player = iface.get().await;
            let emitter = iface.signal_emitter();
            if status_changed {
                player.playback_status_changed(emitter).await?;
            }
            if data_changed {
                player.metadata_changed(emitter).await?;
            }
            if can_changed {
                player.can_go_next_changed(emitter).await?;
                player.can_go_previous_changed(emitter).await?;
                player.can_play_changed(emitter).await?;
                player.can_pause_changed(emitter).await?;
            }
            Ok::<(), zbus::Error>(())
        });
        if let Err(e) = said {
            log::debug!("media player: a change could not be said: {e}");
        }
        if over {
            return;
        }
    }
}

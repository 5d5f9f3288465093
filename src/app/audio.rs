//! Sound output: one named thread (`neckguide-audio`) plays the cues it is
//! sent. Nothing here knows about sessions or screens.
//!
//! The output device is open only while it is needed: the thread opens it
//! once at start to learn whether sound works, closes it, and opens it again
//! when asked to keep it ([`Audio::keep_open`], from the check-in to the end
//! of a session, not while paused) or to play. It closes it when nobody
//! keeps it and the last sound has ended, so an idle app holds no stream in
//! the sound server and costs nothing. Each cue plays on its own player in
//! one mixer: cues that overlap sound together and none waits for another.
//! A player is dropped as soon as its sound ends.
//!
//! With no sound device the thread reports [`AudioStatus::Unavailable`] once
//! and then drops whatever it is sent: the session runs on, silently, and the
//! window shows a notice. Failures are logged once, never in a loop.

use std::io::Cursor;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use crate::assets::{self, Sound};

/// Whether sound can be heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioStatus {
    /// The device is being opened.
    Starting,
    /// Sounds play.
    Ready,
    /// No sound can be played; the reason, for the log.
    Unavailable(String),
    /// Sound was turned off for this run (tests, or `--no-sound`).
    Disabled,
}

enum Command {
    Play(Vec<Sound>, f32),
    StopAll,
    /// Keep the device open (true), or close it once the sounds end.
    KeepOpen(bool),
    /// The player with this number has played everything.
    Ended(u64),
}

/// A handle to the audio thread. Cheap to clone; sending never blocks.
#[derive(Clone)]
pub struct Audio {
    tx: Option<Sender<Command>>,
    status: Arc<Mutex<AudioStatus>>,
}

impl std::fmt::Debug for Audio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audio")
            .field("status", &self.status())
            .finish()
    }
}

impl Audio {
    /// Starts the audio thread, which opens the default output device.
    pub fn start() -> Self {
        let status = Arc::new(Mutex::new(AudioStatus::Starting));
        let (tx, rx) = mpsc::channel();
        let thread_status = Arc::clone(&status);
        // The thread keeps a sender for its players to say they ended; it
        // lives as long as the app.
        let ended = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("neckguide-audio".to_owned())
            .spawn(move || audio_thread(&rx, &ended, &thread_status));
        match spawned {
            Ok(_) => Self {
                tx: Some(tx),
                status,
            },
            Err(e) => {
                log::warn!("sound is unavailable: could not start the audio thread: {e}");
                Self::with_status(AudioStatus::Unavailable(e.to_string()))
            }
        }
    }

    /// A handle that plays nothing, with the given status (for tests and for
    /// running with sound turned off).
    pub fn with_status(status: AudioStatus) -> Self {
        Self {
            tx: None,
            status: Arc::new(Mutex::new(status)),
        }
    }

    /// Whether sound can be heard.
    pub fn status(&self) -> AudioStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Plays `sounds` one after the other, at `volume` (0.0–1.0). Returns at once.
    pub fn play(&self, sounds: Vec<Sound>, volume: f32) {
        if sounds.is_empty() {
            return;
        }
        if let Some(tx) = &self.tx {
            // The thread is gone only if it panicked; nothing more to do then.
            let _ = tx.send(Command::Play(sounds, volume.clamp(0.0, 1.0)));
        }
    }

    /// Stops every sound still playing.
    pub fn stop_all(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Command::StopAll);
        }
    }

    /// Keeps the output device open (`true`: a session is about to start or
    /// is running, so its cues sound on time), or lets it close once the
    /// sounds playing have ended (`false`).
    pub fn keep_open(&self, keep: bool) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Command::KeepOpen(keep));
        }
    }
}

fn set(status: &Mutex<AudioStatus>, value: AudioStatus) {
    match status.lock() {
        Ok(mut s) => *s = value,
        Err(e) => *e.into_inner() = value,
    }
}

/// The output buffer, in frames (about 90 ms at 44.1 kHz). Larger than
/// rodio's 50 ms default: the stream stays open through a session, and half
/// as many wake-ups halve what it costs while silent. Cues are a little later
/// but all by the same amount, so their spacing is exact.
const BUFFER_FRAMES: u32 = 4096;

/// Opens the default output with [`BUFFER_FRAMES`], or else as rodio would.
fn open_output() -> Result<rodio::MixerDeviceSink, rodio::DeviceSinkError> {
    rodio::DeviceSinkBuilder::from_default_device()
        .map(|b| b.with_buffer_size(rodio::cpal::BufferSize::Fixed(BUFFER_FRAMES)))
        .and_then(rodio::DeviceSinkBuilder::open_stream)
        .or_else(|_| rodio::DeviceSinkBuilder::open_default_sink())
}

fn audio_thread(rx: &Receiver<Command>, tx: &Sender<Command>, status: &Mutex<AudioStatus>) {
    // Open once to learn whether sound works, then close until needed.
    if let Err(e) = open_output() {
        log::warn!("sound is unavailable: {e}");
        set(status, AudioStatus::Unavailable(e.to_string()));
        // Drain commands so senders never notice; nothing is played.
        while rx.recv().is_ok() {}
        return;
    }
    set(status, AudioStatus::Ready);
    let mut output = Output::default();
    while let Ok(command) = rx.recv() {
        match command {
            Command::KeepOpen(keep) => {
                output.keep = keep;
                if keep {
                    output.open(status);
                }
            }
            Command::Play(sounds, volume) => output.play(&sounds, volume, tx, status),
            Command::StopAll => {
                for (_, p) in output.players.drain(..) {
                    p.stop();
                }
            }
            Command::Ended(id) => output.players.retain(|(n, _)| *n != id),
        }
        output.close_when_idle();
    }
}

/// The device while it is open, and the players on it.
#[derive(Default)]
struct Output {
    sink: Option<rodio::MixerDeviceSink>,
    /// Asked to stay open.
    keep: bool,
    players: Vec<(u64, rodio::Player)>,
    next: u64,
}

impl Output {
    fn open(&mut self, status: &Mutex<AudioStatus>) -> Option<&rodio::MixerDeviceSink> {
        if self.sink.is_none() {
            match open_output() {
                Ok(mut sink) => {
                    sink.log_on_drop(false);
                    self.sink = Some(sink);
                }
                Err(e) => {
                    // It worked at start: a device unplugged since. Said
                    // once; the next session tries again.
                    if status_is_ready(status) {
                        log::warn!("sound is unavailable: {e}");
                    }
                    set(status, AudioStatus::Unavailable(e.to_string()));
                    return None;
                }
            }
            set(status, AudioStatus::Ready);
        }
        self.sink.as_ref()
    }

    /// Plays `sounds` one after the other on a new player, mixed with what
    /// already plays; the player tells the thread when it has ended.
    fn play(
        &mut self,
        sounds: &[Sound],
        volume: f32,
        tx: &Sender<Command>,
        status: &Mutex<AudioStatus>,
    ) {
        let Some(sink) = self.open(status) else {
            return;
        };
        let player = rodio::Player::connect_new(sink.mixer());
        player.set_volume(volume);
        for sound in sounds {
            let Some(bytes) = assets::sound(sound) else {
                continue;
            };
            match rodio::Decoder::new_wav(Cursor::new(bytes)) {
                Ok(source) => player.append(source),
                Err(e) => log::error!("cannot decode the sound {sound:?}: {e}"),
            }
        }
        let id = self.next;
        self.next += 1;
        let tx = tx.clone();
        player.append(rodio::source::EmptyCallback::new(Box::new(move || {
            let _ = tx.send(Command::Ended(id));
        })));
        self.players.push((id, player));
    }

    /// Closes the device when nobody keeps it open and nothing plays.
    fn close_when_idle(&mut self) {
        if !self.keep && self.players.is_empty() {
            self.sink = None;
        }
    }
}

fn status_is_ready(status: &Mutex<AudioStatus>) -> bool {
    let s = status.lock().unwrap_or_else(|e| e.into_inner());
    *s == AudioStatus::Ready
}

//! Sound output: one named thread (`neckguide-audio`) opens the default
//! output device once, keeps it for the life of the app and plays the cues it
//! is sent. Nothing here knows about sessions or screens.
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
        let spawned = std::thread::Builder::new()
            .name("neckguide-audio".to_owned())
            .spawn(move || audio_thread(&rx, &thread_status));
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
}

fn set(status: &Mutex<AudioStatus>, value: AudioStatus) {
    match status.lock() {
        Ok(mut s) => *s = value,
        Err(e) => *e.into_inner() = value,
    }
}

/// The output buffer, in frames (about 90 ms at 44.1 kHz). Larger than
/// rodio's 50 ms default: the stream stays open for the app's life, and half
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

fn audio_thread(rx: &Receiver<Command>, status: &Mutex<AudioStatus>) {
    let mut sink = match open_output() {
        Ok(sink) => sink,
        Err(e) => {
            log::warn!("sound is unavailable: {e}");
            set(status, AudioStatus::Unavailable(e.to_string()));
            // Drain commands so senders never notice; nothing is played.
            while rx.recv().is_ok() {}
            return;
        }
    };
    sink.log_on_drop(false);
    set(status, AudioStatus::Ready);
    let mut players: Vec<rodio::Player> = Vec::new();
    while let Ok(command) = rx.recv() {
        players.retain(|p| !p.empty());
        match command {
            Command::StopAll => {
                for p in players.drain(..) {
                    p.stop();
                }
            }
            Command::Play(sounds, volume) => {
                let player = rodio::Player::connect_new(sink.mixer());
                player.set_volume(volume);
                for sound in &sounds {
                    let Some(bytes) = assets::sound(sound) else {
                        continue;
                    };
                    match rodio::Decoder::new_wav(Cursor::new(bytes)) {
                        Ok(source) => player.append(source),
                        Err(e) => log::error!("cannot decode the sound {sound:?}: {e}"),
                    }
                }
                players.push(player);
            }
        }
    }
}

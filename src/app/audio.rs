//! Sound output: one named thread (`neckguide-audio`) plays the cues it is
//! sent. Nothing here knows about sessions or screens.
//!
//! The output device is open only while it is needed: the thread opens it
//! once at start to learn whether sound works, closes it, and opens it again
//! when asked to keep it ([`Audio::keep_open`], from the check-in to the end
//! of a session, not while paused nor in the middle of a long hold: see
//! `runner::SOUND_CLOSE_GAP`) or to play. It closes it when nobody
//! keeps it and the last sound has ended, so an idle app holds no stream in
//! the sound server and costs nothing. Each cue plays on its own player in
//! one mixer: cues that overlap sound together and none waits for another.
//! A player is dropped as soon as its sound ends.
//!
//! Cues sound on time to the sample, not to the device's period: each is
//! sent with the moment it is to be heard, and starts then, placed by when
//! the device says each frame will be heard ([`HEARD_AT`], from the
//! stream's own playback timestamps) and not by when it asks for them
//! ([`OnTime`]). A sound must be sent at least the device's lead ahead of
//! its moment ([`Audio::lead`]: the longest period and delay the device
//! reported, [`Latency::lead`]) to start on it, so the session's owner
//! sends the sound of each foreseen cue that much ahead; one sent later
//! (a command's) starts as soon as the device can play it. A sound added between two of the
//! device's requests would otherwise start at the next one, up to a period
//! late; and the device's delay moves while a stream plays (through
//! PulseAudio's ALSA plugin it shrinks from 185 to 125 ms over some 20 s,
//! then jumps back), which cues placed by the moment of asking followed.
//!
//! With no sound device the thread reports [`AudioStatus::Unavailable`] once
//! and then drops whatever it is sent: the session runs on, silently, and the
//! window shows a notice. Failures are logged once, never in a loop.

use std::cell::Cell;
use std::io::Cursor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rodio::cpal;

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

#[derive(Debug)]
pub(crate) enum Command {
    /// Sounds, their volume, and when they are to be heard.
    Play(Vec<Sound>, f32, Instant),
    StopAll,
    /// Stop every sound that is not heard yet (its moment still to come).
    CancelPending,
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
    /// What the device reported of its delay, to say the lead.
    latency: Arc<Latency>,
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
        let latency = Arc::new(Latency::default());
        let thread_latency = Arc::clone(&latency);
        // The thread keeps a sender for its players to say they ended; it
        // lives as long as the app.
        let ended = tx.clone();
        let spawned = std::thread::Builder::new()
            .name("neckguide-audio".to_owned())
            .spawn(move || audio_thread(&rx, &ended, &thread_status, thread_latency));
        match spawned {
            Ok(_) => Self {
                tx: Some(tx),
                status,
                latency,
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
            latency: Arc::default(),
        }
    }

    /// A handle whose commands go to the returned receiver instead of a
    /// thread, for tests to read what was asked.
    #[cfg(test)]
    pub(crate) fn recording() -> (Self, Receiver<Command>) {
        let (tx, rx) = mpsc::channel();
        let audio = Self {
            tx: Some(tx),
            status: Arc::new(Mutex::new(AudioStatus::Ready)),
            latency: Arc::default(),
        };
        (audio, rx)
    }

    /// [`Audio::recording`] of a device whose lead is `lead`.
    #[cfg(test)]
    pub(crate) fn recording_with_lead(lead: Duration) -> (Self, Receiver<Command>) {
        let (audio, rx) = Self::recording();
        audio.latency.publish(lead);
        (audio, rx)
    }

    /// How long before its moment a sound must be sent to be heard on it:
    /// the device's lead ([`Latency::lead`]) once an output has been open;
    /// `None` before, or with no sound.
    pub fn lead(&self) -> Option<Duration> {
        match self.latency.lead_ns.load(Ordering::Relaxed) {
            0 => None,
            ns => Some(Duration::from_nanos(ns)),
        }
    }

    /// Whether sound can be heard.
    pub fn status(&self) -> AudioStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Plays `sounds` one after the other, at `volume` (0.0–1.0), the
    /// first heard at `at`, or as soon as the device can play it when
    /// that is sooner than [`Audio::lead`] from now. Returns at once.
    pub fn play(&self, sounds: Vec<Sound>, volume: f32, at: Instant) {
        if sounds.is_empty() {
            return;
        }
        if let Some(tx) = &self.tx {
            // The thread is gone only if it panicked; nothing more to do then.
            let _ = tx.send(Command::Play(sounds, volume.clamp(0.0, 1.0), at));
        }
    }

    /// Stops every sound sent ahead whose moment has not come (a pause,
    /// skip, back or end changed what comes next); what is already heard
    /// plays on.
    pub fn cancel_pending(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Command::CancelPending);
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

/// The form every cue is in (`assets/sounds`: mono, 22,050 Hz; a test
/// checks each one). The output is opened in it where the device takes it,
/// as PulseAudio and ALSA's converting devices do, so the mixer passes the
/// cues through without converting them and moves a quarter of the samples
/// of 44.1 kHz stereo: in 5-second holds the app's sound threads cost 7–8
/// ticks in 20 s instead of 13–14, and the sound server the same (11–12;
/// two runs each). Where it is refused, the device's own form is used.
const CUE_RATE: rodio::SampleRate = match rodio::SampleRate::new(22_050) {
    Some(rate) => rate,
    None => rodio::SampleRate::MIN,
};

/// The device's period (how much it asks for at a time): about 93 ms, 2048
/// frames at [`CUE_RATE`], 4096 at 44.1 or 48 kHz. The stream stays open
/// while cues come close together, and a longer period costs fewer
/// wake-ups (at 44.1 kHz, 4096 frames cost 11 ticks in 20 s where 2048 cost
/// 19). Cues are placed to the sample in it ([`OnTime`]), so their timing
/// does not depend on it; each sounds the period and 5 ms after it is due:
/// about a tenth of a second.
const PERIOD: Duration = Duration::from_millis(93);

/// [`PERIOD`] in frames at `rate`, rounded to a power of two.
fn period_frames(rate: u32) -> u32 {
    let frames = (f64::from(rate) * PERIOD.as_secs_f64()).round() as u32;
    let up = frames.max(1).next_power_of_two();
    if up - frames <= frames - up / 2 {
        up
    } else {
        up / 2
    }
}

/// How late the device plays what it is handed, as its own stream reports
/// it: the longest delay seen and the longest period, for the life of the
/// audio thread (every stream it opens), so every cue of a session is late
/// by the same amount.
#[derive(Debug, Default)]
struct Latency {
    /// The longest delay from a period's request to its first frame being
    /// heard, in nanoseconds.
    delay_ns: AtomicU64,
    /// The longest period the device asked for, in nanoseconds (it may
    /// differ from the one asked of it: PulseAudio's ALSA plugin asks for
    /// 1365 frames at a time where 2048 were set).
    period_ns: AtomicU64,
    /// The lead last worked out ([`Latency::lead`]), in nanoseconds, for
    /// [`Audio::lead`]; 0 before any output opened.
    lead_ns: AtomicU64,
}

/// A reported delay longer than this is not believed for [`Latency`] (a
/// glitch of the device would otherwise make every later cue that late).
const LONGEST_BELIEVED_DELAY: Duration = Duration::from_secs(1);

impl Latency {
    /// What one request of the device said.
    fn saw(&self, delay: Duration, period: Duration) {
        let ns = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        if delay <= LONGEST_BELIEVED_DELAY {
            self.delay_ns.fetch_max(ns(delay), Ordering::Relaxed);
        }
        self.period_ns.fetch_max(ns(period), Ordering::Relaxed);
        self.publish(self.lead(period));
    }

    /// How long after it is due a sound starts: the longest period the
    /// device asked for (before it has asked, the one set), 5 ms, and the
    /// longest delay it reported. A sound sent just after the device asked
    /// for a period still starts on time in the next, and since each sample
    /// is placed by when it will be heard ([`HEARD_AT`]), every cue is late
    /// by this same amount, so their spacing is exact.
    fn lead(&self, period_set: Duration) -> Duration {
        let period = match self.period_ns.load(Ordering::Relaxed) {
            0 => period_set,
            seen => Duration::from_nanos(seen),
        };
        period
            + Duration::from_millis(5)
            + Duration::from_nanos(self.delay_ns.load(Ordering::Relaxed))
    }

    /// Keeps `lead` for [`Audio::lead`].
    fn publish(&self, lead: Duration) {
        let ns = u64::try_from(lead.as_nanos()).unwrap_or(u64::MAX).max(1);
        self.lead_ns.store(ns, Ordering::Relaxed);
    }
}

thread_local! {
    /// When the frame the output is filling now will be heard, set by the
    /// output's callback for each frame ([`fill`]) and read, on that same
    /// thread, by a sound as it first gives a sample ([`OnTime`]). `None`
    /// on any other thread (rodio's fallback output), where the moment it
    /// is asked stands in.
    static HEARD_AT: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// The open output: its mixer, the period asked of its device, and what
/// keeps it open.
struct OpenOutput {
    mixer: rodio::mixer::Mixer,
    period_set: Duration,
    _stream: Stream,
}

/// The period `buffer` asks of a device at `rate` (a [`PERIOD`] when it
/// leaves it to the device).
fn period_set(buffer: cpal::BufferSize, rate: u32) -> Duration {
    let frames = match buffer {
        cpal::BufferSize::Fixed(frames) => frames,
        cpal::BufferSize::Default => period_frames(rate),
    };
    Duration::from_secs_f64(f64::from(frames) / f64::from(rate.max(1)))
}

/// Held only to keep the stream playing: dropping it closes the stream.
#[expect(dead_code, reason = "held for its Drop, never read")]
enum Stream {
    /// Our own stream on the device, which says when each frame is heard.
    Own(cpal::Stream),
    /// rodio's, opened on whatever device it finds when ours fails.
    Rodio(rodio::MixerDeviceSink),
}

/// Opens the default output in the cues' form ([`CUE_RATE`], mono), or else
/// in the device's own form, each with a [`PERIOD`]; or else as rodio would
/// (which also tries the other devices).
fn open_output(latency: &Arc<Latency>) -> Result<OpenOutput, rodio::DeviceSinkError> {
    open_default_device(latency).or_else(|e| {
        log::debug!("sound output: the default device did not open ({e}); trying rodio's way");
        let mut sink = rodio::DeviceSinkBuilder::open_default_sink()?;
        sink.log_on_drop(false);
        let config = *sink.config();
        Ok(OpenOutput {
            mixer: sink.mixer().clone(),
            period_set: period_set(*config.buffer_size(), config.sample_rate().get()),
            _stream: Stream::Rodio(sink),
        })
    })
}

fn open_default_device(latency: &Arc<Latency>) -> Result<OpenOutput, rodio::DeviceSinkError> {
    use cpal::traits::{DeviceTrait, HostTrait};
    let device = cpal::default_host()
        .default_output_device()
        .ok_or(rodio::DeviceSinkError::NoDevice)?;
    let own = device
        .default_output_config()
        .map_err(rodio::DeviceSinkError::DefaultSinkConfigError)?;
    let format = own.sample_format();
    let in_cue_form = cpal::StreamConfig {
        channels: 1,
        sample_rate: CUE_RATE.get(),
        buffer_size: cpal::BufferSize::Fixed(period_frames(CUE_RATE.get())),
    };
    open_in(&device, in_cue_form, format, latency).or_else(|e| {
        log::debug!(
            "sound output: mono at {CUE_RATE} Hz was refused ({e}); trying the device's own form"
        );
        let in_own_form = cpal::StreamConfig {
            channels: own.channels(),
            sample_rate: own.sample_rate(),
            buffer_size: cpal::BufferSize::Fixed(period_frames(own.sample_rate())),
        };
        open_in(&device, in_own_form, format, latency)
    })
}

/// Opens a stream on `device` in `config`, fed by a new mixer.
fn open_in(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    format: cpal::SampleFormat,
    latency: &Arc<Latency>,
) -> Result<OpenOutput, rodio::DeviceSinkError> {
    use cpal::traits::StreamTrait;
    let channels =
        rodio::ChannelCount::new(config.channels).ok_or(rodio::DeviceSinkError::NoDevice)?;
    let rate =
        rodio::SampleRate::new(config.sample_rate).ok_or(rodio::DeviceSinkError::NoDevice)?;
    let period = period_set(config.buffer_size, config.sample_rate);
    let (mixer, source) = rodio::mixer::mixer(channels, rate);
    let latency = Arc::clone(latency);
    macro_rules! build {
        ($($format:ident => $sample:ty),+) => {
            match format {
                $(cpal::SampleFormat::$format => build_stream::<$sample>(device, config, source, latency),)+
                _ => return Err(rodio::DeviceSinkError::UnsupportedSampleFormat),
            }
        };
    }
    let stream = build!(F32 => f32, I16 => i16, I32 => i32, U8 => u8, U16 => u16, F64 => f64, I8 => i8, U32 => u32)
        .map_err(rodio::DeviceSinkError::BuildError)?;
    stream.play().map_err(rodio::DeviceSinkError::PlayError)?;
    Ok(OpenOutput {
        mixer,
        period_set: period,
        _stream: Stream::Own(stream),
    })
}

fn build_stream<T>(
    device: &cpal::Device,
    config: cpal::StreamConfig,
    mut source: rodio::mixer::MixerSource,
    latency: Arc<Latency>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: cpal::SizedSample + cpal::FromSample<f32>,
{
    use cpal::traits::DeviceTrait;
    let channels = usize::from(config.channels.max(1));
    let frame = Duration::from_secs_f64(1.0 / f64::from(config.sample_rate.max(1)));
    device.build_output_stream::<T, _, _>(
        config,
        move |data: &mut [T], info: &cpal::OutputCallbackInfo| {
            let stamp = info.timestamp();
            let delay = stamp.playback.duration_since(stamp.callback);
            let frames = u32::try_from(data.len() / channels).unwrap_or(u32::MAX);
            latency.saw(delay, frame * frames);
            fill(data, channels, frame, Instant::now() + delay, &mut source);
        },
        stream_errors(),
        None,
    )
}

/// Fills one period from `source`, saying for each frame when it will be
/// heard (`heard`: the first one; then a `frame` apart).
fn fill<T, S>(data: &mut [T], channels: usize, frame: Duration, heard: Instant, source: &mut S)
where
    T: cpal::SizedSample + cpal::FromSample<f32>,
    S: Iterator<Item = f32>,
{
    let mut at = heard;
    for samples in data.chunks_mut(channels) {
        HEARD_AT.set(Some(at));
        for sample in samples {
            *sample = source.next().map_or(T::EQUILIBRIUM, T::from_sample);
        }
        at += frame;
    }
    HEARD_AT.set(None);
}

/// What an open stream does with its errors: the first is logged as a
/// warning, the rest at debug level. Through PulseAudio's ALSA plugin a
/// stream reports "snd_pcm_avail_delay failed: I/O error" at nearly every
/// period while the server has no timing yet (alsa-plugins issue 65), and
/// plays on: rodio's own handler printed each one to stderr, about ten a
/// second.
fn stream_errors() -> impl FnMut(rodio::cpal::Error) + Send + 'static {
    let mut seen: u64 = 0;
    move |err| {
        seen += 1;
        if seen == 1 {
            log::warn!("sound output: {err} (more from this stream are logged at debug level)");
        } else {
            log::debug!("sound output, error {seen} of this stream: {err}");
        }
    }
}

fn audio_thread(
    rx: &Receiver<Command>,
    tx: &Sender<Command>,
    status: &Mutex<AudioStatus>,
    latency: Arc<Latency>,
) {
    // Open once to learn whether sound works, then close until needed.
    if let Err(e) = open_output(&latency) {
        log::warn!("sound is unavailable: {e}");
        set(status, AudioStatus::Unavailable(e.to_string()));
        // Drain commands so senders never notice; nothing is played.
        while rx.recv().is_ok() {}
        return;
    }
    set(status, AudioStatus::Ready);
    let mut output = Output {
        latency,
        ..Output::default()
    };
    while let Ok(command) = rx.recv() {
        match command {
            Command::KeepOpen(keep) => {
                output.keep = keep;
                if keep {
                    output.open(status);
                }
            }
            Command::Play(sounds, volume, at) => output.play(&sounds, volume, at, tx, status),
            Command::StopAll => {
                for (_, _, p) in output.players.drain(..) {
                    p.stop();
                }
            }
            Command::CancelPending => {
                let now = Instant::now();
                output.players.retain(|(_, at, p)| {
                    let pending = *at > now;
                    if pending {
                        p.stop();
                    }
                    !pending
                });
            }
            Command::Ended(id) => output.players.retain(|(n, _, _)| *n != id),
        }
        output.close_when_idle();
    }
}

/// How much further ahead than the lead a sound may be sent: a moment
/// further off than the two (a clock that is not the real one) starts it
/// that long after it is asked for.
const LONGEST_AHEAD: Duration = Duration::from_secs(1);

/// The device while it is open, and the players on it.
#[derive(Default)]
struct Output {
    sink: Option<OpenOutput>,
    /// Asked to stay open.
    keep: bool,
    /// Each player: its number, the moment its sound is to be heard, and
    /// the player.
    players: Vec<(u64, Instant, rodio::Player)>,
    next: u64,
    /// What the device's streams reported of their delay.
    latency: Arc<Latency>,
    /// The lead last logged.
    lead_said: Option<Duration>,
}

impl Output {
    fn open(&mut self, status: &Mutex<AudioStatus>) -> Option<&OpenOutput> {
        if self.sink.is_none() {
            let opening = Instant::now();
            match open_output(&self.latency) {
                Ok(sink) => {
                    log::debug!("sound output opened in {:?}", opening.elapsed());
                    // Known from the period asked, before the device says more.
                    if self.latency.lead_ns.load(Ordering::Relaxed) == 0 {
                        self.latency.publish(self.latency.lead(sink.period_set));
                    }
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
        at: Instant,
        tx: &Sender<Command>,
        status: &Mutex<AudioStatus>,
    ) {
        let latency = Arc::clone(&self.latency);
        let Some(sink) = self.open(status) else {
            return;
        };
        let (mixer, lead) = (sink.mixer.clone(), latency.lead(sink.period_set));
        if self.lead_said != Some(lead) {
            // Said when it changes: how long ahead of its moment a cue's
            // sound must be sent.
            log::debug!("sound: the device's lead is {lead:?}");
            self.lead_said = Some(lead);
        }
        let player = rodio::Player::connect_new(&mixer);
        player.set_volume(volume);
        let mut first = true;
        for sound in sounds {
            let Some(bytes) = assets::sound(sound) else {
                continue;
            };
            match rodio::Decoder::new_wav(Cursor::new(bytes)) {
                Ok(source) if first => {
                    first = false;
                    player.append(OnTime::new(source, at, lead + LONGEST_AHEAD));
                }
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
        self.players.push((id, at, player));
    }

    /// Closes the device when nobody keeps it open and nothing plays.
    fn close_when_idle(&mut self) {
        if !self.keep && self.players.is_empty() && self.sink.take().is_some() {
            log::debug!("sound output closed");
        }
    }
}

/// A sound that starts at a given moment: silent from the frame where the
/// device first asks for it (which it hears at [`HEARD_AT`]; outside our
/// output's callback, taken to be now) until then. A moment already past
/// starts it at once; one further off than `longest` (a clock that is not
/// the real one) waits `longest`.
struct OnTime<S> {
    sound: S,
    starts_at: Instant,
    longest: Duration,
    /// Samples of silence still to give; `None` until first asked.
    silence: Option<u64>,
}

impl<S: rodio::Source> OnTime<S> {
    fn new(sound: S, starts_at: Instant, longest: Duration) -> Self {
        OnTime {
            sound,
            starts_at,
            longest,
            silence: None,
        }
    }
}

impl<S: rodio::Source> Iterator for OnTime<S> {
    type Item = rodio::Sample;

    fn next(&mut self) -> Option<rodio::Sample> {
        let silence = self.silence.get_or_insert_with(|| {
            let heard = HEARD_AT.get().unwrap_or_else(Instant::now);
            let wait = self
                .starts_at
                .saturating_duration_since(heard)
                .min(self.longest);
            let frames = (wait.as_secs_f64() * f64::from(self.sound.sample_rate().get())) as u64;
            frames * u64::from(self.sound.channels().get())
        });
        if *silence > 0 {
            *silence -= 1;
            return Some(0.0);
        }
        self.sound.next()
    }
}

impl<S: rodio::Source> rodio::Source for OnTime<S> {
    fn current_span_len(&self) -> Option<usize> {
        let silence = usize::try_from(self.silence.unwrap_or(0)).unwrap_or(usize::MAX);
        self.sound
            .current_span_len()
            .map(|len| len.saturating_add(silence))
    }

    fn channels(&self) -> rodio::ChannelCount {
        self.sound.channels()
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        self.sound.sample_rate()
    }

    fn total_duration(&self) -> Option<Duration> {
        self.sound.total_duration()
    }
}

fn status_is_ready(status: &Mutex<AudioStatus>) -> bool {
    let s = status.lock().unwrap_or_else(|e| e.into_inner());
    *s == AudioStatus::Ready
}

#[cfg(test)]
mod tests;

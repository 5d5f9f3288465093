//! The session runner: one owner for a session in progress and its side
//! effects (sound, checkpoint, keeping the screen awake).
//!
//! The owner ([`Owner`]) holds the [`Session`] and is the only one that
//! moves it. In the app it runs on a thread of its own, which wakes at each
//! change the session foresees and when a command comes, so cues play on
//! time whether or not the window draws (minimized, covered, a slow
//! frame). The window, and any other front end, sends it commands
//! ([`SessionCommand`]) through [`SessionRunner`], and draws the read-only
//! [`SessionView`] the owner publishes after each change: nothing the
//! window does waits on the owner, and no lock is shared.
//!
//! In tests the owner is stepped instead ([`SessionRunner::tick`] on the
//! caller's thread, commands run at once), with the same code.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use super::audio::Audio;
use super::cues::sounds_for;
use super::desktop::IdleInhibit;
use super::make_record::{SessionMeta, checkpoint_record};
use super::speech::{Speaker, SpeechStatus};
use crate::log::{LocalTimestamp, LogStore};
use crate::schedule::{Ending, EventKind};
use crate::session::spoken::{time_to_next_words, utterance};
use crate::session::{Clock, Cue, CueKind, Session};

/// How cues sound, as set in Settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueSettings {
    /// Sounds on.
    pub sound: bool,
    /// Spoken guidance on: by the speech service, else the recorded words.
    pub spoken: bool,
    /// The steps of an exercise read aloud while getting into position.
    pub read_steps: bool,
    /// Volume 0.0–1.0.
    pub volume: f32,
}

/// Cues older than this when they are finally handled are not played: a
/// sound long after its moment would only confuse.
const STALE_CUE: Duration = Duration::from_millis(1500);

/// How long before a foreseen cue the sound output is open. An open output
/// costs as much CPU as drawing the hold screen (measured: 18 ticks in 20 s
/// against 20), so in a longer gap between cues it is closed. Opened this
/// long ahead, the sound server has settled its latency (within about 6 s
/// of opening, measured) and the cue sounds on time.
pub const SOUND_WARM_UP: Duration = Duration::from_secs(10);

/// The output closes only when the next cue is further off than this: a
/// gap worth closing for (a 30 s stretch, a 90 s hold), not the 15 s of
/// getting into position, where Continue sounds a cue at once.
pub const SOUND_CLOSE_GAP: Duration = Duration::from_secs(20);

/// How long the owner sleeps when the session foresees no change (paused,
/// waiting for Done): a command wakes it sooner.
const IDLE_WAIT: Duration = Duration::from_secs(3600);

/// How much earlier than the device's lead a foreseen cue's sound is sent:
/// room for the owner's thread to wake late on a busy machine. The sound
/// still starts on its moment ([`Audio::play`] places it to the sample).
const AHEAD_MARGIN: Duration = Duration::from_millis(100);

/// How long after its moment a foreseen cue's sound is placed: the window
/// shows a change only once the owner has published it and a frame is
/// drawn, which took 19 to 21 ms under Xvfb's software rendering
/// (e2e_speech's frame test, before this delay, sound 20.1 ms ahead of the
/// frame at the median). 15 ms keeps the sound within EBU R37's window
/// (at most 5 ms before the picture, 15 ms after) both there and on a
/// screen that draws in a few milliseconds. A command's sounds are not
/// delayed: the pain stop sounds at once.
const FRAME_ALLOWANCE: Duration = Duration::from_millis(15);

/// A command of the person's to the running session, from the window or
/// any other front end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionCommand {
    /// Begin (from ready).
    Start,
    /// Pause the running step.
    Pause,
    /// Resume the paused step.
    Resume,
    /// Pause when running, resume when paused: one key or button for both,
    /// decided by the owner from the session as it is, not as last drawn.
    PauseOrResume,
    /// End a step that may end early (Continue, Done).
    Continue,
    /// Continue where the step may end early, else skip to the next
    /// exercise: the one "next" of a media key or a presenter's clicker.
    ContinueOrSkip,
    /// Skip the rest of the exercise.
    Skip,
    /// Back to the start of the exercise, or the one before.
    Back,
    /// End the session early.
    End,
    /// "My pain is worse": stop at once.
    ReportPain,
}

impl SessionCommand {
    /// Runs the command on `session` at `now`; the cues it gave.
    fn run(self, session: &mut Session, now: Instant) -> Vec<Cue> {
        match self {
            Self::Start => session.start(now),
            Self::Pause => session.pause(now),
            Self::Resume => session.resume(now),
            Self::PauseOrResume if session.phase().is_paused() => session.resume(now),
            Self::PauseOrResume => session.pause(now),
            Self::Continue => session.continue_(now),
            Self::ContinueOrSkip => {
                let may_end = session.phase().running().is_some()
                    && session.step().is_some_and(|s| s.ending != Ending::Auto);
                if may_end {
                    session.continue_(now)
                } else {
                    session.skip(now)
                }
            }
            Self::Skip => session.skip(now),
            Self::Back => session.back(now),
            Self::End => session.end(now),
            Self::ReportPain => session.report_pain(now),
        }
    }
}

/// The session as it stood at its last change, read-only: what the window
/// draws (the time left is worked out from it and the instant of the
/// frame) and what the record is made from once the session is over.
#[derive(Debug, Clone)]
pub struct SessionView {
    /// The engine, as of the last change.
    pub session: Session,
    /// What the record needs.
    pub meta: SessionMeta,
}

/// What the front end sends the owner.
enum Message {
    /// A command of the person's.
    Command(SessionCommand),
    /// How cues sound now (from Settings, mid-session).
    CueSettings(CueSettings),
    /// The session's record is written: no checkpoint may be saved any
    /// more, and the one on disk is removed.
    CloseCheckpoints,
}

/// What the owner tells the front end.
enum Update {
    /// The session changed: how it stands now, and the cues of the change.
    Changed {
        view: Arc<SessionView>,
        cues: Vec<Cue>,
    },
    /// A checkpoint could not be written (why), or, after such a failure,
    /// one was (`None`).
    Checkpoint(Option<String>),
}

/// How the front end is woken when the session changed (the window's
/// repaint request).
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// The one owner of a running session: the engine, its sounds, its
/// checkpoint and the screen kept awake. Only it moves the session.
struct Owner {
    session: Session,
    meta: SessionMeta,
    cue_settings: CueSettings,
    clock: Arc<dyn Clock>,
    audio: Audio,
    /// Says the spoken guidance through the speech service.
    speaker: Speaker,
    /// The speech service's connection is held for the session.
    speech_kept: bool,
    /// Where the checkpoint goes.
    checkpoints: Checkpoints,
    /// Keeps the screen awake while the session runs (not paused, not over).
    idle: IdleInhibit,
    /// The sound output was last asked to stay open (true) or to close;
    /// `None` before the first ask.
    output_kept: Option<bool>,
    /// The screen was last asked to stay awake (true) or not.
    awake_kept: bool,
    /// The record is written: no more checkpoints.
    checkpoints_closed: bool,
    /// The sounds of the cues due up to this moment were sent ahead (see
    /// [`Owner::send_ahead`]); they are not sent again when the cues come.
    sent_ahead: Option<Instant>,
    updates: Sender<Update>,
    wake: Option<Wake>,
    /// Other front ends following the session (the media player): each
    /// gets every view published.
    watchers: Vec<Sender<Arc<SessionView>>>,
}

impl Owner {
    /// Handles one message at `now`.
    fn handle(&mut self, message: Message, now: Instant) {
        match message {
            Message::Command(command) => {
                // What was being said, or sent ahead to be, no longer
                // fits: the command's own words follow at once.
                if self.speaks() {
                    self.speaker.cancel();
                }
                self.apply(now, true, |s, now| command.run(s, now));
                self.send_ahead(now);
            }
            Message::CueSettings(settings) => {
                self.cue_settings = settings;
                self.keep_output(now);
                self.keep_speech();
            }
            Message::CloseCheckpoints => {
                self.checkpoints_closed = true;
                self.checkpoints.send(DiskJob::Clear);
            }
        }
    }

    /// Moves the session up to `now`, playing what fell due, and sends
    /// ahead the sound of a cue coming within the device's lead.
    fn tick(&mut self, now: Instant) {
        self.apply(now, false, Session::tick);
        self.send_ahead(now);
    }

    /// How long before the next cue its sound is sent: the device's lead
    /// and a margin; `None` while the device has not said its lead, or
    /// with sound off (the sound is then sent when the cue comes).
    fn ahead(&self) -> Option<Duration> {
        if !self.cue_settings.sound {
            return None;
        }
        self.audio.lead().map(|lead| lead + AHEAD_MARGIN)
    }

    /// How long from `now` until the next cue's sound is to be sent ahead,
    /// if it is not yet.
    fn time_to_send_ahead(&self, now: Instant) -> Option<Duration> {
        let ahead = self.ahead()?;
        let wait = self.session.time_to_next_cue(now)?;
        let due = now + wait;
        if self.sent_ahead.is_some_and(|sent| due <= sent) {
            return None;
        }
        Some(wait.saturating_sub(ahead))
    }

    /// Sends the sounds of the cues coming within the device's lead, each
    /// to be heard on its moment, so a cue is heard as the screen shows
    /// it, not a lead later. They are foreseen exactly: a copy of the
    /// session is moved to that moment, giving the same cues (and words)
    /// the session will. A command before then cancels what was sent
    /// ([`Owner::play`]).
    fn send_ahead(&mut self, now: Instant) {
        if self.time_to_send_ahead(now) != Some(Duration::ZERO) {
            return;
        }
        let Some(wait) = self.session.time_to_next_cue(now) else {
            return;
        };
        let due = now + wait;
        let mut future = self.session.clone();
        let cues = future.tick(due);
        self.play_sounds(&cues, &future, now, FRAME_ALLOWANCE);
        self.sent_ahead = Some(due);
    }

    /// Runs `step` on the session and handles the cues it gives: their
    /// sounds first, then the new view for the front end, then the
    /// checkpoint on disk (so neither the sound nor the screen waits on
    /// the disk). A command is always published, a tick only when it
    /// changed something (it gave cues).
    fn apply(
        &mut self,
        now: Instant,
        command: bool,
        step: impl FnOnce(&mut Session, Instant) -> Vec<Cue>,
    ) {
        let cues = step(&mut self.session, now);
        // Asked only when it changes: this runs at every tick.
        let phase = self.session.phase();
        let awake = !self.session.is_finished() && !phase.is_paused();
        if awake != self.awake_kept {
            self.idle.keep_awake(awake);
            self.awake_kept = awake;
        }
        if cues.is_empty() {
            // At each tick: the output may open for a cue coming near.
            self.keep_output(now);
            if command {
                self.publish(cues);
            }
            return;
        }
        self.play(&cues, now, command);
        // After the last words are sent: the connection may close once
        // they are said.
        if self.speech_kept && self.session.is_finished() {
            self.speaker.keep(false);
            self.speech_kept = false;
        }
        // After the cues' sounds are sent, so the last ones of a session
        // play on the open device before it closes.
        self.keep_output(now);
        self.publish(cues);
        self.checkpoint();
    }

    /// Hands the front end the session as it is now, with `cues`, and
    /// wakes it.
    fn publish(&mut self, cues: Vec<Cue>) {
        let view = Arc::new(SessionView {
            session: self.session.clone(),
            meta: self.meta.clone(),
        });
        self.watchers
            .retain(|watcher| watcher.send(Arc::clone(&view)).is_ok());
        // The front end gone (the window closed): nobody to tell.
        if self.updates.send(Update::Changed { view, cues }).is_ok()
            && let Some(wake) = &self.wake
        {
            wake();
        }
    }

    /// Keeps the sound output open while the session runs with sound on,
    /// and lets it close (after its last sound) when the session pauses or
    /// ends, or while the next cue is more than [`SOUND_CLOSE_GAP`] off
    /// (the middle of a long hold or timed position), to open it again
    /// [`SOUND_WARM_UP`] before that cue; asks only when that changes.
    fn keep_output(&mut self, now: Instant) {
        let phase = self.session.phase();
        // No foreseen cue while running: the step waits for Done, whose
        // press sounds at once. Between the two marks it stays as it is, so
        // a step a little longer than the warm-up does not close and open
        // it. Before the first ask it is open (since the check-in).
        let kept = self.output_kept.unwrap_or(true);
        let cue_near = match self.session.time_to_next_cue(now) {
            None => true,
            Some(wait) if kept => wait <= SOUND_CLOSE_GAP,
            Some(wait) => wait <= SOUND_WARM_UP,
        };
        let wanted = self.cue_settings.sound && !phase.is_final() && !phase.is_paused() && cue_near;
        if self.output_kept != Some(wanted) {
            self.audio.keep_open(wanted);
            self.output_kept = Some(wanted);
        }
    }

    /// Plays the sounds of the cues the session just gave, less those
    /// already sent ahead. A command (pause, skip, back, end, the pain
    /// stop) first cancels every sound sent ahead and not yet heard: what
    /// was foreseen no longer comes. The pain stop stops every sound.
    fn play(&mut self, cues: &[Cue], now: Instant, command: bool) {
        if cues.iter().any(|c| c.kind == CueKind::StoppedForPain) {
            self.audio.stop_all();
        }
        let sent = self.sent_ahead;
        if command && sent.is_some_and(|sent| sent > now) {
            self.audio.cancel_pending();
            self.sent_ahead = None;
        }
        // The cues up to the moment sent ahead were heard (or are being):
        // a cue the session gives is never later than now.
        // A command's own cues are never sent ahead, even on the moment
        // of one that was ("Paused" on a countdown's tick).
        let fresh: Vec<Cue> = cues
            .iter()
            .filter(|c| {
                sent.is_none_or(|sent| c.at > sent) || !matches!(c.kind, CueKind::Planned(_))
            })
            .cloned()
            .collect();
        self.play_sounds(&fresh, &self.session, now, Duration::ZERO);
    }

    /// Holds the speech service's connection while the session runs with
    /// spoken guidance on (turned on mid-session too: it is looked for
    /// then); it is let go when the session ends.
    fn keep_speech(&mut self) {
        let settings = self.cue_settings;
        let wanted = settings.sound && settings.spoken && !self.session.is_finished();
        if wanted && !self.speech_kept {
            self.speaker.keep(true);
            self.speech_kept = true;
        }
    }

    /// Whether the words are spoken by the speech service (it answered),
    /// not the recorded words.
    fn speaks(&self) -> bool {
        let settings = self.cue_settings;
        settings.sound && settings.spoken && self.speaker.status() == SpeechStatus::Ready
    }

    /// Sends the sounds of `cues` (given by `session`), each to be heard
    /// `after` its moment (a cue sent ahead: [`FRAME_ALLOWANCE`]): the tones, and the words spoken by the speech
    /// service when it answers, else the recorded words.
    fn play_sounds(&self, cues: &[Cue], session: &Session, now: Instant, after: Duration) {
        let settings = self.cue_settings;
        if !settings.sound {
            return;
        }
        let speaks = self.speaks();
        let session_ends = cues
            .iter()
            .any(|c| c.event() == Some(EventKind::SessionEnd));
        for cue in cues {
            if now.saturating_duration_since(cue.at) > STALE_CUE {
                continue;
            }
            let recorded = settings.spoken && !speaks;
            let sounds = sounds_for(cue, session, recorded, session_ends);
            self.audio.play(sounds, settings.volume, cue.at + after);
        }
        if speaks {
            self.speak(cues, session, now);
        }
    }

    /// Sends the speech service what is said for `cues`, a sentence for
    /// each moment, to be said on it: shortened or left out so that it
    /// ends before the next words (of a later moment of `cues`, else the
    /// next `session` foresees).
    fn speak(&self, cues: &[Cue], session: &Session, now: Instant) {
        let wpm = self.speaker.words_per_minute();
        let mut moments: Vec<Instant> = cues.iter().map(|c| c.at).collect();
        moments.dedup();
        for (i, at) in moments.iter().copied().enumerate() {
            if now.saturating_duration_since(at) > STALE_CUE {
                continue;
            }
            let read_steps = self.cue_settings.read_steps;
            let batch: Vec<Cue> = cues.iter().filter(|c| c.at == at).copied().collect();
            let words = utterance(&batch, session.schedule(), read_steps);
            if words.is_empty() {
                continue;
            }
            // The next words: of a later moment of `cues`, else foreseen
            // on the session (as of `now`, or of `at` when sent ahead:
            // counted from the later).
            let later = moments.get(i + 1..).unwrap_or_default().iter().find(|m| {
                let batch: Vec<Cue> = cues.iter().filter(|c| c.at == **m).copied().collect();
                !utterance(&batch, session.schedule(), read_steps).is_empty()
            });
            let next = match later {
                Some(next) => Some(*next),
                None => {
                    let from = at.max(now);
                    time_to_next_words(session, from, read_steps).map(|wait| from + wait)
                }
            };
            let room = next.map(|next| next.saturating_duration_since(at));
            if let Some(text) = words.fitted(room, wpm) {
                self.speaker.say(text, at);
            }
        }
    }

    /// Writes the checkpoint: on every repetition and phase change, so a
    /// kill loses nothing already done. A session stopped for pain is kept
    /// as such while the person answers the questions after the stop; a
    /// completed or ended one keeps its full progress until the check-out
    /// writes the record.
    fn checkpoint(&mut self) {
        if self.checkpoints_closed || matches!(self.checkpoints, Checkpoints::None) {
            return;
        }
        let record = checkpoint_record(
            &self.meta,
            &self.session,
            LocalTimestamp::from_zoned(&self.clock.wall()),
        );
        self.checkpoints.send(DiskJob::Save(Box::new(record)));
    }

    /// The owner's thread: wakes at each change the session foresees and at
    /// each message, until the front end lets go of the session. The wait
    /// runs on the monotonic clock, which stands still while the computer
    /// sleeps; at most a second after it wakes, the clock (which counts the
    /// sleep) shows the jump and the session pauses.
    fn run(mut self, messages: Receiver<Message>) {
        loop {
            let message = if self.session.is_finished() {
                // Nothing more to time: only a message (closing the
                // checkpoints) or the end.
                match messages.recv() {
                    Ok(m) => Some(m),
                    Err(_) => break,
                }
            } else {
                let now = self.clock.now();
                let wait = [
                    self.session.time_to_next_change(now),
                    self.time_to_send_ahead(now),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(IDLE_WAIT);
                match messages.recv_timeout(wait) {
                    Ok(m) => Some(m),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            };
            let now = self.clock.now();
            match message {
                Some(message) => self.handle(message, now),
                None => self.tick(now),
            }
        }
    }
}

/// What is done to the checkpoint on disk.
enum DiskJob {
    /// Replace it with this record.
    Save(Box<crate::log::SessionRecord>),
    /// Remove it: the session's record is written.
    Clear,
}

/// The checkpoint file and whether writing it fails, saying when that
/// begins and ends.
struct Disk {
    store: Arc<LogStore>,
    failing: bool,
    updates: Sender<Update>,
    wake: Option<Wake>,
}

impl Disk {
    fn run(&mut self, job: DiskJob) {
        match job {
            DiskJob::Save(record) => self.save(&record),
            DiskJob::Clear => {
                if let Err(e) = self.store.clear_checkpoint() {
                    log::warn!("could not clear the checkpoint: {e}");
                }
            }
        }
    }

    fn save(&mut self, record: &crate::log::SessionRecord) {
        // The front end is told, and woken, only when the checkpoint's
        // state changes: a frame after every write (each cue) drew
        // nothing new.
        let changed = match self.store.save_checkpoint(record) {
            Ok(()) if self.failing => {
                self.failing = false;
                self.updates.send(Update::Checkpoint(None)).is_ok()
            }
            Ok(()) => false,
            Err(e) => {
                log::warn!("could not save the session checkpoint: {e}");
                !self.failing && {
                    self.failing = true;
                    self.updates
                        .send(Update::Checkpoint(Some(e.to_string())))
                        .is_ok()
                }
            }
        };
        if changed && let Some(wake) = &self.wake {
            wake();
        }
    }

    /// The writer's thread: the newest record of those waiting is written
    /// (older ones would only be replaced), a clear after every write.
    fn serve(mut self, jobs: &Receiver<DiskJob>) {
        while let Ok(first) = jobs.recv() {
            let mut newest = first;
            for job in jobs.try_iter() {
                match (&newest, job) {
                    (DiskJob::Clear, _) => {}
                    (_, job) => newest = job,
                }
            }
            self.run(newest);
        }
    }
}

/// Where the owner's checkpoints go: nowhere (no log, or a window that
/// only reads it), to the disk here (stepped: tests see each write at
/// once), or to a writer thread of their own, so a slow or stalled disk
/// never holds up a cue or a command: the pain stop above all.
enum Checkpoints {
    None,
    Here(Disk),
    Writer(Sender<DiskJob>),
}

impl Checkpoints {
    fn send(&mut self, job: DiskJob) {
        match self {
            Self::None => {}
            Self::Here(disk) => disk.run(job),
            Self::Writer(jobs) => {
                if jobs.send(job).is_err() {
                    log::warn!("the checkpoint writer has ended; progress is not saved");
                }
            }
        }
    }

    /// Where checkpoints to `store` go, for an owner on `run_on`.
    fn to(store: Option<Arc<LogStore>>, run_on: &RunOn, updates: &Sender<Update>) -> Self {
        let Some(store) = store.filter(|s| !s.is_read_only()) else {
            return Self::None;
        };
        let (wake, thread) = match run_on {
            RunOn::Thread { wake } => (wake.clone(), true),
            RunOn::Stepped => (None, false),
        };
        let disk = Disk {
            store,
            failing: false,
            updates: updates.clone(),
            wake,
        };
        if !thread {
            return Self::Here(disk);
        }
        let (jobs, rx) = mpsc::channel();
        let (hand_over, take) = mpsc::channel::<Disk>();
        let spawned = std::thread::Builder::new()
            .name("neckguide-checkpoint".to_owned())
            .spawn(move || {
                if let Ok(disk) = take.recv() {
                    disk.serve(&rx);
                }
            });
        match spawned {
            Ok(_) => match hand_over.send(disk) {
                Ok(()) => Self::Writer(jobs),
                Err(mpsc::SendError(disk)) => Self::Here(disk),
            },
            Err(e) => {
                log::warn!("could not start the checkpoint writer; it writes in turn: {e}");
                Self::Here(disk)
            }
        }
    }
}

/// Where the owner runs.
pub enum RunOn {
    /// On a thread of its own, timed by the clock: the app.
    Thread {
        /// Called after each change, from the owner's thread.
        wake: Option<Wake>,
    },
    /// On the caller's thread, moved only by [`SessionRunner::tick`] and
    /// commands: tests, frame by frame on a manual clock.
    Stepped,
}

enum Driver {
    /// The owner is on its thread, reading the runner's channel.
    Thread,
    /// The owner is here; what other front ends send waits in `inbox`
    /// until the next tick.
    Stepped {
        owner: Box<Owner>,
        inbox: Receiver<Message>,
    },
}

/// What another front end (the media player) holds to give the running
/// session the person's commands; cheap to clone, never waits.
#[derive(Clone)]
pub struct SessionRemote {
    messages: Sender<Message>,
}

impl SessionRemote {
    /// Sends `command` to the session's owner; false once the session is
    /// gone.
    pub fn send(&self, command: SessionCommand) -> bool {
        self.messages.send(Message::Command(command)).is_ok()
    }
}

/// The state of the checkpoint writes, as the app reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CheckpointProblem {
    /// Why the last write failed, while it keeps failing.
    reason: Option<String>,
    /// The reason was already handed out by [`SessionRunner::new_checkpoint_problem`].
    told: bool,
}

/// The front end's handle on a running session: it sends the owner
/// commands and keeps the owner's latest [`SessionView`]. Nothing here
/// waits on the owner. Dropping it lets the owner go (its thread ends).
pub struct SessionRunner {
    driver: Driver,
    /// To the owner's thread (or a stepped owner's inbox).
    messages: Sender<Message>,
    updates: Receiver<Update>,
    view: Arc<SessionView>,
    cues: Vec<Cue>,
    checkpoint_problem: CheckpointProblem,
    clock: Arc<dyn Clock>,
}

/// What a session runner is made of.
pub struct RunnerParts {
    /// What the record needs.
    pub meta: SessionMeta,
    /// How cues sound at the start.
    pub cue_settings: CueSettings,
    /// Stamps checkpoints and times the session.
    pub clock: Arc<dyn Clock>,
    /// Plays the cues.
    pub audio: Audio,
    /// Speaks the spoken guidance.
    pub speaker: Speaker,
    /// Where checkpoints go (none: not written).
    pub store: Option<Arc<LogStore>>,
    /// Keeps the screen awake while the session runs.
    pub idle: IdleInhibit,
    /// Other front ends that follow the session (the media player): each
    /// gets every view the owner publishes.
    pub watchers: Vec<Sender<Arc<SessionView>>>,
}

impl SessionRunner {
    /// Starts `session` now and gives it its owner, on `run_on`.
    pub fn start(session: Session, parts: RunnerParts, run_on: RunOn) -> Self {
        let (tx, updates) = mpsc::channel();
        let wake = match &run_on {
            RunOn::Thread { wake } => wake.clone(),
            RunOn::Stepped => None,
        };
        let view = Arc::new(SessionView {
            session: session.clone(),
            meta: parts.meta.clone(),
        });
        let clock = Arc::clone(&parts.clock);
        let checkpoints = Checkpoints::to(parts.store, &run_on, &tx);
        let mut owner = Owner {
            session,
            meta: parts.meta,
            cue_settings: parts.cue_settings,
            clock: parts.clock,
            audio: parts.audio,
            speaker: parts.speaker,
            speech_kept: false,
            checkpoints,
            idle: parts.idle,
            output_kept: None,
            awake_kept: false,
            checkpoints_closed: false,
            sent_ahead: None,
            updates: tx,
            wake,
            watchers: parts.watchers,
        };
        // The speech service's connection is held for the session (it was
        // looked for at the check-in, so its first words are on time).
        owner.keep_speech();
        // Started here, so the view is there before this returns.
        owner.handle(Message::Command(SessionCommand::Start), clock.now());
        let (messages, inbox) = mpsc::channel();
        let driver = match run_on {
            RunOn::Stepped => Driver::Stepped {
                owner: Box::new(owner),
                inbox,
            },
            RunOn::Thread { .. } => {
                // The owner goes to its thread once the thread is there, so
                // it is not lost when no thread can be made.
                let (hand_over, take) = mpsc::channel::<(Owner, Receiver<Message>)>();
                let spawned = std::thread::Builder::new()
                    .name("neckguide-session".to_owned())
                    .spawn(move || {
                        if let Ok((owner, inbox)) = take.recv() {
                            owner.run(inbox);
                        }
                    });
                let stepped = |(owner, inbox)| Driver::Stepped {
                    owner: Box::new(owner),
                    inbox,
                };
                match spawned {
                    Ok(_) => match hand_over.send((owner, inbox)) {
                        Ok(()) => Driver::Thread,
                        Err(mpsc::SendError(kept)) => stepped(kept),
                    },
                    Err(e) => {
                        // The session still runs, moved on by the frames.
                        log::warn!(
                            "could not start the session's thread; cues follow the window: {e}"
                        );
                        stepped((owner, inbox))
                    }
                }
            }
        };
        let mut runner = Self {
            driver,
            messages,
            updates,
            view,
            cues: Vec::new(),
            checkpoint_problem: CheckpointProblem::default(),
            clock,
        };
        runner.receive();
        runner
    }

    /// The session as of its last change.
    pub fn view(&self) -> &SessionView {
        &self.view
    }

    /// The session as of its last change, to keep.
    pub fn shared_view(&self) -> Arc<SessionView> {
        Arc::clone(&self.view)
    }

    /// Sends the owner a command of the person's. On a stepped owner it
    /// runs now.
    pub fn send(&mut self, command: SessionCommand) {
        self.tell(Message::Command(command));
    }

    /// Changes how cues sound (from Settings, mid-session).
    pub fn set_cue_settings(&mut self, settings: CueSettings) {
        self.tell(Message::CueSettings(settings));
    }

    /// The session's record is written: no checkpoint may be saved any
    /// more, and the one on disk is removed.
    pub fn close_checkpoints(&mut self) {
        self.tell(Message::CloseCheckpoints);
    }

    fn tell(&mut self, message: Message) {
        match &mut self.driver {
            Driver::Thread => {
                if self.messages.send(message).is_err() {
                    log::warn!("the session's thread has ended; the command is lost");
                }
            }
            Driver::Stepped { owner, .. } => owner.handle(message, self.clock.now()),
        }
    }

    /// A handle for another front end (the media player) to send the
    /// session commands.
    pub fn remote(&self) -> SessionRemote {
        SessionRemote {
            messages: self.messages.clone(),
        }
    }

    /// Moves a stepped owner up to now (a frame of a test, or the window
    /// when no thread could be made), after what other front ends sent it;
    /// an owner on its thread times itself.
    pub fn tick(&mut self) {
        if let Driver::Stepped { owner, inbox } = &mut self.driver {
            let now = self.clock.now();
            for message in inbox.try_iter() {
                owner.handle(message, now);
            }
            owner.tick(now);
        }
    }

    /// Takes in what the owner said since the last call: the newest view,
    /// and the checkpoint's state. Never waits.
    pub fn receive(&mut self) {
        loop {
            match self.updates.try_recv() {
                Ok(Update::Changed { view, cues }) => {
                    self.view = view;
                    self.cues.extend(cues);
                }
                Ok(Update::Checkpoint(Some(reason))) => {
                    if self.checkpoint_problem.reason.is_none() {
                        self.checkpoint_problem = CheckpointProblem {
                            reason: Some(reason),
                            told: false,
                        };
                    }
                }
                Ok(Update::Checkpoint(None)) => {
                    self.checkpoint_problem = CheckpointProblem::default();
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
    }

    /// The cues given since the last call, in order.
    pub fn take_cues(&mut self) -> Vec<Cue> {
        std::mem::take(&mut self.cues)
    }

    /// Why the session's progress cannot be saved to disk, the first time it
    /// is asked after the writes began to fail (then `None` until they
    /// succeed again and fail anew).
    pub fn new_checkpoint_problem(&mut self) -> Option<String> {
        if self.checkpoint_problem.told {
            return None;
        }
        self.checkpoint_problem.told = true;
        self.checkpoint_problem.reason.clone()
    }

    /// Whether the last checkpoint write failed (its progress is not on
    /// disk).
    pub fn checkpoint_failing(&self) -> bool {
        self.checkpoint_problem.reason.is_some()
    }

    /// Whether the owner runs on a thread of its own.
    #[cfg(test)]
    fn on_thread(&self) -> bool {
        matches!(self.driver, Driver::Thread)
    }
}

#[cfg(test)]
mod tests;

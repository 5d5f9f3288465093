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
use super::record::{SessionMeta, checkpoint_record};
use crate::log::{LocalTimestamp, LogStore};
use crate::schedule::EventKind;
use crate::session::{Clock, Cue, CueKind, Session};

/// How cues sound, as set in Settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueSettings {
    /// Sounds on.
    pub sound: bool,
    /// Spoken cues on.
    pub spoken: bool,
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
    store: Option<Arc<LogStore>>,
    /// Keeps the screen awake while the session runs (not paused, not over).
    idle: IdleInhibit,
    /// The sound output was last asked to stay open (true) or to close;
    /// `None` before the first ask.
    output_kept: Option<bool>,
    /// The screen was last asked to stay awake (true) or not.
    awake_kept: bool,
    /// The record is written: no more checkpoints.
    checkpoints_closed: bool,
    /// The last checkpoint write failed.
    checkpoint_failing: bool,
    /// The sounds of the cues due up to this moment were sent ahead (see
    /// [`Owner::send_ahead`]); they are not sent again when the cues come.
    sent_ahead: Option<Instant>,
    updates: Sender<Update>,
    wake: Option<Wake>,
}

impl Owner {
    /// Handles one message at `now`.
    fn handle(&mut self, message: Message, now: Instant) {
        match message {
            Message::Command(command) => {
                self.apply(now, true, |s, now| command.run(s, now));
                self.send_ahead(now);
            }
            Message::CueSettings(settings) => {
                self.cue_settings = settings;
                self.keep_output(now);
            }
            Message::CloseCheckpoints => {
                self.checkpoints_closed = true;
                if let Some(store) = &self.store
                    && let Err(e) = store.clear_checkpoint()
                {
                    log::warn!("could not clear the checkpoint: {e}");
                }
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
        self.play_sounds(&cues, &future, now);
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
        // After the cues' sounds are sent, so the last ones of a session
        // play on the open device before it closes.
        self.keep_output(now);
        self.publish(cues);
        self.checkpoint();
    }

    /// Hands the front end the session as it is now, with `cues`, and
    /// wakes it.
    fn publish(&self, cues: Vec<Cue>) {
        let view = Arc::new(SessionView {
            session: self.session.clone(),
            meta: self.meta.clone(),
        });
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
        let fresh: Vec<Cue> = cues
            .iter()
            .filter(|c| sent.is_none_or(|sent| c.at > sent))
            .cloned()
            .collect();
        self.play_sounds(&fresh, &self.session, now);
    }

    /// Sends the sounds of `cues` (given by `session`), each to be heard
    /// at its moment.
    fn play_sounds(&self, cues: &[Cue], session: &Session, now: Instant) {
        let settings = self.cue_settings;
        if !settings.sound {
            return;
        }
        let session_ends = cues
            .iter()
            .any(|c| c.event() == Some(EventKind::SessionEnd));
        for cue in cues {
            if now.saturating_duration_since(cue.at) > STALE_CUE {
                continue;
            }
            let sounds = sounds_for(cue, session, settings.spoken, session_ends);
            self.audio.play(sounds, settings.volume, cue.at);
        }
    }

    /// Writes the checkpoint: on every repetition and phase change, so a
    /// kill loses nothing already done. A session stopped for pain is kept
    /// as such while the person answers the questions after the stop; a
    /// completed or ended one keeps its full progress until the check-out
    /// writes the record. Says when writing begins or stops failing.
    fn checkpoint(&mut self) {
        if self.checkpoints_closed {
            return;
        }
        let Some(store) = &self.store else {
            return;
        };
        if store.is_read_only() {
            return;
        }
        let record = checkpoint_record(
            &self.meta,
            &self.session,
            LocalTimestamp::from_zoned(&self.clock.wall()),
        );
        match store.save_checkpoint(&record) {
            Ok(()) if self.checkpoint_failing => {
                self.checkpoint_failing = false;
                let _ = self.updates.send(Update::Checkpoint(None));
            }
            Ok(()) => {}
            Err(e) => {
                log::warn!("could not save the session checkpoint: {e}");
                if !self.checkpoint_failing {
                    self.checkpoint_failing = true;
                    let _ = self.updates.send(Update::Checkpoint(Some(e.to_string())));
                }
            }
        }
        if let Some(wake) = &self.wake {
            wake();
        }
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
    Thread(Sender<Message>),
    Stepped(Box<Owner>),
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
    /// Where checkpoints go (none: not written).
    pub store: Option<Arc<LogStore>>,
    /// Keeps the screen awake while the session runs.
    pub idle: IdleInhibit,
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
        let mut owner = Owner {
            session,
            meta: parts.meta,
            cue_settings: parts.cue_settings,
            clock: parts.clock,
            audio: parts.audio,
            store: parts.store,
            idle: parts.idle,
            output_kept: None,
            awake_kept: false,
            checkpoints_closed: false,
            checkpoint_failing: false,
            sent_ahead: None,
            updates: tx,
            wake,
        };
        // Started here, so the view is there before this returns.
        owner.handle(Message::Command(SessionCommand::Start), clock.now());
        let driver = match run_on {
            RunOn::Stepped => Driver::Stepped(Box::new(owner)),
            RunOn::Thread { .. } => {
                let (messages, rx) = mpsc::channel();
                // The owner goes to its thread once the thread is there, so
                // it is not lost when no thread can be made.
                let (hand_over, take) = mpsc::channel::<Owner>();
                let spawned = std::thread::Builder::new()
                    .name("neckguide-session".to_owned())
                    .spawn(move || {
                        if let Ok(owner) = take.recv() {
                            owner.run(rx);
                        }
                    });
                match spawned {
                    Ok(_) => match hand_over.send(owner) {
                        Ok(()) => Driver::Thread(messages),
                        Err(mpsc::SendError(owner)) => Driver::Stepped(Box::new(owner)),
                    },
                    Err(e) => {
                        // The session still runs, moved on by the frames.
                        log::warn!(
                            "could not start the session's thread; cues follow the window: {e}"
                        );
                        Driver::Stepped(Box::new(owner))
                    }
                }
            }
        };
        let mut runner = Self {
            driver,
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
            Driver::Thread(messages) => {
                if messages.send(message).is_err() {
                    log::warn!("the session's thread has ended; the command is lost");
                }
            }
            Driver::Stepped(owner) => owner.handle(message, self.clock.now()),
        }
    }

    /// Moves a stepped owner up to now (a frame of a test, or the window
    /// when no thread could be made); an owner on its thread times itself.
    pub fn tick(&mut self) {
        if let Driver::Stepped(owner) = &mut self.driver {
            owner.tick(self.clock.now());
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
        matches!(self.driver, Driver::Thread(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::audio::Command;
    use crate::exercise::Position;
    use crate::log::RoutineRef;
    use crate::schedule::{Schedule, ScheduleConfig};
    use crate::session::tests::{holds, item};
    use crate::session::{ManualClock, SessionConfig};

    /// A runner of one exercise, stepped: one hold of `hold_seconds`,
    /// sound on, its commands to the audio thread kept. Started.
    fn runner(hold_seconds: u32) -> (SessionRunner, Arc<ManualClock>, mpsc::Receiver<Command>) {
        let item = item("long", Position::Sitting, holds(hold_seconds, 1, 1, 0));
        let schedule = Schedule::build(&[item], &ScheduleConfig::default());
        let session = match Session::new(schedule, SessionConfig::default()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let clock = Arc::new(ManualClock::new());
        let (audio, rx) = Audio::recording();
        let runner = SessionRunner::start(session, parts(&clock, audio), RunOn::Stepped);
        (runner, clock, rx)
    }

    fn parts(clock: &Arc<ManualClock>, audio: Audio) -> RunnerParts {
        let clock_dyn: Arc<dyn Clock> = clock.clone();
        RunnerParts {
            meta: SessionMeta {
                id: "s".to_owned(),
                routine: RoutineRef {
                    id: "r".into(),
                    name: "R".into(),
                    times_per_day: 1,
                },
                started_at: LocalTimestamp::from_zoned(&clock.wall()),
                pain_before: None,
                arm: None,
            },
            cue_settings: CueSettings {
                sound: true,
                spoken: false,
                volume: 1.0,
            },
            clock: clock_dyn,
            audio,
            store: None,
            idle: IdleInhibit::none(),
        }
    }

    /// Runs the session to its end in 100 ms ticks; returns what the audio
    /// thread was asked, each with the ms it was asked at.
    fn asked(hold_seconds: u32) -> Vec<(u64, String)> {
        let (mut runner, clock, rx) = runner(hold_seconds);
        let mut asked = Vec::new();
        let read = |asked: &mut Vec<(u64, String)>| {
            let ms = clock.ms_since_base(clock.now());
            asked.extend(rx.try_iter().map(|c| (ms, format!("{c:?}"))));
        };
        read(&mut asked);
        while !runner.view().session.is_finished() {
            clock.advance_ms(100);
            runner.tick();
            runner.receive();
            read(&mut asked);
            assert!(clock.ms_since_base(clock.now()) < 600_000, "{asked:?}");
        }
        asked
    }

    fn keeps(asked: &[(u64, String)]) -> Vec<(u64, bool)> {
        asked
            .iter()
            .filter_map(|(ms, c)| match c.as_str() {
                "KeepOpen(true)" => Some((*ms, true)),
                "KeepOpen(false)" => Some((*ms, false)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_sound_output_closes_in_a_long_hold_and_opens_again_before_its_end() {
        let asked = asked(60);
        // Getting into position (15 s: kept open, Continue sounds at once),
        // get ready 3 s, the hold from 18 s to 78 s.
        assert_eq!(
            keeps(&asked),
            [(0, true), (18_000, false), (68_000, true), (78_000, false)],
            "{asked:?}"
        );
        // Every cue is sent while the output is kept open, and the hold's
        // start while it is still playing (it closes after that sound).
        for (ms, c) in &asked {
            if c.starts_with("Play") {
                assert!(!(18_000 < *ms && *ms < 68_000), "{ms}: {c}");
            }
        }
    }

    #[test]
    fn a_hold_shorter_than_the_gap_keeps_the_output_open() {
        let asked = asked(20);
        // The hold from 18 s to 38 s: its end is 20 s off at its start.
        assert_eq!(keeps(&asked), [(0, true), (38_000, false)], "{asked:?}");
    }

    /// A short session (a 1 s hold, 100 ms to get into position and
    /// ready) on the system clock, its owner on its own thread.
    fn threaded(wake: Option<Wake>) -> (SessionRunner, mpsc::Receiver<Command>) {
        let item = item("short", Position::Sitting, holds(1, 1, 1, 0));
        let config = ScheduleConfig {
            get_ready_ms: 100,
            position_ms: 100,
            between_ms: 100,
        };
        let schedule = Schedule::build(&[item], &config);
        let session = match Session::new(schedule, SessionConfig::default()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let clock = Arc::new(ManualClock::new());
        let (audio, rx) = Audio::recording();
        let mut parts = parts(&clock, audio);
        parts.clock = Arc::new(crate::session::SystemClock::new());
        (
            SessionRunner::start(session, parts, RunOn::Thread { wake }),
            rx,
        )
    }

    /// Takes in the owner's news until `done` holds of the view, for at
    /// most 10 s; whether it did.
    fn until(runner: &mut SessionRunner, done: impl Fn(&SessionView) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            runner.receive();
            if done(runner.view()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn the_owner_runs_the_session_to_its_end_with_no_one_stepping_it() {
        let woken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = Arc::clone(&woken);
        let wake: Wake = Arc::new(move || {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let (mut runner, rx) = threaded(Some(wake));
        assert!(runner.on_thread());
        // Nobody calls tick: the owner's thread moves the session on.
        assert!(until(&mut runner, |v| v.session.is_finished()));
        let cues = runner.take_cues();
        assert!(
            cues.iter()
                .any(|c| c.event() == Some(EventKind::SessionEnd)),
            "{cues:?}"
        );
        // Each cue's sound was sent by the owner at its moment.
        let plays = rx
            .try_iter()
            .filter(|c| matches!(c, Command::Play(..)))
            .count();
        assert!(plays >= 3, "{plays} sounds");
        // The front end was woken for each change it was sent.
        assert!(woken.load(std::sync::atomic::Ordering::SeqCst) >= 3);
    }

    #[test]
    fn a_command_is_run_by_the_owner_and_its_view_comes_back() {
        let (mut runner, _rx) = threaded(None);
        runner.send(SessionCommand::PauseOrResume);
        assert!(until(&mut runner, |v| v.session.phase().is_paused()));
        let cues = runner.take_cues();
        assert!(cues.iter().any(|c| c.kind == CueKind::Paused), "{cues:?}");
        // Paused, it stays so: the owner sleeps until told.
        std::thread::sleep(Duration::from_millis(400));
        runner.receive();
        assert!(runner.view().session.phase().is_paused());
        runner.send(SessionCommand::ReportPain);
        assert!(until(&mut runner, |v| v.session.phase().is_final()));
        assert!(
            runner
                .take_cues()
                .iter()
                .any(|c| c.kind == CueKind::StoppedForPain)
        );
    }

    /// The sounds a stepped session of one `hold_seconds` hold asks for
    /// with the device's lead `lead`, stepped in 10 ms ticks, with
    /// `command` given `at_ms` in: each as (ms it was sent, ms it is to be
    /// heard); and whether a pending sound was cancelled.
    fn sounds_sent(
        lead: Option<Duration>,
        commands: &[(u64, SessionCommand)],
    ) -> (Vec<(u64, u64)>, bool) {
        let item = item("long", Position::Sitting, holds(3, 2, 1, 0));
        let schedule = Schedule::build(&[item], &ScheduleConfig::default());
        let session = match Session::new(schedule, SessionConfig::default()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let clock = Arc::new(ManualClock::new());
        let (audio, rx) = match lead {
            Some(lead) => Audio::recording_with_lead(lead),
            None => Audio::recording(),
        };
        let mut runner = SessionRunner::start(session, parts(&clock, audio), RunOn::Stepped);
        let mut sent = Vec::new();
        let mut cancelled = false;
        let mut read = |sent: &mut Vec<(u64, u64)>| {
            let ms = clock.ms_since_base(clock.now());
            for c in rx.try_iter() {
                match c {
                    Command::Play(_, _, at) => sent.push((ms, clock.ms_since_base(at))),
                    Command::CancelPending => cancelled = true,
                    _ => {}
                }
            }
        };
        read(&mut sent);
        while !runner.view().session.is_finished() {
            clock.advance_ms(10);
            runner.tick();
            let ms = clock.ms_since_base(clock.now());
            for (_, command) in commands.iter().filter(|(at, _)| *at == ms) {
                runner.send(*command);
            }
            runner.receive();
            read(&mut sent);
            assert!(clock.ms_since_base(clock.now()) < 600_000, "{sent:?}");
        }
        (sent, cancelled)
    }

    #[test]
    fn each_foreseen_cue_is_sent_a_lead_ahead_to_be_heard_on_its_moment() {
        let lead = Duration::from_millis(250);
        let (late, _) = sounds_sent(None, &[]);
        let (ahead, cancelled) = sounds_sent(Some(lead), &[]);
        assert!(!cancelled);
        // The same sounds, each to be heard at the same moment: its cue's.
        let moments = |sent: &[(u64, u64)]| sent.iter().map(|(_, at)| *at).collect::<Vec<_>>();
        assert_eq!(moments(&ahead), moments(&late), "{ahead:?}");
        // Without a lead each is sent when its cue comes (the first, the
        // start, when the session starts); with one, every cue that came
        // by itself was sent the lead and the margin ahead (to the 10 ms
        // tick).
        assert!(late.iter().all(|(sent, at)| sent == at), "{late:?}");
        let early = (lead + AHEAD_MARGIN).as_millis() as u64;
        for (sent, at) in ahead.iter().skip(1) {
            assert!(at - sent >= early && at - sent < early + 10, "{ahead:?}");
        }
    }

    #[test]
    fn a_pause_within_the_lead_cancels_the_sound_sent_ahead() {
        let lead = Duration::from_millis(250);
        let (plain, _) = sounds_sent(Some(lead), &[]);
        // A cue after the getting ready (the hold's end): its sounds are
        // sent 350 ms ahead; a pause 100 ms before it cancels them, and
        // after the resume 1 s later they are sent again.
        let (sent, due) = plain
            .iter()
            .copied()
            .find(|(_, at)| *at > 18_000)
            .unwrap_or_else(|| panic!("{plain:?}"));
        assert!(sent < due);
        let (paused, cancelled) = sounds_sent(
            Some(lead),
            &[
                (due - 100, SessionCommand::PauseOrResume),
                (due + 900, SessionCommand::PauseOrResume),
            ],
        );
        assert!(cancelled, "{paused:?}");
        // Sent for its old moment; after the resume, with 100 ms left, at
        // once for its new moment, 1 s later.
        assert!(paused.contains(&(sent, due)), "{paused:?}");
        assert!(paused.contains(&(due + 900, due + 1000)), "{paused:?}");
        assert_eq!(paused.len(), plain.len() + 2, "{paused:?} {plain:?}");
        // Without the pause nothing is cancelled.
        let (_, cancelled) = sounds_sent(Some(lead), &[]);
        assert!(!cancelled);
    }
}

//! The session runner: a session in progress and its side effects (sound,
//! checkpoint), shared between the window and a background ticker thread, so
//! cues play on time when the window is minimized or covered.
//!
//! Whoever gets there first (the ticker at each deadline, or the window at a
//! frame) calls [`SessionRunner::advance`]; the engine hands out each event
//! exactly once, so the sound plays once and the checkpoint is written once.
//! The app drains [`SessionRunner::take_ui_cues`] for what the window shows.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::audio::Audio;
use super::cues::sounds_for;
use super::desktop::IdleInhibit;
use super::record::{SessionMeta, checkpoint_record};
use crate::log::{LocalTimestamp, LogStore, SessionRecord};
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

/// The state behind the lock.
pub struct RunnerState {
    /// The engine.
    pub session: Session,
    /// What the record needs.
    pub meta: SessionMeta,
    /// How cues sound.
    pub cue_settings: CueSettings,
    ui_cues: Vec<Cue>,
    /// Counts checkpoint records, so an older one never overwrites a newer.
    checkpoint_seq: u64,
    /// The sound output was last asked to stay open (true) or to close;
    /// `None` before the first ask.
    output_kept: Option<bool>,
    /// The screen was last asked to stay awake (true) or not.
    awake_kept: bool,
}

/// A running session and its side effects (sound, checkpoint).
#[derive(Clone)]
pub struct SessionRunner {
    state: Arc<Mutex<RunnerState>>,
    clock: Arc<dyn Clock>,
    audio: Audio,
    store: Option<Arc<LogStore>>,
    /// The newest checkpoint written; `u64::MAX` once the record is final.
    written_seq: Arc<Mutex<u64>>,
    /// Why the last checkpoint could not be written (cleared by the next
    /// one that is), and whether the app has been told.
    checkpoint_problem: Arc<Mutex<CheckpointProblem>>,
    /// Keeps the screen awake while the session runs (not paused, not over).
    idle: IdleInhibit,
}

/// The state of the checkpoint writes, as the app reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct CheckpointProblem {
    /// Why the last write failed, while it keeps failing.
    reason: Option<String>,
    /// The reason was already handed out by [`SessionRunner::new_checkpoint_problem`].
    told: bool,
}

impl SessionRunner {
    /// Wraps a session that has not started yet. `clock` stamps checkpoints
    /// and drives the ticker.
    pub fn new(
        session: Session,
        meta: SessionMeta,
        cue_settings: CueSettings,
        clock: Arc<dyn Clock>,
        audio: Audio,
        store: Option<Arc<LogStore>>,
    ) -> Self {
        Self {
            state: Arc::new(Mutex::new(RunnerState {
                session,
                meta,
                cue_settings,
                ui_cues: Vec::new(),
                checkpoint_seq: 0,
                output_kept: None,
                awake_kept: false,
            })),
            clock,
            audio,
            store,
            written_seq: Arc::new(Mutex::new(0)),
            checkpoint_problem: Arc::default(),
            idle: IdleInhibit::none(),
        }
    }

    /// Keeps the screen from blanking while the session runs, through
    /// `idle`; released when it is paused or over.
    pub fn keep_awake_with(mut self, idle: IdleInhibit) -> Self {
        self.idle = idle;
        self
    }

    /// The state, for reading or for a command. A poisoned lock (a panic
    /// elsewhere) still gives the data: the session must stay usable.
    pub fn lock(&self) -> MutexGuard<'_, RunnerState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a command (or a tick) on the session and handles the cues it gives.
    pub fn apply(&self, now: Instant, command: impl FnOnce(&mut Session, Instant) -> Vec<Cue>) {
        let checkpoint = {
            let mut state = self.lock();
            let cues = command(&mut state.session, now);
            // Asked only when it changes: this runs at every frame and tick.
            let awake = !state.session.is_finished() && !state.session.phase().is_paused();
            if awake != state.awake_kept {
                self.idle.keep_awake(awake);
                state.awake_kept = awake;
            }
            if cues.is_empty() {
                // At each tick: the output may open for a cue coming near.
                self.keep_output(&mut state, now);
                return;
            }
            let checkpoint = self.effects(&state, &cues, now);
            // After the cues' sounds are sent, so the last ones of a session
            // play on the open device before it closes.
            self.keep_output(&mut state, now);
            state.ui_cues.extend(cues);
            state.checkpoint_seq += 1;
            checkpoint.map(|record| (state.checkpoint_seq, record))
        };
        // The disk write happens outside the session lock, so the window
        // never waits on it; the sequence keeps an older record from
        // overwriting a newer one written by the other thread.
        if let (Some(store), Some((seq, record))) = (&self.store, checkpoint) {
            let mut written = self.written_seq.lock().unwrap_or_else(|e| e.into_inner());
            if seq > *written {
                let result = store.save_checkpoint(&record);
                let mut problem = self
                    .checkpoint_problem
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                match result {
                    Ok(()) => {
                        *written = seq;
                        *problem = CheckpointProblem::default();
                    }
                    Err(e) => {
                        log::warn!("could not save the session checkpoint: {e}");
                        if problem.reason.is_none() {
                            *problem = CheckpointProblem {
                                reason: Some(e.to_string()),
                                told: false,
                            };
                        }
                    }
                }
            }
        }
    }

    /// Why the session's progress cannot be saved to disk, the first time it
    /// is asked after the writes began to fail (then `None` until they
    /// succeed again and fail anew).
    pub fn new_checkpoint_problem(&self) -> Option<String> {
        let mut problem = self
            .checkpoint_problem
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if problem.told {
            return None;
        }
        problem.told = true;
        problem.reason.clone()
    }

    /// Whether the last checkpoint write failed (its progress is not on
    /// disk).
    pub fn checkpoint_failing(&self) -> bool {
        self.checkpoint_problem
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .reason
            .is_some()
    }

    /// The session's record is written: no checkpoint may be saved any more,
    /// and the one on disk is removed.
    pub fn close_checkpoints(&self) {
        let mut written = self.written_seq.lock().unwrap_or_else(|e| e.into_inner());
        *written = u64::MAX;
        if let Some(store) = &self.store
            && let Err(e) = store.clear_checkpoint()
        {
            log::warn!("could not clear the checkpoint: {e}");
        }
    }

    /// Moves the session up to `now`.
    pub fn advance(&self, now: Instant) {
        self.apply(now, Session::tick);
    }

    /// The cues the window has not seen yet.
    pub fn take_ui_cues(&self) -> Vec<Cue> {
        std::mem::take(&mut self.lock().ui_cues)
    }

    /// Changes how cues sound (from Settings, mid-session).
    pub fn set_cue_settings(&self, settings: CueSettings) {
        let mut state = self.lock();
        state.cue_settings = settings;
        self.keep_output(&mut state, self.clock.now());
    }

    /// Keeps the sound output open while the session runs with sound on,
    /// and lets it close (after its last sound) when the session pauses or
    /// ends, or while the next cue is more than [`SOUND_CLOSE_GAP`] off
    /// (the middle of a long hold or timed position), to open it again
    /// [`SOUND_WARM_UP`] before that cue; asks only when that changes.
    fn keep_output(&self, state: &mut RunnerState, now: Instant) {
        let phase = state.session.phase();
        // No foreseen cue while running: the step waits for Done, whose
        // press sounds at once. Between the two marks it stays as it is, so
        // a step a little longer than the warm-up does not close and open
        // it. Before the first ask it is open (since the check-in).
        let kept = state.output_kept.unwrap_or(true);
        let cue_near = match state.session.time_to_next_cue(now) {
            None => true,
            Some(wait) if kept => wait <= SOUND_CLOSE_GAP,
            Some(wait) => wait <= SOUND_WARM_UP,
        };
        let wanted =
            state.cue_settings.sound && !phase.is_final() && !phase.is_paused() && cue_near;
        if state.output_kept != Some(wanted) {
            self.audio.keep_open(wanted);
            state.output_kept = Some(wanted);
        }
    }

    /// Plays the cues' sounds; returns the checkpoint record to save, if any.
    fn effects(&self, state: &RunnerState, cues: &[Cue], now: Instant) -> Option<SessionRecord> {
        let settings = state.cue_settings;
        if cues.iter().any(|c| c.kind == CueKind::StoppedForPain) {
            self.audio.stop_all();
        }
        if settings.sound {
            let session_ends = cues
                .iter()
                .any(|c| c.event() == Some(EventKind::SessionEnd));
            for cue in cues {
                if now.saturating_duration_since(cue.at) > STALE_CUE {
                    continue;
                }
                let sounds = sounds_for(cue, &state.session, settings.spoken, session_ends);
                self.audio.play(sounds, settings.volume, cue.at);
            }
        }
        // Checkpoint on every repetition and phase change, so a kill loses
        // nothing already done.
        // A session stopped for pain is recorded at once; a completed or
        // ended one keeps its full progress in the checkpoint until the
        // check-out writes the record.
        let store = self.store.as_ref()?;
        if store.is_read_only() {
            return None;
        }
        Some(checkpoint_record(
            &state.meta,
            &state.session,
            LocalTimestamp::from_zoned(&self.clock.wall()),
        ))
    }

    /// Starts the background ticker: a thread that wakes at each change the
    /// session foresees and advances it, playing its cues, whether or not
    /// the window is drawing. It asks for no repaint: the window schedules
    /// its own (one a second during a countdown), so a visible second is
    /// drawn once. It ends when the session is finished or the returned
    /// handle is dropped.
    pub fn spawn_ticker(&self) -> Ticker {
        let (tx, rx) = mpsc::channel::<()>();
        let live = self.clone();
        let clock = Arc::clone(&self.clock);
        let spawned = std::thread::Builder::new()
            .name("neckguide-ticker".to_owned())
            .spawn(move || {
                loop {
                    let wait = {
                        let state = live.lock();
                        if state.session.is_finished() {
                            break;
                        }
                        state.session.time_to_next_change(clock.now())
                    };
                    // Nothing foreseen (paused, waiting for Done): sleep until woken.
                    // The wait runs on the monotonic clock, which stands still
                    // while the computer sleeps; at most a second after it
                    // wakes, the clock (which counts the sleep) shows the jump
                    // and the session pauses.
                    let wait = wait.unwrap_or(Duration::from_secs(3600));
                    match rx.recv_timeout(wait) {
                        Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                    live.advance(clock.now());
                }
            });
        if let Err(e) = &spawned {
            log::warn!("could not start the session ticker; cues follow the window: {e}");
        }
        Ticker { wake: tx }
    }
}

/// The handle of a running ticker thread; dropping it stops the thread.
pub struct Ticker {
    wake: Sender<()>,
}

impl Ticker {
    /// Tells the ticker the session changed (a command), so it recomputes
    /// when to wake.
    pub fn wake(&self) {
        let _ = self.wake.send(());
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

    /// A runner of one exercise: one hold of `hold_seconds`, sound on, its
    /// commands to the audio thread kept.
    fn runner(hold_seconds: u32) -> (SessionRunner, Arc<ManualClock>, mpsc::Receiver<Command>) {
        let item = item("long", Position::Sitting, holds(hold_seconds, 1, 1, 0));
        let schedule = Schedule::build(&[item], &ScheduleConfig::default());
        let session = match Session::new(schedule, SessionConfig::default()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let clock = Arc::new(ManualClock::new());
        let (audio, rx) = Audio::recording();
        let meta = SessionMeta {
            id: "s".to_owned(),
            routine: RoutineRef {
                id: "r".into(),
                name: "R".into(),
                times_per_day: 1,
            },
            started_at: LocalTimestamp::from_zoned(&clock.wall()),
            pain_before: None,
            arm: None,
        };
        let settings = CueSettings {
            sound: true,
            spoken: false,
            volume: 1.0,
        };
        let clock_dyn: Arc<dyn Clock> = clock.clone();
        let runner = SessionRunner::new(session, meta, settings, clock_dyn, audio, None);
        (runner, clock, rx)
    }

    /// Runs the session to its end in 100 ms ticks; returns what the audio
    /// thread was asked, each with the ms it was asked at.
    fn asked(hold_seconds: u32) -> Vec<(u64, String)> {
        let (runner, clock, rx) = runner(hold_seconds);
        runner.apply(clock.now(), Session::start);
        let mut asked = Vec::new();
        let read = |asked: &mut Vec<(u64, String)>| {
            let ms = clock.ms_since_base(clock.now());
            asked.extend(rx.try_iter().map(|c| (ms, format!("{c:?}"))));
        };
        read(&mut asked);
        while !runner.lock().session.is_finished() {
            runner.advance(clock.advance_ms(100));
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
}

//! Running a session: starting it from the check-in, moving it on, the
//! person's commands, and the record at its end, kept and tried again when
//! it cannot be written. Part of [`App`].

use std::sync::Arc;
use std::time::Duration;

use super::App;
use super::desktop::mpris::PlayerAsk;
use super::make_record::{self, SessionMeta, new_session_id};
use super::runner::{RunOn, RunnerParts, SessionCommand, SessionRunner, SessionView};
use crate::log::record::{PainScore, RoutineRef};
use crate::log::{LocalTimestamp, LogError};
use crate::plan::Plan;
use crate::routine::Routine;
use crate::schedule::EventKind;
use crate::session::{CueKind, Session};

/// What the check-in found, as the session's record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CheckInAnswers {
    /// Pain now, 0–10.
    pub pain: Option<u8>,
    /// Numbness, tingling or weakness in the arm or hand: where, if asked.
    pub arm: Option<crate::checkin::ArmSymptoms>,
}

/// A session came to an end: what the window shows next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionEnded {
    /// The person reported more pain; the record is already written.
    StoppedForPain,
    /// The session ran to its end or was ended early: the check-out asks for
    /// pain after and a note, then [`App::save_session`] writes the record.
    CheckOut,
}

/// What became of the last finished session's record: what the screens
/// after a session say, decided here from what was really written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordState {
    /// It is in the log on disk.
    Saved,
    /// It could not be written yet (the reason); the app keeps it and tries
    /// again.
    Pending(String),
    /// It cannot be written by this window (the log is read-only or
    /// missing): the reason.
    NotSaved(String),
}

/// How the message about a record not yet written begins.
const UNSAVED_PREFIX: &str = "This session could not be saved yet";
/// The start of the notice that a session's progress (its checkpoint)
/// could not be saved, which goes once it is (or its record is).
const PROGRESS_PREFIX: &str = "Your progress could not be saved to disk";

/// How often a record that could not be written is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(10);

impl App {
    /// The plan of the next session of the active `routine` today, paced by
    /// the person's settings ([`crate::plan`]): each exercise at its dose in
    /// effect, the held-out ones left out, each with why. From the figures
    /// already computed from the log ([`App::figures`]).
    fn plan_next(&self, routine: &Routine) -> Plan {
        let figures = self.figures();
        figures
            .in_effect
            .plan(routine, figures.done_today, &self.settings().pacing())
    }

    /// Starts the next session of the active routine now. A problem (no
    /// routine, nothing due) becomes a notice and no session starts.
    pub fn start_session(&mut self, answers: CheckInAnswers) {
        // A pain stop still waiting for its answers is saved without them.
        self.finish_pain_stop(None, None);
        let Some(routine) = self.active_routine().cloned() else {
            self.warn("There is no routine to start.");
            return;
        };
        if !self.log_ready() {
            // Today's sessions and the held-out exercises come from it.
            self.warn("Your history is still being read; start the session again in a moment.");
            return;
        }
        let plan = self.plan_next(&routine);
        // Each exercise left out says why, for as long as the session runs.
        self.drop_left_out_notices(|_| true);
        for left in &plan.left_out {
            let text = format!("{} is not in this session: {}.", left.name, left.reason);
            self.warn(&text);
            self.left_out_notices.push((left.name.clone(), text));
        }
        let session = match Session::new(plan.schedule, self.session_config) {
            Ok(s) => s,
            Err(e) => {
                self.warn(&e.to_string());
                return;
            }
        };
        let started = self.clock.wall();
        let meta = SessionMeta {
            id: new_session_id(started.timestamp()),
            routine: RoutineRef {
                id: routine.id.as_str().into(),
                name: routine.name.as_str().into(),
                times_per_day: routine.times_per_day,
            },
            started_at: LocalTimestamp::from_zoned(&started),
            pain_before: answers.pain.and_then(PainScore::new),
            arm: answers.arm,
        };
        // The media player follows the session's views.
        let (views_tx, views) = std::sync::mpsc::channel();
        let parts = RunnerParts {
            meta,
            cue_settings: self.cue_settings(),
            clock: Arc::clone(&self.clock),
            audio: self.audio.clone(),
            speaker: self.speaker.clone(),
            store: self.log.store().cloned(),
            idle: self.inhibitor.handle(),
            watchers: vec![views_tx],
        };
        let run_on = if self.session_thread {
            RunOn::Thread {
                wake: self.session_wake.clone(),
            }
        } else {
            RunOn::Stepped
        };
        let runner = SessionRunner::start(session, parts, run_on);
        let (asks_tx, asks) = std::sync::mpsc::channel();
        self.desktop
            .media_player(runner.remote(), runner.shared_view(), views, asks_tx);
        self.player_asks = Some(asks);
        self.runner = Some(runner);
    }

    /// What the media player asked of the window since the last call
    /// (Stop: ask whether to end, as Esc does).
    pub fn take_player_asks(&mut self) -> Vec<PlayerAsk> {
        self.player_asks
            .as_ref()
            .map(|asks| asks.try_iter().collect())
            .unwrap_or_default()
    }

    /// The check-in began: opens the sound output now (when sound is on),
    /// so the session's first cue sounds on time.
    pub fn prepare_sound(&self) {
        if self.settings().sound {
            self.audio.keep_open(true);
            // Its first words too: the speech service is looked for now.
            if self.settings().spoken_cues {
                self.speaker.check();
            }
        }
    }

    /// The check-in was left with no session: the sound output may close.
    pub fn sound_not_needed(&self) {
        if !self.session_running() {
            self.audio.keep_open(false);
        }
    }

    /// The session in progress or just finished (until the next begins),
    /// as of its last change.
    pub fn session(&self) -> Option<&SessionView> {
        self.runner.as_ref().map(SessionRunner::view)
    }

    /// Wakes the window (`wake`, a repaint request) whenever a running
    /// session changes; the session's owner calls it from its thread.
    pub fn wake_on_session_change(&mut self, wake: super::runner::Wake) {
        // Settings shows what the speech service's search found.
        self.speaker.wake_with(std::sync::Arc::clone(&wake));
        self.session_wake = Some(wake);
    }

    /// Whether a session is running (started and not finished).
    pub fn session_running(&self) -> bool {
        self.session().is_some_and(|v| !v.session.is_finished())
    }

    /// Forgets a finished session (the next check-in begins).
    pub fn clear_finished_session(&mut self) {
        if !self.session_running() {
            self.runner = None;
            // What was left out of it is said no more.
            self.drop_left_out_notices(|_| true);
        }
    }

    /// Moves the session up to now; says whether it came to an end. Also
    /// tries again, now and then, to write a record that could not be.
    pub fn advance(&mut self) -> Option<SessionEnded> {
        let due = self
            .last_try
            .is_none_or(|tried| self.clock.now().saturating_duration_since(tried) >= RETRY_EVERY);
        if !self.unsaved.is_empty() && due {
            self.retry_saving();
        }
        let runner = self.runner.as_mut()?;
        runner.tick();
        runner.receive();
        self.handle_cues()
    }

    /// Gives the session a command of the person's (pause, skip, the pain
    /// stop, …); says whether it came to an end. The owner of a session
    /// on its own thread runs it at once and wakes the window: what it did
    /// is taken in at the next frame ([`App::advance`]).
    pub fn session_command(&mut self, command: SessionCommand) -> Option<SessionEnded> {
        let runner = self.runner.as_mut()?;
        runner.send(command);
        runner.receive();
        self.handle_cues()
    }

    /// How long until the session's next visible change (a second of a
    /// countdown, the next step), while one runs.
    pub fn time_to_next_change(&self) -> Option<Duration> {
        let view = self.session()?;
        view.session.time_to_next_change(self.clock.now())
    }

    /// Reacts to what the session said: a pain stop is recorded at once; the
    /// end of a session waits for the check-out. Says at once when progress
    /// can no longer be saved to disk.
    fn handle_cues(&mut self) -> Option<SessionEnded> {
        let runner = self.runner.as_mut()?;
        let failing = runner.checkpoint_failing();
        if let Some(reason) = runner.new_checkpoint_problem() {
            self.warn(&format!(
                "{PROGRESS_PREFIX} ({reason}). The session goes on and neckguide keeps it; if the app is closed now, it is lost."
            ));
        } else if !failing {
            // A checkpoint was written since: closing the app loses nothing.
            self.progress_saved();
        }
        let cues = self.runner.as_mut()?.take_cues();
        let mut ended = None;
        for cue in cues {
            match cue.kind {
                // The record waits for the questions after the stop
                // (App::finish_pain_stop); meanwhile the checkpoint holds
                // it as stopped for pain, so closing the app loses nothing.
                CueKind::StoppedForPain => {
                    self.pain_stop_at = Some(LocalTimestamp::from_zoned(&self.clock.wall()));
                    self.record_state = self.cannot_save_reason().map(RecordState::NotSaved);
                    ended = Some(SessionEnded::StoppedForPain);
                }
                CueKind::EndedEarly => ended = Some(SessionEnded::CheckOut),
                CueKind::Planned(e) if e.kind == EventKind::SessionEnd => {
                    ended = Some(SessionEnded::CheckOut);
                }
                _ => {}
            }
        }
        ended
    }

    /// Saves the finished session with the check-out's answers. Returns
    /// whether the record was written; when it was not, a notice says why
    /// and [`App::record_state`] says what became of it.
    pub fn save_session(&mut self, pain_after: Option<u8>, note: &str) -> bool {
        self.write_record(
            pain_after.and_then(PainScore::new),
            note.trim().to_owned(),
            None,
        )
    }

    /// Whether a session stopped for pain waits for the answers after the
    /// stop before its record is written.
    pub fn pain_stop_open(&self) -> bool {
        self.pain_stop_at.is_some()
    }

    /// Writes the record of the session stopped for pain with what the
    /// person added after the stop: pain now (`pain_after`) and where arm
    /// symptoms are now (the stop's reason is then decided from it and the
    /// check-in's answer, [`crate::log::PainStop::answer_arm_now`]). Once;
    /// returns whether it was written.
    pub fn finish_pain_stop(
        &mut self,
        pain_now: Option<u8>,
        arm_now: Option<crate::checkin::ArmSymptoms>,
    ) -> bool {
        let Some(stopped_at) = self.pain_stop_at.take() else {
            return false;
        };
        self.write_record_at(
            pain_now.and_then(PainScore::new),
            String::new(),
            arm_now,
            stopped_at,
        )
    }

    /// Takes back the notice that the session's progress could not be
    /// saved: it is on disk now, so "if the app is closed now, it is lost"
    /// is no longer true.
    fn progress_saved(&mut self) {
        self.notices
            .retain(|n| !n.text.starts_with(PROGRESS_PREFIX));
    }

    /// Why a session done now could not be saved by this window, if so.
    fn cannot_save_reason(&self) -> Option<String> {
        match self.log.store() {
            Some(store) if store.is_read_only() => {
                Some("this window can only read your history".to_owned())
            }
            Some(_) => None,
            None => Some("there is no session log".to_owned()),
        }
    }

    /// How long until the next try at writing the records that could not
    /// be written (`None` when none wait): the window wakes up for it.
    pub fn time_to_retry(&self) -> Option<Duration> {
        if self.unsaved.is_empty() {
            return None;
        }
        let since = self.last_try.map_or(RETRY_EVERY, |t| {
            self.clock.now().saturating_duration_since(t)
        });
        Some(RETRY_EVERY.saturating_sub(since))
    }

    /// Whether sessions done in this window are written to the log (it holds
    /// the log and may write it).
    pub fn can_save(&self) -> bool {
        self.log.can_save()
    }

    /// Whether another neckguide window holds the log: this one can only
    /// show the history, and starts no session.
    pub fn open_elsewhere(&self) -> bool {
        self.log.open_elsewhere()
    }

    /// What became of the last finished session's record (`None` before
    /// any finished).
    pub fn record_state(&self) -> Option<&RecordState> {
        self.record_state.as_ref()
    }

    /// Tries again to write the records that could not be written, oldest
    /// first. Returns whether all are now saved.
    pub fn retry_saving(&mut self) -> bool {
        if self.unsaved.is_empty() {
            return true;
        }
        self.last_try = Some(self.clock.now());
        let Some(store) = self.log.store().cloned() else {
            return self.unsaved.is_empty();
        };
        while let Some(record) = self.unsaved.first() {
            if let Err(e) = store.append(record) {
                log::warn!("could not save a session record, again: {e}");
                return false;
            }
            let record = self.unsaved.remove(0);
            // The checkpoint is this session's only while nothing newer runs.
            if let Some(runner) = &mut self.runner
                && runner.view().meta.id == record.id
            {
                runner.close_checkpoints();
                self.record_state = Some(RecordState::Saved);
            }
            self.log.push_record(record);
            self.say_if_log_replaced();
        }
        self.notices.retain(|n| !n.text.starts_with(UNSAVED_PREFIX));
        // Every finished session is on disk; one running says its own.
        if !self.session_running() {
            self.progress_saved();
        }
        self.notice("Your session is now saved.", false);
        true
    }

    /// Writes the finished session's record and clears the checkpoint; keeps
    /// the session for the screens that show it. Returns whether it was
    /// written.
    fn write_record(
        &mut self,
        pain_after: Option<PainScore>,
        note: String,
        arm_now: Option<crate::checkin::ArmSymptoms>,
    ) -> bool {
        let ended_at = LocalTimestamp::from_zoned(&self.clock.wall());
        self.write_record_at(pain_after, note, arm_now, ended_at)
    }

    /// [`App::write_record`] with the time the session ended.
    fn write_record_at(
        &mut self,
        pain_after: Option<PainScore>,
        note: String,
        arm_now: Option<crate::checkin::ArmSymptoms>,
        ended_at: LocalTimestamp,
    ) -> bool {
        // Records waiting to be written go first, to keep the log's order.
        let earlier_waiting = !self.unsaved.is_empty() && !self.retry_saving();
        let Some(runner) = &mut self.runner else {
            return false;
        };
        let record = {
            let state = runner.view();
            let outcome = state
                .session
                .outcome()
                .map_or(crate::log::Outcome::Interrupted, Into::into);
            let mut record = make_record::record(
                &state.meta,
                &state.session,
                outcome,
                ended_at,
                pain_after,
                note,
            );
            if let Some(stop) = &mut record.pain_stop {
                stop.answer_arm_now(state.meta.arm, arm_now);
            }
            record
        };
        let state = match self.log.store() {
            Some(_) if earlier_waiting => {
                RecordState::Pending("earlier sessions are still waiting to be written".to_owned())
            }
            Some(store) if !store.is_read_only() => match store.append(&record) {
                Ok(()) => {
                    runner.close_checkpoints();
                    RecordState::Saved
                }
                // Trying again would not help: the log has this session already.
                Err(e @ LogError::DuplicateId { .. }) => RecordState::NotSaved(e.to_string()),
                Err(e) => RecordState::Pending(e.to_string()),
            },
            Some(_) => RecordState::NotSaved("this window can only read your history".to_owned()),
            None => RecordState::NotSaved("there is no session log".to_owned()),
        };
        let saved = state == RecordState::Saved;
        self.say_if_log_replaced();
        match &state {
            RecordState::Saved => self.progress_saved(),
            RecordState::Pending(reason) => {
                self.warn(&format!(
                    "{UNSAVED_PREFIX} ({reason}). neckguide keeps it and tries again every few seconds; keep this window open."
                ));
                self.unsaved.push(record.clone());
                self.last_try = Some(self.clock.now());
            }
            RecordState::NotSaved(reason) => {
                self.warn(&format!("This session was not saved: {reason}."));
            }
        }
        self.record_state = Some(state);
        // Only what is on disk counts: an unsaved session is not one of today's.
        if saved {
            self.log.push_record(record);
        }
        saved
    }
}

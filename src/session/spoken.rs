//! What is said aloud for the cues of one moment, in words taken from the
//! exercise (its name, position and steps, as the routine has them) and
//! from the phases ([`Phase::title`], the one source of phase words), and
//! whether it fits before the next cue.
//!
//! Pure: the app's speech ([`crate::app`]'s `speech.rs`) speaks what this
//! gives; nothing here knows the speech service.

use std::time::{Duration, Instant};

use crate::exercise::Dose;
use crate::schedule::{EventKind, RestKind, Schedule, Step, StepKind};
use crate::session::{Cue, CueKind, Phase, Session};

/// One part of what is said: a sentence, and whether it is what the
/// moment is about (an exercise's name, the phase) or more that may be
/// left out when time is short (the steps, what comes next).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The words.
    pub text: String,
    /// Said whenever anything is: the name of an exercise, the phase.
    pub essential: bool,
}

/// What is said for the cues of one moment, in the order said.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Utterance {
    /// The parts, in order.
    pub parts: Vec<Part>,
}

/// How fast the speech service speaks, in words a minute: at the rate the
/// service is set to (SSIP's -100 to 100, 0 its default), on the slow side
/// of what voices do, so a sentence estimated to fit does. Measured with
/// espeak-ng through speech-dispatcher at rate 0: 168 to 217 words a
/// minute over the built-in exercises' steps; 160 is assumed.
pub fn words_per_minute(rate: i8) -> u32 {
    let rate = i32::from(rate.clamp(-100, 100));
    let wpm = if rate >= 0 {
        160 + rate * 5 / 2
    } else {
        160 + rate * 4 / 5
    };
    u32::try_from(wpm).unwrap_or(80).max(80)
}

/// The pause a voice makes between two sentences, and before the first.
const SENTENCE_PAUSE: Duration = Duration::from_millis(200);

/// The time left quiet between the end of a sentence and the next cue.
pub const QUIET_BEFORE_NEXT: Duration = Duration::from_millis(300);

/// How long `text` takes to say at `wpm` words a minute, a sentence of its
/// own: its words and one [`SENTENCE_PAUSE`].
pub fn speaking_time(text: &str, wpm: u32) -> Duration {
    let words = u64::try_from(text.split_whitespace().count()).unwrap_or(u64::MAX);
    let ms = words.saturating_mul(60_000) / u64::from(wpm.max(1));
    Duration::from_millis(ms) + SENTENCE_PAUSE
}

impl Utterance {
    /// Whether nothing is to be said.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// All of it, as one text.
    pub fn text(&self) -> String {
        join(self.parts.iter())
    }

    /// What is said when the next cue comes `room` after this one (`None`:
    /// none comes by itself), at `wpm` words a minute, so that it ends
    /// [`QUIET_BEFORE_NEXT`] before that cue and is never cut by it: all of
    /// it when it fits; else the essential parts and then as many of the
    /// others, in order, as fit (an exercise's name and position and its
    /// first steps); nothing when even the essential parts do not fit.
    pub fn fitted(&self, room: Option<Duration>, wpm: u32) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let Some(room) = room else {
            return Some(self.text());
        };
        let room = room.saturating_sub(QUIET_BEFORE_NEXT);
        let time = |part: &Part| speaking_time(&part.text, wpm);
        let whole: Duration = self.parts.iter().map(time).sum();
        if whole <= room {
            return Some(self.text());
        }
        let mut used: Duration = self.parts.iter().filter(|p| p.essential).map(time).sum();
        if used > room {
            return None;
        }
        let mut kept = Vec::new();
        let mut optional_open = true;
        for part in &self.parts {
            if part.essential {
                kept.push(part);
            } else if optional_open && used + time(part) <= room {
                used += time(part);
                kept.push(part);
            } else {
                // The optional parts are said in order or not at all: no
                // third step after a second left out.
                optional_open = false;
            }
        }
        Some(join(kept.into_iter()))
    }
}

/// The parts as one text, each ending as a sentence.
fn join<'a>(parts: impl Iterator<Item = &'a Part>) -> String {
    let sentences: Vec<String> = parts.map(|p| sentence(&p.text)).collect();
    sentences.join(" ")
}

/// `text` on one line, ending with a full stop unless it ends with its own
/// punctuation.
fn sentence(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.ends_with(['.', '!', '?', ':']) {
        one_line
    } else {
        format!("{one_line}.")
    }
}

/// What is said for `cues`, the cues of one moment (one batch with the
/// same instant), in `schedule`'s words. `read_steps`: the steps of an
/// exercise are read while getting into position.
///
/// - an exercise begins: its name (after the first, "Next: " and its
///   name, unless Back restarted it), and where it is done: the phase "Get into position: lying on
///   your back", or its position when it is done in the one before's;
///   the steps while getting into position (may be left out);
/// - each phase as it starts ("Get ready", "Hold", "Hold: push to the left
///   side", "Release and rest", "Rest between sets", "Stay in position:
///   sitting", "Practise"); at the end of a hold, the repetitions done
///   ("3 of 5", may be left out), and during a rest between sets or directions, what comes
///   next (may be left out);
/// - "Paused", the phase again on resuming, "Session complete", "Session
///   ended", "Session stopped".
pub fn utterance(cues: &[Cue], schedule: &Schedule, read_steps: bool) -> Utterance {
    let mut parts = Vec::new();
    let mut say = |text: String, essential: bool| parts.push(Part { text, essential });
    let step_of = |cue: &Cue| schedule.steps.get(cue.step);
    let position_of = |step: &Step| {
        schedule
            .exercises
            .get(step.exercise)
            .map(|e| e.exercise.position)
    };
    let title_of = |step: &Step| Phase::of_step(step).title(position_of(step));
    let rest_follows = cues.iter().any(|c| c.event() == Some(EventKind::RestStart));
    // Back restarts an exercise: it is named, not announced as next.
    let went_back = cues.iter().any(|c| c.kind == CueKind::WentBack);
    for cue in cues {
        let step = step_of(cue);
        match cue.kind {
            CueKind::Planned(event) => match event.kind {
                EventKind::ExerciseStart => {
                    let Some(exercise) = schedule.exercises.get(cue.exercise) else {
                        continue;
                    };
                    let name = exercise.exercise.name.clone();
                    if cue.exercise == 0 || went_back {
                        say(name, true);
                    } else {
                        say(format!("Next: {name}"), true);
                    }
                }
                EventKind::PositionStart => {
                    let Some(step) = step else { continue };
                    say(title_of(step), true);
                    if read_steps && let Some(exercise) = schedule.exercises.get(step.exercise) {
                        for text in &exercise.exercise.steps {
                            say(text.clone(), false);
                        }
                    }
                }
                EventKind::BetweenStart => {
                    if let Some(position) = step.and_then(&position_of) {
                        say(position.label().to_owned(), true);
                    }
                }
                EventKind::GetReadyStart
                | EventKind::HoldStart
                | EventKind::TimedStart
                | EventKind::PracticeStart => {
                    if let Some(step) = step {
                        say(title_of(step), true);
                    }
                }
                EventKind::HoldEnd => {
                    // The count gives way first when time is short: a
                    // short rest still hears "Release and rest".
                    if let Some(count) = step.and_then(|s| repetitions_done(s, schedule)) {
                        say(count, false);
                    }
                    if !rest_follows {
                        say("Release".to_owned(), true);
                    }
                }
                EventKind::RestStart => {
                    let Some(step) = step else { continue };
                    say(title_of(step), true);
                    if let Some(next) = coming_after_rest(cue.step, schedule) {
                        say(next, false);
                    }
                }
                EventKind::SessionEnd => say(Phase::Completed.title(None), true),
                EventKind::SessionStart
                | EventKind::CountdownTick
                | EventKind::SetDone
                | EventKind::TimedEnd
                | EventKind::PracticeEnd
                | EventKind::ExerciseEnd => {}
            },
            CueKind::Paused => {
                let paused = Phase::Paused {
                    step: step.map_or(StepKind::GetReady, |s| s.kind),
                    reason: crate::session::PauseReason::Person,
                };
                say(paused.title(None), true);
            }
            CueKind::Resumed => {
                if let Some(step) = step {
                    say(title_of(step), true);
                }
            }
            CueKind::EndedEarly => say(Phase::EndedEarly.title(None), true),
            CueKind::StoppedForPain => say(Phase::StoppedForPain.title(None), true),
            CueKind::PausedForTimeJump | CueKind::ExerciseSkipped | CueKind::WentBack => {}
        }
    }
    Utterance { parts }
}

/// The most steps of the session looked through for the next words.
const LOOK_AHEAD_CHANGES: usize = 4000;

/// How long after `from` the session next says something by itself (the
/// next cue with words: a countdown's tick has none, and may sound over
/// a sentence), foreseen on a copy of `session` (as of `from`) moved on
/// change by change. `None` when nothing is said by itself before the
/// session waits for a press, or ends.
pub fn time_to_next_words(session: &Session, from: Instant, read_steps: bool) -> Option<Duration> {
    let mut future = session.clone();
    let mut now = from;
    for _ in 0..LOOK_AHEAD_CHANGES {
        // A change at most a second off: no jump in time is seen.
        now += future.time_to_next_change(now)?;
        let cues = future.tick(now);
        if !utterance(&cues, future.schedule(), read_steps).is_empty() {
            let first = cues.first().map_or(now, |c| c.at);
            return Some(first.saturating_duration_since(from));
        }
        if future.is_finished() {
            return None;
        }
    }
    None
}

/// "3 of 5": the repetitions of the set (and direction) done at the end of
/// the hold `step`.
fn repetitions_done(step: &Step, schedule: &Schedule) -> Option<String> {
    let StepKind::Hold { rep, .. } = step.kind else {
        return None;
    };
    let Dose::Holds(holds) = &schedule.exercises.get(step.exercise)?.exercise.dose else {
        return None;
    };
    // One a set (a direction held once): nothing to count.
    (holds.repetitions > 1).then(|| format!("{rep} of {}", holds.repetitions))
}

/// What comes after the rest `index` when it is between sets or
/// directions: "Next: set 2 of 3", "Next: push to the left side".
fn coming_after_rest(index: usize, schedule: &Schedule) -> Option<String> {
    let rest = schedule.steps.get(index)?;
    let StepKind::Rest { between } = rest.kind else {
        return None;
    };
    let next = schedule.steps.get(index.checked_add(1)?)?;
    let StepKind::Hold { set, direction, .. } = next.kind else {
        return None;
    };
    match between {
        RestKind::Repetitions => None,
        RestKind::Directions => direction.map(|d| format!("Next: {}", d.label().to_lowercase())),
        RestKind::Sets => {
            let Dose::Holds(holds) = &schedule.exercises.get(next.exercise)?.exercise.dose else {
                return None;
            };
            Some(format!("Next: set {set} of {}", holds.sets))
        }
    }
}

#[cfg(test)]
mod tests;

//! Where a cue becomes a sound: the tones and spoken words for each cue the
//! session gives. Pure: it chooses sounds, [`super::audio`] plays them.

use crate::assets::{Sound, Speech};
use crate::schedule::{EventKind, RestKind, StepKind};
use crate::session::{Cue, CueKind, Session};

/// The sounds for one cue. `session_ends`: the same batch ends the session,
/// so the exercise-done chime gives way to the session-done one.
pub fn sounds_for(cue: &Cue, session: &Session, spoken: bool, session_ends: bool) -> Vec<Sound> {
    let say = |speech| {
        if spoken {
            Some(Sound::Say(speech))
        } else {
            None
        }
    };
    let step = session.schedule().steps.get(cue.step);
    let event = match cue.kind {
        CueKind::Planned(event) => event,
        CueKind::StoppedForPain => {
            return [Some(Sound::Stopped), say(Speech::Stopped)]
                .into_iter()
                .flatten()
                .collect();
        }
        _ => return Vec::new(),
    };
    let sounds: Vec<Option<Sound>> = match event.kind {
        EventKind::CountdownTick => vec![Some(Sound::Tick)],
        EventKind::HoldStart => {
            let words = match step.map(|s| s.kind) {
                Some(StepKind::Hold {
                    direction: Some(d), ..
                }) => Speech::Direction(d),
                _ => Speech::Hold,
            };
            vec![Some(Sound::HoldStart), say(words)]
        }
        EventKind::HoldEnd => {
            let rep = match step.map(|s| s.kind) {
                Some(StepKind::Hold { rep, .. }) => Some(rep),
                _ => None,
            };
            vec![
                Some(Sound::Release),
                say(Speech::Release),
                rep.and_then(|r| say(Speech::Number(r))),
            ]
        }
        EventKind::TimedStart | EventKind::PracticeStart => vec![Some(Sound::HoldStart)],
        EventKind::TimedEnd | EventKind::PracticeEnd => vec![Some(Sound::Release)],
        EventKind::RestStart => {
            let relax = matches!(
                step.map(|s| s.kind),
                Some(StepKind::Rest {
                    between: RestKind::Directions
                })
            );
            vec![if relax { say(Speech::Relax) } else { None }]
        }
        EventKind::ExerciseStart => {
            let id = session
                .schedule()
                .exercises
                .get(cue.exercise)
                .map(|e| e.exercise.id.clone());
            let first = cue.exercise == 0;
            vec![
                if first { None } else { say(Speech::Next) },
                id.and_then(|id| say(Speech::Exercise(id))),
            ]
        }
        EventKind::GetReadyStart => vec![say(Speech::GetReady)],
        EventKind::ExerciseEnd if !session_ends => vec![Some(Sound::ExerciseDone)],
        EventKind::SessionEnd => vec![Some(Sound::SessionDone), say(Speech::Done)],
        _ => Vec::new(),
    };
    sounds.into_iter().flatten().collect()
}

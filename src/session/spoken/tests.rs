//! What is said, from a session run on a manual clock.

use std::time::{Duration, Instant};

use super::*;
use crate::exercise::{Direction, Holds, Position};
use crate::routine::RoutineItem;
use crate::schedule::ScheduleConfig;
use crate::session::tests::{holds, item};
use crate::session::{ManualClock, Session, SessionConfig};

/// A therapist's own exercise, not one of the app's: its name and steps
/// come from the routine file.
fn own_exercise(steps: &[&str]) -> RoutineItem {
    let mut own = item("chin-nods", Position::LyingOnBack, holds(2, 2, 2, 3));
    own.exercise.name = "Gentle chin nods".to_owned();
    own.exercise.steps = steps.iter().map(|s| (*s).to_owned()).collect();
    own
}

/// Runs `items` to the end, 100 ms a tick, pressing nothing: what is said
/// at each moment (ms from the start), with the time to the next words
/// the session foresees then.
fn said(items: &[RoutineItem], read_steps: bool) -> Vec<(u64, Utterance, Option<Duration>)> {
    let schedule = Schedule::build(items, &ScheduleConfig::default());
    let mut session = Session::new(schedule, SessionConfig::default()).unwrap();
    let clock = ManualClock::new();
    let mut out = Vec::new();
    let mut cues = session.start(clock.now());
    loop {
        let mut moments: Vec<Instant> = cues.iter().map(|c| c.at).collect();
        moments.dedup();
        for moment in moments {
            let batch: Vec<Cue> = cues.iter().filter(|c| c.at == moment).copied().collect();
            let words = utterance(&batch, session.schedule(), read_steps);
            if !words.is_empty() {
                let room = time_to_next_words(&session, clock.now(), read_steps);
                out.push((clock.ms_since_base(moment), words, room));
            }
        }
        if session.is_finished() || session.time_to_next_change(clock.now()).is_none() {
            break;
        }
        cues = session.tick(clock.advance_ms(100));
    }
    out
}

fn texts(said: &[(u64, Utterance, Option<Duration>)]) -> Vec<(u64, String)> {
    said.iter().map(|(at, u, _)| (*at, u.text())).collect()
}

#[test]
fn a_therapists_own_exercise_is_named_with_its_position_and_its_steps_read() {
    let steps = [
        "Lie on your back with a small towel under your head.",
        "Nod your chin down slowly",
    ];
    let said = texts(&said(&[own_exercise(&steps)], true));
    // The position step (15 s), get ready (3 s), two sets of two 2-second
    // holds with a 3-second rest and a 6-second rest between sets.
    assert_eq!(
        said,
        [
            (
                0,
                "Gentle chin nods. Get into position: lying on your back. Lie on your back with a small towel under your head. Nod your chin down slowly."
                    .to_owned()
            ),
            (15_000, "Get ready.".to_owned()),
            (18_000, "Hold.".to_owned()),
            (20_000, "1 of 2. Release and rest.".to_owned()),
            (23_000, "Hold.".to_owned()),
            (25_000, "2 of 2. Rest between sets. Next: set 2 of 2.".to_owned()),
            (31_000, "Hold.".to_owned()),
            (33_000, "1 of 2. Release and rest.".to_owned()),
            (36_000, "Hold.".to_owned()),
            (38_000, "2 of 2. Release. Session complete.".to_owned()),
        ]
    );
    // "Read the steps aloud" off: the name and position only.
    let said = texts(&said_without_steps(&steps));
    assert_eq!(
        said[0].1,
        "Gentle chin nods. Get into position: lying on your back."
    );
}

fn said_without_steps(steps: &[&str]) -> Vec<(u64, Utterance, Option<Duration>)> {
    said(&[own_exercise(steps)], false)
}

#[test]
fn the_next_exercise_is_named_and_a_direction_is_said_with_its_hold() {
    let isometric = item(
        "push",
        Position::Sitting,
        Dose::Holds(Holds {
            directions: vec![Direction::Forward, Direction::Left],
            hold_seconds: 2,
            repetitions: 1,
            sets: 1,
            rest_seconds: 2,
            rest_between_sets_seconds: 0,
        }),
    );
    let first = item("sit-tall", Position::Sitting, holds(2, 1, 1, 2));
    let said = texts(&said(&[first, isometric], false));
    let words: Vec<&str> = said.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        words,
        [
            "sit-tall. Get into position: sitting.",
            "Get ready.",
            "Hold.",
            // One repetition a set: no count.
            "Release. Next: push. Sitting.",
            "Get ready.",
            "Hold: push forward.",
            "Relax. Next: push to the left side.",
            "Hold: push to the left side.",
            "Release. Session complete.",
        ]
    );
}

#[test]
fn paused_resumed_and_the_ends_are_said_in_the_phases_words() {
    let schedule = Schedule::build(&[own_exercise(&["Nod."])], &ScheduleConfig::default());
    let mut session = Session::new(schedule, SessionConfig::default()).unwrap();
    let clock = ManualClock::new();
    let _ = session.start(clock.now());
    let _ = session.continue_(clock.advance_ms(1000));
    let _ = session.tick(clock.advance_ms(3000));
    let say = |cues: &[Cue], s: &Session| utterance(cues, s.schedule(), true).text();
    let paused = session.pause(clock.advance_ms(500));
    assert_eq!(say(&paused, &session), "Paused.");
    let resumed = session.resume(clock.advance_ms(500));
    assert_eq!(say(&resumed, &session), "Hold.");
    let mut ended = session.clone();
    // Back in the second exercise restarts it: named, not "Next: ".
    let mut two = Session::new(
        Schedule::build(
            &[
                own_exercise(&["Nod."]),
                item("sit-tall", Position::Sitting, holds(2, 1, 1, 2)),
            ],
            &ScheduleConfig::default(),
        ),
        SessionConfig::default(),
    )
    .unwrap();
    let start = ManualClock::new();
    let _ = two.start(start.now());
    let _ = two.skip(start.advance_ms(1000));
    let _ = two.continue_(start.advance_ms(1000));
    let back = two.back(start.advance_ms(1000));
    assert_eq!(
        say(&back, &two),
        "sit-tall. Get into position: sitting. Do it."
    );
    let stopped = session.report_pain(clock.advance_ms(500));
    assert_eq!(say(&stopped, &session), "Session stopped.");
    let end = ended.end(clock.now());
    assert_eq!(say(&end, &ended), "Session ended.");
}

/// Four steps of 10 words (with the name and position, 20 s to say at
/// 160 words a minute) do not fit in getting into
/// position's 15 s: the name, the position and the first steps are said,
/// ending before "Get ready"; with no room for the essentials, nothing is.
#[test]
fn a_long_sentence_is_shortened_or_left_out_so_it_never_runs_into_the_next_cue() {
    let steps = [
        "First, tuck your chin down and hold it there gently.",
        "Second, lift your head a little and hold it there.",
        "Third, lower your head slowly back onto the towel again.",
        "Last, breathe out and let your shoulders rest down fully.",
    ];
    let said = said(&[own_exercise(&steps)], true);
    let (at, words, room) = &said[0];
    assert_eq!(*at, 0);
    assert_eq!(*room, Some(Duration::from_secs(15)));
    let wpm = words_per_minute(0);
    let whole = speaking_time(&words.text(), wpm);
    assert!(
        whole > Duration::from_secs(15),
        "{whole:?}: the test needs steps too long"
    );
    let fitted = words.fitted(*room, wpm).unwrap();
    assert_eq!(
        fitted,
        format!(
            "Gentle chin nods. Get into position: lying on your back. {} {}",
            steps[0], steps[1]
        )
    );
    let took: Duration = words
        .parts
        .iter()
        .take(4)
        .map(|p| speaking_time(&p.text, wpm))
        .sum();
    assert!(
        took + QUIET_BEFORE_NEXT <= Duration::from_secs(15),
        "{took:?}"
    );
    // Every moment of the session: what is said ends before the next cue.
    for (at, words, room) in &said {
        if let Some(text) = words.fitted(*room, wpm) {
            let parts: Vec<&Part> = words
                .parts
                .iter()
                .filter(|p| text.contains(&super::sentence(&p.text)))
                .collect();
            let time: Duration = parts.iter().map(|p| speaking_time(&p.text, wpm)).sum();
            if let Some(room) = room {
                assert!(
                    time + QUIET_BEFORE_NEXT <= *room,
                    "at {at} ms: {text:?} in {room:?}"
                );
            }
        }
    }
    // Half a second to the next cue: not even "Rest between sets" fits.
    let rest = Utterance {
        parts: vec![Part {
            text: "Rest between sets".to_owned(),
            essential: true,
        }],
    };
    assert_eq!(rest.fitted(Some(Duration::from_millis(500)), wpm), None);
    assert_eq!(
        rest.fitted(Some(Duration::from_secs(2)), wpm).as_deref(),
        Some("Rest between sets.")
    );
    // Nothing comes by itself next (a practice until Done): all of it.
    assert_eq!(words.fitted(None, wpm), Some(words.text()));
}

/// The room for "Get ready" is up to the hold's "Hold", not to the
/// countdown's tick a second later, which has no words.
#[test]
fn the_next_words_not_the_next_tick_bound_a_sentence() {
    let said = said(&[own_exercise(&["Nod."])], true);
    let (at, words, room) = &said[1];
    assert_eq!((*at, words.text().as_str()), (15_000, "Get ready."));
    assert_eq!(*room, Some(Duration::from_secs(3)));
    // The last words of the session: nothing after them.
    assert_eq!(said.last().map(|s| s.2), Some(None));
}

#[test]
fn the_speaking_rate_sets_the_words_a_minute() {
    assert_eq!(words_per_minute(0), 160);
    assert_eq!(words_per_minute(100), 410);
    assert_eq!(words_per_minute(-100), 80);
    assert!(words_per_minute(50) > words_per_minute(0));
    // 40 words at 160 a minute: 15 s and a pause.
    let forty = vec!["word"; 40].join(" ");
    assert_eq!(speaking_time(&forty, 160), Duration::from_millis(15_200));
}

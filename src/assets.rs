//! The pictures and sounds built into the program (from `assets/`), so the app
//! needs no files beside it.

use crate::exercise::Direction;

macro_rules! asset {
    ($path:literal) => {
        ($path, include_bytes!(concat!("../", $path)).as_slice())
    };
}

/// Every built-in picture: (path as exercise files name it, bytes). Each
/// exercise has two: its start position and, `-held`, the position held.
const IMAGES: [(&str, &[u8]); 12] = [
    asset!("assets/exercises/supine-deep-neck-flexion.svg"),
    asset!("assets/exercises/supine-deep-neck-flexion-held.svg"),
    asset!("assets/exercises/seated-retraction.svg"),
    asset!("assets/exercises/seated-retraction-held.svg"),
    asset!("assets/exercises/head-lifts.svg"),
    asset!("assets/exercises/head-lifts-held.svg"),
    asset!("assets/exercises/isometric-neck-strengthening.svg"),
    asset!("assets/exercises/isometric-neck-strengthening-held.svg"),
    asset!("assets/exercises/supine-neutral-head.svg"),
    asset!("assets/exercises/supine-neutral-head-held.svg"),
    asset!("assets/exercises/neutral-head-walking.svg"),
    asset!("assets/exercises/neutral-head-walking-held.svg"),
];

/// The bytes of a built-in picture, by the path an exercise file names.
pub fn image(path: &str) -> Option<&'static [u8]> {
    IMAGES.iter().find(|(p, _)| *p == path).map(|(_, b)| *b)
}

/// The paths of every built-in picture, as exercise files name them.
pub fn image_paths() -> impl Iterator<Item = &'static str> {
    IMAGES.iter().map(|(p, _)| *p)
}

/// A sound the app can play.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sound {
    /// A countdown second.
    Tick,
    /// A hold begins.
    HoldStart,
    /// A hold ends: release.
    Release,
    /// An exercise is done.
    ExerciseDone,
    /// The whole session is done.
    SessionDone,
    /// The session was stopped.
    Stopped,
    /// A spoken word or phrase.
    Say(Speech),
}

/// The spoken cues (made with espeak-ng by `scripts/make-sounds.sh`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Speech {
    /// "Hold".
    Hold,
    /// "Release".
    Release,
    /// "Relax".
    Relax,
    /// "Get ready".
    GetReady,
    /// A number from one to ten (counting repetitions).
    Number(u32),
    /// "Next".
    Next,
    /// "Well done. Session complete."
    Done,
    /// "Session stopped."
    Stopped,
    /// The name of a built-in exercise, by id.
    Exercise(String),
    /// A direction of the isometric exercise ("Push forward").
    Direction(Direction),
}

const SOUNDS: [(&str, &[u8]); 6] = [
    asset!("assets/sounds/tick.wav"),
    asset!("assets/sounds/hold-start.wav"),
    asset!("assets/sounds/release.wav"),
    asset!("assets/sounds/exercise-done.wav"),
    asset!("assets/sounds/session-done.wav"),
    asset!("assets/sounds/stopped.wav"),
];

const NUMBERS: [&[u8]; 10] = [
    include_bytes!("../assets/sounds/say-1.wav"),
    include_bytes!("../assets/sounds/say-2.wav"),
    include_bytes!("../assets/sounds/say-3.wav"),
    include_bytes!("../assets/sounds/say-4.wav"),
    include_bytes!("../assets/sounds/say-5.wav"),
    include_bytes!("../assets/sounds/say-6.wav"),
    include_bytes!("../assets/sounds/say-7.wav"),
    include_bytes!("../assets/sounds/say-8.wav"),
    include_bytes!("../assets/sounds/say-9.wav"),
    include_bytes!("../assets/sounds/say-10.wav"),
];

const EXERCISE_NAMES: [(&str, &[u8]); 6] = [
    (
        "supine-deep-neck-flexion",
        include_bytes!("../assets/sounds/say-ex-supine-deep-neck-flexion.wav"),
    ),
    (
        "seated-retraction",
        include_bytes!("../assets/sounds/say-ex-seated-retraction.wav"),
    ),
    (
        "head-lifts",
        include_bytes!("../assets/sounds/say-ex-head-lifts.wav"),
    ),
    (
        "isometric-neck-strengthening",
        include_bytes!("../assets/sounds/say-ex-isometric-neck-strengthening.wav"),
    ),
    (
        "supine-neutral-head",
        include_bytes!("../assets/sounds/say-ex-supine-neutral-head.wav"),
    ),
    (
        "neutral-head-walking",
        include_bytes!("../assets/sounds/say-ex-neutral-head-walking.wav"),
    ),
];

/// The WAV bytes of a sound; `None` for a spoken cue there is no clip for
/// (a number above ten, a therapist's own exercise).
pub fn sound(sound: &Sound) -> Option<&'static [u8]> {
    let by_name = |name: &str| {
        SOUNDS
            .iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, b)| *b)
    };
    match sound {
        Sound::Tick => by_name("/tick.wav"),
        Sound::HoldStart => by_name("/hold-start.wav"),
        Sound::Release => by_name("/release.wav"),
        Sound::ExerciseDone => by_name("/exercise-done.wav"),
        Sound::SessionDone => by_name("/session-done.wav"),
        Sound::Stopped => by_name("/stopped.wav"),
        Sound::Say(speech) => Some(match speech {
            Speech::Hold => include_bytes!("../assets/sounds/say-hold.wav"),
            Speech::Release => include_bytes!("../assets/sounds/say-release.wav"),
            Speech::Relax => include_bytes!("../assets/sounds/say-relax.wav"),
            Speech::GetReady => include_bytes!("../assets/sounds/say-get-ready.wav"),
            Speech::Next => include_bytes!("../assets/sounds/say-next.wav"),
            Speech::Done => include_bytes!("../assets/sounds/say-done.wav"),
            Speech::Stopped => include_bytes!("../assets/sounds/say-stopped.wav"),
            Speech::Number(n) => {
                return n
                    .checked_sub(1)
                    .and_then(|i| NUMBERS.get(i as usize))
                    .copied();
            }
            Speech::Exercise(id) => {
                return EXERCISE_NAMES
                    .iter()
                    .find(|(e, _)| e == id)
                    .map(|(_, b)| *b);
            }
            Speech::Direction(d) => match d {
                Direction::Forward => include_bytes!("../assets/sounds/say-dir-forward.wav"),
                Direction::Backward => include_bytes!("../assets/sounds/say-dir-backward.wav"),
                Direction::Left => include_bytes!("../assets/sounds/say-dir-left.wav"),
                Direction::Right => include_bytes!("../assets/sounds/say-dir-right.wav"),
            },
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every sound there is a clip for.
    pub(crate) fn every_sound() -> Vec<Sound> {
        let mut all = vec![
            Sound::Tick,
            Sound::HoldStart,
            Sound::Release,
            Sound::ExerciseDone,
            Sound::SessionDone,
            Sound::Stopped,
        ];
        for s in [
            Speech::Hold,
            Speech::Release,
            Speech::Relax,
            Speech::GetReady,
            Speech::Next,
            Speech::Done,
            Speech::Stopped,
        ] {
            all.push(Sound::Say(s));
        }
        all.extend((1..=10).map(|n| Sound::Say(Speech::Number(n))));
        for (id, _) in EXERCISE_NAMES {
            all.push(Sound::Say(Speech::Exercise(id.to_owned())));
        }
        for d in [
            Direction::Forward,
            Direction::Backward,
            Direction::Left,
            Direction::Right,
        ] {
            all.push(Sound::Say(Speech::Direction(d)));
        }
        all
    }

    #[test]
    fn every_sound_is_a_wav() {
        for s in every_sound() {
            let bytes = sound(&s).unwrap_or_else(|| panic!("no clip for {s:?}"));
            assert!(bytes.starts_with(b"RIFF") && bytes.len() > 1000, "{s:?}");
        }
        assert_eq!(sound(&Sound::Say(Speech::Number(11))), None);
        assert_eq!(sound(&Sound::Say(Speech::Exercise("own".into()))), None);
    }

    #[test]
    fn every_picture_is_an_svg() {
        for (path, bytes) in IMAGES {
            let text = String::from_utf8_lossy(bytes);
            assert!(text.contains("<svg"), "{path}");
            assert_eq!(image(path), Some(bytes));
        }
    }
}

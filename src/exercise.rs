//! The validated exercise: what the person does (name, position, steps in
//! plain words, cautions) and how much of it (the dose).
//!
//! These are the types the rest of the program uses. They are only built by
//! [`crate::routine::validate`], so every value here is already within the
//! bounds a routine file may ask for; nothing downstream checks again.

use serde::{Deserialize, Serialize};

/// The bounds a dose must stay within. The JSON Schema and the validator both
/// use these, so an editor and `neckguide check` agree.
pub mod bounds {
    /// Shortest and longest hold, in seconds.
    pub const HOLD_SECONDS: (i64, i64) = (1, 120);
    /// Fewest and most repetitions.
    pub const REPETITIONS: (i64, i64) = (1, 50);
    /// Fewest and most sets.
    pub const SETS: (i64, i64) = (1, 10);
    /// Shortest and longest rest, in seconds.
    pub const REST_SECONDS: (i64, i64) = (0, 300);
    /// Shortest and longest timed position or practice, in minutes.
    pub const MINUTES: (i64, i64) = (1, 60);
    /// Fewest and most sessions a day.
    pub const TIMES_PER_DAY: (i64, i64) = (1, 12);
    /// Fewest and most days between the outcome measures a routine asks.
    pub const MEASURES_EVERY_DAYS: (i64, i64) = (1, 90);
    /// Longest name, in characters.
    pub const NAME_CHARS: usize = 120;
    /// Longest step or caution, in characters.
    pub const TEXT_CHARS: usize = 1000;
    /// Most steps or cautions in one exercise.
    pub const LIST_LEN: usize = 40;
    /// Most items in one routine.
    pub const ITEMS: usize = 50;
}

/// Where the body is while doing the exercise. A change of position between
/// two exercises gives the person time to get into the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Lying on your back.
    LyingOnBack,
    /// Sitting upright.
    Sitting,
    /// Lying face down, upper body resting on the elbows.
    LyingFaceDownOnElbows,
    /// Standing.
    Standing,
    /// Walking.
    Walking,
}

impl Position {
    /// The words shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::LyingOnBack => "Lying on your back",
            Self::Sitting => "Sitting",
            Self::LyingFaceDownOnElbows => "Lying face down on your elbows",
            Self::Standing => "Standing",
            Self::Walking => "Walking",
        }
    }
}

/// One direction of a multi-direction (isometric) exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Pushing forward.
    Forward,
    /// Pushing backward.
    Backward,
    /// Pushing to the left side.
    Left,
    /// Pushing to the right side.
    Right,
}

impl Direction {
    /// The id used in files and in `plan --json`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Forward => "forward",
            Self::Backward => "backward",
            Self::Left => "left",
            Self::Right => "right",
        }
    }

    /// The words shown to the person.
    pub fn label(self) -> &'static str {
        match self {
            Self::Forward => "Push forward",
            Self::Backward => "Push backward",
            Self::Left => "Push to the left side",
            Self::Right => "Push to the right side",
        }
    }
}

/// How much of an exercise to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dose {
    /// Repeated holds: hold, rest, hold again; in sets. With directions
    /// (the isometric exercise), each direction is held in turn.
    Holds(Holds),
    /// Stay in a position for a time (lie with the head neutral for 5–10 minutes).
    Timed(Timed),
    /// A posture to practise, with a duration only if the therapist set one.
    Practice(Practice),
}

impl Dose {
    /// A short human description: "Hold 5 s, 5 times".
    pub fn summary(&self) -> String {
        match self {
            Self::Holds(h) if h.directions.is_empty() => {
                let mut s = format!("Hold {} s, {} times", h.hold_seconds, h.repetitions);
                if h.sets > 1 {
                    s.push_str(&format!(", {} sets", h.sets));
                }
                s
            }
            Self::Holds(h) => {
                let dirs: Vec<&str> = h.directions.iter().map(|d| d.id()).collect();
                let mut s = format!("Hold {} s each way: {}", h.hold_seconds, dirs.join(", "));
                if h.repetitions > 1 {
                    s.push_str(&format!(", {} times", h.repetitions));
                }
                if h.sets > 1 {
                    s.push_str(&format!(", {} sets", h.sets));
                }
                s
            }
            Self::Timed(t) => match t.max_minutes {
                Some(max) if max > t.minutes => format!("{}–{} minutes", t.minutes, max),
                _ => format!("{} minutes", t.minutes),
            },
            Self::Practice(p) => match p.minutes {
                Some(m) => format!("Practise for {m} minutes"),
                None => "Practise as long as is comfortable".to_owned(),
            },
        }
    }

    /// What "done" counts for this dose: holds (across all directions), or
    /// seconds (timed positions and practices).
    pub fn prescribed_count(&self) -> u32 {
        match self {
            Self::Holds(h) => h.ways().count() as u32 * h.repetitions * h.sets,
            Self::Timed(t) => t.minutes * 60,
            Self::Practice(p) => p.minutes.unwrap_or(0) * 60,
        }
    }
}

/// Repeated holds, in one direction or several in turn.
///
/// In a file these are two dose kinds, `holds` and `directions`; the only
/// difference is whether there are directions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holds {
    /// The directions in the order they are done, each held in turn with a
    /// relax between (no repeats); empty for plain holds (`kind: holds`).
    pub directions: Vec<Direction>,
    /// Seconds each hold lasts.
    pub hold_seconds: u32,
    /// Holds in one set (in each direction, when there are directions).
    pub repetitions: u32,
    /// Sets (each set goes through every direction).
    pub sets: u32,
    /// Seconds of rest (relaxing) between two holds.
    pub rest_seconds: u32,
    /// Seconds of rest between two sets.
    pub rest_between_sets_seconds: u32,
}

impl Holds {
    /// The ways each set goes through, in order: each direction, or a
    /// single `None` for plain holds.
    pub fn ways(&self) -> impl Iterator<Item = Option<Direction>> + '_ {
        let plain = self.directions.is_empty().then_some(None);
        plain
            .into_iter()
            .chain(self.directions.iter().copied().map(Some))
    }
}

/// A position held for a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timed {
    /// Minutes the session counts down.
    pub minutes: u32,
    /// The longest the source allows (5–10 minutes: 10), shown to the person.
    pub max_minutes: Option<u32>,
}

/// A posture practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practice {
    /// Minutes, when the therapist set a duration; otherwise the person says
    /// when they are done.
    pub minutes: Option<u32>,
}

/// A picture of the exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// One of the pictures built into the program, by its path under `assets/`
    /// (for example `assets/exercises/head-lifts.svg`).
    Builtin(String),
    /// A file next to the routine file, by a relative path that stays inside
    /// the routine's folder.
    Relative(String),
}

impl Image {
    /// Which kind of picture a checked path names: built in when it is
    /// under `assets/`, else a file beside the routine.
    pub fn of(path: &str) -> Image {
        if path.starts_with("assets/") {
            Image::Builtin(path.to_owned())
        } else {
            Image::Relative(path.to_owned())
        }
    }
}

/// An exercise, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    /// Stable id: lowercase letters, digits and dashes.
    pub id: String,
    /// The name shown to the person.
    pub name: String,
    /// The group the source puts it in ("Stabilization exercises"), if any.
    pub category: Option<String>,
    /// Where the body is.
    pub position: Position,
    /// The steps in plain words, in order.
    pub steps: Vec<String>,
    /// When to stop or take care, in the source's words.
    pub cautions: Vec<String>,
    /// How much, unless a routine says otherwise.
    pub dose: Dose,
    /// How many times a day the source says, if it says.
    pub times_per_day: Option<u32>,
    /// How often, in the source's words ("around 3 times a day").
    pub frequency: Option<String>,
    /// A picture, if there is one: the start position.
    pub image: Option<Image>,
    /// The picture of the position held, if there is one (only with
    /// `image`): the figure moves between the two during each hold.
    pub picture_held: Option<Image>,
    /// Where the exercise comes from.
    pub source: Option<String>,
}

impl Exercise {
    /// Its pictures, each with the key that names it in a file: `image`
    /// (the start position), then `picture_held` (the position held).
    pub fn pictures(&self) -> impl Iterator<Item = (&'static str, &Image)> {
        [("image", &self.image), ("picture_held", &self.picture_held)]
            .into_iter()
            .filter_map(|(key, image)| image.as_ref().map(|i| (key, i)))
    }
}

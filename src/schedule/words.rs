//! The words for the schedule, written once: what a step tells the person
//! to do ([`StepKind::title`], in its two parts [`StepKind::title_parts`])
//! and the clock text ([`clock`]). The window, `neckguide plan` and the
//! tests all use these.

use std::fmt;

use super::{RestKind, StepKind};
use crate::exercise::Position;

/// What the person should be doing, in its two parts: the few words that
/// say it ("Get into position", "Hold") and what they need to know more
/// ("lying on your back", "push to the left side"). Shown whole it is
/// "word: detail" (its [`Display`](fmt::Display)); the session screen
/// draws the word large and the detail on a line under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The phase in a few words: "Get ready", "Hold", "Release and rest".
    pub word: &'static str,
    /// The rest, if any: the position to get into, the direction to push.
    pub detail: Option<String>,
}

impl Title {
    /// A title of `word` alone.
    pub fn word(word: &'static str) -> Self {
        Self { word, detail: None }
    }

    /// A title of `word` and `detail`.
    pub fn with_detail(word: &'static str, detail: String) -> Self {
        Self {
            word,
            detail: Some(detail),
        }
    }
}

impl fmt::Display for Title {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.detail {
            Some(detail) => write!(f, "{}: {detail}", self.word),
            None => f.write_str(self.word),
        }
    }
}

impl StepKind {
    /// What the person should be doing, in a few words: "Get ready",
    /// "Hold: push forward", "Release and rest". `position` is where the
    /// exercise is done, named in a timed position's words ("Stay in
    /// position: sitting"); without it they are just "Stay in position".
    pub fn title(self, position: Option<Position>) -> String {
        self.title_parts(position).to_string()
    }

    /// [`StepKind::title`] in its two parts: "Hold" and "push forward".
    pub fn title_parts(self, position: Option<Position>) -> Title {
        let lower = |label: &str| label.to_lowercase();
        match self {
            Self::Position { to } => Title::with_detail("Get into position", lower(to.label())),
            Self::Between => Title::word("Short pause"),
            Self::GetReady => Title::word("Get ready"),
            Self::Hold {
                direction: Some(d), ..
            } => Title::with_detail("Hold", lower(d.label())),
            Self::Hold { .. } => Title::word("Hold"),
            Self::Rest { between } => Title::word(match between {
                RestKind::Repetitions => "Release and rest",
                RestKind::Directions => "Relax",
                RestKind::Sets => "Rest between sets",
            }),
            Self::Timed => match position {
                Some(p) => Title::with_detail("Stay in position", lower(p.label())),
                None => Title::word("Stay in position"),
            },
            Self::Practice => Title::word("Practise"),
        }
    }
}

/// Formats milliseconds as `m:ss` (or `h:mm:ss` from an hour on).
pub fn clock(ms: u64) -> String {
    let total = ms / 1000;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::Direction;

    #[test]
    fn titles() {
        let hold = |direction| StepKind::Hold {
            set: 2,
            rep: 3,
            direction,
        };
        assert_eq!(hold(None).title(None), "Hold");
        assert_eq!(
            hold(Some(Direction::Left)).title(None),
            "Hold: push to the left side"
        );
        assert_eq!(
            StepKind::Position {
                to: Position::LyingFaceDownOnElbows
            }
            .title(Some(Position::Sitting)),
            "Get into position: lying face down on your elbows"
        );
        assert_eq!(
            StepKind::Timed.title(Some(Position::LyingOnBack)),
            "Stay in position: lying on your back"
        );
        assert_eq!(StepKind::Timed.title(None), "Stay in position");
        assert_eq!(
            StepKind::Rest {
                between: RestKind::Repetitions
            }
            .title(None),
            "Release and rest"
        );
    }

    /// The word and the detail of a title, as the session screen draws
    /// them: the detail apart, joined by ": " in the title.
    #[test]
    fn title_parts_are_the_word_and_the_detail() {
        let left = StepKind::Hold {
            set: 1,
            rep: 1,
            direction: Some(Direction::Left),
        };
        assert_eq!(
            left.title_parts(None),
            Title::with_detail("Hold", "push to the left side".to_owned())
        );
        let position = StepKind::Position {
            to: Position::LyingOnBack,
        };
        let parts = position.title_parts(None);
        assert_eq!(parts.word, "Get into position");
        assert_eq!(parts.detail.as_deref(), Some("lying on your back"));
        assert_eq!(parts.to_string(), position.title(None));
        assert_eq!(
            StepKind::GetReady.title_parts(None),
            Title::word("Get ready")
        );
    }

    #[test]
    fn clock_text() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(59_999), "0:59");
        assert_eq!(clock(61_000), "1:01");
        assert_eq!(clock(3_600_000), "1:00:00");
        assert_eq!(clock(3_725_000), "1:02:05");
    }
}

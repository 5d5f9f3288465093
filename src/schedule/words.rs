//! The words for the schedule, written once: what a step tells the person
//! to do ([`StepKind::title`]) and the clock text ([`clock`]). The window,
//! `neckguide plan` and the tests all use these.

use super::{RestKind, StepKind};
use crate::exercise::Position;

impl StepKind {
    /// What the person should be doing, in a few words: "Get ready",
    /// "Hold: push forward", "Release and rest". `position` is where the
    /// exercise is done, named in a timed position's words ("Stay in
    /// position: sitting"); without it they are just "Stay in position".
    pub fn title(self, position: Option<Position>) -> String {
        match self {
            Self::Position { to } => format!("Get into position: {}", to.label().to_lowercase()),
            Self::Between => "Short pause".to_owned(),
            Self::GetReady => "Get ready".to_owned(),
            Self::Hold {
                direction: Some(d), ..
            } => format!("Hold: {}", d.label().to_lowercase()),
            Self::Hold { .. } => "Hold".to_owned(),
            Self::Rest { between } => match between {
                RestKind::Repetitions => "Release and rest".to_owned(),
                RestKind::Directions => "Relax".to_owned(),
                RestKind::Sets => "Rest between sets".to_owned(),
            },
            Self::Timed => match position {
                Some(p) => format!("Stay in position: {}", p.label().to_lowercase()),
                None => "Stay in position".to_owned(),
            },
            Self::Practice => "Practise".to_owned(),
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

    #[test]
    fn clock_text() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(59_999), "0:59");
        assert_eq!(clock(61_000), "1:01");
        assert_eq!(clock(3_600_000), "1:00:00");
        assert_eq!(clock(3_725_000), "1:02:05");
    }
}

//! `NECKGUIDE_TRACE_FRAMES=FILE`: for the window, a line in `FILE` for the first frame
//! drawn with each new phase of a session, to measure the sound against
//! the screen on one clock (the wall clock, which a recording of the sound
//! can be put on too). Off unless the variable is set.
//!
//! Each line is `<phase key>\t<drawn>\t<next frame>`: the nanoseconds since
//! the Unix epoch when the frame's drawing was done (before it is painted
//! and shown), and when the next frame began, which is after the first was
//! shown (a repaint is asked at once, so the two bracket the moment it
//! appeared). A thread of its own writes the file: the frame never waits
//! on it.

use std::io::Write as _;
use std::path::Path;
use std::sync::mpsc::{self, Sender};
use std::time::{SystemTime, UNIX_EPOCH};

/// The trace of the frames that show a new phase.
pub struct FrameTrace {
    lines: Sender<String>,
    /// The phase last drawn.
    last: Option<String>,
    /// A new phase's frame was drawn (its key and when): its line is
    /// written when the next frame begins.
    pending: Option<(String, u128)>,
}

/// Now on the wall clock, in nanoseconds since the Unix epoch.
fn now_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

impl FrameTrace {
    /// The trace into the file `NECKGUIDE_TRACE_FRAMES` names, when set
    /// and the file can be made.
    pub fn from_env() -> Option<Self> {
        let path = std::env::var_os("NECKGUIDE_TRACE_FRAMES")?;
        Self::to_file(Path::new(&path))
    }

    fn to_file(path: &Path) -> Option<Self> {
        let mut file = match std::fs::File::create(path) {
            Ok(file) => file,
            Err(e) => {
                log::warn!("cannot trace frames to {}: {e}", path.display());
                return None;
            }
        };
        let (lines, rx) = mpsc::channel::<String>();
        std::thread::Builder::new()
            .name("neckguide-frame-trace".to_owned())
            .spawn(move || {
                for line in rx {
                    let _ = writeln!(file, "{line}");
                }
            })
            .ok()?;
        Some(Self {
            lines,
            last: None,
            pending: None,
        })
    }

    /// A frame begins: the line of a new phase drawn in the frame before
    /// is written.
    pub fn frame_begins(&mut self) {
        if let Some((key, drawn)) = self.pending.take() {
            let _ = self.lines.send(format!("{key}\t{drawn}\t{}", now_ns()));
        }
    }

    /// A frame was drawn showing `phase` (`None`: no session): when it is
    /// a new one, its time is kept. Returns whether the window is to draw
    /// the next frame at once (to bracket when this one was shown).
    #[must_use = "the next frame is what says when this one was shown"]
    pub fn frame_drawn(&mut self, phase: Option<String>) -> bool {
        if phase == self.last {
            return false;
        }
        let new = phase.is_some();
        if let Some(key) = &phase {
            self.pending = Some((key.clone(), now_ns()));
        }
        self.last = phase;
        new
    }
}

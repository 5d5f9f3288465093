//! neckguide: guides a person with a pinched nerve in the neck (cervical
//! radiculopathy) through the daily home exercises their therapist gave them.
//!
//! The crate is split so that a newcomer finds things from the file list:
//!
//! - [`exercise`], [`routine`]: the exercise and routine formats, loading and
//!   validation with located problems (file, `line:column`, field path).
//! - [`schedule`]: the timed plan of one session, the single source of truth
//!   for timing that `neckguide plan` prints and the session runs.
//! - [`session`]: the guided-session state machine, driven by a clock passed in.
//! - [`log`]: the durable adherence log on disk; [`history`]: the figures
//!   computed from it (adherence, streaks, pain over time) and the exports.
//! - [`paths`]: where user data lives; [`catalog`]: the routine files on disk;
//!   [`atomic_file`]: the one way a file is replaced (crash-safe).
//! - [`cli`]: the command-line commands; [`ui`]: the window.
//!
//! None of the model modules (`exercise`, `routine`, `schedule`, `session`,
//! `history`) knows about a screen or a sound device.

pub mod assets;
pub mod atomic_file;
pub mod audio;
pub mod catalog;
pub mod checkin;
pub mod cli;
pub mod exercise;
pub mod history;
pub mod log;
pub mod paths;
pub mod routine;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod ui;

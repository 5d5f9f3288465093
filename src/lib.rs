//! neckguide: guides a person with a pinched nerve in the neck (cervical
//! radiculopathy) through the daily home exercises their therapist gave them.
//!
//! The crate is split in layers (see `ARCHITECTURE.md`), so that a newcomer
//! finds things from the file list:
//!
//! - model: [`exercise`], [`routine`] (formats, validation with located
//!   problems), [`schedule`] (the timed plan of one session, the single source
//!   of timing), [`session`] (the guided-session state machine, driven by a
//!   clock passed in), [`checkin`], [`due`] (what is due today), [`reminders`] (when
//!   sessions are due), [`history`] (figures and exports), [`follow_up`]
//!   (exercises held out after a pain stop) and the record format in
//!   [`log::record`]. None of
//!   them knows about a screen, a sound device, a file or a thread.
//! - storage: the durable log on disk ([`log`]), the one crash-safe way
//!   a file is replaced ([`atomic_file`]) and the one way a file is opened
//!   (never blocking, regular files only: [`user_file`]).
//! - [`app`]: the running app without a window: the data folder, settings,
//!   routine files, the session runner and sound.
//! - front ends: [`ui`] (the window) and [`cli`] (the commands).

pub mod app;
pub mod assets;
pub mod atomic_file;
pub mod checkin;
pub mod cli;
pub mod doses;
pub mod due;
pub mod exercise;
pub mod follow_up;
pub mod handout;
pub mod history;
pub mod html;
pub mod log;
pub mod plan;
pub mod plural;
pub mod reminders;
pub mod routine;
pub mod schedule;
pub mod session;
pub mod ui;
pub mod user_file;
pub mod warning_signs;

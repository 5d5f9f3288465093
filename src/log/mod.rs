//! The durable adherence log: one JSON line per finished session in
//! `DATA_DIR/sessions.jsonl`, plus the checkpoint of the session in progress.
//!
//! This module owns everything that touches those files:
//!
//! - [`record`]: the [`SessionRecord`] written for each session (version 1 of
//!   the line format) and its parts.
//! - [`local_timestamp`]: [`LocalTimestamp`], an instant together with the
//!   local UTC offset it was recorded in (RFC 3339, `2026-11-21T09:00:00+01:00`).
//! - [`store`]: [`LogStore`], the single-writer store. It appends one line and
//!   `sync_data`s it, never rewrites history, and reads back every line it can
//!   while quarantining the ones it cannot.
//! - [`checkpoint`]: the session in progress, saved atomically on every
//!   repetition and phase change, and turned into an `interrupted` record at
//!   the next start if the app died.
//!
//! Two layers live here: [`record`], [`local_timestamp`] and `plain_error`
//! (parse errors in words) are the record format, part of the model (pure, used by [`crate::history`] and
//! [`crate::due`]); [`store`] and [`checkpoint`] are the storage below the
//! app layer ([`crate::app`] opens the store; the window never does).

pub mod checkpoint;
mod error;
pub mod local_timestamp;
mod plain_error;
pub mod record;
pub mod store;

pub use error::LogError;
pub use local_timestamp::LocalTimestamp;
pub use plain_error::{json_error_words, plain_json_error};
pub use record::{
    Answer, ClearanceRecord, DailyCheckRecord, DoseRan, ExerciseResult, LogLine, MeasureRecord,
    Outcome, PainScore, PainStop, RECORD_VERSION, RoutineRef, Seconds, SessionRecord, StopReason,
    StopStep,
};
pub use store::{
    CHECKPOINT_FILE, LOCK_FILE, LOG_FILE, LoadedLog, LogStore, QUARANTINE_FILE, ReadOnlyReason,
    StoreMode, UnreadableLine,
};

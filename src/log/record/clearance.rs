//! The clearance line: the person has talked to their physical therapist
//! about an exercise held out after a pain stop ([`ClearanceRecord`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::log::LocalTimestamp;

// Named in doc comments, which are also the schema's descriptions.
#[cfg(doc)]
use super::RECORD_VERSION;

/// The `kind` of a clearance line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClearanceKind {
    /// The person has talked to their physical therapist.
    #[default]
    Clearance,
}

/// The person confirms they have talked to their physical therapist about
/// an exercise held out after a pain stop: from then on it is offered again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClearanceRecord {
    /// Format version; [`RECORD_VERSION`] when written by this code.
    pub v: u32,
    /// Always `clearance`.
    pub kind: ClearanceKind,
    /// When the person confirmed it.
    pub at: LocalTimestamp,
    /// The id of the exercise that was held out.
    pub exercise: String,
    /// The id of the session whose pain stop held it out.
    pub pain_stop_session: String,
}

//! The text layer: every word a reader sees that comes from the model's
//! events, states, faults, outcomes and validation problems, in the reader's
//! language. The model (`src/model`) holds only types and protocol text
//! (`C:`/`S:` lines, reply texts, the `.eml`); this is the only place that
//! turns them into sentences and labels. The UI's own chrome (button names)
//! lives with its components.

pub mod labels;
pub mod narrate;
pub mod problems;
pub mod report;
pub mod stage;
pub mod status;

/// The reader's language. Every function here takes it, so that a second
/// language is an added arm, checked by the compiler where it is missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
}

//! The text layer: every word a reader sees that comes from the model's
//! events, states, faults, outcomes and validation problems, in the reader's
//! language. The model (`src/model`) holds only types and protocol text
//! (`C:`/`S:` lines, reply texts, the `.eml`); this is the only place that
//! turns them into sentences and labels; `words` holds the page's fixed words
//! (buttons, menus, dialogs). Chinese: `words/zh.rs` and `zh/`.

pub mod beat_facts;
pub mod beats;
pub mod labels;
pub mod narrate;
pub mod neutral;
pub mod problems;
pub mod report;
pub mod stage;
pub mod status;
pub mod stories;
pub mod words;

pub mod zh;

pub use crate::lang::Lang;

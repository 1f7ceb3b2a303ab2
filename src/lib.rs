//! mxviz: how an email finds its way across the internet.
//!
//! - `model`: the deterministic delivery-rules engine (plain Rust).
//! - `playback`: the presentation schedule, trace time to playback time.
//! - `player`: what the page shows and the reducer that changes it.
//! - `text`: every word a reader sees that comes from the model.
//! - `lang`: the reader's language (from the link, the browser, the switch).
//! - `link`: links that replay exactly.
//! - `presets`: the built-in stories.
//! - `layout`: where everything sits on the stage, for a width (plain Rust).
//! - `widths`: the one table of width thresholds (layout, CSS, first picture).
//! - `ui`: the Yew components (feature `web`: `csr` in the browser, `ssr` for
//!   the first picture).
//!
//! See ARCHITECTURE.md for the map and the invariants.

pub mod bench;
pub mod beats;
pub mod chapters;
pub mod docs;
pub mod forms;
pub mod lang;
pub mod layout;
pub mod link;
pub mod model;
pub mod playback;
pub mod player;
pub mod presets;
pub mod replay;
pub mod text;
pub mod tone;

pub mod widths;

#[cfg(feature = "web")]
pub mod ui;

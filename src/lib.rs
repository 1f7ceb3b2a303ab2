//! mxviz: how an email finds its way across the internet.
//!
//! - `model`: the deterministic delivery-rules engine (plain Rust).
//! - `playback`: the presentation schedule, trace time to playback time.
//! - `player`: what the page shows and the reducer that changes it.
//! - `text`: every word a reader sees that comes from the model.
//! - `lang`: the reader's language (from the link, the browser, the switch).
//! - `link`: links that replay exactly.
//! - `presets`: the built-in stories.
//! - `ui`: the Yew components (browser build only).
//!
//! See ARCHITECTURE.md for the map and the invariants.

pub mod bench;
pub mod beats;
pub mod chapters;
pub mod docs;
pub mod forms;
pub mod lang;
pub mod link;
pub mod model;
pub mod playback;
pub mod player;
pub mod presets;
pub mod text;
pub mod tone;

#[cfg(target_arch = "wasm32")]
pub mod ui;

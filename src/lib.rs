//! mxviz: how an email finds its way across the internet.
//!
//! - `model`: the deterministic delivery-rules engine (plain Rust).
//! - `playback`: the presentation schedule, trace time to playback time.
//! - `player`: what the page shows and the reducer that changes it.
//! - `ui`: the Yew components (browser build only).
//!
//! See ARCHITECTURE.md for the map and the invariants.

pub mod docs;
pub mod forms;
pub mod model;
pub mod playback;
pub mod player;
pub mod share;

#[cfg(target_arch = "wasm32")]
pub mod ui;

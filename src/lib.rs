//! mxviz: how an email finds its way across the internet.
//!
//! `model` is the deterministic delivery-rules engine (plain Rust, every
//! target). `ui` is the Yew app that replays the model's trace (browser only).
//! See ARCHITECTURE.md for the map.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod ui;

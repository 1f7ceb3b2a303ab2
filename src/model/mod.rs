//! The delivery-rules engine: a deterministic model of addresses, DNS,
//! resolver caches, SMTP, queues and the backup MX, as written down in
//! `docs/rules.md`.
//!
//! Plain Rust only: no yew, web-sys, js-sys or gloo, no clock and no thread
//! RNG (`tests/model_is_pure.rs` enforces it). Time is a parameter, the only
//! randomness is a ChaCha generator seeded by the scenario, and faults are
//! scripted actions. The UI replays `Simulation::trace()`.

pub mod address;
pub mod cache;
pub mod dns;
pub mod edit;
pub mod eml;
pub mod envelope;
pub mod event;
mod format;
pub mod host;
mod json_path;
pub mod mx;
pub mod report;
pub mod retry;
pub mod scenario;
pub mod sim;
pub mod smtp;
pub mod sort;
pub mod state;
pub mod time;
pub mod world;

pub use event::{EnvId, Event, EventKind, HostId};
pub use scenario::{Action, Scenario, ScenarioError};
pub use world::{Limits, World};
pub use sim::Simulation;
pub use state::State;
pub use time::Time;

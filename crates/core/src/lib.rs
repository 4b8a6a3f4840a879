//! `vitrine-core`: every rule about data in Vitrine.
//!
//! Pure Rust: no web, async or UI dependency. The widget (WebAssembly) and the
//! server both call into this crate, so a value is judged the same way in the
//! browser and on the server.
//!
//! See `ARCHITECTURE.md` at the repository root for the invariants.

pub mod query;
pub mod value;

pub use value::Value;

//! `vitrine-server`: HTTP, storage and authentication around vitrine-core.
//!
//! The binary `vitrine` (src/main.rs) exposes it as subcommands; tests start
//! it in-process through [`serve::serve`].

pub mod auth;
pub mod config;
pub mod dataset;
pub mod dataset_apply;
pub mod dataset_changes;
pub mod dataset_file;
pub mod errors;
pub mod file_cache;
pub mod limits;
pub mod records;
pub mod representation;
pub mod routes;
pub mod serve;
pub mod state;
pub mod store;
pub mod token_cmd;

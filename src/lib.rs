//! patctl: administer GitLab-style access tokens in a local SQLite database.
//!
//! Layers, from the outside in: `cli` (clap, one file per subcommand) → `ops` (what each
//! command does) → `store` (all SQL) and `domain` (pure token rules); `output` prints.

pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod input;
pub mod new_file;
pub mod ops;
pub mod output;
pub mod store;
pub mod trust;

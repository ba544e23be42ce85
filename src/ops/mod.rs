//! Operations: what each command does, over the store and the token domain. Plain values in,
//! plain values out: nothing here knows about clap, terminals or output formats.

pub mod apply;
pub mod bots;
pub mod bulk;
pub mod completion;
pub mod expiry;
pub mod gitlab;
pub mod groups;
pub mod impersonation;
pub mod lifecycle;
pub mod mail;
pub mod projects;
pub mod rotate;
pub mod tokens;
pub mod users;
pub mod verify;

pub use crate::domain::model::Stamp;

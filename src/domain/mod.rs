//! The token domain: pure rules and values. No I/O, no clock: `now` is always passed in.

pub mod address;
pub mod expiry;
pub mod gitlab;
pub mod group;
pub mod model;
pub mod notify;
pub mod project;
#[cfg(test)]
pub(crate) mod sample;
pub mod scope;
pub mod search;
pub mod secret;
pub mod text;
pub mod verify;
pub mod when;

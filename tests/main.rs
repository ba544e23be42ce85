//! The integration tests: one binary (compiled and linked once), a module per area. Each drives the
//! real `patctl` binary on a temporary database with the clock fixed by `PATCTL_NOW`, and compares
//! whole outputs with the snapshots under `tests/snapshots/`.

#[macro_use]
mod common;
mod tmux;

mod apply;
mod audit;
mod audit_feed;
mod check_expiry;
mod concurrency;
mod crash;
mod engines;
mod faults;
mod flags;
mod foundation;
mod generated;
mod gitlab_digest;
mod gitlab_import;
mod gitlab_specs;
mod groups;
mod hardening_config;
mod hardening_files;
mod hardening_trust;
mod hostile_input;
mod json_contract;
mod lifecycle_mail;
mod operator;
mod operator_contract;
mod packaging;
mod postgres_hosts;
mod postgres_tls;
mod projects;
mod prometheus;
mod properties;
mod rotate;
mod secrets;
mod service_accounts;
mod shells;
mod terminal;
mod verify;

//! The integration suite: each test spawns the hub on port 0 against a fresh database and
//! talks to it over HTTP, as a client would. `cargo test` runs it on SQLite; with
//! `TEST_DATABASE_URL` set, the same suite runs on PostgreSQL.

// A failed unwrap is a failed test, with its message: exactly what a test wants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod fixtures;
mod helpers;

mod auth;
mod authorization;
mod backend;
mod demo;
mod errors;
mod funding_and_activity;
mod hardening;
mod lifecycle;
mod network_records;
mod projects;
mod reference;
mod schema;
mod search;
mod synthetic;
mod transport;
mod writes;

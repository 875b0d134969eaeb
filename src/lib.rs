//! # Partner Hub
//!
//! The GraphQL API over the partner network of the governance pole of the Cooperation and
//! Cultural Action Service (SCAC) of the French Embassy in Morocco.
//!
//! ## Layout
//!
//! Layers, from the wire inwards; each only calls the one below it.
//!
//! - [`http`]: the transport (axum): GraphQL over HTTP per the specification, limits,
//!   health, panic guard.
//! - [`graphql`]: the schema — types built from storage models, thin resolvers,
//!   per-request DataLoaders, the error policy. No SQL here.
//! - [`services`]: one module per aggregate; transactions, validation, pagination and the
//!   authorization hook ([`auth`]). Every call carries the viewer.
//! - [`entities`]: sea-orm entities, storage only; [`db`] connects and migrates
//!   (the history itself is the `migration` crate in `migrations/`).
//! - [`domain`]: the vocabulary shared by all layers; [`search`]: the search-key folding;
//!   [`reference`]: the public reference data, embedded in the binary.
//!
//! [`app::Application`] ties them together for `serve` and for the tests.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod entities;
pub mod error;
pub mod graphql;
pub mod http;
pub mod reference;
pub mod search;
pub mod seed;
pub mod services;
pub mod telemetry;

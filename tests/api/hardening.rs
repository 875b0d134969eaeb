//! The hardened endpoint: every limit is refused before any SQL statement runs, while an
//! ordinary query beside it still succeeds.

mod endpoint;
mod query_limits;
mod rate_limit;
mod trusted_documents;
mod websocket;

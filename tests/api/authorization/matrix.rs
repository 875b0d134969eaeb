//! The authorization matrix (DESIGN.md §5), generated rather than written case by case:
//! viewers (anonymous; a partner of its own actor and of another; an officer inside and
//! outside its circumscription; a coordinator; an administrator) × record kinds (actor,
//! person, project, partnership, event, exchange, call, application) × sensitivities
//! (PUBLIC, INTERNAL, RESTRICTED; persons are PERSONAL) × places (a commune of Fès, one of
//! Marrakech; calls are national) × entry points (root lists and `totalCount`, search,
//! `node`/`nodes`, nested edges and their `totalCount`, the activity log; and the update
//! mutations).
//!
//! - [`world`] and [`seed`] build one record per cell through the mutations, so the product
//!   derives each record's circumscriptions itself, and one viewer per role and scope.
//! - [`oracle`] says what each viewer may read and write, from DESIGN §5 alone.
//! - [`lists`], [`nodes`], [`nested`], [`activity`] and [`writes`] — one test per family of
//!   entry points, each on a hub of its own — ask through every entry point, compare every
//!   cell with the oracle, and fail once with every disagreeing cell named (viewer × kind ×
//!   sensitivity × place × entry point).

mod activity;
mod lists;
mod model;
mod nested;
mod nodes;
mod oracle;
mod probe;
mod seed;
mod world;
mod writes;

//! Writes: mutations over HTTP, by aggregate, and the guarantees every write keeps
//! (validation, atomicity, idempotency, optimistic concurrency, the activity log).

mod actors;
mod calls;
mod events;
mod exchanges;
mod funds;
mod guarantees;
mod partnerships;
mod people;
mod projects;
mod reference;
mod scope_follows_actor;

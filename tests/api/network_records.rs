//! Partnerships, events and exchanges through the read API: lists and their paging, filters,
//! nested connections, what anonymous viewers may not see, and the cost of a nested query in
//! SQL statements.

mod costs;
mod events;
mod exchanges;
mod fixtures;
mod partnerships;
mod reverse;

use partner_hub::graphql::relay::{GlobalId, NodeKind};
use serde_json::Value;

/// The global ID of a record, as a client would have received it.
fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().0
}

/// The titles of a connection's nodes, in order.
fn titles(connection: &Value) -> Vec<String> {
    connection["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("no nodes in {connection}"))
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect()
}

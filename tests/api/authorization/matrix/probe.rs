//! How the read tests ask: many root fields to a request, every viewer at once (the loaders'
//! batch window makes each request wait), and the few answers they all look at.

use futures_util::future::join_all;
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use serde_json::Value;

use super::model::{Cells, Entity, Viewer};
use super::world::World;

/// Most root fields one matrix request holds (the hub allows 20).
pub const CHUNK: usize = 16;

/// The `errors` of a body, as a cell value (`None` when there are none).
pub fn errors(body: &Value) -> Option<Value> {
    body.get("errors").cloned()
}

/// The global IDs of a connection's nodes.
pub fn ids(connection: &Value) -> Vec<String> {
    connection["nodes"]
        .as_array()
        .map(|nodes| {
            nodes
                .iter()
                .filter_map(|n| n["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Runs `check` for every viewer at once; answers the cells of all.
pub async fn each_viewer<'a, F, Fut>(world: &'a World, check: F) -> Cells
where
    F: Fn(&'a World, &'a Viewer) -> Fut,
    Fut: std::future::Future<Output = Cells>,
{
    let mut all = Cells::default();
    for cells in join_all(world.viewers.iter().map(|v| check(world, v))).await {
        all.merge(cells);
    }
    all
}

/// An id of a record of `entity` that names nothing.
pub fn unknown(entity: Entity) -> String {
    GlobalId::new(node_kind(entity), 987_654)
        .encode()
        .to_string()
}

fn node_kind(entity: Entity) -> NodeKind {
    match entity {
        Entity::Actor => NodeKind::Actor,
        Entity::Person => NodeKind::Person,
        Entity::Project => NodeKind::Project,
        Entity::Partnership => NodeKind::Partnership,
        Entity::Event => NodeKind::Event,
        Entity::Exchange => NodeKind::Exchange,
        Entity::Call => NodeKind::Call,
        Entity::Application => NodeKind::Application,
        Entity::Territory => NodeKind::Territory,
    }
}

pub const ENTITIES: [Entity; 8] = [
    Entity::Actor,
    Entity::Person,
    Entity::Project,
    Entity::Partnership,
    Entity::Event,
    Entity::Exchange,
    Entity::Call,
    Entity::Application,
];

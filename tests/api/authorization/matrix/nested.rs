//! Nested edges (`actor.projects`, `project.participants`, `call.applications` …) and their
//! `totalCount`: a record reached through a PUBLIC parent appears, and is counted, only for
//! the viewers that may read it.

use serde_json::json;

use super::model::{Cells, Link, Record, Viewer, cell};
use super::oracle::may_read;
use super::probe::{each_viewer, errors};
use super::world::World;

#[tokio::test]
async fn nested_edges_and_their_total_counts_leave_out_what_the_viewer_may_not_read() {
    let world = World::build(true).await;
    each_viewer(&world, nested).await.finish("nested edges");
}

/// The (parent alias, link) pairs the records are reached through, in a stable order.
fn links(world: &World) -> Vec<(&'static str, Link)> {
    let mut pairs: Vec<(&'static str, Link)> = Vec::new();
    for edge in world.records.iter().flat_map(|r| &r.edges) {
        if !pairs.contains(&(edge.parent, edge.link)) {
            pairs.push((edge.parent, edge.link));
        }
    }
    pairs
}

async fn nested(world: &World, viewer: &Viewer) -> Cells {
    let mut cells = Cells::default();
    let pairs = links(world);
    let mut fields = Vec::new();
    for (alias, id) in &world.parents {
        let connections: Vec<String> = pairs
            .iter()
            .filter(|(parent, _)| parent == alias)
            .map(|(_, link)| {
                format!(
                    "... on {} {{ {}: {}(first: 100) {{ totalCount nodes {{ {} }} }} }}",
                    link.parent_type(),
                    link.name().replace('.', "_"),
                    link.field(),
                    link.item_selection()
                )
            })
            .collect();
        if !connections.is_empty() {
            fields.push(format!(
                "{alias}: node(id: {}) {{ id {} }}",
                json!(id),
                connections.join(" ")
            ));
        }
    }
    let body = world
        .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
        .await;
    cells.check(
        || format!("{} × nested edges × errors", viewer.label),
        None,
        errors(&body),
    );
    for (alias, link) in pairs {
        let connection = &body["data"][alias][link.name().replace('.', "_")];
        let reached: Vec<String> = connection["nodes"]
            .as_array()
            .map(|nodes| {
                nodes
                    .iter()
                    .filter_map(|n| link.item_id(n).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let children: Vec<&Record> = world
            .records
            .iter()
            .filter(|r| r.edges.iter().any(|e| e.parent == alias && e.link == link))
            .collect();
        let entry = format!("{alias}.{}", link.field());
        for record in &children {
            cells.check(
                || cell(viewer, record, &format!("{entry} ({})", link.name())),
                may_read(viewer, record),
                reached.contains(&record.id),
            );
        }
        let expected = children.iter().filter(|r| may_read(viewer, r)).count();
        cells.check(
            || format!("{} × {entry} ({}) × totalCount", viewer.label, link.name()),
            Some(expected as u64),
            connection["totalCount"].as_u64(),
        );
        cells.check(
            || format!("{} × {entry} ({}) × nodes", viewer.label, link.name()),
            expected,
            reached.len(),
        );
    }
    cells
}

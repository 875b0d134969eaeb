//! `node(id:)` and `nodes(ids:)`: a record the viewer may read, or null — and a null that
//! cannot be told from the answer for an id that names nothing.

use futures_util::future::join_all;
use serde_json::{Value, json};

use super::model::{Cells, Origin, Record, Viewer, cell};
use super::oracle::may_read;
use super::probe::{CHUNK, ENTITIES, each_viewer, errors, unknown};
use super::world::World;

#[tokio::test]
async fn node_answers_a_record_the_viewer_may_not_read_exactly_as_an_unknown_id() {
    let world = World::build(true).await;
    each_viewer(&world, nodes).await.finish("node and nodes");
}

async fn nodes(world: &World, viewer: &Viewer) -> Cells {
    let mut cells = Cells::default();
    let records: Vec<&Record> = world
        .records
        .iter()
        .filter(|r| r.origin != Origin::Reference)
        .collect();

    // `node(id:)`, many to a request: the record, or null — and no error anywhere.
    for chunk in records.chunks(CHUNK) {
        let fields: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, r)| format!("n{i}: node(id: {}) {{ id }}", json!(r.id)))
            .collect();
        let body = world
            .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
            .await;
        cells.check(
            || format!("{} × node(id:) × errors", viewer.label),
            None,
            errors(&body),
        );
        for (i, record) in chunk.iter().enumerate() {
            let expected = may_read(viewer, record).then(|| json!({ "id": record.id }));
            let got = &body["data"][format!("n{i}")];
            cells.check(
                || cell(viewer, record, "node(id:)"),
                expected.unwrap_or(Value::Null),
                got.clone(),
            );
        }
    }

    // `nodes(ids:)`: the same, in order, in one list.
    let list: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let body = world
        .ask(
            viewer,
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": list }),
        )
        .await;
    cells.check(
        || format!("{} × nodes(ids:) × errors", viewer.label),
        None,
        errors(&body),
    );
    for (i, record) in records.iter().enumerate() {
        let expected = may_read(viewer, record).then(|| json!({ "id": record.id }));
        cells.check(
            || cell(viewer, record, "nodes(ids:)"),
            expected.unwrap_or(Value::Null),
            body["data"]["nodes"][i].clone(),
        );
    }

    // The whole body for an unreadable record is the body for an unknown id of its kind.
    let query = "query($id: ID!) { node(id: $id) { id } }";
    let pairs = ENTITIES.iter().filter_map(|entity| {
        let hidden = records
            .iter()
            .find(|r| r.entity == *entity && !may_read(viewer, r))?;
        Some(async move {
            let hidden_body = world.ask(viewer, query, json!({ "id": hidden.id })).await;
            let unknown_body = world
                .ask(viewer, query, json!({ "id": unknown(hidden.entity) }))
                .await;
            (*hidden, hidden_body, unknown_body)
        })
    });
    for (record, hidden_body, unknown_body) in join_all(pairs).await {
        cells.check(
            || {
                cell(
                    viewer,
                    record,
                    "node(id:) body == the body for an unknown id",
                )
            },
            unknown_body,
            hidden_body,
        );
    }
    cells
}

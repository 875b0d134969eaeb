//! Root lists and their `totalCount`, and search (by the word every matrix record holds and
//! by each record's own token): each viewer finds exactly what it may read.

use serde_json::json;

use super::model::{Cells, Entity, Record, Viewer, cell};
use super::oracle::may_read;
use super::probe::{CHUNK, each_viewer, errors, ids};
use super::world::{SHARED, World};

#[tokio::test]
async fn root_lists_and_their_total_counts_hold_what_each_viewer_may_read() {
    let world = World::build(false).await;
    each_viewer(&world, lists).await.finish("root lists");
}

async fn lists(world: &World, viewer: &Viewer) -> Cells {
    let mut cells = Cells::default();
    let fields: Vec<String> = Entity::LISTED
        .iter()
        .map(|e| {
            format!(
                "{}(first: 100) {{ totalCount nodes {{ id }} }}",
                e.root_list().unwrap()
            )
        })
        .collect();
    let body = world
        .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
        .await;
    cells.check(
        || format!("{} × root lists × errors", viewer.label),
        None,
        errors(&body),
    );
    for entity in Entity::LISTED {
        let list = entity.root_list().unwrap();
        let listed = ids(&body["data"][list]);
        let of_kind: Vec<&Record> = world
            .records
            .iter()
            .filter(|r| r.entity == entity)
            .collect();
        for record in &of_kind {
            cells.check(
                || cell(viewer, record, &format!("{list}(first: 100)")),
                may_read(viewer, record),
                listed.contains(&record.id),
            );
        }
        let expected = of_kind.iter().filter(|r| may_read(viewer, r)).count();
        cells.check(
            || format!("{} × every {entity} × {list}.totalCount", viewer.label),
            Some(expected as u64),
            body["data"][list]["totalCount"].as_u64(),
        );
        cells.check(
            || {
                format!(
                    "{} × every {entity} × {list}.nodes (one page)",
                    viewer.label
                )
            },
            expected,
            listed.len(),
        );
    }
    cells
}

#[tokio::test]
async fn search_finds_only_what_each_viewer_may_read() {
    let world = World::build(false).await;
    each_viewer(&world, search).await.finish("search");
}

async fn search(world: &World, viewer: &Viewer) -> Cells {
    let mut cells = Cells::default();
    // The word every matrix record's name holds: one search per root lists them all.
    let fields: Vec<String> = Entity::LISTED
        .iter()
        .map(|e| {
            format!(
                "{}(first: 100, filter: {{ search: {} }}) {{ totalCount nodes {{ id }} }}",
                e.root_list().unwrap(),
                json!(SHARED.to_lowercase())
            )
        })
        .collect();
    let body = world
        .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
        .await;
    cells.check(
        || format!("{} × search {SHARED:?} × errors", viewer.label),
        None,
        errors(&body),
    );
    for entity in Entity::LISTED {
        let list = entity.root_list().unwrap();
        let found = ids(&body["data"][list]);
        let of_kind: Vec<&Record> = world.matrix().filter(|r| r.entity == entity).collect();
        for record in &of_kind {
            cells.check(
                || {
                    cell(
                        viewer,
                        record,
                        &format!("{list}(filter: {{ search: {SHARED:?} }})"),
                    )
                },
                may_read(viewer, record),
                found.contains(&record.id),
            );
        }
        let expected = of_kind.iter().filter(|r| may_read(viewer, r)).count();
        cells.check(
            || {
                format!(
                    "{} × every matrix {entity} × {list}(search).totalCount",
                    viewer.label
                )
            },
            Some(expected as u64),
            body["data"][list]["totalCount"].as_u64(),
        );
    }

    // Each record's own token: found alone, or not at all.
    let searchable: Vec<&Record> = world
        .matrix()
        .filter(|r| r.entity.root_list().is_some())
        .collect();
    for chunk in searchable.chunks(CHUNK) {
        let fields: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, r)| {
                format!(
                    "r{i}: {}(first: 5, filter: {{ search: {} }}) {{ totalCount nodes {{ id }} }}",
                    r.entity.root_list().unwrap(),
                    json!(r.token.as_deref().unwrap())
                )
            })
            .collect();
        let body = world
            .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
            .await;
        cells.check(
            || format!("{} × search by token × errors", viewer.label),
            None,
            errors(&body),
        );
        for (i, record) in chunk.iter().enumerate() {
            let answer = &body["data"][format!("r{i}")];
            let expected: Vec<String> = if may_read(viewer, record) {
                vec![record.id.clone()]
            } else {
                Vec::new()
            };
            let entry = format!(
                "{}(filter: {{ search: {:?} }})",
                record.entity.root_list().unwrap(),
                record.token.as_deref().unwrap()
            );
            cells.check(
                || cell(viewer, record, &format!("{entry}.totalCount")),
                Some(expected.len() as u64),
                answer["totalCount"].as_u64(),
            );
            cells.check(|| cell(viewer, record, &entry), expected, ids(answer));
        }
    }
    cells
}

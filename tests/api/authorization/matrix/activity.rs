//! The activity log: each viewer lists (and counts, and fetches by `node(id:)`) only the
//! entries about what it may read; their subjects resolve and their summaries name nothing
//! it may not read.

use futures_util::future::join_all;
use serde_json::{Value, json};

use super::model::{Cells, Entity, Origin, Record, Sensitivity, Viewer, cell};
use super::oracle::may_read;
use super::probe::{CHUNK, errors};
use super::world::World;

#[tokio::test]
async fn the_activity_log_shows_each_viewer_only_entries_about_what_it_may_read() {
    let world = World::build(true).await;
    let entries = entries(&world).await;
    let mut all = Cells::default();
    let checks = world.viewers.iter().map(|v| activity(&world, &entries, v));
    for cells in join_all(checks).await {
        all.merge(cells);
    }
    all.finish("activity");
}

/// One entry of the log, and the record it is about.
struct LoggedEntry {
    id: String,
    record: Record,
}

/// Every entry, as a coordinator reads them, with the record each is about: its subject,
/// or, for a person (never a subject: personal data), the organisation it names. Every matrix
/// record was logged once, when it was created.
async fn entries(world: &World) -> Vec<LoggedEntry> {
    let data = world
        .app
        .data_as(
            &world.coordinator,
            r#"{ activity(first: 100) { totalCount nodes { id kind sensitivity
                   subject { __typename id } actors { id } } } }"#,
            json!({}),
        )
        .await;
    let total = data["activity"]["totalCount"].as_u64().unwrap();
    assert!(
        total <= 100,
        "the matrix reads the log in one page: {total}"
    );
    let mut entries = Vec::new();
    for node in data["activity"]["nodes"].as_array().unwrap() {
        let subject = node["subject"]["id"].as_str();
        let record = match (subject, node["kind"].as_str().unwrap()) {
            (Some(id), _) => world.records.iter().find(|r| r.id == id).cloned(),
            (None, "PERSON_ADDED") => {
                let organisation = node["actors"][0]["id"].as_str().unwrap();
                world
                    .records
                    .iter()
                    .find(|r| {
                        r.entity == Entity::Person && r.owner.as_deref() == Some(organisation)
                    })
                    .cloned()
            }
            _ => None,
        };
        let record = record.unwrap_or_else(|| {
            assert_eq!(
                node["subject"]["__typename"], "Territory",
                "an entry about no record of the matrix: {node}"
            );
            Record {
                entity: Entity::Territory,
                sensitivity: Sensitivity::parse(node["sensitivity"].as_str().unwrap()),
                circumscriptions: Vec::new(),
                id: node["subject"]["id"].as_str().unwrap().to_owned(),
                owner: None,
                token: None,
                edges: Vec::new(),
                origin: Origin::Reference,
            }
        });
        entries.push(LoggedEntry {
            id: node["id"].as_str().unwrap().to_owned(),
            record,
        });
    }
    for record in world.matrix() {
        let logged = entries.iter().filter(|e| e.record.id == record.id).count();
        assert_eq!(logged, 1, "{} {} was logged once", record.entity, record.id);
    }
    entries
}

async fn activity(world: &World, entries: &[LoggedEntry], viewer: &Viewer) -> Cells {
    let mut cells = Cells::default();
    let body = world
        .ask(
            viewer,
            "{ activity(first: 100) { totalCount nodes { id subject { id } summary } } }",
            json!({}),
        )
        .await;
    cells.check(
        || format!("{} × activity × errors", viewer.label),
        None,
        errors(&body),
    );
    let nodes = body["data"]["activity"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for entry in entries {
        let record = &entry.record;
        let shown = nodes.iter().find(|n| n["id"] == entry.id.as_str());
        cells.check(
            || cell(viewer, record, "activity (its entry listed)"),
            may_read(viewer, record),
            shown.is_some(),
        );
        if let Some(shown) = shown
            && record.entity != Entity::Person
        {
            cells.check(
                || cell(viewer, record, "activity (entry's subject)"),
                Some(record.id.as_str()),
                shown["subject"]["id"].as_str(),
            );
        }
        if let Some(token) = &record.token
            && !may_read(viewer, record)
        {
            let leaks = nodes
                .iter()
                .filter(|n| {
                    n["summary"]
                        .as_str()
                        .is_some_and(|s| s.contains(token.as_str()))
                })
                .count();
            cells.check(
                || cell(viewer, record, "activity (named in no summary)"),
                0,
                leaks,
            );
        }
    }
    let expected = entries
        .iter()
        .filter(|e| may_read(viewer, &e.record))
        .count();
    cells.check(
        || format!("{} × activity × totalCount", viewer.label),
        Some(expected as u64),
        body["data"]["activity"]["totalCount"].as_u64(),
    );

    // `node(id:)` of an entry: the entry, or null, as for the record it is about.
    let about_matrix: Vec<&LoggedEntry> = entries.iter().filter(|e| e.record.is_matrix()).collect();
    for chunk in about_matrix.chunks(CHUNK) {
        let fields: Vec<String> = chunk
            .iter()
            .enumerate()
            .map(|(i, e)| format!("n{i}: node(id: {}) {{ id }}", json!(e.id)))
            .collect();
        let body = world
            .ask(viewer, &format!("{{ {} }}", fields.join(" ")), json!({}))
            .await;
        cells.check(
            || format!("{} × node(activity entry) × errors", viewer.label),
            None,
            errors(&body),
        );
        for (i, entry) in chunk.iter().enumerate() {
            let expected = may_read(viewer, &entry.record).then(|| json!({ "id": entry.id }));
            cells.check(
                || cell(viewer, &entry.record, "node(id: its activity entry)"),
                expected.unwrap_or(Value::Null),
                body["data"][format!("n{i}")].clone(),
            );
        }
    }
    cells
}

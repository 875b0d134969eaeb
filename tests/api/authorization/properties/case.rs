//! The checks of one case, as the case's officer (and, for the circumscription filter, a
//! coordinator), on the case's records only — so a failure belongs to the network that
//! caused it, and shrinking finds a small one.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::Hub;
use super::listing::{page_through, same_records};
use super::network::{Network, Root};
use super::oracle::Viewer;
use super::written::{Record, Written};

/// An edge read from a record, against what the officer should read through it.
struct Edge {
    name: String,
    got: Vec<String>,
    /// `totalCount`, for a connection.
    count: Option<i64>,
    expected: Vec<String>,
}

/// Checks one case, as its officer: lists with nested edges, lookups by id, paging, and (as a
/// coordinator) the circumscription filter.
pub async fn check_case(hub: &Hub, net: &Network, written: &Written) -> Result<(), String> {
    let viewer = Viewer::Officer(net.officer);
    let known: HashMap<&str, &Record> = written.all().map(|r| (r.id.as_str(), r)).collect();
    lists_and_edges(hub, viewer, net, written, &known).await?;
    lookups(hub, viewer, written).await?;
    paging(hub, viewer, net, written, &known).await?;
    circumscription_filter(hub, net, written, &known).await
}

/// The case's records through every list root (filtered by the case's tag), and the edges
/// from them: what the officer reads, with the right sensitivity and counts.
async fn lists_and_edges(
    hub: &Hub,
    viewer: Viewer,
    net: &Network,
    written: &Written,
    known: &HashMap<&str, &Record>,
) -> Result<(), String> {
    let data = hub
        .data(
            hub.token(viewer),
            r#"query($tag: String!) {
              actors(first: 20, filter: { search: $tag }) { totalCount nodes { id sensitivity
                projects(first: 10) { totalCount nodes { project { id } } } } }
              projects(first: 20, filter: { search: $tag }) { totalCount nodes { id sensitivity
                participants(first: 10) { totalCount nodes { actor { id } } } } }
              partnerships(first: 20, filter: { search: $tag }) { totalCount nodes { id sensitivity
                members(first: 10) { totalCount nodes { actor { id } } } } }
              events(first: 20, filter: { search: $tag }) { totalCount nodes { id sensitivity
                project { id } participants(first: 10) { totalCount nodes { actor { id } } } } }
              exchanges(first: 20, filter: { search: $tag }) { totalCount nodes { id sensitivity
                project { id } providers { id } beneficiaries { id } } }
            }"#,
            json!({ "tag": written.tag }),
        )
        .await;
    let may_read = |r: &Record| hub.coverage.may_read(viewer, r.sensitivity, &r.scope);

    for root in Root::ALL {
        let list = &data[root.field()];
        let nodes = list["nodes"].as_array().unwrap();
        let context = format!(
            "{viewer:?} listing {} of case {}",
            root.field(),
            written.tag
        );
        let ids: Vec<String> = nodes
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect();
        same_records(
            hub,
            &context,
            &ids,
            &hub.readable(viewer, written.of(root)),
            known,
        )?;
        ensure!(
            list["totalCount"].as_i64() == Some(ids.len() as i64),
            "{context}: totalCount {} but {} nodes on the only page",
            list["totalCount"],
            ids.len()
        );
        for node in nodes {
            let record = known[node["id"].as_str().unwrap()];
            ensure!(
                node["sensitivity"] == json!(record.sensitivity.as_str()),
                "{context}: {} is served as {}",
                hub.explain(record),
                node["sensitivity"]
            );
        }
    }

    // The edges from each record the officer reads: only to records it may read, all of
    // them, and counted alike.
    let index_of = |root: Root, id: &str| written.of(root).iter().position(|r| r.id == id).unwrap();
    let readable_ids = |root: Root, indices: &mut dyn Iterator<Item = usize>| -> Vec<String> {
        indices
            .map(|i| &written.of(root)[i])
            .filter(|r| may_read(r))
            .map(|r| r.id.clone())
            .collect()
    };
    let connection = |value: &Value, inner: &str| -> (Vec<String>, i64) {
        let ids = value["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n[inner]["id"].as_str().unwrap().to_owned())
            .collect();
        (ids, value["totalCount"].as_i64().unwrap())
    };
    let plain = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let optional = |value: &Value| -> Vec<String> {
        value["id"]
            .as_str()
            .map(str::to_owned)
            .into_iter()
            .collect()
    };
    let mut edges: Vec<Edge> = Vec::new();
    for node in data["actors"]["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap();
        let a = index_of(Root::Actors, id);
        let (got, count) = connection(&node["projects"], "project");
        let expected = readable_ids(
            Root::Projects,
            &mut (0..net.projects.len())
                .filter(|p| net.projects[*p].participants.iter().any(|(x, _)| *x == a)),
        );
        edges.push(Edge {
            name: format!("actor {a}.projects"),
            got,
            count: Some(count),
            expected,
        });
    }
    for node in data["projects"]["nodes"].as_array().unwrap() {
        let p = index_of(Root::Projects, node["id"].as_str().unwrap());
        let (got, count) = connection(&node["participants"], "actor");
        let expected = readable_ids(
            Root::Actors,
            &mut net.projects[p].participants.iter().map(|(a, _)| *a),
        );
        edges.push(Edge {
            name: format!("project {p}.participants"),
            got,
            count: Some(count),
            expected,
        });
    }
    for node in data["partnerships"]["nodes"].as_array().unwrap() {
        let p = index_of(Root::Partnerships, node["id"].as_str().unwrap());
        let (got, count) = connection(&node["members"], "actor");
        let expected = readable_ids(
            Root::Actors,
            &mut net.partnerships[p].members.iter().copied(),
        );
        edges.push(Edge {
            name: format!("partnership {p}.members"),
            got,
            count: Some(count),
            expected,
        });
    }
    for node in data["events"]["nodes"].as_array().unwrap() {
        let e = index_of(Root::Events, node["id"].as_str().unwrap());
        let spec = &net.events[e];
        let (got, count) = connection(&node["participants"], "actor");
        let expected = readable_ids(Root::Actors, &mut spec.participants.iter().map(|(a, _)| *a));
        edges.push(Edge {
            name: format!("event {e}.participants"),
            got,
            count: Some(count),
            expected,
        });
        let expected = readable_ids(Root::Projects, &mut spec.project.into_iter());
        edges.push(Edge {
            name: format!("event {e}.project"),
            got: optional(&node["project"]),
            count: None,
            expected,
        });
    }
    for node in data["exchanges"]["nodes"].as_array().unwrap() {
        let x = index_of(Root::Exchanges, node["id"].as_str().unwrap());
        let spec = &net.exchanges[x];
        let expected = readable_ids(Root::Actors, &mut spec.providers.iter().copied());
        edges.push(Edge {
            name: format!("exchange {x}.providers"),
            got: plain(&node["providers"]),
            count: None,
            expected,
        });
        let expected = readable_ids(Root::Actors, &mut spec.beneficiaries.iter().copied());
        edges.push(Edge {
            name: format!("exchange {x}.beneficiaries"),
            got: plain(&node["beneficiaries"]),
            count: None,
            expected,
        });
        let expected = readable_ids(Root::Projects, &mut spec.project.into_iter());
        edges.push(Edge {
            name: format!("exchange {x}.project"),
            got: optional(&node["project"]),
            count: None,
            expected,
        });
    }
    for Edge {
        name,
        got,
        count,
        expected,
    } in edges
    {
        let context = format!("{viewer:?} reading {name} of case {}", written.tag);
        let expected: Vec<&Record> = expected.iter().map(|id| known[id.as_str()]).collect();
        same_records(hub, &context, &got, &expected, known)?;
        if let Some(count) = count {
            ensure!(
                count == got.len() as i64,
                "{context}: totalCount {count} but {} nodes on the only page",
                got.len()
            );
        }
    }
    Ok(())
}

/// `node(id:)` of every record of the case, and `nodes(ids:)` of all of them: the record
/// when the officer may read it, else null.
async fn lookups(hub: &Hub, viewer: Viewer, written: &Written) -> Result<(), String> {
    let records: Vec<&Record> = written.all().collect();
    let token = hub.token(viewer);
    let check = |record: &Record, answer: &Value, how: &str| -> Result<(), String> {
        let may_read = hub
            .coverage
            .may_read(viewer, record.sensitivity, &record.scope);
        if may_read {
            ensure!(
                answer["id"] == json!(record.id),
                "{viewer:?}: {how} answers {answer} for {}",
                hub.explain(record)
            );
        } else {
            ensure!(
                answer.is_null(),
                "{viewer:?}: {how} shows {}",
                hub.explain(record)
            );
        }
        Ok(())
    };
    // Aliased `node` fields, a document at most 20 root fields wide.
    for chunk in records.chunks(20) {
        let fields: Vec<String> = (0..chunk.len())
            .map(|i| format!("n{i}: node(id: $id{i}) {{ id }}"))
            .collect();
        let params: Vec<String> = (0..chunk.len()).map(|i| format!("$id{i}: ID!")).collect();
        let query = format!("query({}) {{ {} }}", params.join(", "), fields.join(" "));
        let variables: serde_json::Map<String, Value> = chunk
            .iter()
            .enumerate()
            .map(|(i, r)| (format!("id{i}"), json!(r.id)))
            .collect();
        let data = hub.data(token, &query, Value::Object(variables)).await;
        for (i, record) in chunk.iter().enumerate() {
            check(record, &data[format!("n{i}")], "node(id:)")?;
        }
    }
    let ids: Vec<&str> = records.iter().map(|r| r.id.as_str()).collect();
    let data = hub
        .data(
            token,
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ids }),
        )
        .await;
    let answers = data["nodes"].as_array().unwrap();
    ensure!(
        answers.len() == records.len(),
        "nodes(ids:) answered {} entries for {} ids",
        answers.len(),
        records.len()
    );
    for (record, answer) in records.iter().zip(answers) {
        check(record, answer, "nodes(ids:)")?;
    }
    Ok(())
}

/// Every list root, filtered to the case, paged at the case's page size and order: forward
/// the pages hold what the officer reads, each once, as many as `totalCount` says; backward
/// they hold the same, in the same order.
async fn paging(
    hub: &Hub,
    viewer: Viewer,
    net: &Network,
    written: &Written,
    known: &HashMap<&str, &Record>,
) -> Result<(), String> {
    let filter = json!({ "search": written.tag });
    let size = net.page_size as i64;
    for (root, order) in Root::ALL.into_iter().zip(&net.orders) {
        let context = format!(
            "{viewer:?} paging {} of case {} by {size}, ordered by {order:?}",
            root.field(),
            written.tag
        );
        let token = hub.token(viewer);
        let forward = page_through(hub, token, root, &filter, *order, size).await?;
        let ids: Vec<String> = forward.nodes.iter().map(|(id, _)| id.clone()).collect();
        same_records(
            hub,
            &context,
            &ids,
            &hub.readable(viewer, written.of(root)),
            known,
        )?;
        ensure!(
            forward.total_counts.iter().all(|c| *c == ids.len() as i64),
            "{context}: totalCount {:?} (per page) but paging forward yields {}",
            forward.total_counts,
            ids.len()
        );
        let backward = page_through(hub, token, root, &filter, *order, -size).await?;
        let back: Vec<String> = backward.nodes.iter().map(|(id, _)| id.clone()).collect();
        ensure!(
            back == ids,
            "{context}: paging backward yields\n  {back:?}\nforward\n  {ids:?}"
        );
        ensure!(
            backward.total_counts.iter().all(|c| *c == ids.len() as i64),
            "{context}: totalCount {:?} (per page) paging backward, but {} records",
            backward.total_counts,
            ids.len()
        );
    }
    Ok(())
}

/// As a coordinator, the `circumscription` filter finds the case's records that belong to
/// the officer's circumscription by DESIGN §5, whatever their sensitivity.
async fn circumscription_filter(
    hub: &Hub,
    net: &Network,
    written: &Written,
    known: &HashMap<&str, &Record>,
) -> Result<(), String> {
    let fields: Vec<String> = Root::ALL
        .iter()
        .map(|root| {
            format!(
                "{f}(first: 100, filter: {{ search: $tag, circumscription: $code }}) {{ nodes {{ id }} }}",
                f = root.field()
            )
        })
        .collect();
    let query = format!(
        "query($tag: String!, $code: String!) {{ {} }}",
        fields.join("\n")
    );
    let data = hub
        .data(
            Some(&hub.coordinator),
            &query,
            json!({ "tag": written.tag, "code": net.officer }),
        )
        .await;
    for root in Root::ALL {
        let got: Vec<String> = data[root.field()]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect();
        let expected: Vec<&Record> = written
            .of(root)
            .iter()
            .filter(|r| hub.coverage.inside(net.officer, &r.scope))
            .collect();
        let context = format!(
            "a coordinator filtering {} of case {} by circumscription {}",
            root.field(),
            written.tag,
            net.officer
        );
        same_records(hub, &context, &got, &expected, known)?;
    }
    Ok(())
}

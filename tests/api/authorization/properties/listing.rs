//! Reading lists as a client does: paging through a root, and comparing what came back with
//! what the oracle expects.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

use super::Hub;
use super::network::Root;
use super::written::Record;

/// What paging through a list gave.
pub struct Listed {
    /// `(id, sensitivity)` in the order served.
    pub nodes: Vec<(String, String)>,
    /// Every page's `totalCount`.
    pub total_counts: Vec<i64>,
}

/// Pages through a list root, forward with `first: size` and `after`, or backward with
/// `last: size` and `before` when `size` is negative; answers its nodes in list order.
pub async fn page_through(
    hub: &Hub,
    token: Option<&str>,
    root: Root,
    filter: &Value,
    order: Option<(&str, &str)>,
    size: i64,
) -> Result<Listed, String> {
    let query = format!(
        "query($first: Int, $after: String, $last: Int, $before: String,
               $filter: {t}Filter, $orderBy: {t}Order) {{
           list: {field}(first: $first, after: $after, last: $last, before: $before,
                         filter: $filter, orderBy: $orderBy) {{
             totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }}
             nodes {{ id sensitivity }} }} }}",
        t = root.type_name(),
        field = root.field(),
    );
    let order = order.map_or(
        Value::Null,
        |(field, direction)| json!({ "field": field, "direction": direction }),
    );
    let backward = size < 0;
    let size = size.abs();
    let mut pages: Vec<Vec<(String, String)>> = Vec::new();
    let mut total_counts = Vec::new();
    let mut cursor = Value::Null;
    loop {
        let variables = if backward {
            json!({ "last": size, "before": cursor, "filter": filter, "orderBy": order })
        } else {
            json!({ "first": size, "after": cursor, "filter": filter, "orderBy": order })
        };
        let data = hub.data(token, &query, variables).await;
        let list = &data["list"];
        let page: Vec<(String, String)> = list["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["id"].as_str().unwrap().to_owned(),
                    n["sensitivity"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        total_counts.push(list["totalCount"].as_i64().unwrap());
        let more = if backward {
            list["pageInfo"]["hasPreviousPage"] == json!(true)
        } else {
            list["pageInfo"]["hasNextPage"] == json!(true)
        };
        let direction = if backward { "backward" } else { "forward" };
        ensure!(
            page.len() as i64 <= size,
            "{}: a page of {} nodes for a page size of {size}",
            root.field(),
            page.len()
        );
        ensure!(
            !more || page.len() as i64 == size,
            "{}: paging {direction} by {size}, page {} has {} nodes but more pages follow",
            root.field(),
            pages.len() + 1,
            page.len()
        );
        cursor = if backward {
            list["pageInfo"]["startCursor"].clone()
        } else {
            list["pageInfo"]["endCursor"].clone()
        };
        pages.push(page);
        if !more {
            break;
        }
        ensure!(
            pages.len() <= 1_000,
            "{}: paging {direction} by {size} does not end",
            root.field()
        );
    }
    if backward {
        pages.reverse();
    }
    Ok(Listed {
        nodes: pages.into_iter().flatten().collect(),
        total_counts,
    })
}

/// Compares the ids a query answered with the records the viewer should get: no duplicate,
/// nothing it may not read, nothing missing. `known` names the records.
pub fn same_records(
    hub: &Hub,
    context: &str,
    got: &[String],
    expected: &[&Record],
    known: &HashMap<&str, &Record>,
) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for id in got {
        ensure!(
            seen.insert(id.as_str()),
            "{context}: {id} is answered twice"
        );
    }
    let wanted: BTreeSet<&str> = expected.iter().map(|r| r.id.as_str()).collect();
    let name = |id: &str| match known.get(id) {
        Some(record) => hub.explain(record),
        None => format!("{id}, a record the test does not know"),
    };
    let extra: Vec<String> = seen.difference(&wanted).map(|id| name(id)).collect();
    ensure!(
        extra.is_empty(),
        "{context}: answered records it must not show:\n  {}",
        extra.join("\n  ")
    );
    let missing: Vec<String> = wanted.difference(&seen).map(|id| name(id)).collect();
    ensure!(
        missing.is_empty(),
        "{context}: left out records it must show:\n  {}",
        missing.join("\n  ")
    );
    Ok(())
}

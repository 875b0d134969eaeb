//! The top-level lists — `calls` and `funds` — paged both ways and filtered; `node(id:)`;
//! page sizes above 100 refused everywhere.

use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::{gid, seed, titles};
use crate::helpers::{error_code, spawn_app};

const CALL_PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $filter: CallFilter, $orderBy: CallOrder) {
  calls(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { title year }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

#[tokio::test]
async fn calls_page_both_ways_and_hide_internal_ones() {
    let app = spawn_app().await;
    seed(&app).await;
    let all = app.data(CALL_PAGE, json!({ "first": 100 })).await;
    // The 9 public calls of the reference data and 2 of the fixtures' 3.
    assert_eq!(all["calls"]["totalCount"], 11);
    let everything = titles(&all["calls"]);
    assert!(!everything.contains(&"Appel réservé 2031".to_owned()));
    let years: Vec<i64> = all["calls"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["year"].as_i64().unwrap())
        .collect();
    assert!(
        years.windows(2).all(|w| w[0] >= w[1]),
        "latest first: {years:?}"
    );
    assert_eq!(everything[0], "Coopération décentralisée 2032");

    let mut forward = Vec::new();
    let mut after = Value::Null;
    loop {
        let page = app
            .data(CALL_PAGE, json!({ "first": 4, "after": after }))
            .await;
        forward.extend(titles(&page["calls"]));
        let info = &page["calls"]["pageInfo"];
        if !info["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = info["endCursor"].clone();
    }
    assert_eq!(forward, everything);

    let mut backward = Vec::new();
    let mut before = Value::Null;
    loop {
        let page = app
            .data(CALL_PAGE, json!({ "last": 4, "before": before }))
            .await;
        let mut chunk = titles(&page["calls"]);
        chunk.extend(backward);
        backward = chunk;
        let info = &page["calls"]["pageInfo"];
        if !info["hasPreviousPage"].as_bool().unwrap() {
            break;
        }
        before = info["startCursor"].clone();
    }
    assert_eq!(backward, everything);
}

#[tokio::test]
async fn calls_filter_by_instrument_theme_year_fund_opening_and_text() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let count = |filter: Value| {
        let app = &app;
        async move {
            let data = app
                .data(CALL_PAGE, json!({ "filter": filter, "first": 100 }))
                .await;
            (
                data["calls"]["totalCount"].as_i64().unwrap(),
                titles(&data["calls"]),
            )
        }
    };
    assert_eq!(count(json!({ "instruments": ["PISCCA"] })).await.0, 2);
    let (n, youth) = count(json!({ "themes": ["YOUTH"] })).await;
    assert_eq!(n, 3, "two reference calls and one fixture: {youth:?}");
    assert_eq!(count(json!({ "years": [2031, 2032] })).await.0, 2);
    assert_eq!(
        count(json!({ "yearFrom": 2020, "yearTo": 2022 })).await.0,
        3
    );
    let fund = gid(NodeKind::Fund, world.joint_fund);
    assert_eq!(
        count(json!({ "fund": fund })).await.1,
        ["Coopération décentralisée 2032"]
    );
    assert_eq!(
        count(json!({ "openOn": "2031-02-01" })).await.1,
        ["Jeunesse et citoyenneté 2031"]
    );
    assert!(count(json!({ "openOn": "2031-04-01" })).await.1.is_empty());
    let (n, found) = count(json!({ "search": "JEUNESSE" })).await;
    assert_eq!(n, 3, "accents and case ignored: {found:?}");

    let by_title = app
        .data(
            CALL_PAGE,
            json!({ "filter": { "years": [2031, 2032] }, "orderBy": { "field": "TITLE" } }),
        )
        .await;
    assert_eq!(
        titles(&by_title["calls"]),
        [
            "Coopération décentralisée 2032",
            "Jeunesse et citoyenneté 2031"
        ]
    );
    let descending = app
        .data(
            CALL_PAGE,
            json!({ "filter": { "years": [2031, 2032] }, "orderBy": { "field": "TITLE", "direction": "DESC" } }),
        )
        .await;
    assert_eq!(
        titles(&descending["calls"]),
        [
            "Jeunesse et citoyenneté 2031",
            "Coopération décentralisée 2032"
        ]
    );
    // Newest first by default for CREATED_AT; its timestamp cursors page on both databases.
    let by_creation = json!({ "years": [2031, 2032, 2017] });
    let order = json!({ "field": "CREATED_AT" });
    let first = app
        .data(
            CALL_PAGE,
            json!({ "filter": by_creation, "orderBy": order, "first": 1 }),
        )
        .await;
    assert_eq!(titles(&first["calls"]), ["Coopération décentralisée 2032"]);
    let after = first["calls"]["pageInfo"]["endCursor"].clone();
    let rest = app
        .data(
            CALL_PAGE,
            json!({ "filter": by_creation, "orderBy": order, "first": 10, "after": after }),
        )
        .await;
    let rest = titles(&rest["calls"]);
    assert_eq!(rest.len(), 3, "{rest:?}");
    assert_eq!(rest[0], "Jeunesse et citoyenneté 2031");

    let body = app
        .graphql(
            CALL_PAGE,
            json!({ "filter": { "fund": gid(NodeKind::Call, world.youth_call) } }),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.fund");
}

#[tokio::test]
async fn funds_show_their_money_as_decimal_strings() {
    let app = spawn_app().await;
    let world = seed(&app).await;
    let data = app
        .data(
            r#"{ funds {
                  totalCount
                  nodes {
                    id name enName: name(lang: EN) currency
                    envelope { amount currency } committed { amount } remaining { amount currency }
                    calls { totalCount nodes { id title } }
                  }
                } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        data["funds"]["totalCount"], 1,
        "the INTERNAL fund is hidden"
    );
    let fund = &data["funds"]["nodes"][0];
    assert_eq!(fund["id"], gid(NodeKind::Fund, world.joint_fund));
    assert_eq!(
        fund["enName"],
        "Joint Franco-Moroccan fund for decentralised cooperation"
    );
    assert_eq!(
        fund["envelope"],
        json!({ "amount": "1800000.00", "currency": "EUR" })
    );
    assert_eq!(fund["committed"]["amount"], "200000.00");
    assert_eq!(
        fund["remaining"],
        json!({ "amount": "1600000.00", "currency": "EUR" })
    );
    assert_eq!(fund["calls"]["totalCount"], 1);
    assert_eq!(titles(&fund["calls"]), ["Coopération décentralisée 2032"]);
    assert_eq!(
        fund["calls"]["nodes"][0]["id"],
        gid(NodeKind::Call, world.joint_call)
    );

    let paged = app
        .data(
            r#"query($after: String) { funds(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(paged["funds"]["pageInfo"]["hasNextPage"], false);
    let backward = app
        .data(
            r#"{ funds(last: 5) { nodes { id } pageInfo { hasPreviousPage } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        backward["funds"]["nodes"][0]["id"],
        gid(NodeKind::Fund, world.joint_fund)
    );
}

#[tokio::test]
async fn node_answers_visible_records_and_null_for_internal_ones() {
    let app = spawn_app().await;
    let w = seed(&app).await;
    let query = r#"query($id: ID!) { node(id: $id) { __typename id } }"#;
    let visible = [
        (NodeKind::Call, w.youth_call, "Call"),
        (NodeKind::Application, w.selected, "Application"),
        (NodeKind::Fund, w.joint_fund, "Fund"),
        (NodeKind::FundAllocation, w.committed, "FundAllocation"),
        (NodeKind::Activity, w.entries[1], "Activity"),
    ];
    for (kind, id, typename) in visible {
        let data = app.data(query, json!({ "id": gid(kind, id) })).await;
        assert_eq!(data["node"]["__typename"], typename);
        assert_eq!(data["node"]["id"], gid(kind, id));
    }
    let hidden = [
        (NodeKind::Call, w.internal_call),
        (NodeKind::Application, w.internal_application),
        (NodeKind::Fund, w.internal_fund),
        (NodeKind::FundAllocation, w.internal_allocation),
        (NodeKind::Activity, w.entries[3]),
        (NodeKind::Call, 987_654),
    ];
    for (kind, id) in hidden {
        let data = app.data(query, json!({ "id": gid(kind, id) })).await;
        assert_eq!(data["node"], Value::Null, "{kind:?} {id} is not visible");
    }
}

#[tokio::test]
async fn pages_above_100_are_refused_at_every_level() {
    let app = spawn_app().await;
    seed(&app).await;
    for (query, field) in [
        ("{ calls(first: 101) { totalCount } }", "first"),
        ("{ funds(last: 101) { totalCount } }", "last"),
        ("{ activity(first: 101) { totalCount } }", "first"),
        (
            "{ calls { nodes { applications(first: 101) { totalCount } } } }",
            "first",
        ),
        (
            "{ funds { nodes { allocations(first: 101) { totalCount } } } }",
            "first",
        ),
        (
            "{ funds { nodes { calls(first: 101) { totalCount } } } }",
            "first",
        ),
    ] {
        let body = app.graphql(query, json!({})).await;
        assert_eq!(error_code(&body), "BAD_USER_INPUT", "{query}: {body}");
        assert_eq!(body["errors"][0]["extensions"]["field"], field, "{query}");
    }
}

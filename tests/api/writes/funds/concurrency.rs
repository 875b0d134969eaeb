//! The envelope under concurrency (issue 5, item 6): with room left for exactly k allocations,
//! 50 committed allocations sent in parallel yield exactly k successes and 50 − k CONFLICT
//! errors carrying `remaining`; the fund's committed total is then k × amount, the sum of its
//! committed allocations. Twenty rounds, each on a fresh fund of the same running hub.

use std::time::Instant;

use partner_hub::domain::vocabulary::Currency;
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::fixtures::{
    activity_count, committed_in_table, fund_row, gid, insert_fund, insert_located_project,
};
use crate::helpers::spawn_app;

const REQUESTS: usize = 50;
const ROUNDS: usize = 20;
/// Each allocation: EUR 1,000.00.
const AMOUNT_MINOR: i64 = 100_000;

const CREATE: &str = r#"mutation($input: CreateFundAllocationInput!) {
  createFundAllocation(input: $input) { fundAllocation { id status } }
}"#;

/// POSTs one mutation; the body as JSON.
async fn post(client: reqwest::Client, url: String, token: String, body: Value) -> Value {
    let response = client
        .post(url)
        .header("Accept", "application/graphql-response+json")
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request sent");
    assert_eq!(response.status(), 200);
    response.json().await.expect("a JSON body")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_envelope_holds_under_fifty_parallel_commitments_twenty_times() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let project = insert_located_project(&app.db, "Projet très demandé", "MA-03").await;
    let url = app.url("/graphql");
    let started = Instant::now();
    for round in 0..ROUNDS {
        // Room for k allocations, plus a leftover smaller than one: k runs over 0..=50.
        let k = (round * 13 + 7) % (REQUESTS + 1);
        let leftover = (round as i64 % 3) * 3_333;
        let fund = insert_fund(&app.db, k as i64 * AMOUNT_MINOR + leftover, Currency::Eur).await;
        let entries_before = activity_count(&app.db).await;

        let tasks: Vec<_> = (0..REQUESTS)
            .map(|i| {
                let input = json!({
                    "idempotencyKey": format!("round-{round}-request-{i}"),
                    "fund": gid(NodeKind::Fund, fund),
                    "project": gid(NodeKind::Project, project),
                    "amount": "1000.00",
                    "currency": "EUR",
                    "status": "COMMITTED",
                });
                let body = json!({ "query": CREATE, "variables": { "input": input } });
                tokio::spawn(post(app.client.clone(), url.clone(), token.clone(), body))
            })
            .collect();
        let mut successes = 0;
        let mut conflicts = 0;
        for task in tasks {
            let body = task.await.expect("the request task");
            match body.get("errors") {
                None => {
                    assert_eq!(
                        body["data"]["createFundAllocation"]["fundAllocation"]["status"],
                        "COMMITTED"
                    );
                    successes += 1;
                }
                Some(errors) => {
                    let extensions = &errors[0]["extensions"];
                    assert_eq!(extensions["code"], "CONFLICT", "round {round}: {body}");
                    // Every failure saw the envelope full: what remains is the leftover.
                    let leftover_text = format!("{}.{:02}", leftover / 100, leftover % 100);
                    assert_eq!(extensions["remaining"], leftover_text.as_str(), "{body}");
                    assert_eq!(extensions["currency"], "EUR");
                    conflicts += 1;
                }
            }
        }
        assert_eq!(successes, k, "round {round}: successes");
        assert_eq!(conflicts, REQUESTS - k, "round {round}: conflicts");

        let row = fund_row(&app.db, fund).await;
        assert_eq!(
            row.committed_minor,
            k as i64 * AMOUNT_MINOR,
            "round {round}"
        );
        let (sum, count) = committed_in_table(&app.db, fund).await;
        assert_eq!(
            sum, row.committed_minor,
            "round {round}: sum of committed allocations"
        );
        assert_eq!(count, k, "round {round}: only the successes left a row");
        assert_eq!(
            row.version,
            1 + k as i32,
            "round {round}: one bump per success"
        );
        assert_eq!(
            activity_count(&app.db).await,
            entries_before + k as u64,
            "round {round}: one entry per success, none for a conflict"
        );
    }
    // Printed for the record (`--nocapture`); tests assert statement counts, never timings.
    println!(
        "envelope: {ROUNDS} rounds × {REQUESTS} parallel requests in {:?}",
        started.elapsed()
    );
}

const CANCEL: &str = r#"mutation($input: FundAllocationStatusInput!) {
  cancelFundAllocation(input: $input) { fundAllocation { id status } }
}"#;

/// Releases and commitments interleaved: a full fund whose k allocations are cancelled while
/// 30 new ones are sent, all in parallel. Whatever the interleaving, every cancel succeeds, no
/// more can be committed than was released, and the committed total is the sum of the
/// committed allocations — never above the envelope, never below zero.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cancellations_free_room_through_the_same_guard_under_concurrency() {
    let app = spawn_app().await;
    let token = app.token("COORDINATOR", None, None);
    let project = insert_located_project(&app.db, "Projet", "MA-03").await;
    let url = app.url("/graphql");
    for round in 0..3 {
        let k = 10 + 5 * round;
        let fund = insert_fund(&app.db, k as i64 * AMOUNT_MINOR, Currency::Eur).await;
        let input = |i: usize| {
            json!({
                "idempotencyKey": format!("mixed-{round}-{i}"),
                "fund": gid(NodeKind::Fund, fund),
                "project": gid(NodeKind::Project, project),
                "amount": "1000.00", "currency": "EUR", "status": "COMMITTED",
            })
        };
        let mut full = Vec::new();
        for i in 0..k {
            let body = app
                .data_as(&token, CREATE, json!({ "input": input(i) }))
                .await;
            full.push(body["createFundAllocation"]["fundAllocation"]["id"].clone());
        }
        let mut tasks = Vec::new();
        for id in &full {
            let variables = json!({ "input": { "id": id, "expectedVersion": 1 } });
            let body = json!({ "query": CANCEL, "variables": variables });
            tasks.push(tokio::spawn(post(
                app.client.clone(),
                url.clone(),
                token.clone(),
                body,
            )));
        }
        for i in 0..30 {
            let body = json!({ "query": CREATE, "variables": { "input": input(100 + i) } });
            tasks.push(tokio::spawn(post(
                app.client.clone(),
                url.clone(),
                token.clone(),
                body,
            )));
        }
        let mut created = 0;
        for (n, task) in tasks.into_iter().enumerate() {
            let body = task.await.expect("the request task");
            if n < k {
                assert!(body.get("errors").is_none(), "a cancel failed: {body}");
            } else if body.get("errors").is_none() {
                created += 1;
            } else {
                assert_eq!(
                    body["errors"][0]["extensions"]["code"], "CONFLICT",
                    "{body}"
                );
                assert!(body["errors"][0]["extensions"]["remaining"].is_string());
            }
        }
        assert!(
            created <= k,
            "round {round}: {created} committed, {k} released"
        );
        let row = fund_row(&app.db, fund).await;
        let (sum, count) = committed_in_table(&app.db, fund).await;
        assert_eq!(row.committed_minor, sum, "round {round}");
        assert_eq!(count, created, "round {round}");
        assert!((0..=row.envelope_minor).contains(&row.committed_minor));
    }
}

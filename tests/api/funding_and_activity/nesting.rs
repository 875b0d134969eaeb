//! Lists nested under calls and funds: their own `first` and `totalCount`, visibility of the
//! other end, and a cost in SQL statements that does not grow with the number of parents.

use partner_hub::domain::vocabulary::{ActivityKind, ActorKind, RecordType, Sensitivity};
use partner_hub::graphql::relay::NodeKind;
use serde_json::{Value, json};

use super::seed::{
    NewApplication, NewCall, NewEntry, insert_application, insert_call, insert_entry,
};
use super::{gid, hour, seed, titles};
use crate::fixtures::{NewActor, insert_actor};
use crate::helpers::spawn_app;

#[tokio::test]
async fn call_applications_nest_with_their_own_page_and_count() {
    let app = spawn_app().await;
    let w = seed(&app).await;
    let query = r#"query($after: String, $status: ApplicationStatus) {
      calls(filter: { years: [2031] }) {
        totalCount
        nodes {
          title budget { amount currency } opensOn closesOn themes fund { id }
          applications(first: 1, after: $after) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes {
              id title status evaluation submittedAt
              requested { amount currency }
              applicants { id name }
              project { title }
              call { title }
            }
          }
          byStatus: applications(status: $status) { totalCount nodes { title } }
        }
      }
    }"#;
    let data = app.data(query, json!({ "status": "REJECTED" })).await;
    assert_eq!(
        data["calls"]["totalCount"], 1,
        "the INTERNAL call is hidden"
    );
    let call = &data["calls"]["nodes"][0];
    assert_eq!(
        call["budget"],
        json!({ "amount": "500000.00", "currency": "MAD" })
    );
    assert_eq!(call["opensOn"], "2031-01-10");
    assert_eq!(call["closesOn"], "2031-03-31");
    assert_eq!(call["themes"], json!(["YOUTH"]));
    assert_eq!(call["fund"], Value::Null);
    let applications = &call["applications"];
    assert_eq!(
        applications["totalCount"], 2,
        "the INTERNAL application is not counted"
    );
    assert_eq!(applications["pageInfo"]["hasNextPage"], true);
    let first = &applications["nodes"][0];
    assert_eq!(first["id"], gid(NodeKind::Application, w.selected));
    assert_eq!(first["status"], "SELECTED");
    assert_eq!(
        first["evaluation"],
        Value::Null,
        "restricted: never shown to anonymous viewers"
    );
    assert_eq!(
        first["requested"],
        json!({ "amount": "120000.00", "currency": "MAD" })
    );
    assert_eq!(
        first["applicants"],
        json!([{ "id": gid(NodeKind::Actor, w.tilila), "name": "Association Tilila" }]),
        "the INTERNAL applicant is left out"
    );
    assert_eq!(first["project"]["title"], "Projet Tilila — jeunes leaders");
    assert_eq!(first["call"]["title"], "Jeunesse et citoyenneté 2031");
    assert_eq!(titles(&call["byStatus"]), ["Sport au féminin"]);
    assert_eq!(call["byStatus"]["totalCount"], 1);

    let after = applications["pageInfo"]["endCursor"].clone();
    let next = app.data(query, json!({ "after": after })).await;
    let next = &next["calls"]["nodes"][0]["applications"];
    assert_eq!(titles(next), ["Sport au féminin"]);
    assert_eq!(
        next["nodes"][0]["id"],
        gid(NodeKind::Application, w.rejected)
    );
    assert_eq!(next["pageInfo"]["hasNextPage"], false);
    assert_eq!(next["totalCount"], 2);
}

#[tokio::test]
async fn fund_allocations_nest_with_amounts_rates_and_counts() {
    let app = spawn_app().await;
    let w = seed(&app).await;
    let data = app
        .data(
            r#"{ funds { nodes {
                  all: allocations { totalCount nodes {
                    id status amount { amount currency } convertedAmount { amount currency }
                    exchangeRate decidedOn partnership { id } project { id title } fund { id }
                  } }
                  one: allocations(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } }
                  committed: allocations(status: COMMITTED) { totalCount }
                } } }"#,
            json!({}),
        )
        .await;
    let fund = &data["funds"]["nodes"][0];
    assert_eq!(
        fund["all"]["totalCount"], 2,
        "the INTERNAL allocation is not counted"
    );
    let committed = &fund["all"]["nodes"][0];
    assert_eq!(committed["id"], gid(NodeKind::FundAllocation, w.committed));
    assert_eq!(
        committed["amount"],
        json!({ "amount": "150000.00", "currency": "EUR" })
    );
    assert_eq!(committed["convertedAmount"], committed["amount"]);
    assert_eq!(committed["exchangeRate"], Value::Null);
    assert_eq!(committed["decidedOn"], "2031-06-30");
    assert_eq!(
        committed["project"]["title"],
        "Projet Tilila — jeunes leaders"
    );
    assert_eq!(
        committed["project"]["id"],
        gid(NodeKind::Project, w.project)
    );
    assert_eq!(committed["fund"]["id"], gid(NodeKind::Fund, w.joint_fund));
    let proposed = &fund["all"]["nodes"][1];
    assert_eq!(proposed["id"], gid(NodeKind::FundAllocation, w.proposed));
    assert_eq!(
        proposed["amount"],
        json!({ "amount": "1100000.00", "currency": "MAD" })
    );
    assert_eq!(
        proposed["convertedAmount"],
        json!({ "amount": "101200.00", "currency": "EUR" })
    );
    assert_eq!(proposed["exchangeRate"], "0.092000");
    assert_eq!(
        proposed["partnership"]["id"],
        gid(NodeKind::Partnership, w.partnership)
    );
    assert_eq!(fund["one"]["totalCount"], 2);
    assert_eq!(fund["one"]["pageInfo"]["hasNextPage"], true);
    assert_eq!(fund["one"]["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(fund["committed"]["totalCount"], 1);
}

/// Thirty PUBLIC calls of 2040, each with two applications by one applicant, and thirty log
/// entries about them.
async fn seed_many(app: &crate::helpers::TestApp) {
    let db = &app.db;
    let actor = insert_actor(
        db,
        NewActor::public(ActorKind::Association, "Association Atlas"),
    )
    .await;
    for i in 0..30 {
        let title = format!("Appel {i:02}");
        let call = insert_call(db, NewCall::public(&title, 2040)).await;
        for j in 0..2 {
            let title = format!("Candidature {i:02}-{j}");
            insert_application(db, NewApplication::public(call, &title, &[actor])).await;
        }
        insert_entry(
            db,
            NewEntry {
                position: 100 + i,
                at: hour(100 + i),
                kind: ActivityKind::CallPublished,
                subject: (RecordType::Call, call),
                sensitivity: Sensitivity::Public,
                actors: &[actor],
                territories: &[],
                circumscriptions: &[],
            },
        )
        .await;
    }
}

#[tokio::test]
async fn nested_queries_cost_the_same_statements_for_3_and_30_parents() {
    let app = spawn_app().await;
    seed_many(&app).await;
    let calls = r#"query($n: Int) {
      calls(filter: { years: [2040] }, first: $n) {
        totalCount
        nodes {
          title themes fund { name }
          applications(first: 1) {
            totalCount
            nodes { title applicants { name } project { title } call { title } evaluation }
          }
        }
      }
    }"#;
    let activity = r#"query($n: Int) {
      activity(filter: { kinds: [CALL_PUBLISHED] }, first: $n) {
        totalCount
        nodes {
          cursor kind summary
          subject { id ... on Call { title } }
          actors { name } territories { code } circumscriptions { code }
        }
      }
    }"#;
    for (query, list) in [(calls, "calls"), (activity, "activity")] {
        // A first run, so that nothing done once per process counts below.
        app.data(query, json!({ "n": 1 })).await;
        let mut costs = Vec::new();
        for n in [3, 30] {
            let before = app.sql_statements();
            let data = app.data(query, json!({ "n": n })).await;
            costs.push(app.sql_statements() - before);
            assert_eq!(data[list]["nodes"].as_array().unwrap().len(), n as usize);
        }
        assert_eq!(
            costs[0], costs[1],
            "{list}: 3 and 30 parents should cost alike: {costs:?}"
        );
        assert!(
            (1..=10).contains(&costs[0]),
            "{list}: a handful of statements: {costs:?}"
        );
    }
}

/// The services behind `Actor.applications`, `Project.allocations` and `Project.application`
/// (wired into those types separately): per parent, visible records only, counted alike.
#[tokio::test]
async fn reverse_edges_from_actors_and_projects_are_served_per_parent() {
    use partner_hub::auth::Viewer;
    use partner_hub::services::nested::NestedPage;
    use partner_hub::services::{ServiceContext, applications, funds};

    let app = spawn_app().await;
    let w = seed(&app).await;
    let svc = ServiceContext::new(app.db.clone(), Viewer::anonymous());
    let one = NestedPage::from_args(Some(1), None).unwrap();

    let pages = applications::per_actor(&svc, &[w.tilila, 999_999], &one)
        .await
        .unwrap();
    let page = &pages[&w.tilila];
    let ids: Vec<i64> = page.items.iter().map(|(_, a)| a.id).collect();
    assert_eq!(ids, [w.selected]);
    assert!(page.has_next);
    assert!(pages[&999_999].items.is_empty());
    let after = NestedPage::from_args(Some(5), Some(page.items[0].0.clone())).unwrap();
    let rest = applications::per_actor(&svc, &[w.tilila], &after)
        .await
        .unwrap();
    let ids: Vec<i64> = rest[&w.tilila].items.iter().map(|(_, a)| a.id).collect();
    assert_eq!(ids, [w.rejected], "the INTERNAL application is left out");
    let counts = applications::count_per_actor(&svc, &[w.tilila])
        .await
        .unwrap();
    assert_eq!(counts[&w.tilila], 2);

    let allocations = funds::allocations_per_project(&svc, &[w.project], &one)
        .await
        .unwrap();
    let ids: Vec<i64> = allocations[&w.project]
        .items
        .iter()
        .map(|(_, a)| a.id)
        .collect();
    assert_eq!(ids, [w.committed]);
    let counts = funds::count_allocations_per_project(&svc, &[w.project])
        .await
        .unwrap();
    assert_eq!(counts[&w.project], 1);

    let origins = applications::of_projects(&svc, &[w.project]).await.unwrap();
    assert_eq!(origins[&w.project].id, w.selected);
}

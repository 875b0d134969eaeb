//! Projects and actors read together: filters, nested connections, and the cost of a nested
//! query in SQL statements.

use partner_hub::domain::vocabulary::{ActorKind, ParticipantRole, Pillar, Sensitivity};
use serde_json::{Value, json};

use crate::fixtures::{NewActor, NewProject, insert_actor, insert_project};
use crate::helpers::{error_code, spawn_app};

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|n| {
            n["name"]
                .as_str()
                .or(n["title"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn projects_filter_by_territory_circumscription_actor_role_pillar_and_dates() {
    let app = spawn_app().await;
    let db = &app.db;
    let assoc = insert_actor(
        db,
        NewActor {
            seat: Some("MA-FES"),
            ..NewActor::public(ActorKind::Association, "Association Fès Jeunesse")
        },
    )
    .await;
    let region = insert_actor(
        db,
        NewActor::public(ActorKind::MoroccanLocalAuthority, "Conseil régional fictif"),
    )
    .await;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    insert_project(
        db,
        NewProject {
            locations: &["MA-FES"],
            planned_start: day("2024-01-01"),
            planned_end: day("2025-12-31"),
            ..NewProject::public(
                "Jeunesse et citoyenneté à Fès",
                &[
                    (assoc, ParticipantRole::Implementing),
                    (region, ParticipantRole::Partner),
                ],
            )
        },
    )
    .await;
    insert_project(
        db,
        NewProject {
            locations: &["MA-AGD"],
            pillar: Pillar::TerritorialGovernance,
            planned_start: day("2026-03-01"),
            ..NewProject::public(
                "Gouvernance locale à Agadir",
                &[(region, ParticipantRole::Implementing)],
            )
        },
    )
    .await;
    insert_project(
        db,
        NewProject {
            locations: &["MA-FES"],
            sensitivity: Sensitivity::Internal,
            ..NewProject::public(
                "Projet interne à Fès",
                &[(assoc, ParticipantRole::Implementing)],
            )
        },
    )
    .await;
    let data = app
        .data(
            r#"{ a: actors(filter: { search: "Fès Jeunesse" }) { nodes { id } } }"#,
            json!({}),
        )
        .await;
    let assoc_id = data["a"]["nodes"][0]["id"].clone();
    let data = app
        .data(
            r#"query($assoc: ID!) {
              region: projects(filter: { territory: "MA-03" }) { totalCount nodes { title } }
              circ: projects(filter: { circumscription: "fes" }) { totalCount }
              agadir: projects(filter: { circumscription: "AGADIR" }) { nodes { title } }
              byActor: projects(filter: { actor: $assoc }) { totalCount }
              byRole: projects(filter: { actor: $assoc, role: PARTNER }) { totalCount }
              pillar: projects(filter: { pillars: [TERRITORIAL_GOVERNANCE] }) { nodes { title } }
              active: projects(filter: { activeOn: "2025-06-01" }) { nodes { title } }
              later: projects(filter: { startsAfter: "2026-01-01" }) { nodes { title } }
              search: projects(filter: { search: "citoyennete" }) { nodes { title } }
            }"#,
            json!({ "assoc": assoc_id }),
        )
        .await;
    assert_eq!(
        data["region"]["totalCount"], 1,
        "the INTERNAL project is not counted"
    );
    assert_eq!(
        names(&data["region"]["nodes"]),
        ["Jeunesse et citoyenneté à Fès"]
    );
    assert_eq!(data["circ"]["totalCount"], 1);
    assert_eq!(
        names(&data["agadir"]["nodes"]),
        ["Gouvernance locale à Agadir"]
    );
    assert_eq!(data["byActor"]["totalCount"], 1);
    assert_eq!(
        data["byRole"]["totalCount"], 0,
        "the association implements, it is not a PARTNER"
    );
    assert_eq!(
        names(&data["pillar"]["nodes"]),
        ["Gouvernance locale à Agadir"]
    );
    assert_eq!(
        names(&data["active"]["nodes"]),
        ["Jeunesse et citoyenneté à Fès"]
    );
    assert_eq!(
        names(&data["later"]["nodes"]),
        ["Gouvernance locale à Agadir"]
    );
    assert_eq!(
        names(&data["search"]["nodes"]),
        ["Jeunesse et citoyenneté à Fès"]
    );

    let body = app
        .graphql(
            r#"{ projects(filter: { territory: "MA-99" }) { totalCount } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "filter.territory");
}

#[tokio::test]
async fn relations_are_navigable_both_ways_and_hide_what_the_viewer_may_not_see() {
    let app = spawn_app().await;
    let db = &app.db;
    let a = insert_actor(
        db,
        NewActor::public(ActorKind::Association, "Association Alpha"),
    )
    .await;
    let b = insert_actor(db, NewActor::public(ActorKind::Academic, "Université Beta")).await;
    let hidden = insert_actor(
        db,
        NewActor {
            sensitivity: Sensitivity::Internal,
            ..NewActor::public(ActorKind::Association, "Association Cachée")
        },
    )
    .await;
    insert_project(
        db,
        NewProject::public(
            "Projet partagé",
            &[
                (a, ParticipantRole::Implementing),
                (b, ParticipantRole::Partner),
                (hidden, ParticipantRole::Beneficiary),
            ],
        ),
    )
    .await;
    insert_project(
        db,
        NewProject {
            sensitivity: Sensitivity::Internal,
            ..NewProject::public("Projet interne", &[(a, ParticipantRole::Implementing)])
        },
    )
    .await;

    let data = app
        .data(
            r#"{ actors(filter: { search: "alpha" }) { nodes {
                 __typename name
                 projects { totalCount nodes { role project { title participants { totalCount nodes { role actor { __typename name } } } } } }
                 collaborators { totalCount nodes { weight sharedProjects actor { name } } }
               } } }"#,
            json!({}),
        )
        .await;
    let alpha = &data["actors"]["nodes"][0];
    assert_eq!(alpha["__typename"], "Association");
    assert_eq!(
        alpha["projects"]["totalCount"], 1,
        "the INTERNAL project is left out"
    );
    let project = &alpha["projects"]["nodes"][0]["project"];
    assert_eq!(project["title"], "Projet partagé");
    assert_eq!(
        project["participants"]["totalCount"], 2,
        "the INTERNAL actor is left out"
    );
    let participants: Vec<(String, String)> = project["participants"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["role"].as_str().unwrap().to_owned(),
                p["actor"]["name"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        participants,
        [
            ("IMPLEMENTING".to_owned(), "Association Alpha".to_owned()),
            ("PARTNER".to_owned(), "Université Beta".to_owned())
        ]
    );
    assert_eq!(alpha["collaborators"]["totalCount"], 1);
    assert_eq!(
        alpha["collaborators"]["nodes"][0]["actor"]["name"],
        "Université Beta"
    );
    assert_eq!(alpha["collaborators"]["nodes"][0]["sharedProjects"], 1);
    assert_eq!(alpha["collaborators"]["nodes"][0]["weight"], 2.0);

    let body = app
        .graphql(
            r#"{ actors(first: 1) { nodes { projects(first: 101) { totalCount } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), "BAD_USER_INPUT");
    assert_eq!(body["errors"][0]["extensions"]["field"], "first");
}

#[tokio::test]
async fn collaborators_are_weighted_and_ordered() {
    let app = spawn_app().await;
    let db = &app.db;
    let hub = insert_actor(db, NewActor::public(ActorKind::Network, "Réseau pivot")).await;
    let strong = insert_actor(
        db,
        NewActor::public(ActorKind::Association, "Partenaire fort"),
    )
    .await;
    let weak = insert_actor(
        db,
        NewActor::public(ActorKind::Association, "Partenaire léger"),
    )
    .await;
    for title in ["P1", "P2"] {
        insert_project(
            db,
            NewProject::public(
                title,
                &[
                    (hub, ParticipantRole::Funding),
                    (strong, ParticipantRole::Implementing),
                ],
            ),
        )
        .await;
    }
    insert_project(
        db,
        NewProject::public(
            "P3",
            &[
                (hub, ParticipantRole::Funding),
                (weak, ParticipantRole::Implementing),
            ],
        ),
    )
    .await;
    let query = r#"query($after: String) { actors(filter: { search: "pivot" }) { nodes {
        collaborators(first: 1, after: $after, via: [PROJECT]) { totalCount edges { cursor node { weight sharedProjects actor { name } } } pageInfo { hasNextPage endCursor } }
    } } }"#;
    let data = app.data(query, json!({})).await;
    let page = &data["actors"]["nodes"][0]["collaborators"];
    assert_eq!(page["totalCount"], 2);
    assert_eq!(page["edges"][0]["node"]["actor"]["name"], "Partenaire fort");
    assert_eq!(page["edges"][0]["node"]["weight"], 4.0);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let data = app
        .data(query, json!({ "after": page["pageInfo"]["endCursor"] }))
        .await;
    let page = &data["actors"]["nodes"][0]["collaborators"];
    assert_eq!(
        page["edges"][0]["node"]["actor"]["name"],
        "Partenaire léger"
    );
    assert_eq!(page["pageInfo"]["hasNextPage"], false);
}

/// The nested query of the no-N+1 rule: actors → their projects → participants → names.
const NESTED: &str = r#"query($n: Int!) {
  actors(first: $n, filter: { search: "acteur fixture" }) {
    nodes {
      name
      projects(first: 2) {
        totalCount
        nodes { role project { title participants(first: 2) { totalCount nodes { role actor { name } } } } }
      }
    }
  }
}"#;

#[tokio::test]
async fn a_nested_query_costs_the_same_statements_for_5_and_for_100_actors() {
    let app = spawn_app().await;
    let db = &app.db;
    let mut actors = Vec::new();
    for i in 0..100 {
        actors.push(
            insert_actor(
                db,
                NewActor::public(ActorKind::Association, &format!("Acteur fixture {i:03}")),
            )
            .await,
        );
    }
    // Each project has three participants, each actor takes part in three projects.
    for i in 0..100 {
        let participants = [
            (actors[i], ParticipantRole::Implementing),
            (actors[(i + 1) % 100], ParticipantRole::Partner),
            (actors[(i + 2) % 100], ParticipantRole::Beneficiary),
        ];
        insert_project(
            db,
            NewProject::public(&format!("Projet fixture {i:03}"), &participants),
        )
        .await;
    }
    let mut costs = Vec::new();
    for n in [5, 100] {
        let before = app.sql_statements();
        let data = app.data(NESTED, json!({ "n": n })).await;
        costs.push(app.sql_statements() - before);
        let nodes = data["actors"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), n as usize);
        for actor in nodes {
            assert_eq!(actor["projects"]["totalCount"], 3);
            let projects = actor["projects"]["nodes"].as_array().unwrap();
            assert_eq!(projects.len(), 2, "nested first is applied per parent");
            for p in projects {
                assert_eq!(p["project"]["participants"]["totalCount"], 3);
                assert_eq!(
                    p["project"]["participants"]["nodes"]
                        .as_array()
                        .unwrap()
                        .len(),
                    2
                );
            }
        }
    }
    assert_eq!(
        costs[0], costs[1],
        "statements for 5 actors vs 100 actors: {costs:?}"
    );
    assert!(costs[0] <= 8, "one statement per level: {costs:?}");
}

#[tokio::test]
async fn projects_order_by_planned_start_with_undated_ones_first_ascending_and_page_stably() {
    let app = spawn_app().await;
    let db = &app.db;
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    for (title, start) in [
        ("Ordre B", day("2025-03-01")),
        ("Ordre A", day("2024-01-01")),
        ("Ordre sans date", None),
    ] {
        insert_project(
            db,
            NewProject {
                planned_start: start,
                ..NewProject::public(title, &[])
            },
        )
        .await;
    }
    let query = r#"query($dir: OrderDirection!, $after: String) {
        projects(first: 1, after: $after, filter: { search: "ordre" }, orderBy: { field: PLANNED_START, direction: $dir }) {
          nodes { title } pageInfo { endCursor hasNextPage }
        }
    }"#;
    for (dir, expected) in [
        ("ASC", ["Ordre sans date", "Ordre A", "Ordre B"]),
        ("DESC", ["Ordre B", "Ordre A", "Ordre sans date"]),
    ] {
        let mut after = Value::Null;
        let mut titles = Vec::new();
        loop {
            let data = app.data(query, json!({ "dir": dir, "after": after })).await;
            titles.extend(names(&data["projects"]["nodes"]));
            if data["projects"]["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = data["projects"]["pageInfo"]["endCursor"].clone();
        }
        assert_eq!(titles, expected, "{dir}");
    }
}

//! The edges that start at an actor or a project (their GraphQL fields are wired on `Actor`
//! and `Project`): read here through the services behind them, as an anonymous viewer.

use partner_hub::auth::Viewer;
use partner_hub::domain::vocabulary::{EventRole, ExchangePartySide, Sensitivity, Side};
use partner_hub::services::nested::NestedPage;
use partner_hub::services::{ServiceContext, events, exchanges, partnerships};

use super::fixtures::{Fixtures, NewEvent, NewExchange, NewPartnership, day};
use crate::helpers::spawn_app;

fn page(first: i32) -> NestedPage {
    NestedPage::from_args(Some(first), None).unwrap()
}

#[tokio::test]
async fn edges_from_actors_and_projects_leave_out_what_the_viewer_may_not_see() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let svc = ServiceContext::new(app.db.clone(), Viewer::anonymous());
    let actor = fx
        .actor("Acteur central", Some("MA-FES"), Sensitivity::Public)
        .await;
    let other = fx.actor("Autre acteur", None, Sensitivity::Public).await;
    let project = fx.project("Projet public", Sensitivity::Public).await;

    // Partnerships: one public, one INTERNAL, one archived.
    let public = fx
        .partnership(NewPartnership {
            projects: vec![project],
            ..NewPartnership::public("Partenariat public", vec![(actor, Side::Moroccan)])
        })
        .await;
    fx.partnership(NewPartnership {
        sensitivity: Sensitivity::Internal,
        projects: vec![project],
        ..NewPartnership::public("Partenariat interne", vec![(actor, Side::Moroccan)])
    })
    .await;
    fx.partnership(NewPartnership {
        archived: true,
        ..NewPartnership::public("Partenariat archivé", vec![(actor, Side::Moroccan)])
    })
    .await;
    let memberships = partnerships::memberships(&svc, &[actor, other], &page(10))
        .await
        .unwrap();
    let mine: Vec<i64> = memberships[&actor]
        .items
        .iter()
        .map(|(_, m)| m.partnership_id)
        .collect();
    assert_eq!(mine, [public]);
    assert!(memberships[&other].items.is_empty());
    let counts = partnerships::count_memberships(&svc, &[actor, other])
        .await
        .unwrap();
    assert_eq!((counts[&actor], counts[&other]), (1, 0));
    let of_project = partnerships::partnerships_of_projects(&svc, &[project], &page(10))
        .await
        .unwrap();
    assert_eq!(of_project[&project].items.len(), 1);
    assert_eq!(
        partnerships::count_partnerships_of_projects(&svc, &[project])
            .await
            .unwrap()[&project],
        1
    );

    // Events: the actor organises one and speaks at another; an INTERNAL one is left out.
    for (title, starts, role, sensitivity) in [
        (
            "Atelier",
            "2025-01-10T09:00:00Z",
            EventRole::Organiser,
            Sensitivity::Public,
        ),
        (
            "Colloque",
            "2025-02-10T09:00:00Z",
            EventRole::Speaker,
            Sensitivity::Public,
        ),
        (
            "Réunion interne",
            "2025-03-10T09:00:00Z",
            EventRole::Organiser,
            Sensitivity::Internal,
        ),
    ] {
        fx.event(NewEvent {
            project: Some(project),
            sensitivity,
            ..NewEvent::public(title, starts, vec![(actor, role)])
        })
        .await;
    }
    let all = events::participations(&svc, &[actor], None, &page(10))
        .await
        .unwrap();
    assert_eq!(all[&actor].items.len(), 2);
    let organised = events::count_participations(&svc, &[actor], Some(EventRole::Organiser))
        .await
        .unwrap();
    assert_eq!(organised[&actor], 1);
    let first = events::participations(&svc, &[actor], None, &page(1))
        .await
        .unwrap();
    assert!(first[&actor].has_next);
    let of_project = events::of_projects(&svc, &[project], &page(10))
        .await
        .unwrap();
    let titles: Vec<&str> = of_project[&project]
        .items
        .iter()
        .map(|(_, e)| e.title_fr.as_str())
        .collect();
    assert_eq!(titles, ["Colloque", "Atelier"], "latest first");
    assert_eq!(
        events::count_of_projects(&svc, &[project]).await.unwrap()[&project],
        2
    );

    // Exchanges: provided, received, both in one (listed once), and an INTERNAL one.
    let provided = fx
        .exchange(NewExchange {
            project: Some(project),
            starts_on: Some(day("2024-01-01")),
            ..NewExchange::public("Mission donnée", vec![actor], vec![other])
        })
        .await;
    let received = fx
        .exchange(NewExchange::public(
            "Mission reçue",
            vec![other],
            vec![actor],
        ))
        .await;
    let both = fx
        .exchange(NewExchange {
            project: Some(project),
            ..NewExchange::public("Échange croisé", vec![actor], vec![actor])
        })
        .await;
    fx.exchange(NewExchange {
        sensitivity: Sensitivity::Internal,
        ..NewExchange::public("Mission interne", vec![actor], vec![other])
    })
    .await;
    let listed = |side: Option<ExchangePartySide>| {
        let svc = svc.clone();
        async move {
            let found = exchanges::of_actors(&svc, &[actor], side, &page(10))
                .await
                .unwrap();
            let count = exchanges::count_of_actors(&svc, &[actor], side)
                .await
                .unwrap()[&actor];
            let ids: Vec<i64> = found[&actor]
                .items
                .iter()
                .map(|(_, p)| p.exchange_id)
                .collect();
            assert_eq!(ids.len() as u64, count);
            ids
        }
    };
    assert_eq!(listed(None).await, [provided, received, both]);
    assert_eq!(
        listed(Some(ExchangePartySide::Provider)).await,
        [provided, both]
    );
    assert_eq!(
        listed(Some(ExchangePartySide::Beneficiary)).await,
        [received, both]
    );
    let of_project = exchanges::of_projects(&svc, &[project], &page(10))
        .await
        .unwrap();
    let ids: Vec<i64> = of_project[&project]
        .items
        .iter()
        .map(|(_, e)| e.id)
        .collect();
    assert_eq!(ids, [provided, both], "latest start first, undated last");
    assert_eq!(
        exchanges::count_of_projects(&svc, &[project])
            .await
            .unwrap()[&project],
        2
    );
}

#[tokio::test]
async fn the_same_edges_are_fields_of_actor_and_project_with_collaborators_across_all_links() {
    let app = spawn_app().await;
    let fx = Fixtures::new(&app.db);
    let actor = fx
        .actor("Acteur relié", Some("MA-FES"), Sensitivity::Public)
        .await;
    let other = fx.actor("Acteur voisin", None, Sensitivity::Public).await;
    let project = fx.project("Projet relié", Sensitivity::Public).await;
    fx.partnership(NewPartnership {
        projects: vec![project],
        ..NewPartnership::public(
            "Partenariat relié",
            vec![(actor, Side::Moroccan), (other, Side::French)],
        )
    })
    .await;
    fx.event(NewEvent {
        project: Some(project),
        ..NewEvent::public(
            "Séminaire relié",
            "2025-05-05T09:00:00Z",
            vec![
                (actor, EventRole::Organiser),
                (other, EventRole::Participant),
            ],
        )
    })
    .await;
    fx.exchange(NewExchange {
        project: Some(project),
        ..NewExchange::public("Mission reliée", vec![other], vec![actor])
    })
    .await;
    let data = app
        .data(
            r#"{
              actors(filter: { search: "acteur relie" }) { nodes {
                partnerships { totalCount nodes { side partnership { title } } }
                events(role: ORGANISER) { totalCount nodes { role event { title } } }
                received: exchanges(direction: RECEIVED) { totalCount nodes { title } }
                provided: exchanges(direction: PROVIDED) { totalCount }
                collaborators { nodes { weight sharedPartnerships sharedEvents sharedExchanges actor { name } } }
              } }
              projects(filter: { search: "projet relie" }) { nodes {
                events { totalCount nodes { title } }
                exchanges { totalCount nodes { title } }
                partnerships { totalCount nodes { title } }
              } }
            }"#,
            serde_json::json!({}),
        )
        .await;
    let a = &data["actors"]["nodes"][0];
    assert_eq!(a["partnerships"]["totalCount"], 1);
    assert_eq!(a["partnerships"]["nodes"][0]["side"], "MOROCCAN");
    assert_eq!(
        a["partnerships"]["nodes"][0]["partnership"]["title"],
        "Partenariat relié"
    );
    assert_eq!(a["events"]["totalCount"], 1);
    assert_eq!(a["events"]["nodes"][0]["event"]["title"], "Séminaire relié");
    assert_eq!(a["received"]["totalCount"], 1);
    assert_eq!(a["provided"]["totalCount"], 0);
    let collaborator = &a["collaborators"]["nodes"][0];
    assert_eq!(collaborator["actor"]["name"], "Acteur voisin");
    assert_eq!(
        (
            collaborator["sharedPartnerships"].as_u64(),
            collaborator["sharedEvents"].as_u64(),
            collaborator["sharedExchanges"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(
        collaborator["weight"], 4.5,
        "3 × 1 partnership + 1 × 1 exchange + 0.5 × 1 event"
    );
    let p = &data["projects"]["nodes"][0];
    assert_eq!(p["events"]["nodes"][0]["title"], "Séminaire relié");
    assert_eq!(p["exchanges"]["nodes"][0]["title"], "Mission reliée");
    assert_eq!(p["partnerships"]["nodes"][0]["title"], "Partenariat relié");
}

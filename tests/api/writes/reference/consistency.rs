//! The set-based recomputation of circumscriptions after a coverage change agrees with the
//! per-record rule (`scope::territories_of_record` then `scope::circumscriptions_of`) for every
//! record of the demo network, of every scoped type.

use partner_hub::domain::vocabulary::RecordType;
use partner_hub::entities::{
    actor, application, event, exchange, fund_allocation, partnership, person, project,
};
use partner_hub::seed::demo;
use partner_hub::services::scope;
use sea_orm::{DatabaseConnection, EntityTrait, QuerySelect};
use serde_json::json;

use super::{set, version};
use crate::helpers::spawn_app;
use crate::writes::people::last_entry;

async fn ids<E: EntityTrait>(db: &DatabaseConnection, column: E::Column) -> Vec<i64> {
    E::find()
        .select_only()
        .column(column)
        .into_tuple()
        .all(db)
        .await
        .unwrap()
}

/// Every record of every scoped type, by type.
async fn all_records(db: &DatabaseConnection) -> Vec<(RecordType, Vec<i64>)> {
    vec![
        (
            RecordType::Actor,
            ids::<actor::Entity>(db, actor::Column::Id).await,
        ),
        (
            RecordType::Project,
            ids::<project::Entity>(db, project::Column::Id).await,
        ),
        (
            RecordType::Partnership,
            ids::<partnership::Entity>(db, partnership::Column::Id).await,
        ),
        (
            RecordType::Event,
            ids::<event::Entity>(db, event::Column::Id).await,
        ),
        (
            RecordType::Exchange,
            ids::<exchange::Entity>(db, exchange::Column::Id).await,
        ),
        (
            RecordType::Application,
            ids::<application::Entity>(db, application::Column::Id).await,
        ),
        (
            RecordType::Person,
            ids::<person::Entity>(db, person::Column::Id).await,
        ),
        (
            RecordType::FundAllocation,
            ids::<fund_allocation::Entity>(db, fund_allocation::Column::Id).await,
        ),
    ]
}

#[tokio::test]
async fn coverage_changes_over_the_demo_network_agree_with_the_per_record_rule() {
    let app = spawn_app().await;
    demo::load(&app.db).await.expect("the demo loads");
    let db = &app.db.writer;
    // The baseline: every record as the per-record rule stores it (the demo seed derives a
    // few events in France from all their participants, the rule from the Moroccan ones), so
    // that what follows tests the recomputation alone.
    for (record_type, ids) in all_records(db).await {
        for id in ids {
            scope::recompute(db, record_type, id).await.unwrap();
        }
    }

    // Rabat also covers Fès-Meknès; Marrakech takes the prefecture of Fès; Tanger's region
    // coverage ends.
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    let mut recomputed = 0;
    for (circumscription, change) in [
        ("RABAT", json!({ "territory": "MA-03" })),
        (
            "MARRAKECH",
            json!({ "territory": "MA-FES", "confidence": "CONFIRMED" }),
        ),
        (
            "TANGER",
            json!({ "territory": "MA-01", "validTo": yesterday }),
        ),
    ] {
        let mut input = change;
        input["circumscription"] = json!(circumscription);
        input["expectedVersion"] = json!(version(&app, circumscription).await);
        set(&app, input).await;
        let details: serde_json::Value =
            serde_json::from_str(&last_entry(&app).await.details.unwrap()).unwrap();
        recomputed += details["recordsRecomputed"].as_u64().unwrap();
    }
    assert!(
        recomputed > 20,
        "the changes moved demo records: {recomputed}"
    );

    let mut checked = 0;
    for (record_type, ids) in all_records(db).await {
        assert!(!ids.is_empty(), "the demo has {record_type:?} records");
        let stored = scope::circumscriptions_of_records(db, record_type, &ids)
            .await
            .unwrap();
        for id in ids {
            let territories = scope::territories_of_record(db, record_type, id)
                .await
                .unwrap();
            let expected = scope::circumscriptions_of(db, &territories).await.unwrap();
            let got = stored.get(&id).cloned().unwrap_or_default();
            assert_eq!(got, expected, "{record_type:?} {id}");
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

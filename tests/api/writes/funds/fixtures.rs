//! Funds and partnerships written straight into the test database (there is no mutation to
//! create a fund), and what the fund-allocation tests read back from the tables.

use chrono::Utc;
use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{
    ActorKind, AllocationStatus, Currency, PartnershipKind, PartnershipStatus, RecordType,
    Sensitivity, Side,
};
use partner_hub::entities::{activity, fund, fund_allocation, partnership, partnership_member};
use partner_hub::graphql::relay::{GlobalId, NodeKind};
use partner_hub::search::search_key;
use partner_hub::services::scope;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::fixtures::{NewActor, NewProject, insert_actor, insert_project};

pub fn gid(kind: NodeKind, id: i64) -> String {
    GlobalId::new(kind, id).encode().to_string()
}

/// A fund in `currency` with an envelope of `envelope_minor`, nothing committed.
pub async fn insert_fund(db: &Database, envelope_minor: i64, currency: Currency) -> i64 {
    let now = Utc::now();
    fund::ActiveModel {
        name_fr: Set(format!("Fonds d'essai {envelope_minor}")),
        currency: Set(currency),
        envelope_minor: Set(envelope_minor),
        committed_minor: Set(0),
        sensitivity: Set(Sensitivity::Internal),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id
}

pub async fn fund_row(db: &Database, id: i64) -> fund::Model {
    fund::Entity::find_by_id(id)
        .one(&db.writer)
        .await
        .unwrap()
        .unwrap()
}

/// A partnership between an association seated in `seat` and a French local authority.
pub async fn insert_partnership(db: &Database, title: &str, seat: &str) -> (i64, i64) {
    let member = insert_actor(
        db,
        NewActor {
            seat: Some(seat),
            ..NewActor::public(ActorKind::Association, "Association partenaire")
        },
    )
    .await;
    let now = Utc::now();
    let id = partnership::ActiveModel {
        kind: Set(PartnershipKind::DecentralisedCooperation),
        title_fr: Set(title.to_owned()),
        status: Set(PartnershipStatus::Active),
        sensitivity: Set(Sensitivity::Public),
        search_key: Set(search_key([title])),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id;
    partnership_member::ActiveModel {
        partnership_id: Set(id),
        actor_id: Set(member),
        side: Set(Side::Moroccan),
        role: Set(None),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap();
    let (_, circumscriptions) = scope::recompute(&db.writer, RecordType::Partnership, id)
        .await
        .unwrap();
    assert!(
        !circumscriptions.is_empty(),
        "{seat} lies in a circumscription"
    );
    (id, member)
}

/// A public project located in `location`.
pub async fn insert_located_project(db: &Database, title: &str, location: &str) -> i64 {
    insert_project(
        db,
        NewProject {
            locations: &[location],
            ..NewProject::public(title, &[])
        },
    )
    .await
}

pub async fn allocation_count(db: &Database) -> u64 {
    fund_allocation::Entity::find()
        .count(&db.writer)
        .await
        .unwrap()
}

pub async fn activity_count(db: &Database) -> u64 {
    activity::Entity::find().count(&db.writer).await.unwrap()
}

/// The sum of the fund's COMMITTED allocations (converted) and how many there are.
pub async fn committed_in_table(db: &Database, fund_id: i64) -> (i64, usize) {
    let rows = fund_allocation::Entity::find()
        .filter(fund_allocation::Column::FundId.eq(fund_id))
        .filter(fund_allocation::Column::Status.eq(AllocationStatus::Committed))
        .all(&db.writer)
        .await
        .unwrap();
    (rows.iter().map(|a| a.converted_minor).sum(), rows.len())
}

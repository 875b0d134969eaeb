//! Territories, circumscriptions, coverage, the scope table and the activity counter.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, ExprTrait, QueryFilter, Set};

use super::{Ids, at, day, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &mut Ids) -> super::TestResult {
    let now = at(10)?;
    // The counter row comes from the migration; writers bump it in SQL.
    let counter = activity_counter::Entity::find_by_id(1).one(db).await?;
    assert_eq!(
        counter,
        Some(activity_counter::Model { id: 1, position: 0 })
    );
    activity_counter::Entity::update_many()
        .col_expr(
            activity_counter::Column::Position,
            Expr::col(activity_counter::Column::Position).add(1),
        )
        .filter(activity_counter::Column::Id.eq(1))
        .exec(db)
        .await?;

    let region = round_trip(
        db,
        territory::ActiveModel {
            code: Set(s("MA-03")),
            level: Set(TerritoryLevel::Region),
            name_fr: Set(s("Fès-Meknès")),
            name_ar: Set(Some(s("جهة فاس مكناس"))),
            seat: Set(Some(s("Fès"))),
            search_key: Set(s("fes-meknes")),
            created_at: Set(now),
            created_by: Set(Some(s("test"))),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!((region.version, region.name_en.as_deref()), (1, None));
    let province = round_trip(
        db,
        territory::ActiveModel {
            code: Set(s("MA-FES")),
            level: Set(TerritoryLevel::Prefecture),
            parent_id: Set(Some(region.id)),
            name_fr: Set(s("Fès")),
            search_key: Set(s("fes")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let circumscription = round_trip(
        db,
        circumscription::ActiveModel {
            code: Set(s("FES")),
            name_fr: Set(s("Circonscription de Fès")),
            consulate_city: Set(s("Fès")),
            post_kind: Set(PostKind::ConsulateGeneral),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        circumscription_coverage::ActiveModel {
            circumscription_id: Set(circumscription.id),
            territory_id: Set(region.id),
            confidence: Set(CoverageConfidence::Provisional),
            valid_from: Set(Some(day(2016, 1, 1)?)),
            evidence: Set(Some(s("seat region"))),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        record_circumscription::ActiveModel {
            record_type: Set(RecordType::FundAllocation),
            record_id: Set(42),
            circumscription_id: Set(circumscription.id),
        },
    )
    .await?;
    ids.region = region.id;
    ids.province = province.id;
    ids.circumscription = circumscription.id;
    Ok(())
}

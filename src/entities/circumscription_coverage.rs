//! Which territories a circumscription covers, over time and with a confidence.
//! Unique (territory_id, circumscription_id, valid_from).
//!
//! Table `circumscription_coverage`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::CoverageConfidence;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "circumscription_coverage")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub circumscription_id: i64,
    pub territory_id: i64,
    pub confidence: CoverageConfidence,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    #[sea_orm(column_type = "Text")]
    pub evidence: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::circumscription::Entity",
        from = "Column::CircumscriptionId",
        to = "super::circumscription::Column::Id",
        on_delete = "Cascade"
    )]
    Circumscription,
    #[sea_orm(
        belongs_to = "super::territory::Entity",
        from = "Column::TerritoryId",
        to = "super::territory::Column::Id",
        on_delete = "Cascade"
    )]
    Territory,
}

impl Related<super::circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Circumscription.def()
    }
}

impl Related<super::territory::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Territory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

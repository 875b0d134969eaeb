//! A Moroccan territory: region, prefecture, province or commune (ISO 3166-2 code).
//!
//! Table `territories`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::TerritoryLevel;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "territories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(20))", unique)]
    pub code: String,
    pub level: TerritoryLevel,
    pub parent_id: Option<i64>,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub seat: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub search_key: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Parent")]
    Children,
    #[sea_orm(has_many = "super::circumscription_coverage::Entity")]
    CircumscriptionCoverage,
    #[sea_orm(has_many = "super::actor::Entity", via_rel = "Relation::SeatTerritory")]
    SeatedActors,
    #[sea_orm(has_many = "super::project_location::Entity")]
    ProjectLocation,
    #[sea_orm(has_many = "super::event::Entity")]
    Event,
}

impl Related<super::circumscription_coverage::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CircumscriptionCoverage.def()
    }
}

impl Related<super::project_location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectLocation.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

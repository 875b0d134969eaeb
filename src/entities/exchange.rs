//! An expertise exchange: mission, invitation, training grant, study visit, twinning.
//!
//! Table `exchanges`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{ExchangeKind, Instrument, Sensitivity, Theme};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchanges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ExchangeKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub theme: Option<Theme>,
    #[sea_orm(column_type = "String(StringLen::N(10))")]
    pub dac_code: Option<String>,
    pub participant_count: Option<i32>,
    pub instrument: Option<Instrument>,
    pub project_id: Option<i64>,
    pub sensitivity: Sensitivity,
    #[sea_orm(column_type = "Text")]
    pub search_key: String,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict"
    )]
    Project,
    #[sea_orm(has_many = "super::exchange_party::Entity")]
    ExchangeParty,
    #[sea_orm(has_many = "super::exchange_participant::Entity")]
    ExchangeParticipant,
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::exchange_party::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExchangeParty.def()
    }
}

impl Related<super::exchange_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExchangeParticipant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

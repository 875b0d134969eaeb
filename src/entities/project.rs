//! A project: an IATI activity, own or monitored.
//!
//! Table `projects`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{
    ActivityStatus, FundingSource, Instrument, Pillar, ProjectOrigin, Sensitivity,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub iati_identifier: Option<String>,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_ar: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_en: Option<String>,
    pub pillar: Pillar,
    pub instrument: Instrument,
    pub funding_source: FundingSource,
    pub status: ActivityStatus,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub origin: ProjectOrigin,
    pub sensitivity: Sensitivity,
    /// Approved for open-data (IATI) export.
    pub publishable: bool,
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
    #[sea_orm(has_many = "super::project_participant::Entity")]
    ProjectParticipant,
    #[sea_orm(has_many = "super::project_location::Entity")]
    ProjectLocation,
    #[sea_orm(has_many = "super::project_sector::Entity")]
    ProjectSector,
    #[sea_orm(has_many = "super::project_sdg::Entity")]
    ProjectSdg,
    #[sea_orm(has_many = "super::project_theme::Entity")]
    ProjectTheme,
    #[sea_orm(has_many = "super::budget_line::Entity")]
    BudgetLine,
    #[sea_orm(has_many = "super::project_transaction::Entity")]
    ProjectTransaction,
}

impl Related<super::project_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectParticipant.def()
    }
}

impl Related<super::project_location::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectLocation.def()
    }
}

impl Related<super::project_sector::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectSector.def()
    }
}

impl Related<super::project_sdg::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectSdg.def()
    }
}

impl Related<super::project_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectTheme.def()
    }
}

impl Related<super::budget_line::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BudgetLine.def()
    }
}

impl Related<super::project_transaction::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectTransaction.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

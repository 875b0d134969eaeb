//! A partnership between actors (decentralised cooperation, institutional, network membership,
//! MOU), with its provenance.
//!
//! Table `partnerships`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{DatePrecision, PartnershipKind, PartnershipStatus, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partnerships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: PartnershipKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    pub status: PartnershipStatus,
    pub valid_from: Option<NaiveDate>,
    pub valid_from_precision: Option<DatePrecision>,
    pub valid_to: Option<NaiveDate>,
    pub valid_to_precision: Option<DatePrecision>,
    #[sea_orm(column_type = "Text")]
    pub source: Option<String>,
    pub asserted_by: Option<String>,
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
    #[sea_orm(has_many = "super::partnership_member::Entity")]
    PartnershipMember,
    #[sea_orm(has_many = "super::partnership_theme::Entity")]
    PartnershipTheme,
    #[sea_orm(has_many = "super::partnership_project::Entity")]
    PartnershipProject,
    #[sea_orm(has_many = "super::agreement::Entity")]
    Agreement,
    #[sea_orm(has_many = "super::fund_allocation::Entity")]
    FundAllocation,
}

impl Related<super::partnership_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PartnershipMember.def()
    }
}

impl Related<super::partnership_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PartnershipTheme.def()
    }
}

impl Related<super::partnership_project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::PartnershipProject.def()
    }
}

impl Related<super::agreement::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Agreement.def()
    }
}

impl Related<super::fund_allocation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FundAllocation.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

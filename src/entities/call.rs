//! A call for proposals (the embassy's thematic calls, PISCCA rounds, the joint fund's calls).
//!
//! Table `calls`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{Currency, Instrument, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    pub year: i32,
    pub instrument: Instrument,
    pub audience: Option<String>,
    pub budget_minor: Option<i64>,
    pub budget_currency: Option<Currency>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub fund_id: Option<i64>,
    pub sensitivity: Sensitivity,
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
        belongs_to = "super::fund::Entity",
        from = "Column::FundId",
        to = "super::fund::Column::Id",
        on_delete = "Restrict"
    )]
    Fund,
    #[sea_orm(has_many = "super::call_theme::Entity")]
    CallTheme,
    #[sea_orm(has_many = "super::application::Entity")]
    Application,
}

impl Related<super::fund::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fund.def()
    }
}

impl Related<super::call_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CallTheme.def()
    }
}

impl Related<super::application::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Application.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

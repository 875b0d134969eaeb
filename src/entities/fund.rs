//! A fund with an envelope in one currency. CHECK: 0 <= committed_minor <= envelope_minor.
//!
//! Table `funds`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{Currency, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "funds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub currency: Currency,
    pub envelope_minor: i64,
    /// Sum of the COMMITTED allocations, in the fund's currency.
    pub committed_minor: i64,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub sensitivity: Sensitivity,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::fund_contribution::Entity")]
    FundContribution,
    #[sea_orm(has_many = "super::fund_allocation::Entity")]
    FundAllocation,
    #[sea_orm(has_many = "super::call::Entity")]
    Call,
}

impl Related<super::fund_contribution::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FundContribution.def()
    }
}

impl Related<super::fund_allocation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FundAllocation.def()
    }
}

impl Related<super::call::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Call.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

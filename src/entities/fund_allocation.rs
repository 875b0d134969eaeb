//! An allocation of a fund to a partnership or a project.
//!
//! Table `fund_allocations`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{AllocationStatus, Currency, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_allocations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub fund_id: i64,
    pub partnership_id: Option<i64>,
    pub project_id: Option<i64>,
    pub status: AllocationStatus,
    pub amount_minor: i64,
    pub currency: Currency,
    /// Rate × 10⁶ to the fund's currency; `None` when the same.
    pub exchange_rate_micros: Option<i64>,
    /// In the fund's currency: what the envelope counts.
    pub converted_minor: i64,
    pub decided_on: Option<NaiveDate>,
    pub sensitivity: Sensitivity,
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
    #[sea_orm(
        belongs_to = "super::partnership::Entity",
        from = "Column::PartnershipId",
        to = "super::partnership::Column::Id",
        on_delete = "Restrict"
    )]
    Partnership,
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict"
    )]
    Project,
}

impl Related<super::fund::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fund.def()
    }
}

impl Related<super::partnership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partnership.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

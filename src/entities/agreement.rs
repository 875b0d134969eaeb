//! An agreement signed within a partnership (framework agreement, convention …).
//!
//! Table `agreements`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{AgreementKind, DatePrecision};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub partnership_id: i64,
    pub kind: AgreementKind,
    pub title: Option<String>,
    pub signed_on: Option<NaiveDate>,
    pub signed_on_precision: Option<DatePrecision>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::partnership::Entity",
        from = "Column::PartnershipId",
        to = "super::partnership::Column::Id",
        on_delete = "Cascade"
    )]
    Partnership,
}

impl Related<super::partnership::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Partnership.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

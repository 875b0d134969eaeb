//! A contribution to a fund.
//!
//! Table `fund_contributions`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::Currency;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fund_contributions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub fund_id: i64,
    pub contributor_actor_id: i64,
    pub amount_minor: i64,
    pub currency: Currency,
    /// Rate × 10⁶ to the fund's currency; `None` when the same.
    pub exchange_rate_micros: Option<i64>,
    /// In the fund's currency.
    pub converted_minor: i64,
    #[sea_orm(column_type = "Text")]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::fund::Entity",
        from = "Column::FundId",
        to = "super::fund::Column::Id",
        on_delete = "Cascade"
    )]
    Fund,
    #[sea_orm(
        belongs_to = "super::actor::Entity",
        from = "Column::ContributorActorId",
        to = "super::actor::Column::Id",
        on_delete = "Restrict"
    )]
    ContributorActor,
}

impl Related<super::fund::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Fund.def()
    }
}

impl Related<super::actor::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ContributorActor.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! A financial transaction of a project (IATI transaction).
//!
//! Table `project_transactions`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{Currency, TransactionKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_transactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub project_id: i64,
    pub kind: TransactionKind,
    pub transaction_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: Currency,
    pub provider_actor_id: Option<i64>,
    pub receiver_actor_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Cascade"
    )]
    Project,
    #[sea_orm(
        belongs_to = "super::actor::Entity",
        from = "Column::ProviderActorId",
        to = "super::actor::Column::Id",
        on_delete = "Restrict"
    )]
    ProviderActor,
    #[sea_orm(
        belongs_to = "super::actor::Entity",
        from = "Column::ReceiverActorId",
        to = "super::actor::Column::Id",
        on_delete = "Restrict"
    )]
    ReceiverActor,
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

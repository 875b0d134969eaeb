//! The circumscriptions a scoped record belongs to, derived from its territories (never typed
//! in). `record_id` is polymorphic: `record_type` names the table.
//!
//! Table `record_circumscriptions`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::RecordType;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_circumscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_type: RecordType,
    #[sea_orm(primary_key, auto_increment = false)]
    pub record_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub circumscription_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::circumscription::Entity",
        from = "Column::CircumscriptionId",
        to = "super::circumscription::Column::Id",
        on_delete = "Cascade"
    )]
    Circumscription,
}

impl Related<super::circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Circumscription.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

//! An activity concerns this territory (recorded at write time, by position).
//!
//! Table `activity_territories`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_territories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub territory_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::activity::Entity",
        from = "Column::Position",
        to = "super::activity::Column::Position",
        on_delete = "Cascade"
    )]
    Activity,
    #[sea_orm(
        belongs_to = "super::territory::Entity",
        from = "Column::TerritoryId",
        to = "super::territory::Column::Id",
        on_delete = "Cascade"
    )]
    Territory,
}

impl Related<super::activity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Activity.def()
    }
}

impl Related<super::territory::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Territory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

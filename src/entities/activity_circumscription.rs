//! An activity concerns this circumscription (recorded at write time, by position).
//!
//! Table `activity_circumscriptions`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_circumscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub circumscription_id: i64,
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
        belongs_to = "super::circumscription::Entity",
        from = "Column::CircumscriptionId",
        to = "super::circumscription::Column::Id",
        on_delete = "Cascade"
    )]
    Circumscription,
}

impl Related<super::activity::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Activity.def()
    }
}

impl Related<super::circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Circumscription.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

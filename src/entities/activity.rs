//! An entry of the append-only activity log. `subject_type`/`subject_id` refer to the changed
//! record; `details` is JSON text without personal values.
//!
//! Table `activities`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub position: i64,
    pub at: DateTimeUtc,
    pub kind: ActivityKind,
    pub subject_type: RecordType,
    pub subject_id: i64,
    pub sensitivity: Sensitivity,
    pub author: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub details: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::activity_actor::Entity")]
    ActivityActor,
    #[sea_orm(has_many = "super::activity_territory::Entity")]
    ActivityTerritory,
    #[sea_orm(has_many = "super::activity_circumscription::Entity")]
    ActivityCircumscription,
}

impl Related<super::activity_actor::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActivityActor.def()
    }
}

impl Related<super::activity_territory::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActivityTerritory.def()
    }
}

impl Related<super::activity_circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActivityCircumscription.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

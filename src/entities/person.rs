//! A named person: personal data (always PERSONAL). Erasure blanks the names and sets
//! `erased_at`.
//!
//! Table `persons`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "persons")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub given_name: String,
    pub family_name: String,
    pub function: Option<String>,
    pub organisation_id: Option<i64>,
    pub erased_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::actor::Entity",
        from = "Column::OrganisationId",
        to = "super::actor::Column::Id",
        on_delete = "SetNull"
    )]
    Organisation,
    #[sea_orm(has_many = "super::contact_point::Entity")]
    ContactPoint,
}

impl Related<super::actor::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organisation.def()
    }
}

impl Related<super::contact_point::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ContactPoint.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

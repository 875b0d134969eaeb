//! A French consulate general's district (RABAT, CASABLANCA, FES, MARRAKECH, TANGER, AGADIR).
//!
//! Table `circumscriptions`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::PostKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "circumscriptions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(column_type = "String(StringLen::N(40))", unique)]
    pub code: String,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub consulate_city: String,
    pub post_kind: PostKind,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::circumscription_coverage::Entity")]
    CircumscriptionCoverage,
    #[sea_orm(has_many = "super::record_circumscription::Entity")]
    RecordCircumscription,
}

impl Related<super::circumscription_coverage::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::CircumscriptionCoverage.def()
    }
}

impl Related<super::record_circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::RecordCircumscription.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

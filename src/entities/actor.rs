//! An actor of the network: one row per actor, whatever its kind; kind-specific columns are NULL
//! for the other kinds. Never hard-deleted (`archived_at`).
//!
//! Table `actors`.

use chrono::NaiveDate;
use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{
    ActorKind, Country, InstituteSiteKind, LocalAuthorityLevel, Sensitivity,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ActorKind,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub acronym: Option<String>,
    /// Former names and acronyms, `;`-separated (ICPC for INPPLC).
    #[sea_orm(column_type = "Text")]
    pub aliases: Option<String>,
    pub country: Country,
    pub seat_territory_id: Option<i64>,
    pub parent_id: Option<i64>,
    pub website: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_ar: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_en: Option<String>,
    pub iati_ref: Option<String>,
    /// IATI OrganisationType code, e.g. "10" (government).
    #[sea_orm(column_type = "String(StringLen::N(10))")]
    pub iati_org_type: Option<String>,
    pub sensitivity: Sensitivity,
    #[sea_orm(column_type = "Text")]
    pub search_key: String,
    /// Associations only.
    pub registration_number: Option<String>,
    /// Associations only.
    pub founded_on: Option<NaiveDate>,
    /// Local authorities only (Moroccan and French).
    pub local_authority_level: Option<LocalAuthorityLevel>,
    /// Moroccan local authorities only: the territory they govern.
    pub governed_territory_id: Option<i64>,
    /// French local authorities only.
    pub french_region: Option<String>,
    /// Institut français sites only.
    pub city: Option<String>,
    /// Institut français sites only.
    pub site_kind: Option<InstituteSiteKind>,
    /// Consulates only: their circumscription.
    pub circumscription_id: Option<i64>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
    pub archived_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::territory::Entity",
        from = "Column::SeatTerritoryId",
        to = "super::territory::Column::Id",
        on_delete = "Restrict"
    )]
    SeatTerritory,
    #[sea_orm(
        belongs_to = "Entity",
        from = "Column::ParentId",
        to = "Column::Id",
        on_delete = "Restrict"
    )]
    Parent,
    #[sea_orm(
        belongs_to = "super::territory::Entity",
        from = "Column::GovernedTerritoryId",
        to = "super::territory::Column::Id",
        on_delete = "Restrict"
    )]
    GovernedTerritory,
    #[sea_orm(
        belongs_to = "super::circumscription::Entity",
        from = "Column::CircumscriptionId",
        to = "super::circumscription::Column::Id",
        on_delete = "Restrict"
    )]
    Circumscription,
    #[sea_orm(has_many = "Entity", via_rel = "Relation::Parent")]
    Children,
    #[sea_orm(has_many = "super::actor_theme::Entity")]
    ActorTheme,
    #[sea_orm(has_many = "super::person::Entity")]
    Person,
    #[sea_orm(has_many = "super::contact_point::Entity")]
    ContactPoint,
}

impl Related<super::circumscription::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Circumscription.def()
    }
}

impl Related<super::actor_theme::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ActorTheme.def()
    }
}

impl Related<super::person::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Person.def()
    }
}

impl Related<super::contact_point::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ContactPoint.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

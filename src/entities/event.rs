//! An event: training, study tour, visit, forum, seminar, meeting, steering committee.
//!
//! Table `events`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{EventKind, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: EventKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_fr: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: Option<DateTimeUtc>,
    pub territory_id: Option<i64>,
    pub place_in_france: Option<String>,
    pub project_id: Option<i64>,
    pub sensitivity: Sensitivity,
    #[sea_orm(column_type = "Text")]
    pub search_key: String,
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
        from = "Column::TerritoryId",
        to = "super::territory::Column::Id",
        on_delete = "Restrict"
    )]
    Territory,
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict"
    )]
    Project,
    #[sea_orm(has_many = "super::event_participant::Entity")]
    EventParticipant,
    #[sea_orm(has_many = "super::event_attendee::Entity")]
    EventAttendee,
}

impl Related<super::territory::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Territory.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::event_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventParticipant.def()
    }
}

impl Related<super::event_attendee::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventAttendee.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

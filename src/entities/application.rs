//! An application to a call; `evaluation` is restricted.
//!
//! Table `applications`.

use sea_orm::entity::prelude::*;

use crate::domain::vocabulary::{ApplicationStatus, Currency, Sensitivity};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub call_id: i64,
    pub title: String,
    pub requested_minor: Option<i64>,
    pub requested_currency: Option<Currency>,
    pub status: ApplicationStatus,
    /// Restricted: the selection committee's assessment.
    #[sea_orm(column_type = "Text")]
    pub evaluation: Option<String>,
    /// The project it became, once selected.
    pub project_id: Option<i64>,
    pub submitted_at: Option<DateTimeUtc>,
    pub sensitivity: Sensitivity,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub created_by: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::call::Entity",
        from = "Column::CallId",
        to = "super::call::Column::Id",
        on_delete = "Restrict"
    )]
    Call,
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id",
        on_delete = "Restrict"
    )]
    Project,
    #[sea_orm(has_many = "super::application_applicant::Entity")]
    ApplicationApplicant,
}

impl Related<super::call::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Call.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::application_applicant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ApplicationApplicant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

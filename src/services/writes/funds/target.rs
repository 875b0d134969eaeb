//! What an allocation refers to, resolved inside the write transaction: its fund, and the
//! partnership or project it funds (exactly one), with the actors they concern.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{
    fund, fund_allocation, partnership, partnership_member, project, project_participant,
};
use crate::error::{AppError, AppResult};
use crate::services::funds;
use crate::services::write::Writer;

/// The fund `id`, which must exist and be visible to the viewer.
pub async fn fund_for_write(w: &Writer<'_>, id: i64) -> AppResult<fund::Model> {
    funds::visible(w.svc())
        .filter(fund::Column::Id.eq(id))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::bad_input("input.fund", "no such fund"))
}

/// What an allocation funds: a partnership or a project, exactly one.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Partnership(i64),
    Project(i64),
}

impl Target {
    pub fn of(partnership: Option<i64>, project: Option<i64>) -> AppResult<Self> {
        match (partnership, project) {
            (Some(p), None) => Ok(Self::Partnership(p)),
            (None, Some(p)) => Ok(Self::Project(p)),
            (Some(_), Some(_)) => Err(AppError::bad_input(
                "input.project",
                "an allocation funds a partnership or a project, not both",
            )),
            (None, None) => Err(AppError::bad_input(
                "input.partnership",
                "name the partnership or the project the allocation funds",
            )),
        }
    }

    pub fn record_type(self) -> RecordType {
        match self {
            Self::Partnership(_) => RecordType::Partnership,
            Self::Project(_) => RecordType::Project,
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Self::Partnership(id) | Self::Project(id) => id,
        }
    }

    pub fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            Self::Partnership(id) => (Some(id), None),
            Self::Project(id) => (None, Some(id)),
        }
    }

    /// The partnership or project must exist, be visible to the viewer (an invisible one is
    /// answered as an unknown one) and not be archived.
    pub async fn check(self, w: &Writer<'_>) -> AppResult<()> {
        let viewer = &w.svc().viewer;
        let (field, what, archived) = match self {
            Self::Partnership(id) => (
                "input.partnership",
                "partnership",
                partnership::Entity::find_by_id(id)
                    .filter(policy::read_condition(
                        viewer,
                        RecordType::Partnership,
                        partnership::Column::Sensitivity,
                        partnership::Column::Id,
                    ))
                    .one(w.txn())
                    .await?
                    .map(|p| p.archived_at.is_some()),
            ),
            Self::Project(id) => (
                "input.project",
                "project",
                project::Entity::find_by_id(id)
                    .filter(policy::read_condition(
                        viewer,
                        RecordType::Project,
                        project::Column::Sensitivity,
                        project::Column::Id,
                    ))
                    .one(w.txn())
                    .await?
                    .map(|p| p.archived_at.is_some()),
            ),
        };
        match archived {
            None => Err(AppError::bad_input(field, format!("no such {what}"))),
            Some(true) => Err(AppError::bad_input(
                field,
                format!("this {what} is archived; restore it first"),
            )),
            Some(false) => Ok(()),
        }
    }
}

/// The actors an allocation concerns (for the activity entry): the partnership's members or
/// the project's participants.
pub async fn target_actors(w: &Writer<'_>, a: &fund_allocation::Model) -> AppResult<Vec<i64>> {
    let mut actors: Vec<i64> = Vec::new();
    if let Some(p) = a.partnership_id {
        actors.extend(
            partnership_member::Entity::find()
                .select_only()
                .column(partnership_member::Column::ActorId)
                .filter(partnership_member::Column::PartnershipId.eq(p))
                .into_tuple::<i64>()
                .all(w.txn())
                .await?,
        );
    }
    if let Some(p) = a.project_id {
        actors.extend(
            project_participant::Entity::find()
                .select_only()
                .column(project_participant::Column::ActorId)
                .filter(project_participant::Column::ProjectId.eq(p))
                .into_tuple::<i64>()
                .all(w.txn())
                .await?,
        );
    }
    Ok(actors)
}

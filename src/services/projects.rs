//! Projects: IATI activities, the pole's own and other donors' that it monitors.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use super::ServiceContext;
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::project;
use crate::error::AppResult;

/// The projects the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<project::Entity> {
    project::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Project,
        project::Column::Sensitivity,
        project::Column::Id,
    ))
}

/// Projects by id (archived ones included), as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, project::Model>> {
    Ok(visible(svc)
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

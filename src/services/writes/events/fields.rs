//! An event's own fields, validated and applied to its row (shared by create and update),
//! and the references and sensitivity rule events and exchanges share.

use sea_orm::{EntityTrait, QueryFilter, Set};

use super::super::super::validate::{self, DESCRIPTION_MAX, NAME_MAX};
use super::super::super::write::Writer;
use super::EventPatch;
use crate::auth::policy;
use crate::domain::vocabulary::{RecordType, Sensitivity};
use crate::entities::{event, project};
use crate::error::{AppError, AppResult};
use crate::search;

/// Validates and applies the patch's fields to `row` (titles, description, dates, place,
/// project) and recomputes the search key. Checks the end is not before the start and that
/// the event is held in exactly one of a territory or a place in France.
pub(super) async fn apply_patch(
    w: &Writer<'_>,
    row: &mut event::ActiveModel,
    patch: &EventPatch,
) -> AppResult<()> {
    if let Some(title) = &patch.title_fr {
        row.title_fr = Set(validate::required_text("input.title.fr", title, NAME_MAX)?);
    }
    if let Some(title) = &patch.title_ar {
        row.title_ar = Set(validate::optional_text(
            "input.title.ar",
            title.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(title) = &patch.title_en {
        row.title_en = Set(validate::optional_text(
            "input.title.en",
            title.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(description) = &patch.description {
        row.description_fr = Set(validate::optional_long_text(
            "input.description",
            description.as_deref(),
            DESCRIPTION_MAX,
        )?);
    }
    if let Some(starts_at) = patch.starts_at {
        row.starts_at = Set(starts_at);
    }
    if let Some(ends_at) = patch.ends_at {
        row.ends_at = Set(ends_at);
    }
    if let (Some(start), Some(Some(end))) = (row.starts_at.try_as_ref(), row.ends_at.try_as_ref())
        && end < start
    {
        let field = if patch.ends_at.is_some() {
            "input.endsAt"
        } else {
            "input.startsAt"
        };
        return Err(AppError::bad_input(
            field,
            format!("ends ({end}) before it starts ({start})"),
        ));
    }
    if let Some(place) = &patch.place_in_france {
        row.place_in_france = Set(validate::optional_text(
            "input.placeInFrance",
            place.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(territory) = &patch.territory {
        row.territory_id = Set(match territory {
            Some(code) => Some(super::super::territory_id(w, code, "input.territory").await?),
            None => None,
        });
    }
    let in_morocco = matches!(row.territory_id.try_as_ref(), Some(Some(_)));
    let in_france = matches!(row.place_in_france.try_as_ref(), Some(Some(_)));
    match (in_morocco, in_france) {
        (true, true) => {
            let field = if patch.territory.is_some() {
                "input.territory"
            } else {
                "input.placeInFrance"
            };
            return Err(AppError::bad_input(
                field,
                "an event is held either in a territory or at a place in France, not both",
            ));
        }
        (false, false) => {
            let field = if patch.place_in_france.is_some() && patch.territory.is_none() {
                "input.placeInFrance"
            } else {
                "input.territory"
            };
            return Err(AppError::bad_input(
                field,
                "where the event is held: a territory code, or a place in France",
            ));
        }
        _ => {}
    }
    if let Some(project) = patch.project_id {
        row.project_id = Set(match project {
            Some(id) => Some(project_ref(w, id, "input.project").await?),
            None => None,
        });
    }
    let text = |v: Option<&Option<String>>| v.cloned().flatten().unwrap_or_default();
    let title_fr = row.title_fr.try_as_ref().cloned().unwrap_or_default();
    let title_ar = text(row.title_ar.try_as_ref());
    let title_en = text(row.title_en.try_as_ref());
    row.search_key = Set(search::search_key([
        title_fr.as_str(),
        title_ar.as_str(),
        title_en.as_str(),
    ]));
    Ok(())
}

/// A network record's sensitivity: INTERNAL unless given; PERSONAL is for persons' data.
pub(in crate::services::writes) fn record_sensitivity(
    given: Option<Sensitivity>,
) -> AppResult<Sensitivity> {
    match given {
        Some(Sensitivity::Personal) => Err(AppError::bad_input(
            "input.sensitivity",
            "PERSONAL is for persons' data; use RESTRICTED",
        )),
        Some(s) => Ok(s),
        None => Ok(Sensitivity::Internal),
    }
}

/// The project `id`, which must exist, be visible to the viewer (an invisible project is
/// answered exactly like an unknown one) and not be archived.
pub(in crate::services::writes) async fn project_ref(
    w: &Writer<'_>,
    id: i64,
    field: &str,
) -> AppResult<i64> {
    let found = project::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Project,
            project::Column::Sensitivity,
            project::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::bad_input(field, "no such project"))?;
    if found.archived_at.is_some() {
        return Err(AppError::bad_input(
            field,
            "this project is archived; restore it first",
        ));
    }
    Ok(found.id)
}

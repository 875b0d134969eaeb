//! The write side of the services: one module per aggregate, each function one mutation in
//! one transaction through [`super::write::Writer`]. Shared here: resolving the references a
//! mutation's input names (territory codes, actors …) inside the write transaction, with the
//! input path at fault in the error.

pub mod actors;
pub mod calls;
pub mod events;
pub mod exchanges;
pub mod funds;
pub mod partnerships;
pub mod people;
pub mod projects;
pub mod reference;

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::write::Writer;
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{actor, circumscription, territory};
use crate::error::{AppError, AppResult};

/// The id of the territory with `code` (ISO 3166-2, case-insensitive).
pub async fn territory_id(w: &Writer<'_>, code: &str, field: &str) -> AppResult<i64> {
    let code = code.trim().to_uppercase();
    territory::Entity::find()
        .filter(territory::Column::Code.eq(code.as_str()))
        .one(w.txn())
        .await?
        .map(|t| t.id)
        .ok_or_else(|| AppError::bad_input(field, format!("no territory has the code `{code}`")))
}

/// The ids of the territories with `codes`, in order; `field(i)` names the i-th code.
pub async fn territory_ids(
    w: &Writer<'_>,
    codes: &[String],
    field: impl Fn(usize) -> String,
) -> AppResult<Vec<i64>> {
    let wanted: Vec<String> = codes.iter().map(|c| c.trim().to_uppercase()).collect();
    let found: HashMap<String, i64> = territory::Entity::find()
        .filter(territory::Column::Code.is_in(wanted.iter().map(String::as_str)))
        .all(w.txn())
        .await?
        .into_iter()
        .map(|t| (t.code, t.id))
        .collect();
    wanted
        .iter()
        .enumerate()
        .map(|(i, code)| {
            found.get(code).copied().ok_or_else(|| {
                AppError::bad_input(field(i), format!("no territory has the code `{code}`"))
            })
        })
        .collect()
}

/// The id of the circumscription with `code` (`FES` …).
pub async fn circumscription_id(w: &Writer<'_>, code: &str, field: &str) -> AppResult<i64> {
    let code = code.trim().to_uppercase();
    circumscription::Entity::find()
        .filter(circumscription::Column::Code.eq(code.as_str()))
        .one(w.txn())
        .await?
        .map(|c| c.id)
        .ok_or_else(|| {
            AppError::bad_input(field, format!("no circumscription has the code `{code}`"))
        })
}

/// The actors `ids` refer to, which must exist, be visible to the viewer (an actor the viewer
/// may not see is answered exactly like an unknown one) and not be archived.
pub async fn actors(
    w: &Writer<'_>,
    ids: &[i64],
    field: impl Fn(usize) -> String,
) -> AppResult<HashMap<i64, actor::Model>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let found: HashMap<i64, actor::Model> = actor::Entity::find()
        .filter(actor::Column::Id.is_in(ids.iter().copied()))
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Actor,
            actor::Column::Sensitivity,
            actor::Column::Id,
        ))
        .all(w.txn())
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        match found.get(id) {
            None => return Err(AppError::bad_input(field(i), "no such actor")),
            Some(a) if a.archived_at.is_some() => {
                return Err(AppError::bad_input(
                    field(i),
                    "this actor is archived; restore it first",
                ));
            }
            Some(_) => {}
        }
    }
    Ok(found)
}

/// One actor, as [`actors`].
pub async fn actor(w: &Writer<'_>, id: i64, field: &str) -> AppResult<actor::Model> {
    actors(w, &[id], |_| field.to_owned())
        .await?
        .remove(&id)
        .ok_or_else(|| AppError::bad_input(field, "no such actor"))
}

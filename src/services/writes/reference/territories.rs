//! Territories: adding a commune under a prefecture or province, and changing a territory's
//! names, seat or parent.

use sea_orm::{ActiveModelTrait, ActiveValue, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::json;

use super::super::super::validate::{self, NAME_MAX, SHORT_MAX};
use super::super::super::write::{Begun, Entry, Writer, is_unique_violation};
use super::super::super::{ServiceContext, scope};
use super::{WHAT, recompute};
use crate::auth::policy;
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity, TerritoryLevel};
use crate::entities::territory;
use crate::error::{AppError, AppResult};
use crate::search;

/// Longest territory code (the column's width).
const CODE_MAX: usize = 20;

/// A new commune, as received.
#[derive(Debug, Clone, Default, Serialize)]
pub struct NewCommune {
    pub code: String,
    /// Code of its prefecture or province.
    pub parent: String,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub seat: Option<String>,
}

/// A change to a territory: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct TerritoryPatch {
    pub name_fr: Option<String>,
    pub name_ar: Option<Option<String>>,
    pub name_en: Option<Option<String>>,
    pub seat: Option<Option<String>>,
    /// Code of the new parent.
    pub parent: Option<String>,
}

impl TerritoryPatch {
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        if self.name_fr.is_some() || self.name_ar.is_some() || self.name_en.is_some() {
            fields.push("name");
        }
        if self.seat.is_some() {
            fields.push("seat");
        }
        if self.parent.is_some() {
            fields.push("parent");
        }
        fields
    }
}

/// Adds a commune under a prefecture or province; answers its id.
pub async fn create_commune(
    svc: &ServiceContext,
    key: Option<&str>,
    new: NewCommune,
) -> AppResult<i64> {
    policy::require_admin(&svc.viewer, WHAT)?;
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let code = checked_code(&new.code)?;
    let taken = territory::Entity::find()
        .filter(territory::Column::Code.eq(code.as_str()))
        .one(w.txn())
        .await?;
    if taken.is_some() {
        return Err(code_taken());
    }
    let parent = by_code(&w, &new.parent, "input.parent").await?;
    check_parent(TerritoryLevel::Commune, parent.level)?;
    let name_fr = validate::required_text("input.name.fr", &new.name_fr, NAME_MAX)?;
    let name_ar = validate::optional_text("input.name.ar", new.name_ar.as_deref(), NAME_MAX)?;
    let name_en = validate::optional_text("input.name.en", new.name_en.as_deref(), NAME_MAX)?;
    let seat = validate::optional_text("input.seat", new.seat.as_deref(), SHORT_MAX)?;
    let search_key = key_of(&name_fr, name_ar.as_deref(), name_en.as_deref(), &code);
    let created = territory::ActiveModel {
        code: Set(code.clone()),
        level: Set(TerritoryLevel::Commune),
        parent_id: Set(Some(parent.id)),
        name_fr: Set(name_fr),
        name_ar: Set(name_ar),
        name_en: Set(name_en),
        seat: Set(seat),
        search_key: Set(search_key),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    }
    .insert(w.txn())
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            code_taken()
        } else {
            e.into()
        }
    })?;
    let circumscriptions = scope::circumscriptions_of(w.txn(), &[created.id]).await?;
    w.log(
        Entry::new(
            ActivityKind::ReferenceUpdated,
            RecordType::Territory,
            created.id,
            Sensitivity::Public,
        )
        .territories([created.id, parent.id])
        .circumscriptions(circumscriptions)
        .details(
            json!({ "change": "territoryAdded", "level": TerritoryLevel::Commune, "code": code }),
        ),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Changes a territory's names, seat or parent, bumping its version from `expected_version`.
/// A new parent recomputes the circumscriptions of the records located under the territory.
pub async fn update_territory(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: TerritoryPatch,
) -> AppResult<()> {
    policy::require_admin(&svc.viewer, WHAT)?;
    let mut w = Writer::begin(svc).await?;
    let current = territory::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such territory".to_owned()))?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<territory::Entity>(id, expected_version, "territory")
        .await?;
    let before = scope::circumscriptions_of(w.txn(), &[id]).await?;
    let old_parent = current.parent_id;
    let level = current.level;
    let code = current.code.clone();
    let mut row: territory::ActiveModel = current.into();
    if let Some(name) = &patch.name_fr {
        row.name_fr = Set(validate::required_text("input.name.fr", name, NAME_MAX)?);
    }
    if let Some(name) = &patch.name_ar {
        row.name_ar = Set(validate::optional_text(
            "input.name.ar",
            name.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(name) = &patch.name_en {
        row.name_en = Set(validate::optional_text(
            "input.name.en",
            name.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(seat) = &patch.seat {
        row.seat = Set(validate::optional_text(
            "input.seat",
            seat.as_deref(),
            SHORT_MAX,
        )?);
    }
    let mut new_parent = old_parent;
    if let Some(parent) = &patch.parent {
        let parent = by_code(&w, parent, "input.parent").await?;
        check_parent(level, parent.level)?;
        new_parent = Some(parent.id);
        row.parent_id = Set(Some(parent.id));
    }
    let key = key_of(
        &row.name_fr.clone().take().unwrap_or_default(),
        row.name_ar.clone().take().flatten().as_deref(),
        row.name_en.clone().take().flatten().as_deref(),
        &code,
    );
    row.search_key = Set(key);
    // The version and audit columns were set by the guarded bump; keep them.
    row.version = ActiveValue::NotSet;
    row.updated_at = ActiveValue::NotSet;
    row.updated_by = ActiveValue::NotSet;
    row.update(w.txn()).await?;
    let moved = if new_parent != old_parent {
        recompute::under(w.txn(), id).await?
    } else {
        recompute::Recomputed::default()
    };
    let after = scope::circumscriptions_of(w.txn(), &[id]).await?;
    w.log(
        Entry::new(
            ActivityKind::ReferenceUpdated,
            RecordType::Territory,
            id,
            Sensitivity::Public,
        )
        .territories([id].into_iter().chain(old_parent).chain(new_parent))
        .circumscriptions(
            before
                .into_iter()
                .chain(after)
                .chain(moved.circumscriptions),
        )
        .details(json!({ "fields": fields, "recordsRecomputed": moved.records })),
    );
    w.commit(id).await
}

/// The territory with `code`.
pub(super) async fn by_code(
    w: &Writer<'_>,
    code: &str,
    field: &str,
) -> AppResult<territory::Model> {
    let id = super::super::territory_id(w, code, field).await?;
    territory::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::bad_input(field, "no such territory"))
}

/// Regions are at the top; prefectures and provinces belong to a region; communes to a
/// prefecture or province.
fn check_parent(level: TerritoryLevel, parent: TerritoryLevel) -> AppResult<()> {
    let fits = match level {
        TerritoryLevel::Region => false,
        TerritoryLevel::Prefecture | TerritoryLevel::Province => parent == TerritoryLevel::Region,
        TerritoryLevel::Commune => {
            matches!(
                parent,
                TerritoryLevel::Prefecture | TerritoryLevel::Province
            )
        }
    };
    if fits {
        Ok(())
    } else {
        Err(AppError::bad_input(
            "input.parent",
            match level {
                TerritoryLevel::Region => "a region has no parent",
                TerritoryLevel::Commune => "a commune belongs to a prefecture or a province",
                _ => "a prefecture or province belongs to a region",
            },
        ))
    }
}

/// A territory code: `MA-` then capital letters, digits and hyphens, at most 20 characters.
fn checked_code(code: &str) -> AppResult<String> {
    let code = code.trim().to_uppercase();
    let body = code.strip_prefix("MA-").unwrap_or_default();
    let ok = !body.is_empty()
        && code.len() <= CODE_MAX
        && body
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !body.starts_with('-')
        && !body.ends_with('-');
    if ok {
        Ok(code)
    } else {
        Err(AppError::bad_input(
            "input.code",
            format!(
                "a territory code is `MA-` followed by letters, digits and hyphens, at most \
                 {CODE_MAX} characters (`MA-RAB-AGDAL`)"
            ),
        ))
    }
}

fn code_taken() -> AppError {
    AppError::bad_input("input.code", "a territory already has this code")
}

fn key_of(fr: &str, ar: Option<&str>, en: Option<&str>, code: &str) -> String {
    search::search_key([fr, ar.unwrap_or_default(), en.unwrap_or_default(), code])
}

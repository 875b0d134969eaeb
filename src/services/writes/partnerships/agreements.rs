//! A partnership's agreements. Each change is an update of the partnership (its
//! `expectedVersion`, bumped, logged as PARTNERSHIP_UPDATED).
//!
//! An agreement is addressed by its position in `Partnership.agreements` (oldest signature
//! first, undated last, then by id — the order of the read side) as the client read it at
//! `expectedVersion`: every change to the agreements bumps that version, so a position read
//! at the expected version names exactly one agreement.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::super::super::ServiceContext;
use super::super::super::write::Writer;
use super::checks::{self, NewAgreement, PartialDate};
use super::edit::Editing;
use crate::domain::vocabulary::{ActivityKind, AgreementKind};
use crate::entities::agreement;
use crate::error::{AppError, AppResult};

/// A change to an agreement: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct AgreementPatch {
    pub kind: Option<AgreementKind>,
    pub title: Option<Option<String>>,
    pub signed_on: Option<Option<PartialDate>>,
    pub period_start: Option<Option<chrono::NaiveDate>>,
    pub period_end: Option<Option<chrono::NaiveDate>>,
}

impl AgreementPatch {
    fn changed_fields(&self) -> Vec<&'static str> {
        [
            (self.kind.is_some(), "kind"),
            (self.title.is_some(), "title"),
            (self.signed_on.is_some(), "signedOn"),
            (self.period_start.is_some(), "periodStart"),
            (self.period_end.is_some(), "periodEnd"),
        ]
        .into_iter()
        .filter_map(|(changed, name)| changed.then_some(name))
        .collect()
    }
}

/// Inserts a checked agreement.
pub(super) async fn insert(w: &Writer<'_>, partnership_id: i64, a: NewAgreement) -> AppResult<()> {
    agreement::ActiveModel {
        partnership_id: Set(partnership_id),
        kind: Set(a.kind),
        title: Set(a.title),
        signed_on: Set(a.signed_on.map(|d| d.date)),
        signed_on_precision: Set(a.signed_on.map(|d| d.precision)),
        period_start: Set(a.period_start),
        period_end: Set(a.period_end),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    Ok(())
}

/// Adds an agreement to a partnership.
pub async fn add_agreement(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    new: NewAgreement,
) -> AppResult<()> {
    let checked = checks::agreement("input.agreement", &new)?;
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    let kind = checked.kind;
    insert(&e.w, partnership_id, checked).await?;
    let details = json!({ "fields": ["agreements"], "agreementAdded": kind });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// Changes the agreement at `index` in the partnership's agreements.
pub async fn update_agreement(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    index: i32,
    patch: AgreementPatch,
) -> AppResult<()> {
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    let found = agreement_at(&e, index).await?;
    let merged = NewAgreement {
        kind: patch.kind.unwrap_or(found.kind),
        title: patch.title.clone().unwrap_or_else(|| found.title.clone()),
        signed_on: patch
            .signed_on
            .unwrap_or_else(|| PartialDate::stored(found.signed_on, found.signed_on_precision)),
        period_start: patch.period_start.unwrap_or(found.period_start),
        period_end: patch.period_end.unwrap_or(found.period_end),
    };
    let checked = checks::agreement("input", &merged)?;
    let mut row: agreement::ActiveModel = found.into();
    row.kind = Set(checked.kind);
    row.title = Set(checked.title);
    row.signed_on = Set(checked.signed_on.map(|d| d.date));
    row.signed_on_precision = Set(checked.signed_on.map(|d| d.precision));
    row.period_start = Set(checked.period_start);
    row.period_end = Set(checked.period_end);
    row.update(e.w.txn()).await?;
    let details = json!({
        "fields": ["agreements"],
        "agreementUpdated": index,
        "agreementFields": fields,
    });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// Removes the agreement at `index` in the partnership's agreements.
pub async fn remove_agreement(
    svc: &ServiceContext,
    partnership_id: i64,
    expected_version: i32,
    index: i32,
) -> AppResult<()> {
    let e = Editing::open(svc, partnership_id, expected_version).await?;
    e.require_active("input.partnership")?;
    let found = agreement_at(&e, index).await?;
    let kind = found.kind;
    agreement::Entity::delete_by_id(found.id)
        .exec(e.w.txn())
        .await?;
    let details = json!({ "fields": ["agreements"], "agreementRemoved": kind });
    let sensitivity = e.current.sensitivity;
    e.finish(
        ActivityKind::PartnershipUpdated,
        sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// The agreement at `index`, in the order of `Partnership.agreements`.
async fn agreement_at(e: &Editing<'_>, index: i32) -> AppResult<agreement::Model> {
    let mut all = agreement::Entity::find()
        .filter(agreement::Column::PartnershipId.eq(e.id()))
        .all(e.w.txn())
        .await?;
    all.sort_by_key(|a| (a.signed_on.is_none(), a.signed_on, a.id));
    let count = all.len();
    usize::try_from(index)
        .ok()
        .filter(|i| *i < count)
        .map(|i| all.swap_remove(i))
        .ok_or_else(|| {
            AppError::bad_input(
                "input.index",
                format!("the partnership has {count} agreement(s); no agreement at {index}"),
            )
        })
}

//! The coverage of circumscriptions: which territories a consulate general's district covers,
//! for which period and how surely. A coverage row is a child of its circumscription: every
//! change carries the circumscription's `expectedVersion` and bumps it. Every change
//! recomputes, in the same transaction, the circumscriptions of the records located under the
//! territory.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Select, Set};
use serde_json::json;

use super::super::super::ServiceContext;
use super::super::super::validate;
use super::super::super::write::{Entry, Writer};
use super::{WHAT, recompute};
use crate::auth::policy;
use crate::domain::vocabulary::{ActivityKind, CoverageConfidence, RecordType, Sensitivity};
use crate::entities::{circumscription, circumscription_coverage};
use crate::error::{AppError, AppResult};

/// Longest evidence note, in characters.
const EVIDENCE_MAX: usize = 2_000;

/// Which coverage row: a circumscription (code), a territory (code) and the day the coverage
/// starts (none: it has always applied).
#[derive(Debug, Clone, Default)]
pub struct CoverageKey {
    pub circumscription: String,
    pub territory: String,
    pub valid_from: Option<NaiveDate>,
}

/// What to set on a coverage row: `None` keeps a field (a new row: PROVISIONAL, open-ended,
/// no evidence), `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct CoverageSet {
    pub confidence: Option<CoverageConfidence>,
    pub valid_to: Option<Option<NaiveDate>>,
    pub evidence: Option<Option<String>>,
}

/// A coverage row located inside the transaction.
struct Located {
    circumscription: i64,
    territory: i64,
    territory_code: String,
    row: Option<circumscription_coverage::Model>,
}

/// Adds a coverage row, or changes the one with the same key (its end — which ends the
/// coverage —, confidence or evidence). Answers the circumscription's id.
pub async fn set_coverage(
    svc: &ServiceContext,
    key: CoverageKey,
    expected_version: i32,
    change: CoverageSet,
) -> AppResult<i64> {
    policy::require_admin(&svc.viewer, WHAT)?;
    let w = Writer::begin(svc).await?;
    let at = locate(&w, &key, expected_version).await?;
    let evidence = match &change.evidence {
        Some(text) => Some(validate::optional_long_text(
            "input.evidence",
            text.as_deref(),
            EVIDENCE_MAX,
        )?),
        None => None,
    };
    let (change_kind, valid_to) = match &at.row {
        Some(row) => ("coverageChanged", change.valid_to.unwrap_or(row.valid_to)),
        None => ("coverageAdded", change.valid_to.flatten()),
    };
    validate::date_order("input.validTo", key.valid_from, valid_to)?;
    let mut fields = Vec::new();
    match &at.row {
        Some(row) => {
            let mut active: circumscription_coverage::ActiveModel = row.clone().into();
            if let Some(confidence) = change.confidence {
                active.confidence = Set(confidence);
                fields.push("confidence");
            }
            if change.valid_to.is_some() {
                active.valid_to = Set(valid_to);
                fields.push("validTo");
            }
            if let Some(evidence) = evidence {
                active.evidence = Set(evidence);
                fields.push("evidence");
            }
            if fields.is_empty() {
                return Err(AppError::bad_input("input", "nothing to change"));
            }
            active.update(w.txn()).await?;
        }
        None => {
            circumscription_coverage::ActiveModel {
                circumscription_id: Set(at.circumscription),
                territory_id: Set(at.territory),
                confidence: Set(change.confidence.unwrap_or(CoverageConfidence::Provisional)),
                valid_from: Set(key.valid_from),
                valid_to: Set(valid_to),
                evidence: Set(evidence.flatten()),
                ..Default::default()
            }
            .insert(w.txn())
            .await?;
        }
    }
    finish(w, &at, &key, change_kind, fields).await
}

/// Confirms a PROVISIONAL coverage row (→ CONFIRMED). Answers the circumscription's id.
pub async fn confirm_coverage(
    svc: &ServiceContext,
    key: CoverageKey,
    expected_version: i32,
) -> AppResult<i64> {
    policy::require_admin(&svc.viewer, WHAT)?;
    let w = Writer::begin(svc).await?;
    let at = locate(&w, &key, expected_version).await?;
    let row = at.row.as_ref().ok_or_else(no_such_coverage)?;
    if row.confidence != CoverageConfidence::Provisional {
        return Err(AppError::bad_input(
            "input.territory",
            "this coverage is already confirmed",
        ));
    }
    let mut active: circumscription_coverage::ActiveModel = row.clone().into();
    active.confidence = Set(CoverageConfidence::Confirmed);
    active.update(w.txn()).await?;
    finish(w, &at, &key, "coverageConfirmed", vec!["confidence"]).await
}

/// Removes a coverage row recorded by mistake (to end a coverage, set its `validTo`).
/// Answers the circumscription's id.
pub async fn remove_coverage(
    svc: &ServiceContext,
    key: CoverageKey,
    expected_version: i32,
) -> AppResult<i64> {
    policy::require_admin(&svc.viewer, WHAT)?;
    let w = Writer::begin(svc).await?;
    let at = locate(&w, &key, expected_version).await?;
    let row = at.row.as_ref().ok_or_else(no_such_coverage)?;
    circumscription_coverage::Entity::delete_by_id(row.id)
        .exec(w.txn())
        .await?;
    finish(w, &at, &key, "coverageRemoved", Vec::new()).await
}

/// Resolves the key's codes, bumps the circumscription's version and finds the row.
async fn locate(w: &Writer<'_>, key: &CoverageKey, expected: i32) -> AppResult<Located> {
    let circumscription =
        super::super::circumscription_id(w, &key.circumscription, "input.circumscription").await?;
    let territory = super::territories::by_code(w, &key.territory, "input.territory").await?;
    w.bump_version::<circumscription::Entity>(circumscription, expected, "circumscription")
        .await?;
    let row = rows_of(circumscription, territory.id, key.valid_from)
        .one(w.txn())
        .await?;
    Ok(Located {
        circumscription,
        territory: territory.id,
        territory_code: territory.code,
        row,
    })
}

fn rows_of(
    circumscription: i64,
    territory: i64,
    valid_from: Option<NaiveDate>,
) -> Select<circumscription_coverage::Entity> {
    let query = circumscription_coverage::Entity::find()
        .filter(circumscription_coverage::Column::CircumscriptionId.eq(circumscription))
        .filter(circumscription_coverage::Column::TerritoryId.eq(territory));
    match valid_from {
        Some(day) => query.filter(circumscription_coverage::Column::ValidFrom.eq(day)),
        None => query.filter(circumscription_coverage::Column::ValidFrom.is_null()),
    }
}

/// Recomputes the records under the territory, logs the change and commits.
async fn finish(
    mut w: Writer<'_>,
    at: &Located,
    key: &CoverageKey,
    change: &str,
    fields: Vec<&str>,
) -> AppResult<i64> {
    let moved = recompute::under(w.txn(), at.territory).await?;
    w.log(
        Entry::new(
            ActivityKind::ReferenceUpdated,
            RecordType::Circumscription,
            at.circumscription,
            Sensitivity::Public,
        )
        .territories([at.territory])
        .circumscriptions(
            std::iter::once(at.circumscription).chain(moved.circumscriptions.iter().copied()),
        )
        .details(json!({
            "change": change,
            "territory": at.territory_code,
            "validFrom": key.valid_from,
            "fields": fields,
            "recordsRecomputed": moved.records,
        })),
    );
    w.commit(at.circumscription).await?;
    Ok(at.circumscription)
}

fn no_such_coverage() -> AppError {
    AppError::bad_input(
        "input.territory",
        "this circumscription has no coverage of this territory starting on that day",
    )
}

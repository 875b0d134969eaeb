//! Writing calls for proposals: publish (create) and update. Applications to a call are in
//! [`applications`] (their life in [`lifecycle`]); a selected application becoming a project,
//! in `selection`.
//!
//! Who may: coordinators and admins (calls belong to no circumscription; officers and partners
//! read them, they do not write them).
//!
//! Decisions recorded here:
//! - A call is published to be read by its audience: a new call is PUBLIC unless given a
//!   sensitivity (unlike other records, which default to INTERNAL).
//! - Calls are never archived or deleted: the table has no `archived_at`, and a call stays in
//!   the history with its applications. A call that should not have been published can be
//!   made RESTRICTED.
//! - Descriptions are kept in French only (the read side falls back to it for every language).

pub mod applications;
pub mod lifecycle;
mod selection;

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ActiveValue, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::json;

use super::super::ServiceContext;
use super::super::validate::{self, DESCRIPTION_MAX, NAME_MAX};
use super::super::write::{Begun, Entry, Writer};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{
    ActivityKind, Currency, Instrument, RecordType, Sensitivity, Theme,
};
use crate::entities::{call, call_theme, fund};
use crate::error::{AppError, AppResult};
use crate::search;

/// Most themes a call may carry.
const MAX_THEMES: usize = 20;
/// The years a call may be dated (the network's history starts in the 1990s).
const YEARS: RangeInclusive<i32> = 1990..=2100;

/// A new call, as received (validated by [`create`]).
#[derive(Debug, Clone, Serialize)]
pub struct NewCall {
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub description: Option<String>,
    pub year: i32,
    pub instrument: Instrument,
    pub audience: Option<String>,
    /// The budget as a decimal string, with its currency.
    pub budget_amount: Option<String>,
    pub budget_currency: Option<Currency>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub fund_id: Option<i64>,
    pub themes: Vec<Theme>,
    pub sensitivity: Option<Sensitivity>,
}

/// A change to a call: `None` keeps a field, `Some(None)` clears it, `Some(Some(v))` sets it.
#[derive(Debug, Clone, Default)]
pub struct CallPatch {
    pub title_fr: Option<String>,
    pub title_ar: Option<Option<String>>,
    pub title_en: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub year: Option<i32>,
    pub instrument: Option<Instrument>,
    pub audience: Option<Option<String>>,
    /// `Some(None)` clears the budget (amount and currency).
    pub budget_amount: Option<Option<String>>,
    /// Given with `budget_amount`; when absent, the stored currency is kept.
    pub budget_currency: Option<Currency>,
    pub opens_on: Option<Option<NaiveDate>>,
    pub closes_on: Option<Option<NaiveDate>>,
    pub fund_id: Option<Option<i64>>,
    pub themes: Option<Vec<Theme>>,
    pub sensitivity: Option<Sensitivity>,
}

impl CallPatch {
    /// The names of the fields this patch changes (for the activity entry; no values).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() { fields.push($name); } )+
            };
        }
        note!(
            title_fr => "title", title_ar => "title", title_en => "title",
            description => "description", year => "year", instrument => "instrument",
            audience => "audience", budget_amount => "budget", budget_currency => "budget",
            opens_on => "opensOn", closes_on => "closesOn", fund_id => "fund",
            themes => "themes", sensitivity => "sensitivity",
        );
        fields.dedup();
        fields
    }
}

/// Publishes a call; answers its id (logged as CALL_PUBLISHED).
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewCall) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    policy::may_write(&svc.viewer, RecordType::Call, &WriteScope::default())?;
    let sensitivity = new.sensitivity.unwrap_or(Sensitivity::Public);
    let mut row = call::ActiveModel {
        instrument: Set(new.instrument),
        sensitivity: Set(sensitivity),
        budget_minor: Set(None),
        budget_currency: Set(None),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    };
    let patch = CallPatch {
        title_fr: Some(new.title_fr),
        title_ar: Some(new.title_ar),
        title_en: Some(new.title_en),
        description: Some(new.description),
        year: Some(new.year),
        instrument: None,
        audience: Some(new.audience),
        budget_amount: new.budget_amount.map(Some),
        budget_currency: new.budget_currency,
        opens_on: Some(new.opens_on),
        closes_on: Some(new.closes_on),
        fund_id: Some(new.fund_id),
        themes: None,
        sensitivity: None,
    };
    apply_patch(&w, &mut row, &patch).await?;
    let themes = checked_themes(&new.themes)?;
    let created = row.insert(w.txn()).await?;
    replace_themes(&w, created.id, &themes).await?;
    w.log(
        Entry::new(
            ActivityKind::CallPublished,
            RecordType::Call,
            created.id,
            sensitivity,
        )
        .details(json!({ "year": created.year, "instrument": created.instrument })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Applies a patch to a call, bumping its version from `expected_version` (logged as
/// CALL_UPDATED with the names of the fields).
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: CallPatch,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    policy::may_write(&svc.viewer, RecordType::Call, &WriteScope::default())?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<call::Entity>(id, expected_version, "call")
        .await?;
    let mut row: call::ActiveModel = current.into();
    apply_patch(&w, &mut row, &patch).await?;
    if let Some(instrument) = patch.instrument {
        row.instrument = Set(instrument);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(sensitivity);
    }
    let themes = patch.themes.as_deref().map(checked_themes).transpose()?;
    // The version and audit columns were set by the guarded bump; keep them.
    row.version = ActiveValue::NotSet;
    row.updated_at = ActiveValue::NotSet;
    row.updated_by = ActiveValue::NotSet;
    let updated = row.update(w.txn()).await?;
    if let Some(themes) = themes {
        replace_themes(&w, id, &themes).await?;
    }
    w.log(
        Entry::new(
            ActivityKind::CallUpdated,
            RecordType::Call,
            id,
            updated.sensitivity,
        )
        .details(json!({ "fields": fields })),
    );
    w.commit(id).await
}

/// The call `id` as stored, if the viewer may see it (an invisible call is NOT_FOUND, as an
/// unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<call::Model> {
    visible_call(w, id)
        .await?
        .ok_or_else(|| AppError::NotFound("no such call".to_owned()))
}

/// The call `id`, if it exists and the viewer may see it (read in the write transaction).
pub(super) async fn visible_call(w: &Writer<'_>, id: i64) -> AppResult<Option<call::Model>> {
    Ok(call::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Call,
            call::Column::Sensitivity,
            call::Column::Id,
        ))
        .one(w.txn())
        .await?)
}

/// Validates and applies the patch's fields to `row` (resolving the fund), then checks what
/// spans fields: the closing day not before the opening day, and the search key.
async fn apply_patch(
    w: &Writer<'_>,
    row: &mut call::ActiveModel,
    patch: &CallPatch,
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
    if let Some(year) = patch.year {
        if !YEARS.contains(&year) {
            return Err(AppError::bad_input(
                "input.year",
                format!("a year between {} and {}", YEARS.start(), YEARS.end()),
            ));
        }
        row.year = Set(year);
    }
    if let Some(audience) = &patch.audience {
        row.audience = Set(validate::optional_text(
            "input.audience",
            audience.as_deref(),
            NAME_MAX,
        )?);
    }
    apply_budget(row, patch)?;
    if let Some(opens_on) = patch.opens_on {
        row.opens_on = Set(opens_on);
    }
    if let Some(closes_on) = patch.closes_on {
        row.closes_on = Set(closes_on);
    }
    validate::date_order(
        "input.closesOn",
        row.opens_on.clone().take().flatten(),
        row.closes_on.clone().take().flatten(),
    )?;
    if let Some(fund_id) = patch.fund_id {
        row.fund_id = Set(match fund_id {
            Some(fund_id) => Some(visible_fund(w, fund_id).await?),
            None => None,
        });
    }
    let titles = [
        row.title_fr.clone().take().unwrap_or_default(),
        row.title_ar.clone().take().flatten().unwrap_or_default(),
        row.title_en.clone().take().flatten().unwrap_or_default(),
    ];
    row.search_key = Set(search::search_key(titles.iter().map(String::as_str)));
    Ok(())
}

/// The budget: an amount with its currency, or none. A new currency needs its amount (the
/// same figure in another currency is another budget).
fn apply_budget(row: &mut call::ActiveModel, patch: &CallPatch) -> AppResult<()> {
    match (&patch.budget_amount, patch.budget_currency) {
        (None, None) => {}
        (None, Some(_)) => {
            return Err(AppError::bad_input(
                "input.budgetAmount",
                "give the budget's amount with its currency",
            ));
        }
        (Some(None), Some(_)) => {
            return Err(AppError::bad_input(
                "input.budgetCurrency",
                "a budget without an amount has no currency",
            ));
        }
        (Some(None), None) => {
            row.budget_minor = Set(None);
            row.budget_currency = Set(None);
        }
        (Some(Some(amount)), currency) => {
            let currency = currency
                .or_else(|| row.budget_currency.clone().take().flatten())
                .ok_or_else(|| {
                    AppError::bad_input("input.budgetCurrency", "give the budget's currency")
                })?;
            let minor = validate::positive_amount("input.budgetAmount", amount, currency)?;
            row.budget_minor = Set(Some(minor));
            row.budget_currency = Set(Some(currency));
        }
    }
    Ok(())
}

/// The fund `id`, which must exist and be visible to the viewer.
async fn visible_fund(w: &Writer<'_>, id: i64) -> AppResult<i64> {
    fund::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Fund,
            fund::Column::Sensitivity,
            fund::Column::Id,
        ))
        .one(w.txn())
        .await?
        .map(|f| f.id)
        .ok_or_else(|| AppError::bad_input("input.fund", "no such fund"))
}

fn checked_themes(themes: &[Theme]) -> AppResult<Vec<Theme>> {
    validate::max_items("input.themes", themes.len(), MAX_THEMES)?;
    validate::no_duplicates(
        themes.iter().copied(),
        |i| format!("input.themes[{i}]"),
        "this theme",
    )?;
    Ok(themes.to_vec())
}

async fn replace_themes(w: &Writer<'_>, id: i64, themes: &[Theme]) -> AppResult<()> {
    call_theme::Entity::delete_many()
        .filter(call_theme::Column::CallId.eq(id))
        .exec(w.txn())
        .await?;
    if !themes.is_empty() {
        call_theme::Entity::insert_many(themes.iter().map(|t| call_theme::ActiveModel {
            call_id: Set(id),
            theme: Set(*t),
        }))
        .exec(w.txn())
        .await?;
    }
    Ok(())
}

/// The call as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<call::Model> {
    call::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such call".to_owned()))
}

//! Writing expertise exchanges: record (create), update (a patch), archive and restore; the
//! providers and beneficiaries are in [`parties`]. Exchanges are never deleted.
//!
//! Decisions:
//! - An exchange has at least one provider and at least one beneficiary (expertise flows from
//!   someone to someone); the last actor of a side cannot be removed. The same actor twice on
//!   one side is refused; an actor on both sides is allowed (a twinning is mutual).
//! - Its circumscriptions are its Moroccan beneficiaries' seats, derived by
//!   [`scope::recompute`] inside the write transaction, and the write rule is checked against
//!   what was derived, before commit (one derivation rule; a refusal rolls everything back).
//! - The DAC purpose code must have the shape of one (5 digits); codes outside the labelled
//!   list of `domain::dac` are accepted, as everywhere else.
//! - A restore is logged as EXCHANGE_UPDATED (there is no EXCHANGE_RESTORED) with
//!   `{"restored": true}`.

mod fields;
pub mod parties;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;
use serde_json::json;

use self::fields::{apply_patch, checked_side};
use super::super::write::{Begun, Entry, Writer};
use super::super::{ServiceContext, scope};
use super::events::fields::record_sensitivity;
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{
    ActivityKind, ExchangeKind, ExchangePartySide, Instrument, RecordType, Sensitivity, Theme,
};
use crate::entities::{exchange, exchange_party};
use crate::error::{AppError, AppResult};

/// Most actors on one side of an exchange.
pub const MAX_PARTIES_PER_SIDE: usize = 50;

/// A new exchange, as received (validated by [`create`]). Its JSON is the idempotency
/// fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct NewExchange {
    pub kind: ExchangeKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub theme: Option<Theme>,
    pub dac_code: Option<String>,
    pub participant_count: Option<i32>,
    pub instrument: Option<Instrument>,
    pub project_id: Option<i64>,
    pub sensitivity: Option<Sensitivity>,
    /// Actor ids providing the expertise, in order.
    pub providers: Vec<i64>,
    /// Actor ids receiving it, in order.
    pub beneficiaries: Vec<i64>,
}

/// A change to an exchange: `None` keeps a field, `Some(None)` clears it, `Some(Some(v))`
/// sets it.
#[derive(Debug, Clone, Default)]
pub struct ExchangePatch {
    pub kind: Option<ExchangeKind>,
    pub title_fr: Option<String>,
    pub title_ar: Option<Option<String>>,
    pub title_en: Option<Option<String>>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
    pub theme: Option<Option<Theme>>,
    pub dac_code: Option<Option<String>>,
    pub participant_count: Option<Option<i32>>,
    pub instrument: Option<Option<Instrument>>,
    pub project_id: Option<Option<i64>>,
    pub sensitivity: Option<Sensitivity>,
}

impl ExchangePatch {
    /// The names of the fields this patch changes (for the activity entry; no values).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() { fields.push($name); } )+
            };
        }
        note!(
            kind => "kind", title_fr => "title", title_ar => "title", title_en => "title",
            starts_on => "startsOn", ends_on => "endsOn", theme => "theme",
            dac_code => "dacCode", participant_count => "participantCount",
            instrument => "instrument", project_id => "project", sensitivity => "sensitivity",
        );
        fields.dedup();
        fields
    }
}

/// Records an exchange; answers its id.
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewExchange) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let sensitivity = record_sensitivity(new.sensitivity)?;
    let mut row = exchange::ActiveModel {
        kind: Set(new.kind),
        sensitivity: Set(sensitivity),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        archived_at: Set(None),
        ..Default::default()
    };
    let patch = ExchangePatch {
        kind: None,
        title_fr: Some(new.title_fr),
        title_ar: Some(new.title_ar),
        title_en: Some(new.title_en),
        starts_on: Some(new.starts_on),
        ends_on: Some(new.ends_on),
        theme: Some(new.theme),
        dac_code: Some(new.dac_code),
        participant_count: Some(new.participant_count),
        instrument: Some(new.instrument),
        project_id: Some(new.project_id),
        sensitivity: None,
    };
    apply_patch(&w, &mut row, &patch).await?;
    let sides = [
        (ExchangePartySide::Provider, &new.providers, "providers"),
        (
            ExchangePartySide::Beneficiary,
            &new.beneficiaries,
            "beneficiaries",
        ),
    ];
    for (_, actors, name) in sides {
        checked_side(&w, actors, name).await?;
    }
    let created = row.insert(w.txn()).await?;
    exchange_party::Entity::insert_many(sides.iter().flat_map(|(side, actors, _)| {
        actors.iter().map(|actor| exchange_party::ActiveModel {
            exchange_id: Set(created.id),
            actor_id: Set(*actor),
            side: Set(*side),
            ..Default::default()
        })
    }))
    .exec(w.txn())
    .await?;
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Exchange, created.id).await?;
    may_write(&w, &circumscriptions)?;
    w.log(
        Entry::new(
            ActivityKind::ExchangeRecorded,
            RecordType::Exchange,
            created.id,
            sensitivity,
        )
        .actors(new.providers.iter().chain(&new.beneficiaries).copied())
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "kind": new.kind })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Applies a patch to an exchange, bumping its version from `expected_version`.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: ExchangePatch,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Exchange, id).await?;
    may_write(&w, &circumscriptions)?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    w.bump_version::<exchange::Entity>(id, expected_version, "exchange")
        .await?;
    let mut row: exchange::ActiveModel = current.into();
    apply_patch(&w, &mut row, &patch).await?;
    if let Some(kind) = patch.kind {
        row.kind = Set(kind);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(record_sensitivity(Some(sensitivity))?);
    }
    let updated = w.save_patched(row).await?;
    // The fields of an exchange do not move it (its parties do): no recompute needed.
    let (actors, territories) = parties_and_territories(&w, id).await?;
    w.log(
        Entry::new(
            ActivityKind::ExchangeUpdated,
            RecordType::Exchange,
            id,
            updated.sensitivity,
        )
        .actors(actors)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "fields": fields })),
    );
    w.commit(id).await
}

/// Archives (`archive = true`) or restores an exchange.
pub async fn set_archived(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    archive: bool,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Exchange, id).await?;
    may_write(&w, &circumscriptions)?;
    w.set_archived::<exchange::Entity>(
        id,
        Some(expected_version),
        archive,
        current.archived_at.is_some(),
        "exchange",
    )
    .await?;
    let (kind, details) = if archive {
        (ActivityKind::ExchangeArchived, serde_json::Value::Null)
    } else {
        (ActivityKind::ExchangeUpdated, json!({ "restored": true }))
    };
    let (actors, territories) = parties_and_territories(&w, id).await?;
    w.log(
        Entry::new(kind, RecordType::Exchange, id, current.sensitivity)
            .actors(actors)
            .territories(territories)
            .circumscriptions(circumscriptions)
            .details(details),
    );
    w.commit(id).await
}

/// The exchange as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<exchange::Model> {
    exchange::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such exchange".to_owned()))
}

/// The exchange `id` as stored, if the viewer may see it (an invisible exchange is
/// NOT_FOUND, as an unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<exchange::Model> {
    exchange::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Exchange,
            exchange::Column::Sensitivity,
            exchange::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such exchange".to_owned()))
}

/// The write rule for an exchange belonging to `circumscriptions`.
fn may_write(w: &Writer<'_>, circumscriptions: &[i64]) -> AppResult<()> {
    policy::may_write(
        &w.svc().viewer,
        RecordType::Exchange,
        &WriteScope {
            circumscriptions: circumscriptions.to_vec(),
            actors: Vec::new(),
        },
    )
}

/// The exchange's parties and the territories its circumscriptions derive from, for the
/// activity entry.
async fn parties_and_territories(w: &Writer<'_>, id: i64) -> AppResult<(Vec<i64>, Vec<i64>)> {
    let actors = party_actors(w, id).await?;
    let territories = scope::territories_of_record(w.txn(), RecordType::Exchange, id).await?;
    Ok((actors, territories))
}

/// The actors on either side of the exchange.
async fn party_actors(w: &Writer<'_>, id: i64) -> AppResult<Vec<i64>> {
    Ok(exchange_party::Entity::find()
        .select_only()
        .column(exchange_party::Column::ActorId)
        .filter(exchange_party::Column::ExchangeId.eq(id))
        .into_tuple()
        .all(w.txn())
        .await?)
}

//! Writing fund allocations: create (PROPOSED or COMMITTED), commit, cancel and update.
//!
//! The fund's committed total is the sum of its COMMITTED allocations, converted to the fund's
//! currency; it may never pass the envelope, even under concurrent writes. Every change of an
//! allocation goes through the one guarded statement of [`envelope`] (with the change of the
//! committed total as its delta, zero when it does not move), which also bumps the fund's
//! version: the fund is the allocation's parent.
//!
//! | mutation | status | committed total |
//! |---|---|---|
//! | create PROPOSED | → PROPOSED | unchanged |
//! | create COMMITTED | → COMMITTED | + converted amount |
//! | commit | PROPOSED → COMMITTED | + converted amount |
//! | cancel | PROPOSED or COMMITTED → CANCELLED | − converted amount if it was COMMITTED |
//! | update | PROPOSED or COMMITTED (unchanged) | + (new − old converted amount) if COMMITTED |
//!
//! A cancelled allocation is final. The partnership or project funded is fixed at creation.
//! Activity: FUNDING_PROPOSED, FUNDING_COMMITTED, FUNDING_CANCELLED; an update is logged under
//! the kind of the allocation's status, with `"change": "UPDATED"` and the fields changed.
//! Who may: coordinators and admins (the write rules of `FUND_ALLOCATION`).

pub mod envelope;
mod target;

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::Serialize;
use serde_json::json;

use self::envelope::{Failure, adjust_committed, convert, format_rate, settle};
use self::target::{Target, fund_for_write, target_actors};
use super::super::write::{Begun, Entry, Writer};
use super::super::{ServiceContext, scope, validate};
use crate::auth::policy::{self, WriteScope};
use crate::domain::money::Money;
use crate::domain::vocabulary::{
    ActivityKind, AllocationStatus, Currency, RecordType, Sensitivity,
};
use crate::entities::{fund, fund_allocation};
use crate::error::{AppError, AppResult};

/// A new allocation, as received (validated by [`create`]).
#[derive(Debug, Clone, Serialize)]
pub struct NewAllocation {
    pub fund_id: i64,
    pub partnership_id: Option<i64>,
    pub project_id: Option<i64>,
    /// A decimal string in `currency`.
    pub amount: String,
    pub currency: Currency,
    /// Units of the fund's currency per unit of `currency` (see [`envelope`]).
    pub exchange_rate: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub sensitivity: Option<Sensitivity>,
    /// PROPOSED or COMMITTED.
    pub status: AllocationStatus,
}

/// A change to an allocation: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct AllocationPatch {
    pub amount: Option<String>,
    pub currency: Option<Currency>,
    pub exchange_rate: Option<Option<String>>,
    pub decided_on: Option<Option<NaiveDate>>,
    pub sensitivity: Option<Sensitivity>,
}

impl AllocationPatch {
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        for (changed, name) in [
            (self.amount.is_some(), "amount"),
            (self.currency.is_some(), "currency"),
            (self.exchange_rate.is_some(), "exchangeRate"),
            (self.decided_on.is_some(), "decidedOn"),
            (self.sensitivity.is_some(), "sensitivity"),
        ] {
            if changed {
                fields.push(name);
            }
        }
        fields
    }
}

/// Creates an allocation; answers its id. A COMMITTED one is counted against the envelope at
/// once (CONFLICT with `remaining` when it does not fit).
pub async fn create(svc: &ServiceContext, key: Option<&str>, new: NewAllocation) -> AppResult<i64> {
    settle(svc, create_in(svc, key, new).await).await
}

/// PROPOSED → COMMITTED: the converted amount is counted against the envelope.
pub async fn commit(svc: &ServiceContext, id: i64, expected_version: i32) -> AppResult<()> {
    settle(svc, commit_in(svc, id, expected_version).await).await
}

/// PROPOSED or COMMITTED → CANCELLED: a committed amount is released from the envelope.
pub async fn cancel(svc: &ServiceContext, id: i64, expected_version: i32) -> AppResult<()> {
    settle(svc, cancel_in(svc, id, expected_version).await).await
}

/// Changes an allocation's amount, currency, rate, decision date or sensitivity. A COMMITTED
/// allocation's change of converted amount goes through the envelope's guard (an increase
/// that does not fit answers CONFLICT with `remaining`). A CANCELLED one cannot change.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: AllocationPatch,
) -> AppResult<()> {
    settle(svc, update_in(svc, id, expected_version, patch).await).await
}

async fn create_in(
    svc: &ServiceContext,
    key: Option<&str>,
    new: NewAllocation,
) -> Result<i64, Failure> {
    let w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    if new.status == AllocationStatus::Cancelled {
        return Err(AppError::bad_input(
            "input.status",
            "an allocation is created PROPOSED or COMMITTED",
        )
        .into());
    }
    let target = Target::of(new.partnership_id, new.project_id)?;
    let fund = fund_for_write(&w, new.fund_id).await?;
    let amount_minor = validate::positive_amount("input.amount", &new.amount, new.currency)?;
    let rate = new
        .exchange_rate
        .as_deref()
        .map(|r| envelope::parse_rate("input.exchangeRate", r))
        .transpose()?;
    let money = convert(
        fund.currency,
        amount_minor,
        new.currency,
        rate,
        "input.amount",
        "input.exchangeRate",
    )?;
    target.check(&w).await?;
    // The write rule needs where the allocation will sit before anything is written.
    let territories =
        scope::territories_of_record(w.txn(), target.record_type(), target.id()).await?;
    let circumscriptions = scope::circumscriptions_of(w.txn(), &territories).await?;
    may_write(svc, &circumscriptions)?;
    let (partnership_id, project_id) = target.columns();
    let created = fund_allocation::ActiveModel {
        fund_id: Set(fund.id),
        partnership_id: Set(partnership_id),
        project_id: Set(project_id),
        status: Set(new.status),
        amount_minor: Set(money.amount_minor),
        currency: Set(money.currency),
        exchange_rate_micros: Set(money.rate_micros),
        converted_minor: Set(money.converted_minor),
        decided_on: Set(new.decided_on),
        sensitivity: Set(new.sensitivity.unwrap_or(Sensitivity::Internal)),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    let (kind, delta) = match new.status {
        AllocationStatus::Committed => (ActivityKind::FundingCommitted, money.converted_minor),
        _ => (ActivityKind::FundingProposed, 0),
    };
    let details = json!({ "change": "CREATED", "allocation": describe(&created, fund.currency) });
    let change = Change {
        delta,
        kind,
        before: circumscriptions.clone(),
        derived: Some((territories, circumscriptions)),
        details,
    };
    finish(svc, w, &created, change).await?;
    Ok(created.id)
}

async fn commit_in(svc: &ServiceContext, id: i64, expected: i32) -> Result<(), Failure> {
    let (w, current, before) = begin_change(svc, id, expected).await?;
    if current.status != AllocationStatus::Proposed {
        return Err(wrong_status(
            current.status,
            "only a proposed allocation can be committed",
        ));
    }
    let updated = set_status(&w, &current, AllocationStatus::Committed).await?;
    let change = Change {
        delta: current.converted_minor,
        kind: ActivityKind::FundingCommitted,
        before,
        derived: None,
        details: json!({ "change": "COMMITTED", "from": current.status }),
    };
    finish(svc, w, &updated, change).await
}

async fn cancel_in(svc: &ServiceContext, id: i64, expected: i32) -> Result<(), Failure> {
    let (w, current, before) = begin_change(svc, id, expected).await?;
    let released = match current.status {
        AllocationStatus::Committed => current.converted_minor,
        AllocationStatus::Proposed => 0,
        AllocationStatus::Cancelled => {
            return Err(wrong_status(
                current.status,
                "this allocation is already cancelled",
            ));
        }
    };
    let updated = set_status(&w, &current, AllocationStatus::Cancelled).await?;
    let change = Change {
        delta: -released,
        kind: ActivityKind::FundingCancelled,
        before,
        derived: None,
        details: json!({ "change": "CANCELLED", "from": current.status }),
    };
    finish(svc, w, &updated, change).await
}

async fn update_in(
    svc: &ServiceContext,
    id: i64,
    expected: i32,
    patch: AllocationPatch,
) -> Result<(), Failure> {
    let (w, current, before) = begin_change(svc, id, expected).await?;
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change").into());
    }
    if current.status == AllocationStatus::Cancelled {
        return Err(wrong_status(
            current.status,
            "a cancelled allocation cannot be changed",
        ));
    }
    let fund = fund::Entity::find_by_id(current.fund_id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::internal("an allocation without its fund"))?;
    let money = envelope::patched(fund.currency, &current, &patch)?;
    let delta = match current.status {
        AllocationStatus::Committed => money.converted_minor - current.converted_minor,
        _ => 0,
    };
    let mut row: fund_allocation::ActiveModel = current.clone().into();
    row.amount_minor = Set(money.amount_minor);
    row.currency = Set(money.currency);
    row.exchange_rate_micros = Set(money.rate_micros);
    row.converted_minor = Set(money.converted_minor);
    if let Some(decided_on) = patch.decided_on {
        row.decided_on = Set(decided_on);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(sensitivity);
    }
    let updated = row.update(w.txn()).await?;
    let kind = match updated.status {
        AllocationStatus::Committed => ActivityKind::FundingCommitted,
        _ => ActivityKind::FundingProposed,
    };
    let details = json!({
        "change": "UPDATED",
        "fields": fields,
        "committedDelta": Money::new(delta, fund.currency).to_decimal_string(),
    });
    let change = Change {
        delta,
        kind,
        before,
        derived: None,
        details,
    };
    finish(svc, w, &updated, change).await
}

/// Begins a change of allocation `id` at `expected` version: checks the write rule, bumps the
/// allocation's version (CONFLICT with `currentVersion` when stale), then reads the row — after
/// the bump, so what is read is current and stays so until commit.
async fn begin_change(
    svc: &ServiceContext,
    id: i64,
    expected: i32,
) -> Result<(Writer<'_>, fund_allocation::Model, Vec<i64>), Failure> {
    let w = Writer::begin(svc).await?;
    let before = scope::recorded(w.txn(), RecordType::FundAllocation, id).await?;
    may_write(svc, &before)?;
    w.bump_version::<fund_allocation::Entity>(id, expected, "fund allocation")
        .await?;
    let current = fund_allocation::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such fund allocation".to_owned()))?;
    Ok((w, current, before))
}

/// What a change of an allocation does, carried out by [`finish`].
struct Change {
    /// How the fund's committed total moves (minor units of its currency; zero when not).
    delta: i64,
    kind: ActivityKind,
    /// The allocation's circumscriptions before the change (for a create: those it will have).
    before: Vec<i64>,
    /// The territories and circumscriptions already derived in this transaction (a create
    /// derives them for the write rule); `None` recomputes them.
    derived: Option<(Vec<i64>, Vec<i64>)>,
    details: serde_json::Value,
}

/// Recomputes the allocation's circumscriptions, moves the fund's committed total through the
/// guard, logs the entry and commits. The guard comes last: on PostgreSQL it holds the fund
/// row's lock until commit, so every statement that can run before it does.
async fn finish(
    svc: &ServiceContext,
    mut w: Writer<'_>,
    allocation: &fund_allocation::Model,
    change: Change,
) -> Result<(), Failure> {
    let (territories, circumscriptions) = match change.derived {
        Some((territories, circumscriptions)) => {
            let id = allocation.id;
            scope::set_record_circumscriptions(
                w.txn(),
                RecordType::FundAllocation,
                id,
                &circumscriptions,
            )
            .await?;
            (territories, circumscriptions)
        }
        None => scope::recompute(w.txn(), RecordType::FundAllocation, allocation.id).await?,
    };
    if circumscriptions != change.before {
        may_write(svc, &circumscriptions)?;
    }
    let actors = target_actors(&w, allocation).await?;
    let mut all_circumscriptions = circumscriptions;
    all_circumscriptions.extend(change.before);
    adjust_committed(&w, allocation.fund_id, change.delta).await?;
    w.log(
        Entry::new(
            change.kind,
            RecordType::FundAllocation,
            allocation.id,
            allocation.sensitivity,
        )
        .actors(actors)
        .territories(territories)
        .circumscriptions(all_circumscriptions)
        .details(change.details),
    );
    w.commit(allocation.id).await?;
    Ok(())
}

fn may_write(svc: &ServiceContext, circumscriptions: &[i64]) -> AppResult<()> {
    policy::may_write(
        &svc.viewer,
        RecordType::FundAllocation,
        &WriteScope {
            circumscriptions: circumscriptions.to_vec(),
            actors: Vec::new(),
        },
    )
}

fn wrong_status(status: AllocationStatus, message: &str) -> Failure {
    AppError::bad_input("input.id", format!("{message} (it is {status})")).into()
}

async fn set_status(
    w: &Writer<'_>,
    current: &fund_allocation::Model,
    status: AllocationStatus,
) -> AppResult<fund_allocation::Model> {
    let mut row: fund_allocation::ActiveModel = current.clone().into();
    row.status = Set(status);
    Ok(row.update(w.txn()).await?)
}

/// What the activity entry says about an allocation (amounts and references; no personal data).
fn describe(a: &fund_allocation::Model, fund_currency: Currency) -> serde_json::Value {
    json!({
        "fund": a.fund_id,
        "partnership": a.partnership_id,
        "project": a.project_id,
        "status": a.status,
        "amount": Money::new(a.amount_minor, a.currency).to_decimal_string(),
        "currency": a.currency,
        "exchangeRate": a.exchange_rate_micros.map(format_rate),
        "converted": Money::new(a.converted_minor, fund_currency).to_decimal_string(),
    })
}

/// The allocation and its fund as written, for a mutation's payload.
pub async fn written(
    svc: &ServiceContext,
    id: i64,
) -> AppResult<(fund_allocation::Model, fund::Model)> {
    let allocation = fund_allocation::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such fund allocation".to_owned()))?;
    let fund = fund::Entity::find_by_id(allocation.fund_id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::internal("an allocation without its fund"))?;
    Ok((allocation, fund))
}

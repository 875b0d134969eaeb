//! Mutations on fund allocations: create (proposed or committed), commit, cancel, update.
//! Every change of the committed total is checked against the fund's envelope in the
//! database (see `services::writes::funds::envelope`).

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::patch;
use crate::domain::vocabulary::{AllocationStatus, Currency, Sensitivity};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::graphql::types::fund::Fund;
use crate::graphql::types::fund_allocation::FundAllocation;
use crate::services::writes::funds::{self, AllocationPatch, NewAllocation};

/// A new allocation of a fund to a partnership or to a project (exactly one of the two).
#[derive(Debug, Clone, InputObject)]
pub struct CreateFundAllocationInput {
    /// Makes the create safe to retry: the same key with the same input answers the
    /// allocation created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The fund allocated from.
    pub fund: ID,
    /// The partnership funded (give this or `project`, not both).
    pub partnership: Option<ID>,
    /// The project funded (give this or `partnership`, not both).
    pub project: Option<ID>,
    /// The amount, a decimal string with at most the currency's two decimals (`"15000.00"`);
    /// greater than zero.
    pub amount: String,
    /// The amount's currency (EUR or MAD).
    pub currency: Currency,
    /// Required when `currency` is not the fund's, refused otherwise: units of the fund's
    /// currency for one unit of `currency`, a decimal string with at most six decimals — the
    /// same quantity `FundAllocation.exchangeRate` answers. For a EUR fund and dirhams at
    /// 10.85 MAD to the euro: `"0.092166"` (euros per dirham). The envelope counts
    /// `amount × exchangeRate` rounded to the nearest cent, halves up.
    pub exchange_rate: Option<String>,
    /// The day the allocation was decided.
    pub decided_on: Option<Date>,
    /// Who may see the allocation (default INTERNAL).
    pub sensitivity: Option<Sensitivity>,
    /// PROPOSED (default; not counted against the envelope) or COMMITTED (counted at once:
    /// CONFLICT with `remaining` when it does not fit).
    pub status: Option<AllocationStatus>,
}

/// An allocation to commit or cancel, at the version the client last read.
#[derive(Debug, Clone, InputObject)]
pub struct FundAllocationStatusInput {
    /// The allocation.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
}

/// A change to a proposed or committed allocation (a cancelled one cannot change). Absent
/// fields are kept. A committed allocation's change of converted amount is checked against
/// the envelope: an increase that does not fit answers CONFLICT with `remaining`.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateFundAllocationInput {
    /// The allocation.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The new amount (a decimal string in the allocation's currency, or in `currency` when
    /// it changes — then required).
    pub amount: Option<String>,
    /// The new currency (EUR or MAD).
    pub currency: Option<Currency>,
    /// The exchange rate, as in `createFundAllocation`; `null` clears it (the allocation must
    /// then be in the fund's currency). Kept when absent and the currency does not change.
    #[graphql(default)]
    pub exchange_rate: MaybeUndefined<String>,
    /// The day the allocation was decided; `null` clears it.
    #[graphql(default)]
    pub decided_on: MaybeUndefined<Date>,
    /// Who may see the allocation.
    pub sensitivity: Option<Sensitivity>,
}

/// The allocation a mutation changed, and its fund.
#[derive(SimpleObject)]
pub struct FundAllocationPayload {
    /// The allocation as it is after the change.
    pub fund_allocation: FundAllocation,
    /// The fund as it is after the change (its `committed` and `remaining` amounts and
    /// `version`, bumped by every change of one of its allocations).
    pub fund: Fund,
}

#[derive(Default)]
pub struct FundsMutation;

#[Object]
impl FundsMutation {
    /// Allocates a fund to a partnership or a project, PROPOSED (logged as FUNDING_PROPOSED)
    /// or COMMITTED against the envelope (FUNDING_COMMITTED).
    async fn create_fund_allocation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new allocation.")] input: CreateFundAllocationInput,
    ) -> async_graphql::Result<FundAllocationPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = funds::create(&rc.svc, key.as_deref(), new_allocation(input)?).await?;
        payload(rc, id).await
    }

    /// Commits a proposed allocation: its converted amount is counted against the fund's
    /// envelope (CONFLICT with `remaining` when it does not fit). Logged as FUNDING_COMMITTED.
    async fn commit_fund_allocation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The allocation to commit.")] input: FundAllocationStatusInput,
    ) -> async_graphql::Result<FundAllocationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::FundAllocation, "input.id")?;
        funds::commit(&rc.svc, id, input.expected_version).await?;
        payload(rc, id).await
    }

    /// Cancels a proposed or committed allocation; a committed amount returns to the envelope.
    /// Logged as FUNDING_CANCELLED.
    async fn cancel_fund_allocation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The allocation to cancel.")] input: FundAllocationStatusInput,
    ) -> async_graphql::Result<FundAllocationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::FundAllocation, "input.id")?;
        funds::cancel(&rc.svc, id, input.expected_version).await?;
        payload(rc, id).await
    }

    /// Changes a proposed or committed allocation's amount, currency, rate, decision date or
    /// sensitivity (logged under its status's kind, with the names of the fields).
    async fn update_fund_allocation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The allocation and what changes.")] input: UpdateFundAllocationInput,
    ) -> async_graphql::Result<FundAllocationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::FundAllocation, "input.id")?;
        let expected = input.expected_version;
        let change = AllocationPatch {
            amount: input.amount,
            currency: input.currency,
            exchange_rate: patch(input.exchange_rate),
            decided_on: patch(input.decided_on).map(|d| d.map(|d| d.0)),
            sensitivity: input.sensitivity,
        };
        funds::update(&rc.svc, id, expected, change).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<FundAllocationPayload> {
    let (allocation, fund) = funds::written(&rc.svc, id).await?;
    Ok(FundAllocationPayload {
        fund_allocation: FundAllocation::from(allocation),
        fund: Fund::from(fund),
    })
}

fn new_allocation(input: CreateFundAllocationInput) -> AppResult<NewAllocation> {
    let decode = |id: Option<ID>, kind, field| {
        id.map(|id| GlobalId::decode_as(&id, kind, field))
            .transpose()
    };
    Ok(NewAllocation {
        fund_id: GlobalId::decode_as(&input.fund, NodeKind::Fund, "input.fund")?,
        partnership_id: decode(
            input.partnership,
            NodeKind::Partnership,
            "input.partnership",
        )?,
        project_id: decode(input.project, NodeKind::Project, "input.project")?,
        amount: input.amount,
        currency: input.currency,
        exchange_rate: input.exchange_rate,
        decided_on: input.decided_on.map(|d| d.0),
        sensitivity: input.sensitivity,
        // Normalised so that a retry naming the default is the same request.
        status: input.status.unwrap_or(AllocationStatus::Proposed),
    })
}

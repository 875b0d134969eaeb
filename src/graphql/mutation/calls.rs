//! Mutations on calls for proposals (publish, update) and, in [`applications`], on the
//! applications to them (submit, decide, withdraw, evaluate).

mod applications;

use async_graphql::{Context, ID, InputObject, MaybeUndefined, MergedObject, Object, SimpleObject};

use super::common::{NamesInput, NamesPatch, patch, patch_map, patch_try};
use crate::domain::vocabulary::{Currency, Instrument, Sensitivity, Theme};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::call::Call;
use crate::graphql::types::common::Date;
use crate::services::writes::calls::{self, CallPatch, NewCall};

/// The mutations on calls for proposals and their applications.
#[derive(MergedObject, Default)]
pub struct CallsMutation(CallMutation, applications::ApplicationMutation);

/// A new call for proposals.
#[derive(Debug, Clone, InputObject)]
pub struct CreateCallInput {
    /// Makes the create safe to retry: the same key with the same input answers the call
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The title (French required).
    pub title: NamesInput,
    /// What the call is about (kept in French).
    pub description: Option<String>,
    /// The year of the call (1990–2100).
    pub year: i32,
    /// The instrument financing it; its selected applications' projects take it.
    pub instrument: Instrument,
    /// Who may apply (`Associations marocaines`, `Collectivités territoriales jumelées` …).
    pub audience: Option<String>,
    /// The call's total budget, as a decimal string (`"250000.00"`), with `budgetCurrency`.
    pub budget_amount: Option<String>,
    /// The currency of `budgetAmount`.
    pub budget_currency: Option<Currency>,
    /// The day applications open; none are taken before it.
    pub opens_on: Option<Date>,
    /// The last day to apply (not before `opensOn`); none are taken after it.
    pub closes_on: Option<Date>,
    /// The fund the call belongs to (a joint fund's calls).
    pub fund: Option<ID>,
    /// The pole's themes the call is about.
    #[graphql(default)]
    pub themes: Vec<Theme>,
    /// Who may see the call. Default PUBLIC: a call is published to be read by its audience.
    pub sensitivity: Option<Sensitivity>,
}

/// A change to a call. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateCallInput {
    /// The call.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// Title changes.
    pub title: Option<NamesPatch>,
    /// What the call is about; `null` clears it.
    #[graphql(default)]
    pub description: MaybeUndefined<String>,
    /// The year of the call.
    pub year: Option<i32>,
    /// The instrument financing it.
    pub instrument: Option<Instrument>,
    /// Who may apply; `null` clears it.
    #[graphql(default)]
    pub audience: MaybeUndefined<String>,
    /// The budget's amount as a decimal string; `null` clears the budget. Without
    /// `budgetCurrency`, the stored currency is kept.
    #[graphql(default)]
    pub budget_amount: MaybeUndefined<String>,
    /// The budget's currency (only with `budgetAmount`).
    pub budget_currency: Option<Currency>,
    /// The day applications open; `null` clears it.
    #[graphql(default)]
    pub opens_on: MaybeUndefined<Date>,
    /// The last day to apply; `null` clears it.
    #[graphql(default)]
    pub closes_on: MaybeUndefined<Date>,
    /// The fund the call belongs to; `null` detaches it.
    #[graphql(default)]
    pub fund: MaybeUndefined<ID>,
    /// The pole's themes (replaces the list).
    pub themes: Option<Vec<Theme>>,
    /// Who may see the call.
    pub sensitivity: Option<Sensitivity>,
}

/// The call a mutation changed.
#[derive(SimpleObject)]
pub struct CallPayload {
    /// The call as it is after the change.
    pub call: Call,
}

#[derive(Default)]
pub struct CallMutation;

#[Object]
impl CallMutation {
    /// Publishes a call for proposals (coordinators; logged as CALL_PUBLISHED).
    async fn create_call(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new call.")] input: CreateCallInput,
    ) -> async_graphql::Result<CallPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = calls::create(&rc.svc, key.as_deref(), new_call(input)?).await?;
        payload(rc, id).await
    }

    /// Changes a call (coordinators; logged as CALL_UPDATED, with the names of the fields).
    async fn update_call(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The call and what changes.")] input: UpdateCallInput,
    ) -> async_graphql::Result<CallPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Call, "input.id")?;
        let expected = input.expected_version;
        calls::update(&rc.svc, id, expected, call_patch(input)?).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<CallPayload> {
    let call = calls::written(&rc.svc, id).await?;
    Ok(CallPayload {
        call: Call::from(call),
    })
}

fn decode_fund(id: &ID) -> AppResult<i64> {
    GlobalId::decode_as(id, NodeKind::Fund, "input.fund")
}

fn new_call(input: CreateCallInput) -> AppResult<NewCall> {
    Ok(NewCall {
        title_fr: input.title.fr,
        title_ar: input.title.ar,
        title_en: input.title.en,
        description: input.description,
        year: input.year,
        instrument: input.instrument,
        audience: input.audience,
        budget_amount: input.budget_amount,
        budget_currency: input.budget_currency,
        opens_on: input.opens_on.map(|d| d.0),
        closes_on: input.closes_on.map(|d| d.0),
        fund_id: input.fund.as_ref().map(decode_fund).transpose()?,
        themes: input.themes,
        sensitivity: input.sensitivity,
    })
}

fn call_patch(input: UpdateCallInput) -> AppResult<CallPatch> {
    let (title_fr, title_ar, title_en) = match input.title {
        Some(t) => (t.fr, patch(t.ar), patch(t.en)),
        None => (None, None, None),
    };
    Ok(CallPatch {
        title_fr,
        title_ar,
        title_en,
        description: patch(input.description),
        year: input.year,
        instrument: input.instrument,
        audience: patch(input.audience),
        budget_amount: patch(input.budget_amount),
        budget_currency: input.budget_currency,
        opens_on: patch_map(input.opens_on, |d| d.0),
        closes_on: patch_map(input.closes_on, |d| d.0),
        fund_id: patch_try(input.fund, |f| decode_fund(&f))?,
        themes: input.themes,
        sensitivity: input.sensitivity,
    })
}

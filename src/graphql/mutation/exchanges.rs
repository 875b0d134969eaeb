//! Mutations on expertise exchanges: record, update, archive, restore; providers and
//! beneficiaries (each an update of the exchange: it takes and bumps the exchange's version).

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::{ArchiveInput, NamesInput, NamesPatch, patch, patch_try};
use crate::domain::vocabulary::{ExchangeKind, ExchangePartySide, Instrument, Sensitivity, Theme};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::graphql::types::exchange::Exchange;
use crate::services::writes::exchanges::{self, ExchangePatch, NewExchange, parties};

/// A new expertise exchange.
#[derive(Debug, Clone, InputObject)]
pub struct CreateExchangeInput {
    /// Makes the create safe to retry: the same key with the same input answers the exchange
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The kind of exchange.
    pub kind: ExchangeKind,
    /// The title (French required).
    pub title: NamesInput,
    /// The first day.
    pub starts_on: Option<Date>,
    /// The last day (not before the first).
    pub ends_on: Option<Date>,
    /// The pole's theme it falls under.
    pub theme: Option<Theme>,
    /// The OECD DAC 5-digit purpose code (`15112`).
    pub dac_code: Option<String>,
    /// How many people took part (0 or more).
    pub participant_count: Option<i32>,
    /// How it was financed or carried out.
    pub instrument: Option<Instrument>,
    /// The project it belongs to.
    pub project: Option<ID>,
    /// Who may see it: PUBLIC, INTERNAL (the default) or RESTRICTED.
    pub sensitivity: Option<Sensitivity>,
    /// The actors providing the expertise (at least one; each once; at most 50).
    pub providers: Vec<ID>,
    /// The actors receiving it (at least one; each once; at most 50). Its Moroccan
    /// beneficiaries' seats decide its circumscriptions.
    pub beneficiaries: Vec<ID>,
}

/// A change to an exchange. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateExchangeInput {
    /// The exchange.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The kind of exchange.
    pub kind: Option<ExchangeKind>,
    /// Title changes.
    pub title: Option<NamesPatch>,
    /// The first day.
    #[graphql(default)]
    pub starts_on: MaybeUndefined<Date>,
    /// The last day.
    #[graphql(default)]
    pub ends_on: MaybeUndefined<Date>,
    /// The pole's theme.
    #[graphql(default)]
    pub theme: MaybeUndefined<Theme>,
    /// The OECD DAC 5-digit purpose code.
    #[graphql(default)]
    pub dac_code: MaybeUndefined<String>,
    /// How many people took part.
    #[graphql(default)]
    pub participant_count: MaybeUndefined<i32>,
    /// How it was financed or carried out.
    #[graphql(default)]
    pub instrument: MaybeUndefined<Instrument>,
    /// The project it belongs to.
    #[graphql(default)]
    pub project: MaybeUndefined<ID>,
    /// Who may see it: PUBLIC, INTERNAL or RESTRICTED.
    pub sensitivity: Option<Sensitivity>,
}

/// An actor to add to one side of an exchange.
#[derive(Debug, Clone, InputObject)]
pub struct AddExchangePartyInput {
    /// The exchange.
    pub exchange: ID,
    /// The exchange's version the client last read (the exchange's version is bumped).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// Whether it provides or receives the expertise.
    pub side: ExchangePartySide,
}

/// An actor to remove from one side of an exchange (the last of a side stays).
#[derive(Debug, Clone, InputObject)]
pub struct RemoveExchangePartyInput {
    /// The exchange.
    pub exchange: ID,
    /// The exchange's version the client last read (the exchange's version is bumped).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// The side it leaves.
    pub side: ExchangePartySide,
}

/// The exchange a mutation changed.
#[derive(SimpleObject)]
pub struct ExchangePayload {
    /// The exchange as it is after the change.
    pub exchange: Exchange,
}

#[derive(Default)]
pub struct ExchangesMutation;

#[Object]
impl ExchangesMutation {
    /// Records an expertise exchange (logged as EXCHANGE_RECORDED).
    async fn create_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new exchange.")] input: CreateExchangeInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = exchanges::create(&rc.svc, key.as_deref(), new_exchange(input)?).await?;
        payload(rc, id).await
    }

    /// Changes an exchange (logged as EXCHANGE_UPDATED, with the names of the fields).
    async fn update_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The exchange and what changes.")] input: UpdateExchangeInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Exchange, "input.id")?;
        let expected = input.expected_version;
        exchanges::update(&rc.svc, id, expected, exchange_patch(input)?).await?;
        payload(rc, id).await
    }

    /// Archives an exchange (logged as EXCHANGE_ARCHIVED): it leaves lists but keeps its
    /// history.
    async fn archive_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The exchange to archive.")] input: ArchiveInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Exchange, "input.id")?;
        exchanges::set_archived(&rc.svc, id, input.expected_version, true).await?;
        payload(rc, id).await
    }

    /// Restores an archived exchange (logged as EXCHANGE_UPDATED).
    async fn restore_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The exchange to restore.")] input: ArchiveInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Exchange, "input.id")?;
        exchanges::set_archived(&rc.svc, id, input.expected_version, false).await?;
        payload(rc, id).await
    }

    /// Adds a provider or a beneficiary (bumps the exchange's version; EXCHANGE_UPDATED).
    async fn add_exchange_party(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The exchange, the actor and its side.")] input: AddExchangePartyInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.exchange, NodeKind::Exchange, "input.exchange")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        parties::add_party(&rc.svc, id, input.expected_version, actor, input.side).await?;
        payload(rc, id).await
    }

    /// Removes a provider or a beneficiary (bumps the exchange's version; EXCHANGE_UPDATED).
    async fn remove_exchange_party(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The exchange, the actor and its side.")] input: RemoveExchangePartyInput,
    ) -> async_graphql::Result<ExchangePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.exchange, NodeKind::Exchange, "input.exchange")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        parties::remove_party(&rc.svc, id, input.expected_version, actor, input.side).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<ExchangePayload> {
    let exchange = exchanges::written(&rc.svc, id).await?;
    Ok(ExchangePayload {
        exchange: Exchange::from(exchange),
    })
}

/// Decodes a list of actor IDs; `name` is the input field (`providers`).
fn actor_ids(ids: &[ID], name: &str) -> AppResult<Vec<i64>> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| GlobalId::decode_as(id, NodeKind::Actor, &format!("input.{name}[{i}]")))
        .collect()
}

fn new_exchange(input: CreateExchangeInput) -> AppResult<NewExchange> {
    let project_id = input
        .project
        .map(|p| GlobalId::decode_as(&p, NodeKind::Project, "input.project"))
        .transpose()?;
    Ok(NewExchange {
        kind: input.kind,
        title_fr: input.title.fr,
        title_ar: input.title.ar,
        title_en: input.title.en,
        starts_on: input.starts_on.map(|d| d.0),
        ends_on: input.ends_on.map(|d| d.0),
        theme: input.theme,
        dac_code: input.dac_code,
        participant_count: input.participant_count,
        instrument: input.instrument,
        project_id,
        sensitivity: input.sensitivity,
        providers: actor_ids(&input.providers, "providers")?,
        beneficiaries: actor_ids(&input.beneficiaries, "beneficiaries")?,
    })
}

fn exchange_patch(input: UpdateExchangeInput) -> AppResult<ExchangePatch> {
    let (title_fr, title_ar, title_en) = match input.title {
        Some(n) => (n.fr, patch(n.ar), patch(n.en)),
        None => (None, None, None),
    };
    Ok(ExchangePatch {
        kind: input.kind,
        title_fr,
        title_ar,
        title_en,
        starts_on: patch(input.starts_on).map(|d| d.map(|d| d.0)),
        ends_on: patch(input.ends_on).map(|d| d.map(|d| d.0)),
        theme: patch(input.theme),
        dac_code: patch(input.dac_code),
        participant_count: patch(input.participant_count),
        instrument: patch(input.instrument),
        project_id: patch_try(input.project, |p| {
            GlobalId::decode_as(&p, NodeKind::Project, "input.project")
        })?,
        sensitivity: input.sensitivity,
    })
}

//! `Exchange`: an expertise exchange between provider and beneficiary actors — and the lists of
//! exchanges seen from an actor or a project (helpers for their types to expose). Named
//! participants are personal data: listed only for viewers who may read the exchange's.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::actor::{Actor, circumscriptions};
use super::circumscription::Circumscription;
use super::common::{Date, DateTime, Lang, Names};
use super::partnership::join_page;
use super::person::{PersonConnection, exchange_named_participants};
use super::project::Project;
use crate::domain::vocabulary::{ExchangeKind, ExchangePartySide, Instrument, Sensitivity, Theme};
use crate::entities::exchange;
use crate::graphql::inputs::exchanges::ExchangeDirection;
use crate::graphql::loaders::exchanges::{
    ActorExchangeCount, ActorExchanges, ExchangeById, ExchangeCircumscriptions, ExchangeParties,
    ProjectExchangeCount, ProjectExchanges,
};
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::loaders::{load_many, load_one};
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};

/// An expertise exchange: a mission, invitation, training grant, study visit or twinning,
/// from provider actors to beneficiary actors.
#[derive(Debug, Clone)]
pub struct Exchange {
    record: Arc<exchange::Model>,
    titles: Names,
}

impl From<exchange::Model> for Exchange {
    fn from(m: exchange::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            record: Arc::new(m),
        }
    }
}

impl Exchange {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }

    /// The parties on `side` that the viewer may see; the parties of every exchange of the
    /// page come from one load.
    async fn parties(
        &self,
        ctx: &Context<'_>,
        side: ExchangePartySide,
    ) -> async_graphql::Result<Vec<Actor>> {
        Ok(load_one::<_, ExchangeParties>(ctx, self.record.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .filter(|(s, _)| *s == side)
            .map(|(_, actor)| Actor::from(actor))
            .collect())
    }
}

/// An expertise exchange: a mission, invitation, training grant, study visit or twinning,
/// from provider actors to beneficiary actors.
#[Object]
impl Exchange {
    /// The global ID of this exchange.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Exchange, self.record.id).encode()
    }

    /// The kind of exchange.
    async fn kind(&self) -> ExchangeKind {
        self.record.kind
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// The actors providing the expertise, in the order recorded; those the viewer may not
    /// see are left out.
    async fn providers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Actor>> {
        self.parties(ctx, ExchangePartySide::Provider).await
    }

    /// The actors receiving the expertise, in the order recorded; those the viewer may not
    /// see are left out.
    async fn beneficiaries(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Actor>> {
        self.parties(ctx, ExchangePartySide::Beneficiary).await
    }

    /// The first day of the exchange.
    async fn starts_on(&self) -> Option<Date> {
        self.record.starts_on.map(Date)
    }

    /// The last day of the exchange.
    async fn ends_on(&self) -> Option<Date> {
        self.record.ends_on.map(Date)
    }

    /// The pole's theme the exchange falls under.
    async fn theme(&self) -> Option<Theme> {
        self.record.theme
    }

    /// The OECD DAC 5-digit purpose code (`15112` decentralisation).
    async fn dac_code(&self) -> Option<&str> {
        self.record.dac_code.as_deref()
    }

    /// How many people took part, as recorded (whoever the viewer).
    async fn participant_count(&self) -> Option<i32> {
        self.record.participant_count
    }

    /// The named participants (grant holders, trainees), by person. Personal data: listed
    /// only for viewers who may read the exchange's personal data (coordinators, admins,
    /// officers of a circumscription it belongs to); for anyone else empty, `totalCount` 0.
    async fn named_participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<PersonConnection> {
        exchange_named_participants(ctx, self.record.id, first, after).await
    }

    /// How the exchange was financed or carried out.
    async fn instrument(&self) -> Option<Instrument> {
        self.record.instrument
    }

    /// The project the exchange belongs to; null when none, or when the viewer may not see it.
    async fn project(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Project>> {
        let Some(id) = self.record.project_id else {
            return Ok(None);
        };
        Ok(load_one::<_, ProjectById>(ctx, id)
            .await?
            .map(Project::from))
    }

    /// The consular circumscriptions the exchange belongs to, derived from its Moroccan
    /// beneficiaries' seats.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        let ids = load_one::<_, ExchangeCircumscriptions>(ctx, self.record.id)
            .await?
            .unwrap_or_default();
        circumscriptions(ctx, ids).await
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Whether the exchange is archived (kept for history, left out of lists by default).
    async fn archived(&self) -> bool {
        self.record.archived_at.is_some()
    }

    /// Increases with every change (including to its parties); pass it as `expectedVersion`
    /// to update.
    async fn version(&self) -> i32 {
        self.record.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.record.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.record.updated_at)
    }

    /// Who created the record (token subject); shown to coordinators, admins and the author.
    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.created_by.as_deref())
    }

    /// Who last changed the record (token subject); shown to coordinators, admins and the
    /// author.
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.updated_by.as_deref())
    }
}

connection!(ExchangeConnection, ExchangeEdge, Exchange, "exchanges");

/// `Actor.exchanges`: the exchanges an actor took part in (in `direction`, if given; each
/// exchange once), by exchange id. Exchanges the viewer may not see, and archived ones, are
/// left out (and not counted).
pub async fn actor_exchanges(
    ctx: &Context<'_>,
    actor_id: i64,
    direction: Option<ExchangeDirection>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ExchangeConnection> {
    let side = direction.map(ExchangePartySide::from);
    let key = NestedKey {
        parent: actor_id,
        args: (side, NestedPage::from_args(first, after)?),
    };
    let count_key = NestedKey {
        parent: actor_id,
        args: side,
    };
    let (page, total) =
        page_and_total::<ActorExchanges, ActorExchangeCount, _, _, _>(ctx, key, count_key).await?;
    let found =
        load_many::<_, ExchangeById>(ctx, page.items.iter().map(|(_, p)| p.exchange_id)).await?;
    let page = join_page(page, |p| p.exchange_id, &found);
    Ok(ExchangeConnection(ConnectionData::from_page(
        page,
        total,
        Exchange::from,
    )))
}

/// `Project.exchanges`: the project's exchanges, latest start first (undated last). Exchanges
/// the viewer may not see, and archived ones, are left out (and not counted).
pub async fn project_exchanges(
    ctx: &Context<'_>,
    project_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ExchangeConnection> {
    let key = NestedKey {
        parent: project_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ProjectExchanges, ProjectExchangeCount, _, _, _>(ctx, key, project_id)
            .await?;
    Ok(ExchangeConnection(ConnectionData::from_page(
        page,
        total,
        Exchange::from,
    )))
}

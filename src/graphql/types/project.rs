//! `Project`: an IATI activity — the pole's own, or another donor's that it monitors.

use std::sync::Arc;

use async_graphql::{Context, ID, Object, SimpleObject};

use super::actor::circumscriptions;
use super::application::{Application, project_application};
use super::circumscription::Circumscription;
use super::common::{Date, DateTime, Lang, Names};
use super::event::{EventConnection, project_events};
use super::exchange::{ExchangeConnection, project_exchanges};
use super::fund_allocation::{FundAllocationConnection, project_allocations};
use super::money::Money;
use super::participation::{ProjectParticipationConnection, participation_connection};
use super::partnership::{PartnershipConnection, project_partnerships};
use super::territory::Territory;
use crate::domain::dac;
use crate::domain::vocabulary::{
    ActivityStatus, FundingSource, Instrument, ParticipantRole, Pillar, ProjectOrigin, Sensitivity,
    Theme,
};
use crate::entities::project;
use crate::graphql::loaders::projects::{
    ProjectDetailsById, ProjectFinanceById, ProjectParticipantCounts, ProjectParticipants,
};
use crate::graphql::loaders::reference::TerritoryById;
use crate::graphql::loaders::{load_many, load_one};
use crate::graphql::relay::{GlobalId, NodeKind, connection};
use crate::services::projects::{ProjectDetails, ProjectFinance};

/// A project, in IATI terms an activity: the pole's own (OWN) or another donor's that the pole
/// monitors (EXTERNAL) — "who does what where".
#[derive(Debug, Clone)]
pub struct Project {
    record: Arc<project::Model>,
    titles: Names,
    descriptions: Names,
}

impl From<project::Model> for Project {
    fn from(m: project::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            descriptions: Names::new(
                m.description_fr.clone(),
                m.description_ar.clone(),
                m.description_en.clone(),
            ),
            record: Arc::new(m),
        }
    }
}

impl Project {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }

    async fn details(&self, ctx: &Context<'_>) -> async_graphql::Result<ProjectDetails> {
        Ok(load_one::<_, ProjectDetailsById>(ctx, self.record.id)
            .await?
            .unwrap_or_default())
    }

    async fn finance(&self, ctx: &Context<'_>) -> async_graphql::Result<ProjectFinance> {
        Ok(load_one::<_, ProjectFinanceById>(ctx, self.record.id)
            .await?
            .unwrap_or_default())
    }
}

/// A DAC 5-digit purpose code with the share of the project it covers.
#[derive(Debug, Clone, SimpleObject)]
pub struct SectorShare {
    /// The OECD DAC 5-digit purpose code (`15112` decentralisation).
    pub dac_code: String,
    /// The code's English label, when it is one we know.
    pub label: Option<String>,
    /// The share of the project, in percent (the shares of a project sum to 100).
    pub percentage: f64,
}

/// A project, in IATI terms an activity: the pole's own (OWN) or another donor's that the pole
/// monitors (EXTERNAL) — "who does what where".
#[Object]
impl Project {
    /// The global ID of this project.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Project, self.record.id).encode()
    }

    /// The IATI activity identifier, if published or known.
    async fn iati_identifier(&self) -> Option<&str> {
        self.record.iati_identifier.as_deref()
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// A description in `lang`, falling back to French, then Arabic, then English.
    async fn description(
        &self,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> Option<String> {
        self.descriptions.get(lang).map(str::to_owned)
    }

    /// The pole's pillar the project falls in.
    async fn pillar(&self) -> Pillar {
        self.record.pillar
    }

    /// How the project is financed or carried out.
    async fn instrument(&self) -> Instrument {
        self.record.instrument
    }

    /// Where the money comes from.
    async fn funding_source(&self) -> FundingSource {
        self.record.funding_source
    }

    /// The IATI activity status.
    async fn status(&self) -> ActivityStatus {
        self.record.status
    }

    /// Planned start date.
    async fn planned_start(&self) -> Option<Date> {
        self.record.planned_start.map(Date)
    }

    /// Planned end date.
    async fn planned_end(&self) -> Option<Date> {
        self.record.planned_end.map(Date)
    }

    /// Actual start date.
    async fn actual_start(&self) -> Option<Date> {
        self.record.actual_start.map(Date)
    }

    /// Actual end date.
    async fn actual_end(&self) -> Option<Date> {
        self.record.actual_end.map(Date)
    }

    /// OWN (the pole's) or EXTERNAL (another donor's, monitored).
    async fn origin(&self) -> ProjectOrigin {
        self.record.origin
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Whether the project is approved for open-data export (PUBLIC projects only).
    async fn publishable(&self) -> bool {
        self.record.publishable
    }

    /// Whether the project is archived (kept for history, left out of lists by default).
    async fn archived(&self) -> bool {
        self.record.archived_at.is_some()
    }

    /// The actors taking part, with their roles; those the viewer may not see are left out
    /// (and not counted).
    async fn participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only participants in this role.")] role: Option<ParticipantRole>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<ProjectParticipationConnection> {
        participation_connection::<ProjectParticipants, ProjectParticipantCounts>(
            ctx,
            self.record.id,
            role,
            first,
            after,
        )
        .await
    }

    /// Where the project takes place.
    async fn locations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Territory>> {
        let ids = self.details(ctx).await?.locations;
        let loaded = load_many::<_, TerritoryById>(ctx, ids.iter().copied()).await?;
        Ok(ids
            .iter()
            .filter_map(|id| loaded.get(id).cloned().map(Territory::from))
            .collect())
    }

    /// The consular circumscriptions the project belongs to, derived from its locations.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        circumscriptions(ctx, self.details(ctx).await?.circumscriptions).await
    }

    /// The DAC sectors the project covers, with their shares.
    async fn dac_sectors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SectorShare>> {
        Ok(self
            .details(ctx)
            .await?
            .sectors
            .into_iter()
            .map(|(code, bp)| SectorShare {
                label: dac::label(&code).map(str::to_owned),
                dac_code: code,
                percentage: f64::from(bp) / 100.0,
            })
            .collect())
    }

    /// The Sustainable Development Goals (ODD) the project contributes to, 1–17.
    async fn sdg_goals(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<i32>> {
        Ok(self.details(ctx).await?.sdg_goals)
    }

    /// The SDG targets (`5.5`, `16.6`) the project contributes to.
    async fn sdg_targets(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        Ok(self.details(ctx).await?.sdg_targets)
    }

    /// The pole's themes the project works on.
    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(self.details(ctx).await?.themes)
    }

    /// The budget, one amount per currency: the revised budget lines if any, else the
    /// original ones.
    async fn budget(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Money>> {
        Ok(self
            .finance(ctx)
            .await?
            .budget
            .into_iter()
            .map(Money::from)
            .collect())
    }

    /// The amounts committed (IATI transaction type 2), one per currency.
    async fn committed(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Money>> {
        Ok(self
            .finance(ctx)
            .await?
            .committed
            .into_iter()
            .map(Money::from)
            .collect())
    }

    /// The amounts disbursed or spent (IATI transaction types 3 and 4), one per currency.
    async fn disbursed(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Money>> {
        Ok(self
            .finance(ctx)
            .await?
            .disbursed
            .into_iter()
            .map(Money::from)
            .collect())
    }

    /// The events held within this project, latest first.
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<EventConnection> {
        project_events(ctx, self.record.id, first, after).await
    }

    /// The expertise exchanges carried out within this project, latest first.
    async fn exchanges(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<ExchangeConnection> {
        project_exchanges(ctx, self.record.id, first, after).await
    }

    /// The partnerships this project belongs to.
    async fn partnerships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<PartnershipConnection> {
        project_partnerships(ctx, self.record.id, first, after).await
    }

    /// The application to a call for proposals this project was selected from, if any.
    async fn application(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Application>> {
        project_application(ctx, self.record.id).await
    }

    /// The joint fund's allocations to this project.
    async fn allocations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<FundAllocationConnection> {
        project_allocations(ctx, self.record.id, first, after).await
    }

    /// Increases with every change; pass it as `expectedVersion` to update.
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

connection!(ProjectConnection, ProjectEdge, Project, "projects");

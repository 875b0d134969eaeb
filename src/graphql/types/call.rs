//! `Call`: a call for proposals.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::application::{Application, ApplicationConnection};
use super::common::{Date, DateTime, Lang, Names};
use super::fund::Fund;
use super::money::Money;
use crate::domain::money;
use crate::domain::vocabulary::{ApplicationStatus, Instrument, Sensitivity, Theme};
use crate::entities::call;
use crate::graphql::loaders::calls::{CallApplicationCounts, CallApplications, CallThemes};
use crate::graphql::loaders::funds::FundById;
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::load_one;
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::applications::ApplicationListArgs;
use crate::services::nested::{NestedKey, NestedPage};

/// A call for proposals: one of the embassy's yearly thematic calls to associations ("Genre,
/// jeunesse, climat", "Sport et inclusion", PISCCA rounds …) or a joint fund's call to paired
/// local authorities.
#[derive(Debug, Clone)]
pub struct Call {
    record: Arc<call::Model>,
    titles: Names,
    descriptions: Names,
}

impl From<call::Model> for Call {
    fn from(m: call::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            // Descriptions are kept in French only; every language falls back to it.
            descriptions: Names::new(m.description_fr.clone(), None, None),
            record: Arc::new(m),
        }
    }
}

impl Call {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// A call for proposals: one of the embassy's yearly thematic calls to associations ("Genre,
/// jeunesse, climat", "Sport et inclusion", PISCCA rounds …) or a joint fund's call to paired
/// local authorities.
#[Object]
impl Call {
    /// The global ID of this call.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Call, self.record.id).encode()
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// What the call is about, in `lang` (kept in French: other languages fall back to it).
    async fn description(
        &self,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> Option<String> {
        self.descriptions.get(lang).map(str::to_owned)
    }

    /// The year of the call.
    async fn year(&self) -> i32 {
        self.record.year
    }

    /// The instrument financing it (a thematic call, PISCCA, the joint fund …).
    async fn instrument(&self) -> Instrument {
        self.record.instrument
    }

    /// The pole's themes the call is about.
    async fn themes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Theme>> {
        Ok(load_one::<_, CallThemes>(ctx, self.record.id)
            .await?
            .unwrap_or_default())
    }

    /// Who may apply (Moroccan associations, consortia …).
    async fn audience(&self) -> Option<&str> {
        self.record.audience.as_deref()
    }

    /// The call's total budget, when announced.
    async fn budget(&self) -> Option<Money> {
        match (self.record.budget_minor, self.record.budget_currency) {
            (Some(minor), Some(currency)) => Some(Money::from(money::Money::new(minor, currency))),
            _ => None,
        }
    }

    /// The day applications open, when known.
    async fn opens_on(&self) -> Option<Date> {
        self.record.opens_on.map(Date)
    }

    /// The last day to apply, when known.
    async fn closes_on(&self) -> Option<Date> {
        self.record.closes_on.map(Date)
    }

    /// The fund the call belongs to (a joint fund's calls); null for the embassy's own calls,
    /// or when the viewer may not see the fund.
    async fn fund(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Fund>> {
        match self.record.fund_id {
            Some(id) => Ok(load_one::<_, FundById>(ctx, id).await?.map(Fund::from)),
            None => Ok(None),
        }
    }

    /// The applications received, in the order they were recorded; those the viewer may not
    /// see are left out (and not counted).
    async fn applications(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only applications with this status.")] status: Option<ApplicationStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<ApplicationConnection> {
        let args = ApplicationListArgs {
            status,
            page: NestedPage::from_args(first, after)?,
        };
        let parent = self.record.id;
        let (page, total) = page_and_total::<CallApplications, CallApplicationCounts, _, _, _>(
            ctx,
            NestedKey { parent, args },
            NestedKey {
                parent,
                args: status,
            },
        )
        .await?;
        Ok(ApplicationConnection(ConnectionData::from_page(
            page,
            total,
            Application::from,
        )))
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
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

connection!(CallConnection, CallEdge, Call, "calls for proposals");

use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::domain::vocabulary::TerritoryLevel;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::circumscription::{Circumscription, CircumscriptionConnection};
use crate::graphql::types::territory::{Territory, TerritoryConnection};
use crate::services::territories::TerritoryFilter;
use crate::services::{circumscriptions, territories};

#[derive(Default)]
pub struct ReferenceQuery;

#[Object]
impl ReferenceQuery {
    /// Territories of Morocco ordered by code, optionally one level or one parent's children.
    async fn territories(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only territories of this level.")] level: Option<TerritoryLevel>,
        #[graphql(desc = "Only the direct children of the territory with this code (`MA-04`).")]
        parent: Option<String>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<TerritoryConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let filter = TerritoryFilter {
            level,
            parent_code: parent,
        };
        let found = territories::list(&rc.svc, &filter, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { territories::count(&svc, &filter).await })
        }));
        Ok(TerritoryConnection(ConnectionData::from_page(
            found,
            total,
            Territory::from,
        )))
    }

    /// One territory by its ISO 3166-2 code (`MA-04`, `MA-RAB`); null if there is none.
    async fn territory(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The ISO 3166-2 code, any case.")] code: String,
    ) -> async_graphql::Result<Option<Territory>> {
        let rc = RequestContext::of(ctx)?;
        Ok(territories::by_code(&rc.svc, &code)
            .await?
            .map(Territory::from))
    }

    /// The consular circumscriptions, ordered by code.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<CircumscriptionConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let found = circumscriptions::list(&rc.svc, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let svc = svc.clone();
            Box::pin(async move { circumscriptions::count(&svc).await })
        }));
        Ok(CircumscriptionConnection(ConnectionData::from_page(
            found,
            total,
            Circumscription::from,
        )))
    }

    /// One circumscription by code (`FES`, any case); null if there is none.
    async fn circumscription(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The circumscription code: RABAT, CASABLANCA, FES, MARRAKECH, TANGER or AGADIR."
        )]
        code: String,
    ) -> async_graphql::Result<Option<Circumscription>> {
        let rc = RequestContext::of(ctx)?;
        Ok(circumscriptions::by_code(&rc.svc, &code)
            .await?
            .map(Circumscription::from))
    }
}

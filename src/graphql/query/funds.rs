use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::fund::{Fund, FundConnection};
use crate::services::funds;

#[derive(Default)]
pub struct FundQuery;

#[Object]
impl FundQuery {
    /// The funds (the joint Franco-Moroccan fund for decentralised cooperation), by name.
    async fn funds(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<FundConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let found = funds::list(&rc.svc, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let svc = svc.clone();
            Box::pin(async move { funds::count(&svc).await })
        }));
        Ok(FundConnection(ConnectionData::from_page(
            found,
            total,
            Fund::from,
        )))
    }
}

use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::exchanges::{ExchangeFilter, ExchangeOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::exchange::{Exchange, ExchangeConnection};
use crate::services::exchanges;

#[derive(Default)]
pub struct ExchangeQuery;

#[Object]
impl ExchangeQuery {
    /// Expertise exchanges, filtered and ordered (latest start first unless told otherwise).
    async fn exchanges(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which exchanges to list.")] filter: Option<ExchangeFilter>,
        #[graphql(desc = "How to order them (default: latest start first, undated last).")]
        order_by: Option<ExchangeOrder>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<ExchangeConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let filter = filter.unwrap_or_default().into_service()?;
        let order = order_by.unwrap_or_default().into();
        let found = exchanges::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { exchanges::count(&svc, &filter).await })
        }));
        Ok(ExchangeConnection(ConnectionData::from_page(
            found,
            total,
            Exchange::from,
        )))
    }
}

use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::calls::{CallFilter, CallOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::call::{Call, CallConnection};
use crate::services::calls;

#[derive(Default)]
pub struct CallQuery;

#[Object]
impl CallQuery {
    /// Calls for proposals, filtered and ordered (latest year first unless told otherwise).
    async fn calls(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which calls to list.")] filter: Option<CallFilter>,
        #[graphql(desc = "How to order them (default: latest year first).")] order_by: Option<
            CallOrder,
        >,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<CallConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let filter = filter.unwrap_or_default().into_service()?;
        let order = order_by.map(Into::into).unwrap_or_default();
        let found = calls::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { calls::count(&svc, &filter).await })
        }));
        Ok(CallConnection(ConnectionData::from_page(
            found,
            total,
            Call::from,
        )))
    }
}

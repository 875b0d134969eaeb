use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::activity::ActivityFilter;
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::activity::{Activity, ActivityConnection};
use crate::services::activity;

#[derive(Default)]
pub struct ActivityQuery;

#[Object]
impl ActivityQuery {
    /// The activity log, newest first: what changed in the network, as far as the viewer may
    /// read it. Page forward (`first`/`after`) to go back in time, backward (`last`/`before`)
    /// to come forward.
    async fn activity(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which entries to list.")] filter: Option<ActivityFilter>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor (older entries).")] after: Option<
            String,
        >,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor (newer entries).")] before: Option<
            String,
        >,
    ) -> async_graphql::Result<ActivityConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let filter = filter.unwrap_or_default().into_service()?;
        let found = activity::list(&rc.svc, &filter, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { activity::count(&svc, &filter).await })
        }));
        Ok(ActivityConnection(ConnectionData::from_page(
            found,
            total,
            Activity::from,
        )))
    }
}

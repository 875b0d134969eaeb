use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::events::{EventFilter, EventOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::event::{Event, EventConnection};
use crate::services::events;

#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// Events of the network, filtered and ordered (latest first unless told otherwise).
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which events to list.")] filter: Option<EventFilter>,
        #[graphql(desc = "How to order them (default: latest start first).")] order_by: Option<
            EventOrder,
        >,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<EventConnection> {
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
        let found = events::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { events::count(&svc, &filter).await })
        }));
        Ok(EventConnection(ConnectionData::from_page(
            found,
            total,
            Event::from,
        )))
    }
}

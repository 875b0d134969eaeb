use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::actors::{ActorFilter, ActorOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::actor::{Actor, ActorConnection};
use crate::services::actors;

#[derive(Default)]
pub struct ActorQuery;

#[Object]
impl ActorQuery {
    /// The organisations of the network, filtered and ordered (by name unless told otherwise).
    async fn actors(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which actors to list.")] filter: Option<ActorFilter>,
        #[graphql(desc = "How to order them (default: by name).")] order_by: Option<ActorOrder>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<ActorConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let filter: actors::ActorFilter = filter.unwrap_or_default().into();
        let order = order_by.unwrap_or_default().into();
        let found = actors::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { actors::count(&svc, &filter).await })
        }));
        Ok(ActorConnection(ConnectionData::from_page(
            found,
            total,
            Actor::from,
        )))
    }
}

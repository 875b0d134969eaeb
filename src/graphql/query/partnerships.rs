use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::partnerships::{PartnershipFilter, PartnershipOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::partnership::{Partnership, PartnershipConnection};
use crate::services::partnerships;

#[derive(Default)]
pub struct PartnershipQuery;

#[Object]
impl PartnershipQuery {
    /// Partnerships between actors, filtered and ordered (by title unless told otherwise).
    async fn partnerships(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which partnerships to list.")] filter: Option<PartnershipFilter>,
        #[graphql(desc = "How to order them (default: by title).")] order_by: Option<
            PartnershipOrder,
        >,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<PartnershipConnection> {
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
        let found = partnerships::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { partnerships::count(&svc, &filter).await })
        }));
        Ok(PartnershipConnection(ConnectionData::from_page(
            found,
            total,
            Partnership::from,
        )))
    }
}

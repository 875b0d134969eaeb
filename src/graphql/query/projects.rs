use std::sync::Arc;

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::inputs::projects::{ProjectFilter, ProjectOrder};
use crate::graphql::relay::{ConnectionData, PageArgs, TotalCount};
use crate::graphql::types::project::{Project, ProjectConnection};
use crate::services::projects;

#[derive(Default)]
pub struct ProjectQuery;

#[Object]
impl ProjectQuery {
    /// Projects (IATI activities), filtered and ordered (by title unless told otherwise).
    async fn projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Which projects to list.")] filter: Option<ProjectFilter>,
        #[graphql(desc = "How to order them (default: by title).")] order_by: Option<ProjectOrder>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<ProjectConnection> {
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
        let found = projects::list(&rc.svc, &filter, order, &page).await?;
        let svc = rc.svc.clone();
        let total = TotalCount::Lazy(Arc::new(move || {
            let (svc, filter) = (svc.clone(), filter.clone());
            Box::pin(async move { projects::count(&svc, &filter).await })
        }));
        Ok(ProjectConnection(ConnectionData::from_page(
            found,
            total,
            Project::from,
        )))
    }
}

//! `me`: who the request's token says is asking, and what it may do.

use async_graphql::{Context, Object};

use crate::graphql::context::RequestContext;
use crate::graphql::types::viewer::Viewer;

#[derive(Default)]
pub struct MeQuery;

#[Object]
impl MeQuery {
    /// Who is asking — the viewer the request's token names, or the anonymous viewer without
    /// one — and what it may read and write.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Viewer> {
        let rc = RequestContext::of(ctx)?;
        Ok(Viewer(rc.svc.viewer.clone()))
    }
}

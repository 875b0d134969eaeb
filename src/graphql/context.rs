//! What a resolver gets from the request: the service context (database + viewer), and the
//! request's DataLoaders (see [`super::loaders`]). Built per request, never stored on the
//! schema.

use std::sync::Arc;

use async_graphql::Context;

use super::loaders;
use crate::error::AppError;
use crate::services::ServiceContext;

pub struct RequestContext {
    pub svc: Arc<ServiceContext>,
}

impl RequestContext {
    /// Adds the request context and the loaders to a request.
    pub fn attach(request: async_graphql::Request, svc: ServiceContext) -> async_graphql::Request {
        let svc = Arc::new(svc);
        loaders::attach(request, &svc).data(RequestContext { svc })
    }

    /// The request context of a resolver (present on every request the transport builds).
    pub fn of<'a>(ctx: &Context<'a>) -> Result<&'a RequestContext, async_graphql::Error> {
        ctx.data::<RequestContext>()
            .map_err(|_| AppError::internal("request context missing").to_graphql())
    }
}

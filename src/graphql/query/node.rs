use async_graphql::{Context, ID, Object};

use crate::error::AppError;
use crate::graphql::relay::GlobalId;
use crate::graphql::types::node::{Node, load_nodes};

/// Most IDs `nodes(ids:)` takes at once.
const MAX_NODE_IDS: usize = 100;

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Fetches any object by its global ID; null when it does not exist or the viewer may not
    /// see it (the two are indistinguishable).
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global ID, as returned in any `id` field.")] id: ID,
    ) -> async_graphql::Result<Option<Node>> {
        let id = GlobalId::decode(&id, "id")?;
        Ok(load_nodes(ctx, &[id]).await?.pop().flatten())
    }

    /// Fetches several objects by global ID, in the order given (at most 100); each is null
    /// when it does not exist or the viewer may not see it.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs, at most 100.")] ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODE_IDS {
            return Err(
                AppError::bad_input("ids", format!("at most {MAX_NODE_IDS} ids at once")).into(),
            );
        }
        let ids = ids
            .iter()
            .enumerate()
            .map(|(i, id)| GlobalId::decode(id, &format!("ids.{i}")))
            .collect::<Result<Vec<_>, _>>()?;
        load_nodes(ctx, &ids).await
    }
}

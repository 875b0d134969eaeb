//! A declarative form of the nested-list loaders: keyed by [`NestedKey`] (a parent plus the
//! arguments that shape its list), one service call per distinct arguments through
//! [`super::load_grouped`], so sibling parents share one statement; and the resolver side,
//! [`page_and_total`].

use std::hash::Hash;

use async_graphql::Context;
use async_graphql::dataloader::Loader;

use super::{LoadError, load_one};
use crate::graphql::relay::TotalCount;
use crate::services::nested::NestedKey;
use crate::services::pagination::Page;

/// Declares a loader keyed by `NestedKey<$args>` over a service function
/// `fn(&ServiceContext, &[i64], &$args) -> AppResult<HashMap<i64, $value>>` (parents → value).
macro_rules! grouped_loader {
    ($(#[$meta:meta])* $name:ident, $args:ty => $value:ty, $fetch:path) => {
        $(#[$meta])*
        pub struct $name(pub std::sync::Arc<$crate::services::ServiceContext>);

        impl async_graphql::dataloader::Loader<$crate::services::nested::NestedKey<$args>>
            for $name
        {
            type Value = $value;
            type Error = $crate::graphql::loaders::LoadError;

            async fn load(
                &self,
                keys: &[$crate::services::nested::NestedKey<$args>],
            ) -> Result<
                std::collections::HashMap<$crate::services::nested::NestedKey<$args>, $value>,
                Self::Error,
            > {
                $crate::graphql::loaders::load_grouped(keys, |args, parents| async move {
                    $fetch(&self.0, &parents, &args).await
                })
                .await
            }
        }
    };
}
pub(crate) use grouped_loader;

/// One parent's page of a nested list through the loader `Pages`, and its total through
/// `Counts` — counted only when the query selects `totalCount` (otherwise reported as 0,
/// which nothing reads). Sibling parents share each loader's statement.
pub async fn page_and_total<Pages, Counts, A, K, M>(
    ctx: &Context<'_>,
    page_key: NestedKey<A>,
    count_key: K,
) -> async_graphql::Result<(Page<M>, TotalCount)>
where
    A: Send + Sync + Hash + Eq + Clone + 'static,
    K: Send + Sync + Hash + Eq + Clone + 'static,
    M: Send + Sync + Clone + 'static,
    Pages: Loader<NestedKey<A>, Value = Page<M>, Error = LoadError>,
    Counts: Loader<K, Value = u64, Error = LoadError>,
{
    let wants_total = ctx.look_ahead().field("totalCount").exists();
    let page = load_one::<_, Pages>(ctx, page_key);
    let total = async {
        if !wants_total {
            return Ok::<u64, async_graphql::Error>(0);
        }
        Ok(load_one::<_, Counts>(ctx, count_key).await?.unwrap_or(0))
    };
    let (page, total) = futures_util::try_join!(page, total)?;
    let page = page.unwrap_or(Page {
        items: Vec::new(),
        has_next: false,
        has_previous: false,
    });
    Ok((page, TotalCount::Known(total)))
}

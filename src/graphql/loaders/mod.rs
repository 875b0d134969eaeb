//! DataLoaders: one per relation, created per request (they carry the viewer, so nothing
//! loaded for one viewer can reach another), each doing one query per batch of keys.
//!
//! Each domain module declares its loaders and an `attach` function that adds them to a
//! request; resolvers fetch one with [`loader`].

pub mod activity;
pub mod actors;
pub mod calls;
pub mod events;
pub mod exchanges;
pub mod funds;
pub mod grouped;
pub mod partnerships;
pub mod people;
pub mod projects;
pub mod reference;

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::error::AppError;
use crate::services::ServiceContext;
use crate::services::nested::{NestedKey, group_by_args};

/// A loader error, shared by every key of the failed batch.
pub type LoadError = Arc<AppError>;

/// The loaders of a request, as stored in its data.
pub type Cached<T> = DataLoader<T, HashMapCache>;

/// Adds every loader to a request.
pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    let request = reference::attach(request, svc);
    let request = actors::attach(request, svc);
    let request = calls::attach(request, svc);
    let request = funds::attach(request, svc);
    let request = activity::attach(request, svc);
    let request = partnerships::attach(request, svc);
    let request = events::attach(request, svc);
    let request = exchanges::attach(request, svc);
    let request = people::attach(request, svc);
    projects::attach(request, svc)
}

/// How long a loader waits for sibling keys before it sends its batch, in microseconds.
/// Process-wide: set once at start-up from the configuration (`--batch-window-ms`).
static BATCH_WINDOW_MICROS: AtomicU64 = AtomicU64::new(DEFAULT_BATCH_WINDOW_MICROS);

/// The default batch window: long enough for the executor to visit every sibling of a large
/// list in an optimised build, short enough to add little latency per nesting level.
pub const DEFAULT_BATCH_WINDOW_MICROS: u64 = 2_000;

/// Sets the batch window for the loaders created from now on.
pub fn set_batch_window(window: Duration) {
    let micros = u64::try_from(window.as_micros()).unwrap_or(u64::MAX);
    BATCH_WINDOW_MICROS.store(micros, Ordering::Relaxed);
}

fn batch_window() -> Duration {
    Duration::from_micros(BATCH_WINDOW_MICROS.load(Ordering::Relaxed))
}

/// A loader that remembers what it loaded for the rest of the request, and batches the keys
/// its siblings ask for within the batch window (async-graphql's DataLoader dispatches on a
/// timer, so a window shorter than one pass of the executor over a list splits the batch).
pub fn cached<K, T>(loader: T) -> Cached<T>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default()).delay(batch_window())
}

/// The request's loader of type `T`.
pub fn loader<'a, T: Send + Sync + 'static>(
    ctx: &Context<'a>,
) -> async_graphql::Result<&'a Cached<T>> {
    ctx.data::<Cached<T>>().map_err(|_| {
        AppError::internal(format!("loader {} missing", std::any::type_name::<T>())).to_graphql()
    })
}

/// Loads one key through the request's loader of type `T`.
pub async fn load_one<K, T>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Option<T::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K, Error = LoadError>,
{
    loader::<T>(ctx)?.load_one(key).await.map_err(load_error)
}

/// Loads several keys through the request's loader of type `T`.
pub async fn load_many<K, T>(
    ctx: &Context<'_>,
    keys: impl IntoIterator<Item = K>,
) -> async_graphql::Result<HashMap<K, T::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K, Error = LoadError>,
{
    loader::<T>(ctx)?.load_many(keys).await.map_err(load_error)
}

/// Loads nested-list keys: one service call per distinct argument set (so one statement per
/// shape of the query), its results spread back over the keys.
pub async fn load_grouped<A, V, F, Fut>(
    keys: &[NestedKey<A>],
    fetch: F,
) -> Result<HashMap<NestedKey<A>, V>, LoadError>
where
    A: Clone + Eq + Hash,
    F: Fn(A, Vec<i64>) -> Fut,
    Fut: std::future::Future<Output = crate::error::AppResult<HashMap<i64, V>>>,
{
    let mut out = HashMap::with_capacity(keys.len());
    for (args, parents) in group_by_args(keys) {
        let found = fetch(args.clone(), parents).await.map_err(Arc::new)?;
        for (parent, value) in found {
            out.insert(
                NestedKey {
                    parent,
                    args: args.clone(),
                },
                value,
            );
        }
    }
    Ok(out)
}

/// Turns a loader error into the GraphQL error of its cause.
pub fn load_error(err: LoadError) -> async_graphql::Error {
    err.to_graphql()
}

/// Declares a loader struct keyed by id over a service function
/// `fn(&ServiceContext, &[K]) -> AppResult<HashMap<K, V>>`.
macro_rules! id_loader {
    ($(#[$meta:meta])* $name:ident, $key:ty => $value:ty, $fetch:path) => {
        $(#[$meta])*
        pub struct $name(pub std::sync::Arc<$crate::services::ServiceContext>);

        impl async_graphql::dataloader::Loader<$key> for $name {
            type Value = $value;
            type Error = $crate::graphql::loaders::LoadError;

            async fn load(&self, keys: &[$key]) -> Result<std::collections::HashMap<$key, Self::Value>, Self::Error> {
                $fetch(&self.0, keys).await.map_err(std::sync::Arc::new)
            }
        }
    };
}
pub(crate) use id_loader;

//! DataLoaders: one per relation, created per request (they carry the viewer, so nothing
//! loaded for one viewer can reach another), each doing one query per batch of keys.
//!
//! Each domain module declares its loaders and an `attach` function that adds them to a
//! request; resolvers fetch one with [`loader`].

pub mod actors;
pub mod projects;
pub mod reference;

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::Context;
use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::error::AppError;
use crate::services::ServiceContext;

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
    projects::attach(request, svc)
}

/// A loader that remembers what it loaded for the rest of the request.
pub fn cached<K, T>(loader: T) -> Cached<T>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    DataLoader::with_cache(loader, tokio::spawn, HashMapCache::default())
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

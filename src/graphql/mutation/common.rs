//! Input shapes shared by the mutations of every domain.

use async_graphql::{InputObject, MaybeUndefined};

/// A label in French (required), Arabic and English.
#[derive(Debug, Clone, InputObject)]
pub struct NamesInput {
    /// French (required).
    pub fr: String,
    /// Arabic.
    pub ar: Option<String>,
    /// English.
    pub en: Option<String>,
}

/// A change to a label: an absent language is kept, `null` clears it (French cannot be
/// cleared).
#[derive(Debug, Clone, InputObject)]
pub struct NamesPatch {
    /// French.
    pub fr: Option<String>,
    /// Arabic; `null` clears it.
    #[graphql(default)]
    pub ar: MaybeUndefined<String>,
    /// English; `null` clears it.
    #[graphql(default)]
    pub en: MaybeUndefined<String>,
}

/// A text in up to three languages, each optional.
#[derive(Debug, Clone, Default, InputObject)]
pub struct TextsInput {
    /// French.
    pub fr: Option<String>,
    /// Arabic.
    pub ar: Option<String>,
    /// English.
    pub en: Option<String>,
}

/// A change to a multilingual text: an absent language is kept, `null` clears it.
#[derive(Debug, Clone, InputObject)]
pub struct TextsPatch {
    /// French; `null` clears it.
    #[graphql(default)]
    pub fr: MaybeUndefined<String>,
    /// Arabic; `null` clears it.
    #[graphql(default)]
    pub ar: MaybeUndefined<String>,
    /// English; `null` clears it.
    #[graphql(default)]
    pub en: MaybeUndefined<String>,
}

/// Identifies a record to archive or restore, at the version the client last read.
#[derive(Debug, Clone, InputObject)]
pub struct ArchiveInput {
    /// The record's ID.
    pub id: async_graphql::ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
}

/// `MaybeUndefined` as the services' patch convention: `None` keeps, `Some(None)` clears.
pub fn patch<T>(value: MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(v)),
    }
}

/// Like [`patch`], converting the value.
pub fn patch_map<T, U>(value: MaybeUndefined<T>, f: impl FnOnce(T) -> U) -> Option<Option<U>> {
    patch(value).map(|v| v.map(f))
}

/// Like [`patch_map`] with a fallible conversion (decoding an ID …).
pub fn patch_try<T, U>(
    value: MaybeUndefined<T>,
    f: impl FnOnce(T) -> crate::error::AppResult<U>,
) -> crate::error::AppResult<Option<Option<U>>> {
    Ok(match patch(value) {
        None => None,
        Some(None) => Some(None),
        Some(Some(v)) => Some(Some(f(v)?)),
    })
}

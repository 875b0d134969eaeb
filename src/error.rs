//! One error type for the whole application.
//!
//! Every failure a client can see is an [`AppError`]; its variant decides the GraphQL
//! `extensions.code`. Internal failures (database, I/O, bugs) are logged with an `errorId`
//! and reach the client only as `INTERNAL` with that id — never with their text.

use async_graphql::{ErrorExtensions, Value};

/// The error codes of the API (`extensions.code`), as documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    BadUserInput,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadUserInput => "BAD_USER_INPUT",
            Self::Unauthenticated => "UNAUTHENTICATED",
            Self::Forbidden => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::Conflict => "CONFLICT",
            Self::RateLimited => "RATE_LIMITED",
            Self::ServiceUnavailable => "SERVICE_UNAVAILABLE",
            Self::Internal => "INTERNAL",
        }
    }
}

/// Deliberately not `Display`: async-graphql converts any `Display` type into an error that
/// carries its text, so `?` on an `AppError` goes through our own `From` impl below instead,
/// which sets `extensions.code` and masks internal detail.
#[derive(Debug, Clone)]
pub enum AppError {
    /// The input is wrong; `field` is the input path at fault (`input.title`, `first`).
    BadUserInput {
        field: String,
        message: String,
    },
    Unauthenticated(String),
    Forbidden(String),
    NotFound(String),
    Conflict {
        message: String,
        /// Extra keys (`currentVersion`, `remaining`) added to `extensions`.
        details: Vec<(&'static str, Value)>,
    },
    RateLimited,
    ServiceUnavailable,
    /// Anything unexpected. The text is logged, never sent.
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadUserInput {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        Self::Internal(detail.to_string())
    }

    /// The full detail, for logs and command-line messages (never for clients).
    pub fn detail(&self) -> String {
        match self {
            Self::Internal(detail) => detail.clone(),
            other => other.message(),
        }
    }

    /// The message sent to the client (internal detail is never part of it).
    pub fn message(&self) -> String {
        match self {
            Self::BadUserInput { message, .. } | Self::Conflict { message, .. } => message.clone(),
            Self::Unauthenticated(reason) => format!("authentication failed: {reason}"),
            Self::Forbidden(message) | Self::NotFound(message) => message.clone(),
            Self::RateLimited => "too many requests; retry later".to_owned(),
            Self::ServiceUnavailable => "the database is unavailable; retry later".to_owned(),
            Self::Internal(_) => "internal error".to_owned(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadUserInput { .. } => ErrorCode::BadUserInput,
            Self::Unauthenticated(_) => ErrorCode::Unauthenticated,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict { .. } => ErrorCode::Conflict,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::ServiceUnavailable => ErrorCode::ServiceUnavailable,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// A fresh id for an internal error: logged beside the detail, sent to the client.
pub fn new_error_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// The client-facing error for an internal failure: logs `detail` under a new error id.
pub fn masked_internal(detail: &dyn std::fmt::Display) -> async_graphql::Error {
    let error_id = new_error_id();
    tracing::error!(error_id = %error_id, detail = %detail, "internal error");
    async_graphql::Error::new("internal error").extend_with(|_, e| {
        e.set("code", ErrorCode::Internal.as_str());
        e.set("errorId", error_id.as_str());
    })
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        if is_connection_error(&err) {
            tracing::warn!(error = %err, "database unreachable");
            Self::ServiceUnavailable
        } else {
            Self::Internal(err.to_string())
        }
    }
}

fn is_connection_error(err: &sea_orm::DbErr) -> bool {
    matches!(
        err,
        sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_)
    )
}

impl AppError {
    /// The GraphQL error for this failure.
    pub fn to_graphql(&self) -> async_graphql::Error {
        match self {
            Self::Internal(detail) => masked_internal(detail),
            other => {
                let code = other.code();
                async_graphql::Error::new(other.message()).extend_with(|_, e| {
                    e.set("code", code.as_str());
                    match other {
                        Self::BadUserInput { field, .. } => e.set("field", field.as_str()),
                        Self::Conflict { details, .. } => {
                            for (key, value) in details {
                                e.set(*key, value.clone());
                            }
                        }
                        _ => {}
                    }
                })
            }
        }
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        err.to_graphql()
    }
}

//! Error policy for every GraphQL response: each error leaves with an `extensions.code`.
//!
//! Parse and validation errors are tagged `GRAPHQL_PARSE_FAILED` / `GRAPHQL_VALIDATION_FAILED`;
//! our own errors already carry a code; any other execution error (a `?` on a foreign error
//! type that slipped into a resolver) is logged and masked as `INTERNAL` with an `errorId`, so
//! no database or library text ever reaches a client.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextValidation,
};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{Response, ServerError, ServerResult, ValidationResult, Value, Variables};

use crate::error::{ErrorCode, new_error_id};

pub const PARSE_FAILED: &str = "GRAPHQL_PARSE_FAILED";
pub const VALIDATION_FAILED: &str = "GRAPHQL_VALIDATION_FAILED";

/// Set when a request reaches execution. A response to a request that never did is a
/// request error (HTTP 400 under `application/graphql-response+json`).
#[derive(Debug, Default, Clone)]
pub struct ExecutionStarted(Arc<AtomicBool>);

impl ExecutionStarted {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

pub struct ErrorPolicy;

impl ExtensionFactory for ErrorPolicy {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorPolicyExtension)
    }
}

struct ErrorPolicyExtension;

#[async_trait::async_trait]
impl Extension for ErrorPolicyExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        next.run(ctx, query, variables)
            .await
            .map_err(|e| with_code(e, PARSE_FAILED))
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| with_code(e, VALIDATION_FAILED))
                .collect()
        })
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if let Some(flag) = ctx.data_opt::<ExecutionStarted>() {
            flag.0.store(true, Ordering::Relaxed);
        }
        let mut response = next.run(ctx, operation_name).await;
        for error in &mut response.errors {
            classify_execution_error(error);
        }
        response
    }
}

fn has_code(error: &ServerError) -> bool {
    error
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some())
}

/// Tags `error` with `code` unless it already has one.
pub fn with_code(mut error: ServerError, code: &str) -> ServerError {
    if !has_code(&error) {
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", code);
    }
    error
}

/// Gives a code to an execution error that has none: async-graphql's own messages about
/// argument values are the client's fault; anything else is masked.
fn classify_execution_error(error: &mut ServerError) {
    if has_code(error) {
        return;
    }
    let is_input_error = error.message.starts_with("Invalid value for argument")
        || error.message.starts_with("Failed to parse")
        || error.message.starts_with("Internal error: Failed to parse");
    let extensions = error.extensions.get_or_insert_with(Default::default);
    if is_input_error {
        extensions.set("code", ErrorCode::BadUserInput.as_str());
    } else {
        let error_id = new_error_id();
        tracing::error!(error_id = %error_id, detail = %error.message, path = ?error.path, "unclassified error masked");
        error.message = "internal error".to_owned();
        extensions.set("code", ErrorCode::Internal.as_str());
        extensions.set("errorId", Value::String(error_id));
    }
}

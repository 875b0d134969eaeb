//! Admission: what a request must pass before it is executed, whatever the transport.
//!
//! In order, all before any SQL statement runs: the rate limit of its viewer; the document
//! itself (a trusted document by id, or ad-hoc text where allowed); introspection for this
//! viewer; and the static limits of [`crate::graphql::limits`] (depth, cost, aliases, root
//! fields). The HTTP transport calls it for every operation; a WebSocket transport must call
//! the same [`Gate::admit`] for every `subscribe` message.

use std::collections::HashSet;
use std::time::Duration;

use async_graphql::parser::types::{ExecutableDocument, OperationDefinition, Selection};
use async_graphql::{IntrospectionMode, Positioned, Request};

use super::rate_limit::{RateKey, RateLimiter};
use super::trusted::TrustedDocuments;
use crate::auth::Role;
use crate::config::{EndpointArgs, Introspection, LimitArgs};
use crate::graphql::limits::{QueryAnalyzer, QueryLimits};

/// `extensions.code` of a request refused by the rate limit (HTTP 429).
pub const RATE_LIMITED: &str = "RATE_LIMITED";
/// `extensions.code` of a document id that is not listed (or of any id when no trusted
/// documents are configured) — Apollo clients answer it by sending the full text.
pub const PERSISTED_QUERY_NOT_FOUND: &str = "PERSISTED_QUERY_NOT_FOUND";
/// `extensions.code` of ad-hoc text sent where only trusted documents may run.
pub const TRUSTED_DOCUMENT_REQUIRED: &str = "TRUSTED_DOCUMENT_REQUIRED";
/// `extensions.code` of an introspection query from a viewer who may not introspect.
pub const INTROSPECTION_DISABLED: &str = "INTROSPECTION_DISABLED";
/// `extensions.code` of a request that is malformed as a whole.
pub const BAD_REQUEST: &str = "BAD_REQUEST";

/// Why an operation was refused before execution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Who is asking, as far as admission needs to know (before the viewer is looked up).
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    /// The token's role; `Anonymous` without a token.
    pub role: Role,
}

/// The admission rules of one running hub.
#[derive(Debug)]
pub struct Gate {
    analyzer: QueryAnalyzer,
    limiter: RateLimiter,
    trusted: Option<TrustedDocuments>,
    introspection: Introspection,
    demo: bool,
}

impl Gate {
    /// The gate of a hub with these settings (reads the trusted documents file, if any).
    pub fn new(limits: &LimitArgs, endpoint: &EndpointArgs, demo: bool) -> anyhow::Result<Self> {
        let trusted = endpoint
            .trusted_documents
            .as_deref()
            .map(TrustedDocuments::load)
            .transpose()?;
        if let Some(trusted) = &trusted {
            tracing::info!(documents = trusted.len(), "trusted documents loaded");
        }
        Ok(Self {
            analyzer: QueryAnalyzer::try_new(&crate::graphql::sdl(), QueryLimits::from(limits))
                .map_err(anyhow::Error::msg)?,
            limiter: RateLimiter::new(limits.rate_limit_per_minute, limits.rate_limit_burst),
            trusted,
            introspection: endpoint.introspection,
            demo,
        })
    }

    /// Charges `operations` requests to `key`, or answers how long to wait.
    pub fn rate_limit(&self, key: &RateKey, operations: usize) -> Result<(), Duration> {
        let cost = u32::try_from(operations).unwrap_or(u32::MAX);
        self.limiter.acquire(key, cost)
    }

    /// Whether `caller` may run introspection queries.
    pub fn may_introspect(&self, caller: Caller) -> bool {
        match self.introspection {
            Introspection::On => true,
            Introspection::Off => false,
            Introspection::Auto => self.demo || caller.role != Role::Anonymous,
        }
    }

    /// Makes `request` ready to execute, or refuses it: resolves a trusted document sent by
    /// id (`document_id`, or Apollo's `extensions.persistedQuery.sha256Hash`), refuses
    /// ad-hoc text where only trusted documents may run, and checks introspection and the
    /// static limits. A document that does not parse is left for the executor to report.
    pub fn admit(
        &self,
        request: &mut Request,
        document_id: Option<&str>,
        caller: Caller,
    ) -> Result<(), Refusal> {
        self.resolve_document(request, document_id, caller)?;
        let may_introspect = self.may_introspect(caller);
        if !may_introspect {
            request.introspection_mode = IntrospectionMode::Disabled;
        }
        // Parsed here once and handed to the executor, which then does not parse it again.
        let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
            return Ok(());
        };
        let operation_name = request.operation_name.as_deref();
        if let Some(operation) = select_operation(&document, operation_name)
            && !may_introspect
            && selects_introspection(&document, operation)
        {
            return Err(Refusal::new(
                INTROSPECTION_DISABLED,
                "introspection is available to authenticated viewers; send a token",
            ));
        }
        self.analyzer
            .check(&document, operation_name, &request.variables)
            .map_err(|violation| Refusal::new(violation.code, violation.message))?;
        request.set_parsed_query(document);
        Ok(())
    }

    fn resolve_document(
        &self,
        request: &mut Request,
        document_id: Option<&str>,
        caller: Caller,
    ) -> Result<(), Refusal> {
        let apollo_hash = request
            .extensions
            .get("persistedQuery")
            .and_then(|pq| match pq {
                async_graphql::Value::Object(map) => map.get("sha256Hash"),
                _ => None,
            })
            .and_then(|hash| match hash {
                async_graphql::Value::String(hash) => Some(hash.clone()),
                _ => None,
            });
        let id = document_id.map(str::to_owned).or(apollo_hash);
        match (id, &self.trusted) {
            (Some(_), None) => Err(Refusal::new(
                PERSISTED_QUERY_NOT_FOUND,
                "this server has no trusted documents; send the query text",
            )),
            (Some(id), Some(trusted)) => {
                let Some(document) = trusted.get(&id) else {
                    return Err(Refusal::new(
                        PERSISTED_QUERY_NOT_FOUND,
                        "no trusted document has this id",
                    ));
                };
                if !request.query.is_empty() && request.query != document {
                    return Err(Refusal::new(
                        BAD_REQUEST,
                        "the query text is not the document its id names",
                    ));
                }
                request.query = document.to_owned();
                Ok(())
            }
            (None, Some(trusted))
                if caller.role != Role::Admin && !trusted.contains_text(&request.query) =>
            {
                Err(Refusal::new(
                    TRUSTED_DOCUMENT_REQUIRED,
                    "this server runs only its trusted documents: send a `documentId`",
                ))
            }
            (None, _) => Ok(()),
        }
    }
}

/// The operation a request runs: the one named, or the only one.
pub fn select_operation<'d>(
    document: &'d ExecutableDocument,
    operation_name: Option<&str>,
) -> Option<&'d Positioned<OperationDefinition>> {
    let mut operations = document.operations.iter();
    match operation_name {
        Some(name) => operations
            .find(|(op_name, _)| op_name.map(|n| n.as_str()) == Some(name))
            .map(|(_, op)| op),
        None => {
            let first = operations.next()?;
            operations.next().is_none().then_some(first.1)
        }
    }
}

/// Whether the operation selects `__schema` or `__type` at its root (where they live),
/// through fragments too.
fn selects_introspection(
    document: &ExecutableDocument,
    operation: &Positioned<OperationDefinition>,
) -> bool {
    let mut pending = vec![&operation.node.selection_set.node];
    let mut seen_fragments = HashSet::new();
    while let Some(set) = pending.pop() {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    if matches!(field.node.name.node.as_str(), "__schema" | "__type") {
                        return true;
                    }
                }
                Selection::InlineFragment(fragment) => {
                    pending.push(&fragment.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => {
                    let name = &spread.node.fragment_name.node;
                    if seen_fragments.insert(name.clone())
                        && let Some(fragment) = document.fragments.get(name)
                    {
                        pending.push(&fragment.node.selection_set.node);
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(endpoint: EndpointArgs, demo: bool) -> Gate {
        Gate::new(&LimitArgs::default(), &endpoint, demo).unwrap()
    }

    fn anonymous() -> Caller {
        Caller {
            role: Role::Anonymous,
        }
    }

    #[test]
    fn introspection_follows_the_setting() {
        let officer = Caller {
            role: Role::Officer,
        };
        let auto = gate(EndpointArgs::default(), false);
        assert!(!auto.may_introspect(anonymous()));
        assert!(auto.may_introspect(officer));
        assert!(gate(EndpointArgs::default(), true).may_introspect(anonymous()));
        let off = EndpointArgs {
            introspection: Introspection::Off,
            ..EndpointArgs::default()
        };
        assert!(!gate(off, true).may_introspect(officer));
        let on = EndpointArgs {
            introspection: Introspection::On,
            ..EndpointArgs::default()
        };
        assert!(gate(on, false).may_introspect(anonymous()));
    }

    #[test]
    fn introspection_is_found_through_fragments() {
        let auto = gate(EndpointArgs::default(), false);
        for query in [
            "{ __schema { queryType { name } } }",
            "query Q { ...F } fragment F on Query { ... on Query { __type(name: \"Actor\") { name } } }",
        ] {
            let mut request = Request::new(query);
            let refusal = auto.admit(&mut request, None, anonymous()).unwrap_err();
            assert_eq!(refusal.code, INTROSPECTION_DISABLED, "{query}");
        }
        let mut typename = Request::new("{ __typename }");
        assert!(auto.admit(&mut typename, None, anonymous()).is_ok());
        // A fragment cycle does not loop (the executor reports the cycle).
        let mut cycle = Request::new("{ ...A } fragment A on Query { ...A }");
        assert!(auto.admit(&mut cycle, None, anonymous()).is_ok());
    }

    #[test]
    fn ids_need_a_list_and_the_list_refuses_ad_hoc_text() {
        let query = "{ __typename }";
        let id = super::super::trusted::document_id(query);
        let none = gate(EndpointArgs::default(), false);
        let mut request = Request::new("");
        let refusal = none
            .admit(&mut request, Some(&id), anonymous())
            .unwrap_err();
        assert_eq!(refusal.code, PERSISTED_QUERY_NOT_FOUND);

        let dir = tempfile_dir();
        let file = dir.join("trusted.json");
        std::fs::write(&file, serde_json::json!({ &id: query }).to_string()).unwrap();
        let listed = gate(
            EndpointArgs {
                trusted_documents: Some(file),
                ..EndpointArgs::default()
            },
            false,
        );
        let mut by_id = Request::new("");
        listed.admit(&mut by_id, Some(&id), anonymous()).unwrap();
        assert_eq!(by_id.query, query);
        let mut as_text = Request::new(query);
        assert!(listed.admit(&mut as_text, None, anonymous()).is_ok());
        let mut ad_hoc = Request::new("{ __typename __typename }");
        let refusal = listed.admit(&mut ad_hoc, None, anonymous()).unwrap_err();
        assert_eq!(refusal.code, TRUSTED_DOCUMENT_REQUIRED);
        let mut by_admin = Request::new("{ __typename __typename }");
        let admin = Caller { role: Role::Admin };
        assert!(listed.admit(&mut by_admin, None, admin).is_ok());
        let mut mismatch = Request::new("{ __typename __typename }");
        let refusal = listed
            .admit(&mut mismatch, Some(&id), anonymous())
            .unwrap_err();
        assert_eq!(refusal.code, BAD_REQUEST);
        let _ = std::fs::remove_dir_all(dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "partner-hub-admission-{}-{}",
            std::process::id(),
            crate::error::new_error_id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

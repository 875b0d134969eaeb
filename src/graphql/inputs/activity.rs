use async_graphql::{ID, InputObject};

use crate::domain::vocabulary::ActivityKind;
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::DateTime;
use crate::services::activity as service;

/// Which activity entries to list. Every criterion given narrows the list; `kinds` matches
/// any of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ActivityFilter {
    /// Only entries of these kinds.
    pub kinds: Option<Vec<ActivityKind>>,
    /// Only entries recorded at or after this instant.
    pub since: Option<DateTime>,
    /// Only entries concerning this actor (an actor ID).
    pub actor: Option<ID>,
    /// Only entries concerning this territory (ISO 3166-2 code) or any territory below it.
    pub territory: Option<String>,
    /// Only entries concerning this consular circumscription (`FES`).
    pub circumscription: Option<String>,
}

impl ActivityFilter {
    /// The service filter; a malformed actor ID is refused (`filter.actor`).
    pub fn into_service(self) -> AppResult<service::ActivityFilter> {
        let actor_id = self
            .actor
            .map(|id| GlobalId::decode_as(&id, NodeKind::Actor, "filter.actor"))
            .transpose()?;
        Ok(service::ActivityFilter {
            kinds: self.kinds.unwrap_or_default(),
            since: self.since.map(|t| t.0),
            actor_id,
            territory: self.territory,
            circumscription: self.circumscription,
        })
    }
}

use async_graphql::{Enum, ID, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{EventKind, EventRole};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::DateTime;
use crate::services::events as service;

/// Which events to list. Every criterion given narrows the list; a list criterion matches any
/// of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct EventFilter {
    /// Only these kinds.
    pub kinds: Option<Vec<EventKind>>,
    /// Only events held in this territory (ISO 3166-2 code) or anywhere below it.
    pub territory: Option<String>,
    /// Only events of this consular circumscription (`FES`).
    pub circumscription: Option<String>,
    /// Only events this actor (global ID) takes part in.
    pub actor: Option<ID>,
    /// Only events with a participant in this role (with `actor`, that actor's role).
    pub role: Option<EventRole>,
    /// Only events of this project (global ID).
    pub project: Option<ID>,
    /// Only events starting at or after this instant (RFC 3339, e.g.
    /// `2025-01-01T00:00:00Z`).
    pub starts_after: Option<DateTime>,
    /// Only events starting at or before this instant (RFC 3339).
    pub starts_before: Option<DateTime>,
    /// Titles containing this text, ignoring case and accents, in French or Arabic.
    pub search: Option<String>,
    /// Include archived events (default: false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl EventFilter {
    /// The service's filter; an ID of the wrong kind is the field at fault.
    pub fn into_service(self) -> AppResult<service::EventFilter> {
        let actor = match &self.actor {
            Some(id) => Some(GlobalId::decode_as(id, NodeKind::Actor, "filter.actor")?),
            None => None,
        };
        let project = match &self.project {
            Some(id) => Some(GlobalId::decode_as(
                id,
                NodeKind::Project,
                "filter.project",
            )?),
            None => None,
        };
        Ok(service::EventFilter {
            kinds: self.kinds.unwrap_or_default(),
            territory: self.territory,
            circumscription: self.circumscription,
            actor,
            role: self.role,
            project,
            starts_after: self.starts_after.map(|t| t.0),
            starts_before: self.starts_before.map(|t| t.0),
            search: self.search,
            include_archived: self.include_archived,
        })
    }
}

/// What events can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum EventOrderField {
    /// When the event starts.
    #[default]
    StartsAt,
    /// The French title, ignoring case and accents.
    Title,
    /// When the event was recorded.
    CreatedAt,
}

/// How to order events. Without `orderBy`, events come latest first (`STARTS_AT`, `DESC`).
#[derive(Debug, Clone, Copy, InputObject)]
pub struct EventOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: EventOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl Default for EventOrder {
    /// Latest first: what a calendar of past and coming events is usually read as.
    fn default() -> Self {
        Self {
            field: EventOrderField::StartsAt,
            direction: OrderDirection::Desc,
        }
    }
}

impl From<EventOrder> for service::EventOrder {
    fn from(o: EventOrder) -> Self {
        Self {
            field: match o.field {
                EventOrderField::StartsAt => service::EventOrderField::StartsAt,
                EventOrderField::Title => service::EventOrderField::Title,
                EventOrderField::CreatedAt => service::EventOrderField::CreatedAt,
            },
            descending: o.direction == OrderDirection::Desc,
        }
    }
}

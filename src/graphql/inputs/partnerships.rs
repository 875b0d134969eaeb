use async_graphql::{Enum, ID, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{PartnershipKind, PartnershipStatus, Theme};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::partnerships as service;

/// Which partnerships to list. Every criterion given narrows the list; a list criterion
/// matches any of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct PartnershipFilter {
    /// Only these kinds.
    pub kinds: Option<Vec<PartnershipKind>>,
    /// Only these statuses.
    pub statuses: Option<Vec<PartnershipStatus>>,
    /// Only partnerships on any of these themes.
    pub themes: Option<Vec<Theme>>,
    /// Only partnerships with a member seated in this territory (ISO 3166-2 code) or anywhere
    /// below it: a region's code finds the partnerships of its provinces' communes.
    pub territory: Option<String>,
    /// Only partnerships of this consular circumscription (`FES`), derived from the members'
    /// seats.
    pub circumscription: Option<String>,
    /// Only partnerships this actor (global ID) is a member of.
    pub actor: Option<ID>,
    /// Only partnerships in force on this day: valid from it or earlier, and not ended
    /// before it (undated starts never match).
    pub active_on: Option<Date>,
    /// Only partnerships valid from this day or later.
    pub starts_after: Option<Date>,
    /// Only partnerships valid from this day or earlier.
    pub starts_before: Option<Date>,
    /// Titles containing this text, ignoring case and accents, in French or Arabic.
    pub search: Option<String>,
    /// Include archived partnerships (default: false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl PartnershipFilter {
    /// The service's filter; an ID that names no actor is the field at fault.
    pub fn into_service(self) -> AppResult<service::PartnershipFilter> {
        let actor = match &self.actor {
            Some(id) => Some(GlobalId::decode_as(id, NodeKind::Actor, "filter.actor")?),
            None => None,
        };
        Ok(service::PartnershipFilter {
            kinds: self.kinds.unwrap_or_default(),
            statuses: self.statuses.unwrap_or_default(),
            themes: self.themes.unwrap_or_default(),
            territory: self.territory,
            circumscription: self.circumscription,
            actor,
            active_on: self.active_on.map(|d| d.0),
            starts_after: self.starts_after.map(|d| d.0),
            starts_before: self.starts_before.map(|d| d.0),
            search: self.search,
            include_archived: self.include_archived,
        })
    }
}

/// What partnerships can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum PartnershipOrderField {
    /// The French title, ignoring case and accents.
    #[default]
    Title,
    /// The start of validity (undated partnerships first when ascending).
    ValidFrom,
    /// When the partnership was recorded.
    CreatedAt,
}

/// How to order partnerships.
#[derive(Debug, Clone, Copy, Default, InputObject)]
pub struct PartnershipOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: PartnershipOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl From<PartnershipOrder> for service::PartnershipOrder {
    fn from(o: PartnershipOrder) -> Self {
        Self {
            field: match o.field {
                PartnershipOrderField::Title => service::PartnershipOrderField::Title,
                PartnershipOrderField::ValidFrom => service::PartnershipOrderField::ValidFrom,
                PartnershipOrderField::CreatedAt => service::PartnershipOrderField::CreatedAt,
            },
            descending: o.direction == OrderDirection::Desc,
        }
    }
}

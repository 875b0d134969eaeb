use async_graphql::{Enum, ID, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{ExchangeKind, ExchangePartySide, Instrument, Theme};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::exchanges as service;

/// Which way expertise went for an actor in an exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Enum)]
pub enum ExchangeDirection {
    /// The actor provided the expertise (sent the expert, hosted the visit or the training).
    Provided,
    /// The actor received the expertise.
    Received,
}

impl From<ExchangeDirection> for ExchangePartySide {
    fn from(d: ExchangeDirection) -> Self {
        match d {
            ExchangeDirection::Provided => Self::Provider,
            ExchangeDirection::Received => Self::Beneficiary,
        }
    }
}

/// Which exchanges to list. Every criterion given narrows the list; a list criterion matches
/// any of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ExchangeFilter {
    /// Only these kinds.
    pub kinds: Option<Vec<ExchangeKind>>,
    /// Only these instruments.
    pub instruments: Option<Vec<Instrument>>,
    /// Only exchanges on any of these themes.
    pub themes: Option<Vec<Theme>>,
    /// Only exchanges in any of these DAC 5-digit sectors (`15112`).
    pub dac_codes: Option<Vec<String>>,
    /// Only exchanges with a beneficiary seated in this territory (ISO 3166-2 code) or
    /// anywhere below it.
    pub territory: Option<String>,
    /// Only exchanges of this consular circumscription (`FES`), derived from the Moroccan
    /// beneficiaries' seats.
    pub circumscription: Option<String>,
    /// Only exchanges this actor (global ID) took part in.
    pub actor: Option<ID>,
    /// Only exchanges with a party in this direction (with `actor`, that actor's direction).
    pub direction: Option<ExchangeDirection>,
    /// Only exchanges of this project (global ID).
    pub project: Option<ID>,
    /// Only exchanges starting on or after this day.
    pub starts_after: Option<Date>,
    /// Only exchanges starting on or before this day.
    pub starts_before: Option<Date>,
    /// Titles containing this text, ignoring case and accents, in French or Arabic.
    pub search: Option<String>,
    /// Include archived exchanges (default: false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl ExchangeFilter {
    /// The service's filter; an ID of the wrong kind is the field at fault.
    pub fn into_service(self) -> AppResult<service::ExchangeFilter> {
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
        Ok(service::ExchangeFilter {
            kinds: self.kinds.unwrap_or_default(),
            instruments: self.instruments.unwrap_or_default(),
            themes: self.themes.unwrap_or_default(),
            dac_codes: self.dac_codes.unwrap_or_default(),
            territory: self.territory,
            circumscription: self.circumscription,
            actor,
            side: self.direction.map(ExchangePartySide::from),
            project,
            starts_after: self.starts_after.map(|d| d.0),
            starts_before: self.starts_before.map(|d| d.0),
            search: self.search,
            include_archived: self.include_archived,
        })
    }
}

/// What exchanges can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum ExchangeOrderField {
    /// The start date (undated exchanges first when ascending).
    #[default]
    StartsOn,
    /// The French title, ignoring case and accents.
    Title,
    /// When the exchange was recorded.
    CreatedAt,
}

/// How to order exchanges. Without `orderBy`, exchanges come latest first (`STARTS_ON`,
/// `DESC`, undated last).
#[derive(Debug, Clone, Copy, InputObject)]
pub struct ExchangeOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: ExchangeOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl Default for ExchangeOrder {
    /// Latest first, as for events; undated exchanges then come last.
    fn default() -> Self {
        Self {
            field: ExchangeOrderField::StartsOn,
            direction: OrderDirection::Desc,
        }
    }
}

impl From<ExchangeOrder> for service::ExchangeOrder {
    fn from(o: ExchangeOrder) -> Self {
        Self {
            field: match o.field {
                ExchangeOrderField::StartsOn => service::ExchangeOrderField::StartsOn,
                ExchangeOrderField::Title => service::ExchangeOrderField::Title,
                ExchangeOrderField::CreatedAt => service::ExchangeOrderField::CreatedAt,
            },
            descending: o.direction == OrderDirection::Desc,
        }
    }
}

use async_graphql::{Enum, ID, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{Instrument, Theme};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::calls as service;

/// Which calls for proposals to list. Every criterion given narrows the list; a list criterion
/// matches any of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct CallFilter {
    /// Only calls financed by these instruments.
    pub instruments: Option<Vec<Instrument>>,
    /// Only calls about any of these themes.
    pub themes: Option<Vec<Theme>>,
    /// Only calls of these years.
    pub years: Option<Vec<i32>>,
    /// Only calls of this year or later.
    pub year_from: Option<i32>,
    /// Only calls of this year or earlier.
    pub year_to: Option<i32>,
    /// Only the calls of this fund (a `Fund` ID).
    pub fund: Option<ID>,
    /// Only calls open on this day: opened on or before it and not closed before it (calls
    /// without an opening date are left out).
    pub open_on: Option<Date>,
    /// Titles containing this text, ignoring case and accents.
    pub search: Option<String>,
}

impl CallFilter {
    /// The service filter; a malformed fund ID is refused (`filter.fund`).
    pub fn into_service(self) -> AppResult<service::CallFilter> {
        let fund_id = self
            .fund
            .map(|id| GlobalId::decode_as(&id, NodeKind::Fund, "filter.fund"))
            .transpose()?;
        Ok(service::CallFilter {
            instruments: self.instruments.unwrap_or_default(),
            themes: self.themes.unwrap_or_default(),
            years: self.years.unwrap_or_default(),
            year_from: self.year_from,
            year_to: self.year_to,
            fund_id,
            open_on: self.open_on.map(|d| d.0),
            search: self.search,
        })
    }
}

/// What calls can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum CallOrderField {
    /// The year of the call (latest first unless told otherwise).
    #[default]
    Year,
    /// The French title, ignoring case and accents (A → Z unless told otherwise).
    Title,
    /// When the call was recorded (newest first unless told otherwise).
    CreatedAt,
}

/// How to order calls for proposals (default: latest year first).
#[derive(Debug, Clone, Copy, Default, InputObject)]
pub struct CallOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: CallOrderField,
    /// The direction; by default the field's natural one: descending for YEAR and
    /// CREATED_AT (latest first), ascending for TITLE.
    pub direction: Option<OrderDirection>,
}

impl From<CallOrder> for service::CallOrder {
    fn from(o: CallOrder) -> Self {
        let (field, natural) = match o.field {
            CallOrderField::Year => (service::CallOrderField::Year, OrderDirection::Desc),
            CallOrderField::Title => (service::CallOrderField::Title, OrderDirection::Asc),
            CallOrderField::CreatedAt => (service::CallOrderField::CreatedAt, OrderDirection::Desc),
        };
        Self {
            field,
            descending: o.direction.unwrap_or(natural) == OrderDirection::Desc,
        }
    }
}

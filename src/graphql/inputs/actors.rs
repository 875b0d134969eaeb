use async_graphql::{Enum, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{ActorKind, Country, Theme};
use crate::services::actors as service;

/// Which actors to list. Every criterion given narrows the list; a list criterion matches any
/// of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ActorFilter {
    /// Only these kinds.
    pub kinds: Option<Vec<ActorKind>>,
    /// Only from these countries.
    pub countries: Option<Vec<Country>>,
    /// Only actors seated in this territory (ISO 3166-2 code) or anywhere below it.
    pub territory: Option<String>,
    /// Only actors of this consular circumscription (`FES`).
    pub circumscription: Option<String>,
    /// Only actors working on any of these themes.
    pub themes: Option<Vec<Theme>>,
    /// Names, acronyms and former names containing this text, ignoring case and accents, in
    /// French or Arabic (Arabic spelling variants — hamza, tashkeel, tatweel — ignored too).
    pub search: Option<String>,
    /// Include archived actors (default: false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl From<ActorFilter> for service::ActorFilter {
    fn from(f: ActorFilter) -> Self {
        Self {
            kinds: f.kinds.unwrap_or_default(),
            countries: f.countries.unwrap_or_default(),
            territory: f.territory,
            circumscription: f.circumscription,
            themes: f.themes.unwrap_or_default(),
            search: f.search,
            include_archived: f.include_archived,
        }
    }
}

/// What actors can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum ActorOrderField {
    /// The French name, ignoring case and accents.
    #[default]
    Name,
    /// When the actor was added.
    CreatedAt,
    /// When the actor last changed.
    UpdatedAt,
}

/// How to order actors.
#[derive(Debug, Clone, Copy, Default, InputObject)]
pub struct ActorOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: ActorOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl From<ActorOrder> for service::ActorOrder {
    fn from(o: ActorOrder) -> Self {
        Self {
            field: match o.field {
                ActorOrderField::Name => service::ActorOrderField::Name,
                ActorOrderField::CreatedAt => service::ActorOrderField::CreatedAt,
                ActorOrderField::UpdatedAt => service::ActorOrderField::UpdatedAt,
            },
            descending: o.direction == OrderDirection::Desc,
        }
    }
}

use async_graphql::{Enum, ID, InputObject};

use super::OrderDirection;
use crate::domain::vocabulary::{
    ActivityStatus, FundingSource, Instrument, ParticipantRole, Pillar, ProjectOrigin, Theme,
};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::projects as service;

/// Which projects to list. Every criterion given narrows the list; a list criterion matches
/// any of its values.
#[derive(Debug, Clone, Default, InputObject)]
pub struct ProjectFilter {
    /// Only these pillars.
    pub pillars: Option<Vec<Pillar>>,
    /// Only these instruments.
    pub instruments: Option<Vec<Instrument>>,
    /// Only these funding sources.
    pub funding_sources: Option<Vec<FundingSource>>,
    /// Only these IATI statuses.
    pub statuses: Option<Vec<ActivityStatus>>,
    /// Only projects working on any of these themes.
    pub themes: Option<Vec<Theme>>,
    /// Only projects in any of these DAC 5-digit sectors (`15112`).
    pub dac_sectors: Option<Vec<String>>,
    /// Only projects contributing to any of these SDGs (1–17).
    pub sdg_goals: Option<Vec<i32>>,
    /// Only projects located in this territory (ISO 3166-2 code) or anywhere below it.
    pub territory: Option<String>,
    /// Only projects of this consular circumscription (`FES`).
    pub circumscription: Option<String>,
    /// Only projects this actor (global ID) takes part in.
    pub actor: Option<ID>,
    /// Only participations in this role (with `actor`, that actor's role).
    pub role: Option<ParticipantRole>,
    /// Only projects running on this day (started — actually, else as planned — and not ended).
    pub active_on: Option<Date>,
    /// Only projects starting on or after this day.
    pub starts_after: Option<Date>,
    /// Only projects starting on or before this day.
    pub starts_before: Option<Date>,
    /// Only the pole's own (OWN) or other donors' (EXTERNAL) projects.
    pub origin: Option<ProjectOrigin>,
    /// Titles containing this text, ignoring case and accents, in French or Arabic.
    pub search: Option<String>,
    /// Include archived projects (default: false).
    #[graphql(default)]
    pub include_archived: bool,
}

impl ProjectFilter {
    /// The service's filter; an ID that names no actor is the field at fault.
    pub fn into_service(self) -> AppResult<service::ProjectFilter> {
        let actor = match &self.actor {
            Some(id) => Some(GlobalId::decode_as(id, NodeKind::Actor, "filter.actor")?),
            None => None,
        };
        Ok(service::ProjectFilter {
            pillars: self.pillars.unwrap_or_default(),
            instruments: self.instruments.unwrap_or_default(),
            funding_sources: self.funding_sources.unwrap_or_default(),
            statuses: self.statuses.unwrap_or_default(),
            themes: self.themes.unwrap_or_default(),
            dac_sectors: self.dac_sectors.unwrap_or_default(),
            sdg_goals: self.sdg_goals.unwrap_or_default(),
            territory: self.territory,
            circumscription: self.circumscription,
            actor,
            role: self.role,
            active_on: self.active_on.map(|d| d.0),
            starts_after: self.starts_after.map(|d| d.0),
            starts_before: self.starts_before.map(|d| d.0),
            origin: self.origin,
            search: self.search,
            include_archived: self.include_archived,
        })
    }
}

/// What projects can be ordered by. Ties are broken by id, so the order is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum ProjectOrderField {
    /// The French title, ignoring case and accents.
    #[default]
    Title,
    /// The planned start date (undated projects first when ascending).
    PlannedStart,
    /// When the project was added.
    CreatedAt,
    /// When the project last changed.
    UpdatedAt,
}

/// How to order projects.
#[derive(Debug, Clone, Copy, Default, InputObject)]
pub struct ProjectOrder {
    /// The field to order by.
    #[graphql(default)]
    pub field: ProjectOrderField,
    /// The direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

impl From<ProjectOrder> for service::ProjectOrder {
    fn from(o: ProjectOrder) -> Self {
        Self {
            field: match o.field {
                ProjectOrderField::Title => service::ProjectOrderField::Title,
                ProjectOrderField::PlannedStart => service::ProjectOrderField::PlannedStart,
                ProjectOrderField::CreatedAt => service::ProjectOrderField::CreatedAt,
                ProjectOrderField::UpdatedAt => service::ProjectOrderField::UpdatedAt,
            },
            descending: o.direction == OrderDirection::Desc,
        }
    }
}

//! sea-orm entities: storage only, one module per table, mirroring the `migration` crate
//! exactly (that crate never imports these; `tests.rs` checks that both agree on SQLite and
//! PostgreSQL). GraphQL types are separate structs built from these models.
//!
//! Conventions:
//! - ids are `i64` (`BIGINT`); nullable columns are `Option<_>`; `DATE` is `chrono::NaiveDate`,
//!   instants are `DateTimeUtc` (`chrono::DateTime<chrono::Utc>`).
//! - enumerations are the [`crate::domain::vocabulary`] enums (stored as their GraphQL value);
//!   filter with them directly: `actor::Column::Kind.eq(ActorKind::Association)` or
//!   `.is_in([ActorKind::Ministry, ActorKind::NationalInstitution])`.
//! - every foreign key has a `belongs_to` relation; `Related` is implemented only where it is
//!   unambiguous (one foreign key to that table). Where a table points twice at the same one
//!   (`actors.seat_territory_id` / `governed_territory_id`, transaction provider / receiver),
//!   join through the named relation: `actor::Relation::SeatTerritory.def()`.
//! - link tables keyed by both ends have composite primary keys (`actor_themes`,
//!   `project_locations` …); those with a role (`project_participants` …) have an `id`.

pub mod activity;
pub mod activity_actor;
pub mod activity_circumscription;
pub mod activity_counter;
pub mod activity_territory;
pub mod actor;
pub mod actor_theme;
pub mod agreement;
pub mod application;
pub mod application_applicant;
pub mod budget_line;
pub mod call;
pub mod call_theme;
pub mod circumscription;
pub mod circumscription_coverage;
pub mod contact_point;
pub mod event;
pub mod event_attendee;
pub mod event_participant;
pub mod exchange;
pub mod exchange_participant;
pub mod exchange_party;
pub mod fund;
pub mod fund_allocation;
pub mod fund_contribution;
pub mod idempotency_key;
pub mod partnership;
pub mod partnership_member;
pub mod partnership_project;
pub mod partnership_theme;
pub mod person;
pub mod project;
pub mod project_location;
pub mod project_participant;
pub mod project_sdg;
pub mod project_sector;
pub mod project_theme;
pub mod project_transaction;
pub mod record_circumscription;
pub mod territory;

/// `Entity` of every table under its singular name: `use crate::entities::prelude::*;` then
/// `Actor::find()`, `Territory::find_by_id(id)`.
pub mod prelude {
    pub use super::activity::Entity as Activity;
    pub use super::activity_actor::Entity as ActivityActor;
    pub use super::activity_circumscription::Entity as ActivityCircumscription;
    pub use super::activity_counter::Entity as ActivityCounter;
    pub use super::activity_territory::Entity as ActivityTerritory;
    pub use super::actor::Entity as Actor;
    pub use super::actor_theme::Entity as ActorTheme;
    pub use super::agreement::Entity as Agreement;
    pub use super::application::Entity as Application;
    pub use super::application_applicant::Entity as ApplicationApplicant;
    pub use super::budget_line::Entity as BudgetLine;
    pub use super::call::Entity as Call;
    pub use super::call_theme::Entity as CallTheme;
    pub use super::circumscription::Entity as Circumscription;
    pub use super::circumscription_coverage::Entity as CircumscriptionCoverage;
    pub use super::contact_point::Entity as ContactPoint;
    pub use super::event::Entity as Event;
    pub use super::event_attendee::Entity as EventAttendee;
    pub use super::event_participant::Entity as EventParticipant;
    pub use super::exchange::Entity as Exchange;
    pub use super::exchange_participant::Entity as ExchangeParticipant;
    pub use super::exchange_party::Entity as ExchangeParty;
    pub use super::fund::Entity as Fund;
    pub use super::fund_allocation::Entity as FundAllocation;
    pub use super::fund_contribution::Entity as FundContribution;
    pub use super::idempotency_key::Entity as IdempotencyKey;
    pub use super::partnership::Entity as Partnership;
    pub use super::partnership_member::Entity as PartnershipMember;
    pub use super::partnership_project::Entity as PartnershipProject;
    pub use super::partnership_theme::Entity as PartnershipTheme;
    pub use super::person::Entity as Person;
    pub use super::project::Entity as Project;
    pub use super::project_location::Entity as ProjectLocation;
    pub use super::project_participant::Entity as ProjectParticipant;
    pub use super::project_sdg::Entity as ProjectSdg;
    pub use super::project_sector::Entity as ProjectSector;
    pub use super::project_theme::Entity as ProjectTheme;
    pub use super::project_transaction::Entity as ProjectTransaction;
    pub use super::record_circumscription::Entity as RecordCircumscription;
    pub use super::territory::Entity as Territory;
}

#[cfg(test)]
mod tests;

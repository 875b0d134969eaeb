//! The input objects of the project mutations (converted in [`super::convert`]).

use async_graphql::{ID, InputObject, MaybeUndefined};

use super::super::common::{NamesInput, NamesPatch, TextsInput, TextsPatch};
use crate::domain::vocabulary::{
    ActivityStatus, BudgetKind, Currency, FundingSource, Instrument, ParticipantRole, Pillar,
    ProjectOrigin, Sensitivity, Theme, TransactionKind,
};
use crate::graphql::types::common::Date;

/// A new project (an IATI activity) with its participants, locations, sectors, tags, budget
/// and transactions.
#[derive(Debug, Clone, InputObject)]
pub struct CreateProjectInput {
    /// Makes the create safe to retry: the same key with the same input answers the project
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The IATI activity identifier; no two projects share one.
    pub iati_identifier: Option<String>,
    /// The title (French required).
    pub title: NamesInput,
    /// Description.
    pub description: Option<TextsInput>,
    /// The pole's pillar.
    pub pillar: Pillar,
    /// How the project is financed or carried out.
    pub instrument: Instrument,
    /// Where the money comes from.
    pub funding_source: FundingSource,
    /// The IATI activity status (default PIPELINE).
    pub status: Option<ActivityStatus>,
    /// Planned start date.
    pub planned_start: Option<Date>,
    /// Planned end date (not before the planned start).
    pub planned_end: Option<Date>,
    /// Actual start date.
    pub actual_start: Option<Date>,
    /// Actual end date (not before the actual start).
    pub actual_end: Option<Date>,
    /// OWN (default) or EXTERNAL (another donor's, monitored).
    pub origin: Option<ProjectOrigin>,
    /// Who may see the project (default INTERNAL).
    pub sensitivity: Option<Sensitivity>,
    /// Approved for open-data export (PUBLIC projects only).
    #[graphql(default)]
    pub publishable: bool,
    /// The actors taking part, with their roles (an actor at most once per role).
    #[graphql(default)]
    pub participants: Vec<ProjectParticipantInput>,
    /// Territory codes where the project takes place (`MA-04`, `MA-RAB`); they decide its
    /// circumscriptions.
    #[graphql(default)]
    pub locations: Vec<String>,
    /// DAC 5-digit sectors; percentages all given (summing to 100) or all left out (split
    /// evenly).
    #[graphql(default)]
    pub sectors: Vec<ProjectSectorInput>,
    /// The pole's themes.
    #[graphql(default)]
    pub themes: Vec<Theme>,
    /// SDG goals, 1–17.
    #[graphql(default)]
    pub sdg_goals: Vec<i32>,
    /// SDG targets (`16.6`, `5.a`).
    #[graphql(default)]
    pub sdg_targets: Vec<String>,
    /// Budget lines.
    #[graphql(default)]
    pub budget_lines: Vec<BudgetLineInput>,
    /// Financial transactions.
    #[graphql(default)]
    pub transactions: Vec<ProjectTransactionInput>,
}

/// An actor taking part in a project, in a role.
#[derive(Debug, Clone, InputObject)]
pub struct ProjectParticipantInput {
    /// The actor.
    pub actor: ID,
    /// Its role.
    pub role: ParticipantRole,
}

/// A DAC 5-digit purpose code with its share of the project.
#[derive(Debug, Clone, InputObject)]
pub struct ProjectSectorInput {
    /// The OECD DAC 5-digit purpose code (`15112`).
    pub dac_code: String,
    /// The share in percent, as a decimal string (`"33.33"`); leave it out on every sector
    /// to split evenly.
    pub percentage: Option<String>,
}

/// A budget line: an amount planned for a period.
#[derive(Debug, Clone, InputObject)]
pub struct BudgetLineInput {
    /// ORIGINAL or REVISED.
    pub kind: BudgetKind,
    /// Start of the period.
    pub period_start: Date,
    /// End of the period (not before its start).
    pub period_end: Date,
    /// The date the amount is valued at.
    pub value_date: Option<Date>,
    /// The amount, as a decimal string (`"15000.00"`), greater than zero.
    pub amount: String,
    /// The currency.
    pub currency: Currency,
}

/// A financial transaction of a project.
#[derive(Debug, Clone, InputObject)]
pub struct ProjectTransactionInput {
    /// The kind of transaction.
    pub kind: TransactionKind,
    /// When it took place.
    pub date: Date,
    /// The amount, as a decimal string (`"15000.00"`), greater than zero.
    pub amount: String,
    /// The currency.
    pub currency: Currency,
    /// The actor the money comes from.
    pub provider: Option<ID>,
    /// The actor the money goes to.
    pub receiver: Option<ID>,
    /// A short description.
    pub description: Option<String>,
}

/// A change to a project. Absent fields are kept; `null` clears an optional field; lists
/// replace the stored ones. Locations and sectors change through `setProjectLocations` and
/// `setProjectSectors`.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateProjectInput {
    /// The project.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The IATI activity identifier.
    #[graphql(default)]
    pub iati_identifier: MaybeUndefined<String>,
    /// Title changes.
    pub title: Option<NamesPatch>,
    /// Description changes.
    pub description: Option<TextsPatch>,
    /// The pole's pillar.
    pub pillar: Option<Pillar>,
    /// The instrument.
    pub instrument: Option<Instrument>,
    /// Where the money comes from.
    pub funding_source: Option<FundingSource>,
    /// The IATI activity status.
    pub status: Option<ActivityStatus>,
    /// Planned start date.
    #[graphql(default)]
    pub planned_start: MaybeUndefined<Date>,
    /// Planned end date.
    #[graphql(default)]
    pub planned_end: MaybeUndefined<Date>,
    /// Actual start date.
    #[graphql(default)]
    pub actual_start: MaybeUndefined<Date>,
    /// Actual end date.
    #[graphql(default)]
    pub actual_end: MaybeUndefined<Date>,
    /// OWN or EXTERNAL.
    pub origin: Option<ProjectOrigin>,
    /// Who may see the project.
    pub sensitivity: Option<Sensitivity>,
    /// Approved for open-data export (PUBLIC projects only).
    pub publishable: Option<bool>,
    /// The pole's themes (replaces the list).
    pub themes: Option<Vec<Theme>>,
    /// SDG goals, 1–17 (replaces the list).
    pub sdg_goals: Option<Vec<i32>>,
    /// SDG targets (replaces the list).
    pub sdg_targets: Option<Vec<String>>,
}

/// An actor to add to a project in a role (an actor may hold several roles, each once).
#[derive(Debug, Clone, InputObject)]
pub struct AddProjectParticipantInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// The role.
    pub role: ParticipantRole,
}

/// An actor's role in a project, to remove.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveProjectParticipantInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// The role it no longer holds.
    pub role: ParticipantRole,
}

/// A project's new locations.
#[derive(Debug, Clone, InputObject)]
pub struct SetProjectLocationsInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// Territory codes (replaces the list; they decide the circumscriptions).
    pub locations: Vec<String>,
}

/// A project's new DAC sectors.
#[derive(Debug, Clone, InputObject)]
pub struct SetProjectSectorsInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The sectors (replaces the list); percentages all given (summing to 100) or none.
    pub sectors: Vec<ProjectSectorInput>,
}

/// A budget line to add to a project.
#[derive(Debug, Clone, InputObject)]
pub struct AddProjectBudgetLineInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The budget line.
    pub budget_line: BudgetLineInput,
}

/// A budget line to remove from a project.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveProjectBudgetLineInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The budget line's ID (answered when it was added).
    pub budget_line: ID,
}

/// A transaction to add to a project.
#[derive(Debug, Clone, InputObject)]
pub struct AddProjectTransactionInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The transaction.
    pub transaction: ProjectTransactionInput,
}

/// A transaction to remove from a project.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveProjectTransactionInput {
    /// The project.
    pub project: ID,
    /// The project's version the client last read (the edit bumps it).
    pub expected_version: i32,
    /// The transaction's ID (answered when it was added).
    pub transaction: ID,
}

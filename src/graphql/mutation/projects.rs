//! Mutations on projects: create, update, archive, restore, and the child edits
//! (participants, locations, sectors, budget lines, transactions), each bumping the project's
//! version. Input objects are in [`inputs`], their conversion in [`convert`].

mod convert;
mod inputs;

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use self::convert::project_id;
use self::inputs::{
    AddProjectBudgetLineInput, AddProjectParticipantInput, AddProjectTransactionInput,
    CreateProjectInput, RemoveProjectBudgetLineInput, RemoveProjectParticipantInput,
    RemoveProjectTransactionInput, SetProjectLocationsInput, SetProjectSectorsInput,
    UpdateProjectInput,
};
use super::common::ArchiveInput;
use crate::domain::money;
use crate::domain::vocabulary::{BudgetKind, TransactionKind};
use crate::entities::{budget_line, project_transaction};
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::load_one;
use crate::graphql::types::actor::Actor;
use crate::graphql::types::common::Date;
use crate::graphql::types::money::Money;
use crate::graphql::types::project::Project;
use crate::services::writes::projects;

/// The project a mutation changed.
#[derive(SimpleObject)]
pub struct ProjectPayload {
    /// The project as it is after the change.
    pub project: Project,
}

/// A budget line added to a project.
#[derive(SimpleObject)]
pub struct ProjectBudgetLinePayload {
    /// The project as it is after the change (its version bumped).
    pub project: Project,
    /// The budget line added.
    pub budget_line: BudgetLine,
}

/// A transaction added to a project.
#[derive(SimpleObject)]
pub struct ProjectTransactionPayload {
    /// The project as it is after the change (its version bumped).
    pub project: Project,
    /// The transaction added.
    pub transaction: ProjectTransaction,
}

/// A budget line of a project: an amount planned for a period (IATI budget).
#[derive(SimpleObject)]
pub struct BudgetLine {
    /// The budget line's ID (to remove it).
    pub id: ID,
    /// ORIGINAL or REVISED.
    pub kind: BudgetKind,
    /// Start of the period.
    pub period_start: Date,
    /// End of the period.
    pub period_end: Date,
    /// The date the amount is valued at.
    pub value_date: Option<Date>,
    /// The amount.
    pub amount: Money,
}

impl From<budget_line::Model> for BudgetLine {
    fn from(m: budget_line::Model) -> Self {
        Self {
            id: encode(BUDGET_LINE, m.id),
            kind: m.kind,
            period_start: Date(m.period_start),
            period_end: Date(m.period_end),
            value_date: m.value_date.map(Date),
            amount: Money::from(money::Money::new(m.amount_minor, m.currency)),
        }
    }
}

/// A financial transaction of a project (IATI transaction).
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct ProjectTransaction {
    /// The transaction's ID (to remove it).
    pub id: ID,
    /// The kind of transaction.
    pub kind: TransactionKind,
    /// When it took place.
    pub date: Date,
    /// The amount.
    pub amount: Money,
    /// A short description.
    pub description: Option<String>,
    #[graphql(skip)]
    provider_id: Option<i64>,
    #[graphql(skip)]
    receiver_id: Option<i64>,
}

#[ComplexObject]
impl ProjectTransaction {
    /// The actor the money comes from, if the viewer may see it.
    async fn provider(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        party(ctx, self.provider_id).await
    }

    /// The actor the money goes to, if the viewer may see it.
    async fn receiver(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        party(ctx, self.receiver_id).await
    }
}

async fn party(ctx: &Context<'_>, id: Option<i64>) -> async_graphql::Result<Option<Actor>> {
    let Some(id) = id else { return Ok(None) };
    Ok(load_one::<_, ActorById>(ctx, id).await?.map(Actor::from))
}

impl From<project_transaction::Model> for ProjectTransaction {
    fn from(m: project_transaction::Model) -> Self {
        Self {
            id: encode(TRANSACTION, m.id),
            kind: m.kind,
            date: Date(m.transaction_date),
            amount: Money::from(money::Money::new(m.amount_minor, m.currency)),
            description: m.description,
            provider_id: m.provider_actor_id,
            receiver_id: m.receiver_actor_id,
        }
    }
}

/// Budget lines and transactions are not nodes, but their IDs look like every other ID
/// (opaque, `Kind:id` in URL-safe base64).
const BUDGET_LINE: &str = "BudgetLine";
const TRANSACTION: &str = "ProjectTransaction";

fn encode(kind: &str, id: i64) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

fn decode(id: &ID, kind: &str, field: &str) -> AppResult<i64> {
    URL_SAFE_NO_PAD
        .decode(id.as_str())
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| {
            let (k, n) = text.split_once(':')?;
            (k == kind).then(|| n.parse::<i64>().ok()).flatten()
        })
        .filter(|n| *n > 0)
        .ok_or_else(|| AppError::bad_input(field, format!("`{}` is not a {kind} ID", id.as_str())))
}

#[derive(Default)]
pub struct ProjectsMutation;

#[Object]
impl ProjectsMutation {
    /// Creates a project with its participants, locations, sectors, tags, budget and
    /// transactions (logged as PROJECT_CREATED).
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new project.")] input: CreateProjectInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let new = convert::new_project(input)?;
        let id = projects::create(&rc.svc, key.as_deref(), new).await?;
        payload(rc, id).await
    }

    /// Changes a project (logged as PROJECT_UPDATED, with the names of the fields).
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and what changes.")] input: UpdateProjectInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.id, "input.id")?;
        let expected = input.expected_version;
        projects::update(&rc.svc, id, expected, convert::project_patch(input)).await?;
        payload(rc, id).await
    }

    /// Archives a project: it leaves lists (unless `includeArchived`) but keeps its history.
    async fn archive_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project to archive.")] input: ArchiveInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.id, "input.id")?;
        projects::set_archived(&rc.svc, id, input.expected_version, true).await?;
        payload(rc, id).await
    }

    /// Restores an archived project.
    async fn restore_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project to restore.")] input: ArchiveInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.id, "input.id")?;
        projects::set_archived(&rc.svc, id, input.expected_version, false).await?;
        payload(rc, id).await
    }

    /// Adds an actor to a project in a role.
    async fn add_project_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project, the actor and its role.")] input: AddProjectParticipantInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let participant = convert::participant(&input.actor, input.role)?;
        projects::add_participant(&rc.svc, id, input.expected_version, participant).await?;
        payload(rc, id).await
    }

    /// Removes an actor's role in a project.
    async fn remove_project_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project, the actor and the role.")]
        input: RemoveProjectParticipantInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let participant = convert::participant(&input.actor, input.role)?;
        projects::remove_participant(&rc.svc, id, input.expected_version, participant).await?;
        payload(rc, id).await
    }

    /// Replaces a project's locations; its circumscriptions follow.
    async fn set_project_locations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and its new locations.")] input: SetProjectLocationsInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        projects::set_locations(&rc.svc, id, input.expected_version, input.locations).await?;
        payload(rc, id).await
    }

    /// Replaces a project's DAC sectors.
    async fn set_project_sectors(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and its new sectors.")] input: SetProjectSectorsInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let sectors = convert::sectors(input.sectors);
        projects::set_sectors(&rc.svc, id, input.expected_version, sectors).await?;
        payload(rc, id).await
    }

    /// Adds a budget line to a project.
    async fn add_project_budget_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and the budget line.")] input: AddProjectBudgetLineInput,
    ) -> async_graphql::Result<ProjectBudgetLinePayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let line = convert::budget_line(input.budget_line);
        let line_id = projects::add_budget_line(&rc.svc, id, input.expected_version, line).await?;
        let budget_line = projects::written_budget_line(&rc.svc, line_id).await?;
        Ok(ProjectBudgetLinePayload {
            project: payload(rc, id).await?.project,
            budget_line: BudgetLine::from(budget_line),
        })
    }

    /// Removes a budget line from a project.
    async fn remove_project_budget_line(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and the budget line.")] input: RemoveProjectBudgetLineInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let line = decode(&input.budget_line, BUDGET_LINE, "input.budgetLine")?;
        projects::remove_budget_line(&rc.svc, id, input.expected_version, line).await?;
        payload(rc, id).await
    }

    /// Adds a financial transaction to a project.
    async fn add_project_transaction(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and the transaction.")] input: AddProjectTransactionInput,
    ) -> async_graphql::Result<ProjectTransactionPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let tx = convert::transaction(input.transaction, "input.transaction")?;
        let tx_id = projects::add_transaction(&rc.svc, id, input.expected_version, tx).await?;
        let transaction = projects::written_transaction(&rc.svc, tx_id).await?;
        Ok(ProjectTransactionPayload {
            project: payload(rc, id).await?.project,
            transaction: ProjectTransaction::from(transaction),
        })
    }

    /// Removes a financial transaction from a project.
    async fn remove_project_transaction(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The project and the transaction.")] input: RemoveProjectTransactionInput,
    ) -> async_graphql::Result<ProjectPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = project_id(&input.project, "input.project")?;
        let tx = decode(&input.transaction, TRANSACTION, "input.transaction")?;
        projects::remove_transaction(&rc.svc, id, input.expected_version, tx).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<ProjectPayload> {
    let project = projects::written(&rc.svc, id).await?;
    Ok(ProjectPayload {
        project: Project::from(project),
    })
}

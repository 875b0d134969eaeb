//! `ProjectParticipation`: an actor's part in a project, seen from either end.

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object};

use super::actor::Actor;
use super::project::Project;
use crate::domain::vocabulary::ParticipantRole;
use crate::entities::project_participant;
use crate::error::AppError;
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::projects::{ParticipationArgs, ProjectById};
use crate::graphql::loaders::{LoadError, load_one};
use crate::graphql::relay::{ConnectionData, connection};
use crate::services::nested::{NestedKey, NestedPage};
use crate::services::pagination::Page;

/// An actor's part in a project, with its role.
#[derive(Debug, Clone)]
pub struct ProjectParticipation {
    project_id: i64,
    actor_id: i64,
    role: ParticipantRole,
}

impl From<project_participant::Model> for ProjectParticipation {
    fn from(m: project_participant::Model) -> Self {
        Self {
            project_id: m.project_id,
            actor_id: m.actor_id,
            role: m.role,
        }
    }
}

/// An actor's part in a project, with its role.
#[Object]
impl ProjectParticipation {
    /// The project.
    async fn project(&self, ctx: &Context<'_>) -> async_graphql::Result<Project> {
        load_one::<_, ProjectById>(ctx, self.project_id)
            .await?
            .map(Project::from)
            .ok_or_else(|| {
                AppError::internal("participation of an unreadable project").to_graphql()
            })
    }

    /// The participating actor.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Actor> {
        load_one::<_, ActorById>(ctx, self.actor_id)
            .await?
            .map(Actor::from)
            .ok_or_else(|| AppError::internal("participation of an unreadable actor").to_graphql())
    }

    /// The role: FUNDING, ACCOUNTABLE, EXTENDING, IMPLEMENTING (IATI 1–4), PARTNER or
    /// BENEFICIARY.
    async fn role(&self) -> ParticipantRole {
        self.role
    }
}

connection!(
    ProjectParticipationConnection,
    ProjectParticipationEdge,
    ProjectParticipation,
    "project participations"
);

/// The participations under one parent (an actor or a project), through the request's
/// loaders `Pages` and `Counts`, so sibling parents share one statement each.
pub async fn participation_connection<Pages, Counts>(
    ctx: &Context<'_>,
    parent: i64,
    role: Option<ParticipantRole>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ProjectParticipationConnection>
where
    Pages: Loader<
            NestedKey<ParticipationArgs>,
            Value = Page<project_participant::Model>,
            Error = LoadError,
        >,
    Counts: Loader<NestedKey<Option<ParticipantRole>>, Value = u64, Error = LoadError>,
{
    let page_key = NestedKey {
        parent,
        args: (role, NestedPage::from_args(first, after)?),
    };
    let count_key = NestedKey { parent, args: role };
    let (found, total) = page_and_total::<Pages, Counts, _, _, _>(ctx, page_key, count_key).await?;
    Ok(ProjectParticipationConnection(ConnectionData::from_page(
        found,
        total,
        ProjectParticipation::from,
    )))
}

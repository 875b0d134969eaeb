//! Loaders of projects and their relations.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;

use super::{LoadError, cached, id_loader, load_grouped};
use crate::domain::vocabulary::ParticipantRole;
use crate::entities::{project, project_participant};
use crate::services::nested::{NestedKey, NestedPage};
use crate::services::pagination::Page;
use crate::services::projects::{ProjectDetails, ProjectFinance};
use crate::services::{ServiceContext, participations, projects};

id_loader!(
    /// Projects by id, as the viewer may see them.
    ProjectById, i64 => project::Model, projects::by_ids
);
id_loader!(
    /// A project's locations, sectors, SDG tags, themes and circumscriptions.
    ProjectDetailsById, i64 => ProjectDetails, projects::details_of
);
id_loader!(
    /// A project's budget and transaction totals.
    ProjectFinanceById, i64 => ProjectFinance, projects::finance_of
);

/// The arguments of a participation list: the role wanted and the page.
pub type ParticipationArgs = (Option<ParticipantRole>, NestedPage);

/// Which end of the participation a nested list starts from.
#[derive(Clone, Copy)]
enum End {
    Actor,
    Project,
}

/// A page of participations under each actor (`ActorProjects`) or project (`ProjectParticipants`).
pub struct ParticipationPages(Arc<ServiceContext>, End);
/// The number of participations under each actor or project.
pub struct ParticipationCounts(Arc<ServiceContext>, End);

impl Loader<NestedKey<ParticipationArgs>> for ParticipationPages {
    type Value = Page<project_participant::Model>;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[NestedKey<ParticipationArgs>],
    ) -> Result<HashMap<NestedKey<ParticipationArgs>, Self::Value>, Self::Error> {
        load_grouped(keys, |(role, page), parents| async move {
            match self.1 {
                End::Actor => participations::of_actors(&self.0, &parents, role, &page).await,
                End::Project => participations::of_projects(&self.0, &parents, role, &page).await,
            }
        })
        .await
    }
}

impl Loader<NestedKey<Option<ParticipantRole>>> for ParticipationCounts {
    type Value = u64;
    type Error = LoadError;

    async fn load(
        &self,
        keys: &[NestedKey<Option<ParticipantRole>>],
    ) -> Result<HashMap<NestedKey<Option<ParticipantRole>>, Self::Value>, Self::Error> {
        load_grouped(keys, |role, parents| async move {
            match self.1 {
                End::Actor => participations::count_of_actors(&self.0, &parents, role).await,
                End::Project => participations::count_of_projects(&self.0, &parents, role).await,
            }
        })
        .await
    }
}

/// The participations of actors (an actor's projects).
pub struct ActorProjects(pub ParticipationPages);
/// The participants of projects.
pub struct ProjectParticipants(pub ParticipationPages);
/// Counts of an actor's project participations.
pub struct ActorProjectCounts(pub ParticipationCounts);
/// Counts of a project's participants.
pub struct ProjectParticipantCounts(pub ParticipationCounts);

macro_rules! delegate {
    ($outer:ident, $key:ty, $value:ty) => {
        impl Loader<$key> for $outer {
            type Value = $value;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, Self::Error> {
                self.0.load(keys).await
            }
        }
    };
}
delegate!(
    ActorProjects,
    NestedKey<ParticipationArgs>,
    Page<project_participant::Model>
);
delegate!(
    ProjectParticipants,
    NestedKey<ParticipationArgs>,
    Page<project_participant::Model>
);
delegate!(ActorProjectCounts, NestedKey<Option<ParticipantRole>>, u64);
delegate!(
    ProjectParticipantCounts,
    NestedKey<Option<ParticipantRole>>,
    u64
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ProjectById(svc.clone())))
        .data(cached(ProjectDetailsById(svc.clone())))
        .data(cached(ProjectFinanceById(svc.clone())))
        .data(cached(ActorProjects(ParticipationPages(
            svc.clone(),
            End::Actor,
        ))))
        .data(cached(ProjectParticipants(ParticipationPages(
            svc.clone(),
            End::Project,
        ))))
        .data(cached(ActorProjectCounts(ParticipationCounts(
            svc.clone(),
            End::Actor,
        ))))
        .data(cached(ProjectParticipantCounts(ParticipationCounts(
            svc.clone(),
            End::Project,
        ))))
}

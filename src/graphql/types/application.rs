//! `Application`: an application to a call for proposals; and the application edges that
//! start at an actor or a project.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::actor::Actor;
use super::call::Call;
use super::common::DateTime;
use super::money::Money;
use super::project::Project;
use crate::auth::policy;
use crate::domain::money;
use crate::domain::vocabulary::{ApplicationStatus, RecordType, Sensitivity};
use crate::entities::application;
use crate::graphql::context::RequestContext;
use crate::graphql::loaders::calls::{
    ActorApplicationCounts, ActorApplications, ApplicantsOfApplication,
    ApplicationCircumscriptions, ApplicationOfProject, CallById,
};
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};

/// An application to a call for proposals, by one or more applicant actors; a selected
/// application becomes a project.
#[derive(Debug, Clone)]
pub struct Application {
    record: Arc<application::Model>,
}

impl From<application::Model> for Application {
    fn from(m: application::Model) -> Self {
        Self {
            record: Arc::new(m),
        }
    }
}

impl Application {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// An application to a call for proposals, by one or more applicant actors; a selected
/// application becomes a project.
#[Object]
impl Application {
    /// The global ID of this application.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Application, self.record.id).encode()
    }

    /// The call applied to; null when the viewer may not see it.
    async fn call(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Call>> {
        Ok(load_one::<_, CallById>(ctx, self.record.call_id)
            .await?
            .map(Call::from))
    }

    /// The applicant actors, by name; those the viewer may not see are left out.
    async fn applicants(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Actor>> {
        Ok(load_one::<_, ApplicantsOfApplication>(ctx, self.record.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Actor::from)
            .collect())
    }

    /// The title of the proposed project.
    async fn title(&self) -> &str {
        &self.record.title
    }

    /// The amount requested, when stated.
    async fn requested(&self) -> Option<Money> {
        match (self.record.requested_minor, self.record.requested_currency) {
            (Some(minor), Some(currency)) => Some(Money::from(money::Money::new(minor, currency))),
            _ => None,
        }
    }

    /// Where the application stands.
    async fn status(&self) -> ApplicationStatus {
        self.record.status
    }

    /// The selection committee's assessment. Restricted: null unless the viewer may read
    /// restricted data of this application (a coordinator, or an officer of a circumscription
    /// the application belongs to through its applicants).
    async fn evaluation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        let Some(evaluation) = &self.record.evaluation else {
            return Ok(None);
        };
        let viewer = &RequestContext::of(ctx)?.svc.viewer;
        let id = self.record.id;
        let may_read = |circumscriptions: &[i64]| {
            policy::can_read(
                viewer,
                RecordType::Application,
                id,
                Sensitivity::Restricted,
                circumscriptions,
            )
        };
        // The application's circumscriptions only matter to a viewer who has one.
        let allowed = may_read(&[])
            || (viewer.circumscription_id.is_some()
                && may_read(
                    &load_one::<_, ApplicationCircumscriptions>(ctx, id)
                        .await?
                        .unwrap_or_default(),
                ));
        Ok(allowed.then(|| evaluation.clone()))
    }

    /// The project the application became, once selected; null when the viewer may not see it.
    async fn project(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Project>> {
        match self.record.project_id {
            Some(id) => Ok(load_one::<_, ProjectById>(ctx, id)
                .await?
                .map(Project::from)),
            None => Ok(None),
        }
    }

    /// When the application was submitted, when known.
    async fn submitted_at(&self) -> Option<DateTime> {
        self.record.submitted_at.map(DateTime)
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Increases with every change; pass it as `expectedVersion` to update.
    async fn version(&self) -> i32 {
        self.record.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.record.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.record.updated_at)
    }

    /// Who created the record (token subject); shown to coordinators, admins and the author.
    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.created_by.as_deref())
    }

    /// Who last changed the record (token subject); shown to coordinators, admins and the
    /// author.
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.updated_by.as_deref())
    }
}

connection!(
    ApplicationConnection,
    ApplicationEdge,
    Application,
    "applications to calls for proposals"
);

/// For `Actor.applications`: the applications the actor is an applicant of, in the order they
/// were recorded; those the viewer may not see are left out (and not counted).
pub async fn actor_applications(
    ctx: &Context<'_>,
    actor_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<ApplicationConnection> {
    let key = NestedKey {
        parent: actor_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ActorApplications, ActorApplicationCounts, _, _, _>(ctx, key, actor_id)
            .await?;
    Ok(ApplicationConnection(ConnectionData::from_page(
        page,
        total,
        Application::from,
    )))
}

/// For `Project.application`: the application the project came from; null when there is none
/// or the viewer may not see it.
pub async fn project_application(
    ctx: &Context<'_>,
    project_id: i64,
) -> async_graphql::Result<Option<Application>> {
    Ok(load_one::<_, ApplicationOfProject>(ctx, project_id)
        .await?
        .map(Application::from))
}

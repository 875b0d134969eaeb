//! Loaders of calls for proposals and their applications.

use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::domain::vocabulary::{ApplicationStatus, Theme};
use crate::entities::{actor, application, call};
use crate::services::applications::ApplicationListArgs;
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::{ServiceContext, applications, calls};

id_loader!(
    /// Calls by id, as the viewer may see them.
    CallById, i64 => call::Model, calls::by_ids
);
id_loader!(
    /// The themes of a call.
    CallThemes, i64 => Vec<Theme>, calls::themes_of
);
id_loader!(
    /// Applications by id, as the viewer may see them.
    ApplicationById, i64 => application::Model, applications::by_ids
);
id_loader!(
    /// The applicants of an application that the viewer may see.
    ApplicantsOfApplication, i64 => Vec<actor::Model>, applications::applicants_of
);
id_loader!(
    /// The circumscriptions of an application (ids), for the restricted evaluation.
    ApplicationCircumscriptions, i64 => Vec<i64>, applications::circumscriptions_of
);
id_loader!(
    /// The application a project came from, by project id.
    ApplicationOfProject, i64 => application::Model, applications::of_projects
);
id_loader!(
    /// How many visible applications an actor is an applicant of.
    ActorApplicationCounts, i64 => u64, applications::count_per_actor
);
grouped_loader!(
    /// A page of a call's applications.
    CallApplications, ApplicationListArgs => Page<application::Model>, applications::per_call
);
grouped_loader!(
    /// How many applications a call has (with a status, if given).
    CallApplicationCounts, Option<ApplicationStatus> => u64, applications::count_per_call
);
grouped_loader!(
    /// A page of the applications an actor is an applicant of.
    ActorApplications, NestedPage => Page<application::Model>, applications::per_actor
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(CallById(svc.clone())))
        .data(cached(CallThemes(svc.clone())))
        .data(cached(ApplicationById(svc.clone())))
        .data(cached(ApplicantsOfApplication(svc.clone())))
        .data(cached(ApplicationCircumscriptions(svc.clone())))
        .data(cached(ApplicationOfProject(svc.clone())))
        .data(cached(ActorApplicationCounts(svc.clone())))
        .data(cached(CallApplications(svc.clone())))
        .data(cached(CallApplicationCounts(svc.clone())))
        .data(cached(ActorApplications(svc.clone())))
}

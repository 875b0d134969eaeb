//! Loaders of partnerships, their attributes, and the lists nested under a partnership, an
//! actor (its memberships) or a project.

use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::domain::vocabulary::Theme;
use crate::entities::{agreement, partnership, partnership_member, partnership_project};
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::{ServiceContext, partnerships};

id_loader!(
    /// Partnerships by id, as the viewer may see them.
    PartnershipById, i64 => partnership::Model, partnerships::by_ids
);
id_loader!(
    /// The themes of a partnership.
    PartnershipThemes, i64 => Vec<Theme>, partnerships::themes_of
);
id_loader!(
    /// The agreements of a partnership.
    PartnershipAgreements, i64 => Vec<agreement::Model>, partnerships::agreements_of
);
id_loader!(
    /// The circumscriptions of a partnership (ids).
    PartnershipCircumscriptions, i64 => Vec<i64>, partnerships::circumscriptions_of
);
grouped_loader!(
    /// A page of a partnership's members.
    PartnershipMembers, NestedPage => Page<partnership_member::Model>, partnerships::members
);
id_loader!(
    /// How many members a partnership has, by partnership id.
    PartnershipMemberCount, i64 => u64, partnerships::count_members
);
grouped_loader!(
    /// A page of an actor's memberships.
    ActorMemberships, NestedPage => Page<partnership_member::Model>, partnerships::memberships
);
id_loader!(
    /// How many partnerships an actor is a member of, by actor id.
    ActorMembershipCount, i64 => u64, partnerships::count_memberships
);
grouped_loader!(
    /// A page of a partnership's project links.
    PartnershipProjects, NestedPage => Page<partnership_project::Model>, partnerships::projects
);
id_loader!(
    /// How many projects a partnership carries, by partnership id.
    PartnershipProjectCount, i64 => u64, partnerships::count_projects
);
grouped_loader!(
    /// A page of a project's partnership links.
    ProjectPartnerships, NestedPage => Page<partnership_project::Model>,
    partnerships::partnerships_of_projects
);
id_loader!(
    /// How many partnerships carry a project, by project id.
    ProjectPartnershipCount, i64 => u64, partnerships::count_partnerships_of_projects
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(PartnershipById(svc.clone())))
        .data(cached(PartnershipThemes(svc.clone())))
        .data(cached(PartnershipAgreements(svc.clone())))
        .data(cached(PartnershipCircumscriptions(svc.clone())))
        .data(cached(PartnershipMembers(svc.clone())))
        .data(cached(PartnershipMemberCount(svc.clone())))
        .data(cached(ActorMemberships(svc.clone())))
        .data(cached(ActorMembershipCount(svc.clone())))
        .data(cached(PartnershipProjects(svc.clone())))
        .data(cached(PartnershipProjectCount(svc.clone())))
        .data(cached(ProjectPartnerships(svc.clone())))
        .data(cached(ProjectPartnershipCount(svc.clone())))
}

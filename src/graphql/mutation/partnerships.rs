//! Mutations on partnerships: create, update, status changes, archive and restore, and their
//! members, agreements and linked projects (each a change of the partnership: it carries the
//! partnership's `expectedVersion` and bumps it). Coordinators and administrators only.

mod inputs;

use async_graphql::{Context, Object, SimpleObject};

pub use inputs::*;

use super::common::ArchiveInput;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::partnership::Partnership;
use crate::services::writes::partnerships::{self as service, NewMember, PartnershipPatch};

/// The partnership a mutation changed.
#[derive(SimpleObject)]
pub struct PartnershipPayload {
    /// The partnership as it is after the change.
    pub partnership: Partnership,
}

#[derive(Default)]
pub struct PartnershipsMutation;

#[Object]
impl PartnershipsMutation {
    /// Records a partnership with its members, agreements and linked projects (logged as
    /// PARTNERSHIP_CREATED).
    async fn create_partnership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new partnership.")] input: CreatePartnershipInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = service::create(&rc.svc, key.as_deref(), input.into_command()?).await?;
        payload(rc, id).await
    }

    /// Changes a partnership (logged as PARTNERSHIP_UPDATED with the names of the fields; a
    /// status change also with the old and new status).
    async fn update_partnership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and what changes.")] input: UpdatePartnershipInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.id, "input.id")?;
        let expected = input.expected_version;
        service::update(&rc.svc, id, expected, input.into_patch()).await?;
        payload(rc, id).await
    }

    /// Moves a partnership to another status (nothing goes back to PLANNED; an ENDED
    /// partnership is relaunched as ACTIVE, not DORMANT).
    async fn change_partnership_status(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and its new status.")]
        input: ChangePartnershipStatusInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.id, "input.id")?;
        let patch = PartnershipPatch {
            status: Some(input.status),
            ..PartnershipPatch::default()
        };
        service::update(&rc.svc, id, input.expected_version, patch).await?;
        payload(rc, id).await
    }

    /// Archives a partnership: it leaves lists but keeps its history (PARTNERSHIP_ARCHIVED).
    async fn archive_partnership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership to archive.")] input: ArchiveInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.id, "input.id")?;
        service::set_archived(&rc.svc, id, input.expected_version, true).await?;
        payload(rc, id).await
    }

    /// Restores an archived partnership.
    async fn restore_partnership(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership to restore.")] input: ArchiveInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.id, "input.id")?;
        service::set_archived(&rc.svc, id, input.expected_version, false).await?;
        payload(rc, id).await
    }

    /// Adds a member; the partnership's circumscriptions follow its members' seats.
    async fn add_partnership_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and its new member.")] input: AddPartnershipMemberInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let member = NewMember {
            actor_id: GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?,
            side: input.side,
            role: input.role,
        };
        service::add_member(&rc.svc, id, input.expected_version, member).await?;
        payload(rc, id).await
    }

    /// Changes a member's side or role.
    async fn update_partnership_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member and what changes.")] input: UpdatePartnershipMemberInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        let role = input.role_patch();
        service::update_member(&rc.svc, id, input.expected_version, actor, input.side, role)
            .await?;
        payload(rc, id).await
    }

    /// Removes a member (at least two remain; a decentralised cooperation keeps a French and
    /// a Moroccan member).
    async fn remove_partnership_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The member to remove.")] input: RemovePartnershipMemberInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        service::remove_member(&rc.svc, id, input.expected_version, actor).await?;
        payload(rc, id).await
    }

    /// Adds an agreement signed within a partnership.
    async fn add_partnership_agreement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and the agreement.")] input: AddPartnershipAgreementInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let agreement = input.agreement.into();
        service::add_agreement(&rc.svc, id, input.expected_version, agreement).await?;
        payload(rc, id).await
    }

    /// Changes one of a partnership's agreements.
    async fn update_partnership_agreement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The agreement and what changes.")] input: UpdatePartnershipAgreementInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let patch = input.agreement_patch();
        service::update_agreement(&rc.svc, id, input.expected_version, input.index, patch).await?;
        payload(rc, id).await
    }

    /// Removes one of a partnership's agreements.
    async fn remove_partnership_agreement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The agreement to remove.")] input: RemovePartnershipAgreementInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        service::remove_agreement(&rc.svc, id, input.expected_version, input.index).await?;
        payload(rc, id).await
    }

    /// Links a project carried out within a partnership.
    async fn link_partnership_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and the project.")] input: LinkPartnershipProjectInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let project = GlobalId::decode_as(&input.project, NodeKind::Project, "input.project")?;
        service::link_project(&rc.svc, id, input.expected_version, project).await?;
        payload(rc, id).await
    }

    /// Unlinks a project from a partnership (the project is kept).
    async fn unlink_partnership_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The partnership and the project.")] input: UnlinkPartnershipProjectInput,
    ) -> async_graphql::Result<PartnershipPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = partnership_id(&input.partnership, "input.partnership")?;
        let project = GlobalId::decode_as(&input.project, NodeKind::Project, "input.project")?;
        service::unlink_project(&rc.svc, id, input.expected_version, project).await?;
        payload(rc, id).await
    }
}

fn partnership_id(id: &async_graphql::ID, field: &str) -> crate::error::AppResult<i64> {
    GlobalId::decode_as(id, NodeKind::Partnership, field)
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<PartnershipPayload> {
    let partnership = service::written(&rc.svc, id).await?;
    Ok(PartnershipPayload {
        partnership: Partnership::from(partnership),
    })
}

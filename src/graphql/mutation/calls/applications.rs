//! Mutations on applications to calls for proposals: submit, decide, withdraw, evaluate.
//!
//! The life of an application: SUBMITTED → ELIGIBLE → SHORTLISTED → SELECTED; REJECTED or
//! WITHDRAWN from any of the first three; SELECTED, REJECTED and WITHDRAWN are final. A
//! selected application becomes a project in the same transaction.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};

use crate::domain::vocabulary::{ApplicationStatus, Currency, Sensitivity};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::application::Application;
use crate::services::writes::calls::applications::{self, NewApplication};

/// A new application to a call for proposals.
#[derive(Debug, Clone, InputObject)]
pub struct SubmitApplicationInput {
    /// Makes the submission safe to retry: the same key with the same input answers the
    /// application submitted the first time; with another input, CONFLICT. Kept at least 24
    /// hours.
    pub idempotency_key: Option<String>,
    /// The call applied to; it must be open (from `opensOn` to `closesOn` included).
    pub call: ID,
    /// The title of the proposed project.
    pub title: String,
    /// The applicant actors (at least one, each once). A partner names its own actor among
    /// them.
    pub applicants: Vec<ID>,
    /// The amount requested, as a decimal string (`"25000.00"`).
    pub requested_amount: String,
    /// The currency of `requestedAmount`.
    pub requested_currency: Currency,
    /// Who may see the application (default INTERNAL; a partner chooses PUBLIC or INTERNAL).
    pub sensitivity: Option<Sensitivity>,
}

/// A decision on an application: its new status.
#[derive(Debug, Clone, InputObject)]
pub struct DecideApplicationInput {
    /// The application.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The new status: ELIGIBLE after SUBMITTED, SHORTLISTED after ELIGIBLE, SELECTED after
    /// SHORTLISTED (which creates the project); REJECTED or WITHDRAWN from any of those three.
    pub status: ApplicationStatus,
}

/// An application its applicants (or a coordinator) withdraw.
#[derive(Debug, Clone, InputObject)]
pub struct WithdrawApplicationInput {
    /// The application.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
}

/// The selection committee's assessment of an application.
#[derive(Debug, Clone, InputObject)]
pub struct EvaluateApplicationInput {
    /// The application.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The assessment (restricted: read by coordinators and the officers of the applicants'
    /// circumscriptions); an empty text clears it.
    pub evaluation: String,
}

/// The application a mutation changed.
#[derive(SimpleObject)]
pub struct ApplicationPayload {
    /// The application as it is after the change (with its `project` once selected).
    pub application: Application,
}

#[derive(Default)]
pub struct ApplicationMutation;

#[Object]
impl ApplicationMutation {
    /// Submits an application to an open call (coordinators, or a partner among the
    /// applicants; logged as APPLICATION_SUBMITTED).
    async fn submit_application(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new application.")] input: SubmitApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = applications::submit(&rc.svc, key.as_deref(), new_application(input)?).await?;
        payload(rc, id).await
    }

    /// Moves an application along its life (coordinators; logged as APPLICATION_DECIDED).
    /// SELECTED makes it a project in the same transaction (logged as PROJECT_CREATED):
    /// titled after the application, its applicants IMPLEMENTING participants located at
    /// their seats, with the call's instrument, status PIPELINE.
    async fn decide_application(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The application and its new status.")] input: DecideApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Application, "input.id")?;
        applications::decide(&rc.svc, id, input.expected_version, input.status).await?;
        payload(rc, id).await
    }

    /// Withdraws an application not yet decided on (a partner among its applicants, or a
    /// coordinator; logged as APPLICATION_DECIDED).
    async fn withdraw_application(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The application to withdraw.")] input: WithdrawApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Application, "input.id")?;
        applications::withdraw(&rc.svc, id, input.expected_version).await?;
        payload(rc, id).await
    }

    /// Sets the selection committee's restricted assessment of an application
    /// (coordinators; logged without its text, as a restricted APPLICATION_DECIDED entry).
    async fn evaluate_application(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The application and its assessment.")] input: EvaluateApplicationInput,
    ) -> async_graphql::Result<ApplicationPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Application, "input.id")?;
        applications::evaluate(&rc.svc, id, input.expected_version, Some(input.evaluation)).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<ApplicationPayload> {
    let application = applications::written(&rc.svc, id).await?;
    Ok(ApplicationPayload {
        application: Application::from(application),
    })
}

fn new_application(input: SubmitApplicationInput) -> AppResult<NewApplication> {
    let call_id = GlobalId::decode_as(&input.call, NodeKind::Call, "input.call")?;
    let applicants = input
        .applicants
        .iter()
        .enumerate()
        .map(|(i, id)| GlobalId::decode_as(id, NodeKind::Actor, &format!("input.applicants[{i}]")))
        .collect::<AppResult<Vec<i64>>>()?;
    Ok(NewApplication {
        call_id,
        title: input.title,
        applicants,
        requested_amount: input.requested_amount,
        requested_currency: input.requested_currency,
        sensitivity: input.sensitivity,
    })
}

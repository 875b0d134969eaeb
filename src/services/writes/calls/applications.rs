//! Writing applications to calls for proposals: submission, the decisions of their life,
//! withdrawal, and the selection committee's restricted evaluation.
//!
//! Who may: coordinators and admins everything; a partner submits applications naming its own
//! actor among the applicants, and withdraws them. Officers read applications (everything in
//! their circumscription), they do not decide on them.
//!
//! The life of an application is in [`super::lifecycle`] (which transitions are legal).
//!
//! A selected application becomes a project in the same transaction (`selection`).
//!
//! Decisions recorded here:
//! - A call takes applications from its opening day to its closing day included (UTC dates);
//!   before `opensOn` or after `closesOn` a submission is refused on `input.call`, whoever
//!   sends it. A call without dates is always open.
//! - A new application is INTERNAL unless given a sensitivity; a partner may only choose
//!   PUBLIC or INTERNAL (it could not read back a RESTRICTED one), and no application is
//!   PERSONAL data.
//! - The evaluation never appears in the activity log: its entry names the field only, and
//!   is RESTRICTED.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde::Serialize;
use serde_json::json;

use super::lifecycle::may_become;
use super::selection;
use crate::auth::Role;
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{
    ActivityKind, ApplicationStatus, Currency, RecordType, Sensitivity,
};
use crate::entities::{application, application_applicant};
use crate::error::{AppError, AppResult};
use crate::services::ServiceContext;
use crate::services::scope;
use crate::services::validate::{self, DESCRIPTION_MAX, NAME_MAX};
use crate::services::write::{Begun, Entry, Writer, stale};

/// Most applicant actors an application may name (consortia, paired authorities).
const MAX_APPLICANTS: usize = 20;

/// A new application, as received (validated by [`submit`]).
#[derive(Debug, Clone, Serialize)]
pub struct NewApplication {
    pub call_id: i64,
    pub title: String,
    pub applicants: Vec<i64>,
    /// The amount requested, as a decimal string, in `requested_currency`.
    pub requested_amount: String,
    pub requested_currency: Currency,
    pub sensitivity: Option<Sensitivity>,
}

/// Submits an application; answers its id (logged as APPLICATION_SUBMITTED).
pub async fn submit(
    svc: &ServiceContext,
    key: Option<&str>,
    new: NewApplication,
) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let title = validate::required_text("input.title", &new.title, NAME_MAX)?;
    if new.applicants.is_empty() {
        return Err(AppError::bad_input(
            "input.applicants",
            "an application has at least one applicant",
        ));
    }
    validate::max_items("input.applicants", new.applicants.len(), MAX_APPLICANTS)?;
    validate::no_duplicates(
        new.applicants.iter().copied(),
        |i| format!("input.applicants[{i}]"),
        "this applicant",
    )?;
    let requested = validate::positive_amount(
        "input.requestedAmount",
        &new.requested_amount,
        new.requested_currency,
    )?;
    let sensitivity = checked_sensitivity(svc, new.sensitivity)?;
    let call = super::visible_call(&w, new.call_id)
        .await?
        .ok_or_else(|| AppError::bad_input("input.call", "no such call"))?;
    let today = chrono::Utc::now().date_naive();
    if let Some(opens_on) = call.opens_on
        && today < opens_on
    {
        return Err(AppError::bad_input(
            "input.call",
            format!("this call opens on {opens_on}"),
        ));
    }
    if let Some(closes_on) = call.closes_on
        && closes_on < today
    {
        return Err(AppError::bad_input(
            "input.call",
            format!("this call closed on {closes_on}"),
        ));
    }
    let actors =
        super::super::actors(&w, &new.applicants, |i| format!("input.applicants[{i}]")).await?;
    let seats: Vec<i64> = actors
        .values()
        .filter_map(|a| a.seat_territory_id)
        .collect();
    let circumscriptions = scope::circumscriptions_of(w.txn(), &seats).await?;
    policy::may_write(
        &svc.viewer,
        RecordType::Application,
        &WriteScope {
            circumscriptions,
            actors: new.applicants.clone(),
        },
    )?;
    let created = application::ActiveModel {
        call_id: Set(call.id),
        title: Set(title),
        requested_minor: Set(Some(requested)),
        requested_currency: Set(Some(new.requested_currency)),
        status: Set(ApplicationStatus::Submitted),
        evaluation: Set(None),
        project_id: Set(None),
        submitted_at: Set(Some(w.now())),
        sensitivity: Set(sensitivity),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    application_applicant::Entity::insert_many(new.applicants.iter().map(|a| {
        application_applicant::ActiveModel {
            application_id: Set(created.id),
            actor_id: Set(*a),
        }
    }))
    .exec(w.txn())
    .await?;
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Application, created.id).await?;
    w.log(
        Entry::new(
            ActivityKind::ApplicationSubmitted,
            RecordType::Application,
            created.id,
            sensitivity,
        )
        .actors(new.applicants.iter().copied())
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "call": call.id, "status": ApplicationStatus::Submitted })),
    );
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Gives an application a new status (coordinators and admins), following the life in the
/// module's documentation; SELECTED also creates its project (logged as
/// APPLICATION_DECIDED, and PROJECT_CREATED for the project).
pub async fn decide(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    status: ApplicationStatus,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let applicants = applicants_of(&w, id).await?;
    require_coordinator(svc, "decide on applications")?;
    transition(&mut w, current, &applicants, status, expected_version).await?;
    w.commit(id).await
}

/// Withdraws an application: by a partner whose actor is among its applicants, or by a
/// coordinator (logged as APPLICATION_DECIDED).
pub async fn withdraw(svc: &ServiceContext, id: i64, expected_version: i32) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let applicants = applicants_of(&w, id).await?;
    let before = scope::recorded(w.txn(), RecordType::Application, id).await?;
    policy::may_write(
        &svc.viewer,
        RecordType::Application,
        &WriteScope {
            circumscriptions: before,
            actors: applicants.clone(),
        },
    )?;
    transition(
        &mut w,
        current,
        &applicants,
        ApplicationStatus::Withdrawn,
        expected_version,
    )
    .await?;
    w.commit(id).await
}

/// Sets (or, with `None`, clears) the selection committee's restricted evaluation
/// (coordinators and admins). Logged as APPLICATION_DECIDED naming the field, never its text,
/// in a RESTRICTED entry.
pub async fn evaluate(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    evaluation: Option<String>,
) -> AppResult<()> {
    let mut w = Writer::begin(svc).await?;
    let current = load_for_write(&w, id).await?;
    let applicants = applicants_of(&w, id).await?;
    require_coordinator(svc, "evaluate applications")?;
    let evaluation =
        validate::optional_long_text("input.evaluation", evaluation.as_deref(), DESCRIPTION_MAX)?;
    w.bump_version::<application::Entity>(id, expected_version, "application")
        .await?;
    application::Entity::update_many()
        .col_expr(application::Column::Evaluation, Expr::value(evaluation))
        .filter(application::Column::Id.eq(id))
        .exec(w.txn())
        .await?;
    let (territories, circumscriptions) = where_it_is(&w, id).await?;
    w.log(
        Entry::new(
            ActivityKind::ApplicationDecided,
            RecordType::Application,
            id,
            Sensitivity::Restricted,
        )
        .actors(applicants)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "status": current.status, "fields": ["evaluation"] })),
    );
    w.commit(id).await
}

/// Moves `current` to `to` (refusing a transition [`may_become`] does not allow, on `input.status`), creating the
/// project of a selected application, and logs the decision.
///
/// The guarded version bump comes last, after the project is written: a stale
/// `expectedVersion` found there rolls back the whole decision, project included (and under
/// concurrent decisions on PostgreSQL, the second blocks on the row until the first commits,
/// then fails the guard).
async fn transition(
    w: &mut Writer<'_>,
    current: application::Model,
    applicants: &[i64],
    to: ApplicationStatus,
    expected_version: i32,
) -> AppResult<()> {
    let from = current.status;
    if !may_become(from, to) {
        // A client deciding on an old copy is told so, rather than about the transition.
        if current.version != expected_version {
            return Err(stale("application", expected_version, current.version));
        }
        return Err(AppError::bad_input(
            "input.status",
            match from {
                ApplicationStatus::Selected
                | ApplicationStatus::Rejected
                | ApplicationStatus::Withdrawn => {
                    format!("this application is {from}: its status is final")
                }
                _ => format!("a {from} application cannot become {to}"),
            },
        ));
    }
    let project_id = match to {
        ApplicationStatus::Selected => {
            Some(selection::create_project(w, &current, applicants).await?)
        }
        _ => None,
    };
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to))
        .filter(application::Column::Id.eq(current.id));
    if let Some(project_id) = project_id {
        update = update.col_expr(application::Column::ProjectId, Expr::value(project_id));
    }
    update.exec(w.txn()).await?;
    w.bump_version::<application::Entity>(current.id, expected_version, "application")
        .await?;
    let (territories, circumscriptions) = where_it_is(w, current.id).await?;
    let mut details = json!({ "status": to, "from": from });
    if let Some(project_id) = project_id {
        details["project"] = json!(project_id);
    }
    w.log(
        Entry::new(
            ActivityKind::ApplicationDecided,
            RecordType::Application,
            current.id,
            current.sensitivity,
        )
        .actors(applicants.iter().copied())
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(details),
    );
    Ok(())
}

/// Coordinators and admins decide on and evaluate applications; a partner or an officer who
/// may see the application is refused (anonymous viewers never get this far).
fn require_coordinator(svc: &ServiceContext, what: &str) -> AppResult<()> {
    if policy::writes_everything(&svc.viewer) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!("only coordinators {what}")))
    }
}

/// The sensitivity of a new application: INTERNAL by default; never PERSONAL; a partner
/// chooses only PUBLIC or INTERNAL.
fn checked_sensitivity(
    svc: &ServiceContext,
    sensitivity: Option<Sensitivity>,
) -> AppResult<Sensitivity> {
    let sensitivity = sensitivity.unwrap_or(Sensitivity::Internal);
    match sensitivity {
        Sensitivity::Personal => Err(AppError::bad_input(
            "input.sensitivity",
            "an application is not personal data",
        )),
        Sensitivity::Restricted if svc.viewer.role == Role::Partner => Err(AppError::bad_input(
            "input.sensitivity",
            "a partner submits PUBLIC or INTERNAL applications (it could not read a \
             RESTRICTED one)",
        )),
        other => Ok(other),
    }
}

/// The application `id` as stored, if the viewer may see it (an invisible application is
/// NOT_FOUND, as an unknown one).
async fn load_for_write(w: &Writer<'_>, id: i64) -> AppResult<application::Model> {
    application::Entity::find_by_id(id)
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Application,
            application::Column::Sensitivity,
            application::Column::Id,
        ))
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such application".to_owned()))
}

/// The applicant actors of an application, by id.
async fn applicants_of(w: &Writer<'_>, id: i64) -> AppResult<Vec<i64>> {
    let mut ids: Vec<i64> = application_applicant::Entity::find()
        .select_only()
        .column(application_applicant::Column::ActorId)
        .filter(application_applicant::Column::ApplicationId.eq(id))
        .into_tuple()
        .all(w.txn())
        .await?;
    ids.sort_unstable();
    Ok(ids)
}

/// The territories (applicants' seats) and the recorded circumscriptions of an application,
/// for its activity entries.
async fn where_it_is(w: &Writer<'_>, id: i64) -> AppResult<(Vec<i64>, Vec<i64>)> {
    let territories = scope::territories_of_record(w.txn(), RecordType::Application, id).await?;
    let circumscriptions = scope::recorded(w.txn(), RecordType::Application, id).await?;
    Ok((territories, circumscriptions))
}

/// The application as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<application::Model> {
    application::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such application".to_owned()))
}

//! Who takes part in an event: participating actors (in roles) and named attendees. Each edit
//! is an update of the event: it carries the event's `expectedVersion`, bumps its version,
//! recomputes its circumscriptions (an event in France belongs to its Moroccan participants'
//! circumscriptions) and is logged as EVENT_UPDATED.
//!
//! Attendees are personal data: the log records that an attendee was added or removed, never
//! who (no name, no person reference).

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};

use super::super::super::write::{Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::super::people;
use super::{load_for_write, may_write, participant_actors};
use crate::domain::vocabulary::{ActivityKind, EventRole, RecordType};
use crate::entities::{event, event_attendee, event_participant, person};
use crate::error::{AppError, AppResult};

/// Adds `actor` to the event in `role`.
pub async fn add_participant(
    svc: &ServiceContext,
    event_id: i64,
    expected_version: i32,
    actor: i64,
    role: EventRole,
) -> AppResult<()> {
    let edit = ChildEdit::begin(svc, event_id, expected_version).await?;
    super::super::actor(&edit.w, actor, "input.actor").await?;
    let taken = event_participant::Entity::find()
        .filter(event_participant::Column::EventId.eq(event_id))
        .filter(event_participant::Column::ActorId.eq(actor))
        .filter(event_participant::Column::Role.eq(role))
        .count(edit.w.txn())
        .await?;
    if taken > 0 {
        return Err(AppError::bad_input(
            "input.actor",
            "this actor already takes part in this role",
        ));
    }
    event_participant::ActiveModel {
        event_id: Set(event_id),
        actor_id: Set(actor),
        role: Set(role),
        ..Default::default()
    }
    .insert(edit.w.txn())
    .await?;
    edit.finish(
        json!({ "change": "participantAdded", "actor": actor, "role": role }),
        None,
    )
    .await
}

/// Removes `actor`'s participation in `role`.
pub async fn remove_participant(
    svc: &ServiceContext,
    event_id: i64,
    expected_version: i32,
    actor: i64,
    role: EventRole,
) -> AppResult<()> {
    let edit = ChildEdit::begin(svc, event_id, expected_version).await?;
    let removed = event_participant::Entity::delete_many()
        .filter(event_participant::Column::EventId.eq(event_id))
        .filter(event_participant::Column::ActorId.eq(actor))
        .filter(event_participant::Column::Role.eq(role))
        .exec(edit.w.txn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::bad_input(
            "input.actor",
            "this actor does not take part in this role",
        ));
    }
    // The removed actor's feed hears of it too.
    edit.finish(
        json!({ "change": "participantRemoved", "actor": actor, "role": role }),
        Some(actor),
    )
    .await
}

/// Adds the person `person` as a named attendee, representing `representing` if given.
pub async fn add_attendee(
    svc: &ServiceContext,
    event_id: i64,
    expected_version: i32,
    person: i64,
    representing: Option<i64>,
) -> AppResult<()> {
    let edit = ChildEdit::begin(svc, event_id, expected_version).await?;
    if readable_person(&edit.w, person).await?.erased_at.is_some() {
        return Err(AppError::bad_input(
            "input.person",
            "this person's data was erased",
        ));
    }
    if let Some(actor) = representing {
        super::super::actor(&edit.w, actor, "input.representing").await?;
    }
    let present = event_attendee::Entity::find()
        .filter(event_attendee::Column::EventId.eq(event_id))
        .filter(event_attendee::Column::PersonId.eq(person))
        .count(edit.w.txn())
        .await?;
    if present > 0 {
        return Err(AppError::bad_input(
            "input.person",
            "this person already attends this event",
        ));
    }
    event_attendee::ActiveModel {
        event_id: Set(event_id),
        person_id: Set(person),
        representing_actor_id: Set(representing),
        ..Default::default()
    }
    .insert(edit.w.txn())
    .await?;
    edit.finish(json!({ "change": "attendeeAdded" }), None)
        .await
}

/// Removes the person `person` from the event's attendees.
pub async fn remove_attendee(
    svc: &ServiceContext,
    event_id: i64,
    expected_version: i32,
    person: i64,
) -> AppResult<()> {
    let edit = ChildEdit::begin(svc, event_id, expected_version).await?;
    readable_person(&edit.w, person).await?;
    let removed = event_attendee::Entity::delete_many()
        .filter(event_attendee::Column::EventId.eq(event_id))
        .filter(event_attendee::Column::PersonId.eq(person))
        .exec(edit.w.txn())
        .await?;
    if removed.rows_affected == 0 {
        return Err(AppError::bad_input(
            "input.person",
            "this person does not attend this event",
        ));
    }
    edit.finish(json!({ "change": "attendeeRemoved" }), None)
        .await
}

/// An edit of one of an event's children, in one transaction.
struct ChildEdit<'a> {
    w: Writer<'a>,
    event: event::Model,
    before: Vec<i64>,
}

impl<'a> ChildEdit<'a> {
    /// Checks the viewer may write the event as it is and bumps its version from
    /// `expected_version` (a stale version answers CONFLICT with `currentVersion`).
    async fn begin(
        svc: &'a ServiceContext,
        event_id: i64,
        expected_version: i32,
    ) -> AppResult<ChildEdit<'a>> {
        let w = Writer::begin(svc).await?;
        let event = load_for_write(&w, event_id).await?;
        let before = scope::recorded(w.txn(), RecordType::Event, event_id).await?;
        may_write(&w, &before)?;
        w.bump_version::<event::Entity>(event_id, expected_version, "event")
            .await?;
        Ok(Self { w, event, before })
    }

    /// Recomputes the event's circumscriptions (the viewer must be allowed where the event
    /// now sits, too), logs EVENT_UPDATED with `details` and commits.
    async fn finish(self, details: Value, removed_actor: Option<i64>) -> AppResult<()> {
        let Self {
            mut w,
            event,
            before,
        } = self;
        let (territories, circumscriptions) =
            scope::recompute(w.txn(), RecordType::Event, event.id).await?;
        if circumscriptions != before {
            may_write(&w, &circumscriptions)?;
        }
        let actors = participant_actors(&w, event.id).await?;
        w.log(
            Entry::new(
                ActivityKind::EventUpdated,
                RecordType::Event,
                event.id,
                event.sensitivity,
            )
            .actors(actors.into_iter().chain(removed_actor))
            .territories(territories)
            .circumscriptions(circumscriptions.into_iter().chain(before))
            .details(details),
        );
        w.commit(event.id).await
    }
}

/// The person `id`, who must exist and be readable by the viewer under the rule of every read
/// path ([`people::read::may_read_person`]: their organisation's personal data, in the
/// organisation's current circumscriptions). A person the viewer may not read is answered
/// exactly like an unknown one.
async fn readable_person(w: &Writer<'_>, id: i64) -> AppResult<person::Model> {
    let unknown = || AppError::bad_input("input.person", "no such person");
    let found = person::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(unknown)?;
    let circumscriptions =
        people::read::circumscriptions_of_person(w.txn(), found.organisation_id).await?;
    if !people::read::may_read_person(
        &w.svc().viewer,
        id,
        found.organisation_id,
        &circumscriptions,
    ) {
        return Err(unknown());
    }
    Ok(found)
}

//! Mutations on events: schedule, update, archive, restore; participating actors and named
//! attendees (each an update of the event: it takes and bumps the event's version).

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::{ArchiveInput, NamesInput, NamesPatch, patch, patch_try};
use crate::domain::vocabulary::{EventKind, EventRole, Sensitivity};
use crate::error::AppResult;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::DateTime;
use crate::graphql::types::event::Event;
use crate::services::writes::events::{self, EventPatch, NewEvent, attendance};

/// A new event of the network.
#[derive(Debug, Clone, InputObject)]
pub struct CreateEventInput {
    /// Makes the create safe to retry: the same key with the same input answers the event
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The kind of event.
    pub kind: EventKind,
    /// The title (French required).
    pub title: NamesInput,
    /// A description, in French.
    pub description: Option<String>,
    /// When the event starts.
    pub starts_at: DateTime,
    /// When it ends (not before it starts).
    pub ends_at: Option<DateTime>,
    /// Where in Morocco it is held: a territory code (`MA-04`, `MA-RAB`). Give exactly one of
    /// `territory` and `placeInFrance`.
    pub territory: Option<String>,
    /// Where in France it is held (a city, an institution). Give exactly one of `territory`
    /// and `placeInFrance`; an event in France belongs to its Moroccan participants'
    /// circumscriptions.
    pub place_in_france: Option<String>,
    /// The project it belongs to.
    pub project: Option<ID>,
    /// Who may see it: PUBLIC, INTERNAL (the default) or RESTRICTED.
    pub sensitivity: Option<Sensitivity>,
    /// The actors taking part, with their roles (the same actor twice in one role is
    /// refused; at most 200).
    #[graphql(default)]
    pub participants: Vec<EventParticipantInput>,
}

/// An actor taking part in an event, in one role.
#[derive(Debug, Clone, InputObject)]
pub struct EventParticipantInput {
    /// The actor.
    pub actor: ID,
    /// The part it plays.
    pub role: EventRole,
}

/// A change to an event. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateEventInput {
    /// The event.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The kind of event.
    pub kind: Option<EventKind>,
    /// Title changes.
    pub title: Option<NamesPatch>,
    /// The description, in French.
    #[graphql(default)]
    pub description: MaybeUndefined<String>,
    /// When the event starts.
    pub starts_at: Option<DateTime>,
    /// When it ends.
    #[graphql(default)]
    pub ends_at: MaybeUndefined<DateTime>,
    /// Territory code of where it is held in Morocco (clear `placeInFrance` to move an event
    /// from France).
    #[graphql(default)]
    pub territory: MaybeUndefined<String>,
    /// Where in France it is held (clear `territory` to move an event to France).
    #[graphql(default)]
    pub place_in_france: MaybeUndefined<String>,
    /// The project it belongs to.
    #[graphql(default)]
    pub project: MaybeUndefined<ID>,
    /// Who may see it: PUBLIC, INTERNAL or RESTRICTED.
    pub sensitivity: Option<Sensitivity>,
}

/// An actor to add to an event in a role.
#[derive(Debug, Clone, InputObject)]
pub struct AddEventParticipantInput {
    /// The event.
    pub event: ID,
    /// The event's version the client last read (the event's version is bumped).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// The part it plays (an actor may take part in several roles, each once).
    pub role: EventRole,
}

/// An actor's participation in a role to remove from an event.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveEventParticipantInput {
    /// The event.
    pub event: ID,
    /// The event's version the client last read (the event's version is bumped).
    pub expected_version: i32,
    /// The actor.
    pub actor: ID,
    /// The role it no longer plays.
    pub role: EventRole,
}

/// A named person to record as an attendee of an event (personal data).
#[derive(Debug, Clone, InputObject)]
pub struct AddEventAttendeeInput {
    /// The event.
    pub event: ID,
    /// The event's version the client last read (the event's version is bumped).
    pub expected_version: i32,
    /// The person (a Person ID).
    pub person: ID,
    /// The actor the person represented, if any.
    pub representing: Option<ID>,
}

/// A named attendee to remove from an event.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveEventAttendeeInput {
    /// The event.
    pub event: ID,
    /// The event's version the client last read (the event's version is bumped).
    pub expected_version: i32,
    /// The person (a Person ID).
    pub person: ID,
}

/// The event a mutation changed.
#[derive(SimpleObject)]
pub struct EventPayload {
    /// The event as it is after the change.
    pub event: Event,
}

#[derive(Default)]
pub struct EventsMutation;

#[Object]
impl EventsMutation {
    /// Schedules an event (logged as EVENT_SCHEDULED).
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new event.")] input: CreateEventInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = events::create(&rc.svc, key.as_deref(), new_event(input)?).await?;
        payload(rc, id).await
    }

    /// Changes an event (logged as EVENT_UPDATED, with the names of the fields).
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event and what changes.")] input: UpdateEventInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Event, "input.id")?;
        let expected = input.expected_version;
        events::update(&rc.svc, id, expected, event_patch(input)?).await?;
        payload(rc, id).await
    }

    /// Archives an event (e.g. called off; logged as EVENT_ARCHIVED): it leaves lists but
    /// keeps its history.
    async fn archive_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event to archive.")] input: ArchiveInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Event, "input.id")?;
        events::set_archived(&rc.svc, id, input.expected_version, true).await?;
        payload(rc, id).await
    }

    /// Restores an archived event (logged as EVENT_UPDATED).
    async fn restore_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event to restore.")] input: ArchiveInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Event, "input.id")?;
        events::set_archived(&rc.svc, id, input.expected_version, false).await?;
        payload(rc, id).await
    }

    /// Adds an actor to an event in a role (bumps the event's version; EVENT_UPDATED).
    async fn add_event_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event, the actor and its role.")] input: AddEventParticipantInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.event, NodeKind::Event, "input.event")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        attendance::add_participant(&rc.svc, id, input.expected_version, actor, input.role).await?;
        payload(rc, id).await
    }

    /// Removes an actor's participation in a role (bumps the event's version; EVENT_UPDATED).
    async fn remove_event_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event, the actor and its role.")] input: RemoveEventParticipantInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.event, NodeKind::Event, "input.event")?;
        let actor = GlobalId::decode_as(&input.actor, NodeKind::Actor, "input.actor")?;
        attendance::remove_participant(&rc.svc, id, input.expected_version, actor, input.role)
            .await?;
        payload(rc, id).await
    }

    /// Records a named attendee (personal data: the log says an attendee was added, never
    /// who; bumps the event's version).
    async fn add_event_attendee(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event and the person.")] input: AddEventAttendeeInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.event, NodeKind::Event, "input.event")?;
        let person = GlobalId::decode_as(&input.person, NodeKind::Person, "input.person")?;
        let representing = input
            .representing
            .map(|a| GlobalId::decode_as(&a, NodeKind::Actor, "input.representing"))
            .transpose()?;
        attendance::add_attendee(&rc.svc, id, input.expected_version, person, representing).await?;
        payload(rc, id).await
    }

    /// Removes a named attendee (bumps the event's version).
    async fn remove_event_attendee(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event and the person.")] input: RemoveEventAttendeeInput,
    ) -> async_graphql::Result<EventPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.event, NodeKind::Event, "input.event")?;
        let person = GlobalId::decode_as(&input.person, NodeKind::Person, "input.person")?;
        attendance::remove_attendee(&rc.svc, id, input.expected_version, person).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<EventPayload> {
    let event = events::written(&rc.svc, id).await?;
    Ok(EventPayload {
        event: Event::from(event),
    })
}

fn new_event(input: CreateEventInput) -> AppResult<NewEvent> {
    let project_id = input
        .project
        .map(|p| GlobalId::decode_as(&p, NodeKind::Project, "input.project"))
        .transpose()?;
    let participants = input
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let field = format!("input.participants[{i}].actor");
            Ok((
                GlobalId::decode_as(&p.actor, NodeKind::Actor, &field)?,
                p.role,
            ))
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(NewEvent {
        kind: input.kind,
        title_fr: input.title.fr,
        title_ar: input.title.ar,
        title_en: input.title.en,
        description: input.description,
        starts_at: input.starts_at.0,
        ends_at: input.ends_at.map(|d| d.0),
        territory: input.territory,
        place_in_france: input.place_in_france,
        project_id,
        sensitivity: input.sensitivity,
        participants,
    })
}

fn event_patch(input: UpdateEventInput) -> AppResult<EventPatch> {
    let (title_fr, title_ar, title_en) = match input.title {
        Some(n) => (n.fr, patch(n.ar), patch(n.en)),
        None => (None, None, None),
    };
    Ok(EventPatch {
        kind: input.kind,
        title_fr,
        title_ar,
        title_en,
        description: patch(input.description),
        starts_at: input.starts_at.map(|d| d.0),
        ends_at: patch(input.ends_at).map(|d| d.map(|d| d.0)),
        territory: patch(input.territory),
        place_in_france: patch(input.place_in_france),
        project_id: patch_try(input.project, |p| {
            GlobalId::decode_as(&p, NodeKind::Project, "input.project")
        })?,
        sensitivity: input.sensitivity,
    })
}

//! `Event`: a training, study tour, visit, forum, seminar, meeting or steering committee, with
//! the actors taking part and its named attendees (personal data, see `person.rs`) — and the
//! lists of events seen from an actor or a project (helpers for their types to expose).

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::actor::{Actor, circumscriptions};
use super::circumscription::Circumscription;
use super::common::{DateTime, Lang, Names};
use super::partnership_parts::gone;
use super::person::{EventAttendeeConnection, event_attendance, event_attendees};
use super::project::Project;
use super::territory::Territory;
use crate::domain::vocabulary::{EventKind, EventRole, Sensitivity};
use crate::entities::{event, event_participant};
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::events::{
    ActorParticipationCount, ActorParticipations, EventById, EventCircumscriptions,
    EventParticipantCount, EventParticipants, ProjectEventCount, ProjectEvents,
};
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::loaders::reference::TerritoryById;
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};

/// An event of the network: a training session, study tour, visit, forum, seminar, meeting or
/// steering committee.
#[derive(Debug, Clone)]
pub struct Event {
    record: Arc<event::Model>,
    titles: Names,
    descriptions: Names,
}

impl From<event::Model> for Event {
    fn from(m: event::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            descriptions: Names::new(m.description_fr.clone(), None, None),
            record: Arc::new(m),
        }
    }
}

impl Event {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// An event of the network: a training session, study tour, visit, forum, seminar, meeting or
/// steering committee.
#[Object]
impl Event {
    /// The global ID of this event.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Event, self.record.id).encode()
    }

    /// The kind of event.
    async fn kind(&self) -> EventKind {
        self.record.kind
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// A description in `lang`, falling back to French, then Arabic, then English.
    async fn description(
        &self,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> Option<String> {
        self.descriptions.get(lang).map(str::to_owned)
    }

    /// When the event starts.
    async fn starts_at(&self) -> DateTime {
        DateTime(self.record.starts_at)
    }

    /// When the event ends, if known.
    async fn ends_at(&self) -> Option<DateTime> {
        self.record.ends_at.map(DateTime)
    }

    /// Where in Morocco the event is held; null for an event in France.
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        let Some(id) = self.record.territory_id else {
            return Ok(None);
        };
        Ok(load_one::<_, TerritoryById>(ctx, id)
            .await?
            .map(Territory::from))
    }

    /// Where in France the event is held (a city, an institution), for an event in France.
    async fn place_in_france(&self) -> Option<&str> {
        self.record.place_in_france.as_deref()
    }

    /// The project the event belongs to; null when none, or when the viewer may not see it.
    async fn project(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Project>> {
        let Some(id) = self.record.project_id else {
            return Ok(None);
        };
        Ok(load_one::<_, ProjectById>(ctx, id)
            .await?
            .map(Project::from))
    }

    /// The actors taking part, with their roles, in the order they were recorded; those the
    /// viewer may not see are left out (and not counted).
    async fn participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only participants in this role.")] role: Option<EventRole>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<EventParticipationConnection> {
        let key = NestedKey {
            parent: self.record.id,
            args: (role, NestedPage::from_args(first, after)?),
        };
        let count_key = NestedKey {
            parent: self.record.id,
            args: role,
        };
        let (page, total) = page_and_total::<EventParticipants, EventParticipantCount, _, _, _>(
            ctx, key, count_key,
        )
        .await?;
        Ok(EventParticipationConnection(ConnectionData::from_page(
            page,
            total,
            EventParticipation::from,
        )))
    }

    /// How many named people attended. A figure, shown to whoever sees the event; who they
    /// were is personal data (see `attendees`).
    async fn attendee_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        event_attendance(ctx, self.record.id).await
    }

    /// The named people who attended, with the organisation each represented, in the order
    /// they were recorded. Personal data: listed only for viewers who may read the event's
    /// personal data — coordinators and admins, officers of a circumscription the event
    /// belongs to; for anyone else the list is empty and `totalCount` 0 (`attendeeCount`
    /// still says how many there were).
    async fn attendees(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<EventAttendeeConnection> {
        event_attendees(ctx, self.record.id, first, after).await
    }

    /// The consular circumscriptions the event belongs to: its territory's or, for an event
    /// in France, its Moroccan participants'.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        let ids = load_one::<_, EventCircumscriptions>(ctx, self.record.id)
            .await?
            .unwrap_or_default();
        circumscriptions(ctx, ids).await
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Whether the event is archived (kept for history, left out of lists by default).
    async fn archived(&self) -> bool {
        self.record.archived_at.is_some()
    }

    /// Increases with every change (including to its participants); pass it as
    /// `expectedVersion` to update.
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

/// An actor's part in an event, in one role (an actor with two roles takes part twice).
#[derive(Debug, Clone)]
pub struct EventParticipation(event_participant::Model);

impl From<event_participant::Model> for EventParticipation {
    fn from(m: event_participant::Model) -> Self {
        Self(m)
    }
}

/// An actor's part in an event, in one role (an actor with two roles takes part twice).
#[Object]
impl EventParticipation {
    /// The event.
    async fn event(&self, ctx: &Context<'_>) -> async_graphql::Result<Event> {
        load_one::<_, EventById>(ctx, self.0.event_id)
            .await?
            .map(Event::from)
            .ok_or_else(|| gone("event"))
    }

    /// The actor taking part.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Actor> {
        load_one::<_, ActorById>(ctx, self.0.actor_id)
            .await?
            .map(Actor::from)
            .ok_or_else(|| gone("participant"))
    }

    /// The part the actor plays.
    async fn role(&self) -> EventRole {
        self.0.role
    }
}

connection!(EventConnection, EventEdge, Event, "events");
connection!(
    EventParticipationConnection,
    EventParticipationEdge,
    EventParticipation,
    "event participations"
);

/// `Actor.events`: the actor's participations in events (in `role`, if given), in the order
/// they were recorded. Events the viewer may not see, and archived ones, are left out (and
/// not counted).
pub async fn actor_events(
    ctx: &Context<'_>,
    actor_id: i64,
    role: Option<EventRole>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<EventParticipationConnection> {
    let key = NestedKey {
        parent: actor_id,
        args: (role, NestedPage::from_args(first, after)?),
    };
    let count_key = NestedKey {
        parent: actor_id,
        args: role,
    };
    let (page, total) = page_and_total::<ActorParticipations, ActorParticipationCount, _, _, _>(
        ctx, key, count_key,
    )
    .await?;
    Ok(EventParticipationConnection(ConnectionData::from_page(
        page,
        total,
        EventParticipation::from,
    )))
}

/// `Project.events`: the project's events, latest first. Events the viewer may not see, and
/// archived ones, are left out (and not counted).
pub async fn project_events(
    ctx: &Context<'_>,
    project_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<EventConnection> {
    let key = NestedKey {
        parent: project_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ProjectEvents, ProjectEventCount, _, _, _>(ctx, key, project_id).await?;
    Ok(EventConnection(ConnectionData::from_page(
        page,
        total,
        Event::from,
    )))
}

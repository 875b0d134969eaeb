//! `Person` and `ContactPoint`: personal data (GDPR), never public. Built only from what the
//! people services let the viewer read (`services::writes::people::read` by id,
//! `services::people` for the lists under actors, events and exchanges); an erased person
//! keeps their place in the network's history and reads as "erased person". Also the lists
//! that name people, for the types they hang on: an actor's contact points and people, an
//! event's attendees, an exchange's named participants.

use async_graphql::{Context, ID, Object};

use super::actor::Actor;
use super::common::{DateTime, Lang, visible_author};
use crate::domain::vocabulary::ContactKind;
use crate::entities::{contact_point, person};
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::people::{
    ActorContactPoints, ActorPeople, ActorPeopleCount, EventAttendance, EventAttendeeCount,
    EventAttendees, ExchangeNamedParticipantCount, ExchangeNamedParticipants,
};
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};
use crate::services::people::Attendee;
use crate::services::writes::people::read::PersonRecord;

/// A named person of the network (a contact at an organisation, an attendee, a grant
/// holder). Personal data: readable by coordinators and admins, by officers for people of
/// organisations in their circumscription, and by partners for their own organisation's
/// people — and, as a named attendee of an event (participant in an exchange), by whoever
/// reads that record's personal data; never by anonymous viewers.
#[derive(Debug, Clone)]
pub struct Person {
    record: person::Model,
    contacts: Vec<contact_point::Model>,
}

impl From<PersonRecord> for Person {
    fn from(r: PersonRecord) -> Self {
        Self {
            record: r.person,
            contacts: r.contacts,
        }
    }
}

impl Person {
    /// The record, unless erased (then every personal field reads null).
    fn kept(&self) -> Option<&person::Model> {
        self.record.erased_at.is_none().then_some(&self.record)
    }
}

/// A named person of the network (a contact at an organisation, an attendee, a grant
/// holder). Personal data: readable by coordinators and admins, by officers for people of
/// organisations in their circumscription, and by partners for their own organisation's
/// people — and, as a named attendee of an event (participant in an exchange), by whoever
/// reads that record's personal data; never by anonymous viewers.
#[Object]
impl Person {
    /// The global ID of this person.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Person, self.record.id).encode()
    }

    /// Given name; null once the person's data was erased.
    async fn given_name(&self) -> Option<&str> {
        self.kept().map(|p| p.given_name.as_str())
    }

    /// Family name; null once the person's data was erased.
    async fn family_name(&self) -> Option<&str> {
        self.kept().map(|p| p.family_name.as_str())
    }

    /// The name to show: given and family name, or "erased person" in `lang` once erased.
    async fn name(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        match self.kept() {
            Some(p) => format!("{} {}", p.given_name, p.family_name),
            None => match lang {
                Lang::Fr => "Personne effacée",
                Lang::Ar => "شخص محذوف",
                Lang::En => "Erased person",
            }
            .to_owned(),
        }
    }

    /// Function or title at the organisation ("chargée de mission").
    async fn function(&self) -> Option<&str> {
        self.kept().and_then(|p| p.function.as_deref())
    }

    /// Whether the person's personal data was erased (GDPR); the person stays in the history
    /// of events and exchanges they took part in.
    async fn erased(&self) -> bool {
        self.record.erased_at.is_some()
    }

    /// When the person's personal data was erased.
    async fn erased_at(&self) -> Option<DateTime> {
        self.record.erased_at.map(DateTime)
    }

    /// The organisation the person works for; null when none or when the viewer may not see
    /// it.
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        let Some(id) = self.record.organisation_id else {
            return Ok(None);
        };
        Ok(load_one::<_, ActorById>(ctx, id).await?.map(Actor::from))
    }

    /// The person's e-mail addresses, phones and other contacts, oldest first.
    async fn contact_points(&self) -> Vec<ContactPoint> {
        self.contacts.iter().cloned().map(ContactPoint).collect()
    }

    /// Increases with every change (contact points included); pass it as `expectedVersion`.
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
        visible_author(ctx, self.record.created_by.as_deref())
    }

    /// Who last changed the record (token subject); shown to coordinators, admins and the
    /// author.
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        visible_author(ctx, self.record.updated_by.as_deref())
    }
}

/// An e-mail address, phone number, postal address or web page of a person or an
/// organisation. A person's are personal data, read with the person; an organisation's
/// institutional ones are read with the organisation, its others with its personal data.
#[derive(Debug, Clone)]
pub struct ContactPoint(pub contact_point::Model);

/// An e-mail address, phone number, postal address or web page of a person or an
/// organisation. A person's are personal data, read with the person; an organisation's
/// institutional ones are read with the organisation, its others with its personal data.
#[Object]
impl ContactPoint {
    /// The global ID of this contact point (to update or remove it).
    async fn id(&self) -> ID {
        GlobalId::new(NodeKind::ContactPoint, self.0.id).encode()
    }

    /// E-mail, phone, mobile, postal address or web page.
    async fn kind(&self) -> ContactKind {
        self.0.kind
    }

    /// The address or number.
    async fn value(&self) -> &str {
        &self.0.value
    }

    /// Whether it is an institutional contact (a switchboard, a generic or work address)
    /// rather than a private one.
    async fn institutional(&self) -> bool {
        self.0.institutional
    }

    /// When the contact point was recorded.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When the contact point last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }
}

connection!(PersonConnection, PersonEdge, Person, "people");

/// A named person who attended an event, with the organisation they represented there.
#[derive(Debug, Clone)]
pub struct EventAttendee(Attendee);

/// A named person who attended an event, with the organisation they represented there.
#[Object]
impl EventAttendee {
    /// The person. Their contact points are shown only to viewers who may read the person
    /// themself (their organisation's personal data), not to every reader of the event's.
    async fn person(&self) -> Person {
        Person::from(self.0.person.clone())
    }

    /// The organisation they represented; null when none, or when the viewer may not see it.
    async fn representing(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        let Some(id) = self.0.representing else {
            return Ok(None);
        };
        Ok(load_one::<_, ActorById>(ctx, id).await?.map(Actor::from))
    }
}

connection!(
    EventAttendeeConnection,
    EventAttendeeEdge,
    EventAttendee,
    "event attendees"
);

/// `Actor.contactPoints`: the actor's own contact points the viewer may read, oldest first.
pub async fn actor_contact_points(
    ctx: &Context<'_>,
    actor_id: i64,
) -> async_graphql::Result<Vec<ContactPoint>> {
    Ok(load_one::<_, ActorContactPoints>(ctx, actor_id)
        .await?
        .unwrap_or_default()
        .into_iter()
        .map(ContactPoint)
        .collect())
}

/// `Actor.people`: the actor's people the viewer may read, in the order they were recorded.
pub async fn actor_people(
    ctx: &Context<'_>,
    actor_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PersonConnection> {
    let key = NestedKey {
        parent: actor_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ActorPeople, ActorPeopleCount, _, _, _>(ctx, key, actor_id).await?;
    Ok(PersonConnection(ConnectionData::from_page(
        page,
        total,
        Person::from,
    )))
}

/// `Event.attendees`: the event's named attendees, if the viewer reads its personal data.
pub async fn event_attendees(
    ctx: &Context<'_>,
    event_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<EventAttendeeConnection> {
    let key = NestedKey {
        parent: event_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<EventAttendees, EventAttendeeCount, _, _, _>(ctx, key, event_id).await?;
    Ok(EventAttendeeConnection(ConnectionData::from_page(
        page,
        total,
        EventAttendee,
    )))
}

/// `Event.attendeeCount`: how many named people attended, whoever the viewer.
pub async fn event_attendance(ctx: &Context<'_>, event_id: i64) -> async_graphql::Result<i32> {
    let count = load_one::<_, EventAttendance>(ctx, event_id)
        .await?
        .unwrap_or_default();
    Ok(i32::try_from(count).unwrap_or(i32::MAX))
}

/// `Exchange.namedParticipants`: the exchange's named participants (grant holders, trainees),
/// if the viewer reads its personal data.
pub async fn exchange_named_participants(
    ctx: &Context<'_>,
    exchange_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<PersonConnection> {
    let key = NestedKey {
        parent: exchange_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) =
        page_and_total::<ExchangeNamedParticipants, ExchangeNamedParticipantCount, _, _, _>(
            ctx,
            key,
            exchange_id,
        )
        .await?;
    Ok(PersonConnection(ConnectionData::from_page(
        page,
        total,
        Person::from,
    )))
}

//! Loaders of personal data under the records it hangs on: an actor's contact points and
//! people, an event's attendees, an exchange's named participants. The service filters each
//! in SQL by the policy's personal-data rule, so sibling parents share one statement.

use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::entities::contact_point;
use crate::services::ServiceContext;
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::people::{self, Attendee};
use crate::services::writes::people::read::PersonRecord;

id_loader!(
    /// An actor's own contact points the viewer may read (institutional ones with the actor,
    /// the others with its personal data).
    ActorContactPoints, i64 => Vec<contact_point::Model>, people::contact_points_of_actors
);
grouped_loader!(
    /// A page of an actor's people the viewer may read.
    ActorPeople, NestedPage => Page<PersonRecord>, people::people_of_actors
);
id_loader!(
    /// How many people of an actor the viewer may read.
    ActorPeopleCount, i64 => u64, people::count_people_of_actors
);
grouped_loader!(
    /// A page of an event's named attendees (empty without the event's personal data).
    EventAttendees, NestedPage => Page<Attendee>, people::attendees
);
id_loader!(
    /// How many named attendees of an event the viewer may read.
    EventAttendeeCount, i64 => u64, people::count_attendees
);
id_loader!(
    /// How many named attendees an event has, whoever the viewer (a figure).
    EventAttendance, i64 => u64, people::attendance_of_events
);
grouped_loader!(
    /// A page of an exchange's named participants (empty without its personal data).
    ExchangeNamedParticipants, NestedPage => Page<PersonRecord>, people::named_participants
);
id_loader!(
    /// How many named participants of an exchange the viewer may read.
    ExchangeNamedParticipantCount, i64 => u64, people::count_named_participants
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(ActorContactPoints(svc.clone())))
        .data(cached(ActorPeople(svc.clone())))
        .data(cached(ActorPeopleCount(svc.clone())))
        .data(cached(EventAttendees(svc.clone())))
        .data(cached(EventAttendeeCount(svc.clone())))
        .data(cached(EventAttendance(svc.clone())))
        .data(cached(ExchangeNamedParticipants(svc.clone())))
        .data(cached(ExchangeNamedParticipantCount(svc.clone())))
}

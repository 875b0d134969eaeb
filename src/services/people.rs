//! Personal data read from the records it hangs on (DESIGN §5): an actor's contact points and
//! people, an event's named attendees, an exchange's named participants (grant holders,
//! trainees). Each list is taken for many parents in one statement (see
//! [`super::nested`]) and filtered inside the query by the policy's personal-data rule
//! ([`policy::personal_data_condition`]), so what the viewer may not read is neither listed
//! nor counted. People are written, and read by id, in [`super::writes::people`].
//!
//! | list | who reads it |
//! |---|---|
//! | an actor's institutional contact points | whoever sees the actor |
//! | an actor's other contact points, its people | personal data of the actor |
//! | an event's attendees | personal data of the event |
//! | an exchange's named participants | personal data of the exchange |
//!
//! A named attendee or participant shows their name to whoever reads the event's (exchange's)
//! personal data, and their contact points only to those who may read the person themself
//! (their organisation's personal data).

use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::ServiceContext;
use super::nested::{self, NestedList, NestedPage};
use super::pagination::{KeyKind, Page, SortKey};
use super::writes::people::read::PersonRecord;
use crate::auth::{Viewer, policy};
use crate::domain::vocabulary::RecordType;
use crate::entities::{contact_point, event_attendee, exchange_participant, person};
use crate::error::AppResult;

/// Most ids one statement's `IN (…)` list carries: well under both backends' bind limits
/// (32,766 on SQLite, 65,535 on PostgreSQL), and above what one batch of pages holds in
/// practice, so a query's statements do not grow with its rows.
const CHUNK: usize = 10_000;

/// A named attendee of an event: the person, and the actor they represented.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub person: PersonRecord,
    /// The actor they represented (its id; its visibility is the actor's own).
    pub representing: Option<i64>,
}

/// People the viewer may read as people: those of organisations whose personal data it reads.
fn readable_people(viewer: &Viewer) -> Condition {
    policy::personal_data_condition(viewer, RecordType::Actor, person::Column::OrganisationId)
}

/// The own contact points of each of `actors` (not their people's) the viewer may read, oldest
/// first: the institutional ones with the actor, the others with the actor's personal data.
/// One statement.
pub async fn contact_points_of_actors(
    svc: &ServiceContext,
    actors: &[i64],
) -> AppResult<HashMap<i64, Vec<contact_point::Model>>> {
    let rows = contact_point::Entity::find()
        .filter(contact_point::Column::ActorId.is_in(actors.iter().copied()))
        .filter(contact_point::Column::PersonId.is_null())
        .filter(
            Condition::any()
                .add(contact_point::Column::Institutional.eq(true))
                .add(policy::personal_data_condition(
                    &svc.viewer,
                    RecordType::Actor,
                    contact_point::Column::ActorId,
                )),
        )
        .order_by_asc(contact_point::Column::Id)
        .all(&svc.db.reader)
        .await?;
    let mut grouped: HashMap<i64, Vec<contact_point::Model>> =
        actors.iter().map(|a| (*a, Vec::new())).collect();
    for row in rows {
        if let Some(actor) = row.actor_id {
            grouped.entry(actor).or_default().push(row);
        }
    }
    Ok(grouped)
}

/// The people of an organisation the viewer may read, their data not erased.
fn listed_people(svc: &ServiceContext) -> sea_orm::Select<person::Entity> {
    person::Entity::find()
        .filter(person::Column::ErasedAt.is_null())
        .filter(readable_people(&svc.viewer))
}

/// A page of the people of each of `actors` (erased ones left out), in the order they were
/// recorded, with their contact points. Two statements.
pub async fn people_of_actors(
    svc: &ServiceContext,
    actors: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<PersonRecord>>> {
    let list = NestedList {
        select: listed_people(svc),
        parent: person::Column::OrganisationId,
        keys: vec![SortKey::asc(person::Column::Id, KeyKind::Int)],
        parent_of: |p| p.organisation_id.unwrap_or_default(),
        cursor_of: |p| vec![json!(p.id)],
    };
    let pages = nested::page_per_parent(&svc.db.reader, list, actors, page).await?;
    let ids: Vec<i64> = pages
        .values()
        .flat_map(|p| p.items.iter().map(|(_, person)| person.id))
        .collect();
    // Every person listed is readable in full: all their contact points.
    let contacts = contacts_of_people(&svc.db.reader, &ids, Condition::all()).await?;
    Ok(pages
        .into_iter()
        .map(|(actor, page)| {
            let page = page.map(|person| PersonRecord {
                contacts: contacts.get(&person.id).cloned().unwrap_or_default(),
                person,
            });
            (actor, page)
        })
        .collect())
}

/// How many people each of `actors` has, as the viewer may read them (erased ones left out).
pub async fn count_people_of_actors(
    svc: &ServiceContext,
    actors: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_people(svc),
        person::Column::OrganisationId,
        actors,
    )
    .await
}

/// The attendee rows of the events whose personal data the viewer reads.
fn listed_attendees(svc: &ServiceContext) -> sea_orm::Select<event_attendee::Entity> {
    event_attendee::Entity::find().filter(policy::personal_data_condition(
        &svc.viewer,
        RecordType::Event,
        event_attendee::Column::EventId,
    ))
}

/// A page of the named attendees of each of `events`, in the order they were recorded; empty
/// for an event whose personal data the viewer may not read. Three statements.
pub async fn attendees(
    svc: &ServiceContext,
    events: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<Attendee>>> {
    let list = NestedList {
        select: listed_attendees(svc),
        parent: event_attendee::Column::EventId,
        keys: vec![SortKey::asc(event_attendee::Column::Id, KeyKind::Int)],
        parent_of: |a| a.event_id,
        cursor_of: |a| vec![json!(a.id)],
    };
    let pages = nested::page_per_parent(&svc.db.reader, list, events, page).await?;
    let ids: Vec<i64> = pages
        .values()
        .flat_map(|p| p.items.iter().map(|(_, a)| a.person_id))
        .collect();
    let people = named(svc, &ids).await?;
    Ok(pages
        .into_iter()
        .map(|(event, page)| {
            let items = page
                .items
                .into_iter()
                .filter_map(|(cursor, row)| {
                    let person = people.get(&row.person_id)?.clone();
                    Some((
                        cursor,
                        Attendee {
                            person,
                            representing: row.representing_actor_id,
                        },
                    ))
                })
                .collect();
            let page = Page {
                items,
                has_next: page.has_next,
                has_previous: page.has_previous,
            };
            (event, page)
        })
        .collect())
}

/// How many named attendees each of `events` has, as the viewer may read them (0 where it
/// may not read the event's personal data).
pub async fn count_attendees(svc: &ServiceContext, events: &[i64]) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_attendees(svc),
        event_attendee::Column::EventId,
        events,
    )
    .await
}

/// How many named attendees each of `events` has, whoever the viewer: a figure, not personal
/// data (the caller has checked the viewer sees the events).
pub async fn attendance_of_events(
    svc: &ServiceContext,
    events: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        event_attendee::Entity::find(),
        event_attendee::Column::EventId,
        events,
    )
    .await
}

/// The named-participant rows of the exchanges whose personal data the viewer reads.
fn listed_participants(svc: &ServiceContext) -> sea_orm::Select<exchange_participant::Entity> {
    exchange_participant::Entity::find().filter(policy::personal_data_condition(
        &svc.viewer,
        RecordType::Exchange,
        exchange_participant::Column::ExchangeId,
    ))
}

/// A page of the named participants (grant holders, trainees) of each of `exchanges`, by
/// person; empty for an exchange whose personal data the viewer may not read. Three
/// statements.
pub async fn named_participants(
    svc: &ServiceContext,
    exchanges: &[i64],
    page: &NestedPage,
) -> AppResult<HashMap<i64, Page<PersonRecord>>> {
    let list = NestedList {
        select: listed_participants(svc),
        parent: exchange_participant::Column::ExchangeId,
        keys: vec![SortKey::asc(
            exchange_participant::Column::PersonId,
            KeyKind::Int,
        )],
        parent_of: |p| p.exchange_id,
        cursor_of: |p| vec![json!(p.person_id)],
    };
    let pages = nested::page_per_parent(&svc.db.reader, list, exchanges, page).await?;
    let ids: Vec<i64> = pages
        .values()
        .flat_map(|p| p.items.iter().map(|(_, row)| row.person_id))
        .collect();
    let people = named(svc, &ids).await?;
    Ok(pages
        .into_iter()
        .map(|(exchange, page)| {
            let items = page
                .items
                .into_iter()
                .filter_map(|(cursor, row)| Some((cursor, people.get(&row.person_id)?.clone())))
                .collect();
            let page = Page {
                items,
                has_next: page.has_next,
                has_previous: page.has_previous,
            };
            (exchange, page)
        })
        .collect())
}

/// How many named participants each of `exchanges` has, as the viewer may read them.
pub async fn count_named_participants(
    svc: &ServiceContext,
    exchanges: &[i64],
) -> AppResult<HashMap<i64, u64>> {
    nested::count_per_parent(
        &svc.db.reader,
        listed_participants(svc),
        exchange_participant::Column::ExchangeId,
        exchanges,
    )
    .await
}

/// The people `ids`, named by a record whose personal data the viewer reads: every one of
/// them, with the contact points of those the viewer may also read as people. Two statements.
async fn named(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, PersonRecord>> {
    let conn = &svc.db.reader;
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut people: HashMap<i64, person::Model> = HashMap::new();
    for chunk in wanted.chunks(CHUNK) {
        let rows = person::Entity::find()
            .filter(person::Column::Id.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        people.extend(rows.into_iter().map(|p| (p.id, p)));
    }
    let readable = Condition::all().add(
        contact_point::Column::PersonId.in_subquery(
            Query::select()
                .column(person::Column::Id)
                .from(person::Entity)
                .cond_where(readable_people(&svc.viewer))
                .to_owned(),
        ),
    );
    let mut contacts = contacts_of_people(conn, &wanted, readable).await?;
    Ok(people
        .into_iter()
        .map(|(id, person)| {
            let record = PersonRecord {
                contacts: contacts.remove(&id).unwrap_or_default(),
                person,
            };
            (id, record)
        })
        .collect())
}

/// The contact points of the people `ids` that satisfy `condition`, oldest first, by person.
async fn contacts_of_people<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
    condition: Condition,
) -> AppResult<HashMap<i64, Vec<contact_point::Model>>> {
    let mut grouped: HashMap<i64, Vec<contact_point::Model>> = HashMap::new();
    for chunk in ids.chunks(CHUNK) {
        let rows = contact_point::Entity::find()
            .filter(contact_point::Column::PersonId.is_in(chunk.iter().copied()))
            .filter(condition.clone())
            .order_by_asc(contact_point::Column::Id)
            .all(conn)
            .await?;
        for row in rows {
            if let Some(owner) = row.person_id {
                grouped.entry(owner).or_default().push(row);
            }
        }
    }
    Ok(grouped)
}

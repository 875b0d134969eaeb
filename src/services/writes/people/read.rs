//! Reading people and contact points back under the policy: for `node(id:)` and for
//! payloads. One statement per step whatever the number of people asked for. The lists of
//! people under the records that name them (an actor's people and contact points, an event's
//! attendees) are in [`crate::services::people`].
//!
//! A person is part of their organisation's record in full: they are read with the
//! organisation's personal data ([`policy::can_read_personal_data`]) — which lets a partner
//! read its own actor's people. Anonymous viewers never read them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::super::super::{ServiceContext, scope};
use crate::auth::Viewer;
use crate::auth::policy;
use crate::domain::vocabulary::RecordType;
use crate::entities::{contact_point, person};
use crate::error::{AppError, AppResult};

/// Most ids one statement's `IN (…)` list carries (well under both backends' bind limits).
const CHUNK: usize = 500;

/// A person as a viewer may read them, with their contact points.
#[derive(Debug, Clone)]
pub struct PersonRecord {
    pub person: person::Model,
    pub contacts: Vec<contact_point::Model>,
}

/// Whether the viewer may read the person `id` of `organisation`, who belongs to
/// `circumscriptions` (its organisation's, see [`circumscriptions_of_person`]): the personal
/// data of the organisation (coordinators and admins also read people of no organisation).
/// The same rule as [`policy::personal_data_condition`] on `persons.organisation_id`, which
/// the lists of people use.
pub fn may_read_person(
    viewer: &Viewer,
    id: i64,
    organisation: Option<i64>,
    circumscriptions: &[i64],
) -> bool {
    match organisation {
        Some(org) => {
            policy::can_read_personal_data(viewer, RecordType::Actor, org, circumscriptions)
        }
        None => policy::can_read_personal_data(viewer, RecordType::Person, id, &[]),
    }
}

/// The circumscriptions a person belongs to: their organisation's (DESIGN §5), read from
/// the organisation's stored ones, so that they follow the organisation when it moves.
pub async fn circumscriptions_of_person<C: ConnectionTrait>(
    conn: &C,
    organisation: Option<i64>,
) -> AppResult<Vec<i64>> {
    match organisation {
        Some(org) => scope::recorded(conn, RecordType::Actor, org).await,
        None => Ok(Vec::new()),
    }
}

/// The people among `ids` the viewer may read, in the order of `ids`, with their contact
/// points (oldest first). Unknown and unreadable ids are left out alike. Three statements.
pub async fn visible(svc: &ServiceContext, ids: &[i64]) -> AppResult<Vec<PersonRecord>> {
    visible_in(&svc.db.reader, &svc.viewer, ids).await
}

/// [`visible`] on a given connection (a write transaction reading back what it wrote).
pub async fn visible_in<C: ConnectionTrait>(
    conn: &C,
    viewer: &Viewer,
    ids: &[i64],
) -> AppResult<Vec<PersonRecord>> {
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let mut found: HashMap<i64, person::Model> = HashMap::new();
    for chunk in wanted.chunks(CHUNK) {
        let rows = person::Entity::find()
            .filter(person::Column::Id.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        found.extend(rows.into_iter().map(|p| (p.id, p)));
    }
    let mut organisations: Vec<i64> = found.values().filter_map(|p| p.organisation_id).collect();
    organisations.sort_unstable();
    organisations.dedup();
    let circumscriptions =
        scope::circumscriptions_of_records(conn, RecordType::Actor, &organisations).await?;
    found.retain(|id, p| {
        let circs = p
            .organisation_id
            .and_then(|org| circumscriptions.get(&org))
            .map(Vec::as_slice)
            .unwrap_or_default();
        may_read_person(viewer, *id, p.organisation_id, circs)
    });
    let readable: Vec<i64> = found.keys().copied().collect();
    let mut contacts: HashMap<i64, Vec<contact_point::Model>> = HashMap::new();
    for chunk in readable.chunks(CHUNK) {
        let rows = contact_point::Entity::find()
            .filter(contact_point::Column::PersonId.is_in(chunk.iter().copied()))
            .order_by_asc(contact_point::Column::Id)
            .all(conn)
            .await?;
        for row in rows {
            if let Some(owner) = row.person_id {
                contacts.entry(owner).or_default().push(row);
            }
        }
    }
    Ok(ids
        .iter()
        .filter_map(|id| {
            found.get(id).map(|p| PersonRecord {
                person: p.clone(),
                contacts: contacts.get(id).cloned().unwrap_or_default(),
            })
        })
        .collect())
}

/// One person, if the viewer may read them.
pub async fn one(svc: &ServiceContext, id: i64) -> AppResult<Option<PersonRecord>> {
    Ok(visible(svc, &[id]).await?.pop())
}

/// A person for a mutation's payload (the viewer just wrote it, so may read it).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<PersonRecord> {
    one(svc, id)
        .await?
        .ok_or_else(|| AppError::NotFound("no such person".to_owned()))
}

/// A contact point for a mutation's payload.
pub async fn written_contact(svc: &ServiceContext, id: i64) -> AppResult<contact_point::Model> {
    contact_point::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such contact point".to_owned()))
}

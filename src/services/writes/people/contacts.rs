//! Contact points of an actor (its own, institutional ones) or of a person. A contact point
//! is a child of its owner: every change carries the owner's `expectedVersion` and bumps it,
//! and is logged as a change of the owner (ACTOR_UPDATED / PERSON_UPDATED) naming the field,
//! never the value.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;

use super::super::super::validate;
use super::super::super::write::{Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::persons::load_for_write as load_person;
use super::read::circumscriptions_of_person;
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, ContactKind, RecordType, Sensitivity};
use crate::entities::{actor, contact_point, person};
use crate::error::{AppError, AppResult};

/// Most contact points one actor or person may have.
const MAX_CONTACTS: u64 = 50;
/// Longest postal address, in characters.
const ADDRESS_MAX: usize = 1_000;

/// Whose contact point it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactOwner {
    Actor(i64),
    Person(i64),
}

/// A new contact point, as received.
#[derive(Debug, Clone)]
pub struct NewContact {
    pub kind: ContactKind,
    pub value: String,
    /// Default: true for an actor's contact, false for a person's.
    pub institutional: Option<bool>,
}

/// A change to a contact point: `None` keeps a field.
#[derive(Debug, Clone, Default)]
pub struct ContactChange {
    pub kind: Option<ContactKind>,
    pub value: Option<String>,
    pub institutional: Option<bool>,
}

/// Adds a contact point to `owner`, whose version the client last read is `expected_version`;
/// answers the contact point's id.
pub async fn add_contact(
    svc: &ServiceContext,
    owner: ContactOwner,
    expected_version: i32,
    new: NewContact,
) -> AppResult<i64> {
    let mut w = Writer::begin(svc).await?;
    let entry = claim_owner(&w, owner, expected_version, "input.owner").await?;
    let value = checked_value(new.kind, &new.value)?;
    let existing = owned(owner).count(w.txn()).await?;
    if existing >= MAX_CONTACTS {
        return Err(AppError::bad_input(
            "input.owner",
            format!("at most {MAX_CONTACTS} contact points"),
        ));
    }
    refuse_duplicate(&w, owner, None, new.kind, &value).await?;
    let (actor_id, person_id, default_institutional) = match owner {
        ContactOwner::Actor(id) => (Some(id), None, true),
        ContactOwner::Person(id) => (None, Some(id), false),
    };
    let created = contact_point::ActiveModel {
        actor_id: Set(actor_id),
        person_id: Set(person_id),
        kind: Set(new.kind),
        value: Set(value),
        institutional: Set(new.institutional.unwrap_or(default_institutional)),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    w.log(entry.details(json!({ "fields": ["contactPoints"], "change": "added" })));
    w.commit(created.id).await?;
    Ok(created.id)
}

/// Changes a contact point; `expected_version` is its owner's. Answers the owner.
pub async fn update_contact(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    change: ContactChange,
) -> AppResult<ContactOwner> {
    let mut w = Writer::begin(svc).await?;
    let current = load_contact(&w, id).await?;
    let owner = owner_of(&current)?;
    let entry = claim_owner(&w, owner, expected_version, "input.id").await?;
    if change.kind.is_none() && change.value.is_none() && change.institutional.is_none() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    let kind = change.kind.unwrap_or(current.kind);
    let value = checked_value(kind, change.value.as_deref().unwrap_or(&current.value))?;
    refuse_duplicate(&w, owner, Some(id), kind, &value).await?;
    let mut row: contact_point::ActiveModel = current.clone().into();
    row.kind = Set(kind);
    row.value = Set(value);
    if let Some(institutional) = change.institutional {
        row.institutional = Set(institutional);
    }
    row.version = Set(current.version + 1);
    row.updated_at = Set(w.now());
    row.updated_by = Set(w.author());
    row.update(w.txn()).await?;
    w.log(entry.details(json!({ "fields": ["contactPoints"], "change": "updated" })));
    w.commit(id).await?;
    Ok(owner)
}

/// Removes a contact point; `expected_version` is its owner's. Answers the owner.
pub async fn remove_contact(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
) -> AppResult<ContactOwner> {
    let mut w = Writer::begin(svc).await?;
    let current = load_contact(&w, id).await?;
    let owner = owner_of(&current)?;
    let entry = claim_owner(&w, owner, expected_version, "input.id").await?;
    contact_point::Entity::delete_by_id(id)
        .exec(w.txn())
        .await?;
    w.log(entry.details(json!({ "fields": ["contactPoints"], "change": "removed" })));
    let subject = match owner {
        ContactOwner::Actor(id) | ContactOwner::Person(id) => id,
    };
    w.commit(subject).await?;
    Ok(owner)
}

/// Checks that the viewer may change `owner`'s contacts, bumps the owner's version from
/// `expected`, and answers the activity entry recording the change (details to be added).
async fn claim_owner(
    w: &Writer<'_>,
    owner: ContactOwner,
    expected: i32,
    field: &str,
) -> AppResult<Entry> {
    let viewer = &w.svc().viewer;
    match owner {
        ContactOwner::Actor(id) => {
            let found = actor::Entity::find_by_id(id)
                .filter(policy::read_condition(
                    viewer,
                    RecordType::Actor,
                    actor::Column::Sensitivity,
                    actor::Column::Id,
                ))
                .one(w.txn())
                .await?
                .ok_or_else(|| AppError::bad_input(field, "no such actor"))?;
            let circumscriptions = scope::recorded(w.txn(), RecordType::Actor, id).await?;
            policy::may_write(
                viewer,
                RecordType::Actor,
                &WriteScope {
                    circumscriptions: circumscriptions.clone(),
                    actors: vec![id],
                },
            )?;
            w.bump_version::<actor::Entity>(id, expected, "actor")
                .await?;
            Ok(Entry::new(
                ActivityKind::ActorUpdated,
                RecordType::Actor,
                id,
                found.sensitivity,
            )
            .actors([id])
            .territories(found.seat_territory_id)
            .circumscriptions(circumscriptions))
        }
        ContactOwner::Person(id) => {
            let found = load_person(w, id).await.map_err(|e| match e {
                AppError::NotFound(_) => AppError::bad_input(field, "no such person"),
                other => other,
            })?;
            let circumscriptions =
                circumscriptions_of_person(w.txn(), found.organisation_id).await?;
            let actors: Vec<i64> = found.organisation_id.into_iter().collect();
            policy::may_write(
                viewer,
                RecordType::Person,
                &WriteScope {
                    circumscriptions: circumscriptions.clone(),
                    actors: actors.clone(),
                },
            )?;
            w.bump_version::<person::Entity>(id, expected, "person")
                .await?;
            let territories = scope::territories_of_record(w.txn(), RecordType::Person, id).await?;
            Ok(Entry::new(
                ActivityKind::PersonUpdated,
                RecordType::Person,
                id,
                Sensitivity::Personal,
            )
            .actors(actors)
            .territories(territories)
            .circumscriptions(circumscriptions))
        }
    }
}

/// The contact point `id`; unknown is NOT_FOUND (visibility is its owner's, checked next).
async fn load_contact(w: &Writer<'_>, id: i64) -> AppResult<contact_point::Model> {
    contact_point::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such contact point".to_owned()))
}

/// A person's contact belongs to the person (even when it also names an actor).
fn owner_of(contact: &contact_point::Model) -> AppResult<ContactOwner> {
    match (contact.person_id, contact.actor_id) {
        (Some(person), _) => Ok(ContactOwner::Person(person)),
        (None, Some(actor)) => Ok(ContactOwner::Actor(actor)),
        (None, None) => Err(AppError::internal("a contact point without an owner")),
    }
}

/// The contact points of `owner` (for an actor, its own — not its people's).
fn owned(owner: ContactOwner) -> sea_orm::Select<contact_point::Entity> {
    match owner {
        ContactOwner::Actor(id) => contact_point::Entity::find()
            .filter(contact_point::Column::ActorId.eq(id))
            .filter(contact_point::Column::PersonId.is_null()),
        ContactOwner::Person(id) => {
            contact_point::Entity::find().filter(contact_point::Column::PersonId.eq(id))
        }
    }
}

/// The same owner may not have the same contact twice (e-mail addresses compared without
/// case).
async fn refuse_duplicate(
    w: &Writer<'_>,
    owner: ContactOwner,
    except: Option<i64>,
    kind: ContactKind,
    value: &str,
) -> AppResult<()> {
    let mut query = owned(owner).filter(contact_point::Column::Kind.eq(kind));
    if let Some(except) = except {
        query = query.filter(contact_point::Column::Id.ne(except));
    }
    let same = |other: &str| match kind {
        ContactKind::Email => other.to_lowercase() == value.to_lowercase(),
        _ => other == value,
    };
    let taken = query.all(w.txn()).await?.iter().any(|c| same(&c.value));
    if taken {
        return Err(AppError::bad_input(
            "input.value",
            "this contact point is already recorded",
        ));
    }
    Ok(())
}

/// The value, validated for its kind.
fn checked_value(kind: ContactKind, value: &str) -> AppResult<String> {
    const FIELD: &str = "input.value";
    match kind {
        ContactKind::Email => validate::email(FIELD, value),
        ContactKind::Phone | ContactKind::Mobile => validate::phone(FIELD, value),
        ContactKind::Web => validate::optional_url(FIELD, Some(value))?
            .ok_or_else(|| AppError::bad_input(FIELD, "must not be empty")),
        ContactKind::Address => {
            let value = validate::optional_long_text(FIELD, Some(value), ADDRESS_MAX)?;
            value.ok_or_else(|| AppError::bad_input(FIELD, "must not be empty"))
        }
    }
}

/// Deletes every contact point of a person (erasure).
pub(super) async fn delete_all_of_person(w: &Writer<'_>, person: i64) -> AppResult<u64> {
    let result = contact_point::Entity::delete_many()
        .filter(contact_point::Column::PersonId.eq(person))
        .exec(w.txn())
        .await?;
    Ok(result.rows_affected)
}

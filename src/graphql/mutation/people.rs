//! Mutations on people and contact points (personal data), and their erasure.

use async_graphql::{Context, Enum, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::{patch, patch_try};
use crate::domain::vocabulary::ContactKind;
use crate::error::{AppError, AppResult};
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::actor::Actor;
use crate::graphql::types::person::{ContactPoint, Person};
use crate::services::writes::actors;
use crate::services::writes::people::{
    self, ContactChange, ContactOwner, ErasureGround, NewContact, NewPerson, PersonPatch, read,
};

/// A new person (personal data; logged without its values).
#[derive(Debug, Clone, InputObject)]
pub struct CreatePersonInput {
    /// Makes the create safe to retry: the same key with the same input answers the person
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// Function or title at the organisation.
    pub function: Option<String>,
    /// The organisation (actor) the person works for; decides who may read and change them.
    pub organisation: Option<ID>,
}

/// A change to a person. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdatePersonInput {
    /// The person.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// Function or title; `null` clears it.
    #[graphql(default)]
    pub function: MaybeUndefined<String>,
    /// The organisation; `null` detaches the person from it.
    #[graphql(default)]
    pub organisation: MaybeUndefined<ID>,
}

/// A new contact point of an actor (its own, institutional contact) or of a person.
#[derive(Debug, Clone, InputObject)]
pub struct AddContactPointInput {
    /// The actor or person it belongs to.
    pub owner: ID,
    /// The owner's version the client last read (adding a contact point bumps it).
    pub expected_version: i32,
    /// E-mail, phone, mobile, postal address or web page.
    pub kind: ContactKind,
    /// The address or number, checked for its kind.
    pub value: String,
    /// Institutional (switchboard, generic or work address) rather than private; default
    /// true for an actor's contact, false for a person's.
    pub institutional: Option<bool>,
}

/// A change to a contact point. Absent fields are kept.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateContactPointInput {
    /// The contact point.
    pub id: ID,
    /// The version of its owner (actor or person) the client last read.
    pub expected_version: i32,
    /// New kind (the value is checked again for it).
    pub kind: Option<ContactKind>,
    /// New address or number.
    pub value: Option<String>,
    /// Institutional or private.
    pub institutional: Option<bool>,
}

/// A contact point to remove.
#[derive(Debug, Clone, InputObject)]
pub struct RemoveContactPointInput {
    /// The contact point.
    pub id: ID,
    /// The version of its owner (actor or person) the client last read.
    pub expected_version: i32,
}

/// Why a person's data is erased (GDPR art. 17 (1)); recorded instead of free text, which
/// could itself carry personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum ErasureReason {
    /// The person asked for it.
    DataSubjectRequest,
    /// The person withdrew the consent the data was kept on.
    ConsentWithdrawn,
    /// The data is no longer needed for the purpose it was collected for.
    NoLongerNeeded,
    /// The data was processed unlawfully.
    UnlawfulProcessing,
    /// A legal obligation requires it.
    LegalObligation,
}

/// A person whose personal data is to be erased.
#[derive(Debug, Clone, InputObject)]
pub struct ErasePersonInput {
    /// The person.
    pub id: ID,
    /// Why (logged).
    pub reason: Option<ErasureReason>,
}

/// The person a mutation changed.
#[derive(SimpleObject)]
pub struct PersonPayload {
    /// The person as they are after the change.
    pub person: Person,
}

/// A contact point a mutation changed, with its owner after the change.
#[derive(SimpleObject)]
pub struct ContactPointPayload {
    /// The contact point; null once removed.
    pub contact_point: Option<ContactPoint>,
    /// Its owner, when a person.
    pub person: Option<Person>,
    /// Its owner, when an actor.
    pub actor: Option<Actor>,
}

#[derive(Default)]
pub struct PeopleMutation;

#[Object]
impl PeopleMutation {
    /// Records a person (logged as PERSON_ADDED, without personal values).
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new person.")] input: CreatePersonInput,
    ) -> async_graphql::Result<PersonPayload> {
        let rc = RequestContext::of(ctx)?;
        let new = NewPerson {
            given_name: input.given_name,
            family_name: input.family_name,
            function: input.function,
            organisation_id: input
                .organisation
                .map(|o| GlobalId::decode_as(&o, NodeKind::Actor, "input.organisation"))
                .transpose()?,
        };
        let key = input.idempotency_key.as_deref();
        let id = people::create(&rc.svc, key, new).await?;
        person_payload(rc, id).await
    }

    /// Changes a person (logged as PERSON_UPDATED with the names of the fields only).
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person and what changes.")] input: UpdatePersonInput,
    ) -> async_graphql::Result<PersonPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Person, "input.id")?;
        let change = PersonPatch {
            given_name: input.given_name,
            family_name: input.family_name,
            function: patch(input.function),
            organisation_id: patch_try(input.organisation, |o| {
                GlobalId::decode_as(&o, NodeKind::Actor, "input.organisation")
            })?,
        };
        people::update(&rc.svc, id, input.expected_version, change).await?;
        person_payload(rc, id).await
    }

    /// Adds a contact point to an actor or a person, bumping the owner's version.
    async fn add_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The owner and the contact.")] input: AddContactPointInput,
    ) -> async_graphql::Result<ContactPointPayload> {
        let rc = RequestContext::of(ctx)?;
        let owner = decode_owner(&input.owner)?;
        let new = NewContact {
            kind: input.kind,
            value: input.value,
            institutional: input.institutional,
        };
        let id = people::add_contact(&rc.svc, owner, input.expected_version, new).await?;
        contact_payload(rc, Some(id), owner).await
    }

    /// Changes a contact point, bumping its owner's version.
    async fn update_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact point and what changes.")] input: UpdateContactPointInput,
    ) -> async_graphql::Result<ContactPointPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::ContactPoint, "input.id")?;
        let change = ContactChange {
            kind: input.kind,
            value: input.value,
            institutional: input.institutional,
        };
        let owner = people::update_contact(&rc.svc, id, input.expected_version, change).await?;
        contact_payload(rc, Some(id), owner).await
    }

    /// Removes a contact point, bumping its owner's version.
    async fn remove_contact_point(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contact point to remove.")] input: RemoveContactPointInput,
    ) -> async_graphql::Result<ContactPointPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::ContactPoint, "input.id")?;
        let owner = people::remove_contact(&rc.svc, id, input.expected_version).await?;
        contact_payload(rc, None, owner).await
    }

    /// Erases a person's personal data (GDPR; administrators only): names and function are
    /// blanked, contact points deleted; the person stays in the history of the events and
    /// exchanges they took part in, as an "erased person". Logged as PERSON_ERASED without
    /// personal values.
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person to erase.")] input: ErasePersonInput,
    ) -> async_graphql::Result<PersonPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Person, "input.id")?;
        people::erase(&rc.svc, id, input.reason.map(ground)).await?;
        person_payload(rc, id).await
    }
}

fn ground(reason: ErasureReason) -> ErasureGround {
    match reason {
        ErasureReason::DataSubjectRequest => ErasureGround::DataSubjectRequest,
        ErasureReason::ConsentWithdrawn => ErasureGround::ConsentWithdrawn,
        ErasureReason::NoLongerNeeded => ErasureGround::NoLongerNeeded,
        ErasureReason::UnlawfulProcessing => ErasureGround::UnlawfulProcessing,
        ErasureReason::LegalObligation => ErasureGround::LegalObligation,
    }
}

/// A contact point's owner: an actor's or a person's global ID.
fn decode_owner(id: &ID) -> AppResult<ContactOwner> {
    let global = GlobalId::decode(id, "input.owner")?;
    match global.kind {
        NodeKind::Actor => Ok(ContactOwner::Actor(global.id)),
        NodeKind::Person => Ok(ContactOwner::Person(global.id)),
        _ => Err(AppError::bad_input(
            "input.owner",
            "a contact point belongs to an actor or a person",
        )),
    }
}

async fn person_payload(rc: &RequestContext, id: i64) -> async_graphql::Result<PersonPayload> {
    Ok(PersonPayload {
        person: Person::from(read::written(&rc.svc, id).await?),
    })
}

async fn contact_payload(
    rc: &RequestContext,
    contact: Option<i64>,
    owner: ContactOwner,
) -> async_graphql::Result<ContactPointPayload> {
    let contact_point = match contact {
        Some(id) => Some(ContactPoint(read::written_contact(&rc.svc, id).await?)),
        None => None,
    };
    Ok(match owner {
        ContactOwner::Person(id) => ContactPointPayload {
            contact_point,
            person: Some(Person::from(read::written(&rc.svc, id).await?)),
            actor: None,
        },
        ContactOwner::Actor(id) => ContactPointPayload {
            contact_point,
            person: None,
            actor: Some(Actor::from(actors::written(&rc.svc, id).await?)),
        },
    })
}

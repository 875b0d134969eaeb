//! Mutations on actors: create, update, archive, restore.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::{
    ArchiveInput, NamesInput, NamesPatch, TextsInput, TextsPatch, patch, patch_try,
};
use crate::domain::vocabulary::{
    ActorKind, Country, InstituteSiteKind, LocalAuthorityLevel, Sensitivity, Theme,
};
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::actor::Actor;
use crate::graphql::types::common::Date;
use crate::services::writes::actors::{self, ActorPatch, NewActor};

/// A new organisation of the network.
#[derive(Debug, Clone, InputObject)]
pub struct CreateActorInput {
    /// Makes the create safe to retry: the same key with the same input answers the actor
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// The kind of organisation (decides the concrete type).
    pub kind: ActorKind,
    /// The name (French required).
    pub name: NamesInput,
    /// Acronym (`INPPLC`).
    pub acronym: Option<String>,
    /// Former names and acronyms, found by search (`ICPC`).
    #[graphql(default)]
    pub aliases: Vec<String>,
    /// Country.
    pub country: Country,
    /// Territory code of the seat (`MA-04`, `MA-RAB`); decides the circumscription.
    pub seat: Option<String>,
    /// The parent organisation.
    pub parent: Option<ID>,
    /// Web site (http:// or https://).
    pub website: Option<String>,
    /// Description.
    pub description: Option<TextsInput>,
    /// IATI organisation identifier.
    pub iati_ref: Option<String>,
    /// IATI organisation type code.
    pub iati_org_type: Option<String>,
    /// Who may see the actor (default INTERNAL).
    pub sensitivity: Option<Sensitivity>,
    /// Thematic tags.
    #[graphql(default)]
    pub themes: Vec<Theme>,
    /// Associations: registration number.
    pub registration_number: Option<String>,
    /// Associations: founding date.
    pub founded_on: Option<Date>,
    /// Local authorities: level (required for them, refused for others).
    pub local_authority_level: Option<LocalAuthorityLevel>,
    /// Moroccan local authorities: territory code they govern.
    pub governed_territory: Option<String>,
    /// French local authorities: French region.
    pub french_region: Option<String>,
    /// Institut français sites: city.
    pub city: Option<String>,
    /// Institut français sites: kind of site.
    pub site_kind: Option<InstituteSiteKind>,
    /// Consulates: circumscription code (`FES`).
    pub circumscription: Option<String>,
}

/// A change to an actor. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateActorInput {
    /// The actor.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// Name changes.
    pub name: Option<NamesPatch>,
    /// Acronym.
    #[graphql(default)]
    pub acronym: MaybeUndefined<String>,
    /// Former names and acronyms (replaces the list).
    pub aliases: Option<Vec<String>>,
    /// Country.
    pub country: Option<Country>,
    /// Territory code of the seat.
    #[graphql(default)]
    pub seat: MaybeUndefined<String>,
    /// The parent organisation.
    #[graphql(default)]
    pub parent: MaybeUndefined<ID>,
    /// Web site.
    #[graphql(default)]
    pub website: MaybeUndefined<String>,
    /// Description changes.
    pub description: Option<TextsPatch>,
    /// IATI organisation identifier.
    #[graphql(default)]
    pub iati_ref: MaybeUndefined<String>,
    /// IATI organisation type code.
    #[graphql(default)]
    pub iati_org_type: MaybeUndefined<String>,
    /// Who may see the actor.
    pub sensitivity: Option<Sensitivity>,
    /// Thematic tags (replaces the list).
    pub themes: Option<Vec<Theme>>,
    /// Associations: registration number.
    #[graphql(default)]
    pub registration_number: MaybeUndefined<String>,
    /// Associations: founding date.
    #[graphql(default)]
    pub founded_on: MaybeUndefined<Date>,
    /// Local authorities: level.
    #[graphql(default)]
    pub local_authority_level: MaybeUndefined<LocalAuthorityLevel>,
    /// Moroccan local authorities: territory code they govern.
    #[graphql(default)]
    pub governed_territory: MaybeUndefined<String>,
    /// French local authorities: French region.
    #[graphql(default)]
    pub french_region: MaybeUndefined<String>,
    /// Institut français sites: city.
    #[graphql(default)]
    pub city: MaybeUndefined<String>,
    /// Institut français sites: kind of site.
    #[graphql(default)]
    pub site_kind: MaybeUndefined<InstituteSiteKind>,
    /// Consulates: circumscription code.
    #[graphql(default)]
    pub circumscription: MaybeUndefined<String>,
}

/// The actor a mutation changed.
#[derive(SimpleObject)]
pub struct ActorPayload {
    /// The actor as it is after the change.
    pub actor: Actor,
}

#[derive(Default)]
pub struct ActorMutation;

#[Object]
impl ActorMutation {
    /// Adds an organisation to the network (logged as ACTOR_JOINED).
    async fn create_actor(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new actor.")] input: CreateActorInput,
    ) -> async_graphql::Result<ActorPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = input.idempotency_key.clone();
        let id = actors::create(&rc.svc, key.as_deref(), new_actor(input)?).await?;
        payload(rc, id).await
    }

    /// Changes an actor's profile (logged as ACTOR_UPDATED, with the names of the fields).
    async fn update_actor(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The actor and what changes.")] input: UpdateActorInput,
    ) -> async_graphql::Result<ActorPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Actor, "input.id")?;
        let expected = input.expected_version;
        actors::update(&rc.svc, id, expected, actor_patch(input)?).await?;
        payload(rc, id).await
    }

    /// Archives an actor: it leaves lists (unless `includeArchived`) but keeps its history.
    async fn archive_actor(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The actor to archive.")] input: ArchiveInput,
    ) -> async_graphql::Result<ActorPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Actor, "input.id")?;
        actors::set_archived(&rc.svc, id, input.expected_version, true).await?;
        payload(rc, id).await
    }

    /// Restores an archived actor.
    async fn restore_actor(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The actor to restore.")] input: ArchiveInput,
    ) -> async_graphql::Result<ActorPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Actor, "input.id")?;
        actors::set_archived(&rc.svc, id, input.expected_version, false).await?;
        payload(rc, id).await
    }
}

async fn payload(rc: &RequestContext, id: i64) -> async_graphql::Result<ActorPayload> {
    let actor = actors::written(&rc.svc, id).await?;
    Ok(ActorPayload {
        actor: Actor::from(actor),
    })
}

fn new_actor(input: CreateActorInput) -> crate::error::AppResult<NewActor> {
    let parent_id = input
        .parent
        .map(|p| GlobalId::decode_as(&p, NodeKind::Actor, "input.parent"))
        .transpose()?;
    let description = input.description.unwrap_or_default();
    Ok(NewActor {
        kind: Some(input.kind),
        name_fr: input.name.fr,
        name_ar: input.name.ar,
        name_en: input.name.en,
        acronym: input.acronym,
        aliases: input.aliases,
        country: Some(input.country),
        seat: input.seat,
        parent_id,
        website: input.website,
        description_fr: description.fr,
        description_ar: description.ar,
        description_en: description.en,
        iati_ref: input.iati_ref,
        iati_org_type: input.iati_org_type,
        sensitivity: input.sensitivity,
        themes: input.themes,
        registration_number: input.registration_number,
        founded_on: input.founded_on.map(|d| d.0),
        local_authority_level: input.local_authority_level,
        governed_territory: input.governed_territory,
        french_region: input.french_region,
        city: input.city,
        site_kind: input.site_kind,
        circumscription: input.circumscription,
    })
}

fn actor_patch(input: UpdateActorInput) -> crate::error::AppResult<ActorPatch> {
    let (name_fr, name_ar, name_en) = match input.name {
        Some(n) => (n.fr, patch(n.ar), patch(n.en)),
        None => (None, None, None),
    };
    let (description_fr, description_ar, description_en) = match input.description {
        Some(d) => (patch(d.fr), patch(d.ar), patch(d.en)),
        None => (None, None, None),
    };
    Ok(ActorPatch {
        name_fr,
        name_ar,
        name_en,
        acronym: patch(input.acronym),
        aliases: input.aliases,
        country: input.country,
        seat: patch(input.seat),
        parent_id: patch_try(input.parent, |p| {
            GlobalId::decode_as(&p, NodeKind::Actor, "input.parent")
        })?,
        website: patch(input.website),
        description_fr,
        description_ar,
        description_en,
        iati_ref: patch(input.iati_ref),
        iati_org_type: patch(input.iati_org_type),
        sensitivity: input.sensitivity,
        themes: input.themes,
        registration_number: patch(input.registration_number),
        founded_on: patch(input.founded_on).map(|d| d.map(|d| d.0)),
        local_authority_level: patch(input.local_authority_level),
        governed_territory: patch(input.governed_territory),
        french_region: patch(input.french_region),
        city: patch(input.city),
        site_kind: patch(input.site_kind),
        circumscription: patch(input.circumscription),
    })
}

//! Mutations on reference data (administrators only): territories and the coverage of
//! circumscriptions. Coverage changes recompute which circumscriptions the records located
//! under the territory belong to, in the same transaction.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, SimpleObject};

use super::common::{NamesInput, NamesPatch, patch, patch_map};
use crate::domain::vocabulary::CoverageConfidence;
use crate::graphql::context::RequestContext;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::circumscription::Circumscription;
use crate::graphql::types::common::Date;
use crate::graphql::types::territory::Territory;
use crate::services::writes::reference::{
    self, CoverageKey, CoverageSet, NewCommune, TerritoryPatch,
};

/// A new commune (the reference data stops at prefectures and provinces; communes are added
/// as actors need them).
#[derive(Debug, Clone, InputObject)]
pub struct CreateTerritoryInput {
    /// Makes the create safe to retry: the same key with the same input answers the territory
    /// created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// A code of its own: `MA-` then letters, digits and hyphens, at most 20 characters
    /// (`MA-RAB-AGDAL`).
    pub code: String,
    /// The code of its prefecture or province (`MA-RAB`).
    pub parent: String,
    /// Its name (French required).
    pub name: NamesInput,
    /// Its chief town, if any.
    pub seat: Option<String>,
}

/// A change to a territory. Absent fields are kept; `null` clears an optional field.
#[derive(Debug, Clone, InputObject)]
pub struct UpdateTerritoryInput {
    /// The territory.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// Name changes.
    pub name: Option<NamesPatch>,
    /// Chief town; `null` clears it.
    #[graphql(default)]
    pub seat: MaybeUndefined<String>,
    /// The code of a new parent (a region for a prefecture or province; a prefecture or
    /// province for a commune). Recomputes the circumscriptions of the records under it.
    pub parent: Option<String>,
}

/// Adds a territory to a circumscription's coverage, or changes the coverage row with the
/// same circumscription, territory and `validFrom` (set `validTo` to end it).
#[derive(Debug, Clone, InputObject)]
pub struct SetCircumscriptionCoverageInput {
    /// The circumscription's code (`FES`).
    pub circumscription: String,
    /// The circumscription's version the client last read (a coverage change bumps it).
    pub expected_version: i32,
    /// The territory's code (`MA-08`, `MA-ERR`); covering a territory covers what is below
    /// it, unless a territory below has coverage of its own.
    pub territory: String,
    /// First day of the coverage; absent when it has always applied. Part of what
    /// identifies the row.
    pub valid_from: Option<Date>,
    /// CONFIRMED or PROVISIONAL (a new row: PROVISIONAL unless given).
    pub confidence: Option<CoverageConfidence>,
    /// Last day of the coverage; `null` makes it open-ended.
    #[graphql(default)]
    pub valid_to: MaybeUndefined<Date>,
    /// Where the information comes from; `null` clears it.
    #[graphql(default)]
    pub evidence: MaybeUndefined<String>,
}

/// A PROVISIONAL coverage row to confirm.
#[derive(Debug, Clone, InputObject)]
pub struct ConfirmCircumscriptionCoverageInput {
    /// The circumscription's code.
    pub circumscription: String,
    /// The circumscription's version the client last read.
    pub expected_version: i32,
    /// The territory's code.
    pub territory: String,
    /// First day of the coverage row; absent for a row that has always applied.
    pub valid_from: Option<Date>,
}

/// A coverage row recorded by mistake, to remove (to end a coverage, set its `validTo`).
#[derive(Debug, Clone, InputObject)]
pub struct RemoveCircumscriptionCoverageInput {
    /// The circumscription's code.
    pub circumscription: String,
    /// The circumscription's version the client last read.
    pub expected_version: i32,
    /// The territory's code.
    pub territory: String,
    /// First day of the coverage row; absent for a row that has always applied.
    pub valid_from: Option<Date>,
}

/// The territory a mutation changed.
#[derive(SimpleObject)]
pub struct TerritoryPayload {
    /// The territory as it is after the change.
    pub territory: Territory,
}

/// The circumscription whose coverage a mutation changed.
#[derive(SimpleObject)]
pub struct CircumscriptionPayload {
    /// The circumscription as it is after the change, with its coverage.
    pub circumscription: Circumscription,
}

#[derive(Default)]
pub struct ReferenceMutation;

#[Object]
impl ReferenceMutation {
    /// Adds a commune under a prefecture or province (administrators; logged as
    /// REFERENCE_UPDATED).
    async fn create_territory(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new commune.")] input: CreateTerritoryInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let rc = RequestContext::of(ctx)?;
        let new = NewCommune {
            code: input.code,
            parent: input.parent,
            name_fr: input.name.fr,
            name_ar: input.name.ar,
            name_en: input.name.en,
            seat: input.seat,
        };
        let key = input.idempotency_key.as_deref();
        let id = reference::create_commune(&rc.svc, key, new).await?;
        territory_payload(rc, id).await
    }

    /// Changes a territory's names, seat or parent (administrators; logged as
    /// REFERENCE_UPDATED).
    async fn update_territory(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The territory and what changes.")] input: UpdateTerritoryInput,
    ) -> async_graphql::Result<TerritoryPayload> {
        let rc = RequestContext::of(ctx)?;
        let id = GlobalId::decode_as(&input.id, NodeKind::Territory, "input.id")?;
        let (name_fr, name_ar, name_en) = match input.name {
            Some(n) => (n.fr, patch(n.ar), patch(n.en)),
            None => (None, None, None),
        };
        let change = TerritoryPatch {
            name_fr,
            name_ar,
            name_en,
            seat: patch(input.seat),
            parent: input.parent,
        };
        reference::update_territory(&rc.svc, id, input.expected_version, change).await?;
        territory_payload(rc, id).await
    }

    /// Adds or changes a coverage row of a circumscription (administrators); the records
    /// located under the territory move to the right circumscriptions in the same
    /// transaction. Logged as REFERENCE_UPDATED.
    async fn set_circumscription_coverage(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The coverage row and what to set.")]
        input: SetCircumscriptionCoverageInput,
    ) -> async_graphql::Result<CircumscriptionPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = CoverageKey {
            circumscription: input.circumscription,
            territory: input.territory,
            valid_from: input.valid_from.map(|d| d.0),
        };
        let change = CoverageSet {
            confidence: input.confidence,
            valid_to: patch_map(input.valid_to, |d| d.0),
            evidence: patch(input.evidence),
        };
        let id = reference::set_coverage(&rc.svc, key, input.expected_version, change).await?;
        circumscription_payload(rc, id).await
    }

    /// Confirms a PROVISIONAL coverage row (administrators; logged as REFERENCE_UPDATED).
    async fn confirm_circumscription_coverage(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The coverage row to confirm.")]
        input: ConfirmCircumscriptionCoverageInput,
    ) -> async_graphql::Result<CircumscriptionPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = CoverageKey {
            circumscription: input.circumscription,
            territory: input.territory,
            valid_from: input.valid_from.map(|d| d.0),
        };
        let id = reference::confirm_coverage(&rc.svc, key, input.expected_version).await?;
        circumscription_payload(rc, id).await
    }

    /// Removes a coverage row recorded by mistake (administrators); the records under the
    /// territory are recomputed. Logged as REFERENCE_UPDATED.
    async fn remove_circumscription_coverage(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The coverage row to remove.")] input: RemoveCircumscriptionCoverageInput,
    ) -> async_graphql::Result<CircumscriptionPayload> {
        let rc = RequestContext::of(ctx)?;
        let key = CoverageKey {
            circumscription: input.circumscription,
            territory: input.territory,
            valid_from: input.valid_from.map(|d| d.0),
        };
        let id = reference::remove_coverage(&rc.svc, key, input.expected_version).await?;
        circumscription_payload(rc, id).await
    }
}

async fn territory_payload(
    rc: &RequestContext,
    id: i64,
) -> async_graphql::Result<TerritoryPayload> {
    Ok(TerritoryPayload {
        territory: Territory::from(reference::written_territory(&rc.svc, id).await?),
    })
}

async fn circumscription_payload(
    rc: &RequestContext,
    id: i64,
) -> async_graphql::Result<CircumscriptionPayload> {
    Ok(CircumscriptionPayload {
        circumscription: Circumscription::from(
            reference::written_circumscription(&rc.svc, id).await?,
        ),
    })
}

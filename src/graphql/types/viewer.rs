//! `Viewer`: who is asking (the `me` query) and what it may do, summed up by the policy
//! ([`policy::capabilities`]) so that a client can adapt its screens — the server enforces
//! the same rules on every read and write whatever the client shows.

use async_graphql::{Context, Object};

use super::actor::Actor;
use super::circumscription::Circumscription;
use crate::auth::policy::{self, Capabilities, Reach};
use crate::auth::{self, Role};
use crate::domain::vocabulary::{RecordType, Sensitivity};
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::reference::CircumscriptionById;

/// Who is asking: the viewer the request's token names (or the anonymous viewer, without a
/// token), and what it may read and write.
pub struct Viewer(pub auth::Viewer);

/// Who is asking: the viewer the request's token names (or the anonymous viewer, without a
/// token), and what it may read and write.
#[Object]
impl Viewer {
    /// Whether the request carried a valid token.
    async fn authenticated(&self) -> bool {
        self.0.subject.is_some()
    }

    /// The token's subject (`sub`); null for the anonymous viewer.
    async fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }

    /// The token's role; ANONYMOUS without a token.
    async fn role(&self) -> Role {
        self.0.role
    }

    /// The circumscription an officer works for (its token's `circumscription`); null for
    /// other viewers.
    async fn circumscription(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Circumscription>> {
        let Some(id) = self.0.circumscription_id else {
            return Ok(None);
        };
        Ok(load_one::<_, CircumscriptionById>(ctx, id)
            .await?
            .map(Circumscription::from))
    }

    /// The actor a partner speaks for (its token's `actor`), which it reads in full; null for
    /// other viewers.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        let Some(id) = self.0.actor_id else {
            return Ok(None);
        };
        Ok(load_one::<_, ActorById>(ctx, id).await?.map(Actor::from))
    }

    /// What the viewer may read and write.
    async fn permissions(&self) -> Permissions {
        Permissions(policy::capabilities(&self.0))
    }
}

/// What a viewer may read and write, in general terms (DESIGN §5, "Who sees what"). Derived
/// from the same policy that scopes every query and checks every mutation: use it to adapt a
/// screen (hide an edit button), never as a substitute for the server's answers.
pub struct Permissions(Capabilities);

/// What a viewer may read and write, in general terms (DESIGN §5, "Who sees what"). Derived
/// from the same policy that scopes every query and checks every mutation: use it to adapt a
/// screen (hide an edit button), never as a substitute for the server's answers.
#[Object]
impl Permissions {
    /// The sensitivities of the records the viewer reads wherever they belong: PUBLIC for
    /// anonymous viewers; PUBLIC and INTERNAL for partners and officers; all four for
    /// coordinators and admins.
    async fn reads(&self) -> &[Sensitivity] {
        &self.0.reads
    }

    /// The sensitivities it reads in the records that belong to its circumscription (an
    /// officer reads all four there); null for a viewer without a circumscription.
    async fn reads_in_circumscription(&self) -> Option<&[Sensitivity]> {
        self.0.reads_in_circumscription.as_deref()
    }

    /// The sensitivities it reads on its own actor (a partner reads all four there); null for
    /// a viewer speaking for no actor.
    async fn reads_own_actor(&self) -> Option<&[Sensitivity]> {
        self.0.reads_own_actor.as_deref()
    }

    /// Where it reads personal data — people, an actor's private contact points, an event's
    /// named attendees: NONE (anonymous), OWN_ACTOR (a partner: its own actor's people and
    /// contacts), CIRCUMSCRIPTION (an officer: what belongs to its circumscription) or ALL
    /// (coordinators, admins).
    async fn reads_personal_data(&self) -> Reach {
        self.0.reads_personal_data
    }

    /// Whether it sees who created and changed records (`createdBy`, `updatedBy`, an
    /// activity's `author`) — token subjects identify people; everyone sees its own name.
    async fn sees_authors(&self) -> bool {
        self.0.sees_authors
    }

    /// The kinds of record it may create or change, within `writeScope`. A contact point is
    /// written as part of its owner (ACTOR or PERSON); TERRITORY and CIRCUMSCRIPTION are the
    /// reference data.
    async fn writes(&self) -> &[RecordType] {
        &self.0.writes
    }

    /// Where it may write them: NONE (anonymous), OWN_ACTOR (a partner: its actor's profile,
    /// people and contacts, and applications in its name), CIRCUMSCRIPTION (an officer:
    /// records that belong to its circumscription, before and after the change) or ALL.
    async fn write_scope(&self) -> Reach {
        self.0.write_scope
    }

    /// Whether it may change reference data: territories and circumscription coverage
    /// (admins).
    async fn edits_reference_data(&self) -> bool {
        self.0.edits_reference_data
    }

    /// Whether it may erase a person's personal data under the GDPR (admins).
    async fn erases_personal_data(&self) -> bool {
        self.0.erases_personal_data
    }
}

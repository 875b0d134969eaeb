//! The parts of a partnership: its agreements, its members (seen from the partnership) and
//! memberships (seen from an actor).

use async_graphql::{Context, Object};

use super::actor::Actor;
use super::common::Date;
use super::partnership::Partnership;
use crate::domain::vocabulary::{AgreementKind, DatePrecision, Side};
use crate::entities::{agreement, partnership_member};
use crate::error::AppError;
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::partnerships::PartnershipById;
use crate::graphql::relay::connection;

/// An agreement signed within a partnership (framework agreement, convention, protocol …).
#[derive(Debug, Clone)]
pub struct Agreement(agreement::Model);

impl From<agreement::Model> for Agreement {
    fn from(m: agreement::Model) -> Self {
        Self(m)
    }
}

/// An agreement signed within a partnership (framework agreement, convention, protocol …).
#[Object]
impl Agreement {
    /// The legal form of the agreement.
    async fn kind(&self) -> AgreementKind {
        self.0.kind
    }

    /// The agreement's title, if it has one of its own.
    async fn title(&self) -> Option<&str> {
        self.0.title.as_deref()
    }

    /// When it was signed; read with `signedOnPrecision` (a year-only date is stored as its
    /// first of January).
    async fn signed_on(&self) -> Option<Date> {
        self.0.signed_on.map(Date)
    }

    /// How precise `signedOn` is (YEAR, MONTH or DAY).
    async fn signed_on_precision(&self) -> Option<DatePrecision> {
        self.0.signed_on_precision
    }

    /// The first day of the period the agreement covers.
    async fn period_start(&self) -> Option<Date> {
        self.0.period_start.map(Date)
    }

    /// The last day of the period the agreement covers.
    async fn period_end(&self) -> Option<Date> {
        self.0.period_end.map(Date)
    }
}

/// An actor's membership of a partnership, seen from the partnership.
#[derive(Debug, Clone)]
pub struct PartnershipMember(partnership_member::Model);

impl From<partnership_member::Model> for PartnershipMember {
    fn from(m: partnership_member::Model) -> Self {
        Self(m)
    }
}

/// An actor's membership of a partnership, seen from the partnership.
#[Object]
impl PartnershipMember {
    /// The member.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Actor> {
        load_one::<_, ActorById>(ctx, self.0.actor_id)
            .await?
            .map(Actor::from)
            .ok_or_else(|| gone("member"))
    }

    /// Which side of the partnership the member is on.
    async fn side(&self) -> Side {
        self.0.side
    }

    /// The member's role in the partnership, in free text (lead partner, associate …).
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
}

/// An actor's membership of a partnership, seen from the actor.
#[derive(Debug, Clone)]
pub struct PartnershipMembership(partnership_member::Model);

impl From<partnership_member::Model> for PartnershipMembership {
    fn from(m: partnership_member::Model) -> Self {
        Self(m)
    }
}

/// An actor's membership of a partnership, seen from the actor.
#[Object]
impl PartnershipMembership {
    /// The partnership.
    async fn partnership(&self, ctx: &Context<'_>) -> async_graphql::Result<Partnership> {
        load_one::<_, PartnershipById>(ctx, self.0.partnership_id)
            .await?
            .map(Partnership::from)
            .ok_or_else(|| gone("partnership"))
    }

    /// Which side of the partnership the actor is on.
    async fn side(&self) -> Side {
        self.0.side
    }

    /// The actor's role in the partnership, in free text.
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
}

/// The error for the other end of a listed edge that can no longer be read: it was visible
/// when the list was read and changed since (the list and the record are two statements).
pub(crate) fn gone(what: &str) -> async_graphql::Error {
    AppError::NotFound(format!("the {what} is no longer available")).into()
}

connection!(
    PartnershipMemberConnection,
    PartnershipMemberEdge,
    PartnershipMember,
    "partnership members"
);
connection!(
    PartnershipMembershipConnection,
    PartnershipMembershipEdge,
    PartnershipMembership,
    "partnership memberships"
);

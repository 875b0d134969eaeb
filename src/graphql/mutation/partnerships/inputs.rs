//! The input objects of the partnership mutations, and their conversion to the services'
//! commands (decoding global IDs with the input path at fault).

use async_graphql::{ID, InputObject, MaybeUndefined};

use super::super::common::{NamesInput, NamesPatch, patch, patch_map};
use crate::domain::vocabulary::{
    AgreementKind, DatePrecision, PartnershipKind, PartnershipStatus, Sensitivity, Side, Theme,
};
use crate::error::AppResult;
use crate::graphql::relay::{GlobalId, NodeKind};
use crate::graphql::types::common::Date;
use crate::services::writes::partnerships::{
    AgreementPatch, NewAgreement, NewMember, NewPartnership, PartialDate, PartnershipPatch,
};

/// A date known to a precision: "since 2002" is `{date: "2002-01-01", precision: YEAR}`. A
/// date is stored as the first day of its year or month when less precise than DAY.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct PartialDateInput {
    /// The date (with YEAR or MONTH precision, any day of that year or month).
    pub date: Date,
    /// How precisely the date is known (default DAY).
    #[graphql(default_with = "DatePrecision::Day")]
    pub precision: DatePrecision,
}

impl From<PartialDateInput> for PartialDate {
    fn from(d: PartialDateInput) -> Self {
        PartialDate {
            date: d.date.0,
            precision: d.precision,
        }
    }
}

/// A member of a partnership: an actor on one side, with its role.
#[derive(Debug, Clone, InputObject)]
pub struct PartnershipMemberInput {
    /// The member actor's ID.
    pub actor: ID,
    /// Which side of the partnership it is on.
    pub side: Side,
    /// Its role, in free text (lead partner, associate …).
    pub role: Option<String>,
}

/// An agreement signed within a partnership.
#[derive(Debug, Clone, InputObject)]
pub struct AgreementInput {
    /// The legal form of the agreement.
    pub kind: AgreementKind,
    /// Its own title, if it has one.
    pub title: Option<String>,
    /// When it was signed, with the precision known.
    pub signed_on: Option<PartialDateInput>,
    /// The first day of the period it covers.
    pub period_start: Option<Date>,
    /// The last day of the period it covers (not before `periodStart`).
    pub period_end: Option<Date>,
}

impl From<AgreementInput> for NewAgreement {
    fn from(a: AgreementInput) -> Self {
        NewAgreement {
            kind: a.kind,
            title: a.title,
            signed_on: a.signed_on.map(PartialDate::from),
            period_start: a.period_start.map(|d| d.0),
            period_end: a.period_end.map(|d| d.0),
        }
    }
}

/// A new partnership with its members (at least two; a decentralised cooperation needs a
/// FRENCH and a MOROCCAN member), agreements and linked projects.
#[derive(Debug, Clone, InputObject)]
pub struct CreatePartnershipInput {
    /// Makes the create safe to retry: the same key with the same input answers the
    /// partnership created the first time; with another input, CONFLICT. Kept at least 24 hours.
    pub idempotency_key: Option<String>,
    /// What binds the members.
    pub kind: PartnershipKind,
    /// The title (French required).
    pub title: NamesInput,
    /// A description (French).
    pub description: Option<String>,
    /// Where the partnership stands.
    pub status: PartnershipStatus,
    /// Since when it is in force.
    pub valid_from: Option<PartialDateInput>,
    /// Until when it is in force (not before `validFrom`, compared at their precisions).
    pub valid_to: Option<PartialDateInput>,
    /// The pole's themes it works on.
    #[graphql(default)]
    pub themes: Vec<Theme>,
    /// Where the information comes from (a document, a web page, a meeting).
    pub source: Option<String>,
    /// Who asserted the partnership (a service, "public sources").
    pub asserted_by: Option<String>,
    /// Who may see it (default INTERNAL).
    pub sensitivity: Option<Sensitivity>,
    /// The members: at least two, each actor once.
    pub members: Vec<PartnershipMemberInput>,
    /// IDs of projects carried out within the partnership.
    #[graphql(default)]
    pub projects: Vec<ID>,
    /// Agreements signed within it.
    #[graphql(default)]
    pub agreements: Vec<AgreementInput>,
}

impl CreatePartnershipInput {
    pub fn into_command(self) -> AppResult<NewPartnership> {
        let members = self
            .members
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let field = format!("input.members[{i}].actor");
                Ok(NewMember {
                    actor_id: GlobalId::decode_as(&m.actor, NodeKind::Actor, &field)?,
                    side: m.side,
                    role: m.role,
                })
            })
            .collect::<AppResult<Vec<_>>>()?;
        let projects = self
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                GlobalId::decode_as(p, NodeKind::Project, &format!("input.projects[{i}]"))
            })
            .collect::<AppResult<Vec<_>>>()?;
        Ok(NewPartnership {
            kind: self.kind,
            title_fr: self.title.fr,
            title_ar: self.title.ar,
            title_en: self.title.en,
            description: self.description,
            status: self.status,
            valid_from: self.valid_from.map(PartialDate::from),
            valid_to: self.valid_to.map(PartialDate::from),
            themes: self.themes,
            source: self.source,
            asserted_by: self.asserted_by,
            sensitivity: self.sensitivity,
            members,
            projects,
            agreements: self
                .agreements
                .into_iter()
                .map(NewAgreement::from)
                .collect(),
        })
    }
}

/// A change to a partnership. Absent fields are kept; `null` clears an optional field.
/// Members, agreements and projects change through their own mutations.
#[derive(Debug, Clone, InputObject)]
pub struct UpdatePartnershipInput {
    /// The partnership.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// What binds the members.
    pub kind: Option<PartnershipKind>,
    /// Title changes.
    pub title: Option<NamesPatch>,
    /// The description (French).
    #[graphql(default)]
    pub description: MaybeUndefined<String>,
    /// Where the partnership stands (nothing goes back to PLANNED; an ENDED partnership is
    /// relaunched as ACTIVE, not DORMANT).
    pub status: Option<PartnershipStatus>,
    /// Since when it is in force.
    #[graphql(default)]
    pub valid_from: MaybeUndefined<PartialDateInput>,
    /// Until when it is in force.
    #[graphql(default)]
    pub valid_to: MaybeUndefined<PartialDateInput>,
    /// Themes (replaces the list).
    pub themes: Option<Vec<Theme>>,
    /// Where the information comes from.
    #[graphql(default)]
    pub source: MaybeUndefined<String>,
    /// Who asserted the partnership.
    #[graphql(default)]
    pub asserted_by: MaybeUndefined<String>,
    /// Who may see it.
    pub sensitivity: Option<Sensitivity>,
}

impl UpdatePartnershipInput {
    pub fn into_patch(self) -> PartnershipPatch {
        let (title_fr, title_ar, title_en) = match self.title {
            Some(t) => (t.fr, patch(t.ar), patch(t.en)),
            None => (None, None, None),
        };
        PartnershipPatch {
            kind: self.kind,
            title_fr,
            title_ar,
            title_en,
            description: patch(self.description),
            status: self.status,
            valid_from: patch_map(self.valid_from, PartialDate::from),
            valid_to: patch_map(self.valid_to, PartialDate::from),
            themes: self.themes,
            source: patch(self.source),
            asserted_by: patch(self.asserted_by),
            sensitivity: self.sensitivity,
        }
    }
}

/// A partnership's new status.
#[derive(Debug, Clone, InputObject)]
pub struct ChangePartnershipStatusInput {
    /// The partnership.
    pub id: ID,
    /// The version the client last read; a stale one answers CONFLICT with `currentVersion`.
    pub expected_version: i32,
    /// The new status (nothing goes back to PLANNED; an ENDED partnership is relaunched as
    /// ACTIVE, not DORMANT).
    pub status: PartnershipStatus,
}

/// A new member of a partnership.
#[derive(Debug, Clone, InputObject)]
pub struct AddPartnershipMemberInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The actor joining (not already a member).
    pub actor: ID,
    /// Which side it is on.
    pub side: Side,
    /// Its role, in free text.
    pub role: Option<String>,
}

/// A change to a member's side or role.
#[derive(Debug, Clone, InputObject)]
pub struct UpdatePartnershipMemberInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The member actor.
    pub actor: ID,
    /// Its new side.
    pub side: Option<Side>,
    /// Its new role; `null` clears it.
    #[graphql(default)]
    pub role: MaybeUndefined<String>,
}

impl UpdatePartnershipMemberInput {
    pub fn role_patch(&self) -> Option<Option<String>> {
        patch(self.role.clone())
    }
}

/// A member leaving a partnership (at least two members remain).
#[derive(Debug, Clone, InputObject)]
pub struct RemovePartnershipMemberInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The member actor.
    pub actor: ID,
}

/// A new agreement of a partnership.
#[derive(Debug, Clone, InputObject)]
pub struct AddPartnershipAgreementInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The agreement.
    pub agreement: AgreementInput,
}

/// A change to one of a partnership's agreements. Absent fields are kept; `null` clears.
#[derive(Debug, Clone, InputObject)]
pub struct UpdatePartnershipAgreementInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The agreement's position (from 0) in `Partnership.agreements` as read at
    /// `expectedVersion`.
    pub index: i32,
    /// The legal form.
    pub kind: Option<AgreementKind>,
    /// Its title.
    #[graphql(default)]
    pub title: MaybeUndefined<String>,
    /// When it was signed.
    #[graphql(default)]
    pub signed_on: MaybeUndefined<PartialDateInput>,
    /// The first day of the period it covers.
    #[graphql(default)]
    pub period_start: MaybeUndefined<Date>,
    /// The last day of the period it covers.
    #[graphql(default)]
    pub period_end: MaybeUndefined<Date>,
}

impl UpdatePartnershipAgreementInput {
    pub fn agreement_patch(&self) -> AgreementPatch {
        AgreementPatch {
            kind: self.kind,
            title: patch(self.title.clone()),
            signed_on: patch_map(self.signed_on, PartialDate::from),
            period_start: patch_map(self.period_start, |d| d.0),
            period_end: patch_map(self.period_end, |d| d.0),
        }
    }
}

/// One of a partnership's agreements, to remove.
#[derive(Debug, Clone, InputObject)]
pub struct RemovePartnershipAgreementInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The agreement's position (from 0) in `Partnership.agreements` as read at
    /// `expectedVersion`.
    pub index: i32,
}

/// A project to link to a partnership.
#[derive(Debug, Clone, InputObject)]
pub struct LinkPartnershipProjectInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The project carried out within the partnership.
    pub project: ID,
}

/// A project to unlink from a partnership (the project itself is kept).
#[derive(Debug, Clone, InputObject)]
pub struct UnlinkPartnershipProjectInput {
    /// The partnership.
    pub partnership: ID,
    /// The partnership's version the client last read (the change bumps it).
    pub expected_version: i32,
    /// The linked project.
    pub project: ID,
}

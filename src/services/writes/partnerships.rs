//! Writing partnerships: create, update (a patch, status changes included), archive and
//! restore, and their children — members, agreements, linked projects — each edit of a child
//! being an update of the partnership (it carries the partnership's `expectedVersion` and
//! bumps it). Partnerships are never deleted; child rows may be removed.
//!
//! Who may: coordinators and administrators (the write rules of [`policy::may_write`]).
//!
//! Rules beyond the field checks:
//! - dates are kept with their precision (YEAR, MONTH, DAY), stored as the first day of their
//!   year or month; a validity window may not end before it starts, compared through the
//!   precision (see [`checks::window`]);
//! - a partnership has at least two members, never the same actor twice, and a decentralised
//!   cooperation at least one FRENCH and one MOROCCAN member ([`checks::member_sides`]) —
//!   checked at creation, and after every member change or change of kind;
//! - status transitions: nothing goes back to PLANNED, and an ENDED partnership is relaunched
//!   as ACTIVE, not DORMANT ([`checks::transition`]); every change is logged with the old and
//!   new status;
//! - an archived partnership is restored before it is changed;
//! - its circumscriptions (its members' seats) are recomputed whenever the members change.
//!
//! Activity: PARTNERSHIP_CREATED, PARTNERSHIP_UPDATED (details: the fields changed, e.g.
//! `{"fields":["status"],"status":"ACTIVE","previousStatus":"PLANNED"}`; a restore is an
//! update of the `archived` field) and PARTNERSHIP_ARCHIVED, naming every member.

mod agreements;
pub mod checks;
mod edit;
mod members;
mod update;

pub use agreements::{AgreementPatch, add_agreement, remove_agreement, update_agreement};
pub use checks::{NewAgreement, PartialDate};
pub use members::{add_member, link_project, remove_member, unlink_project, update_member};
pub use update::{PartnershipPatch, set_archived, update};

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use serde_json::json;

use super::super::write::{Begun, Entry, Writer};
use super::super::{ServiceContext, scope, validate};
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{
    ActivityKind, PartnershipKind, PartnershipStatus, RecordType, Sensitivity, Side, Theme,
};
use crate::entities::{partnership, partnership_member, partnership_project, partnership_theme};
use crate::error::{AppError, AppResult};
use crate::search;

/// A member, as received: an actor on a side, with a role in free text.
#[derive(Debug, Clone, Serialize)]
pub struct NewMember {
    pub actor_id: i64,
    pub side: Side,
    pub role: Option<String>,
}

/// A new partnership, as received (validated by [`create`]); its JSON is the idempotency
/// fingerprint.
#[derive(Debug, Clone, Serialize)]
pub struct NewPartnership {
    pub kind: PartnershipKind,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub description: Option<String>,
    pub status: PartnershipStatus,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    pub themes: Vec<Theme>,
    pub source: Option<String>,
    pub asserted_by: Option<String>,
    pub sensitivity: Option<Sensitivity>,
    pub members: Vec<NewMember>,
    pub projects: Vec<i64>,
    pub agreements: Vec<NewAgreement>,
}

/// Creates a partnership with its members, themes, agreements and linked projects; answers
/// its id.
pub async fn create(
    svc: &ServiceContext,
    key: Option<&str>,
    new: NewPartnership,
) -> AppResult<i64> {
    let mut w = match Writer::create(svc, key, &new).await? {
        Begun::Fresh(w) => w,
        Begun::Replayed(id) => return Ok(id),
    };
    let title_fr = checks::title_fr(&new.title_fr)?;
    let title_ar = checks::title_other("input.title.ar", new.title_ar.as_deref())?;
    let title_en = checks::title_other("input.title.en", new.title_en.as_deref())?;
    let description = checks::description(new.description.as_deref())?;
    let valid_from = checks::partial_date("input.validFrom", new.valid_from)?;
    let valid_to = checks::partial_date("input.validTo", new.valid_to)?;
    checks::window("input.validTo", valid_from, valid_to)?;
    let themes = checks::themes(&new.themes)?;
    let source = checks::source(new.source.as_deref())?;
    let asserted_by = checks::asserted_by(new.asserted_by.as_deref())?;
    let members = checked_members(&new)?;
    validate::max_items("input.projects", new.projects.len(), checks::MAX_LINKS)?;
    validate::no_duplicates(
        new.projects.iter().copied(),
        |i| format!("input.projects[{i}]"),
        "this project",
    )?;
    validate::max_items("input.agreements", new.agreements.len(), checks::MAX_LINKS)?;
    let agreements = new
        .agreements
        .iter()
        .enumerate()
        .map(|(i, a)| checks::agreement(&format!("input.agreements[{i}]"), a))
        .collect::<AppResult<Vec<_>>>()?;

    let actor_ids: Vec<i64> = members.iter().map(|m| m.actor_id).collect();
    let actors = super::actors(&w, &actor_ids, |i| format!("input.members[{i}].actor")).await?;
    edit::projects(&w, &new.projects, |i| format!("input.projects[{i}]")).await?;
    let seats: Vec<i64> = actors
        .values()
        .filter_map(|a| a.seat_territory_id)
        .collect();
    policy::may_write(
        &svc.viewer,
        RecordType::Partnership,
        &WriteScope {
            circumscriptions: scope::circumscriptions_of(w.txn(), &seats).await?,
            actors: actor_ids.clone(),
        },
    )?;

    let sensitivity = new.sensitivity.unwrap_or(Sensitivity::Internal);
    let created = partnership::ActiveModel {
        kind: Set(new.kind),
        search_key: Set(title_key(
            &title_fr,
            title_ar.as_deref(),
            title_en.as_deref(),
        )),
        title_fr: Set(title_fr),
        title_ar: Set(title_ar),
        title_en: Set(title_en),
        description_fr: Set(description),
        status: Set(new.status),
        valid_from: Set(valid_from.map(|d| d.date)),
        valid_from_precision: Set(valid_from.map(|d| d.precision)),
        valid_to: Set(valid_to.map(|d| d.date)),
        valid_to_precision: Set(valid_to.map(|d| d.precision)),
        source: Set(source),
        asserted_by: Set(asserted_by),
        sensitivity: Set(sensitivity),
        version: Set(1),
        created_at: Set(w.now()),
        created_by: Set(w.author()),
        updated_at: Set(w.now()),
        updated_by: Set(w.author()),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(w.txn())
    .await?;
    let id = created.id;
    partnership_member::Entity::insert_many(members.into_iter().map(|m| {
        partnership_member::ActiveModel {
            partnership_id: Set(id),
            actor_id: Set(m.actor_id),
            side: Set(m.side),
            role: Set(m.role),
            ..Default::default()
        }
    }))
    .exec(w.txn())
    .await?;
    replace_themes(&w, id, &themes).await?;
    if !new.projects.is_empty() {
        partnership_project::Entity::insert_many(new.projects.iter().map(|p| {
            partnership_project::ActiveModel {
                partnership_id: Set(id),
                project_id: Set(*p),
            }
        }))
        .exec(w.txn())
        .await?;
    }
    for a in agreements {
        agreements::insert(&w, id, a).await?;
    }
    let (territories, circumscriptions) =
        scope::recompute(w.txn(), RecordType::Partnership, id).await?;
    w.log(
        Entry::new(
            ActivityKind::PartnershipCreated,
            RecordType::Partnership,
            id,
            sensitivity,
        )
        .actors(actor_ids)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({ "kind": new.kind, "status": new.status })),
    );
    w.commit(id).await?;
    Ok(id)
}

/// The members of a create, checked: roles, no actor twice, the member rule.
fn checked_members(new: &NewPartnership) -> AppResult<Vec<NewMember>> {
    validate::max_items("input.members", new.members.len(), checks::MAX_MEMBERS)?;
    validate::no_duplicates(
        new.members.iter().map(|m| m.actor_id),
        |i| format!("input.members[{i}].actor"),
        "this actor",
    )?;
    let members = new
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            Ok(NewMember {
                actor_id: m.actor_id,
                side: m.side,
                role: checks::role(&format!("input.members[{i}].role"), m.role.as_deref())?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    let sides: Vec<Side> = members.iter().map(|m| m.side).collect();
    checks::member_sides(new.kind, &sides, "input.members")?;
    Ok(members)
}

/// The search key of a partnership: its titles, folded.
pub(super) fn title_key(fr: &str, ar: Option<&str>, en: Option<&str>) -> String {
    search::search_key([fr, ar.unwrap_or_default(), en.unwrap_or_default()])
}

pub(super) async fn replace_themes(w: &Writer<'_>, id: i64, themes: &[Theme]) -> AppResult<()> {
    partnership_theme::Entity::delete_many()
        .filter(partnership_theme::Column::PartnershipId.eq(id))
        .exec(w.txn())
        .await?;
    if !themes.is_empty() {
        partnership_theme::Entity::insert_many(themes.iter().map(|t| {
            partnership_theme::ActiveModel {
                partnership_id: Set(id),
                theme: Set(*t),
            }
        }))
        .exec(w.txn())
        .await?;
    }
    Ok(())
}

/// The partnership as written, for a mutation's payload (the author sees what it wrote).
pub async fn written(svc: &ServiceContext, id: i64) -> AppResult<partnership::Model> {
    partnership::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such partnership".to_owned()))
}

//! Editing a stored partnership: every change — to the partnership itself or to a child
//! (member, agreement, linked project) — opens it the same way (visible to the viewer,
//! allowed by the write rules, version bumped from the client's `expectedVersion`) and ends
//! the same way (circumscriptions recomputed when the members changed, the write rules
//! checked again where it lands, one activity entry naming every member).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::Value;

use super::super::super::write::{Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::checks;
use crate::auth::policy::{self, WriteScope};
use crate::domain::vocabulary::{ActivityKind, PartnershipKind, RecordType, Sensitivity, Side};
use crate::entities::{partnership, partnership_member, project};
use crate::error::{AppError, AppResult};

/// A partnership opened for a change, inside its write transaction.
pub struct Editing<'a> {
    pub w: Writer<'a>,
    /// The partnership as it was before the change (its version not yet bumped).
    pub current: partnership::Model,
    /// Its circumscriptions before the change.
    before: Vec<i64>,
}

impl<'a> Editing<'a> {
    /// Opens partnership `id` for a change at version `expected`: an unknown or invisible
    /// partnership is NOT_FOUND, a stale version CONFLICT with `currentVersion`.
    pub async fn open(svc: &'a ServiceContext, id: i64, expected: i32) -> AppResult<Editing<'a>> {
        let w = Writer::begin(svc).await?;
        let current = partnership::Entity::find_by_id(id)
            .filter(policy::read_condition(
                &svc.viewer,
                RecordType::Partnership,
                partnership::Column::Sensitivity,
                partnership::Column::Id,
            ))
            .one(w.txn())
            .await?
            .ok_or_else(|| AppError::NotFound("no such partnership".to_owned()))?;
        let before = scope::recorded(w.txn(), RecordType::Partnership, id).await?;
        policy::may_write(
            &svc.viewer,
            RecordType::Partnership,
            &WriteScope {
                circumscriptions: before.clone(),
                actors: Vec::new(),
            },
        )?;
        w.bump_version::<partnership::Entity>(id, expected, "partnership")
            .await?;
        Ok(Editing { w, current, before })
    }

    /// An archived partnership is kept for history: restore it before changing it.
    pub fn require_active(&self, field: &str) -> AppResult<()> {
        if self.current.archived_at.is_some() {
            return Err(AppError::bad_input(
                field,
                "this partnership is archived; restore it first",
            ));
        }
        Ok(())
    }

    pub fn id(&self) -> i64 {
        self.current.id
    }

    /// The members' (actor, side) as they are now in the transaction.
    pub async fn members(&self) -> AppResult<Vec<(i64, Side)>> {
        Ok(partnership_member::Entity::find()
            .select_only()
            .column(partnership_member::Column::ActorId)
            .column(partnership_member::Column::Side)
            .filter(partnership_member::Column::PartnershipId.eq(self.id()))
            .into_tuple()
            .all(self.w.txn())
            .await?)
    }

    /// Checks the member rule ([`checks::member_sides`]) on the members as they are now.
    pub async fn check_members(&self, kind: PartnershipKind, field: &str) -> AppResult<()> {
        let sides: Vec<Side> = self.members().await?.into_iter().map(|(_, s)| s).collect();
        checks::member_sides(kind, &sides, field)
    }

    /// Records the change and commits. With `members_changed`, the circumscriptions are
    /// recomputed from the members' seats, and the viewer must be allowed to write the
    /// partnership where it lands too. The entry names every member, plus `extra_actors`
    /// (a member just removed), and the circumscriptions before and after.
    pub async fn finish(
        self,
        kind: ActivityKind,
        sensitivity: Sensitivity,
        details: Value,
        members_changed: bool,
        extra_actors: &[i64],
    ) -> AppResult<()> {
        let Editing {
            mut w,
            current,
            before,
        } = self;
        let id = current.id;
        let (territories, after) = if members_changed {
            scope::recompute(w.txn(), RecordType::Partnership, id).await?
        } else {
            let territories =
                scope::territories_of_record(w.txn(), RecordType::Partnership, id).await?;
            (territories, before.clone())
        };
        if after != before {
            policy::may_write(
                &w.svc().viewer,
                RecordType::Partnership,
                &WriteScope {
                    circumscriptions: after.clone(),
                    actors: Vec::new(),
                },
            )?;
        }
        let members: Vec<i64> = partnership_member::Entity::find()
            .select_only()
            .column(partnership_member::Column::ActorId)
            .filter(partnership_member::Column::PartnershipId.eq(id))
            .into_tuple()
            .all(w.txn())
            .await?;
        w.log(
            Entry::new(kind, RecordType::Partnership, id, sensitivity)
                .actors(members.into_iter().chain(extra_actors.iter().copied()))
                .territories(territories)
                .circumscriptions(after.into_iter().chain(before))
                .details(details),
        );
        w.commit(id).await
    }
}

/// The projects `ids` refer to, which must exist, be visible to the viewer (an invisible
/// project is answered like an unknown one) and not be archived.
pub async fn projects(
    w: &Writer<'_>,
    ids: &[i64],
    field: impl Fn(usize) -> String,
) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let found: HashMap<i64, project::Model> = project::Entity::find()
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .filter(policy::read_condition(
            &w.svc().viewer,
            RecordType::Project,
            project::Column::Sensitivity,
            project::Column::Id,
        ))
        .all(w.txn())
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    for (i, id) in ids.iter().enumerate() {
        match found.get(id) {
            None => return Err(AppError::bad_input(field(i), "no such project")),
            Some(p) if p.archived_at.is_some() => {
                return Err(AppError::bad_input(
                    field(i),
                    "this project is archived; restore it first",
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

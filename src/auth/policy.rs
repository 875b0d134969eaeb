//! The authorization policy: the one place that decides what a viewer may read and write.
//!
//! Services never decide visibility themselves: they ask the policy for the condition a
//! record must satisfy and put it in the query, so pagination and `totalCount` count only what
//! the viewer may see, and a service cannot forget it.
//!
//! | viewer | reads |
//! |---|---|
//! | anonymous | PUBLIC records |
//! | PARTNER | PUBLIC and INTERNAL records; its own actor in full |
//! | OFFICER | PUBLIC and INTERNAL records; everything in its circumscription |
//! | COORDINATOR, ADMIN | everything |
//!
//! Personal data — people, an actor's private (non-institutional) contact points, an event's
//! named attendees, an exchange's named participants — is read with the record it hangs on,
//! at the PERSONAL level ([`can_read_personal_data`], [`personal_data_condition`]): by
//! coordinators and admins, by officers for records of their circumscription, by a partner
//! for its own actor; never by anonymous viewers.
//!
//! Reference data (territories, circumscriptions and their coverage) is public facts: every
//! viewer reads it, only admins change it. [`capabilities`] sums the rules up for a viewer
//! (the `me` query).

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition};

use super::{Role, Viewer};
use crate::domain::vocabulary::{RecordType, Sensitivity};
use crate::entities::record_circumscription;
use crate::error::{AppError, AppResult};

mod capabilities;

pub use capabilities::{Capabilities, Reach, capabilities};

/// The condition under which the viewer may read a record of `record_type`, whose sensitivity
/// and id are in `sensitivity` and `id`.
pub fn read_condition<S: ColumnTrait, I: ColumnTrait>(
    viewer: &Viewer,
    record_type: RecordType,
    sensitivity: S,
    id: I,
) -> Condition {
    match viewer.role {
        Role::Coordinator | Role::Admin => Condition::all(),
        Role::Anonymous => Condition::all().add(sensitivity.eq(Sensitivity::Public)),
        Role::Partner => {
            let mut any = Condition::any()
                .add(sensitivity.is_in([Sensitivity::Public, Sensitivity::Internal]));
            if record_type == RecordType::Actor
                && let Some(actor) = viewer.actor_id
            {
                any = any.add(id.eq(actor));
            }
            any
        }
        Role::Officer => {
            let mut any = Condition::any()
                .add(sensitivity.is_in([Sensitivity::Public, Sensitivity::Internal]));
            if let Some(circumscription) = viewer.circumscription_id {
                any = any.add(belongs_to(id, record_type, circumscription));
            }
            any
        }
    }
}

/// Records of `record_type` (id in `id`) that belong to the circumscription `circumscription`,
/// through the `record_circumscriptions` table (kept up to date by the writes, and derived
/// from the territory hierarchy, so a record in a commune belongs to its province's
/// circumscription).
fn belongs_to<I: ColumnTrait>(id: I, record_type: RecordType, circumscription: i64) -> Condition {
    Condition::all().add(
        id.into_expr().in_subquery(
            Query::select()
                .column(record_circumscription::Column::RecordId)
                .from(record_circumscription::Entity)
                .and_where(
                    Expr::col(record_circumscription::Column::RecordType).eq(record_type.as_str()),
                )
                .and_where(
                    Expr::col(record_circumscription::Column::CircumscriptionId)
                        .eq(circumscription),
                )
                .to_owned(),
        ),
    )
}

/// A condition no row satisfies.
fn nothing() -> Condition {
    Condition::all().add(Expr::value(1).eq(0))
}

/// Whether the viewer may read a record it already holds (an activity entry's subject, a
/// record loaded by id): the same rule as [`read_condition`], evaluated in Rust.
pub fn can_read(
    viewer: &Viewer,
    record_type: RecordType,
    record_id: i64,
    sensitivity: Sensitivity,
    circumscriptions: &[i64],
) -> bool {
    match viewer.role {
        Role::Coordinator | Role::Admin => true,
        Role::Anonymous => sensitivity == Sensitivity::Public,
        Role::Partner => {
            matches!(sensitivity, Sensitivity::Public | Sensitivity::Internal)
                || (record_type == RecordType::Actor && viewer.actor_id == Some(record_id))
        }
        Role::Officer => {
            matches!(sensitivity, Sensitivity::Public | Sensitivity::Internal)
                || viewer
                    .circumscription_id
                    .is_some_and(|c| circumscriptions.contains(&c))
        }
    }
}

/// Whether the viewer may read the personal data attached to a record — an actor's people and
/// private contact points, an event's named attendees, an exchange's named participants: the
/// rule for a PERSONAL record, applied to the record the data hangs on (`record_id`, which
/// belongs to `circumscriptions`). Coordinators and admins everywhere; officers in their
/// circumscription; partners on their own actor; anonymous viewers never.
pub fn can_read_personal_data(
    viewer: &Viewer,
    record_type: RecordType,
    record_id: i64,
    circumscriptions: &[i64],
) -> bool {
    can_read(
        viewer,
        record_type,
        record_id,
        Sensitivity::Personal,
        circumscriptions,
    )
}

/// [`can_read_personal_data`] as a query condition on the column `id` holding the id of the
/// record (of `record_type`) the personal data hangs on — a person's organisation, an
/// attendee's event — so lists and counts of personal data leave out what the viewer may not
/// read. A null `id` (a person of no organisation) is read by coordinators and admins only.
pub fn personal_data_condition<I: ColumnTrait>(
    viewer: &Viewer,
    record_type: RecordType,
    id: I,
) -> Condition {
    match viewer.role {
        Role::Coordinator | Role::Admin => Condition::all(),
        Role::Anonymous => nothing(),
        Role::Partner => match viewer.actor_id {
            Some(actor) if record_type == RecordType::Actor => Condition::all().add(id.eq(actor)),
            _ => nothing(),
        },
        Role::Officer => match viewer.circumscription_id {
            Some(circumscription) => belongs_to(id, record_type, circumscription),
            None => nothing(),
        },
    }
}

/// Whether the viewer sees who wrote what (token subjects identify people): those who read
/// personal data network-wide. Everyone also sees their own name.
pub fn sees_authors(viewer: &Viewer) -> bool {
    can_read_personal_data(viewer, RecordType::Person, NO_RECORD, &[])
}

/// An id no record has (ids start at 1): to ask the rules about "a record" in general.
const NO_RECORD: i64 = 0;

/// Whether the viewer may erase a person's personal data (GDPR): administrators.
pub fn erases_personal_data(viewer: &Viewer) -> bool {
    require_admin(viewer, "erase personal data").is_ok()
}

/// Whether the viewer may change reference data (territories, coverage).
pub fn can_edit_reference_data(viewer: &Viewer) -> bool {
    viewer.role == Role::Admin
}

/// Where a record being written sits, for the write rules: the circumscriptions it belongs to
/// and the actors it belongs to (an actor itself; a person's or contact's organisation; an
/// application's applicants).
#[derive(Debug, Clone, Default)]
pub struct WriteScope {
    pub circumscriptions: Vec<i64>,
    pub actors: Vec<i64>,
}

/// The write rules:
///
/// | viewer | writes |
/// |---|---|
/// | anonymous | nothing (UNAUTHENTICATED) |
/// | PARTNER | its own actor's profile, people and contacts; applications in its actor's name |
/// | OFFICER | actors (and their people and contacts), projects, events and exchanges in its circumscription |
/// | COORDINATOR | every network record |
/// | ADMIN | everything, plus reference data and erasure of personal data |
///
/// For an update whose change moves the record, the service asks for both the record as it
/// was and as it will be: an officer may not move a record out of its circumscription, nor
/// take one in from another.
pub fn may_write(viewer: &Viewer, record_type: RecordType, scope: &WriteScope) -> AppResult<()> {
    let allowed = match viewer.role {
        Role::Anonymous => {
            return Err(AppError::Unauthenticated(
                "sign in to change the network's data".to_owned(),
            ));
        }
        Role::Admin => true,
        Role::Coordinator => !matches!(
            record_type,
            RecordType::Territory | RecordType::Circumscription
        ),
        Role::Officer => {
            matches!(
                record_type,
                RecordType::Actor
                    | RecordType::Person
                    | RecordType::Project
                    | RecordType::Event
                    | RecordType::Exchange
            ) && viewer
                .circumscription_id
                .is_some_and(|c| scope.circumscriptions.contains(&c))
        }
        Role::Partner => {
            matches!(
                record_type,
                RecordType::Actor | RecordType::Person | RecordType::Application
            ) && viewer.actor_id.is_some_and(|a| scope.actors.contains(&a))
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "a {} may not change this {}",
            role_name(viewer.role),
            record_type.as_str().to_lowercase().replace('_', " ")
        )))
    }
}

/// Only administrators erase a person's personal data (GDPR) or change reference data.
pub fn require_admin(viewer: &Viewer, what: &str) -> AppResult<()> {
    match viewer.role {
        Role::Admin => Ok(()),
        Role::Anonymous => Err(AppError::Unauthenticated(
            "sign in to change the network's data".to_owned(),
        )),
        _ => Err(AppError::Forbidden(format!(
            "only administrators may {what}"
        ))),
    }
}

/// Whether the viewer is a coordinator or an administrator (who write every network record).
pub fn writes_everything(viewer: &Viewer) -> bool {
    matches!(viewer.role, Role::Coordinator | Role::Admin)
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Anonymous => "anonymous viewer",
        Role::Partner => "partner",
        Role::Officer => "officer",
        Role::Coordinator => "coordinator",
        Role::Admin => "administrator",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role) -> Viewer {
        Viewer::sample(role)
    }

    #[test]
    fn sensitivities_each_role_reads() {
        use Sensitivity::*;
        let anonymous = Viewer::anonymous();
        assert!(can_read(&anonymous, RecordType::Project, 1, Public, &[]));
        assert!(!can_read(&anonymous, RecordType::Project, 1, Internal, &[]));
        let partner = viewer(Role::Partner);
        assert!(can_read(&partner, RecordType::Project, 1, Internal, &[]));
        assert!(!can_read(
            &partner,
            RecordType::Project,
            1,
            Restricted,
            &[3]
        ));
        assert!(can_read(&partner, RecordType::Actor, 7, Restricted, &[]));
        let officer = viewer(Role::Officer);
        assert!(can_read(&officer, RecordType::Project, 1, Restricted, &[3]));
        assert!(!can_read(
            &officer,
            RecordType::Project,
            1,
            Restricted,
            &[4]
        ));
        assert!(!can_read(&officer, RecordType::Person, 1, Personal, &[]));
        assert!(can_read(
            &viewer(Role::Coordinator),
            RecordType::Person,
            1,
            Personal,
            &[]
        ));
    }
}

/// The condition under which the viewer may read an entry of the activity log: the rule of
/// [`read_condition`], applied to what the entry recorded when it was written — its
/// sensitivity and, for officers, its circumscriptions (`activity_circumscriptions`) — so
/// that an entry stays readable by exactly those who could read the change it records. A
/// partner also reads the entries about its own actor, which it reads in full, and about its
/// actor's people (entries about a person record the person's organisation among their
/// actors).
pub fn activity_read_condition(viewer: &Viewer) -> Condition {
    use crate::entities::{activity, activity_actor, activity_circumscription};

    let shared = || {
        Condition::any()
            .add(activity::Column::Sensitivity.is_in([Sensitivity::Public, Sensitivity::Internal]))
    };
    match viewer.role {
        Role::Coordinator | Role::Admin => Condition::all(),
        Role::Anonymous => {
            Condition::all().add(activity::Column::Sensitivity.eq(Sensitivity::Public))
        }
        Role::Partner => match viewer.actor_id {
            Some(actor) => shared()
                .add(
                    Condition::all()
                        .add(activity::Column::SubjectType.eq(RecordType::Actor))
                        .add(activity::Column::SubjectId.eq(actor)),
                )
                .add(
                    // Its own actor's people: entries about a person record the person's
                    // organisation among their actors.
                    Condition::all()
                        .add(activity::Column::SubjectType.eq(RecordType::Person))
                        .add(
                            activity::Column::Position.into_expr().in_subquery(
                                Query::select()
                                    .column(activity_actor::Column::Position)
                                    .from(activity_actor::Entity)
                                    .and_where(Expr::col(activity_actor::Column::ActorId).eq(actor))
                                    .to_owned(),
                            ),
                        ),
                ),
            None => shared(),
        },
        Role::Officer => match viewer.circumscription_id {
            Some(circumscription) => shared().add(
                activity::Column::Position.into_expr().in_subquery(
                    Query::select()
                        .column(activity_circumscription::Column::Position)
                        .from(activity_circumscription::Entity)
                        .and_where(
                            Expr::col(activity_circumscription::Column::CircumscriptionId)
                                .eq(circumscription),
                        )
                        .to_owned(),
                ),
            ),
            None => shared(),
        },
    }
}

#[cfg(test)]
mod activity_read_tests {
    use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};

    use super::*;
    use crate::entities::activity;

    fn viewer(role: Role) -> Viewer {
        Viewer::sample(role)
    }

    /// The filter part of the query the condition gives (after `FROM "activities"`).
    fn sql(viewer: &Viewer) -> String {
        let query = activity::Entity::find()
            .filter(activity_read_condition(viewer))
            .build(DbBackend::Sqlite)
            .to_string();
        query
            .split_once(r#"FROM "activities""#)
            .map(|(_, filter)| filter.trim().to_owned())
            .unwrap_or(query)
    }

    #[test]
    fn activity_entries_each_role_reads() {
        let anonymous = sql(&Viewer::anonymous());
        assert!(
            anonymous.contains(r#""activities"."sensitivity" = 'PUBLIC'"#),
            "{anonymous}"
        );
        assert!(!anonymous.contains("INTERNAL"), "{anonymous}");

        let partner = sql(&viewer(Role::Partner));
        assert!(
            partner.contains(r#""activities"."sensitivity" IN ('PUBLIC', 'INTERNAL')"#),
            "{partner}"
        );
        assert!(
            partner.contains(r#""activities"."subject_type" = 'ACTOR'"#)
                && partner.contains(r#""activities"."subject_id" = 7"#),
            "a partner reads the entries about its own actor: {partner}"
        );
        assert!(
            partner.contains(r#""activities"."subject_type" = 'PERSON'"#)
                && partner.contains(r#""activities"."position" IN (SELECT "position" FROM "activity_actors" WHERE "actor_id" = 7)"#),
            "a partner reads the entries about its own actor's people: {partner}"
        );
        assert!(!partner.contains("activity_circumscriptions"), "{partner}");

        let officer = sql(&viewer(Role::Officer));
        assert!(
            officer.contains(r#""activities"."sensitivity" IN ('PUBLIC', 'INTERNAL')"#),
            "{officer}"
        );
        assert!(
            officer.contains(r#""activities"."position" IN (SELECT "position" FROM "activity_circumscriptions" WHERE "circumscription_id" = 3)"#),
            "an officer reads everything recorded in its circumscription: {officer}"
        );
        assert!(!officer.contains("subject_id"), "{officer}");

        for role in [Role::Coordinator, Role::Admin] {
            let all = sql(&viewer(role));
            assert_eq!(all, "WHERE TRUE", "{role:?} reads everything");
        }
        let officer_without_district = sql(&Viewer {
            circumscription_id: None,
            ..viewer(Role::Officer)
        });
        assert!(
            !officer_without_district.contains("activity_circumscriptions"),
            "{officer_without_district}"
        );
    }
}

#[cfg(test)]
mod personal_data_tests {
    use sea_orm::{DbBackend, EntityTrait, QueryFilter, QueryTrait};

    use super::*;
    use crate::entities::person;

    fn viewer(role: Role) -> Viewer {
        Viewer::sample(role)
    }

    /// The filter of a query on persons under `personal_data_condition` on their organisation.
    fn sql(viewer: &Viewer) -> String {
        let query = person::Entity::find()
            .filter(personal_data_condition(
                viewer,
                RecordType::Actor,
                person::Column::OrganisationId,
            ))
            .build(DbBackend::Sqlite)
            .to_string();
        query
            .split_once(r#"FROM "persons""#)
            .map(|(_, filter)| filter.trim().to_owned())
            .unwrap_or(query)
    }

    #[test]
    fn the_personal_data_condition_mirrors_the_rule() {
        assert_eq!(sql(&Viewer::anonymous()), "WHERE 1 = 0");
        assert_eq!(
            sql(&viewer(Role::Partner)),
            r#"WHERE "persons"."organisation_id" = 7"#
        );
        assert_eq!(
            sql(&viewer(Role::Officer)),
            r#"WHERE "persons"."organisation_id" IN (SELECT "record_id" FROM "record_circumscriptions" WHERE "record_type" = 'ACTOR' AND "circumscription_id" = 3)"#
        );
        for role in [Role::Coordinator, Role::Admin] {
            assert_eq!(sql(&viewer(role)), "WHERE TRUE", "{role:?}");
        }
        // A partner's own actor is an actor: its events' attendees are not its personal data.
        let events = person::Entity::find()
            .filter(personal_data_condition(
                &viewer(Role::Partner),
                RecordType::Event,
                person::Column::OrganisationId,
            ))
            .build(DbBackend::Sqlite)
            .to_string();
        assert!(events.ends_with("WHERE 1 = 0"), "{events}");
    }

    #[test]
    fn personal_data_is_read_where_restricted_records_are() {
        let partner = viewer(Role::Partner);
        assert!(can_read_personal_data(&partner, RecordType::Actor, 7, &[]));
        assert!(!can_read_personal_data(
            &partner,
            RecordType::Actor,
            8,
            &[3]
        ));
        assert!(!can_read_personal_data(
            &partner,
            RecordType::Event,
            7,
            &[3]
        ));
        let officer = viewer(Role::Officer);
        assert!(can_read_personal_data(
            &officer,
            RecordType::Event,
            1,
            &[2, 3]
        ));
        assert!(!can_read_personal_data(
            &officer,
            RecordType::Event,
            1,
            &[2]
        ));
        assert!(!can_read_personal_data(
            &Viewer::anonymous(),
            RecordType::Actor,
            1,
            &[]
        ));
        assert!(can_read_personal_data(
            &viewer(Role::Coordinator),
            RecordType::Exchange,
            1,
            &[]
        ));
    }
}

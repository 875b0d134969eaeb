//! The expected answer of every cell, written from DESIGN.md §5 alone (not from the product's
//! policy code):
//!
//! | viewer | reads | writes |
//! |---|---|---|
//! | anonymous | PUBLIC records | nothing |
//! | PARTNER | PUBLIC + INTERNAL; its own actor in full | its own actor profile and contacts |
//! | OFFICER | PUBLIC + INTERNAL; everything in its circumscription | projects, events, exchanges, actors in its circumscription |
//! | COORDINATOR | everything | everything |
//! | ADMIN | everything | everything, plus reference data |
//!
//! How the matrix reads the table where it is terse:
//! - "its own actor in full": the actor record at any sensitivity, and its people (a person is
//!   part of their organisation's record). It does not extend to records the actor merely
//!   takes part in (a RESTRICTED partnership it is a member of stays unreadable).
//! - A partner's "contacts" are its actor's people; "Partners may also submit applications in
//!   their own actor's name", so a partner also writes (withdraws) the applications its actor
//!   is an applicant of.
//! - An officer's "actors" include their people and contacts (what a partner may do for its
//!   own actor, the officer may do for the actors of its circumscription).
//! - Reference data (territories, coverage) is public facts (§3): everyone reads its changes.
//! - A record the viewer may not read is answered "exactly as for an id that does not exist":
//!   by `node(id:)` with null, and by a mutation with the error an unknown id gets.

use super::model::{Entity, Record, Role, Sensitivity, Viewer};

/// Whether `viewer` may read `record`.
pub fn may_read(viewer: &Viewer, record: &Record) -> bool {
    let shared = matches!(
        record.sensitivity,
        Sensitivity::Public | Sensitivity::Internal
    );
    if record.entity == Entity::Territory {
        // Reference data is public facts.
        return true;
    }
    match viewer.role {
        Role::Anonymous => record.sensitivity == Sensitivity::Public,
        Role::Partner => {
            shared
                || (matches!(record.entity, Entity::Actor | Entity::Person)
                    && owned_by_viewer(viewer, record))
        }
        Role::Officer => shared || inside(viewer, record),
        Role::Coordinator | Role::Admin => true,
    }
}

/// Whether `viewer` may change `record` (given that it may read it).
pub fn may_write(viewer: &Viewer, record: &Record) -> bool {
    match viewer.role {
        Role::Anonymous => false,
        Role::Partner => {
            matches!(
                record.entity,
                Entity::Actor | Entity::Person | Entity::Application
            ) && owned_by_viewer(viewer, record)
        }
        Role::Officer => {
            matches!(
                record.entity,
                Entity::Actor | Entity::Person | Entity::Project | Entity::Event | Entity::Exchange
            ) && inside(viewer, record)
        }
        Role::Coordinator => record.entity != Entity::Territory,
        Role::Admin => true,
    }
}

/// Whether the role may write some record of this kind: then a mutation must look the record
/// up (and answer NOT_FOUND for one it may not read, as for an unknown one) rather than
/// refuse the kind outright.
pub fn writes_some(role: Role, entity: Entity) -> bool {
    match role {
        Role::Anonymous => false,
        Role::Partner => matches!(entity, Entity::Actor | Entity::Person | Entity::Application),
        Role::Officer => matches!(
            entity,
            Entity::Actor | Entity::Person | Entity::Project | Entity::Event | Entity::Exchange
        ),
        Role::Coordinator => entity != Entity::Territory,
        Role::Admin => true,
    }
}

/// What an update of `record` by `viewer` must answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteExpectation {
    /// The change is made (version + 1).
    Done,
    /// Refused with this code, nothing changed.
    Refused(&'static str),
    /// Refused exactly as for an unknown id (NOT_FOUND, or FORBIDDEN when the role writes no
    /// record of this kind), nothing changed.
    AsUnknown,
}

pub fn expected_write(viewer: &Viewer, record: &Record) -> WriteExpectation {
    if viewer.role == Role::Anonymous {
        WriteExpectation::Refused("UNAUTHENTICATED")
    } else if !may_read(viewer, record) {
        WriteExpectation::AsUnknown
    } else if may_write(viewer, record) {
        WriteExpectation::Done
    } else {
        WriteExpectation::Refused("FORBIDDEN")
    }
}

/// The officer's circumscription is among the record's.
fn inside(viewer: &Viewer, record: &Record) -> bool {
    viewer
        .circumscription
        .is_some_and(|code| record.circumscriptions.iter().any(|c| c == code))
}

/// The partner's actor is the record's owner (the actor itself, a person's organisation, an
/// application's applicant).
fn owned_by_viewer(viewer: &Viewer, record: &Record) -> bool {
    viewer.actor.is_some() && viewer.actor == record.owner
}

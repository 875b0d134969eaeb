//! People and contact points: personal data (GDPR), always PERSONAL — persons have no
//! sensitivity column. Created, changed and erased here; each mutation is one transaction
//! through [`super::super::write::Writer`], logged without personal values (field names only).
//!
//! Who may (policy::may_write with `RecordType::Person`, scoped by the person's organisation):
//! coordinators and admins everyone; officers the people of organisations in their
//! circumscription; partners their own actor's people and contacts. An actor's own
//! (institutional) contact points are part of the actor: `RecordType::Actor` rules.
//! Erasure is for admins only.
//!
//! Who may read: see [`read::may_read_person`] — a person is part of their organisation's
//! record in full.

mod contacts;
mod erase;
mod persons;
pub mod read;

pub use contacts::{
    ContactChange, ContactOwner, NewContact, add_contact, remove_contact, update_contact,
};
pub use erase::{ErasureGround, erase};
pub use persons::{NewPerson, PersonPatch, create, update};

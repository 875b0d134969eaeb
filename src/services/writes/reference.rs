//! Reference data edits, for administrators only (`policy::require_admin`): territories
//! (names, seat, parent; communes added as actors need them) and the coverage of
//! circumscriptions (add, end, confirm a PROVISIONAL one, remove). Reference data is public
//! facts, so the activity entries (REFERENCE_UPDATED) are PUBLIC.
//!
//! A change that can move records from one circumscription to another — a coverage change, a
//! territory's new parent — recomputes the circumscriptions of every record located under the
//! territory in the same transaction ([`recompute::under`]), so an officer's view follows at
//! once.

mod coverage;
pub mod recompute;
mod territories;

pub use coverage::{CoverageKey, CoverageSet, confirm_coverage, remove_coverage, set_coverage};
pub use territories::{NewCommune, TerritoryPatch, create_commune, update_territory};

use sea_orm::EntityTrait;

use super::super::ServiceContext;
use crate::entities::{circumscription, territory};
use crate::error::{AppError, AppResult};

/// What administrators are allowed to do here (for the FORBIDDEN message).
const WHAT: &str = "change reference data";

/// A territory as written, for a mutation's payload.
pub async fn written_territory(svc: &ServiceContext, id: i64) -> AppResult<territory::Model> {
    territory::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such territory".to_owned()))
}

/// A circumscription as written, for a mutation's payload.
pub async fn written_circumscription(
    svc: &ServiceContext,
    id: i64,
) -> AppResult<circumscription::Model> {
    circumscription::Entity::find_by_id(id)
        .one(&svc.db.reader)
        .await?
        .ok_or_else(|| AppError::NotFound("no such circumscription".to_owned()))
}

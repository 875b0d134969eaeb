//! An activity with its actor, territory and circumscription rows; an idempotency key.

use sea_orm::{DatabaseConnection, Set};

use super::{Ids, at, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &Ids) -> super::TestResult {
    let now = at(10)?;
    let activity = round_trip(
        db,
        activity::ActiveModel {
            position: Set(1),
            at: Set(now),
            kind: Set(ActivityKind::PartnershipCreated),
            subject_type: Set(RecordType::Partnership),
            subject_id: Set(ids.partnership),
            author: Set(Some(s("coordinator"))),
            details: Set(Some(s(r#"{"members":2}"#))),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        activity_actor::ActiveModel {
            position: Set(activity.position),
            actor_id: Set(ids.actor),
        },
    )
    .await?;
    round_trip(
        db,
        activity_territory::ActiveModel {
            position: Set(activity.position),
            territory_id: Set(ids.region),
        },
    )
    .await?;
    round_trip(
        db,
        activity_circumscription::ActiveModel {
            position: Set(activity.position),
            circumscription_id: Set(ids.circumscription),
        },
    )
    .await?;
    round_trip(
        db,
        idempotency_key::ActiveModel {
            author: Set(s("coordinator")),
            key: Set(s("9b1c…")),
            request_hash: Set(s("sha256:…")),
            response: Set(Some(s("{}"))),
            created_at: Set(now),
        },
    )
    .await?;
    Ok(())
}

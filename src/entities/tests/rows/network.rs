//! Partnerships, events and exchanges with their child rows.

use sea_orm::{DatabaseConnection, Set};

use super::{Ids, at, day, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &mut Ids) -> super::TestResult {
    let now = at(10)?;
    let partnership = round_trip(
        db,
        partnership::ActiveModel {
            kind: Set(PartnershipKind::DecentralisedCooperation),
            title_fr: Set(s("Centre-Val de Loire – Fès-Meknès")),
            status: Set(PartnershipStatus::Active),
            valid_from: Set(Some(day(2009, 1, 1)?)),
            valid_from_precision: Set(Some(DatePrecision::Year)),
            source: Set(Some(s("framework agreement, Fès, 20 April 2016"))),
            search_key: Set(s("centre-val de loire fes-meknes")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        partnership_member::ActiveModel {
            partnership_id: Set(partnership.id),
            actor_id: Set(ids.french),
            side: Set(Side::French),
            role: Set(Some(s("lead"))),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        partnership_theme::ActiveModel {
            partnership_id: Set(partnership.id),
            theme: Set(Theme::Youth),
        },
    )
    .await?;
    round_trip(
        db,
        partnership_project::ActiveModel {
            partnership_id: Set(partnership.id),
            project_id: Set(ids.project),
        },
    )
    .await?;
    round_trip(
        db,
        agreement::ActiveModel {
            partnership_id: Set(partnership.id),
            kind: Set(AgreementKind::FrameworkAgreement),
            signed_on: Set(Some(day(2016, 4, 20)?)),
            signed_on_precision: Set(Some(DatePrecision::Day)),
            ..Default::default()
        },
    )
    .await?;

    let event = round_trip(
        db,
        event::ActiveModel {
            kind: Set(EventKind::SteeringCommittee),
            title_fr: Set(s("Comité de pilotage")),
            starts_at: Set(at(9)?),
            ends_at: Set(Some(at(12)?)),
            territory_id: Set(Some(ids.province)),
            project_id: Set(Some(ids.project)),
            search_key: Set(s("comite de pilotage")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        event_participant::ActiveModel {
            event_id: Set(event.id),
            actor_id: Set(ids.actor),
            role: Set(EventRole::CoOrganiser),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        event_attendee::ActiveModel {
            event_id: Set(event.id),
            person_id: Set(ids.person),
            representing_actor_id: Set(Some(ids.actor)),
            ..Default::default()
        },
    )
    .await?;
    let exchange = round_trip(
        db,
        exchange::ActiveModel {
            kind: Set(ExchangeKind::ExpertiseMission),
            title_fr: Set(s("Mission d'expertise budgétaire")),
            starts_on: Set(Some(day(2026, 5, 4)?)),
            theme: Set(Some(Theme::AdministrativeCapacity)),
            dac_code: Set(Some(s("15110"))),
            participant_count: Set(Some(12)),
            instrument: Set(Some(Instrument::Mission)),
            project_id: Set(Some(ids.project)),
            search_key: Set(s("mission d'expertise budgetaire")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        exchange_party::ActiveModel {
            exchange_id: Set(exchange.id),
            actor_id: Set(ids.french),
            side: Set(ExchangePartySide::Provider),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        exchange_participant::ActiveModel {
            exchange_id: Set(exchange.id),
            person_id: Set(ids.person),
        },
    )
    .await?;
    ids.partnership = partnership.id;
    Ok(())
}

//! Actors, their themes, people and contact points.

use sea_orm::{DatabaseConnection, Set};

use super::{Ids, at, day, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &mut Ids) -> super::TestResult {
    let now = at(10)?;
    let actor = round_trip(
        db,
        actor::ActiveModel {
            kind: Set(ActorKind::MoroccanLocalAuthority),
            name_fr: Set(s("Région Fès-Meknès")),
            acronym: Set(Some(s("RFM"))),
            aliases: Set(Some(s("Conseil régional de Fès-Meknès"))),
            country: Set(Country::Ma),
            seat_territory_id: Set(Some(ids.province)),
            iati_org_type: Set(Some(s("10"))),
            search_key: Set(s("region fes-meknes")),
            founded_on: Set(Some(day(2015, 9, 4)?)),
            local_authority_level: Set(Some(LocalAuthorityLevel::MaRegion)),
            governed_territory_id: Set(Some(ids.region)),
            circumscription_id: Set(Some(ids.circumscription)),
            created_at: Set(now),
            updated_at: Set(now),
            archived_at: Set(Some(at(11)?)),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(
        actor.sensitivity,
        Sensitivity::Internal,
        "default sensitivity"
    );
    let french = round_trip(
        db,
        actor::ActiveModel {
            kind: Set(ActorKind::FrenchLocalAuthority),
            name_fr: Set(s("Région Centre-Val de Loire")),
            country: Set(Country::Fr),
            parent_id: Set(Some(actor.id)),
            sensitivity: Set(Sensitivity::Public),
            search_key: Set(s("region centre-val de loire")),
            local_authority_level: Set(Some(LocalAuthorityLevel::FrRegion)),
            french_region: Set(Some(s("Centre-Val de Loire"))),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        actor_theme::ActiveModel {
            actor_id: Set(actor.id),
            theme: Set(Theme::DecentralisedCooperation),
        },
    )
    .await?;
    let person = round_trip(
        db,
        person::ActiveModel {
            given_name: Set(s("Amina")),
            family_name: Set(s("El Idrissi")),
            function: Set(Some(s("Directrice"))),
            organisation_id: Set(Some(actor.id)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let contact = round_trip(
        db,
        contact_point::ActiveModel {
            person_id: Set(Some(person.id)),
            kind: Set(ContactKind::Email),
            value: Set(s("amina@example.org")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    assert!(!contact.institutional, "default institutional");
    ids.actor = actor.id;
    ids.french = french.id;
    ids.person = person.id;
    Ok(())
}

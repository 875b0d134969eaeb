//! Test data written straight into the database (the write API lands later): actors and
//! projects with their links, each with the search key and circumscriptions a write would
//! record.

use chrono::Utc;
use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{
    ActivityStatus, ActorKind, Country, FundingSource, Instrument, ParticipantRole, Pillar,
    ProjectOrigin, RecordType, Sensitivity,
};
use partner_hub::entities::{actor, project, project_location, project_participant, territory};
use partner_hub::search::search_key;
use partner_hub::services::scope;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

pub struct NewActor<'a> {
    pub kind: ActorKind,
    pub name_fr: &'a str,
    pub name_ar: Option<&'a str>,
    pub seat: Option<&'a str>,
    pub sensitivity: Sensitivity,
}

impl<'a> NewActor<'a> {
    pub fn public(kind: ActorKind, name_fr: &'a str) -> Self {
        Self {
            kind,
            name_fr,
            name_ar: None,
            seat: None,
            sensitivity: Sensitivity::Public,
        }
    }
}

pub async fn territory_id(db: &Database, code: &str) -> i64 {
    territory::Entity::find()
        .filter(territory::Column::Code.eq(code))
        .one(&db.writer)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no territory {code}"))
        .id
}

pub async fn insert_actor(db: &Database, new: NewActor<'_>) -> i64 {
    let seat = match new.seat {
        Some(code) => Some(territory_id(db, code).await),
        None => None,
    };
    let now = Utc::now();
    let id = actor::ActiveModel {
        kind: Set(new.kind),
        name_fr: Set(new.name_fr.to_owned()),
        name_ar: Set(new.name_ar.map(str::to_owned)),
        country: Set(Country::Ma),
        seat_territory_id: Set(seat),
        sensitivity: Set(new.sensitivity),
        search_key: Set(search_key([new.name_fr, new.name_ar.unwrap_or_default()])),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id;
    if let Some(seat) = seat {
        let circs = scope::circumscriptions_of(&db.writer, &[seat])
            .await
            .unwrap();
        scope::set_record_circumscriptions(&db.writer, RecordType::Actor, id, &circs)
            .await
            .unwrap();
    }
    id
}

pub struct NewProject<'a> {
    pub title: &'a str,
    pub sensitivity: Sensitivity,
    pub locations: &'a [&'a str],
    pub participants: &'a [(i64, ParticipantRole)],
    pub pillar: Pillar,
    pub planned_start: Option<chrono::NaiveDate>,
    pub planned_end: Option<chrono::NaiveDate>,
}

impl<'a> NewProject<'a> {
    pub fn public(title: &'a str, participants: &'a [(i64, ParticipantRole)]) -> Self {
        Self {
            title,
            sensitivity: Sensitivity::Public,
            locations: &[],
            participants,
            pillar: Pillar::CivilSociety,
            planned_start: None,
            planned_end: None,
        }
    }
}

pub async fn insert_project(db: &Database, new: NewProject<'_>) -> i64 {
    let now = Utc::now();
    let id = project::ActiveModel {
        title_fr: Set(new.title.to_owned()),
        pillar: Set(new.pillar),
        instrument: Set(Instrument::CallForProposals),
        funding_source: Set(FundingSource::P209),
        status: Set(ActivityStatus::Implementation),
        origin: Set(ProjectOrigin::Own),
        planned_start: Set(new.planned_start),
        planned_end: Set(new.planned_end),
        sensitivity: Set(new.sensitivity),
        publishable: Set(false),
        search_key: Set(search_key([new.title])),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id;
    let mut territories = Vec::new();
    for code in new.locations {
        let territory = territory_id(db, code).await;
        territories.push(territory);
        project_location::ActiveModel {
            project_id: Set(id),
            territory_id: Set(territory),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    let circs = scope::circumscriptions_of(&db.writer, &territories)
        .await
        .unwrap();
    scope::set_record_circumscriptions(&db.writer, RecordType::Project, id, &circs)
        .await
        .unwrap();
    for (actor_id, role) in new.participants {
        project_participant::ActiveModel {
            project_id: Set(id),
            actor_id: Set(*actor_id),
            role: Set(*role),
            ..Default::default()
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    id
}

//! Partnerships, events and exchanges (and the actors and projects they link) written straight
//! into the database, as the write API will: search key, audit fields, sensitivity, and the
//! circumscriptions derived from territories.

use chrono::{DateTime, NaiveDate, Utc};
use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{
    ActivityStatus, ActorKind, AgreementKind, Country, DatePrecision, EventKind, EventRole,
    ExchangeKind, ExchangePartySide, FundingSource, Instrument, PartnershipKind, PartnershipStatus,
    Pillar, ProjectOrigin, RecordType, Sensitivity, Side, Theme,
};
use partner_hub::entities::{
    actor, agreement, event, event_participant, exchange, exchange_party, partnership,
    partnership_member, partnership_project, partnership_theme, project, territory,
};
use partner_hub::search::search_key;
use partner_hub::services::scope;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn instant(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Writes fixture records for one test.
pub struct Fixtures<'a> {
    db: &'a Database,
}

impl<'a> Fixtures<'a> {
    pub fn new(db: &'a Database) -> Self {
        Self { db }
    }

    pub async fn territory(&self, code: &str) -> i64 {
        territory::Entity::find()
            .filter(territory::Column::Code.eq(code))
            .one(&self.db.writer)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no territory {code}"))
            .id
    }

    async fn circumscriptions(&self, record: RecordType, id: i64, territories: &[i64]) {
        let circs = scope::circumscriptions_of(&self.db.writer, territories)
            .await
            .unwrap();
        scope::set_record_circumscriptions(&self.db.writer, record, id, &circs)
            .await
            .unwrap();
    }

    /// An association (Moroccan, or French with no seat), seated in `seat` if given.
    pub async fn actor(&self, name: &str, seat: Option<&str>, sensitivity: Sensitivity) -> i64 {
        let seat = match seat {
            Some(code) => Some(self.territory(code).await),
            None => None,
        };
        let now = Utc::now();
        let id = actor::ActiveModel {
            kind: Set(ActorKind::Association),
            name_fr: Set(name.to_owned()),
            country: Set(if seat.is_some() {
                Country::Ma
            } else {
                Country::Fr
            }),
            seat_territory_id: Set(seat),
            sensitivity: Set(sensitivity),
            search_key: Set(search_key([name])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db.writer)
        .await
        .unwrap()
        .id;
        if let Some(seat) = seat {
            self.circumscriptions(RecordType::Actor, id, &[seat]).await;
        }
        id
    }

    pub async fn project(&self, title: &str, sensitivity: Sensitivity) -> i64 {
        let now = Utc::now();
        project::ActiveModel {
            title_fr: Set(title.to_owned()),
            pillar: Set(Pillar::TerritorialGovernance),
            instrument: Set(Instrument::Fspi),
            funding_source: Set(FundingSource::Fspi),
            status: Set(ActivityStatus::Implementation),
            origin: Set(ProjectOrigin::Own),
            sensitivity: Set(sensitivity),
            publishable: Set(false),
            search_key: Set(search_key([title])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db.writer)
        .await
        .unwrap()
        .id
    }

    pub async fn partnership(&self, new: NewPartnership<'_>) -> i64 {
        let now = Utc::now();
        let id = partnership::ActiveModel {
            kind: Set(new.kind),
            title_fr: Set(new.title.to_owned()),
            title_ar: Set(new.title_ar.map(str::to_owned)),
            status: Set(new.status),
            valid_from: Set(new.valid_from),
            valid_from_precision: Set(new.valid_from.map(|_| DatePrecision::Day)),
            valid_to: Set(new.valid_to),
            valid_to_precision: Set(new.valid_to.map(|_| DatePrecision::Day)),
            source: Set(Some("test fixture".to_owned())),
            asserted_by: Set(Some("tests".to_owned())),
            sensitivity: Set(new.sensitivity),
            search_key: Set(search_key([new.title, new.title_ar.unwrap_or_default()])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            archived_at: Set(new.archived.then_some(now)),
            ..Default::default()
        }
        .insert(&self.db.writer)
        .await
        .unwrap()
        .id;
        for (actor_id, side) in &new.members {
            partnership_member::ActiveModel {
                partnership_id: Set(id),
                actor_id: Set(*actor_id),
                side: Set(*side),
                role: Set(None),
                ..Default::default()
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        for theme in &new.themes {
            partnership_theme::ActiveModel {
                partnership_id: Set(id),
                theme: Set(*theme),
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        for (kind, signed_on) in &new.agreements {
            agreement::ActiveModel {
                partnership_id: Set(id),
                kind: Set(*kind),
                title: Set(None),
                signed_on: Set(*signed_on),
                signed_on_precision: Set(signed_on.map(|_| DatePrecision::Day)),
                period_start: Set(None),
                period_end: Set(None),
                ..Default::default()
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        for project_id in &new.projects {
            partnership_project::ActiveModel {
                partnership_id: Set(id),
                project_id: Set(*project_id),
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        let seats = self.seats(new.members.iter().map(|(a, _)| *a)).await;
        self.circumscriptions(RecordType::Partnership, id, &seats)
            .await;
        id
    }

    async fn seats(&self, actors: impl IntoIterator<Item = i64>) -> Vec<i64> {
        actor::Entity::find()
            .filter(actor::Column::Id.is_in(actors))
            .all(&self.db.writer)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|a| a.seat_territory_id)
            .collect()
    }

    pub async fn event(&self, new: NewEvent<'_>) -> i64 {
        let territory = match new.territory {
            Some(code) => Some(self.territory(code).await),
            None => None,
        };
        let now = Utc::now();
        let id = event::ActiveModel {
            kind: Set(new.kind),
            title_fr: Set(new.title.to_owned()),
            starts_at: Set(new.starts_at),
            ends_at: Set(None),
            territory_id: Set(territory),
            place_in_france: Set(territory.is_none().then(|| "Paris".to_owned())),
            project_id: Set(new.project),
            sensitivity: Set(new.sensitivity),
            search_key: Set(search_key([new.title])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db.writer)
        .await
        .unwrap()
        .id;
        for (actor_id, role) in &new.participants {
            event_participant::ActiveModel {
                event_id: Set(id),
                actor_id: Set(*actor_id),
                role: Set(*role),
                ..Default::default()
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        let territories = match territory {
            Some(t) => vec![t],
            None => self.seats(new.participants.iter().map(|(a, _)| *a)).await,
        };
        self.circumscriptions(RecordType::Event, id, &territories)
            .await;
        id
    }

    pub async fn exchange(&self, new: NewExchange<'_>) -> i64 {
        let now = Utc::now();
        let id = exchange::ActiveModel {
            kind: Set(new.kind),
            title_fr: Set(new.title.to_owned()),
            starts_on: Set(new.starts_on),
            ends_on: Set(None),
            theme: Set(new.theme),
            dac_code: Set(new.dac_code.map(str::to_owned)),
            participant_count: Set(Some(3)),
            instrument: Set(new.instrument),
            project_id: Set(new.project),
            sensitivity: Set(new.sensitivity),
            search_key: Set(search_key([new.title])),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.db.writer)
        .await
        .unwrap()
        .id;
        let parties = new
            .providers
            .iter()
            .map(|a| (*a, ExchangePartySide::Provider))
            .chain(
                new.beneficiaries
                    .iter()
                    .map(|a| (*a, ExchangePartySide::Beneficiary)),
            );
        for (actor_id, side) in parties {
            exchange_party::ActiveModel {
                exchange_id: Set(id),
                actor_id: Set(actor_id),
                side: Set(side),
                ..Default::default()
            }
            .insert(&self.db.writer)
            .await
            .unwrap();
        }
        let seats = self.seats(new.beneficiaries.iter().copied()).await;
        self.circumscriptions(RecordType::Exchange, id, &seats)
            .await;
        id
    }
}

pub struct NewPartnership<'a> {
    pub title: &'a str,
    pub title_ar: Option<&'a str>,
    pub kind: PartnershipKind,
    pub status: PartnershipStatus,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub themes: Vec<Theme>,
    pub members: Vec<(i64, Side)>,
    pub agreements: Vec<(AgreementKind, Option<NaiveDate>)>,
    pub projects: Vec<i64>,
    pub sensitivity: Sensitivity,
    pub archived: bool,
}

impl<'a> NewPartnership<'a> {
    pub fn public(title: &'a str, members: Vec<(i64, Side)>) -> Self {
        Self {
            title,
            title_ar: None,
            kind: PartnershipKind::DecentralisedCooperation,
            status: PartnershipStatus::Active,
            valid_from: None,
            valid_to: None,
            themes: Vec::new(),
            members,
            agreements: Vec::new(),
            projects: Vec::new(),
            sensitivity: Sensitivity::Public,
            archived: false,
        }
    }
}

pub struct NewEvent<'a> {
    pub title: &'a str,
    pub kind: EventKind,
    pub starts_at: DateTime<Utc>,
    pub territory: Option<&'a str>,
    pub project: Option<i64>,
    pub participants: Vec<(i64, EventRole)>,
    pub sensitivity: Sensitivity,
}

impl<'a> NewEvent<'a> {
    pub fn public(title: &'a str, starts_at: &str, participants: Vec<(i64, EventRole)>) -> Self {
        Self {
            title,
            kind: EventKind::Seminar,
            starts_at: instant(starts_at),
            territory: None,
            project: None,
            participants,
            sensitivity: Sensitivity::Public,
        }
    }
}

pub struct NewExchange<'a> {
    pub title: &'a str,
    pub kind: ExchangeKind,
    pub starts_on: Option<NaiveDate>,
    pub theme: Option<Theme>,
    pub instrument: Option<Instrument>,
    pub dac_code: Option<&'a str>,
    pub project: Option<i64>,
    pub providers: Vec<i64>,
    pub beneficiaries: Vec<i64>,
    pub sensitivity: Sensitivity,
}

impl<'a> NewExchange<'a> {
    pub fn public(title: &'a str, providers: Vec<i64>, beneficiaries: Vec<i64>) -> Self {
        Self {
            title,
            kind: ExchangeKind::ExpertiseMission,
            starts_on: None,
            theme: None,
            instrument: None,
            dac_code: None,
            project: None,
            providers,
            beneficiaries,
            sensitivity: Sensitivity::Public,
        }
    }
}

//! Funding and activity-log records written straight into the database (the write API lands
//! later), each with the search key, audit fields and sensitivity a write would record.

use chrono::{DateTime, NaiveDate, Utc};
use partner_hub::db::Database;
use partner_hub::domain::vocabulary::{
    ActivityKind, AllocationStatus, ApplicationStatus, Currency, Instrument, RecordType,
    Sensitivity, Theme,
};
use partner_hub::entities::{
    activity, activity_actor, activity_circumscription, activity_territory, application,
    application_applicant, call, call_theme, circumscription, fund, fund_allocation,
};
use partner_hub::search::search_key;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// The joint fund of the reference data (EUR 1.8 M).
pub async fn joint_fund_id(db: &Database) -> i64 {
    fund::Entity::find()
        .one(&db.writer)
        .await
        .unwrap()
        .expect("the reference data holds the joint fund")
        .id
}

pub async fn circumscription_id(db: &Database, code: &str) -> i64 {
    circumscription::Entity::find()
        .filter(circumscription::Column::Code.eq(code))
        .one(&db.writer)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no circumscription {code}"))
        .id
}

pub async fn insert_fund(db: &Database, name: &str, sensitivity: Sensitivity) -> i64 {
    let now = Utc::now();
    fund::ActiveModel {
        name_fr: Set(name.to_owned()),
        currency: Set(Currency::Eur),
        envelope_minor: Set(10_000_000),
        committed_minor: Set(0),
        sensitivity: Set(sensitivity),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id
}

/// Sets a fund's committed amount (as committing allocations would).
pub async fn set_committed(db: &Database, fund_id: i64, committed_minor: i64) {
    fund::ActiveModel {
        id: Set(fund_id),
        committed_minor: Set(committed_minor),
        ..Default::default()
    }
    .update(&db.writer)
    .await
    .unwrap();
}

pub struct NewCall<'a> {
    pub title: &'a str,
    pub year: i32,
    pub instrument: Instrument,
    pub themes: &'a [Theme],
    pub fund: Option<i64>,
    pub open: Option<(NaiveDate, NaiveDate)>,
    pub budget: Option<(i64, Currency)>,
    pub sensitivity: Sensitivity,
}

impl<'a> NewCall<'a> {
    pub fn public(title: &'a str, year: i32) -> Self {
        Self {
            title,
            year,
            instrument: Instrument::CallForProposals,
            themes: &[],
            fund: None,
            open: None,
            budget: None,
            sensitivity: Sensitivity::Public,
        }
    }
}

pub async fn insert_call(db: &Database, new: NewCall<'_>) -> i64 {
    let now = Utc::now();
    let id = call::ActiveModel {
        title_fr: Set(new.title.to_owned()),
        description_fr: Set(Some(format!("Description de « {} »", new.title))),
        year: Set(new.year),
        instrument: Set(new.instrument),
        audience: Set(Some("Associations marocaines".to_owned())),
        budget_minor: Set(new.budget.map(|b| b.0)),
        budget_currency: Set(new.budget.map(|b| b.1)),
        opens_on: Set(new.open.map(|o| o.0)),
        closes_on: Set(new.open.map(|o| o.1)),
        fund_id: Set(new.fund),
        sensitivity: Set(new.sensitivity),
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
    for theme in new.themes {
        call_theme::ActiveModel {
            call_id: Set(id),
            theme: Set(*theme),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    id
}

pub struct NewApplication<'a> {
    pub call: i64,
    pub title: &'a str,
    pub status: ApplicationStatus,
    pub applicants: &'a [i64],
    pub requested: Option<(i64, Currency)>,
    pub evaluation: Option<&'a str>,
    pub project: Option<i64>,
    pub sensitivity: Sensitivity,
}

impl<'a> NewApplication<'a> {
    pub fn public(call: i64, title: &'a str, applicants: &'a [i64]) -> Self {
        Self {
            call,
            title,
            status: ApplicationStatus::Submitted,
            applicants,
            requested: None,
            evaluation: None,
            project: None,
            sensitivity: Sensitivity::Public,
        }
    }
}

pub async fn insert_application(db: &Database, new: NewApplication<'_>) -> i64 {
    let now = Utc::now();
    let id = application::ActiveModel {
        call_id: Set(new.call),
        title: Set(new.title.to_owned()),
        requested_minor: Set(new.requested.map(|r| r.0)),
        requested_currency: Set(new.requested.map(|r| r.1)),
        status: Set(new.status),
        evaluation: Set(new.evaluation.map(str::to_owned)),
        project_id: Set(new.project),
        submitted_at: Set(Some(now)),
        sensitivity: Set(new.sensitivity),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id;
    for actor in new.applicants {
        application_applicant::ActiveModel {
            application_id: Set(id),
            actor_id: Set(*actor),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    id
}

pub struct NewAllocation {
    pub fund: i64,
    pub status: AllocationStatus,
    pub amount: (i64, Currency),
    /// Rate × 10⁶ and converted amount, when the currency differs from the fund's.
    pub conversion: Option<(i64, i64)>,
    pub project: Option<i64>,
    pub partnership: Option<i64>,
    pub sensitivity: Sensitivity,
}

pub async fn insert_allocation(db: &Database, new: NewAllocation) -> i64 {
    let now = Utc::now();
    fund_allocation::ActiveModel {
        fund_id: Set(new.fund),
        partnership_id: Set(new.partnership),
        project_id: Set(new.project),
        status: Set(new.status),
        amount_minor: Set(new.amount.0),
        currency: Set(new.amount.1),
        exchange_rate_micros: Set(new.conversion.map(|c| c.0)),
        converted_minor: Set(new.conversion.map_or(new.amount.0, |c| c.1)),
        decided_on: Set(NaiveDate::from_ymd_opt(2031, 6, 30)),
        sensitivity: Set(new.sensitivity),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id
}

pub struct NewEntry<'a> {
    pub position: i64,
    pub at: DateTime<Utc>,
    pub kind: ActivityKind,
    pub subject: (RecordType, i64),
    pub sensitivity: Sensitivity,
    pub actors: &'a [i64],
    pub territories: &'a [i64],
    pub circumscriptions: &'a [i64],
}

/// An entry of the log with its link rows; positions must be unique and increasing.
pub async fn insert_entry(db: &Database, new: NewEntry<'_>) -> i64 {
    let id = activity::ActiveModel {
        position: Set(new.position),
        at: Set(new.at),
        kind: Set(new.kind),
        subject_type: Set(new.subject.0),
        subject_id: Set(new.subject.1),
        sensitivity: Set(new.sensitivity),
        author: Set(Some("coordinator@example.org".to_owned())),
        details: Set(None),
        ..Default::default()
    }
    .insert(&db.writer)
    .await
    .unwrap()
    .id;
    for actor in new.actors {
        activity_actor::ActiveModel {
            position: Set(new.position),
            actor_id: Set(*actor),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    for territory in new.territories {
        activity_territory::ActiveModel {
            position: Set(new.position),
            territory_id: Set(*territory),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    for circumscription in new.circumscriptions {
        activity_circumscription::ActiveModel {
            position: Set(new.position),
            circumscription_id: Set(*circumscription),
        }
        .insert(&db.writer)
        .await
        .unwrap();
    }
    id
}

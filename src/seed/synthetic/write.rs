//! Writing a [`Plan`] in one transaction: each table in batched multi-row inserts, in plan
//! order; after each kind of record, its database ids are read back (by its unique synthetic
//! name) so that link rows can refer to them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
    Set,
};

use super::plan::Plan;
use super::{AUTHOR, SyntheticReport};
use crate::domain::vocabulary::{ActivityKind, BudgetKind, Currency, RecordType, Sensitivity};
use crate::entities::{
    activity, activity_actor, activity_circumscription, activity_territory, actor, actor_theme,
    budget_line, event, event_participant, exchange, exchange_party, partnership,
    partnership_member, partnership_project, partnership_theme, project, project_location,
    project_participant, project_sector, project_theme, record_circumscription,
};
use crate::error::{AppError, AppResult};
use crate::search::search_key;
use crate::seed::bulk::Batch;

/// 2024-01-01T00:00:00Z: the first synthetic record's creation; each next one a minute later.
const FIRST_RECORD_AT: i64 = 1_704_067_200;

/// When the `k`-th record (in plan order) was created, and its activity entry recorded.
fn instant(k: usize) -> DateTime<Utc> {
    DateTime::from_timestamp(FIRST_RECORD_AT + 60 * k as i64, 0).unwrap_or_default()
}

fn author() -> Option<String> {
    Some(AUTHOR.to_owned())
}

pub struct Writer<'t> {
    txn: &'t DatabaseTransaction,
    plan: &'t Plan,
    /// Territory id of each place of the plan.
    place_ids: &'t [i64],
    /// The circumscriptions covering each territory.
    covering: &'t HashMap<i64, Vec<i64>>,
    /// The activity position before this load.
    first_position: i64,
    /// At most this many rows per statement (below the backend's limit), if set.
    rows_per_statement: Option<usize>,
    report: SyntheticReport,
    actor_ids: Vec<i64>,
    project_ids: Vec<i64>,
    partnership_ids: Vec<i64>,
    event_ids: Vec<i64>,
    exchange_ids: Vec<i64>,
}

impl<'t> Writer<'t> {
    pub fn new(
        txn: &'t DatabaseTransaction,
        plan: &'t Plan,
        place_ids: &'t [i64],
        covering: &'t HashMap<i64, Vec<i64>>,
        first_position: i64,
        rows_per_statement: Option<usize>,
    ) -> Self {
        Self {
            txn,
            plan,
            place_ids,
            covering,
            first_position,
            rows_per_statement,
            report: SyntheticReport::default(),
            actor_ids: Vec::new(),
            project_ids: Vec::new(),
            partnership_ids: Vec::new(),
            event_ids: Vec::new(),
            exchange_ids: Vec::new(),
        }
    }

    /// Writes the whole plan; returns what was written and the last activity position used.
    pub async fn write(mut self) -> AppResult<(SyntheticReport, i64)> {
        self.actors().await?;
        self.projects().await?;
        self.partnerships().await?;
        self.events().await?;
        self.exchanges().await?;
        let last_position = self.activities().await?;
        Ok((self.report, last_position))
    }

    /// A batch for one table, as large as the backend allows (or as `rows_per_statement`).
    fn batch<A>(&self) -> Batch<'t, A, DatabaseTransaction>
    where
        A: sea_orm::ActiveModelTrait + Send,
    {
        let batch = Batch::new(self.txn);
        match self.rows_per_statement {
            Some(cap) if cap < batch.rows_per_statement() => Batch::with_chunk(self.txn, cap),
            _ => batch,
        }
    }

    /// Sends a batch's last rows; counts its rows and statements.
    async fn done<A>(&mut self, mut batch: Batch<'t, A, DatabaseTransaction>) -> AppResult<u64>
    where
        A: sea_orm::ActiveModelTrait + Send,
    {
        batch.flush().await?;
        self.report.statements += batch.statements();
        let rows = batch.finish().await?;
        self.report.rows += rows;
        Ok(rows)
    }

    fn place_id(&self, place: usize) -> i64 {
        self.place_ids[place]
    }

    /// The circumscriptions covering any of `territories`, sorted.
    fn circumscriptions(&self, territories: impl IntoIterator<Item = i64>) -> Vec<i64> {
        let mut all: Vec<i64> = territories
            .into_iter()
            .flat_map(|t| self.covering.get(&t).into_iter().flatten().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// The seats of some actors (by plan index), sorted and distinct.
    fn seats_of(&self, actors: impl IntoIterator<Item = usize>) -> Vec<i64> {
        let mut seats: Vec<i64> = actors
            .into_iter()
            .filter_map(|a| self.plan.actors[a].seat)
            .map(|p| self.place_id(p))
            .collect();
        seats.sort_unstable();
        seats.dedup();
        seats
    }

    fn scope_row(
        record_type: RecordType,
        record_id: i64,
        circumscription_id: i64,
    ) -> record_circumscription::ActiveModel {
        record_circumscription::ActiveModel {
            record_type: Set(record_type),
            record_id: Set(record_id),
            circumscription_id: Set(circumscription_id),
        }
    }

    async fn actors(&mut self) -> AppResult<()> {
        let plan = self.plan;
        let mut rows = self.batch();
        for (i, a) in plan.actors.iter().enumerate() {
            let at = instant(i);
            let seat = a.seat.map(|p| self.place_id(p));
            let key = search_key([
                a.name_fr.as_str(),
                a.name_ar.as_deref().unwrap_or_default(),
                a.acronym.as_deref().unwrap_or_default(),
            ]);
            rows.push(actor::ActiveModel {
                id: NotSet,
                kind: Set(a.kind),
                name_fr: Set(a.name_fr.clone()),
                name_ar: Set(a.name_ar.clone()),
                name_en: Set(None),
                acronym: Set(a.acronym.clone()),
                aliases: Set(None),
                country: Set(a.country),
                seat_territory_id: Set(seat),
                parent_id: Set(None),
                website: Set(a.website.clone()),
                description_fr: Set(a.description_fr.clone()),
                description_ar: Set(None),
                description_en: Set(None),
                iati_ref: Set(a.iati_ref.clone()),
                iati_org_type: Set(a.iati_org_type.map(str::to_owned)),
                sensitivity: Set(a.sensitivity),
                search_key: Set(key),
                registration_number: Set(a.registration_number.clone()),
                founded_on: Set(a.founded_on),
                local_authority_level: Set(a.local_authority_level),
                governed_territory_id: Set(if a.governs_seat { seat } else { None }),
                french_region: Set(a.french_region.map(str::to_owned)),
                city: Set(None),
                site_kind: Set(None),
                circumscription_id: Set(None),
                version: Set(1),
                created_at: Set(at),
                created_by: Set(author()),
                updated_at: Set(at),
                updated_by: Set(author()),
                archived_at: Set(None),
            })
            .await?;
        }
        self.report.actors = self.done(rows).await?;
        let rows: Vec<(i64, String)> = actor::Entity::find()
            .select_only()
            .column(actor::Column::Id)
            .column(actor::Column::NameFr)
            .filter(actor::Column::CreatedBy.eq(AUTHOR))
            .into_tuple()
            .all(self.txn)
            .await?;
        self.actor_ids = ids_by_name(rows, plan.actors.iter().map(|a| &a.name_fr), "actor")?;

        let mut themes = self.batch();
        let mut scopes = self.batch();
        for (a, id) in plan.actors.iter().zip(self.actor_ids.iter().copied()) {
            for theme in &a.themes {
                themes
                    .push(actor_theme::ActiveModel {
                        actor_id: Set(id),
                        theme: Set(*theme),
                    })
                    .await?;
            }
            let seat = a.seat.map(|p| self.place_id(p));
            for c in self.circumscriptions(seat) {
                scopes
                    .push(Self::scope_row(RecordType::Actor, id, c))
                    .await?;
            }
        }
        self.done(themes).await?;
        self.report.record_circumscriptions += self.done(scopes).await?;
        Ok(())
    }

    async fn projects(&mut self) -> AppResult<()> {
        let plan = self.plan;
        let offset = plan.actors.len();
        let mut rows = self.batch();
        for (j, p) in plan.projects.iter().enumerate() {
            let at = instant(offset + j);
            rows.push(project::ActiveModel {
                id: NotSet,
                iati_identifier: Set(Some(p.iati_identifier.clone())),
                title_fr: Set(p.title_fr.clone()),
                title_ar: Set(None),
                title_en: Set(None),
                description_fr: Set(p.description_fr.clone()),
                description_ar: Set(None),
                description_en: Set(None),
                pillar: Set(p.pillar),
                instrument: Set(p.instrument),
                funding_source: Set(p.funding_source),
                status: Set(p.status),
                planned_start: Set(Some(p.planned_start)),
                planned_end: Set(Some(p.planned_end)),
                actual_start: Set(p.actual_start),
                actual_end: Set(p.actual_end),
                origin: Set(p.origin),
                sensitivity: Set(p.sensitivity),
                publishable: Set(p.publishable),
                search_key: Set(search_key([p.title_fr.as_str(), &p.iati_identifier])),
                version: Set(1),
                created_at: Set(at),
                created_by: Set(author()),
                updated_at: Set(at),
                updated_by: Set(author()),
                archived_at: Set(None),
            })
            .await?;
        }
        self.report.projects = self.done(rows).await?;
        let rows: Vec<(i64, String)> = project::Entity::find()
            .select_only()
            .column(project::Column::Id)
            .column(project::Column::TitleFr)
            .filter(project::Column::CreatedBy.eq(AUTHOR))
            .into_tuple()
            .all(self.txn)
            .await?;
        self.project_ids = ids_by_name(rows, plan.projects.iter().map(|p| &p.title_fr), "project")?;

        let mut locations = self.batch();
        let mut participants = self.batch();
        let mut themes = self.batch();
        let mut sectors = self.batch();
        let mut budgets = self.batch();
        let mut scopes = self.batch();
        for (p, id) in plan.projects.iter().zip(self.project_ids.iter().copied()) {
            let territories: Vec<i64> = p.locations.iter().map(|l| self.place_id(*l)).collect();
            for territory in &territories {
                locations
                    .push(project_location::ActiveModel {
                        project_id: Set(id),
                        territory_id: Set(*territory),
                    })
                    .await?;
            }
            for (a, role) in &p.participants {
                participants
                    .push(project_participant::ActiveModel {
                        id: NotSet,
                        project_id: Set(id),
                        actor_id: Set(self.actor_ids[*a]),
                        role: Set(*role),
                    })
                    .await?;
            }
            for theme in &p.themes {
                themes
                    .push(project_theme::ActiveModel {
                        project_id: Set(id),
                        theme: Set(*theme),
                    })
                    .await?;
            }
            sectors
                .push(project_sector::ActiveModel {
                    project_id: Set(id),
                    dac_code: Set(p.dac_code.to_owned()),
                    percentage_bp: Set(10_000),
                })
                .await?;
            budgets
                .push(budget_line::ActiveModel {
                    id: NotSet,
                    project_id: Set(id),
                    kind: Set(BudgetKind::Original),
                    period_start: Set(p.planned_start),
                    period_end: Set(p.planned_end),
                    value_date: Set(Some(p.planned_start)),
                    amount_minor: Set(p.budget_eur_minor),
                    currency: Set(Currency::Eur),
                })
                .await?;
            for c in self.circumscriptions(territories) {
                scopes
                    .push(Self::scope_row(RecordType::Project, id, c))
                    .await?;
            }
        }
        self.done(locations).await?;
        self.report.project_participants = self.done(participants).await?;
        self.done(themes).await?;
        self.done(sectors).await?;
        self.done(budgets).await?;
        self.report.record_circumscriptions += self.done(scopes).await?;
        Ok(())
    }

    async fn partnerships(&mut self) -> AppResult<()> {
        let plan = self.plan;
        let offset = plan.actors.len() + plan.projects.len();
        let mut rows = self.batch();
        for (k, p) in plan.partnerships.iter().enumerate() {
            let at = instant(offset + k);
            rows.push(partnership::ActiveModel {
                id: NotSet,
                kind: Set(p.kind),
                title_fr: Set(p.title_fr.clone()),
                title_ar: Set(None),
                title_en: Set(None),
                description_fr: Set(None),
                status: Set(p.status),
                valid_from: Set(Some(p.valid_from)),
                valid_from_precision: Set(Some(p.valid_from_precision)),
                valid_to: Set(p.valid_to),
                valid_to_precision: Set(p
                    .valid_to
                    .map(|_| crate::domain::vocabulary::DatePrecision::Year)),
                source: Set(Some("synthetic network (load tests)".to_owned())),
                asserted_by: Set(author()),
                sensitivity: Set(p.sensitivity),
                search_key: Set(search_key([p.title_fr.as_str()])),
                version: Set(1),
                created_at: Set(at),
                created_by: Set(author()),
                updated_at: Set(at),
                updated_by: Set(author()),
                archived_at: Set(None),
            })
            .await?;
        }
        self.report.partnerships = self.done(rows).await?;
        let rows: Vec<(i64, String)> = partnership::Entity::find()
            .select_only()
            .column(partnership::Column::Id)
            .column(partnership::Column::TitleFr)
            .filter(partnership::Column::CreatedBy.eq(AUTHOR))
            .into_tuple()
            .all(self.txn)
            .await?;
        self.partnership_ids = ids_by_name(
            rows,
            plan.partnerships.iter().map(|p| &p.title_fr),
            "partnership",
        )?;

        let mut members = self.batch();
        let mut themes = self.batch();
        let mut projects = self.batch();
        let mut scopes = self.batch();
        for (p, id) in plan
            .partnerships
            .iter()
            .zip(self.partnership_ids.iter().copied())
        {
            for (n, (a, side)) in p.members.iter().enumerate() {
                members
                    .push(partnership_member::ActiveModel {
                        id: NotSet,
                        partnership_id: Set(id),
                        actor_id: Set(self.actor_ids[*a]),
                        side: Set(*side),
                        role: Set((n == 0).then(|| "chef de file".to_owned())),
                    })
                    .await?;
            }
            themes
                .push(partnership_theme::ActiveModel {
                    partnership_id: Set(id),
                    theme: Set(p.theme),
                })
                .await?;
            if let Some(project) = p.project {
                projects
                    .push(partnership_project::ActiveModel {
                        partnership_id: Set(id),
                        project_id: Set(self.project_ids[project]),
                    })
                    .await?;
            }
            // Like the reference partnerships: the circumscriptions of the members' seats.
            let seats = self.seats_of(p.members.iter().map(|m| m.0));
            for c in self.circumscriptions(seats) {
                scopes
                    .push(Self::scope_row(RecordType::Partnership, id, c))
                    .await?;
            }
        }
        self.report.partnership_members = self.done(members).await?;
        self.done(themes).await?;
        self.done(projects).await?;
        self.report.record_circumscriptions += self.done(scopes).await?;
        Ok(())
    }

    /// An event's territories: where it is held or, held in France, its participants' seats.
    fn event_territories(&self, e: &super::plan::EventPlan) -> Vec<i64> {
        match e.territory {
            Some(t) => vec![self.place_id(t)],
            None => self.seats_of(e.participants.iter().map(|p| p.0)),
        }
    }

    async fn events(&mut self) -> AppResult<()> {
        let plan = self.plan;
        let offset = plan.actors.len() + plan.projects.len() + plan.partnerships.len();
        let mut rows = self.batch();
        for (k, e) in plan.events.iter().enumerate() {
            let at = instant(offset + k);
            rows.push(event::ActiveModel {
                id: NotSet,
                kind: Set(e.kind),
                title_fr: Set(e.title_fr.clone()),
                title_ar: Set(None),
                title_en: Set(None),
                description_fr: Set(e.description_fr.clone()),
                starts_at: Set(e.starts_at),
                ends_at: Set(Some(e.ends_at)),
                territory_id: Set(e.territory.map(|t| self.place_id(t))),
                place_in_france: Set(e.place_in_france.map(str::to_owned)),
                project_id: Set(e.project.map(|p| self.project_ids[p])),
                sensitivity: Set(e.sensitivity),
                search_key: Set(search_key([e.title_fr.as_str()])),
                version: Set(1),
                created_at: Set(at),
                created_by: Set(author()),
                updated_at: Set(at),
                updated_by: Set(author()),
                archived_at: Set(None),
            })
            .await?;
        }
        self.report.events = self.done(rows).await?;
        let rows: Vec<(i64, String)> = event::Entity::find()
            .select_only()
            .column(event::Column::Id)
            .column(event::Column::TitleFr)
            .filter(event::Column::CreatedBy.eq(AUTHOR))
            .into_tuple()
            .all(self.txn)
            .await?;
        self.event_ids = ids_by_name(rows, plan.events.iter().map(|e| &e.title_fr), "event")?;

        let mut participants = self.batch();
        let mut scopes = self.batch();
        for (e, id) in plan.events.iter().zip(self.event_ids.iter().copied()) {
            for (a, role) in &e.participants {
                participants
                    .push(event_participant::ActiveModel {
                        id: NotSet,
                        event_id: Set(id),
                        actor_id: Set(self.actor_ids[*a]),
                        role: Set(*role),
                    })
                    .await?;
            }
            for c in self.circumscriptions(self.event_territories(e)) {
                scopes
                    .push(Self::scope_row(RecordType::Event, id, c))
                    .await?;
            }
        }
        self.report.event_participants = self.done(participants).await?;
        self.report.record_circumscriptions += self.done(scopes).await?;
        Ok(())
    }

    async fn exchanges(&mut self) -> AppResult<()> {
        let plan = self.plan;
        let offset =
            plan.actors.len() + plan.projects.len() + plan.partnerships.len() + plan.events.len();
        let mut rows = self.batch();
        for (k, x) in plan.exchanges.iter().enumerate() {
            let at = instant(offset + k);
            rows.push(exchange::ActiveModel {
                id: NotSet,
                kind: Set(x.kind),
                title_fr: Set(x.title_fr.clone()),
                title_ar: Set(None),
                title_en: Set(None),
                starts_on: Set(Some(x.starts_on)),
                ends_on: Set(Some(x.ends_on)),
                theme: Set(Some(x.theme)),
                dac_code: Set(Some(x.dac_code.to_owned())),
                participant_count: Set(Some(x.participant_count)),
                instrument: Set(Some(x.instrument)),
                project_id: Set(x.project.map(|p| self.project_ids[p])),
                sensitivity: Set(x.sensitivity),
                search_key: Set(search_key([x.title_fr.as_str()])),
                version: Set(1),
                created_at: Set(at),
                created_by: Set(author()),
                updated_at: Set(at),
                updated_by: Set(author()),
                archived_at: Set(None),
            })
            .await?;
        }
        self.report.exchanges = self.done(rows).await?;
        let rows: Vec<(i64, String)> = exchange::Entity::find()
            .select_only()
            .column(exchange::Column::Id)
            .column(exchange::Column::TitleFr)
            .filter(exchange::Column::CreatedBy.eq(AUTHOR))
            .into_tuple()
            .all(self.txn)
            .await?;
        self.exchange_ids =
            ids_by_name(rows, plan.exchanges.iter().map(|x| &x.title_fr), "exchange")?;

        let mut parties = self.batch();
        let mut scopes = self.batch();
        for (x, id) in plan.exchanges.iter().zip(self.exchange_ids.iter().copied()) {
            for (a, side) in &x.parties {
                parties
                    .push(exchange_party::ActiveModel {
                        id: NotSet,
                        exchange_id: Set(id),
                        actor_id: Set(self.actor_ids[*a]),
                        side: Set(*side),
                    })
                    .await?;
            }
            let seats = self.seats_of(x.parties.iter().map(|p| p.0));
            for c in self.circumscriptions(seats) {
                scopes
                    .push(Self::scope_row(RecordType::Exchange, id, c))
                    .await?;
            }
        }
        self.report.exchange_parties = self.done(parties).await?;
        self.report.record_circumscriptions += self.done(scopes).await?;
        Ok(())
    }

    /// What the activity entry of each record concerns, in plan order (the order of their
    /// positions).
    fn log_records(&self) -> impl Iterator<Item = LogRecord> + '_ {
        let plan = self.plan;
        let actors = plan
            .actors
            .iter()
            .zip(self.actor_ids.iter().copied())
            .map(|(a, id)| {
                let territories: Vec<i64> = a.seat.map(|p| self.place_id(p)).into_iter().collect();
                LogRecord {
                    kind: ActivityKind::ActorJoined,
                    subject: (RecordType::Actor, id),
                    sensitivity: a.sensitivity,
                    actors: vec![id],
                    territories,
                }
            });
        let projects = plan
            .projects
            .iter()
            .zip(self.project_ids.iter().copied())
            .map(|(p, id)| LogRecord {
                kind: ActivityKind::ProjectCreated,
                subject: (RecordType::Project, id),
                sensitivity: p.sensitivity,
                actors: p.participants.iter().map(|x| self.actor_ids[x.0]).collect(),
                territories: p.locations.iter().map(|l| self.place_id(*l)).collect(),
            });
        let partnerships = plan
            .partnerships
            .iter()
            .zip(self.partnership_ids.iter().copied())
            .map(|(p, id)| LogRecord {
                kind: ActivityKind::PartnershipCreated,
                subject: (RecordType::Partnership, id),
                sensitivity: p.sensitivity,
                actors: p.members.iter().map(|m| self.actor_ids[m.0]).collect(),
                territories: self.seats_of(p.members.iter().map(|m| m.0)),
            });
        let events = plan
            .events
            .iter()
            .zip(self.event_ids.iter().copied())
            .map(|(e, id)| LogRecord {
                kind: ActivityKind::EventScheduled,
                subject: (RecordType::Event, id),
                sensitivity: e.sensitivity,
                actors: e.participants.iter().map(|x| self.actor_ids[x.0]).collect(),
                territories: self.event_territories(e),
            });
        let exchanges = plan
            .exchanges
            .iter()
            .zip(self.exchange_ids.iter().copied())
            .map(|(x, id)| LogRecord {
                kind: ActivityKind::ExchangeRecorded,
                subject: (RecordType::Exchange, id),
                sensitivity: x.sensitivity,
                actors: x.parties.iter().map(|p| self.actor_ids[p.0]).collect(),
                territories: self.seats_of(x.parties.iter().map(|p| p.0)),
            });
        actors
            .chain(projects)
            .chain(partnerships)
            .chain(events)
            .chain(exchanges)
    }

    /// One activity entry per record, in plan order, then the actors, territories and
    /// circumscriptions each concerns (link rows refer to the entries' positions, so every
    /// entry is written before them); returns the last position.
    async fn activities(&mut self) -> AppResult<i64> {
        let mut entries = self.batch();
        let mut position = self.first_position;
        for (k, record) in self.log_records().enumerate() {
            position += 1;
            entries
                .push(activity::ActiveModel {
                    id: NotSet,
                    position: Set(position),
                    at: Set(instant(k)),
                    kind: Set(record.kind),
                    subject_type: Set(record.subject.0),
                    subject_id: Set(record.subject.1),
                    sensitivity: Set(record.sensitivity),
                    author: Set(author()),
                    details: Set(None),
                })
                .await?;
        }
        self.report.activities = self.done(entries).await?;

        let mut actors = self.batch();
        let mut territories = self.batch();
        let mut circumscriptions = self.batch();
        for (k, record) in self.log_records().enumerate() {
            let position = self.first_position + 1 + k as i64;
            for actor_id in &record.actors {
                actors
                    .push(activity_actor::ActiveModel {
                        position: Set(position),
                        actor_id: Set(*actor_id),
                    })
                    .await?;
            }
            for territory_id in &record.territories {
                territories
                    .push(activity_territory::ActiveModel {
                        position: Set(position),
                        territory_id: Set(*territory_id),
                    })
                    .await?;
            }
            for circumscription_id in self.circumscriptions(record.territories.iter().copied()) {
                circumscriptions
                    .push(activity_circumscription::ActiveModel {
                        position: Set(position),
                        circumscription_id: Set(circumscription_id),
                    })
                    .await?;
            }
        }
        self.done(actors).await?;
        self.done(territories).await?;
        self.done(circumscriptions).await?;
        Ok(position)
    }
}

/// What one activity entry concerns.
struct LogRecord {
    kind: ActivityKind,
    subject: (RecordType, i64),
    sensitivity: Sensitivity,
    /// Distinct actors.
    actors: Vec<i64>,
    /// Distinct territories.
    territories: Vec<i64>,
}

/// The id of each of `names` (in their order) among the `(id, name)` rows read back.
fn ids_by_name<'n>(
    rows: Vec<(i64, String)>,
    names: impl Iterator<Item = &'n String>,
    what: &str,
) -> AppResult<Vec<i64>> {
    let by_name: HashMap<String, i64> = rows.into_iter().map(|(id, name)| (name, id)).collect();
    names
        .map(|name| {
            by_name.get(name).copied().ok_or_else(|| {
                AppError::internal(format!(
                    "synthetic {what} {name:?} is missing after its insert"
                ))
            })
        })
        .collect()
}

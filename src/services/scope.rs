//! Which circumscriptions a record belongs to — derived from its territories through the
//! coverage table, never typed in — and the `record_circumscriptions` rows that keep it.
//!
//! Internal helpers used by services inside their write transactions (hence generic over the
//! connection); they decide nothing about who may see what.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::domain::vocabulary::RecordType;
use crate::entities::{circumscription_coverage, record_circumscription, territory};
use crate::error::AppResult;

/// For each territory, the circumscriptions covering it on `on`: those of the territory itself
/// or, failing that, of its nearest ancestor that has coverage. One query per level of the
/// hierarchy (at most four) plus one, whatever the number of territories.
pub async fn circumscriptions_of_territories<C: ConnectionTrait>(
    conn: &C,
    ids: &[i64],
    on: chrono::NaiveDate,
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let mut parent_of: HashMap<i64, Option<i64>> = HashMap::new();
    let mut frontier: Vec<i64> = ids.to_vec();
    frontier.sort_unstable();
    frontier.dedup();
    while !frontier.is_empty() {
        let rows = territory::Entity::find()
            .filter(territory::Column::Id.is_in(frontier.iter().copied()))
            .all(conn)
            .await?;
        let found: HashMap<i64, Option<i64>> =
            rows.into_iter().map(|t| (t.id, t.parent_id)).collect();
        let mut next = HashSet::new();
        for id in &frontier {
            let parent = found.get(id).copied().flatten();
            parent_of.insert(*id, parent);
            if let Some(p) = parent
                && !parent_of.contains_key(&p)
            {
                next.insert(p);
            }
        }
        frontier = next.into_iter().collect();
    }
    let coverage = circumscription_coverage::Entity::find()
        .filter(circumscription_coverage::Column::TerritoryId.is_in(parent_of.keys().copied()))
        .filter(
            Condition::any()
                .add(circumscription_coverage::Column::ValidFrom.is_null())
                .add(circumscription_coverage::Column::ValidFrom.lte(on)),
        )
        .filter(
            Condition::any()
                .add(circumscription_coverage::Column::ValidTo.is_null())
                .add(circumscription_coverage::Column::ValidTo.gte(on)),
        )
        .all(conn)
        .await?;
    let mut direct: HashMap<i64, Vec<i64>> = HashMap::new();
    for row in coverage {
        direct
            .entry(row.territory_id)
            .or_default()
            .push(row.circumscription_id);
    }
    let mut result = HashMap::new();
    for id in ids {
        let mut cursor = Some(*id);
        while let Some(t) = cursor {
            if let Some(circs) = direct.get(&t) {
                let mut circs = circs.clone();
                circs.sort_unstable();
                circs.dedup();
                result.insert(*id, circs);
                break;
            }
            cursor = parent_of.get(&t).copied().flatten();
        }
    }
    Ok(result)
}

/// The union of the circumscriptions of `territories` today.
pub async fn circumscriptions_of<C: ConnectionTrait>(
    conn: &C,
    territories: &[i64],
) -> AppResult<Vec<i64>> {
    let today = chrono::Utc::now().date_naive();
    let mut all: Vec<i64> = circumscriptions_of_territories(conn, territories, today)
        .await?
        .into_values()
        .flatten()
        .collect();
    all.sort_unstable();
    all.dedup();
    Ok(all)
}

/// Replaces the circumscriptions recorded for one record.
pub async fn set_record_circumscriptions<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    record_id: i64,
    circumscriptions: &[i64],
) -> AppResult<()> {
    record_circumscription::Entity::delete_many()
        .filter(record_circumscription::Column::RecordType.eq(record_type))
        .filter(record_circumscription::Column::RecordId.eq(record_id))
        .exec(conn)
        .await?;
    if circumscriptions.is_empty() {
        return Ok(());
    }
    let rows = circumscriptions
        .iter()
        .map(|c| record_circumscription::ActiveModel {
            record_type: Set(record_type),
            record_id: Set(record_id),
            circumscription_id: Set(*c),
        });
    record_circumscription::Entity::insert_many(rows)
        .exec(conn)
        .await?;
    Ok(())
}

/// Records of `record_type` whose id (in `id`) belongs to the circumscription with `code`.
pub fn in_circumscription<I: sea_orm::ColumnTrait>(
    id: I,
    record_type: RecordType,
    code: &str,
) -> Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};

    use crate::entities::circumscription;
    Condition::all().add(
        id.into_expr().in_subquery(
            Query::select()
                .column((
                    record_circumscription::Entity,
                    record_circumscription::Column::RecordId,
                ))
                .from(record_circumscription::Entity)
                .inner_join(
                    circumscription::Entity,
                    Expr::col((circumscription::Entity, circumscription::Column::Id)).equals((
                        record_circumscription::Entity,
                        record_circumscription::Column::CircumscriptionId,
                    )),
                )
                .and_where(
                    Expr::col((
                        record_circumscription::Entity,
                        record_circumscription::Column::RecordType,
                    ))
                    .eq(record_type.as_str()),
                )
                .and_where(
                    Expr::col((circumscription::Entity, circumscription::Column::Code))
                        .eq(code.trim().to_uppercase()),
                )
                .to_owned(),
        ),
    )
}

/// The circumscriptions recorded for each of `records` (of `record_type`).
pub async fn circumscriptions_of_records<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    records: &[i64],
) -> AppResult<HashMap<i64, Vec<i64>>> {
    let rows = record_circumscription::Entity::find()
        .filter(record_circumscription::Column::RecordType.eq(record_type))
        .filter(record_circumscription::Column::RecordId.is_in(records.iter().copied()))
        .all(conn)
        .await?;
    let mut grouped: HashMap<i64, Vec<i64>> = records.iter().map(|r| (*r, Vec::new())).collect();
    for row in rows {
        grouped
            .entry(row.record_id)
            .or_default()
            .push(row.circumscription_id);
    }
    for circs in grouped.values_mut() {
        circs.sort_unstable();
    }
    Ok(grouped)
}

/// The territories a record's circumscriptions derive from (DESIGN §5): an actor's seat; a
/// project's locations; a partnership's members' seats; an event's territory (an event in
/// France: its Moroccan participants' seats); an exchange's Moroccan beneficiaries' seats; an
/// application's applicants' seats; a person's organisation's seat; a fund allocation's
/// partnership's members' or project's locations. Calls, funds and reference data: none.
pub async fn territories_of_record<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    id: i64,
) -> AppResult<Vec<i64>> {
    use crate::domain::vocabulary::{Country, ExchangePartySide};
    use crate::entities::{
        actor, application_applicant, event, event_participant, exchange_party, fund_allocation,
        partnership_member, person, project_location,
    };
    use sea_orm::QuerySelect;

    async fn seats<C: ConnectionTrait>(
        conn: &C,
        actors: Vec<i64>,
        moroccan_only: bool,
    ) -> AppResult<Vec<i64>> {
        if actors.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = actor::Entity::find()
            .select_only()
            .column(actor::Column::SeatTerritoryId)
            .filter(actor::Column::Id.is_in(actors))
            .filter(actor::Column::SeatTerritoryId.is_not_null());
        if moroccan_only {
            query = query.filter(actor::Column::Country.eq(Country::Ma));
        }
        let rows: Vec<Option<i64>> = query.into_tuple().all(conn).await?;
        Ok(rows.into_iter().flatten().collect())
    }
    async fn project_locations<C: ConnectionTrait>(conn: &C, project: i64) -> AppResult<Vec<i64>> {
        Ok(project_location::Entity::find()
            .select_only()
            .column(project_location::Column::TerritoryId)
            .filter(project_location::Column::ProjectId.eq(project))
            .into_tuple()
            .all(conn)
            .await?)
    }
    async fn partnership_members<C: ConnectionTrait>(
        conn: &C,
        partnership: i64,
    ) -> AppResult<Vec<i64>> {
        Ok(partnership_member::Entity::find()
            .select_only()
            .column(partnership_member::Column::ActorId)
            .filter(partnership_member::Column::PartnershipId.eq(partnership))
            .into_tuple()
            .all(conn)
            .await?)
    }

    let mut territories = match record_type {
        RecordType::Actor => seats(conn, vec![id], false).await?,
        RecordType::Project => project_locations(conn, id).await?,
        RecordType::Partnership => seats(conn, partnership_members(conn, id).await?, false).await?,
        RecordType::Event => {
            let Some(found) = event::Entity::find_by_id(id).one(conn).await? else {
                return Ok(Vec::new());
            };
            match found.territory_id {
                Some(territory) => vec![territory],
                None => {
                    let actors: Vec<i64> = event_participant::Entity::find()
                        .select_only()
                        .column(event_participant::Column::ActorId)
                        .filter(event_participant::Column::EventId.eq(id))
                        .into_tuple()
                        .all(conn)
                        .await?;
                    seats(conn, actors, true).await?
                }
            }
        }
        RecordType::Exchange => {
            let actors: Vec<i64> = exchange_party::Entity::find()
                .select_only()
                .column(exchange_party::Column::ActorId)
                .filter(exchange_party::Column::ExchangeId.eq(id))
                .filter(exchange_party::Column::Side.eq(ExchangePartySide::Beneficiary))
                .into_tuple()
                .all(conn)
                .await?;
            seats(conn, actors, true).await?
        }
        RecordType::Application => {
            let actors: Vec<i64> = application_applicant::Entity::find()
                .select_only()
                .column(application_applicant::Column::ActorId)
                .filter(application_applicant::Column::ApplicationId.eq(id))
                .into_tuple()
                .all(conn)
                .await?;
            seats(conn, actors, false).await?
        }
        RecordType::Person => {
            let organisation: Option<Option<i64>> = person::Entity::find_by_id(id)
                .select_only()
                .column(person::Column::OrganisationId)
                .into_tuple()
                .one(conn)
                .await?;
            seats(conn, organisation.flatten().into_iter().collect(), false).await?
        }
        RecordType::FundAllocation => {
            let Some(found) = fund_allocation::Entity::find_by_id(id).one(conn).await? else {
                return Ok(Vec::new());
            };
            let mut territories = Vec::new();
            if let Some(partnership) = found.partnership_id {
                let members = partnership_members(conn, partnership).await?;
                territories.extend(seats(conn, members, false).await?);
            }
            if let Some(project) = found.project_id {
                territories.extend(project_locations(conn, project).await?);
            }
            territories
        }
        RecordType::Call
        | RecordType::Fund
        | RecordType::Territory
        | RecordType::Circumscription => Vec::new(),
    };
    territories.sort_unstable();
    territories.dedup();
    Ok(territories)
}

/// Recomputes and stores the circumscriptions of one record from its territories (inside the
/// write transaction that changed them); returns `(territories, circumscriptions)` for the
/// activity entry.
pub async fn recompute<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    id: i64,
) -> AppResult<(Vec<i64>, Vec<i64>)> {
    let territories = territories_of_record(conn, record_type, id).await?;
    let circumscriptions = circumscriptions_of(conn, &territories).await?;
    set_record_circumscriptions(conn, record_type, id, &circumscriptions).await?;
    Ok((territories, circumscriptions))
}

/// The circumscriptions currently recorded for one record (read in the write transaction,
/// before a change, for the write rules).
pub async fn recorded<C: ConnectionTrait>(
    conn: &C,
    record_type: RecordType,
    id: i64,
) -> AppResult<Vec<i64>> {
    Ok(circumscriptions_of_records(conn, record_type, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default())
}

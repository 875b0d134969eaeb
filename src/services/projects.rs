//! Projects: IATI activities, the pole's own and other donors' that it monitors.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Select,
};
use serde_json::json;

use super::actors::search_condition;
use super::pagination::{self, KeyKind, Page, PageRequest, SortKey};
use super::{ServiceContext, linked, scope, territories};
use crate::auth::policy;
use crate::domain::money::Money;
use crate::domain::vocabulary::{
    ActivityStatus, BudgetKind, Currency, FundingSource, Instrument, ParticipantRole, Pillar,
    ProjectOrigin, RecordType, SdgVocabulary, Theme, TransactionKind,
};
use crate::entities::{
    budget_line, project, project_location, project_participant, project_sdg, project_sector,
    project_theme, project_transaction,
};
use crate::error::AppResult;

/// Which projects to list. Every criterion narrows the list; list criteria match any value.
#[derive(Debug, Clone, Default)]
pub struct ProjectFilter {
    pub pillars: Vec<Pillar>,
    pub instruments: Vec<Instrument>,
    pub funding_sources: Vec<FundingSource>,
    pub statuses: Vec<ActivityStatus>,
    pub themes: Vec<Theme>,
    pub dac_sectors: Vec<String>,
    pub sdg_goals: Vec<i32>,
    /// A territory code: projects located in it or anywhere below it.
    pub territory: Option<String>,
    pub circumscription: Option<String>,
    /// A participating actor (database id), optionally in `role`.
    pub actor: Option<i64>,
    pub role: Option<ParticipantRole>,
    /// Running on that day: started (actual, else planned) on or before it, not ended before.
    pub active_on: Option<NaiveDate>,
    pub starts_after: Option<NaiveDate>,
    pub starts_before: Option<NaiveDate>,
    pub origin: Option<ProjectOrigin>,
    pub search: Option<String>,
    pub include_archived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectOrderField {
    #[default]
    Title,
    PlannedStart,
    CreatedAt,
    UpdatedAt,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ProjectOrder {
    pub field: ProjectOrderField,
    pub descending: bool,
}

/// The projects the viewer may see.
pub fn visible(svc: &ServiceContext) -> Select<project::Entity> {
    project::Entity::find().filter(policy::read_condition(
        &svc.viewer,
        RecordType::Project,
        project::Column::Sensitivity,
        project::Column::Id,
    ))
}

/// `project.id IN (SELECT project_id FROM <table> WHERE <condition>)`.
fn id_in<T: sea_orm::sea_query::IntoTableRef, C: sea_orm::sea_query::IntoColumnRef>(
    table: T,
    project_col: C,
    condition: Condition,
) -> Condition {
    Condition::all().add(
        project::Column::Id.into_expr().in_subquery(
            Query::select()
                .column(project_col)
                .from(table)
                .cond_where(condition)
                .to_owned(),
        ),
    )
}

/// The date a project starts: actual if known, planned otherwise.
fn start() -> sea_orm::sea_query::Expr {
    Expr::col(project::Column::ActualStart).if_null(Expr::col(project::Column::PlannedStart))
}

fn end() -> sea_orm::sea_query::Expr {
    Expr::col(project::Column::ActualEnd).if_null(Expr::col(project::Column::PlannedEnd))
}

async fn condition(svc: &ServiceContext, filter: &ProjectFilter) -> AppResult<Condition> {
    let mut c = Condition::all();
    if !filter.include_archived {
        c = c.add(project::Column::ArchivedAt.is_null());
    }
    if !filter.pillars.is_empty() {
        c = c.add(project::Column::Pillar.is_in(filter.pillars.clone()));
    }
    if !filter.instruments.is_empty() {
        c = c.add(project::Column::Instrument.is_in(filter.instruments.clone()));
    }
    if !filter.funding_sources.is_empty() {
        c = c.add(project::Column::FundingSource.is_in(filter.funding_sources.clone()));
    }
    if !filter.statuses.is_empty() {
        c = c.add(project::Column::Status.is_in(filter.statuses.clone()));
    }
    if let Some(origin) = filter.origin {
        c = c.add(project::Column::Origin.eq(origin));
    }
    if !filter.themes.is_empty() {
        let themes: Vec<&str> = filter.themes.iter().map(|t| t.as_str()).collect();
        c = c.add(id_in(
            project_theme::Entity,
            project_theme::Column::ProjectId,
            Condition::all().add(Expr::col(project_theme::Column::Theme).is_in(themes)),
        ));
    }
    if !filter.dac_sectors.is_empty() {
        c = c.add(id_in(
            project_sector::Entity,
            project_sector::Column::ProjectId,
            Condition::all()
                .add(Expr::col(project_sector::Column::DacCode).is_in(filter.dac_sectors.clone())),
        ));
    }
    if !filter.sdg_goals.is_empty() {
        let goals: Vec<String> = filter.sdg_goals.iter().map(i32::to_string).collect();
        c = c.add(id_in(
            project_sdg::Entity,
            project_sdg::Column::ProjectId,
            Condition::all()
                .add(Expr::col(project_sdg::Column::Vocabulary).eq(SdgVocabulary::Goal.as_str()))
                .add(Expr::col(project_sdg::Column::Code).is_in(goals)),
        ));
    }
    if let Some(code) = &filter.territory {
        let ids = territories::subtree_ids(svc, code, "filter.territory").await?;
        c = c.add(id_in(
            project_location::Entity,
            project_location::Column::ProjectId,
            Condition::all().add(Expr::col(project_location::Column::TerritoryId).is_in(ids)),
        ));
    }
    if let Some(code) = &filter.circumscription {
        c = c.add(scope::in_circumscription(
            project::Column::Id,
            RecordType::Project,
            code,
        ));
    }
    if let Some(actor) = filter.actor {
        let mut participation =
            Condition::all().add(Expr::col(project_participant::Column::ActorId).eq(actor));
        if let Some(role) = filter.role {
            participation =
                participation.add(Expr::col(project_participant::Column::Role).eq(role.as_str()));
        }
        c = c.add(id_in(
            project_participant::Entity,
            project_participant::Column::ProjectId,
            participation,
        ));
    } else if let Some(role) = filter.role {
        c = c.add(id_in(
            project_participant::Entity,
            project_participant::Column::ProjectId,
            Condition::all().add(Expr::col(project_participant::Column::Role).eq(role.as_str())),
        ));
    }
    if let Some(day) = filter.active_on {
        c = c
            .add(start().lte(day))
            .add(Condition::any().add(end().is_null()).add(end().gte(day)));
    }
    if let Some(day) = filter.starts_after {
        c = c.add(start().gte(day));
    }
    if let Some(day) = filter.starts_before {
        c = c.add(start().lte(day));
    }
    if let Some(text) = &filter.search {
        c = c.add(search_condition(project::Column::SearchKey, text));
    }
    Ok(c)
}

fn sort_keys(order: ProjectOrder) -> Vec<SortKey> {
    let direction = linked::direction(order.descending);
    let key = match order.field {
        ProjectOrderField::Title => {
            SortKey::new(project::Column::SearchKey, direction.clone(), KeyKind::Text)
        }
        // Undated projects sort before every date, the same on both databases.
        ProjectOrderField::PlannedStart => {
            linked::date_key(project::Column::PlannedStart, direction.clone())
        }
        ProjectOrderField::CreatedAt => SortKey::new(
            project::Column::CreatedAt,
            direction.clone(),
            KeyKind::Timestamp,
        ),
        ProjectOrderField::UpdatedAt => SortKey::new(
            project::Column::UpdatedAt,
            direction.clone(),
            KeyKind::Timestamp,
        ),
    };
    vec![
        key,
        SortKey::new(project::Column::Id, direction, KeyKind::Int),
    ]
}

fn cursor_of(order: ProjectOrder) -> impl Fn(&project::Model) -> Vec<serde_json::Value> {
    move |p| {
        let first = match order.field {
            ProjectOrderField::Title => json!(p.search_key),
            ProjectOrderField::PlannedStart => linked::date_cursor(p.planned_start),
            ProjectOrderField::CreatedAt => json!(pagination::timestamp_key(&p.created_at)),
            ProjectOrderField::UpdatedAt => json!(pagination::timestamp_key(&p.updated_at)),
        };
        vec![first, json!(p.id)]
    }
}

/// A page of the projects matching `filter`, as the viewer may see them.
pub async fn list(
    svc: &ServiceContext,
    filter: &ProjectFilter,
    order: ProjectOrder,
    page: &PageRequest,
) -> AppResult<Page<project::Model>> {
    let condition = condition(svc, filter).await?;
    let select = pagination::apply(visible(svc).filter(condition), &sort_keys(order), page)?;
    let rows = select.all(&svc.db.reader).await?;
    Ok(pagination::into_page(rows, page, cursor_of(order)))
}

/// How many projects match `filter`, as the viewer may see them.
pub async fn count(svc: &ServiceContext, filter: &ProjectFilter) -> AppResult<u64> {
    let condition = condition(svc, filter).await?;
    Ok(visible(svc).filter(condition).count(&svc.db.reader).await?)
}

/// Projects by id (archived ones included), as the viewer may see them; for the DataLoader.
pub async fn by_ids(svc: &ServiceContext, ids: &[i64]) -> AppResult<HashMap<i64, project::Model>> {
    Ok(visible(svc)
        .filter(project::Column::Id.is_in(ids.iter().copied()))
        .all(&svc.db.reader)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect())
}

/// What a project's lists hold, loaded for many projects at once.
#[derive(Debug, Clone, Default)]
pub struct ProjectDetails {
    pub locations: Vec<i64>,
    pub sectors: Vec<(String, i32)>,
    pub sdg_goals: Vec<i32>,
    pub sdg_targets: Vec<String>,
    pub themes: Vec<Theme>,
    pub circumscriptions: Vec<i64>,
}

/// Locations, sectors, SDG tags, themes and circumscriptions of each project: one query per
/// list, whatever the number of projects.
pub async fn details_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, ProjectDetails>> {
    let db = &svc.db.reader;
    let mut details: HashMap<i64, ProjectDetails> = ids
        .iter()
        .map(|id| (*id, ProjectDetails::default()))
        .collect();
    let in_ids = |col: project_location::Column| col.is_in(ids.iter().copied());
    for row in project_location::Entity::find()
        .filter(in_ids(project_location::Column::ProjectId))
        .order_by_asc(project_location::Column::TerritoryId)
        .all(db)
        .await?
    {
        details
            .entry(row.project_id)
            .or_default()
            .locations
            .push(row.territory_id);
    }
    for row in project_sector::Entity::find()
        .filter(project_sector::Column::ProjectId.is_in(ids.iter().copied()))
        .order_by_asc(project_sector::Column::DacCode)
        .all(db)
        .await?
    {
        details
            .entry(row.project_id)
            .or_default()
            .sectors
            .push((row.dac_code, row.percentage_bp));
    }
    for row in project_sdg::Entity::find()
        .filter(project_sdg::Column::ProjectId.is_in(ids.iter().copied()))
        .order_by_asc(project_sdg::Column::Code)
        .all(db)
        .await?
    {
        let entry = details.entry(row.project_id).or_default();
        match row.vocabulary {
            SdgVocabulary::Goal => entry.sdg_goals.extend(row.code.parse::<i32>().ok()),
            SdgVocabulary::Target => entry.sdg_targets.push(row.code),
        }
    }
    for row in project_theme::Entity::find()
        .filter(project_theme::Column::ProjectId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        details
            .entry(row.project_id)
            .or_default()
            .themes
            .push(row.theme);
    }
    for (id, circs) in scope::circumscriptions_of_records(db, RecordType::Project, ids).await? {
        details.entry(id).or_default().circumscriptions = circs;
    }
    for d in details.values_mut() {
        d.sdg_goals.sort_unstable();
        d.themes.sort_by_key(|t| t.as_str());
    }
    Ok(details)
}

/// A project's money, per currency.
#[derive(Debug, Clone, Default)]
pub struct ProjectFinance {
    /// The budget: the revised lines if any, else the original ones.
    pub budget: Vec<Money>,
    /// Commitments (IATI transaction type 2).
    pub committed: Vec<Money>,
    /// Disbursements and expenditure (IATI transaction types 3 and 4).
    pub disbursed: Vec<Money>,
}

/// Budget and transaction totals of each project: two queries, whatever the number.
pub async fn finance_of(
    svc: &ServiceContext,
    ids: &[i64],
) -> AppResult<HashMap<i64, ProjectFinance>> {
    let db = &svc.db.reader;
    let lines = budget_line::Entity::find()
        .filter(budget_line::Column::ProjectId.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let transactions = project_transaction::Entity::find()
        .filter(project_transaction::Column::ProjectId.is_in(ids.iter().copied()))
        .filter(project_transaction::Column::Kind.ne(TransactionKind::IncomingFunds))
        .all(db)
        .await?;
    let mut result: HashMap<i64, ProjectFinance> = ids
        .iter()
        .map(|id| (*id, ProjectFinance::default()))
        .collect();
    let revised: std::collections::HashSet<i64> = lines
        .iter()
        .filter(|l| l.kind == BudgetKind::Revised)
        .map(|l| l.project_id)
        .collect();
    let mut budgets: HashMap<i64, HashMap<Currency, i64>> = HashMap::new();
    for line in &lines {
        let wanted = if revised.contains(&line.project_id) {
            BudgetKind::Revised
        } else {
            BudgetKind::Original
        };
        if line.kind == wanted {
            *budgets
                .entry(line.project_id)
                .or_default()
                .entry(line.currency)
                .or_default() += line.amount_minor;
        }
    }
    let mut committed: HashMap<i64, HashMap<Currency, i64>> = HashMap::new();
    let mut disbursed: HashMap<i64, HashMap<Currency, i64>> = HashMap::new();
    for t in &transactions {
        let target = if t.kind == TransactionKind::Commitment {
            &mut committed
        } else {
            &mut disbursed
        };
        *target
            .entry(t.project_id)
            .or_default()
            .entry(t.currency)
            .or_default() += t.amount_minor;
    }
    let to_money = |totals: Option<HashMap<Currency, i64>>| -> Vec<Money> {
        let mut list: Vec<Money> = totals
            .unwrap_or_default()
            .into_iter()
            .map(|(currency, minor)| Money::new(minor, currency))
            .collect();
        list.sort_by_key(|m| m.currency.as_str());
        list
    };
    for (id, finance) in result.iter_mut() {
        finance.budget = to_money(budgets.remove(id));
        finance.committed = to_money(committed.remove(id));
        finance.disbursed = to_money(disbursed.remove(id));
    }
    Ok(result)
}

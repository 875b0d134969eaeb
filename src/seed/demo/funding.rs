//! The joint fund at work: its two contributions (if it has none yet) and allocations to the
//! joint-fund projects and to decentralised-cooperation partnerships — proposed, committed or
//! cancelled, some in dirhams with the rate used — and the fund's committed amount, which
//! never passes its envelope.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set};
use serde_json::json;

use super::calendar::ymd;
use super::partnerships::PartnershipRef;
use super::project_rows::ProjectRef;
use super::store::{Ctx, Entry, Keys};
use crate::domain::vocabulary::{
    ActivityKind, ActivityStatus, AllocationStatus, Currency, Instrument, PartnershipKind,
    RecordType, Sensitivity,
};
use crate::entities::{fund, fund_allocation, fund_contribution};
use crate::error::{AppError, AppResult};

use crate::reference::JOINT_FUND_NAME;

/// Euros per dirham × 10⁶ (about 10.85 dirhams to the euro): the rate the demo converts at.
const EUR_PER_MAD_MICROS: i64 = 92_166;

/// How many partnerships get an allocation of their own.
const PARTNERSHIP_ALLOCATIONS: usize = 10;

/// `amount` dirhams in euros at `EUR_PER_MAD_MICROS`, rounded to the nearest cent.
pub fn to_euros(amount_minor: i64) -> i64 {
    let exact = i128::from(amount_minor) * i128::from(EUR_PER_MAD_MICROS);
    ((exact + 500_000) / 1_000_000) as i64
}

pub async fn joint_fund(ctx: &Ctx<'_>) -> AppResult<fund::Model> {
    fund::Entity::find()
        .filter(fund::Column::NameFr.eq(JOINT_FUND_NAME))
        .lock_exclusive()
        .one(ctx.txn)
        .await?
        .ok_or_else(|| AppError::internal("demo: the reference joint fund is missing"))
}

struct New {
    project: Option<i64>,
    partnership: Option<i64>,
    status: AllocationStatus,
    amount: i64,
    currency: Currency,
    decided_on: chrono::NaiveDate,
    actors: Vec<i64>,
    territories: Vec<i64>,
}

pub async fn load(
    ctx: &mut Ctx<'_>,
    projects: &[ProjectRef],
    partnerships: &[PartnershipRef],
) -> AppResult<()> {
    let fund = joint_fund(ctx).await?;
    contributions(ctx, &fund).await?;
    let mut list = Vec::new();
    for p in projects
        .iter()
        .filter(|p| p.instrument == Instrument::JointDecentralisedFund)
    {
        let status = match p.status {
            ActivityStatus::Pipeline => AllocationStatus::Proposed,
            ActivityStatus::Cancelled => AllocationStatus::Cancelled,
            _ => AllocationStatus::Committed,
        };
        // The fund pays for about half of a project; the partners co-finance the rest.
        let share = 40 + ctx.rng.below(21) as i64;
        list.push(New {
            project: Some(p.id),
            partnership: None,
            status,
            amount: p.budget_minor * share / 100 / 100 * 100,
            currency: p.currency,
            decided_on: p.start,
            actors: p.participants.clone(),
            territories: p.locations.clone(),
        });
    }
    let decentralised: Vec<&PartnershipRef> = partnerships
        .iter()
        .filter(|p| p.kind == PartnershipKind::DecentralisedCooperation)
        .collect();
    for (i, p) in decentralised
        .iter()
        .take(PARTNERSHIP_ALLOCATIONS)
        .enumerate()
    {
        let status = match i % 5 {
            0..=2 => AllocationStatus::Committed,
            3 => AllocationStatus::Proposed,
            _ => AllocationStatus::Cancelled,
        };
        let euros = 20_000 + ctx.rng.below(60_000) as i64;
        let (amount, currency) = if i % 3 == 1 {
            (euros * 11 / 1_000 * 1_000 * 100, Currency::Mad)
        } else {
            (euros / 100 * 100 * 100, Currency::Eur)
        };
        let decided_on = ctx.day_between(ymd(2022, 3, 1), ymd(2026, 10, 31));
        list.push(New {
            project: None,
            partnership: Some(p.id),
            status,
            amount,
            currency,
            decided_on,
            actors: p.members.clone(),
            territories: ctx.seats(&p.members),
        });
    }
    insert(ctx, &fund, list).await
}

/// What each side put in, unless the fund already records contributions.
async fn contributions(ctx: &mut Ctx<'_>, fund: &fund::Model) -> AppResult<()> {
    let existing = fund_contribution::Entity::find()
        .filter(fund_contribution::Column::FundId.eq(fund.id))
        .count(ctx.txn)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let half = fund.envelope_minor / 2;
    let dirhams = 976_500_000; // MAD 9,765,000.00
    let rows = vec![
        fund_contribution::ActiveModel {
            fund_id: Set(fund.id),
            contributor_actor_id: Set(ctx.acronym("DCTCIV")?),
            amount_minor: Set(half),
            currency: Set(Currency::Eur),
            exchange_rate_micros: Set(None),
            converted_minor: Set(half),
            note: Set(Some(
                "Contribution française (données fictives de démonstration)".to_owned(),
            )),
            ..Default::default()
        },
        fund_contribution::ActiveModel {
            fund_id: Set(fund.id),
            contributor_actor_id: Set(ctx.acronym("DGCT")?),
            amount_minor: Set(dirhams),
            currency: Set(Currency::Mad),
            exchange_rate_micros: Set(Some(EUR_PER_MAD_MICROS)),
            converted_minor: Set(to_euros(dirhams)),
            note: Set(Some(
                "Contribution marocaine (données fictives de démonstration)".to_owned(),
            )),
            ..Default::default()
        },
    ];
    ctx.insert(rows).await
}

async fn insert(ctx: &mut Ctx<'_>, fund: &fund::Model, list: Vec<New>) -> AppResult<()> {
    // Committed allocations count against what is left of the envelope; one that would
    // overflow it stays proposed.
    let mut room = fund.envelope_minor - fund.committed_minor;
    let mut committed = 0;
    let mut rows = Vec::new();
    let mut labels = Vec::new();
    let mut statuses = Vec::new();
    for n in &list {
        let (rate, converted) = if n.currency == fund.currency {
            (None, n.amount)
        } else {
            (Some(EUR_PER_MAD_MICROS), to_euros(n.amount))
        };
        let mut status = n.status;
        if status == AllocationStatus::Committed {
            if converted <= room {
                room -= converted;
                committed += converted;
            } else {
                status = AllocationStatus::Proposed;
            }
        }
        let sensitivity = match status {
            AllocationStatus::Committed => Sensitivity::Public,
            AllocationStatus::Proposed => Sensitivity::Restricted,
            AllocationStatus::Cancelled => Sensitivity::Internal,
        };
        rows.push(fund_allocation::ActiveModel {
            fund_id: Set(fund.id),
            partnership_id: Set(n.partnership),
            project_id: Set(n.project),
            status: Set(status),
            amount_minor: Set(n.amount),
            currency: Set(n.currency),
            exchange_rate_micros: Set(rate),
            converted_minor: Set(converted),
            decided_on: Set(Some(n.decided_on)),
            sensitivity: Set(sensitivity),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        });
        labels.push(n.amount);
        statuses.push((status, sensitivity));
    }
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<fund_allocation::Entity> {
                id: fund_allocation::Column::Id,
                author: fund_allocation::Column::CreatedBy,
                label: fund_allocation::Column::AmountMinor,
            },
        )
        .await?;
    for ((id, n), (status, sensitivity)) in ids.iter().zip(&list).zip(statuses) {
        let circs = ctx.scope(RecordType::FundAllocation, *id, &n.territories);
        let kind = match status {
            AllocationStatus::Proposed => ActivityKind::FundingProposed,
            AllocationStatus::Committed => ActivityKind::FundingCommitted,
            AllocationStatus::Cancelled => ActivityKind::FundingCancelled,
        };
        ctx.log(Entry {
            kind,
            subject: RecordType::FundAllocation,
            subject_id: *id,
            sensitivity,
            actors: n.actors.clone(),
            territories: n.territories.clone(),
            circumscriptions: circs,
            details: json!({ "source": "demo", "fundId": fund.id, "status": status }),
        });
    }
    // The guarded update a commit makes: the WHERE refuses to pass the envelope (and the
    // CHECK behind it would too).
    let updated = fund::Entity::update_many()
        .col_expr(
            fund::Column::CommittedMinor,
            Expr::col(fund::Column::CommittedMinor).add(committed),
        )
        .col_expr(
            fund::Column::Version,
            Expr::col(fund::Column::Version).add(1),
        )
        .col_expr(fund::Column::UpdatedAt, Expr::value(ctx.now))
        .col_expr(fund::Column::UpdatedBy, Expr::value(super::store::AUTHOR))
        .filter(fund::Column::Id.eq(fund.id))
        .filter(
            Expr::col(fund::Column::CommittedMinor)
                .add(committed)
                .lte(Expr::col(fund::Column::EnvelopeMinor)),
        )
        .exec(ctx.txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::internal(
            "demo: the joint fund's envelope would be exceeded",
        ));
    }
    ctx.report.allocations = ids.len();
    ctx.report.committed_minor = committed;
    Ok(())
}

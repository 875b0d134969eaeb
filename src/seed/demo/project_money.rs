//! A project's money: yearly budget lines over its planned period (IATI budget periods are at
//! most a year) and the transactions a project of its status has had — commitment,
//! disbursements, sometimes co-financing received and expenditure — in integer minor units of
//! the project's currency.

use chrono::NaiveDate;
use sea_orm::Set;

use super::calendar::ymd;
use super::projects::Spec;
use super::store::Ctx;
use crate::domain::vocabulary::{
    ActivityStatus, BudgetKind, Currency, Instrument, ParticipantRole, TransactionKind,
};
use crate::entities::{budget_line, project_transaction};

/// EUR amounts (whole euros) a project of each instrument usually gets.
pub fn budget_range(instrument: Instrument) -> (u64, u64) {
    match instrument {
        Instrument::Mission => (8_000, 30_000),
        Instrument::Invitation => (5_000, 25_000),
        Instrument::TrainingGrant => (6_000, 40_000),
        Instrument::DirectInterventionCredit => (15_000, 90_000),
        Instrument::SupportOutsideProgramming => (5_000, 40_000),
        Instrument::CallForProposals => (10_000, 45_000),
        Instrument::Piscca => (8_000, 20_000),
        Instrument::Fspi => (300_000, 900_000),
        Instrument::JointDecentralisedFund => (60_000, 200_000),
        Instrument::Other => (250_000, 4_000_000),
    }
}

/// The budget lines and transactions of the projects, gathered for writing.
#[derive(Default)]
pub struct Money {
    pub budgets: Vec<budget_line::ActiveModel>,
    pub transactions: Vec<project_transaction::ActiveModel>,
}

impl Money {
    /// Yearly budget lines over the planned period (IATI periods are at most a year), and the
    /// transactions a project of this status has had.
    pub fn add(
        &mut self,
        ctx: &mut Ctx<'_>,
        id: i64,
        spec: &Spec,
        (total, currency): (i64, Currency),
    ) {
        let dates = spec.dates;
        let mut periods = Vec::new();
        let mut start = dates.planned_start;
        while start <= dates.planned_end && periods.len() < 4 {
            let next = start
                .checked_add_months(chrono::Months::new(12))
                .unwrap_or(dates.planned_end);
            let end = (next - chrono::Days::new(1)).min(dates.planned_end);
            periods.push((start, end));
            start = next;
        }
        let count = periods.len().max(1) as i64;
        for (i, (from, to)) in periods.iter().enumerate() {
            let amount = if i as i64 == count - 1 {
                total - total / count * (count - 1)
            } else {
                total / count
            };
            self.budgets.push(budget(
                id,
                BudgetKind::Original,
                *from,
                *to,
                amount,
                currency,
            ));
            if i == 0 && ctx.rng.chance(0.1) {
                let revised = amount + amount / 10;
                self.budgets.push(budget(
                    id,
                    BudgetKind::Revised,
                    *from,
                    *to,
                    revised,
                    currency,
                ));
            }
        }

        let Some(started) = dates.actual_start else {
            return;
        };
        let funder = role_of(spec, ParticipantRole::Funding);
        let implementer = role_of(spec, ParticipantRole::Implementing);
        let last_day = dates
            .actual_end
            .unwrap_or(dates.planned_end)
            .min(ymd(2026, 11, 15));
        let mut tx = |kind, date, amount: i64, provider, receiver, text: &str| {
            self.transactions.push(project_transaction::ActiveModel {
                project_id: Set(id),
                kind: Set(kind),
                transaction_date: Set(date),
                amount_minor: Set(amount),
                currency: Set(currency),
                provider_actor_id: Set(provider),
                receiver_actor_id: Set(receiver),
                description: Set(Some(text.to_owned())),
                ..Default::default()
            });
        };
        tx(
            TransactionKind::Commitment,
            started,
            total,
            funder,
            implementer,
            "Signature de la convention de financement",
        );
        if spec.instrument == Instrument::JointDecentralisedFund {
            tx(
                TransactionKind::IncomingFunds,
                started,
                total * 3 / 10,
                role_of_nth(spec, ParticipantRole::Funding, 1),
                implementer,
                "Cofinancement marocain reçu",
            );
        }
        let parts: &[i64] = match spec.status {
            ActivityStatus::Implementation => &[40, 30],
            ActivityStatus::Finalisation => &[50, 40],
            ActivityStatus::Closed => &[50, 40, 10],
            ActivityStatus::Suspended => &[30],
            ActivityStatus::Cancelled => &[20],
            ActivityStatus::Pipeline => &[],
        };
        let span = (last_day - started).num_days().max(1) as u64;
        for (i, percent) in parts.iter().enumerate() {
            let offset = span * (i as u64 + 1) / (parts.len() as u64 + 1);
            let date = started + chrono::Days::new(offset);
            let label = if i + 1 == parts.len() && spec.status == ActivityStatus::Closed {
                "Versement du solde"
            } else {
                "Versement d'une tranche"
            };
            tx(
                TransactionKind::Disbursement,
                date,
                total * percent / 100,
                funder,
                implementer,
                label,
            );
        }
        if spec.status == ActivityStatus::Closed && ctx.rng.chance(0.4) {
            tx(
                TransactionKind::Expenditure,
                last_day,
                total * 95 / 100,
                implementer,
                None,
                "Dépenses justifiées au rapport final",
            );
        }
    }
}

fn role_of(spec: &Spec, role: ParticipantRole) -> Option<i64> {
    role_of_nth(spec, role, 0)
}

fn role_of_nth(spec: &Spec, role: ParticipantRole, n: usize) -> Option<i64> {
    spec.participants
        .iter()
        .filter(|(_, r)| *r == role)
        .nth(n)
        .map(|(a, _)| *a)
}

fn budget(
    id: i64,
    kind: BudgetKind,
    from: NaiveDate,
    to: NaiveDate,
    amount: i64,
    currency: Currency,
) -> budget_line::ActiveModel {
    budget_line::ActiveModel {
        project_id: Set(id),
        kind: Set(kind),
        period_start: Set(from),
        period_end: Set(to),
        value_date: Set(Some(from)),
        amount_minor: Set(amount),
        currency: Set(currency),
        ..Default::default()
    }
}

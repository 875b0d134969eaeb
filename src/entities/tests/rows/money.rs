//! The fund, its contribution and allocation, a call and an application.

use sea_orm::{DatabaseConnection, Set};

use super::{Ids, at, day, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &Ids) -> super::TestResult {
    let now = at(10)?;
    let fund = round_trip(
        db,
        fund::ActiveModel {
            name_fr: Set(s("Fonds conjoint")),
            currency: Set(Currency::Eur),
            envelope_minor: Set(180_000_000),
            period_start: Set(Some(day(2026, 1, 1)?)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    assert_eq!(fund.committed_minor, 0, "default committed");
    round_trip(
        db,
        fund_contribution::ActiveModel {
            fund_id: Set(fund.id),
            contributor_actor_id: Set(ids.actor),
            amount_minor: Set(1_000_000_000),
            currency: Set(Currency::Mad),
            exchange_rate_micros: Set(Some(92_500)),
            converted_minor: Set(92_500_000),
            note: Set(Some(s("Moroccan share"))),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        fund_allocation::ActiveModel {
            fund_id: Set(fund.id),
            partnership_id: Set(Some(ids.partnership)),
            status: Set(AllocationStatus::Committed),
            amount_minor: Set(10_000_000),
            currency: Set(Currency::Eur),
            converted_minor: Set(10_000_000),
            decided_on: Set(Some(day(2026, 6, 1)?)),
            sensitivity: Set(Sensitivity::Restricted),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    let call = round_trip(
        db,
        call::ActiveModel {
            title_fr: Set(s("Genre, jeunesse, climat")),
            year: Set(2026),
            instrument: Set(Instrument::CallForProposals),
            audience: Set(Some(s("Moroccan associations"))),
            budget_minor: Set(Some(30_000_000)),
            budget_currency: Set(Some(Currency::Eur)),
            closes_on: Set(Some(day(2026, 3, 31)?)),
            fund_id: Set(Some(fund.id)),
            search_key: Set(s("genre, jeunesse, climat")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        call_theme::ActiveModel {
            call_id: Set(call.id),
            theme: Set(Theme::Climate),
        },
    )
    .await?;
    let application = round_trip(
        db,
        application::ActiveModel {
            call_id: Set(call.id),
            title: Set(s("Jeunes pour le climat")),
            requested_minor: Set(Some(2_500_000)),
            requested_currency: Set(Some(Currency::Eur)),
            status: Set(ApplicationStatus::Selected),
            evaluation: Set(Some(s("strong local anchoring"))),
            project_id: Set(Some(ids.project)),
            submitted_at: Set(Some(at(8)?)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        application_applicant::ActiveModel {
            application_id: Set(application.id),
            actor_id: Set(ids.actor),
        },
    )
    .await?;
    Ok(())
}

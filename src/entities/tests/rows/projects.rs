//! A project and every kind of project child row.

use sea_orm::{DatabaseConnection, Set};

use super::{Ids, at, day, round_trip, s};
use crate::domain::vocabulary::*;
use crate::entities::*;

pub(super) async fn rows(db: &DatabaseConnection, ids: &mut Ids) -> super::TestResult {
    let now = at(10)?;
    let project = round_trip(
        db,
        project::ActiveModel {
            iati_identifier: Set(Some(s("FR-6-2026-001"))),
            title_fr: Set(s("Appui à la régionalisation avancée")),
            pillar: Set(Pillar::TerritorialGovernance),
            instrument: Set(Instrument::Fspi),
            funding_source: Set(FundingSource::P209),
            status: Set(ActivityStatus::Implementation),
            planned_start: Set(Some(day(2026, 1, 1)?)),
            actual_end: Set(Some(day(2027, 12, 31)?)),
            origin: Set(ProjectOrigin::External),
            publishable: Set(true),
            search_key: Set(s("appui a la regionalisation avancee")),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        project_participant::ActiveModel {
            project_id: Set(project.id),
            actor_id: Set(ids.actor),
            role: Set(ParticipantRole::Beneficiary),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        project_location::ActiveModel {
            project_id: Set(project.id),
            territory_id: Set(ids.region),
        },
    )
    .await?;
    round_trip(
        db,
        project_sector::ActiveModel {
            project_id: Set(project.id),
            dac_code: Set(s("15112")),
            percentage_bp: Set(10_000),
        },
    )
    .await?;
    round_trip(
        db,
        project_sdg::ActiveModel {
            project_id: Set(project.id),
            vocabulary: Set(SdgVocabulary::Target),
            code: Set(s("16.7")),
        },
    )
    .await?;
    round_trip(
        db,
        project_theme::ActiveModel {
            project_id: Set(project.id),
            theme: Set(Theme::Decentralisation),
        },
    )
    .await?;
    round_trip(
        db,
        budget_line::ActiveModel {
            project_id: Set(project.id),
            kind: Set(BudgetKind::Original),
            period_start: Set(day(2026, 1, 1)?),
            period_end: Set(day(2026, 12, 31)?),
            value_date: Set(Some(day(2026, 1, 1)?)),
            amount_minor: Set(50_000_000),
            currency: Set(Currency::Eur),
            ..Default::default()
        },
    )
    .await?;
    round_trip(
        db,
        project_transaction::ActiveModel {
            project_id: Set(project.id),
            kind: Set(TransactionKind::Disbursement),
            transaction_date: Set(day(2026, 3, 15)?),
            amount_minor: Set(12_345_678_901),
            currency: Set(Currency::Mad),
            provider_actor_id: Set(Some(ids.french)),
            receiver_actor_id: Set(Some(ids.actor)),
            description: Set(Some(s("Première tranche"))),
            ..Default::default()
        },
    )
    .await?;
    ids.project = project.id;
    Ok(())
}

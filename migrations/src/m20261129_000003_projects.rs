//! Projects (IATI activities) and their participants, locations, sectors, SDG tags, themes,
//! budget lines and transactions.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, archived_at, audit, create_indexes, currency, dac_code, drop_tables, fk, id, index,
    link, reference, reference_null, search_key, sensitivity, tags, unique, vocab,
};
use crate::m20261129_000001_geography::Territories;
use crate::m20261129_000002_actors::Actors;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Projects {
    Table,
    IatiIdentifier,
    TitleFr,
    TitleAr,
    TitleEn,
    DescriptionFr,
    DescriptionAr,
    DescriptionEn,
    Pillar,
    Instrument,
    FundingSource,
    Status,
    PlannedStart,
    PlannedEnd,
    ActualStart,
    ActualEnd,
    Origin,
    Publishable,
}

#[derive(DeriveIden)]
enum ProjectParticipants {
    Table,
    ProjectId,
    ActorId,
    Role,
}

#[derive(DeriveIden)]
enum ProjectLocations {
    Table,
    ProjectId,
    TerritoryId,
}

#[derive(DeriveIden)]
enum ProjectSectors {
    Table,
    ProjectId,
    DacCode,
    PercentageBp,
}

#[derive(DeriveIden)]
enum ProjectSdgs {
    Table,
    ProjectId,
    Vocabulary,
    Code,
}

#[derive(DeriveIden)]
enum ProjectThemes {
    Table,
    ProjectId,
    Theme,
}

#[derive(DeriveIden)]
enum BudgetLines {
    Table,
    ProjectId,
    Kind,
    PeriodStart,
    PeriodEnd,
    ValueDate,
    AmountMinor,
    Currency,
}

#[derive(DeriveIden)]
enum ProjectTransactions {
    Table,
    ProjectId,
    Kind,
    TransactionDate,
    AmountMinor,
    Currency,
    ProviderActorId,
    ReceiverActorId,
    Description,
}

// The trait's own signature elides SchemaManager's lifetime; writing `<'_>` would not match it.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};

        let mut projects = Table::create();
        projects
            .table(Projects::Table)
            .col(id())
            // Unique when present (several NULLs are allowed on both databases).
            .col(string_null(Projects::IatiIdentifier).unique_key())
            .col(string(Projects::TitleFr))
            .col(string_null(Projects::TitleAr))
            .col(string_null(Projects::TitleEn))
            .col(text_null(Projects::DescriptionFr))
            .col(text_null(Projects::DescriptionAr))
            .col(text_null(Projects::DescriptionEn))
            .col(vocab(Projects::Pillar))
            .col(vocab(Projects::Instrument))
            .col(vocab(Projects::FundingSource))
            .col(vocab(Projects::Status))
            .col(date_null(Projects::PlannedStart))
            .col(date_null(Projects::PlannedEnd))
            .col(date_null(Projects::ActualStart))
            .col(date_null(Projects::ActualEnd))
            .col(vocab(Projects::Origin).default("OWN"))
            .col(sensitivity())
            // Approved for open-data (IATI) export; only meaningful with PUBLIC sensitivity.
            .col(boolean(Projects::Publishable).default(false))
            .col(search_key());
        audit(&mut projects).col(archived_at());
        manager.create_table(projects).await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectParticipants::Table)
                    .col(id())
                    .col(reference(ProjectParticipants::ProjectId))
                    .col(reference(ProjectParticipants::ActorId))
                    .col(vocab(ProjectParticipants::Role))
                    .foreign_key(&mut fk(
                        ProjectParticipants::Table,
                        ProjectParticipants::ProjectId,
                        Projects::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProjectParticipants::Table,
                        ProjectParticipants::ActorId,
                        Actors::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(link(
                ProjectLocations::Table,
                (ProjectLocations::ProjectId, Projects::Table),
                (ProjectLocations::TerritoryId, Territories::Table),
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectSectors::Table)
                    .col(reference(ProjectSectors::ProjectId))
                    .col(dac_code(ProjectSectors::DacCode))
                    // Basis points: 100.00 % = 10000.
                    .col(integer(ProjectSectors::PercentageBp))
                    .primary_key(
                        Index::create()
                            .col(ProjectSectors::ProjectId)
                            .col(ProjectSectors::DacCode),
                    )
                    .check(Check::named(
                        "ck_project_sectors_percentage_bp",
                        Expr::col(ProjectSectors::PercentageBp).between(0, 10_000),
                    ))
                    .foreign_key(&mut fk(
                        ProjectSectors::Table,
                        ProjectSectors::ProjectId,
                        Projects::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectSdgs::Table)
                    .col(reference(ProjectSdgs::ProjectId))
                    .col(vocab(ProjectSdgs::Vocabulary))
                    // A goal ("5") or a target ("5.2", "16.a").
                    .col(string_len(ProjectSdgs::Code, 10))
                    .primary_key(
                        Index::create()
                            .col(ProjectSdgs::ProjectId)
                            .col(ProjectSdgs::Vocabulary)
                            .col(ProjectSdgs::Code),
                    )
                    .foreign_key(&mut fk(
                        ProjectSdgs::Table,
                        ProjectSdgs::ProjectId,
                        Projects::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(tags(
                ProjectThemes::Table,
                (ProjectThemes::ProjectId, Projects::Table),
                ProjectThemes::Theme,
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BudgetLines::Table)
                    .col(id())
                    .col(reference(BudgetLines::ProjectId))
                    .col(vocab(BudgetLines::Kind))
                    .col(date(BudgetLines::PeriodStart))
                    .col(date(BudgetLines::PeriodEnd))
                    .col(date_null(BudgetLines::ValueDate))
                    .col(big_integer(BudgetLines::AmountMinor))
                    .col(currency(BudgetLines::Currency))
                    .foreign_key(&mut fk(
                        BudgetLines::Table,
                        BudgetLines::ProjectId,
                        Projects::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProjectTransactions::Table)
                    .col(id())
                    .col(reference(ProjectTransactions::ProjectId))
                    .col(vocab(ProjectTransactions::Kind))
                    .col(date(ProjectTransactions::TransactionDate))
                    .col(big_integer(ProjectTransactions::AmountMinor))
                    .col(currency(ProjectTransactions::Currency))
                    .col(reference_null(ProjectTransactions::ProviderActorId))
                    .col(reference_null(ProjectTransactions::ReceiverActorId))
                    .col(text_null(ProjectTransactions::Description))
                    .foreign_key(&mut fk(
                        ProjectTransactions::Table,
                        ProjectTransactions::ProjectId,
                        Projects::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ProjectTransactions::Table,
                        ProjectTransactions::ProviderActorId,
                        Actors::Table,
                        Restrict,
                    ))
                    .foreign_key(&mut fk(
                        ProjectTransactions::Table,
                        ProjectTransactions::ReceiverActorId,
                        Actors::Table,
                        Restrict,
                    ))
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            [
                index(Projects::Table, idens![Projects::Pillar]),
                index(Projects::Table, idens![Projects::Instrument]),
                index(Projects::Table, idens![Projects::FundingSource]),
                index(Projects::Table, idens![Projects::Status]),
                index(Projects::Table, idens![Projects::Origin]),
                index(Projects::Table, idens![Projects::PlannedStart, Shared::Id]),
                index(Projects::Table, idens![Shared::Sensitivity]),
                index(Projects::Table, idens![Shared::SearchKey, Shared::Id]),
                unique(
                    ProjectParticipants::Table,
                    idens![
                        ProjectParticipants::ProjectId,
                        ProjectParticipants::ActorId,
                        ProjectParticipants::Role,
                    ],
                ),
                index(
                    ProjectParticipants::Table,
                    idens![ProjectParticipants::ActorId, ProjectParticipants::Role],
                ),
                index(
                    ProjectLocations::Table,
                    idens![ProjectLocations::TerritoryId, ProjectLocations::ProjectId],
                ),
                index(
                    ProjectSectors::Table,
                    idens![ProjectSectors::DacCode, ProjectSectors::ProjectId],
                ),
                index(
                    ProjectSdgs::Table,
                    idens![
                        ProjectSdgs::Vocabulary,
                        ProjectSdgs::Code,
                        ProjectSdgs::ProjectId,
                    ],
                ),
                index(
                    ProjectThemes::Table,
                    idens![ProjectThemes::Theme, ProjectThemes::ProjectId],
                ),
                index(BudgetLines::Table, idens![BudgetLines::ProjectId]),
                index(
                    ProjectTransactions::Table,
                    idens![ProjectTransactions::ProjectId, ProjectTransactions::Kind],
                ),
                index(
                    ProjectTransactions::Table,
                    idens![ProjectTransactions::ProviderActorId],
                ),
                index(
                    ProjectTransactions::Table,
                    idens![ProjectTransactions::ReceiverActorId],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                ProjectTransactions::Table,
                BudgetLines::Table,
                ProjectThemes::Table,
                ProjectSdgs::Table,
                ProjectSectors::Table,
                ProjectLocations::Table,
                ProjectParticipants::Table,
                Projects::Table,
            ],
        )
        .await
    }
}

//! The joint fund (envelope, contributions, allocations), calls for proposals and applications.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, audit, create_indexes, currency, currency_null, drop_tables, fk, id, index, link,
    reference, reference_null, search_key, sensitivity, tags, vocab,
};
use crate::m20261129_000002_actors::Actors;
use crate::m20261129_000003_projects::Projects;
use crate::m20261129_000004_partnerships::Partnerships;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Funds {
    Table,
    NameFr,
    NameAr,
    NameEn,
    Currency,
    EnvelopeMinor,
    CommittedMinor,
    PeriodStart,
    PeriodEnd,
}

#[derive(DeriveIden)]
enum FundContributions {
    Table,
    FundId,
    ContributorActorId,
    AmountMinor,
    Currency,
    ExchangeRateMicros,
    ConvertedMinor,
    Note,
}

#[derive(DeriveIden)]
enum FundAllocations {
    Table,
    FundId,
    PartnershipId,
    ProjectId,
    Status,
    AmountMinor,
    Currency,
    ExchangeRateMicros,
    ConvertedMinor,
    DecidedOn,
}

#[derive(DeriveIden)]
enum Calls {
    Table,
    TitleFr,
    TitleAr,
    TitleEn,
    DescriptionFr,
    Year,
    Instrument,
    Audience,
    BudgetMinor,
    BudgetCurrency,
    OpensOn,
    ClosesOn,
    FundId,
}

#[derive(DeriveIden)]
enum CallThemes {
    Table,
    CallId,
    Theme,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    CallId,
    Title,
    RequestedMinor,
    RequestedCurrency,
    Status,
    Evaluation,
    ProjectId,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum ApplicationApplicants {
    Table,
    ApplicationId,
    ActorId,
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

        // The envelope invariant, enforced by the database behind the service's guarded
        // `UPDATE … SET committed_minor = committed_minor + :x WHERE … <= envelope_minor`.
        let committed_within_envelope = Expr::col(Funds::CommittedMinor)
            .gte(0)
            .and(Expr::col(Funds::CommittedMinor).lte(Expr::col(Funds::EnvelopeMinor)));
        let mut funds = Table::create();
        funds
            .table(Funds::Table)
            .col(id())
            .col(string(Funds::NameFr))
            .col(string_null(Funds::NameAr))
            .col(string_null(Funds::NameEn))
            // A fund has one currency; allocations in another record their conversion.
            .col(currency(Funds::Currency))
            .col(big_integer(Funds::EnvelopeMinor))
            // Sum of the COMMITTED allocations' converted amounts.
            .col(big_integer(Funds::CommittedMinor).default(0))
            .col(date_null(Funds::PeriodStart))
            .col(date_null(Funds::PeriodEnd))
            .col(sensitivity())
            .check(Check::named(
                "ck_funds_committed_within_envelope",
                committed_within_envelope,
            ));
        manager.create_table(audit(&mut funds).take()).await?;

        manager
            .create_table(
                Table::create()
                    .table(FundContributions::Table)
                    .col(id())
                    .col(reference(FundContributions::FundId))
                    .col(reference(FundContributions::ContributorActorId))
                    .col(big_integer(FundContributions::AmountMinor))
                    .col(currency(FundContributions::Currency))
                    // Rate × 10⁶ from the contribution's currency to the fund's; NULL when
                    // they are the same.
                    .col(big_integer_null(FundContributions::ExchangeRateMicros))
                    // In the fund's currency.
                    .col(big_integer(FundContributions::ConvertedMinor))
                    .col(text_null(FundContributions::Note))
                    .foreign_key(&mut fk(
                        FundContributions::Table,
                        FundContributions::FundId,
                        Funds::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        FundContributions::Table,
                        FundContributions::ContributorActorId,
                        Actors::Table,
                        Restrict,
                    ))
                    .take(),
            )
            .await?;

        let mut allocations = Table::create();
        allocations
            .table(FundAllocations::Table)
            .col(id())
            .col(reference(FundAllocations::FundId))
            .col(reference_null(FundAllocations::PartnershipId))
            .col(reference_null(FundAllocations::ProjectId))
            .col(vocab(FundAllocations::Status))
            .col(big_integer(FundAllocations::AmountMinor))
            .col(currency(FundAllocations::Currency))
            // Rate × 10⁶ to the fund's currency; NULL when the same.
            .col(big_integer_null(FundAllocations::ExchangeRateMicros))
            // In the fund's currency: what the envelope check counts.
            .col(big_integer(FundAllocations::ConvertedMinor))
            .col(date_null(FundAllocations::DecidedOn))
            .col(sensitivity())
            .foreign_key(&mut fk(
                FundAllocations::Table,
                FundAllocations::FundId,
                Funds::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                FundAllocations::Table,
                FundAllocations::PartnershipId,
                Partnerships::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                FundAllocations::Table,
                FundAllocations::ProjectId,
                Projects::Table,
                Restrict,
            ));
        manager.create_table(audit(&mut allocations).take()).await?;

        let mut calls = Table::create();
        calls
            .table(Calls::Table)
            .col(id())
            .col(string(Calls::TitleFr))
            .col(string_null(Calls::TitleAr))
            .col(string_null(Calls::TitleEn))
            .col(text_null(Calls::DescriptionFr))
            .col(integer(Calls::Year))
            .col(vocab(Calls::Instrument))
            // Free text: "Moroccan associations", "paired local authorities" …
            .col(string_null(Calls::Audience))
            .col(big_integer_null(Calls::BudgetMinor))
            .col(currency_null(Calls::BudgetCurrency))
            .col(date_null(Calls::OpensOn))
            .col(date_null(Calls::ClosesOn))
            .col(reference_null(Calls::FundId))
            .col(sensitivity())
            .col(search_key())
            .foreign_key(&mut fk(Calls::Table, Calls::FundId, Funds::Table, Restrict));
        manager.create_table(audit(&mut calls).take()).await?;

        manager
            .create_table(tags(
                CallThemes::Table,
                (CallThemes::CallId, Calls::Table),
                CallThemes::Theme,
            ))
            .await?;

        let mut applications = Table::create();
        applications
            .table(Applications::Table)
            .col(id())
            .col(reference(Applications::CallId))
            .col(string(Applications::Title))
            .col(big_integer_null(Applications::RequestedMinor))
            .col(currency_null(Applications::RequestedCurrency))
            .col(vocab(Applications::Status))
            // Restricted: the selection committee's assessment.
            .col(text_null(Applications::Evaluation))
            // The project it became, once selected.
            .col(reference_null(Applications::ProjectId))
            .col(timestamp_with_time_zone_null(Applications::SubmittedAt))
            .col(sensitivity())
            .foreign_key(&mut fk(
                Applications::Table,
                Applications::CallId,
                Calls::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                Applications::Table,
                Applications::ProjectId,
                Projects::Table,
                Restrict,
            ));
        manager
            .create_table(audit(&mut applications).take())
            .await?;

        manager
            .create_table(link(
                ApplicationApplicants::Table,
                (ApplicationApplicants::ApplicationId, Applications::Table),
                (ApplicationApplicants::ActorId, Actors::Table),
            ))
            .await?;

        create_indexes(
            manager,
            [
                index(FundContributions::Table, idens![FundContributions::FundId]),
                index(
                    FundContributions::Table,
                    idens![FundContributions::ContributorActorId],
                ),
                index(FundAllocations::Table, idens![FundAllocations::FundId]),
                index(
                    FundAllocations::Table,
                    idens![FundAllocations::PartnershipId],
                ),
                index(FundAllocations::Table, idens![FundAllocations::ProjectId]),
                index(FundAllocations::Table, idens![FundAllocations::Status]),
                index(FundAllocations::Table, idens![Shared::Sensitivity]),
                index(Calls::Table, idens![Calls::Year]),
                index(Calls::Table, idens![Calls::Instrument]),
                index(Calls::Table, idens![Calls::FundId]),
                index(Calls::Table, idens![Shared::Sensitivity]),
                index(Calls::Table, idens![Shared::SearchKey, Shared::Id]),
                index(
                    CallThemes::Table,
                    idens![CallThemes::Theme, CallThemes::CallId],
                ),
                index(
                    Applications::Table,
                    idens![Applications::CallId, Applications::Status],
                ),
                index(Applications::Table, idens![Applications::Status]),
                index(Applications::Table, idens![Applications::ProjectId]),
                index(Applications::Table, idens![Shared::Sensitivity]),
                index(
                    ApplicationApplicants::Table,
                    idens![
                        ApplicationApplicants::ActorId,
                        ApplicationApplicants::ApplicationId,
                    ],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                ApplicationApplicants::Table,
                Applications::Table,
                CallThemes::Table,
                Calls::Table,
                FundAllocations::Table,
                FundContributions::Table,
                Funds::Table,
            ],
        )
        .await
    }
}

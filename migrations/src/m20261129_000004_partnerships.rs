//! Partnerships, their members, themes, projects and agreements.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, archived_at, audit, create_indexes, drop_tables, fk, id, index, link, reference,
    search_key, sensitivity, tags, unique, vocab, vocab_null,
};
use crate::m20261129_000002_actors::Actors;
use crate::m20261129_000003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Partnerships {
    Table,
    Kind,
    TitleFr,
    TitleAr,
    TitleEn,
    DescriptionFr,
    Status,
    ValidFrom,
    ValidFromPrecision,
    ValidTo,
    ValidToPrecision,
    Source,
    AssertedBy,
}

#[derive(DeriveIden)]
enum PartnershipMembers {
    Table,
    PartnershipId,
    ActorId,
    Side,
    Role,
}

#[derive(DeriveIden)]
enum PartnershipThemes {
    Table,
    PartnershipId,
    Theme,
}

#[derive(DeriveIden)]
enum PartnershipProjects {
    Table,
    PartnershipId,
    ProjectId,
}

#[derive(DeriveIden)]
enum Agreements {
    Table,
    PartnershipId,
    Kind,
    Title,
    SignedOn,
    SignedOnPrecision,
    PeriodStart,
    PeriodEnd,
}

// The trait's own signature elides SchemaManager's lifetime; writing `<'_>` would not match it.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;

        let mut partnerships = Table::create();
        partnerships
            .table(Partnerships::Table)
            .col(id())
            .col(vocab(Partnerships::Kind))
            .col(string(Partnerships::TitleFr))
            .col(string_null(Partnerships::TitleAr))
            .col(string_null(Partnerships::TitleEn))
            .col(text_null(Partnerships::DescriptionFr))
            .col(vocab(Partnerships::Status))
            // "Since 2002": the date is 2002-01-01 with precision YEAR.
            .col(date_null(Partnerships::ValidFrom))
            .col(vocab_null(Partnerships::ValidFromPrecision))
            .col(date_null(Partnerships::ValidTo))
            .col(vocab_null(Partnerships::ValidToPrecision))
            // Provenance: where the fact comes from, and who asserted it.
            .col(text_null(Partnerships::Source))
            .col(string_null(Partnerships::AssertedBy))
            .col(sensitivity())
            .col(search_key());
        audit(&mut partnerships).col(archived_at());
        manager.create_table(partnerships).await?;

        manager
            .create_table(
                Table::create()
                    .table(PartnershipMembers::Table)
                    .col(id())
                    .col(reference(PartnershipMembers::PartnershipId))
                    .col(reference(PartnershipMembers::ActorId))
                    .col(vocab(PartnershipMembers::Side))
                    // Free text: "lead partner", "associated commune" …
                    .col(string_null(PartnershipMembers::Role))
                    .foreign_key(&mut fk(
                        PartnershipMembers::Table,
                        PartnershipMembers::PartnershipId,
                        Partnerships::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PartnershipMembers::Table,
                        PartnershipMembers::ActorId,
                        Actors::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        manager
            .create_table(tags(
                PartnershipThemes::Table,
                (PartnershipThemes::PartnershipId, Partnerships::Table),
                PartnershipThemes::Theme,
            ))
            .await?;

        manager
            .create_table(link(
                PartnershipProjects::Table,
                (PartnershipProjects::PartnershipId, Partnerships::Table),
                (PartnershipProjects::ProjectId, Projects::Table),
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Agreements::Table)
                    .col(id())
                    .col(reference(Agreements::PartnershipId))
                    .col(vocab(Agreements::Kind))
                    .col(string_null(Agreements::Title))
                    .col(date_null(Agreements::SignedOn))
                    .col(vocab_null(Agreements::SignedOnPrecision))
                    .col(date_null(Agreements::PeriodStart))
                    .col(date_null(Agreements::PeriodEnd))
                    .foreign_key(&mut fk(
                        Agreements::Table,
                        Agreements::PartnershipId,
                        Partnerships::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            [
                index(Partnerships::Table, idens![Partnerships::Kind]),
                index(Partnerships::Table, idens![Partnerships::Status]),
                index(Partnerships::Table, idens![Shared::Sensitivity]),
                index(Partnerships::Table, idens![Shared::SearchKey, Shared::Id]),
                unique(
                    PartnershipMembers::Table,
                    idens![
                        PartnershipMembers::PartnershipId,
                        PartnershipMembers::ActorId
                    ],
                ),
                index(
                    PartnershipMembers::Table,
                    idens![PartnershipMembers::ActorId],
                ),
                index(
                    PartnershipThemes::Table,
                    idens![PartnershipThemes::Theme, PartnershipThemes::PartnershipId],
                ),
                index(
                    PartnershipProjects::Table,
                    idens![
                        PartnershipProjects::ProjectId,
                        PartnershipProjects::PartnershipId,
                    ],
                ),
                index(Agreements::Table, idens![Agreements::PartnershipId]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                Agreements::Table,
                PartnershipProjects::Table,
                PartnershipThemes::Table,
                PartnershipMembers::Table,
                Partnerships::Table,
            ],
        )
        .await
    }
}

//! Territories, consular circumscriptions and which territories each circumscription covers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, audit, create_indexes, drop_tables, fk, id, index, reference, reference_null,
    search_key, unique, vocab,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Territories {
    Table,
    Code,
    Level,
    ParentId,
    NameFr,
    NameAr,
    NameEn,
    Seat,
}

#[derive(DeriveIden)]
pub enum Circumscriptions {
    Table,
    Code,
    NameFr,
    NameAr,
    NameEn,
    ConsulateCity,
    PostKind,
}

#[derive(DeriveIden)]
enum CircumscriptionCoverage {
    Table,
    CircumscriptionId,
    TerritoryId,
    Confidence,
    ValidFrom,
    ValidTo,
    Evidence,
}

// The trait's own signature elides SchemaManager's lifetime; writing `<'_>` would not match it.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        // SQLite too: a failed step leaves nothing half-created.
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict};

        manager
            .create_table(
                audit(
                    Table::create()
                        .table(Territories::Table)
                        .col(id())
                        // ISO 3166-2: MA-04, MA-RAB.
                        .col(string_len_uniq(Territories::Code, 20))
                        .col(vocab(Territories::Level))
                        .col(reference_null(Territories::ParentId))
                        .col(string(Territories::NameFr))
                        .col(string_null(Territories::NameAr))
                        .col(string_null(Territories::NameEn))
                        .col(string_null(Territories::Seat))
                        .col(search_key()),
                )
                .foreign_key(&mut fk(
                    Territories::Table,
                    Territories::ParentId,
                    Territories::Table,
                    Restrict,
                ))
                .take(),
            )
            .await?;

        manager
            .create_table(
                audit(
                    Table::create()
                        .table(Circumscriptions::Table)
                        .col(id())
                        // RABAT, CASABLANCA, FES, MARRAKECH, TANGER, AGADIR.
                        .col(string_len_uniq(Circumscriptions::Code, 40))
                        .col(string(Circumscriptions::NameFr))
                        .col(string_null(Circumscriptions::NameAr))
                        .col(string_null(Circumscriptions::NameEn))
                        .col(string(Circumscriptions::ConsulateCity))
                        .col(vocab(Circumscriptions::PostKind)),
                )
                .take(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CircumscriptionCoverage::Table)
                    .col(id())
                    .col(reference(CircumscriptionCoverage::CircumscriptionId))
                    .col(reference(CircumscriptionCoverage::TerritoryId))
                    .col(vocab(CircumscriptionCoverage::Confidence))
                    .col(date_null(CircumscriptionCoverage::ValidFrom))
                    .col(date_null(CircumscriptionCoverage::ValidTo))
                    .col(text_null(CircumscriptionCoverage::Evidence))
                    .foreign_key(&mut fk(
                        CircumscriptionCoverage::Table,
                        CircumscriptionCoverage::CircumscriptionId,
                        Circumscriptions::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        CircumscriptionCoverage::Table,
                        CircumscriptionCoverage::TerritoryId,
                        Territories::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            [
                index(Territories::Table, idens![Territories::Level]),
                index(Territories::Table, idens![Territories::ParentId]),
                index(Territories::Table, idens![Shared::SearchKey, Shared::Id]),
                // Also serves lookups by territory (leading column). NULL valid_from values
                // never collide (SQL NULL semantics): the service checks open-ended rows.
                unique(
                    CircumscriptionCoverage::Table,
                    idens![
                        CircumscriptionCoverage::TerritoryId,
                        CircumscriptionCoverage::CircumscriptionId,
                        CircumscriptionCoverage::ValidFrom,
                    ],
                )
                // The generated name would pass PostgreSQL's 63-byte limit.
                .name("ux_circumscription_coverage_territory_period")
                .take(),
                index(
                    CircumscriptionCoverage::Table,
                    idens![CircumscriptionCoverage::CircumscriptionId],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                CircumscriptionCoverage::Table,
                Circumscriptions::Table,
                Territories::Table,
            ],
        )
        .await
    }
}

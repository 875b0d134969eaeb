//! Actors of the network, their themes, named people and contact points.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, archived_at, audit, create_indexes, drop_tables, fk, id, index, reference_null,
    search_key, sensitivity, tags, vocab, vocab_null,
};
use crate::m20261129_000001_geography::{Circumscriptions, Territories};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum Actors {
    Table,
    Kind,
    NameFr,
    NameAr,
    NameEn,
    Acronym,
    Aliases,
    Country,
    SeatTerritoryId,
    ParentId,
    Website,
    DescriptionFr,
    DescriptionAr,
    DescriptionEn,
    IatiRef,
    IatiOrgType,
    RegistrationNumber,
    FoundedOn,
    LocalAuthorityLevel,
    GovernedTerritoryId,
    FrenchRegion,
    City,
    SiteKind,
    CircumscriptionId,
}

#[derive(DeriveIden)]
enum ActorThemes {
    Table,
    ActorId,
    Theme,
}

#[derive(DeriveIden)]
pub enum Persons {
    Table,
    GivenName,
    FamilyName,
    Function,
    OrganisationId,
    ErasedAt,
}

#[derive(DeriveIden)]
enum ContactPoints {
    Table,
    ActorId,
    PersonId,
    Kind,
    Value,
    Institutional,
}

// The trait's own signature elides SchemaManager's lifetime; writing `<'_>` would not match it.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::{Cascade, Restrict, SetNull};

        let mut actors = Table::create();
        actors
            .table(Actors::Table)
            .col(id())
            .col(vocab(Actors::Kind))
            .col(string(Actors::NameFr))
            .col(string_null(Actors::NameAr))
            .col(string_null(Actors::NameEn))
            .col(string_null(Actors::Acronym))
            // Former names and acronyms, `;`-separated (ICPC for INPPLC); part of the search key.
            .col(text_null(Actors::Aliases))
            .col(vocab(Actors::Country))
            .col(reference_null(Actors::SeatTerritoryId))
            .col(reference_null(Actors::ParentId))
            .col(string_null(Actors::Website))
            .col(text_null(Actors::DescriptionFr))
            .col(text_null(Actors::DescriptionAr))
            .col(text_null(Actors::DescriptionEn))
            .col(string_null(Actors::IatiRef))
            // IATI OrganisationType code, e.g. "10" (government), "22" (national NGO).
            .col(string_len_null(Actors::IatiOrgType, 10))
            .col(sensitivity())
            .col(search_key())
            // Kind-specific columns, NULL for the other kinds.
            .col(string_null(Actors::RegistrationNumber))
            .col(date_null(Actors::FoundedOn))
            .col(vocab_null(Actors::LocalAuthorityLevel))
            .col(reference_null(Actors::GovernedTerritoryId))
            .col(string_null(Actors::FrenchRegion))
            .col(string_null(Actors::City))
            .col(vocab_null(Actors::SiteKind))
            .col(reference_null(Actors::CircumscriptionId));
        audit(&mut actors)
            .col(archived_at())
            .foreign_key(&mut fk(
                Actors::Table,
                Actors::SeatTerritoryId,
                Territories::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                Actors::Table,
                Actors::ParentId,
                Actors::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                Actors::Table,
                Actors::GovernedTerritoryId,
                Territories::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                Actors::Table,
                Actors::CircumscriptionId,
                Circumscriptions::Table,
                Restrict,
            ));
        manager.create_table(actors).await?;

        manager
            .create_table(tags(
                ActorThemes::Table,
                (ActorThemes::ActorId, Actors::Table),
                ActorThemes::Theme,
            ))
            .await?;

        // Personal data: always PERSONAL, so no sensitivity column. Erasure blanks the names
        // and sets erased_at (the row stays so that links and the log keep their shape).
        manager
            .create_table(
                audit(
                    Table::create()
                        .table(Persons::Table)
                        .col(id())
                        .col(string(Persons::GivenName))
                        .col(string(Persons::FamilyName))
                        .col(string_null(Persons::Function))
                        .col(reference_null(Persons::OrganisationId))
                        .col(timestamp_with_time_zone_null(Persons::ErasedAt)),
                )
                .foreign_key(&mut fk(
                    Persons::Table,
                    Persons::OrganisationId,
                    Actors::Table,
                    SetNull,
                ))
                .take(),
            )
            .await?;

        // An actor's institutional contact (person_id NULL), a person's contact at an actor
        // (both set) or a person's own contact (actor_id NULL); never neither.
        manager
            .create_table(
                audit(
                    Table::create()
                        .table(ContactPoints::Table)
                        .col(id())
                        .col(reference_null(ContactPoints::ActorId))
                        .col(reference_null(ContactPoints::PersonId))
                        .col(vocab(ContactPoints::Kind))
                        .col(string(ContactPoints::Value))
                        .col(boolean(ContactPoints::Institutional).default(false)),
                )
                .check(Check::named(
                    "ck_contact_points_owner",
                    Expr::col(ContactPoints::ActorId)
                        .is_not_null()
                        .or(Expr::col(ContactPoints::PersonId).is_not_null()),
                ))
                .foreign_key(&mut fk(
                    ContactPoints::Table,
                    ContactPoints::ActorId,
                    Actors::Table,
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    ContactPoints::Table,
                    ContactPoints::PersonId,
                    Persons::Table,
                    Cascade,
                ))
                .take(),
            )
            .await?;

        create_indexes(
            manager,
            [
                index(Actors::Table, idens![Actors::Kind]),
                index(Actors::Table, idens![Actors::Country]),
                index(Actors::Table, idens![Shared::Sensitivity]),
                index(Actors::Table, idens![Shared::SearchKey, Shared::Id]),
                index(Actors::Table, idens![Actors::SeatTerritoryId]),
                index(Actors::Table, idens![Actors::ParentId]),
                index(Actors::Table, idens![Actors::GovernedTerritoryId]),
                index(Actors::Table, idens![Actors::CircumscriptionId]),
                index(
                    ActorThemes::Table,
                    idens![ActorThemes::Theme, ActorThemes::ActorId],
                ),
                index(Persons::Table, idens![Persons::OrganisationId]),
                index(ContactPoints::Table, idens![ContactPoints::ActorId]),
                index(ContactPoints::Table, idens![ContactPoints::PersonId]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                ContactPoints::Table,
                Persons::Table,
                ActorThemes::Table,
                Actors::Table,
            ],
        )
        .await
    }
}

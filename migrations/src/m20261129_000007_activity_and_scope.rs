//! The activity log and its counter, the derived circumscriptions of every scoped record, and
//! idempotency keys.

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, create_indexes, drop_tables, fk, fk_to, id, index, reference, sensitivity, vocab,
};
use crate::m20261129_000001_geography::{Circumscriptions, Territories};
use crate::m20261129_000002_actors::Actors;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActivityCounter {
    Table,
    Position,
}

#[derive(DeriveIden)]
enum Activities {
    Table,
    Position,
    At,
    Kind,
    SubjectType,
    SubjectId,
    Author,
    Details,
}

#[derive(DeriveIden)]
enum ActivityActors {
    Table,
    Position,
    ActorId,
}

#[derive(DeriveIden)]
enum ActivityTerritories {
    Table,
    Position,
    TerritoryId,
}

#[derive(DeriveIden)]
enum ActivityCircumscriptions {
    Table,
    Position,
    CircumscriptionId,
}

#[derive(DeriveIden)]
enum RecordCircumscriptions {
    Table,
    RecordType,
    RecordId,
    CircumscriptionId,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    Author,
    Key,
    RequestHash,
    Response,
    CreatedAt,
}

/// `table (position, <col>)`: which actors / territories / circumscriptions an activity
/// concerns, recorded at write time so that subscriptions can filter without joins.
fn activity_index(
    table: impl IntoIden,
    position: impl IntoIden,
    (col, target): (impl IntoIden, impl IntoIden),
) -> TableCreateStatement {
    let (table, position, col) = (table.into_iden(), position.into_iden(), col.into_iden());
    Table::create()
        .table(table.clone())
        .col(big_integer(position.clone()))
        .col(reference(col.clone()))
        .primary_key(Index::create().col(position.clone()).col(col.clone()))
        .foreign_key(&mut fk_to(
            table.clone(),
            position,
            Activities::Table,
            Activities::Position,
            ForeignKeyAction::Cascade,
        ))
        .foreign_key(&mut fk(table, col, target, ForeignKeyAction::Cascade))
        .take()
}

// The trait's own signature elides SchemaManager's lifetime; writing `<'_>` would not match it.
#[allow(elided_lifetimes_in_paths)]
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One row. Every write transaction increments it and takes the new value as its
        // activity position; the row lock serialises writers, so positions grow in commit
        // order (a sequence would not: two transactions can commit out of order).
        manager
            .create_table(
                Table::create()
                    .table(ActivityCounter::Table)
                    .col(big_integer(Shared::Id).primary_key())
                    .col(big_integer(ActivityCounter::Position).default(0))
                    .check(Check::named(
                        "ck_activity_counter_single_row",
                        Expr::col(Shared::Id).eq(1),
                    ))
                    .take(),
            )
            .await?;
        let mut counter_row = Query::insert();
        counter_row
            .into_table(ActivityCounter::Table)
            .columns([
                Shared::Id.into_iden(),
                ActivityCounter::Position.into_iden(),
            ])
            .values([1.into(), 0.into()])
            .map_err(|err| DbErr::Migration(err.to_string()))?;
        manager.execute(counter_row).await?;

        manager
            .create_table(
                Table::create()
                    .table(Activities::Table)
                    .col(id())
                    .col(big_integer_uniq(Activities::Position))
                    .col(timestamp_with_time_zone(Activities::At))
                    .col(vocab(Activities::Kind))
                    // A reference, not a copy: text is rendered at read time through the
                    // viewer's policy.
                    .col(vocab(Activities::SubjectType))
                    .col(big_integer(Activities::SubjectId))
                    // The sensitivity of what changed, at write time.
                    .col(sensitivity())
                    .col(string_null(Activities::Author))
                    // JSON text; never personal values.
                    .col(text_null(Activities::Details))
                    .take(),
            )
            .await?;

        for table in [
            activity_index(
                ActivityActors::Table,
                ActivityActors::Position,
                (ActivityActors::ActorId, Actors::Table),
            ),
            activity_index(
                ActivityTerritories::Table,
                ActivityTerritories::Position,
                (ActivityTerritories::TerritoryId, Territories::Table),
            ),
            activity_index(
                ActivityCircumscriptions::Table,
                ActivityCircumscriptions::Position,
                (
                    ActivityCircumscriptions::CircumscriptionId,
                    Circumscriptions::Table,
                ),
            ),
        ] {
            manager.create_table(table).await?;
        }

        // Derived from territories (never typed in), recomputed in the same transaction as the
        // change. record_id is polymorphic (record_type says which table), hence no FK on it.
        manager
            .create_table(
                Table::create()
                    .table(RecordCircumscriptions::Table)
                    .col(vocab(RecordCircumscriptions::RecordType))
                    .col(big_integer(RecordCircumscriptions::RecordId))
                    .col(reference(RecordCircumscriptions::CircumscriptionId))
                    .primary_key(
                        Index::create()
                            .col(RecordCircumscriptions::RecordType)
                            .col(RecordCircumscriptions::RecordId)
                            .col(RecordCircumscriptions::CircumscriptionId),
                    )
                    .foreign_key(&mut fk(
                        RecordCircumscriptions::Table,
                        RecordCircumscriptions::CircumscriptionId,
                        Circumscriptions::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;

        // Scoped to the author (the token subject); kept at least 24 h.
        manager
            .create_table(
                Table::create()
                    .table(IdempotencyKeys::Table)
                    .col(string(IdempotencyKeys::Author))
                    .col(string(IdempotencyKeys::Key))
                    .col(string(IdempotencyKeys::RequestHash))
                    // JSON text of the payload returned the first time.
                    .col(text_null(IdempotencyKeys::Response))
                    .col(timestamp_with_time_zone(IdempotencyKeys::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(IdempotencyKeys::Author)
                            .col(IdempotencyKeys::Key),
                    )
                    .take(),
            )
            .await?;

        create_indexes(
            manager,
            [
                index(
                    Activities::Table,
                    idens![Activities::SubjectType, Activities::SubjectId],
                ),
                index(Activities::Table, idens![Activities::Kind]),
                index(Activities::Table, idens![Activities::At]),
                index(Activities::Table, idens![Shared::Sensitivity]),
                index(
                    ActivityActors::Table,
                    idens![ActivityActors::ActorId, ActivityActors::Position],
                ),
                index(
                    ActivityTerritories::Table,
                    idens![
                        ActivityTerritories::TerritoryId,
                        ActivityTerritories::Position
                    ],
                ),
                index(
                    ActivityCircumscriptions::Table,
                    idens![
                        ActivityCircumscriptions::CircumscriptionId,
                        ActivityCircumscriptions::Position,
                    ],
                ),
                index(
                    RecordCircumscriptions::Table,
                    idens![
                        RecordCircumscriptions::CircumscriptionId,
                        RecordCircumscriptions::RecordType,
                        RecordCircumscriptions::RecordId,
                    ],
                )
                // The generated name would pass PostgreSQL's 63-byte limit.
                .name("ix_record_circumscriptions_by_circumscription")
                .take(),
                index(IdempotencyKeys::Table, idens![IdempotencyKeys::CreatedAt]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                IdempotencyKeys::Table,
                RecordCircumscriptions::Table,
                ActivityCircumscriptions::Table,
                ActivityTerritories::Table,
                ActivityActors::Table,
                Activities::Table,
                ActivityCounter::Table,
            ],
        )
        .await
    }
}

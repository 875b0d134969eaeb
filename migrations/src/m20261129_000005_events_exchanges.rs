//! Events (participating actors, named attendees) and expertise exchanges (parties, named
//! participants).

use sea_orm_migration::{prelude::*, schema::*};

use crate::common::{
    Shared, archived_at, audit, create_indexes, dac_code, drop_tables, fk, id, index, link,
    reference, reference_null, search_key, sensitivity, unique, vocab, vocab_null,
};
use crate::m20261129_000001_geography::Territories;
use crate::m20261129_000002_actors::{Actors, Persons};
use crate::m20261129_000003_projects::Projects;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Kind,
    TitleFr,
    TitleAr,
    TitleEn,
    DescriptionFr,
    StartsAt,
    EndsAt,
    TerritoryId,
    PlaceInFrance,
    ProjectId,
}

#[derive(DeriveIden)]
enum EventParticipants {
    Table,
    EventId,
    ActorId,
    Role,
}

#[derive(DeriveIden)]
enum EventAttendees {
    Table,
    EventId,
    PersonId,
    RepresentingActorId,
}

#[derive(DeriveIden)]
enum Exchanges {
    Table,
    Kind,
    TitleFr,
    TitleAr,
    TitleEn,
    StartsOn,
    EndsOn,
    Theme,
    DacCode,
    ParticipantCount,
    Instrument,
    ProjectId,
}

#[derive(DeriveIden)]
enum ExchangeParties {
    Table,
    ExchangeId,
    ActorId,
    Side,
}

#[derive(DeriveIden)]
enum ExchangeParticipants {
    Table,
    ExchangeId,
    PersonId,
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

        let mut events = Table::create();
        events
            .table(Events::Table)
            .col(id())
            .col(vocab(Events::Kind))
            .col(string(Events::TitleFr))
            .col(string_null(Events::TitleAr))
            .col(string_null(Events::TitleEn))
            .col(text_null(Events::DescriptionFr))
            .col(timestamp_with_time_zone(Events::StartsAt))
            .col(timestamp_with_time_zone_null(Events::EndsAt))
            // Where: a Moroccan territory, or a place in France (free text).
            .col(reference_null(Events::TerritoryId))
            .col(string_null(Events::PlaceInFrance))
            .col(reference_null(Events::ProjectId))
            .col(sensitivity())
            .col(search_key());
        audit(&mut events)
            .col(archived_at())
            .foreign_key(&mut fk(
                Events::Table,
                Events::TerritoryId,
                Territories::Table,
                Restrict,
            ))
            .foreign_key(&mut fk(
                Events::Table,
                Events::ProjectId,
                Projects::Table,
                Restrict,
            ));
        manager.create_table(events).await?;

        manager
            .create_table(
                Table::create()
                    .table(EventParticipants::Table)
                    .col(id())
                    .col(reference(EventParticipants::EventId))
                    .col(reference(EventParticipants::ActorId))
                    .col(vocab(EventParticipants::Role))
                    .foreign_key(&mut fk(
                        EventParticipants::Table,
                        EventParticipants::EventId,
                        Events::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        EventParticipants::Table,
                        EventParticipants::ActorId,
                        Actors::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        // Named attendees: personal data.
        manager
            .create_table(
                Table::create()
                    .table(EventAttendees::Table)
                    .col(id())
                    .col(reference(EventAttendees::EventId))
                    .col(reference(EventAttendees::PersonId))
                    .col(reference_null(EventAttendees::RepresentingActorId))
                    .foreign_key(&mut fk(
                        EventAttendees::Table,
                        EventAttendees::EventId,
                        Events::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        EventAttendees::Table,
                        EventAttendees::PersonId,
                        Persons::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        EventAttendees::Table,
                        EventAttendees::RepresentingActorId,
                        Actors::Table,
                        SetNull,
                    ))
                    .take(),
            )
            .await?;

        let mut exchanges = Table::create();
        exchanges
            .table(Exchanges::Table)
            .col(id())
            .col(vocab(Exchanges::Kind))
            .col(string(Exchanges::TitleFr))
            .col(string_null(Exchanges::TitleAr))
            .col(string_null(Exchanges::TitleEn))
            .col(date_null(Exchanges::StartsOn))
            .col(date_null(Exchanges::EndsOn))
            .col(vocab_null(Exchanges::Theme))
            .col(dac_code(Exchanges::DacCode).null().take())
            .col(integer_null(Exchanges::ParticipantCount))
            .col(vocab_null(Exchanges::Instrument))
            .col(reference_null(Exchanges::ProjectId))
            .col(sensitivity())
            .col(search_key());
        audit(&mut exchanges)
            .col(archived_at())
            .foreign_key(&mut fk(
                Exchanges::Table,
                Exchanges::ProjectId,
                Projects::Table,
                Restrict,
            ));
        manager.create_table(exchanges).await?;

        manager
            .create_table(
                Table::create()
                    .table(ExchangeParties::Table)
                    .col(id())
                    .col(reference(ExchangeParties::ExchangeId))
                    .col(reference(ExchangeParties::ActorId))
                    .col(vocab(ExchangeParties::Side))
                    .foreign_key(&mut fk(
                        ExchangeParties::Table,
                        ExchangeParties::ExchangeId,
                        Exchanges::Table,
                        Cascade,
                    ))
                    .foreign_key(&mut fk(
                        ExchangeParties::Table,
                        ExchangeParties::ActorId,
                        Actors::Table,
                        Cascade,
                    ))
                    .take(),
            )
            .await?;

        // Grant beneficiaries: personal data.
        manager
            .create_table(link(
                ExchangeParticipants::Table,
                (ExchangeParticipants::ExchangeId, Exchanges::Table),
                (ExchangeParticipants::PersonId, Persons::Table),
            ))
            .await?;

        create_indexes(
            manager,
            [
                index(Events::Table, idens![Events::Kind]),
                index(Events::Table, idens![Events::StartsAt, Shared::Id]),
                index(Events::Table, idens![Events::TerritoryId]),
                index(Events::Table, idens![Events::ProjectId]),
                index(Events::Table, idens![Shared::Sensitivity]),
                index(Events::Table, idens![Shared::SearchKey, Shared::Id]),
                unique(
                    EventParticipants::Table,
                    idens![
                        EventParticipants::EventId,
                        EventParticipants::ActorId,
                        EventParticipants::Role,
                    ],
                ),
                index(
                    EventParticipants::Table,
                    idens![EventParticipants::ActorId, EventParticipants::Role],
                ),
                unique(
                    EventAttendees::Table,
                    idens![EventAttendees::EventId, EventAttendees::PersonId],
                ),
                index(EventAttendees::Table, idens![EventAttendees::PersonId]),
                index(
                    EventAttendees::Table,
                    idens![EventAttendees::RepresentingActorId],
                ),
                index(Exchanges::Table, idens![Exchanges::Kind]),
                index(Exchanges::Table, idens![Exchanges::Theme]),
                index(Exchanges::Table, idens![Exchanges::Instrument]),
                index(Exchanges::Table, idens![Exchanges::StartsOn, Shared::Id]),
                index(Exchanges::Table, idens![Exchanges::ProjectId]),
                index(Exchanges::Table, idens![Shared::Sensitivity]),
                index(Exchanges::Table, idens![Shared::SearchKey, Shared::Id]),
                unique(
                    ExchangeParties::Table,
                    idens![
                        ExchangeParties::ExchangeId,
                        ExchangeParties::ActorId,
                        ExchangeParties::Side,
                    ],
                ),
                index(
                    ExchangeParties::Table,
                    idens![ExchangeParties::ActorId, ExchangeParties::Side],
                ),
                index(
                    ExchangeParticipants::Table,
                    idens![ExchangeParticipants::PersonId],
                ),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            idens![
                ExchangeParticipants::Table,
                ExchangeParties::Table,
                Exchanges::Table,
                EventAttendees::Table,
                EventParticipants::Table,
                Events::Table,
            ],
        )
        .await
    }
}

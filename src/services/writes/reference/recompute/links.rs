//! The links through which a record is located (DESIGN §5), as SQL: for each, the
//! `(record, territory)` pairs selected by territory (which records lie under a territory)
//! or by record (all the territories of given records). They mirror
//! [`territories_of_record`](crate::services::scope::territories_of_record).

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};

use super::CHUNK;
use crate::domain::vocabulary::{Country, ExchangePartySide, RecordType};
use crate::entities::{
    actor, application_applicant, event, event_participant, exchange_party, fund_allocation,
    partnership_member, person, project_location,
};
use crate::error::AppResult;

/// One way a record is located: through which link its territories come.
#[derive(Debug, Clone, Copy)]
pub(super) enum Link {
    ActorSeat,
    ProjectLocation,
    PartnershipMemberSeat,
    EventTerritory,
    /// An event in France (no territory): its Moroccan participants' seats.
    EventParticipantSeat,
    /// Its Moroccan beneficiaries' seats.
    ExchangeBeneficiarySeat,
    ApplicantSeat,
    PersonOrganisationSeat,
    AllocationPartnershipSeat,
    AllocationProjectLocation,
}

pub(super) const LINKS: [Link; 10] = [
    Link::ActorSeat,
    Link::ProjectLocation,
    Link::PartnershipMemberSeat,
    Link::EventTerritory,
    Link::EventParticipantSeat,
    Link::ExchangeBeneficiarySeat,
    Link::ApplicantSeat,
    Link::PersonOrganisationSeat,
    Link::AllocationPartnershipSeat,
    Link::AllocationProjectLocation,
];

impl Link {
    pub(super) fn record_type(self) -> RecordType {
        match self {
            Self::ActorSeat => RecordType::Actor,
            Self::ProjectLocation => RecordType::Project,
            Self::PartnershipMemberSeat => RecordType::Partnership,
            Self::EventTerritory | Self::EventParticipantSeat => RecordType::Event,
            Self::ExchangeBeneficiarySeat => RecordType::Exchange,
            Self::ApplicantSeat => RecordType::Application,
            Self::PersonOrganisationSeat => RecordType::Person,
            Self::AllocationPartnershipSeat | Self::AllocationProjectLocation => {
                RecordType::FundAllocation
            }
        }
    }

    /// Whether the record is located through an actor's seat (the link joins `actors`).
    pub(super) fn through_actor(self) -> bool {
        !matches!(
            self,
            Self::ProjectLocation | Self::EventTerritory | Self::AllocationProjectLocation
        )
    }

    /// Whether only Moroccan actors' seats count (events in France, exchanges).
    fn moroccan_only(self) -> bool {
        matches!(
            self,
            Self::EventParticipantSeat | Self::ExchangeBeneficiarySeat
        )
    }

    /// `SELECT record, territory [, country] FROM …` for this link, without the filter. The
    /// actor's country is selected and checked in Rust rather than in SQL: with it in the
    /// `WHERE`, SQLite drives the join from the country index (every Moroccan actor) instead
    /// of the ids asked for — a second instead of milliseconds per chunk.
    fn select(self) -> (SelectStatement, Expr, Expr) {
        let seat = || Expr::col((actor::Entity, actor::Column::SeatTerritoryId));
        let actor_id = || Expr::col((actor::Entity, actor::Column::Id));
        let mut q = Query::select();
        let (record, territory) = match self {
            Self::ActorSeat => {
                q.from(actor::Entity);
                (actor_id(), seat())
            }
            Self::ProjectLocation => {
                q.from(project_location::Entity);
                (
                    Expr::col((
                        project_location::Entity,
                        project_location::Column::ProjectId,
                    )),
                    Expr::col((
                        project_location::Entity,
                        project_location::Column::TerritoryId,
                    )),
                )
            }
            Self::PartnershipMemberSeat => {
                q.from(partnership_member::Entity).inner_join(
                    actor::Entity,
                    actor_id().equals((
                        partnership_member::Entity,
                        partnership_member::Column::ActorId,
                    )),
                );
                (
                    Expr::col((
                        partnership_member::Entity,
                        partnership_member::Column::PartnershipId,
                    )),
                    seat(),
                )
            }
            Self::EventTerritory => {
                q.from(event::Entity);
                (
                    Expr::col((event::Entity, event::Column::Id)),
                    Expr::col((event::Entity, event::Column::TerritoryId)),
                )
            }
            Self::EventParticipantSeat => {
                q.from(event_participant::Entity)
                    .inner_join(
                        event::Entity,
                        Expr::col((event::Entity, event::Column::Id)).equals((
                            event_participant::Entity,
                            event_participant::Column::EventId,
                        )),
                    )
                    .inner_join(
                        actor::Entity,
                        actor_id().equals((
                            event_participant::Entity,
                            event_participant::Column::ActorId,
                        )),
                    )
                    .and_where(Expr::col((event::Entity, event::Column::TerritoryId)).is_null());
                (
                    Expr::col((
                        event_participant::Entity,
                        event_participant::Column::EventId,
                    )),
                    seat(),
                )
            }
            Self::ExchangeBeneficiarySeat => {
                q.from(exchange_party::Entity)
                    .inner_join(
                        actor::Entity,
                        actor_id()
                            .equals((exchange_party::Entity, exchange_party::Column::ActorId)),
                    )
                    .and_where(
                        Expr::col((exchange_party::Entity, exchange_party::Column::Side))
                            .eq(ExchangePartySide::Beneficiary.as_str()),
                    );
                (
                    Expr::col((exchange_party::Entity, exchange_party::Column::ExchangeId)),
                    seat(),
                )
            }
            Self::ApplicantSeat => {
                q.from(application_applicant::Entity).inner_join(
                    actor::Entity,
                    actor_id().equals((
                        application_applicant::Entity,
                        application_applicant::Column::ActorId,
                    )),
                );
                (
                    Expr::col((
                        application_applicant::Entity,
                        application_applicant::Column::ApplicationId,
                    )),
                    seat(),
                )
            }
            Self::PersonOrganisationSeat => {
                q.from(person::Entity).inner_join(
                    actor::Entity,
                    actor_id().equals((person::Entity, person::Column::OrganisationId)),
                );
                (Expr::col((person::Entity, person::Column::Id)), seat())
            }
            Self::AllocationPartnershipSeat => {
                q.from(fund_allocation::Entity)
                    .inner_join(
                        partnership_member::Entity,
                        Expr::col((
                            partnership_member::Entity,
                            partnership_member::Column::PartnershipId,
                        ))
                        .equals((
                            fund_allocation::Entity,
                            fund_allocation::Column::PartnershipId,
                        )),
                    )
                    .inner_join(
                        actor::Entity,
                        actor_id().equals((
                            partnership_member::Entity,
                            partnership_member::Column::ActorId,
                        )),
                    );
                (
                    Expr::col((fund_allocation::Entity, fund_allocation::Column::Id)),
                    seat(),
                )
            }
            Self::AllocationProjectLocation => {
                q.from(fund_allocation::Entity).inner_join(
                    project_location::Entity,
                    Expr::col((
                        project_location::Entity,
                        project_location::Column::ProjectId,
                    ))
                    .equals((fund_allocation::Entity, fund_allocation::Column::ProjectId)),
                );
                (
                    Expr::col((fund_allocation::Entity, fund_allocation::Column::Id)),
                    Expr::col((
                        project_location::Entity,
                        project_location::Column::TerritoryId,
                    )),
                )
            }
        };
        q.expr_as(record.clone(), "record")
            .expr_as(territory.clone(), "territory");
        if self.moroccan_only() {
            q.expr_as(
                Expr::col((actor::Entity, actor::Column::Country)),
                "country",
            );
        }
        (q, record, territory)
    }
}

/// `(record, territory)` pairs of `link` whose territory (`by_territory`) or record is in
/// `ids`.
pub(super) async fn pairs<C: ConnectionTrait>(
    conn: &C,
    link: Link,
    by_territory: bool,
    ids: &[i64],
) -> AppResult<Vec<(i64, i64)>> {
    let mut found = Vec::new();
    for chunk in ids.chunks(CHUNK) {
        let (mut q, record, territory) = link.select();
        q.and_where(territory.clone().is_not_null());
        let column = if by_territory { territory } else { record };
        q.and_where(column.is_in(chunk.iter().copied()));
        for row in conn.query_all(&q).await? {
            if link.moroccan_only() && row.try_get::<Country>("", "country")? != Country::Ma {
                continue;
            }
            found.push((
                row.try_get::<i64>("", "record")?,
                row.try_get::<i64>("", "territory")?,
            ));
        }
    }
    Ok(found)
}

/// The records `link` locates through the seat of one of `actors` — whatever that seat and
/// the actor's country now are (no seat, not Moroccan): those records may have just lost the
/// circumscriptions they had through it. Empty for links that do not go through an actor.
pub(super) async fn records_of_actors<C: ConnectionTrait>(
    conn: &C,
    link: Link,
    actors: &[i64],
) -> AppResult<Vec<i64>> {
    let mut found = Vec::new();
    if !link.through_actor() {
        return Ok(found);
    }
    for chunk in actors.chunks(CHUNK) {
        let (mut q, _, _) = link.select();
        q.and_where(Expr::col((actor::Entity, actor::Column::Id)).is_in(chunk.iter().copied()));
        for row in conn.query_all(&q).await? {
            found.push(row.try_get::<i64>("", "record")?);
        }
    }
    Ok(found)
}

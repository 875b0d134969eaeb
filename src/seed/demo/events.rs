//! The demo's 120 events of every kind — the Young Leaders Forum first — in Moroccan
//! territories or in France, with the actors taking part and their roles, and named attendees
//! (personal data).

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime};
use sea_orm::Set;
use serde_json::json;

use super::authorities::town_seat;
use super::calendar::ymd;
use super::people::People;
use super::places::{TOWNS, french_city};
use super::project_rows::ProjectRef;
use super::store::{ActorRef, Ctx, Entry, Keys, require};
use super::topics::{TOPICS, month_year};
use crate::domain::vocabulary::{
    ActivityKind, ActivityStatus, ActorKind, EventKind, EventRole, RecordType, Sensitivity,
};
use crate::entities::{event, event_attendee, event_participant};
use crate::error::AppResult;
use crate::search;

/// The Young Leaders Forum's French, Arabic and English titles.
pub const YOUNG_LEADERS_FORUM: (&str, &str, &str) = (
    "Forum des jeunes leaders",
    "منتدى القادة الشباب",
    "Young Leaders Forum",
);

/// How many events of each kind (120 with the Young Leaders Forum).
const KINDS: &[(EventKind, usize)] = &[
    (EventKind::TrainingSession, 28),
    (EventKind::Seminar, 22),
    (EventKind::SteeringCommittee, 14),
    (EventKind::Forum, 9),
    (EventKind::TechnicalVisit, 14),
    (EventKind::StudyTour, 12),
    (EventKind::PoliticalVisit, 10),
    (EventKind::HighLevelMeeting, 10),
];

struct New {
    kind: EventKind,
    title: (String, Option<String>, Option<String>),
    start: NaiveDate,
    days: u64,
    territory: Option<i64>,
    place_in_france: Option<String>,
    project: Option<i64>,
    participants: Vec<(i64, EventRole)>,
    attendees: Vec<(i64, i64)>,
    sensitivity: Sensitivity,
}

fn at(date: NaiveDate, hour: u32) -> chrono::DateTime<chrono::Utc> {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default())
        .and_utc()
}

pub async fn load(ctx: &mut Ctx<'_>, projects: &[ProjectRef], people: &People) -> AppResult<()> {
    let scac = ctx.acronym("SCAC")?;
    let pick_kinds = |kinds: &[ActorKind], ctx: &Ctx<'_>| -> AppResult<Vec<ActorRef>> {
        let found = ctx.actors.iter().filter(|a| kinds.contains(&a.kind));
        require(found.cloned().collect(), "actors for the events")
    };
    let local = pick_kinds(
        &[ActorKind::Association, ActorKind::MoroccanLocalAuthority],
        ctx,
    )?;
    let institutions = pick_kinds(&[ActorKind::Ministry, ActorKind::NationalInstitution], ctx)?;
    let speakers = pick_kinds(
        &[
            ActorKind::Academic,
            ActorKind::NationalInstitution,
            ActorKind::Network,
        ],
        ctx,
    )?;
    let instituts = pick_kinds(&[ActorKind::InstitutFrancais], ctx)?;
    let french_las = pick_kinds(&[ActorKind::FrenchLocalAuthority], ctx)?;
    let moroccan_las = pick_kinds(&[ActorKind::MoroccanLocalAuthority], ctx)?;
    let linked: Vec<&ProjectRef> = projects
        .iter()
        .filter(|p| p.status != ActivityStatus::Pipeline)
        .collect();
    let linked = require(linked, "projects for the events")?;

    let mut list = vec![young_leaders_forum(ctx, people, &speakers)?];
    let mut titles: HashSet<String> = HashSet::new();
    for (kind, count) in KINDS {
        for _ in 0..*count {
            let mut start = ctx.day_between(ymd(2023, 1, 9), ymd(2027, 6, 30));
            let topic = *ctx.rng.pick(TOPICS);
            let town = *ctx.rng.pick(TOWNS);
            let mut territory = Some(town_seat(ctx, &town)?);
            let mut place_in_france = None;
            let mut project = None;
            let mut organiser = if ctx.rng.chance(0.4) {
                scac
            } else {
                ctx.rng.pick(&instituts).id
            };
            let mut participants = Vec::new();
            let (fr, en, days) = match kind {
                EventKind::TrainingSession => (
                    format!("Formation : {} — {}", topic.0, town.fr),
                    format!("Training: {} — {}", topic.1, town.fr),
                    1 + ctx.rng.below(3),
                ),
                EventKind::Seminar => (
                    format!("Séminaire : {} — {}", topic.0, town.fr),
                    format!("Seminar: {} — {}", topic.1, town.fr),
                    1,
                ),
                EventKind::SteeringCommittee => {
                    let p = *ctx.rng.pick(&linked);
                    project = Some(p.id);
                    // Held while the project runs.
                    start = p.start + chrono::Days::new(60 + ctx.rng.below(600));
                    territory = p.locations.first().copied().or(territory);
                    // Chaired by whoever is accountable for the project (second participant).
                    if let Some(chair) = p.participants.get(1) {
                        organiser = *chair;
                    }
                    participants.extend(
                        p.participants
                            .iter()
                            .skip(2)
                            .take(3)
                            .map(|a| (*a, EventRole::Participant)),
                    );
                    (
                        format!("Comité de pilotage — {}", p.title),
                        format!("Steering committee — {}", p.title_en),
                        1,
                    )
                }
                EventKind::Forum => (
                    format!("Forum : {} — {}", topic.0, town.fr),
                    format!("Forum: {} — {}", topic.1, town.fr),
                    2,
                ),
                EventKind::TechnicalVisit => (
                    format!("Visite technique : {} — {}", topic.0, town.fr),
                    format!("Technical visit: {} — {}", topic.1, town.fr),
                    1 + ctx.rng.below(2),
                ),
                EventKind::StudyTour => {
                    // Hosted by a French authority, at home.
                    let host = ctx.rng.pick(&french_las).clone();
                    let city = french_city(&host.name);
                    territory = None;
                    place_in_france = Some(city.to_owned());
                    organiser = host.id;
                    participants.push((ctx.rng.pick(&moroccan_las).id, EventRole::Participant));
                    (
                        format!("Voyage d'études : {} — {city}", topic.0),
                        format!("Study tour: {} — {city}", topic.1),
                        3 + ctx.rng.below(4),
                    )
                }
                EventKind::PoliticalVisit => {
                    let french = ctx.rng.pick(&french_las).clone();
                    let moroccan = ctx.rng.pick(&moroccan_las).clone();
                    organiser = moroccan.id;
                    participants.push((french.id, EventRole::Participant));
                    if ctx.rng.chance(0.3) {
                        territory = None;
                        place_in_france = Some(french_city(&french.name).to_owned());
                        organiser = french.id;
                        participants = vec![(moroccan.id, EventRole::Participant)];
                    } else {
                        territory = moroccan.seat.or(territory);
                    }
                    (
                        format!(
                            "Visite d'une délégation : {} et {}",
                            french.name, moroccan.name
                        ),
                        format!("Delegation visit: {} and {}", french.name, moroccan.name),
                        2,
                    )
                }
                EventKind::HighLevelMeeting => {
                    organiser = scac;
                    participants.push((ctx.rng.pick(&institutions).id, EventRole::Participant));
                    if ctx.rng.chance(0.3) {
                        territory = None;
                        place_in_france = Some("Paris".to_owned());
                    } else {
                        territory = Some(ctx.territory_id("MA-RAB")?);
                    }
                    (
                        format!("Rencontre de haut niveau : {}", topic.0),
                        format!("High-level meeting: {}", topic.1),
                        1,
                    )
                }
            };
            if project.is_none()
                && matches!(kind, EventKind::TrainingSession | EventKind::TechnicalVisit)
                && ctx.rng.chance(0.5)
            {
                project = Some(ctx.rng.pick(&linked).id);
            }
            participants.insert(0, (organiser, EventRole::Organiser));
            if ctx.rng.chance(0.4) {
                participants.push((ctx.rng.pick(&instituts).id, EventRole::CoOrganiser));
            }
            for _ in 0..ctx.rng.below(3) {
                participants.push((ctx.rng.pick(&speakers).id, EventRole::Speaker));
            }
            for _ in 0..1 + ctx.rng.below(3) {
                participants.push((ctx.rng.pick(&local).id, EventRole::Participant));
            }
            let mut seen = HashSet::new();
            participants.retain(|p| seen.insert(*p));
            // Dated titles: the same kind of event comes back on the same topic.
            let dated = format!("{fr} ({})", month_year(start));
            let mut fr = dated.clone();
            let mut n = 2;
            while !titles.insert(fr.clone()) {
                fr = format!("{dated} #{n}");
                n += 1;
            }
            let mut attendees = Vec::new();
            for (actor, _) in &participants {
                for person in people.staff_of(*actor).into_iter().take(2) {
                    attendees.push((person, *actor));
                }
            }
            let sensitivity = if *kind == EventKind::HighLevelMeeting {
                ctx.sensitivity(30, 50)
            } else {
                ctx.sensitivity(65, 30)
            };
            list.push(New {
                kind: *kind,
                title: (fr, None, Some(format!("{en} ({})", start.format("%B %Y")))),
                start,
                days,
                territory,
                place_in_france,
                project,
                participants,
                attendees,
                sensitivity,
            });
        }
    }
    insert(ctx, list).await
}

/// The Young Leaders Forum in Rabat: the SCAC with the Institut français de Rabat, the young
/// leaders' associations, and the young leaders themselves as attendees.
fn young_leaders_forum(
    ctx: &mut Ctx<'_>,
    people: &People,
    speakers: &[ActorRef],
) -> AppResult<New> {
    let scac = ctx.acronym("SCAC")?;
    let mut participants = vec![(scac, EventRole::Organiser)];
    if let Some(institut) = ctx
        .actors
        .iter()
        .find(|a| a.name == "Institut français de Rabat")
    {
        participants.push((institut.id, EventRole::CoOrganiser));
    }
    for s in ctx.sample(speakers, 2) {
        participants.push((s.id, EventRole::Speaker));
    }
    let mut seen = HashSet::new();
    for (_, association) in &people.young_leaders {
        if seen.insert(*association) {
            participants.push((*association, EventRole::Participant));
        }
    }
    let (fr, ar, en) = YOUNG_LEADERS_FORUM;
    Ok(New {
        kind: EventKind::Forum,
        title: (fr.to_owned(), Some(ar.to_owned()), Some(en.to_owned())),
        start: ymd(2026, 10, 17),
        days: 2,
        territory: Some(ctx.territory_id("MA-RAB")?),
        place_in_france: None,
        project: None,
        participants,
        attendees: people.young_leaders.clone(),
        sensitivity: Sensitivity::Public,
    })
}

async fn insert(ctx: &mut Ctx<'_>, list: Vec<New>) -> AppResult<()> {
    let rows: Vec<event::ActiveModel> = list
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (fr, ar, en) = &n.title;
            event::ActiveModel {
                kind: Set(n.kind),
                title_fr: Set(fr.clone()),
                title_ar: Set(ar.clone()),
                title_en: Set(en.clone()),
                description_fr: Set(Some(
                    "Événement fictif du réseau de démonstration.".to_owned(),
                )),
                starts_at: Set(at(n.start, 8)),
                ends_at: Set(Some(at(
                    n.start + chrono::Days::new(n.days.saturating_sub(1)),
                    17,
                ))),
                territory_id: Set(n.territory),
                place_in_france: Set(n.place_in_france.clone()),
                project_id: Set(n.project),
                sensitivity: Set(n.sensitivity),
                search_key: Set(search::search_key([
                    fr.as_str(),
                    ar.as_deref().unwrap_or_default(),
                    en.as_deref().unwrap_or_default(),
                ])),
                version: Set(1),
                created_at: Set(ctx.now),
                created_by: Set(ctx.author()),
                updated_at: Set(ctx.now),
                updated_by: Set(ctx.author()),
                // One event called off: archived.
                archived_at: Set((i == 77).then_some(ctx.now)),
                ..Default::default()
            }
        })
        .collect();
    let labels: Vec<String> = list.iter().map(|n| n.title.0.clone()).collect();
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<event::Entity> {
                id: event::Column::Id,
                author: event::Column::CreatedBy,
                label: event::Column::TitleFr,
            },
        )
        .await?;
    let mut participants = Vec::new();
    let mut attendees = Vec::new();
    for (id, n) in ids.iter().zip(&list) {
        for (actor, role) in &n.participants {
            participants.push(event_participant::ActiveModel {
                event_id: Set(*id),
                actor_id: Set(*actor),
                role: Set(*role),
                ..Default::default()
            });
        }
        let mut seen = HashSet::new();
        for (person, actor) in &n.attendees {
            if seen.insert(*person) {
                attendees.push(event_attendee::ActiveModel {
                    event_id: Set(*id),
                    person_id: Set(*person),
                    representing_actor_id: Set(Some(*actor)),
                    ..Default::default()
                });
            }
        }
        let actors: Vec<i64> = n.participants.iter().map(|p| p.0).collect();
        // Where it happens; for an event in France, where its participants come from.
        let territories = match n.territory {
            Some(t) => vec![t],
            None => ctx.seats(&actors),
        };
        let circs = ctx.scope(RecordType::Event, *id, &territories);
        ctx.log(Entry {
            kind: ActivityKind::EventScheduled,
            subject: RecordType::Event,
            subject_id: *id,
            sensitivity: n.sensitivity,
            actors,
            territories: n.territory.into_iter().collect(),
            circumscriptions: circs,
            details: json!({ "source": "demo", "eventKind": n.kind }),
        });
    }
    ctx.report.events = ids.len();
    ctx.report.event_attendees = attendees.len();
    ctx.insert(participants).await?;
    ctx.insert(attendees).await
}

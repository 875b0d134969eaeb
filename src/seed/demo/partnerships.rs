//! The demo's 80 partnerships: decentralised cooperation between the French and Moroccan
//! authorities that run territorial projects together (linked to those projects), institutional
//! partnerships, network memberships and memoranda; with members and their sides, agreements,
//! themes, statuses and dates known to the year, month or day.

use std::collections::HashSet;

use sea_orm::{EntityTrait, QuerySelect};

use super::project_rows::ProjectRef;
use super::store::{ActorRef, Ctx, require};
use crate::domain::vocabulary::{
    ActorKind, Country, LocalAuthorityLevel, PartnershipKind, Pillar, ProjectOrigin, Side, Theme,
};
use crate::entities::partnership;
use crate::error::AppResult;

const DECENTRALISED: usize = 34;
const INSTITUTIONAL: usize = 20;
/// Then one network membership per network, and memoranda of understanding up to the total.
const TOTAL: usize = 80;

#[derive(Debug, Clone)]
pub struct PartnershipRef {
    pub id: i64,
    pub kind: PartnershipKind,
    pub members: Vec<i64>,
}

pub struct NewPartnership {
    pub kind: PartnershipKind,
    pub title: String,
    pub members: Vec<(i64, Side, Option<&'static str>)>,
    pub projects: Vec<i64>,
    pub themes: Vec<Theme>,
}

fn side_of(actor: &ActorRef) -> Side {
    match actor.country {
        Country::Ma => Side::Moroccan,
        Country::Fr => Side::French,
        _ => Side::Other,
    }
}

pub async fn load(ctx: &mut Ctx<'_>, projects: &[ProjectRef]) -> AppResult<Vec<PartnershipRef>> {
    let mut titles: HashSet<String> = partnership::Entity::find()
        .select_only()
        .column(partnership::Column::TitleFr)
        .into_tuple::<String>()
        .all(ctx.txn)
        .await?
        .into_iter()
        .collect();
    let mut list: Vec<NewPartnership> = Vec::new();
    let pair_title = |a: &ActorRef, b: &ActorRef| format!("{} — {}", a.name, b.name);

    // Decentralised cooperation: first the pairs that run territorial projects together.
    let french_las = require(
        ctx.of_kind(ActorKind::FrenchLocalAuthority),
        "French authorities",
    )?;
    let moroccan_las = require(
        ctx.of_kind(ActorKind::MoroccanLocalAuthority),
        "Moroccan authorities",
    )?;
    for p in projects
        .iter()
        .filter(|p| p.pillar == Pillar::TerritorialGovernance && p.origin == ProjectOrigin::Own)
    {
        let french = p
            .participants
            .iter()
            .filter_map(|a| ctx.actor(*a))
            .find(|a| a.kind == ActorKind::FrenchLocalAuthority);
        let moroccan = p
            .participants
            .iter()
            .filter_map(|a| ctx.actor(*a))
            .find(|a| a.kind == ActorKind::MoroccanLocalAuthority);
        let (Some(french), Some(moroccan)) = (french.cloned(), moroccan.cloned()) else {
            continue;
        };
        let title = pair_title(&french, &moroccan);
        if let Some(found) = list.iter_mut().find(|n| n.title == title) {
            found.projects.push(p.id);
            continue;
        }
        if list.len() >= DECENTRALISED || !titles.insert(title.clone()) {
            continue;
        }
        list.push(NewPartnership {
            kind: PartnershipKind::DecentralisedCooperation,
            title,
            members: vec![
                (french.id, Side::French, Some("chef de file")),
                (moroccan.id, Side::Moroccan, Some("chef de file")),
            ],
            projects: vec![p.id],
            themes: vec![Theme::DecentralisedCooperation],
        });
    }
    let associations = require(ctx.of_kind(ActorKind::Association), "associations")?;
    let mut guard = 0;
    while list.len() < DECENTRALISED && guard < 1_000 {
        guard += 1;
        let french = ctx.rng.pick(&french_las).clone();
        let moroccan = ctx.rng.pick(&moroccan_las).clone();
        let title = pair_title(&french, &moroccan);
        if !titles.insert(title.clone()) {
            continue;
        }
        let mut members = vec![
            (french.id, Side::French, Some("chef de file")),
            (moroccan.id, Side::Moroccan, Some("chef de file")),
        ];
        if ctx.rng.chance(0.3) {
            members.push((
                ctx.rng.pick(&associations).id,
                Side::Moroccan,
                Some("partenaire associatif"),
            ));
        }
        list.push(NewPartnership {
            kind: PartnershipKind::DecentralisedCooperation,
            title,
            members,
            projects: Vec::new(),
            themes: vec![Theme::DecentralisedCooperation],
        });
    }

    // Institutional partnerships: a French body and a Moroccan institution, often the pair of
    // an institutional project.
    let institutional: Vec<&ProjectRef> = projects
        .iter()
        .filter(|p| p.pillar == Pillar::InstitutionalCooperation && p.origin == ProjectOrigin::Own)
        .collect();
    let mut guard = 0;
    let mut k = 0;
    while list.len() < DECENTRALISED + INSTITUTIONAL && guard < 1_000 {
        guard += 1;
        let Some(p) = institutional.get(k % institutional.len().max(1)) else {
            break;
        };
        k += 1;
        // An institutional project's participants: funder, SCAC, the French body that
        // carries it out, the Moroccan institution that benefits.
        let french = p.participants.get(2).and_then(|a| ctx.actor(*a)).cloned();
        let moroccan = p.participants.get(3).and_then(|a| ctx.actor(*a)).cloned();
        let (Some(french), Some(moroccan)) = (french, moroccan) else {
            continue;
        };
        if moroccan.country != Country::Ma {
            continue;
        }
        let title = pair_title(&french, &moroccan);
        if !titles.insert(title.clone()) {
            continue;
        }
        list.push(NewPartnership {
            kind: PartnershipKind::Institutional,
            title,
            members: vec![
                (french.id, side_of(&french), None),
                (moroccan.id, Side::Moroccan, None),
            ],
            projects: vec![p.id],
            themes: vec![Theme::AdministrativeCapacity],
        });
    }

    // Network memberships: each invented network and a handful of its members (the demo does
    // not make up the members of real networks): local authorities for networks of towns and
    // elected officials, associations for the others.
    let authorities: Vec<ActorRef> = moroccan_las.iter().chain(&french_las).cloned().collect();
    let communes: Vec<ActorRef> = moroccan_las
        .iter()
        .filter(|a| a.level == Some(LocalAuthorityLevel::MaCommune))
        .cloned()
        .collect();
    for network in ctx.of_kind(ActorKind::Network) {
        if !network.invented {
            continue;
        }
        let title = format!("Membres du réseau : {}", network.name);
        if !titles.insert(title.clone()) {
            continue;
        }
        let pool = if network.name.contains("villes") {
            &communes
        } else if network.name.contains("élus") {
            &authorities
        } else {
            &associations
        };
        let count = 3 + ctx.rng.index(4);
        let mut members = vec![(network.id, side_of(&network), Some("tête de réseau"))];
        for m in ctx.sample(pool, count) {
            members.push((m.id, side_of(&m), Some("membre")));
        }
        list.push(NewPartnership {
            kind: PartnershipKind::NetworkMembership,
            title,
            members,
            projects: Vec::new(),
            themes: vec![Theme::CivilSociety],
        });
    }

    // Memoranda of understanding between any two actors, one of them invented (the demo
    // does not make up agreements between two real institutions), to reach the total.
    let everyone: Vec<ActorRef> = ctx
        .actors
        .iter()
        .filter(|a| a.kind != ActorKind::Consulate)
        .cloned()
        .collect();
    let everyone = require(everyone, "actors")?;
    let mut guard = 0;
    while list.len() < TOTAL && guard < 1_000 {
        guard += 1;
        let a = ctx.rng.pick(&everyone).clone();
        let b = ctx.rng.pick(&everyone).clone();
        // Mostly across the Mediterranean, sometimes between two Moroccan or French actors.
        let same_side = (a.country == Country::Ma) == (b.country == Country::Ma);
        if a.id == b.id || !(a.invented || b.invented) || (same_side && ctx.rng.chance(0.7)) {
            continue;
        }
        let title = format!("Mémorandum d'entente : {} — {}", a.name, b.name);
        if !titles.insert(title.clone()) {
            continue;
        }
        list.push(NewPartnership {
            kind: PartnershipKind::Mou,
            title,
            members: vec![(a.id, side_of(&a), None), (b.id, side_of(&b), None)],
            projects: Vec::new(),
            themes: Vec::new(),
        });
    }
    super::partnership_rows::insert(ctx, list).await
}

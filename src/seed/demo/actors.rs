//! The demo's actors: invented associations in every region, the local authorities that are
//! missing (Moroccan regions, provinces, communes — added as territories too — and French
//! authorities), and a few invented bodies of every other kind, so that each kind has at
//! least five actors once the reference ones are counted.

use std::collections::HashSet;

use chrono::NaiveDate;
use sea_orm::Set;
use serde_json::json;

use super::authorities;
use super::bodies::{self, Invented};
use super::names;
use super::places::{self, TOWNS};
use super::store::{ActorRef, Ctx, Entry, Keys};
use crate::domain::vocabulary::{
    ActivityKind, ActorKind, Country, LocalAuthorityLevel, RecordType, Sensitivity, Theme,
};
use crate::entities::{actor, actor_theme};
use crate::error::{AppError, AppResult};
use crate::search;

/// How many associations the demo invents.
const ASSOCIATIONS: usize = 175;

/// Said of every demo actor, so no one mistakes it for a real organisation.
const FICTIONAL: &str = "Acteur fictif du réseau de démonstration de Partner Hub.";

/// An actor to insert.
#[derive(Debug, Clone)]
pub struct NewActor {
    pub kind: ActorKind,
    pub name_fr: String,
    pub name_ar: Option<String>,
    pub acronym: Option<String>,
    pub country: Country,
    pub seat: Option<i64>,
    pub parent: Option<i64>,
    pub level: Option<LocalAuthorityLevel>,
    pub governed: Option<i64>,
    pub french_region: Option<String>,
    pub city: Option<String>,
    pub iati_org_type: &'static str,
    pub themes: Vec<Theme>,
    pub sensitivity: Sensitivity,
    pub founded_on: Option<NaiveDate>,
}

impl NewActor {
    pub fn new(kind: ActorKind, name_fr: impl Into<String>, iati_org_type: &'static str) -> Self {
        Self {
            kind,
            name_fr: name_fr.into(),
            name_ar: None,
            acronym: None,
            country: Country::Ma,
            seat: None,
            parent: None,
            level: None,
            governed: None,
            french_region: None,
            city: None,
            iati_org_type,
            themes: Vec::new(),
            sensitivity: Sensitivity::Public,
            founded_on: None,
        }
    }
}

/// Inserts the demo's communes and actors, with their themes, circumscriptions and
/// `ACTOR_JOINED` entries.
pub async fn load(ctx: &mut Ctx<'_>) -> AppResult<()> {
    authorities::add_communes(ctx).await?;
    let mut list = Vec::new();
    authorities::local_authorities(ctx, &mut list)?;
    for (kind, org_type, country, entries) in [
        (
            ActorKind::Ministry,
            "10",
            Country::Ma,
            bodies::MINISTRY_UNITS,
        ),
        (
            ActorKind::NationalInstitution,
            "10",
            Country::Ma,
            bodies::NATIONAL_INSTITUTIONS,
        ),
        (
            ActorKind::EmbassyService,
            "10",
            Country::Fr,
            bodies::EMBASSY_SERVICES,
        ),
        (
            ActorKind::DevelopmentAgency,
            "10",
            Country::Other,
            bodies::DEVELOPMENT_AGENCIES,
        ),
        (
            ActorKind::Donor,
            "40",
            Country::International,
            bodies::DONORS,
        ),
        (ActorKind::Network, "23", Country::Ma, bodies::NETWORKS),
        (ActorKind::Academic, "80", Country::Ma, bodies::ACADEMICS),
        (ActorKind::Other, "90", Country::Ma, bodies::OTHERS),
    ] {
        for entry in entries {
            list.push(invented(ctx, kind, org_type, country, entry)?);
        }
    }
    associations(ctx, &mut list)?;
    insert(ctx, list).await
}

fn invented(
    ctx: &mut Ctx<'_>,
    kind: ActorKind,
    org_type: &'static str,
    country: Country,
    entry: &Invented,
) -> AppResult<NewActor> {
    let mut new = NewActor::new(kind, entry.name_fr, org_type);
    new.name_ar = entry.name_ar.map(str::to_owned);
    new.acronym = entry.acronym.map(str::to_owned);
    new.seat = match entry.seat {
        Some(code) => Some(ctx.territory_id(code)?),
        None => None,
    };
    new.parent = match entry.parent {
        Some(acronym) => Some(ctx.acronym(acronym)?),
        None => None,
    };
    // Bodies seated abroad are French, international or foreign; the others Moroccan.
    new.country = match (entry.seat, kind) {
        (_, ActorKind::EmbassyService) => Country::Fr,
        (None, ActorKind::Academic) => Country::Fr,
        (None, ActorKind::Network) => Country::Other,
        (None, _) => country,
        (Some(_), _) => Country::Ma,
    };
    new.themes = entry.themes.to_vec();
    new.sensitivity = ctx.sensitivity(85, 15);
    Ok(new)
}

/// Associations named `<head> <cause> de <town>`, in French and Arabic: one in each town
/// first (so every region and circumscription has some), then more in the larger ones.
fn associations(ctx: &mut Ctx<'_>, list: &mut Vec<NewActor>) -> AppResult<()> {
    let mut used: HashSet<String> = ctx.actors.iter().map(|a| a.name.clone()).collect();
    used.extend(list.iter().map(|n| n.name_fr.clone()));
    let mut made = 0;
    let mut attempts = 0;
    while made < ASSOCIATIONS {
        attempts += 1;
        if attempts > ASSOCIATIONS * 20 {
            return Err(AppError::internal("demo: ran out of association names"));
        }
        let town = if made < TOWNS.len() {
            TOWNS[made]
        } else if ctx.rng.chance(0.5) {
            // Half in the big towns, where associations are most numerous.
            let name: &&str = ctx.rng.pick(places::BIG_TOWNS);
            authorities::town_named(name)?
        } else {
            *ctx.rng.pick(TOWNS)
        };
        let (head_fr, head_ar) = *ctx.rng.pick(names::ASSOCIATION_HEADS);
        let (cause_fr, cause_ar, themes) = *ctx.rng.pick(names::ASSOCIATION_CAUSES);
        // Not "Initiative Initiatives Locales".
        let stem: String = head_fr.chars().take(6).collect();
        if cause_fr.starts_with(&stem) {
            continue;
        }
        let name_fr = format!("{head_fr} {cause_fr} {}", places::de(town.fr));
        if !used.insert(name_fr.clone()) {
            continue;
        }
        let mut new = NewActor::new(ActorKind::Association, name_fr, "22");
        new.name_ar = Some(format!("{head_ar} {cause_ar} ب{}", town.ar));
        new.seat = Some(authorities::town_seat(ctx, &town)?);
        new.city = None;
        new.themes = themes.to_vec();
        if ctx.rng.chance(0.5) {
            new.themes.push(Theme::CivilSociety);
        }
        new.sensitivity = ctx.sensitivity(80, 15);
        let from = NaiveDate::from_ymd_opt(1996, 1, 1);
        let to = NaiveDate::from_ymd_opt(2022, 12, 31);
        if let (Some(from), Some(to)) = (from, to) {
            new.founded_on = Some(ctx.day_between(from, to));
        }
        if ctx.rng.chance(0.3) {
            new.acronym = Some(acronym(&new.name_fr));
        }
        list.push(new);
        made += 1;
    }
    Ok(())
}

/// The initials of the significant words: "Association Horizons Citoyens de Tiznit" → AHCT.
fn acronym(name: &str) -> String {
    name.split([' ', '\'', '-'])
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

async fn insert(ctx: &mut Ctx<'_>, mut list: Vec<NewActor>) -> AppResult<()> {
    for n in &mut list {
        n.themes.sort_by_key(|t| t.as_str());
        n.themes.dedup();
    }
    let mut rows = Vec::with_capacity(list.len());
    let mut labels = Vec::with_capacity(list.len());
    for (i, n) in list.iter().enumerate() {
        let key = search::search_key([
            n.name_fr.as_str(),
            n.name_ar.as_deref().unwrap_or_default(),
            n.acronym.as_deref().unwrap_or_default(),
        ]);
        let website = ctx
            .rng
            .chance(0.6)
            .then(|| format!("https://{}.example.org", places::slug(&n.name_fr)));
        let registration =
            (n.kind == ActorKind::Association).then(|| format!("DEMO-{:05}", 10_000 + i * 7));
        // Two associations wound up: archived, as actors are never deleted.
        let archived = (n.kind == ActorKind::Association && i % 97 == 13).then_some(ctx.now);
        rows.push(actor::ActiveModel {
            kind: Set(n.kind),
            name_fr: Set(n.name_fr.clone()),
            name_ar: Set(n.name_ar.clone()),
            name_en: Set(None),
            acronym: Set(n.acronym.clone()),
            aliases: Set(None),
            country: Set(n.country),
            seat_territory_id: Set(n.seat),
            parent_id: Set(n.parent),
            website: Set(website),
            description_fr: Set(Some(FICTIONAL.to_owned())),
            description_ar: Set(None),
            description_en: Set(Some(
                "A fictional actor of the Partner Hub demo network.".to_owned(),
            )),
            iati_ref: Set(None),
            iati_org_type: Set(Some(n.iati_org_type.to_owned())),
            sensitivity: Set(n.sensitivity),
            search_key: Set(key),
            registration_number: Set(registration),
            founded_on: Set(n.founded_on),
            local_authority_level: Set(n.level),
            governed_territory_id: Set(n.governed),
            french_region: Set(n.french_region.clone()),
            city: Set(n.city.clone()),
            site_kind: Set(None),
            circumscription_id: Set(None),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            archived_at: Set(archived),
            ..Default::default()
        });
        labels.push(n.name_fr.clone());
    }
    let ids = ctx
        .insert_ids(
            rows,
            &labels,
            Keys::<actor::Entity> {
                id: actor::Column::Id,
                author: actor::Column::CreatedBy,
                label: actor::Column::NameFr,
            },
        )
        .await?;
    let mut themes = Vec::new();
    for (id, n) in ids.iter().zip(list) {
        let seat: Vec<i64> = n.seat.into_iter().collect();
        let circs = ctx.scope(RecordType::Actor, *id, &seat);
        for theme in &n.themes {
            themes.push(actor_theme::ActiveModel {
                actor_id: Set(*id),
                theme: Set(*theme),
            });
        }
        ctx.log(Entry {
            kind: ActivityKind::ActorJoined,
            subject: RecordType::Actor,
            subject_id: *id,
            sensitivity: n.sensitivity,
            actors: vec![*id],
            territories: seat,
            circumscriptions: circs,
            details: json!({ "source": "demo", "actorKind": n.kind }),
        });
        ctx.add_actor(ActorRef {
            id: *id,
            kind: n.kind,
            country: n.country,
            seat: n.seat,
            name: n.name_fr,
            acronym: n.acronym,
            level: n.level,
            sensitivity: n.sensitivity,
            invented: !matches!(
                n.kind,
                ActorKind::MoroccanLocalAuthority
                    | ActorKind::FrenchLocalAuthority
                    | ActorKind::EmbassyService
            ),
        });
    }
    ctx.report.actors = ids.len();
    ctx.insert(themes).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn acronyms_take_the_capitalised_words() {
        assert_eq!(
            super::acronym("Association Horizons Citoyens de Tiznit"),
            "AHCT"
        );
        assert_eq!(super::acronym("Forum Terre d'Accueil d'Oujda"), "FTAO");
    }
}

//! The local authorities the reference data lacks: every Moroccan regional council, some
//! province and prefecture councils, communes — added as territories below their province,
//! as the reference data does for the communes it needs — and French authorities (public
//! bodies, under their real names).

use std::collections::HashSet;

use sea_orm::Set;

use super::actors::NewActor;
use super::places::{self, TOWNS, Town};
use super::store::Ctx;
use crate::domain::vocabulary::{ActorKind, Country, LocalAuthorityLevel, TerritoryLevel, Theme};
use crate::entities::territory;
use crate::error::{AppError, AppResult};
use crate::search;

/// The communes of `places::COMMUNES`, as territories below their province.
pub async fn add_communes(ctx: &mut Ctx<'_>) -> AppResult<()> {
    let mut rows = Vec::new();
    let mut codes = Vec::new();
    for name in places::COMMUNES {
        let town = town_named(name)?;
        let code = places::commune_code(town.province, town.fr);
        if ctx.has_territory(&code) || codes.contains(&code) {
            continue;
        }
        let parent = ctx.territory_id(town.province)?;
        rows.push(territory::ActiveModel {
            code: Set(code.clone()),
            level: Set(TerritoryLevel::Commune),
            parent_id: Set(Some(parent)),
            name_fr: Set(town.fr.to_owned()),
            name_ar: Set(Some(town.ar.to_owned())),
            name_en: Set(None),
            seat: Set(None),
            search_key: Set(search::search_key([town.fr, town.ar, code.as_str()])),
            version: Set(1),
            created_at: Set(ctx.now),
            created_by: Set(ctx.author()),
            updated_at: Set(ctx.now),
            updated_by: Set(ctx.author()),
            ..Default::default()
        });
        codes.push(code);
    }
    ctx.report.territories = rows.len();
    ctx.insert(rows).await?;
    ctx.reload_territories().await
}

pub fn town_named(name: &str) -> AppResult<Town> {
    TOWNS
        .iter()
        .find(|t| t.fr == name)
        .copied()
        .ok_or_else(|| AppError::internal(format!("demo: unknown town {name}")))
}

/// Where an actor of `town` sits: its commune when the demo added it, else its province.
pub fn town_seat(ctx: &Ctx<'_>, town: &Town) -> AppResult<i64> {
    let commune = places::commune_code(town.province, town.fr);
    if ctx.has_territory(&commune) {
        ctx.territory_id(&commune)
    } else {
        ctx.territory_id(town.province)
    }
}

pub fn local_authorities(ctx: &mut Ctx<'_>, list: &mut Vec<NewActor>) -> AppResult<()> {
    let existing: HashSet<String> = ctx.actors.iter().map(|a| a.name.clone()).collect();
    let governed_regions: HashSet<i64> = ctx
        .of_kind(ActorKind::MoroccanLocalAuthority)
        .iter()
        .filter(|a| a.level == Some(LocalAuthorityLevel::MaRegion))
        .filter_map(|a| a.seat)
        .collect();
    // The regional councils the reference data lacks.
    for region in ctx.territories_of_level(TerritoryLevel::Region) {
        if governed_regions.contains(&region.id) {
            continue;
        }
        let mut new = NewActor::new(
            ActorKind::MoroccanLocalAuthority,
            format!("Région {}", region.name_fr),
            "11",
        );
        new.name_ar = region.name_ar.clone();
        new.level = Some(LocalAuthorityLevel::MaRegion);
        new.seat = Some(region.id);
        new.governed = Some(region.id);
        new.themes = vec![Theme::Decentralisation, Theme::DecentralisedCooperation];
        list.push(new);
    }
    for (name_fr, name_ar, code) in places::PROVINCE_COUNCILS {
        let id = ctx.territory_id(code)?;
        let mut new = NewActor::new(ActorKind::MoroccanLocalAuthority, *name_fr, "11");
        new.name_ar = Some((*name_ar).to_owned());
        new.level = Some(LocalAuthorityLevel::MaPrefectureProvince);
        new.seat = Some(id);
        new.governed = Some(id);
        new.themes = vec![Theme::Decentralisation];
        list.push(new);
    }
    for name in places::COMMUNES {
        let town = town_named(name)?;
        let id = ctx.territory_id(&places::commune_code(town.province, town.fr))?;
        let mut new = NewActor::new(
            ActorKind::MoroccanLocalAuthority,
            format!("Commune {}", places::de(town.fr)),
            "11",
        );
        new.name_ar = Some(format!("جماعة {}", town.ar));
        new.level = Some(LocalAuthorityLevel::MaCommune);
        new.seat = Some(id);
        new.governed = Some(id);
        new.city = Some(town.fr.to_owned());
        new.themes = vec![Theme::Decentralisation, Theme::CitizenParticipation];
        list.push(new);
    }
    for (name, level, region) in places::FRENCH_AUTHORITIES {
        let level: LocalAuthorityLevel = level
            .parse()
            .map_err(|e| AppError::internal(format!("demo: {e}")))?;
        let mut new = NewActor::new(ActorKind::FrenchLocalAuthority, *name, "11");
        new.country = Country::Fr;
        new.level = Some(level);
        new.french_region = Some((*region).to_owned());
        new.themes = vec![Theme::DecentralisedCooperation];
        list.push(new);
    }
    list.retain(|n| !existing.contains(&n.name_fr));
    Ok(())
}

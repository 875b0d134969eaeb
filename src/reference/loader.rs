//! Inserting the missing reference records, in dependency order.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};

use super::LoadReport;
use super::csv_rows::{self as rows, non_empty, parse, parse_list};
use crate::domain::vocabulary::{
    ActorKind, AgreementKind, CoverageConfidence, Currency, DatePrecision, Instrument,
    LocalAuthorityLevel, PartnershipKind, PartnershipStatus, RecordType, Sensitivity, Side,
    TerritoryLevel, Theme,
};
use crate::entities::{
    actor, actor_theme, agreement, call, call_theme, circumscription, circumscription_coverage,
    fund, partnership, partnership_member, partnership_theme, territory,
};
use crate::error::{AppError, AppResult};
use crate::search;
use crate::services::scope;

/// Recorded as the author of reference records.
const AUTHOR: &str = "reference-data";

/// The joint Franco-Moroccan fund for decentralised cooperation, as in our reference case.
pub const JOINT_FUND_NAME: &str =
    "Fonds conjoint franco-marocain de soutien à la coopération décentralisée";
const JOINT_FUND_ENVELOPE_MINOR: i64 = 180_000_000; // EUR 1,800,000.00

pub struct Loader<'a> {
    txn: &'a DatabaseTransaction,
    report: LoadReport,
    territories: HashMap<String, i64>,
    circumscriptions: HashMap<String, i64>,
    /// Actors by (kind, French name).
    actors: HashMap<(ActorKind, String), i64>,
    /// Actors by acronym (institutions).
    acronyms: HashMap<String, i64>,
}

impl<'a> Loader<'a> {
    pub fn new(txn: &'a DatabaseTransaction) -> Self {
        Self {
            txn,
            report: LoadReport::default(),
            territories: HashMap::new(),
            circumscriptions: HashMap::new(),
            actors: HashMap::new(),
            acronyms: HashMap::new(),
        }
    }

    pub async fn run(mut self) -> AppResult<LoadReport> {
        self.territories().await?;
        self.circumscriptions().await?;
        self.coverage().await?;
        self.existing_actors().await?;
        self.institutions().await?;
        self.consulates().await?;
        self.institut_sites().await?;
        self.local_authorities().await?;
        self.partnerships().await?;
        let fund_id = self.joint_fund().await?;
        self.calls(fund_id).await?;
        Ok(self.report)
    }

    fn territory(&self, code: &str) -> AppResult<i64> {
        self.territories.get(code).copied().ok_or_else(|| {
            AppError::internal(format!("reference data names unknown territory {code}"))
        })
    }

    async fn territories(&mut self) -> AppResult<()> {
        self.territories = territory::Entity::find()
            .all(self.txn)
            .await?
            .into_iter()
            .map(|t| (t.code, t.id))
            .collect();
        // Parents come before their children in the file.
        for row in rows::rows::<rows::TerritoryRow>("territories.csv", rows::TERRITORIES)? {
            if self.territories.contains_key(&row.code) {
                continue;
            }
            let parent_id = match non_empty(&row.parent_code) {
                Some(code) => Some(self.territory(&code)?),
                None => None,
            };
            let level: TerritoryLevel = parse("territories.csv", &row.level)?;
            let id = self
                .insert_territory(
                    &row.code,
                    level,
                    parent_id,
                    &row.name_fr,
                    non_empty(&row.name_ar),
                    non_empty(&row.seat),
                )
                .await?;
            self.territories.insert(row.code, id);
        }
        Ok(())
    }

    async fn insert_territory(
        &mut self,
        code: &str,
        level: TerritoryLevel,
        parent_id: Option<i64>,
        name_fr: &str,
        name_ar: Option<String>,
        seat: Option<String>,
    ) -> AppResult<i64> {
        let now = Utc::now();
        let key = search::search_key([name_fr, name_ar.as_deref().unwrap_or_default(), code]);
        let model = territory::ActiveModel {
            code: Set(code.to_owned()),
            level: Set(level),
            parent_id: Set(parent_id),
            name_fr: Set(name_fr.to_owned()),
            name_ar: Set(name_ar),
            name_en: Set(None),
            seat: Set(seat),
            search_key: Set(key),
            version: Set(1),
            created_at: Set(now),
            created_by: Set(Some(AUTHOR.to_owned())),
            updated_at: Set(now),
            updated_by: Set(Some(AUTHOR.to_owned())),
            ..Default::default()
        };
        let id = model.insert(self.txn).await?.id;
        self.report.territories += 1;
        Ok(id)
    }

    async fn circumscriptions(&mut self) -> AppResult<()> {
        self.circumscriptions = circumscription::Entity::find()
            .all(self.txn)
            .await?
            .into_iter()
            .map(|c| (c.code, c.id))
            .collect();
        for row in
            rows::rows::<rows::CircumscriptionRow>("circumscriptions.csv", rows::CIRCUMSCRIPTIONS)?
        {
            if self.circumscriptions.contains_key(&row.code) {
                continue;
            }
            let now = Utc::now();
            let model = circumscription::ActiveModel {
                code: Set(row.code.clone()),
                name_fr: Set(row.name_fr),
                name_ar: Set(None),
                name_en: Set(None),
                consulate_city: Set(row.consulate_city),
                post_kind: Set(parse("circumscriptions.csv", &row.post_kind)?),
                version: Set(1),
                created_at: Set(now),
                created_by: Set(Some(AUTHOR.to_owned())),
                updated_at: Set(now),
                updated_by: Set(Some(AUTHOR.to_owned())),
                ..Default::default()
            };
            let id = model.insert(self.txn).await?.id;
            self.circumscriptions.insert(row.code, id);
            self.report.circumscriptions += 1;
        }
        Ok(())
    }

    fn circumscription(&self, code: &str) -> AppResult<i64> {
        self.circumscriptions.get(code).copied().ok_or_else(|| {
            AppError::internal(format!(
                "reference data names unknown circumscription {code}"
            ))
        })
    }

    async fn coverage(&mut self) -> AppResult<()> {
        let existing: Vec<(i64, i64)> = circumscription_coverage::Entity::find()
            .select_only()
            .column(circumscription_coverage::Column::CircumscriptionId)
            .column(circumscription_coverage::Column::TerritoryId)
            .into_tuple()
            .all(self.txn)
            .await?;
        for row in rows::rows::<rows::CoverageRow>("coverage.csv", rows::COVERAGE)? {
            let circ = self.circumscription(&row.circumscription_code)?;
            let territory = self.territory(&row.territory_code)?;
            if existing.contains(&(circ, territory)) {
                continue;
            }
            let confidence: CoverageConfidence = parse("coverage.csv", &row.confidence)?;
            circumscription_coverage::ActiveModel {
                circumscription_id: Set(circ),
                territory_id: Set(territory),
                confidence: Set(confidence),
                valid_from: Set(None),
                valid_to: Set(None),
                evidence: Set(non_empty(&row.evidence)),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            self.report.coverage += 1;
        }
        Ok(())
    }

    async fn existing_actors(&mut self) -> AppResult<()> {
        for a in actor::Entity::find().all(self.txn).await? {
            if let Some(acronym) = &a.acronym {
                self.acronyms.insert(acronym.clone(), a.id);
            }
            self.actors.insert((a.kind, a.name_fr.clone()), a.id);
        }
        Ok(())
    }

    /// Inserts an actor unless one of the same kind and French name exists; returns its id.
    async fn actor(&mut self, new: NewActor) -> AppResult<i64> {
        if let Some(id) = self.actors.get(&(new.kind, new.name_fr.clone())) {
            return Ok(*id);
        }
        let now = Utc::now();
        let key = search::search_key(
            [
                new.name_fr.as_str(),
                new.name_ar.as_deref().unwrap_or_default(),
                new.acronym.as_deref().unwrap_or_default(),
            ]
            .into_iter()
            .chain(new.aliases.as_deref().unwrap_or_default().split(';')),
        );
        let model = actor::ActiveModel {
            kind: Set(new.kind),
            name_fr: Set(new.name_fr.clone()),
            name_ar: Set(new.name_ar),
            name_en: Set(None),
            acronym: Set(new.acronym.clone()),
            aliases: Set(new.aliases),
            country: Set(new.country),
            seat_territory_id: Set(new.seat),
            parent_id: Set(new.parent),
            description_fr: Set(new.description),
            local_authority_level: Set(new.level),
            governed_territory_id: Set(new.governed),
            city: Set(new.city),
            site_kind: Set(new.site_kind),
            circumscription_id: Set(new.circumscription),
            sensitivity: Set(Sensitivity::Public),
            search_key: Set(key),
            version: Set(1),
            created_at: Set(now),
            created_by: Set(Some(AUTHOR.to_owned())),
            updated_at: Set(now),
            updated_by: Set(Some(AUTHOR.to_owned())),
            ..Default::default()
        };
        let id = model.insert(self.txn).await?.id;
        if let Some(seat) = new.seat {
            let circs = scope::circumscriptions_of(self.txn, &[seat]).await?;
            scope::set_record_circumscriptions(self.txn, RecordType::Actor, id, &circs).await?;
        }
        for theme in new.themes {
            actor_theme::ActiveModel {
                actor_id: Set(id),
                theme: Set(theme),
            }
            .insert(self.txn)
            .await?;
        }
        self.actors.insert((new.kind, new.name_fr), id);
        if let Some(acronym) = new.acronym {
            self.acronyms.insert(acronym, id);
        }
        self.report.actors += 1;
        Ok(id)
    }

    async fn institutions(&mut self) -> AppResult<()> {
        for row in rows::rows::<rows::InstitutionRow>("institutions.csv", rows::INSTITUTIONS)? {
            let parent = match non_empty(&row.parent_acronym) {
                Some(acronym) => Some(*self.acronyms.get(&acronym).ok_or_else(|| {
                    AppError::internal(format!("institutions.csv: unknown parent {acronym}"))
                })?),
                None => None,
            };
            let seat = match non_empty(&row.seat_territory) {
                Some(code) => Some(self.territory(&code)?),
                None => None,
            };
            self.actor(NewActor {
                kind: parse("institutions.csv", &row.kind)?,
                name_fr: row.name_fr,
                name_ar: non_empty(&row.name_ar),
                acronym: non_empty(&row.acronym),
                aliases: non_empty(&row.aliases),
                country: parse("institutions.csv", &row.country)?,
                seat,
                parent,
                description: non_empty(&row.note),
                ..NewActor::default()
            })
            .await?;
        }
        Ok(())
    }

    async fn consulates(&mut self) -> AppResult<()> {
        let meae = self.acronyms.get("MEAE").copied();
        for row in rows::rows::<rows::ConsulateRow>("consulates.csv", rows::CONSULATES)? {
            let circumscription = self.circumscription(&row.circumscription_code)?;
            let seat = self.territory(&row.territory_code)?;
            self.actor(NewActor {
                kind: ActorKind::Consulate,
                name_fr: row.name_fr,
                country: crate::domain::vocabulary::Country::Fr,
                seat: Some(seat),
                parent: meae,
                circumscription: Some(circumscription),
                ..NewActor::default()
            })
            .await?;
        }
        Ok(())
    }

    async fn institut_sites(&mut self) -> AppResult<()> {
        let ifm = self.acronyms.get("IFM").copied();
        for row in rows::rows::<rows::InstitutSiteRow>(
            "institut-francais-sites.csv",
            rows::INSTITUT_SITES,
        )? {
            let seat = self.territory(&row.territory_code)?;
            self.actor(NewActor {
                kind: ActorKind::InstitutFrancais,
                name_fr: row.name_fr,
                country: crate::domain::vocabulary::Country::Fr,
                seat: Some(seat),
                parent: ifm,
                city: Some(row.city),
                site_kind: Some(parse("institut-francais-sites.csv", &row.site_kind)?),
                description: non_empty(&row.note),
                ..NewActor::default()
            })
            .await?;
        }
        Ok(())
    }

    async fn local_authorities(&mut self) -> AppResult<()> {
        for row in
            rows::rows::<rows::LocalAuthorityRow>("local-authorities.csv", rows::LOCAL_AUTHORITIES)?
        {
            let kind: ActorKind = parse("local-authorities.csv", &row.kind)?;
            let level: Option<LocalAuthorityLevel> = match non_empty(&row.level) {
                Some(level) => Some(parse("local-authorities.csv", &level)?),
                None => None,
            };
            // A commune is added below its prefecture as the actor needs it.
            let governed = match (non_empty(&row.commune_code), non_empty(&row.territory_code)) {
                (Some(commune), Some(parent)) => Some(match self.territories.get(&commune) {
                    Some(id) => *id,
                    None => {
                        let parent_id = self.territory(&parent)?;
                        let name = commune_name(&row.name_fr);
                        let id = self
                            .insert_territory(
                                &commune,
                                TerritoryLevel::Commune,
                                Some(parent_id),
                                &name,
                                None,
                                None,
                            )
                            .await?;
                        self.territories.insert(commune.clone(), id);
                        id
                    }
                }),
                (None, Some(code)) => Some(self.territory(&code)?),
                _ => None,
            };
            self.actor(NewActor {
                kind,
                name_fr: row.name_fr,
                country: parse("local-authorities.csv", &row.country)?,
                seat: governed,
                level,
                governed: if kind == ActorKind::MoroccanLocalAuthority {
                    governed
                } else {
                    None
                },
                ..NewActor::default()
            })
            .await?;
        }
        Ok(())
    }

    /// An actor of the partnerships file, found by French name whatever its kind.
    fn actor_named(&self, name: &str) -> AppResult<(i64, ActorKind)> {
        self.actors
            .iter()
            .find(|((_, n), _)| n == name)
            .map(|((kind, _), id)| (*id, *kind))
            .ok_or_else(|| {
                AppError::internal(format!(
                    "decentralised-partnerships.csv: unknown party {name}"
                ))
            })
    }

    async fn partnerships(&mut self) -> AppResult<()> {
        let existing: Vec<String> = partnership::Entity::find()
            .select_only()
            .column(partnership::Column::TitleFr)
            .into_tuple()
            .all(self.txn)
            .await?;
        for row in rows::rows::<rows::PartnershipRow>(
            "decentralised-partnerships.csv",
            rows::PARTNERSHIPS,
        )? {
            let title = format!("{} — {}", row.french_party, row.moroccan_party);
            if existing.contains(&title) {
                continue;
            }
            let (french, _) = self.actor_named(&row.french_party)?;
            let (moroccan, _) = self.actor_named(&row.moroccan_party)?;
            let (since, precision) = parse_partial_date(&row.since)?;
            let now = Utc::now();
            let themes: Vec<Theme> =
                parse_list("decentralised-partnerships.csv", &row.theme_codes)?;
            let description = non_empty(&row.themes_text).map(|t| format!("Thèmes : {t}"));
            let key = search::search_key([title.as_str()]);
            let id = partnership::ActiveModel {
                kind: Set(PartnershipKind::DecentralisedCooperation),
                title_fr: Set(title.clone()),
                title_ar: Set(None),
                title_en: Set(None),
                description_fr: Set(description),
                status: Set(parse::<PartnershipStatus>(
                    "decentralised-partnerships.csv",
                    &row.status,
                )?),
                valid_from: Set(Some(since)),
                valid_from_precision: Set(Some(precision)),
                valid_to: Set(None),
                valid_to_precision: Set(None),
                source: Set(non_empty(&row.evidence)),
                asserted_by: Set(Some("public sources (reference data)".to_owned())),
                sensitivity: Set(Sensitivity::Public),
                search_key: Set(key),
                version: Set(1),
                created_at: Set(now),
                created_by: Set(Some(AUTHOR.to_owned())),
                updated_at: Set(now),
                updated_by: Set(Some(AUTHOR.to_owned())),
                ..Default::default()
            }
            .insert(self.txn)
            .await?
            .id;
            for (actor_id, side) in [(french, Side::French), (moroccan, Side::Moroccan)] {
                partnership_member::ActiveModel {
                    partnership_id: Set(id),
                    actor_id: Set(actor_id),
                    side: Set(side),
                    role: Set(None),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
            for theme in themes {
                partnership_theme::ActiveModel {
                    partnership_id: Set(id),
                    theme: Set(theme),
                }
                .insert(self.txn)
                .await?;
            }
            if let Some(kind) = non_empty(&row.agreement_kind) {
                let kind: AgreementKind = parse("decentralised-partnerships.csv", &kind)?;
                agreement::ActiveModel {
                    partnership_id: Set(id),
                    kind: Set(kind),
                    title: Set(None),
                    signed_on: Set(Some(since)),
                    signed_on_precision: Set(Some(precision)),
                    period_start: Set(None),
                    period_end: Set(None),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
            }
            // A partnership belongs to the circumscriptions of its members' seats.
            let seats: Vec<i64> = actor::Entity::find()
                .filter(actor::Column::Id.is_in([french, moroccan]))
                .all(self.txn)
                .await?
                .into_iter()
                .filter_map(|a| a.seat_territory_id)
                .collect();
            let circs = scope::circumscriptions_of(self.txn, &seats).await?;
            scope::set_record_circumscriptions(self.txn, RecordType::Partnership, id, &circs)
                .await?;
            self.report.partnerships += 1;
        }
        Ok(())
    }

    async fn joint_fund(&mut self) -> AppResult<i64> {
        if let Some(existing) = fund::Entity::find()
            .filter(fund::Column::NameFr.eq(JOINT_FUND_NAME))
            .one(self.txn)
            .await?
        {
            return Ok(existing.id);
        }
        let now = Utc::now();
        let id = fund::ActiveModel {
            name_fr: Set(JOINT_FUND_NAME.to_owned()),
            name_ar: Set(None),
            name_en: Set(Some(
                "Joint Franco-Moroccan fund for decentralised cooperation".to_owned(),
            )),
            currency: Set(Currency::Eur),
            envelope_minor: Set(JOINT_FUND_ENVELOPE_MINOR),
            committed_minor: Set(0),
            period_start: Set(None),
            period_end: Set(None),
            sensitivity: Set(Sensitivity::Public),
            version: Set(1),
            created_at: Set(now),
            created_by: Set(Some(AUTHOR.to_owned())),
            updated_at: Set(now),
            updated_by: Set(Some(AUTHOR.to_owned())),
            ..Default::default()
        }
        .insert(self.txn)
        .await?
        .id;
        self.report.funds += 1;
        Ok(id)
    }

    async fn calls(&mut self, joint_fund: i64) -> AppResult<()> {
        let existing: Vec<(i32, String)> = call::Entity::find()
            .select_only()
            .column(call::Column::Year)
            .column(call::Column::TitleFr)
            .into_tuple()
            .all(self.txn)
            .await?;
        for row in rows::rows::<rows::CallRow>("calls-for-proposals.csv", rows::CALLS)? {
            if existing.contains(&(row.year, row.title_fr.clone())) {
                continue;
            }
            let instrument: Instrument = parse("calls-for-proposals.csv", &row.instrument)?;
            let themes: Vec<Theme> = parse_list("calls-for-proposals.csv", &row.theme_codes)?;
            let now = Utc::now();
            let key = search::search_key([row.title_fr.as_str()]);
            let id = call::ActiveModel {
                title_fr: Set(row.title_fr),
                title_ar: Set(None),
                title_en: Set(None),
                description_fr: Set(non_empty(&row.facts)),
                year: Set(row.year),
                instrument: Set(instrument),
                audience: Set(non_empty(&row.audience)),
                budget_minor: Set(None),
                budget_currency: Set(None),
                opens_on: Set(None),
                closes_on: Set(None),
                fund_id: Set(
                    (instrument == Instrument::JointDecentralisedFund).then_some(joint_fund)
                ),
                sensitivity: Set(Sensitivity::Public),
                search_key: Set(key),
                version: Set(1),
                created_at: Set(now),
                created_by: Set(Some(AUTHOR.to_owned())),
                updated_at: Set(now),
                updated_by: Set(Some(AUTHOR.to_owned())),
                ..Default::default()
            }
            .insert(self.txn)
            .await?
            .id;
            for theme in themes {
                call_theme::ActiveModel {
                    call_id: Set(id),
                    theme: Set(theme),
                }
                .insert(self.txn)
                .await?;
            }
            self.report.calls += 1;
        }
        Ok(())
    }
}

/// What the loader knows of an actor to insert.
#[derive(Debug)]
struct NewActor {
    kind: ActorKind,
    name_fr: String,
    name_ar: Option<String>,
    acronym: Option<String>,
    aliases: Option<String>,
    country: crate::domain::vocabulary::Country,
    seat: Option<i64>,
    parent: Option<i64>,
    description: Option<String>,
    level: Option<LocalAuthorityLevel>,
    governed: Option<i64>,
    city: Option<String>,
    site_kind: Option<crate::domain::vocabulary::InstituteSiteKind>,
    circumscription: Option<i64>,
    themes: Vec<Theme>,
}

impl Default for NewActor {
    fn default() -> Self {
        Self {
            kind: ActorKind::Other,
            name_fr: String::new(),
            name_ar: None,
            acronym: None,
            aliases: None,
            country: crate::domain::vocabulary::Country::Ma,
            seat: None,
            parent: None,
            description: None,
            level: None,
            governed: None,
            city: None,
            site_kind: None,
            circumscription: None,
            themes: Vec::new(),
        }
    }
}

/// "Commune de Casablanca" → "Casablanca"; "Commune d'Oujda" → "Oujda".
fn commune_name(actor_name: &str) -> String {
    actor_name
        .strip_prefix("Commune de ")
        .or_else(|| actor_name.strip_prefix("Commune d'"))
        .unwrap_or(actor_name)
        .to_owned()
}

/// "2002" → 2002-01-01 (YEAR); "2016-04" → (MONTH); "2016-04-20" → (DAY).
pub fn parse_partial_date(text: &str) -> AppResult<(NaiveDate, DatePrecision)> {
    let text = text.trim();
    let bad = || AppError::internal(format!("reference data: `{text}` is not a date"));
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
    let (year, month, day, precision) = match parts.as_slice() {
        [y] => (number(y)?, 1, 1, DatePrecision::Year),
        [y, m] => (number(y)?, number(m)?, 1, DatePrecision::Month),
        [y, m, d] => (number(y)?, number(m)?, number(d)?, DatePrecision::Day),
        _ => return Err(bad()),
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .map(|d| (d, precision))
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_keep_their_precision() {
        let (date, precision) = parse_partial_date("2002").unwrap();
        assert_eq!(
            (date.to_string().as_str(), precision),
            ("2002-01-01", DatePrecision::Year)
        );
        let (date, precision) = parse_partial_date("2016-04-20").unwrap();
        assert_eq!(
            (date.to_string().as_str(), precision),
            ("2016-04-20", DatePrecision::Day)
        );
        assert!(parse_partial_date("2016-13").is_err());
        assert!(parse_partial_date("since 2002").is_err());
    }

    #[test]
    fn commune_names_drop_their_prefix() {
        assert_eq!(commune_name("Commune de Casablanca"), "Casablanca");
        assert_eq!(commune_name("Commune d'Oujda"), "Oujda");
    }
}

//! How a place is said in a title, in three languages: "à Tiznit" / "في تيزنيت" / "in Tiznit",
//! "dans la province d'Azilal", "dans la région de l'Oriental".

use super::places::{self, TOWNS};
use super::store::TerritoryRef;
use crate::domain::vocabulary::TerritoryLevel;

/// A place as the titles say it, in three languages.
#[derive(Debug, Clone)]
pub struct PlacePhrase {
    pub fr: String,
    pub ar: String,
    pub en: String,
}

impl PlacePhrase {
    /// "à Tiznit" / "في تيزنيت" / "in Tiznit".
    pub fn town(fr: &str, ar: &str) -> Self {
        Self {
            fr: format!("à {fr}"),
            ar: format!("في {ar}"),
            en: format!("in {fr}"),
        }
    }

    /// "dans la province de Tiznit" / "في إقليم تيزنيت" / "in Tiznit province".
    pub fn province(fr: &str, ar: &str, prefecture: bool) -> Self {
        let (word_fr, word_ar, word_en) = if prefecture {
            ("préfecture", "عمالة", "prefecture")
        } else {
            ("province", "إقليم", "province")
        };
        Self {
            fr: format!("dans la {word_fr} {}", places::de(fr)),
            ar: format!("في {word_ar} {ar}"),
            en: format!("in {fr} {word_en}"),
        }
    }

    /// "dans la région Souss-Massa" / "في جهة سوس ماسة" / "in the Souss-Massa region"
    /// (the Arabic name of a region already says "region").
    pub fn region(fr: &str, ar: &str) -> Self {
        let bare = fr.strip_prefix("L'").unwrap_or(fr);
        let fr_phrase = if fr.starts_with("L'") {
            format!("dans la région de l'{bare}")
        } else {
            format!("dans la région {fr}")
        };
        Self {
            fr: fr_phrase,
            ar: format!("في {ar}"),
            en: format!("in the {bare} region"),
        }
    }
}

/// How a territory is said in a title.
pub fn phrase_of(territory: &TerritoryRef) -> PlacePhrase {
    // Twenty provinces and the reference communes have no Arabic name: take the town's.
    let arabic = territory.name_ar.clone().unwrap_or_else(|| {
        TOWNS
            .iter()
            .find(|t| t.fr == territory.name_fr)
            .or_else(|| TOWNS.iter().find(|t| t.province == territory.code))
            .map_or_else(|| territory.name_fr.clone(), |t| t.ar.to_owned())
    });
    match territory.level {
        TerritoryLevel::Commune => PlacePhrase::town(&territory.name_fr, &arabic),
        TerritoryLevel::Region => PlacePhrase::region(&territory.name_fr, &arabic),
        level => PlacePhrase::province(
            &territory.name_fr,
            &arabic,
            level == TerritoryLevel::Prefecture,
        ),
    }
}

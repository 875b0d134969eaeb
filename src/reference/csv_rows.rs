//! The embedded CSV files and their row types.

use serde::Deserialize;

use crate::error::{AppError, AppResult};

pub const TERRITORIES: &str = include_str!("../../data/reference/territories.csv");
pub const CIRCUMSCRIPTIONS: &str = include_str!("../../data/reference/circumscriptions.csv");
pub const COVERAGE: &str = include_str!("../../data/reference/coverage.csv");
pub const CONSULATES: &str = include_str!("../../data/reference/consulates.csv");
pub const INSTITUTIONS: &str = include_str!("../../data/reference/institutions.csv");
pub const INSTITUT_SITES: &str = include_str!("../../data/reference/institut-francais-sites.csv");
pub const LOCAL_AUTHORITIES: &str = include_str!("../../data/reference/local-authorities.csv");
pub const PARTNERSHIPS: &str = include_str!("../../data/reference/decentralised-partnerships.csv");
pub const CALLS: &str = include_str!("../../data/reference/calls-for-proposals.csv");

#[derive(Debug, Deserialize)]
pub struct TerritoryRow {
    pub code: String,
    pub level: String,
    pub parent_code: String,
    pub name_fr: String,
    pub name_ar: String,
    pub seat: String,
}

#[derive(Debug, Deserialize)]
pub struct CircumscriptionRow {
    pub code: String,
    pub name_fr: String,
    pub consulate_city: String,
    pub post_kind: String,
}

#[derive(Debug, Deserialize)]
pub struct CoverageRow {
    pub circumscription_code: String,
    pub territory_code: String,
    pub confidence: String,
    pub evidence: String,
}

#[derive(Debug, Deserialize)]
pub struct ConsulateRow {
    pub circumscription_code: String,
    pub name_fr: String,
    pub territory_code: String,
}

#[derive(Debug, Deserialize)]
pub struct InstitutionRow {
    pub acronym: String,
    pub name_fr: String,
    pub name_ar: String,
    pub kind: String,
    pub country: String,
    pub parent_acronym: String,
    pub seat_territory: String,
    pub aliases: String,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct InstitutSiteRow {
    pub city: String,
    pub territory_code: String,
    pub site_kind: String,
    pub name_fr: String,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct LocalAuthorityRow {
    pub name_fr: String,
    pub country: String,
    pub level: String,
    pub kind: String,
    pub territory_code: String,
    pub commune_code: String,
}

#[derive(Debug, Deserialize)]
pub struct PartnershipRow {
    pub french_party: String,
    pub moroccan_party: String,
    pub since: String,
    pub status: String,
    pub theme_codes: String,
    pub themes_text: String,
    pub agreement_kind: String,
    pub evidence: String,
}

#[derive(Debug, Deserialize)]
pub struct CallRow {
    pub year: i32,
    pub title_fr: String,
    pub instrument: String,
    pub audience: String,
    pub theme_codes: String,
    pub facts: String,
}

/// Reads every row of an embedded CSV file.
pub fn rows<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> AppResult<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| AppError::internal(format!("reference file {name}: {e}")))
}

/// Parses a vocabulary value from a reference file.
pub fn parse<T: std::str::FromStr>(file: &str, value: &str) -> AppResult<T> {
    value
        .trim()
        .parse()
        .map_err(|_| AppError::internal(format!("reference file {file}: unknown value `{value}`")))
}

/// `a;b;c` → the parsed values, skipping blanks.
pub fn parse_list<T: std::str::FromStr>(file: &str, value: &str) -> AppResult<Vec<T>> {
    value
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| parse(file, s))
        .collect()
}

/// An empty CSV cell is a missing value.
pub fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses() {
        assert_eq!(
            rows::<TerritoryRow>("territories", TERRITORIES)
                .unwrap()
                .len(),
            87
        );
        assert_eq!(
            rows::<CircumscriptionRow>("c", CIRCUMSCRIPTIONS)
                .unwrap()
                .len(),
            6
        );
        assert_eq!(rows::<CoverageRow>("c", COVERAGE).unwrap().len(), 12);
        assert_eq!(rows::<ConsulateRow>("c", CONSULATES).unwrap().len(), 6);
        assert_eq!(rows::<InstitutionRow>("i", INSTITUTIONS).unwrap().len(), 20);
        assert_eq!(
            rows::<InstitutSiteRow>("s", INSTITUT_SITES).unwrap().len(),
            14
        );
        assert_eq!(
            rows::<LocalAuthorityRow>("l", LOCAL_AUTHORITIES)
                .unwrap()
                .len(),
            16
        );
        assert_eq!(rows::<PartnershipRow>("p", PARTNERSHIPS).unwrap().len(), 11);
        assert_eq!(rows::<CallRow>("c", CALLS).unwrap().len(), 9);
    }
}

//! The words synthetic records are named with. Every name ends with "(synthétique NNNNNN)":
//! it is unique, it says the record is not real, and `search: "synthetique"` finds them all.

use crate::domain::vocabulary::{ActorKind, EventKind, ExchangeKind, PartnershipKind, Theme};

/// The marker every synthetic name carries (folded: `synthetique`).
pub const MARKER: &str = "synthétique";

/// `"{base} (synthétique 000042)"`.
pub fn tagged(base: &str, index: usize) -> String {
    format!("{base} ({MARKER} {index:06})")
}

/// "de Fès", "d'Al Hoceïma", "d'Évry".
pub fn de(place: &str) -> String {
    let vowel = place
        .chars()
        .next()
        .is_some_and(|c| "AEIOUYÉÈÊÎÏÔÂ".contains(c));
    if vowel {
        format!("d'{place}")
    } else {
        format!("de {place}")
    }
}

/// French name prefixes by kind of actor, for kinds named "{prefix} {word} {place}".
pub fn actor_prefixes(kind: ActorKind) -> &'static [&'static str] {
    match kind {
        ActorKind::Association => &[
            "Association",
            "Fondation",
            "Collectif",
            "Espace associatif",
            "Union des associations",
        ],
        ActorKind::Ministry => &["Ministère délégué", "Département ministériel"],
        ActorKind::NationalInstitution => &[
            "Institution nationale",
            "Observatoire national",
            "Conseil national",
            "Haute instance",
        ],
        ActorKind::Academic => &[
            "Université",
            "École nationale",
            "Institut supérieur",
            "Laboratoire",
        ],
        ActorKind::Network => &["Réseau", "Plateforme", "Coalition"],
        ActorKind::Donor => &[
            "Fonds",
            "Fondation internationale",
            "Programme multilatéral",
        ],
        ActorKind::DevelopmentAgency => &["Agence de coopération", "Opérateur d'expertise"],
        _ => &["Centre", "Coopérative", "Cabinet"],
    }
}

/// Arabic name prefixes by kind of actor (Moroccan actors only).
pub fn actor_prefix_ar(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Association => "جمعية",
        ActorKind::Ministry => "وزارة",
        ActorKind::NationalInstitution => "مؤسسة وطنية",
        ActorKind::MoroccanLocalAuthority => "مجلس",
        ActorKind::Academic => "جامعة",
        ActorKind::Network => "شبكة",
        _ => "مركز",
    }
}

/// Words between an actor's prefix and its place.
pub const ACTOR_WORDS: &[&str] = &[
    "Amal",
    "Atlas",
    "Horizon",
    "Tadamoun",
    "Nour",
    "Espoir",
    "Citoyenneté",
    "Jeunesse",
    "Femmes",
    "Solidarité",
    "Initiative",
    "Avenir",
    "Oasis",
    "Argane",
    "Médina",
    "Dialogue",
    "Tawassol",
    "Passerelles",
    "Ressources",
    "Ibtikar",
];

/// French places (city, region) of French actors and of events held in France.
pub const FRENCH_PLACES: &[(&str, &str)] = &[
    ("Lyon", "Auvergne-Rhône-Alpes"),
    ("Grenoble", "Auvergne-Rhône-Alpes"),
    ("Bordeaux", "Nouvelle-Aquitaine"),
    ("Poitiers", "Nouvelle-Aquitaine"),
    ("Toulouse", "Occitanie"),
    ("Montpellier", "Occitanie"),
    ("Marseille", "Provence-Alpes-Côte d'Azur"),
    ("Nice", "Provence-Alpes-Côte d'Azur"),
    ("Lille", "Hauts-de-France"),
    ("Amiens", "Hauts-de-France"),
    ("Nantes", "Pays de la Loire"),
    ("Rennes", "Bretagne"),
    ("Strasbourg", "Grand Est"),
    ("Nancy", "Grand Est"),
    ("Dijon", "Bourgogne-Franche-Comté"),
    ("Orléans", "Centre-Val de Loire"),
    ("Rouen", "Normandie"),
    ("Paris", "Île-de-France"),
    ("Évry", "Île-de-France"),
    ("Ajaccio", "Corse"),
];

/// A French label of a theme, for titles.
pub fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::AdministrativeCapacity => "Renforcement des capacités administratives",
        Theme::Youth => "Jeunesse et engagement",
        Theme::Gender => "Égalité femmes-hommes",
        Theme::Climate => "Adaptation au changement climatique",
        Theme::HumanRights => "Droits humains",
        Theme::Integrity => "Intégrité publique",
        Theme::Decentralisation => "Décentralisation",
        Theme::Deconcentration => "Déconcentration administrative",
        Theme::DecentralisedCooperation => "Coopération décentralisée",
        Theme::CivilSociety => "Appui à la société civile",
        Theme::CitizenParticipation => "Participation citoyenne",
        Theme::DigitalPublicServices => "Services publics numériques",
        Theme::Migration => "Mobilité et migrations",
        Theme::SportAndInclusion => "Sport et inclusion",
        Theme::WaterAndBiodiversity => "Eau et biodiversité",
    }
}

/// The OECD DAC purpose code that best fits a theme.
pub fn theme_dac_code(theme: Theme) -> &'static str {
    match theme {
        Theme::AdministrativeCapacity | Theme::Deconcentration => "15110",
        Theme::Youth | Theme::SportAndInclusion => "16015",
        Theme::Gender => "15170",
        Theme::Climate => "41010",
        Theme::HumanRights => "15160",
        Theme::Integrity => "15113",
        Theme::Decentralisation | Theme::DecentralisedCooperation => "15112",
        Theme::CivilSociety | Theme::CitizenParticipation => "15150",
        Theme::DigitalPublicServices => "22040",
        Theme::Migration => "15190",
        Theme::WaterAndBiodiversity => "14010",
    }
}

pub fn partnership_label(kind: PartnershipKind) -> &'static str {
    match kind {
        PartnershipKind::DecentralisedCooperation => "Coopération décentralisée",
        PartnershipKind::Institutional => "Partenariat institutionnel",
        PartnershipKind::NetworkMembership => "Adhésion au réseau",
        PartnershipKind::Mou => "Protocole d'entente",
    }
}

pub fn event_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::TrainingSession => "Session de formation",
        EventKind::StudyTour => "Voyage d'étude",
        EventKind::TechnicalVisit => "Visite technique",
        EventKind::PoliticalVisit => "Visite politique",
        EventKind::Forum => "Forum",
        EventKind::Seminar => "Séminaire",
        EventKind::HighLevelMeeting => "Rencontre de haut niveau",
        EventKind::SteeringCommittee => "Comité de pilotage",
    }
}

pub fn exchange_label(kind: ExchangeKind) -> &'static str {
    match kind {
        ExchangeKind::ExpertiseMission => "Mission d'expertise",
        ExchangeKind::Invitation => "Invitation",
        ExchangeKind::TrainingGrant => "Bourse de formation",
        ExchangeKind::StudyVisit => "Visite d'étude",
        ExchangeKind::Twinning => "Jumelage",
    }
}

/// The initials of the capitalised words of `text` ("Réseau Atlas Fès" → "RAF").
pub fn initials(text: &str) -> String {
    text.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold;

    #[test]
    fn every_name_carries_the_searchable_marker() {
        let name = tagged("Association Amal Fès", 42);
        assert_eq!(name, "Association Amal Fès (synthétique 000042)");
        assert!(fold(&name).contains("synthetique"));
    }

    #[test]
    fn elision_and_initials() {
        assert_eq!(de("Fès"), "de Fès");
        assert_eq!(de("Al Hoceïma"), "d'Al Hoceïma");
        assert_eq!(de("Évry"), "d'Évry");
        assert_eq!(initials("Union des associations Amal"), "UA");
        assert_eq!(initials("Réseau Atlas Fès"), "RAF");
    }

    #[test]
    fn dac_codes_are_well_formed() {
        for theme in Theme::ALL {
            assert!(crate::domain::dac::is_well_formed(theme_dac_code(*theme)));
        }
    }
}

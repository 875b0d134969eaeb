//! What events and exchanges are about: topics in French and English with their theme and
//! DAC purpose code, and month names for dated titles.

use crate::domain::vocabulary::Theme;

/// A topic: French, English, theme, DAC purpose code.
pub type Topic = (&'static str, &'static str, Theme, &'static str);

pub const TOPICS: &[Topic] = &[
    (
        "intégrité et commande publique",
        "integrity in public procurement",
        Theme::Integrity,
        "15113",
    ),
    (
        "budget participatif communal",
        "municipal participatory budgeting",
        Theme::CitizenParticipation,
        "15150",
    ),
    (
        "gestion des ressources humaines territoriales",
        "local civil service management",
        Theme::AdministrativeCapacity,
        "15185",
    ),
    (
        "plans climat et adaptation",
        "climate plans and adaptation",
        Theme::Climate,
        "41010",
    ),
    (
        "droits de l'Homme et médiation",
        "human rights and mediation",
        Theme::HumanRights,
        "15160",
    ),
    (
        "égalité femmes-hommes dans les collectivités",
        "gender equality in local government",
        Theme::Gender,
        "15170",
    ),
    (
        "engagement des jeunes",
        "youth engagement",
        Theme::Youth,
        "16015",
    ),
    (
        "services publics numériques",
        "digital public services",
        Theme::DigitalPublicServices,
        "15110",
    ),
    (
        "gestion de l'eau et biodiversité",
        "water management and biodiversity",
        Theme::WaterAndBiodiversity,
        "14010",
    ),
    (
        "déconcentration administrative",
        "administrative deconcentration",
        Theme::Deconcentration,
        "15110",
    ),
    (
        "finances locales",
        "local finance",
        Theme::Decentralisation,
        "15111",
    ),
    (
        "accueil et inclusion des migrants",
        "reception and inclusion of migrants",
        Theme::Migration,
        "15190",
    ),
    (
        "sport et inclusion sociale",
        "sport and social inclusion",
        Theme::SportAndInclusion,
        "16061",
    ),
    (
        "coopération décentralisée franco-marocaine",
        "Franco-Moroccan decentralised cooperation",
        Theme::DecentralisedCooperation,
        "15112",
    ),
    (
        "structuration des réseaux associatifs",
        "structuring networks of associations",
        Theme::CivilSociety,
        "15150",
    ),
];

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "mars 2025".
pub fn month_year(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let month = MONTHS
        .get(date.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{month} {}", date.year())
}

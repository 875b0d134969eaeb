//! Invented organisations of the kinds other than associations and local authorities: units
//! of ministries, national bodies, the embassy's services, agencies, donors (programmes and
//! foundations), networks, research centres and others. Plausible names, none of them real.

use crate::domain::vocabulary::Theme;

/// An invented organisation of a kind other than association or local authority.
#[derive(Debug, Clone, Copy)]
pub struct Invented {
    pub name_fr: &'static str,
    pub name_ar: Option<&'static str>,
    pub acronym: Option<&'static str>,
    /// Seat: a province or prefecture code; `None` for bodies established abroad.
    pub seat: Option<&'static str>,
    /// The acronym of the parent actor (reference data), if any.
    pub parent: Option<&'static str>,
    pub themes: &'static [Theme],
}

const fn inv(
    name_fr: &'static str,
    name_ar: Option<&'static str>,
    acronym: Option<&'static str>,
    seat: Option<&'static str>,
    parent: Option<&'static str>,
    themes: &'static [Theme],
) -> Invented {
    Invented {
        name_fr,
        name_ar,
        acronym,
        seat,
        parent,
        themes,
    }
}

/// Departments of ministries (under the reference ministries).
pub const MINISTRY_UNITS: &[Invented] = &[
    inv(
        "Direction de l'ingénierie territoriale et de la prospective",
        Some("مديرية الهندسة الترابية والاستشراف"),
        None,
        Some("MA-RAB"),
        Some("DGCT"),
        &[Theme::Decentralisation],
    ),
    inv(
        "Division de la coopération décentralisée et des partenariats",
        Some("قسم التعاون اللامركزي والشراكات"),
        None,
        Some("MA-RAB"),
        Some("DGCT"),
        &[Theme::DecentralisedCooperation],
    ),
    inv(
        "Direction de la simplification des procédures administratives",
        Some("مديرية تبسيط المساطر الإدارية"),
        None,
        Some("MA-RAB"),
        Some("SGG"),
        &[Theme::AdministrativeCapacity, Theme::DigitalPublicServices],
    ),
];

pub const NATIONAL_INSTITUTIONS: &[Invented] = &[
    inv(
        "Observatoire national des services publics de proximité",
        Some("المرصد الوطني لخدمات القرب"),
        Some("ONSPP"),
        Some("MA-RAB"),
        None,
        &[Theme::DigitalPublicServices, Theme::AdministrativeCapacity],
    ),
    inv(
        "Centre national d'appui à l'ingénierie territoriale",
        Some("المركز الوطني لدعم الهندسة الترابية"),
        Some("CNAIT"),
        Some("MA-RAB"),
        None,
        &[Theme::Decentralisation, Theme::AdministrativeCapacity],
    ),
    inv(
        "Instance nationale d'évaluation des politiques locales",
        Some("الهيئة الوطنية لتقييم السياسات المحلية"),
        Some("INEPL"),
        Some("MA-RAB"),
        None,
        &[Theme::AdministrativeCapacity],
    ),
    inv(
        "Agence nationale de la participation citoyenne",
        Some("الوكالة الوطنية للمشاركة المواطنة"),
        Some("ANPC"),
        Some("MA-SAL"),
        None,
        &[Theme::CitizenParticipation],
    ),
];

/// Services of the embassy (under the SCAC).
pub const EMBASSY_SERVICES: &[Invented] = &[
    inv(
        "Bureau de la coopération décentralisée — SCAC",
        None,
        None,
        Some("MA-RAB"),
        Some("SCAC"),
        &[Theme::DecentralisedCooperation],
    ),
    inv(
        "Cellule des programmes de mobilité et d'expertise — SCAC",
        None,
        None,
        Some("MA-RAB"),
        Some("SCAC"),
        &[Theme::AdministrativeCapacity],
    ),
    inv(
        "Bureau des bourses et des stages — SCAC",
        None,
        None,
        Some("MA-RAB"),
        Some("SCAC"),
        &[Theme::Youth],
    ),
    inv(
        "Service de presse et de communication — Ambassade de France",
        None,
        None,
        Some("MA-RAB"),
        Some("SCAC"),
        &[Theme::CivilSociety],
    ),
];

pub const DEVELOPMENT_AGENCIES: &[Invented] = &[
    inv(
        "Agence méditerranéenne pour le développement local",
        None,
        Some("AMDL"),
        None,
        None,
        &[Theme::Decentralisation],
    ),
    inv(
        "Agence de coopération technique Sud-Nord",
        None,
        Some("ACTSN"),
        None,
        None,
        &[Theme::AdministrativeCapacity],
    ),
    inv(
        "Agence internationale d'appui à l'ingénierie publique",
        None,
        Some("AIAIP"),
        None,
        None,
        &[Theme::AdministrativeCapacity, Theme::Integrity],
    ),
    inv(
        "Agence atlantique de coopération territoriale",
        None,
        Some("AACT"),
        None,
        None,
        &[Theme::DecentralisedCooperation, Theme::Climate],
    ),
];

pub const DONORS: &[Invented] = &[
    inv(
        "Programme méditerranéen pour la gouvernance locale",
        None,
        Some("PMGL"),
        None,
        None,
        &[Theme::Decentralisation, Theme::CitizenParticipation],
    ),
    inv(
        "Fonds fiduciaire Deux Rives pour la participation citoyenne",
        None,
        Some("FFDR"),
        None,
        None,
        &[Theme::CitizenParticipation, Theme::Youth],
    ),
    inv(
        "Fondation Horizons Sud-Nord pour la démocratie locale",
        None,
        Some("FHSN"),
        None,
        None,
        &[Theme::CivilSociety, Theme::Gender],
    ),
];

pub const NETWORKS: &[Invented] = &[
    inv(
        "Réseau des associations de jeunes de l'Oriental",
        Some("شبكة جمعيات الشباب بجهة الشرق"),
        Some("RAJO"),
        Some("MA-OUJ"),
        None,
        &[Theme::Youth, Theme::CivilSociety],
    ),
    inv(
        "Collectif Souss-Massa pour la participation citoyenne",
        Some("تنسيقية سوس ماسة للمشاركة المواطنة"),
        None,
        Some("MA-AGD"),
        None,
        &[Theme::CitizenParticipation],
    ),
    inv(
        "Réseau des villes moyennes du Nord",
        Some("شبكة المدن المتوسطة بالشمال"),
        Some("RVMN"),
        Some("MA-TET"),
        None,
        &[Theme::Decentralisation],
    ),
    inv(
        "Plateforme des associations de l'Atlas pour l'eau",
        Some("أرضية جمعيات الأطلس من أجل الماء"),
        None,
        Some("MA-AZI"),
        None,
        &[Theme::WaterAndBiodiversity],
    ),
    inv(
        "Réseau Maghreb-Méditerranée des élus locaux",
        None,
        Some("RMMEL"),
        None,
        None,
        &[Theme::DecentralisedCooperation],
    ),
];

pub const ACADEMICS: &[Invented] = &[
    inv(
        "Centre d'études en gouvernance territoriale de Fès",
        Some("مركز الدراسات في الحكامة الترابية بفاس"),
        Some("CEGT"),
        Some("MA-FES"),
        None,
        &[Theme::Decentralisation],
    ),
    inv(
        "Laboratoire des politiques publiques locales d'Agadir",
        Some("مختبر السياسات العمومية المحلية بأكادير"),
        None,
        Some("MA-AGD"),
        None,
        &[Theme::AdministrativeCapacity],
    ),
    inv(
        "Institut de recherche sur les oasis et l'eau d'Errachidia",
        Some("معهد البحث في الواحات والماء بالرشيدية"),
        None,
        Some("MA-ERR"),
        None,
        &[Theme::WaterAndBiodiversity, Theme::Climate],
    ),
    inv(
        "Centre universitaire d'études sur la décentralisation de Tétouan",
        Some("المركز الجامعي للدراسات حول اللامركزية بتطوان"),
        None,
        Some("MA-TET"),
        None,
        &[Theme::Decentralisation],
    ),
    inv(
        "Observatoire universitaire de la jeunesse de Béni Mellal",
        Some("المرصد الجامعي للشباب ببني ملال"),
        None,
        Some("MA-BEM"),
        None,
        &[Theme::Youth],
    ),
    inv(
        "Laboratoire d'études sahariennes de Laâyoune",
        Some("مختبر الدراسات الصحراوية بالعيون"),
        None,
        Some("MA-LAA"),
        None,
        &[Theme::Climate],
    ),
    inv(
        "Centre de recherche en droit public local de Rabat",
        Some("مركز البحث في القانون العام المحلي بالرباط"),
        None,
        Some("MA-RAB"),
        None,
        &[Theme::Decentralisation, Theme::HumanRights],
    ),
    inv(
        "Institut franco-marocain d'études urbaines",
        Some("المعهد الفرنسي المغربي للدراسات الحضرية"),
        Some("IFMEU"),
        Some("MA-CAS"),
        None,
        &[Theme::DecentralisedCooperation],
    ),
    inv(
        "Chaire de gouvernance territoriale comparée",
        None,
        None,
        None,
        None,
        &[Theme::Decentralisation],
    ),
];

pub const OTHERS: &[Invented] = &[
    inv(
        "Coopérative Nour Al Wahat des tisserandes de Zagora",
        Some("تعاونية نور الواحات للنساجات بزاكورة"),
        None,
        Some("MA-ZAG"),
        None,
        &[Theme::Gender],
    ),
    inv(
        "Bureau d'études Territoires et Conseil",
        None,
        None,
        Some("MA-CAS"),
        None,
        &[Theme::AdministrativeCapacity],
    ),
    inv(
        "Radio associative Sawt Al Jabal d'Azilal",
        Some("الإذاعة الجمعوية صوت الجبل بأزيلال"),
        None,
        Some("MA-AZI"),
        None,
        &[Theme::CitizenParticipation],
    ),
    inv(
        "Incubateur social Atlas Impact de Marrakech",
        None,
        None,
        Some("MA-MAR"),
        None,
        &[Theme::Youth],
    ),
    inv(
        "Fondation culturelle Horizons de Dakhla",
        Some("مؤسسة آفاق الداخلة الثقافية"),
        None,
        Some("MA-OUD"),
        None,
        &[Theme::CivilSociety],
    ),
    inv(
        "Coopérative des pêcheurs artisans de Boujdour",
        Some("تعاونية الصيادين التقليديين ببوجدور"),
        None,
        Some("MA-BOD"),
        None,
        &[Theme::WaterAndBiodiversity],
    ),
];

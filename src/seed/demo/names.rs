//! Invented names of associations (composed from the parts below) and of people. Every
//! association is fictional: plausible in form, and chosen so as not to be a real
//! association's name (the API tests keep a deny-list of well-known Moroccan associations as a
//! guard). People are fictional too: common given and family names, combined at random.

use crate::domain::vocabulary::Theme;

/// The first word of an association's name, in French and Arabic.
pub const ASSOCIATION_HEADS: &[(&str, &str)] = &[
    ("Association", "جمعية"),
    ("Association", "جمعية"),
    ("Association", "جمعية"),
    ("Forum", "منتدى"),
    ("Espace", "فضاء"),
    ("Club", "نادي"),
    ("Initiative", "مبادرة"),
];

/// What an association stands for, in French and Arabic, and the pole's themes it works on.
pub const ASSOCIATION_CAUSES: &[(&str, &str, &[Theme])] = &[
    (
        "Horizons Citoyens",
        "آفاق المواطنة",
        &[Theme::CitizenParticipation],
    ),
    ("Avenir des Jeunes", "مستقبل الشباب", &[Theme::Youth]),
    (
        "Eau et Oasis",
        "الماء والواحات",
        &[Theme::WaterAndBiodiversity],
    ),
    (
        "Droits et Participation",
        "الحقوق والمشاركة",
        &[Theme::HumanRights, Theme::CitizenParticipation],
    ),
    (
        "Transparence et Bonne Gouvernance",
        "الشفافية والحكامة الجيدة",
        &[Theme::Integrity],
    ),
    (
        "Climat et Développement durable",
        "المناخ والتنمية المستدامة",
        &[Theme::Climate],
    ),
    ("Égalité et Dignité", "المساواة والكرامة", &[Theme::Gender]),
    (
        "Sport pour Tous",
        "الرياضة للجميع",
        &[Theme::SportAndInclusion],
    ),
    ("Nouvelle Génération", "الجيل الجديد", &[Theme::Youth]),
    ("Lumière du Savoir", "نور المعرفة", &[Theme::Youth]),
    (
        "Oasis Vertes",
        "الواحات الخضراء",
        &[Theme::WaterAndBiodiversity, Theme::Climate],
    ),
    ("Main dans la Main", "يدا في يد", &[Theme::CivilSociety]),
    (
        "Éveil Citoyen",
        "اليقظة المواطنة",
        &[Theme::CitizenParticipation],
    ),
    (
        "Démocratie de Proximité",
        "ديمقراطية القرب",
        &[Theme::CitizenParticipation, Theme::Decentralisation],
    ),
    ("Enfance et Espoir", "الطفولة والأمل", &[Theme::CivilSociety]),
    (
        "Environnement et Patrimoine",
        "البيئة والتراث",
        &[Theme::Climate],
    ),
    (
        "Inclusion et Handicap",
        "الإدماج والإعاقة",
        &[Theme::SportAndInclusion],
    ),
    (
        "Mobilité et Insertion",
        "التنقل والإدماج",
        &[Theme::Migration],
    ),
    (
        "Femme Actrice du Développement",
        "المرأة الفاعلة في التنمية",
        &[Theme::Gender],
    ),
    (
        "Citoyenneté Numérique",
        "المواطنة الرقمية",
        &[Theme::DigitalPublicServices, Theme::Youth],
    ),
    ("Terre d'Accueil", "أرض الاستقبال", &[Theme::Migration]),
    ("Jeunes Leaders", "القادة الشباب", &[Theme::Youth]),
    (
        "Initiatives Locales",
        "المبادرات المحلية",
        &[Theme::CivilSociety, Theme::Decentralisation],
    ),
    (
        "Mémoire et Avenir",
        "الذاكرة والمستقبل",
        &[Theme::HumanRights],
    ),
    (
        "Agir pour le Climat",
        "العمل من أجل المناخ",
        &[Theme::Climate],
    ),
    (
        "Solidarité Rurale",
        "التضامن القروي",
        &[Theme::CivilSociety],
    ),
    ("Voix des Femmes", "صوت النساء", &[Theme::Gender]),
    (
        "Culture et Citoyenneté",
        "الثقافة والمواطنة",
        &[Theme::CitizenParticipation],
    ),
    ("Savoirs Partagés", "المعارف المشتركة", &[Theme::Youth]),
];

/// Moroccan given names: (name, feminine).
pub const MOROCCAN_GIVEN: &[(&str, bool)] = &[
    ("Fatima Zahra", true),
    ("Khadija", true),
    ("Salma", true),
    ("Amina", true),
    ("Nadia", true),
    ("Imane", true),
    ("Houda", true),
    ("Meryem", true),
    ("Zineb", true),
    ("Hajar", true),
    ("Soukaina", true),
    ("Loubna", true),
    ("Siham", true),
    ("Ghizlane", true),
    ("Kawtar", true),
    ("Youssef", false),
    ("Mehdi", false),
    ("Hamza", false),
    ("Omar", false),
    ("Karim", false),
    ("Rachid", false),
    ("Anas", false),
    ("Soufiane", false),
    ("Ayoub", false),
    ("Ilyas", false),
    ("Hicham", false),
    ("Nabil", false),
    ("Adil", false),
    ("Zakaria", false),
    ("Othmane", false),
];

pub const MOROCCAN_FAMILY: &[&str] = &[
    "El Amrani",
    "Benali",
    "Alaoui",
    "Bennani",
    "Tazi",
    "El Idrissi",
    "Berrada",
    "Chraibi",
    "Lahlou",
    "El Fassi",
    "Bouzid",
    "Naciri",
    "Zerouali",
    "Haddad",
    "Kettani",
    "El Ouardi",
    "Ait Ali",
    "Oubella",
    "Amzil",
    "Boukhris",
    "Ouhammou",
    "Belhaj",
    "Essaidi",
    "Moussaoui",
    "Chakir",
    "Skalli",
    "Bakkali",
    "Zaidi",
    "Ennaji",
    "Aït Baha",
];

pub const FRENCH_GIVEN: &[(&str, bool)] = &[
    ("Claire", true),
    ("Camille", true),
    ("Julie", true),
    ("Sophie", true),
    ("Élodie", true),
    ("Mathilde", true),
    ("Hélène", true),
    ("Julien", false),
    ("Thomas", false),
    ("Nicolas", false),
    ("Antoine", false),
    ("Mathieu", false),
    ("Guillaume", false),
    ("Olivier", false),
];

pub const FRENCH_FAMILY: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Girard",
    "Fournier",
    "Lefebvre",
    "Mercier",
    "Roux",
    "Fontaine",
    "Chevalier",
];

/// Functions by kind of organisation: (masculine, feminine).
pub const ASSOCIATION_FUNCTIONS: &[(&str, &str)] = &[
    ("Président", "Présidente"),
    ("Chargé de projets", "Chargée de projets"),
    ("Coordinateur", "Coordinatrice"),
    ("Trésorier", "Trésorière"),
];

pub const PUBLIC_FUNCTIONS: &[(&str, &str)] = &[
    ("Chef de division", "Cheffe de division"),
    ("Chef de service", "Cheffe de service"),
    (
        "Chargé de mission coopération",
        "Chargée de mission coopération",
    ),
    ("Directeur", "Directrice"),
];

pub const LOCAL_FUNCTIONS: &[(&str, &str)] = &[
    (
        "Directeur général des services",
        "Directrice générale des services",
    ),
    (
        "Vice-président délégué à la coopération",
        "Vice-présidente déléguée à la coopération",
    ),
    (
        "Chargé de mission relations internationales",
        "Chargée de mission relations internationales",
    ),
];

pub const OTHER_FUNCTIONS: &[(&str, &str)] = &[
    ("Attaché de coopération", "Attachée de coopération"),
    ("Enseignant-chercheur", "Enseignante-chercheuse"),
    ("Chargé de programme", "Chargée de programme"),
];

pub const YOUNG_LEADER: (&str, &str) = ("Jeune leader associatif", "Jeune leader associative");

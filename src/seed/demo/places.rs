//! Where the demo network lives: Moroccan towns (real places, in French and Arabic, under the
//! province that contains them), the communes the demo adds as territories, and the French
//! towns where French authorities receive visits. Places are facts; what the demo puts in them is invented.

use crate::search;

/// A Moroccan town: its names and the province or prefecture (ISO 3166-2) that contains it.
#[derive(Debug, Clone, Copy)]
pub struct Town {
    pub fr: &'static str,
    pub ar: &'static str,
    pub province: &'static str,
}

const fn town(fr: &'static str, ar: &'static str, province: &'static str) -> Town {
    Town { fr, ar, province }
}

/// Towns of all twelve regions (region by region, in the order of their codes), so that
/// seating actors round-robin over this list covers every region and circumscription.
pub const TOWNS: &[Town] = &[
    // MA-01 Tanger-Tétouan-Al Hoceïma
    town("Tanger", "طنجة", "MA-TNG"),
    town("Tétouan", "تطوان", "MA-TET"),
    town("Al Hoceïma", "الحسيمة", "MA-HOC"),
    town("Chefchaouen", "شفشاون", "MA-CHE"),
    town("Larache", "العرائش", "MA-LAR"),
    town("Ouezzane", "وزان", "MA-OUZ"),
    town("Fnideq", "الفنيدق", "MA-MDF"),
    // MA-02 L'Oriental
    town("Oujda", "وجدة", "MA-OUJ"),
    town("Nador", "الناظور", "MA-NAD"),
    town("Berkane", "بركان", "MA-BER"),
    town("Figuig", "فكيك", "MA-FIG"),
    town("Taourirt", "تاوريرت", "MA-TAI"),
    town("Jerada", "جرادة", "MA-JRA"),
    town("Guercif", "جرسيف", "MA-GUF"),
    town("Driouch", "الدريوش", "MA-DRI"),
    // MA-03 Fès-Meknès
    town("Fès", "فاس", "MA-FES"),
    town("Meknès", "مكناس", "MA-MEK"),
    town("Ifrane", "إفران", "MA-IFR"),
    town("Sefrou", "صفرو", "MA-SEF"),
    town("Taza", "تازة", "MA-TAZ"),
    town("Taounate", "تاونات", "MA-TAO"),
    town("El Hajeb", "الحاجب", "MA-HAJ"),
    town("Missour", "ميسور", "MA-BOM"),
    // MA-04 Rabat-Salé-Kénitra
    town("Rabat", "الرباط", "MA-RAB"),
    town("Salé", "سلا", "MA-SAL"),
    town("Kénitra", "القنيطرة", "MA-KEN"),
    town("Khémisset", "الخميسات", "MA-KHE"),
    town("Témara", "تمارة", "MA-SKH"),
    town("Sidi Kacem", "سيدي قاسم", "MA-SIK"),
    town("Sidi Slimane", "سيدي سليمان", "MA-SIL"),
    // MA-05 Béni Mellal-Khénifra
    town("Béni Mellal", "بني ملال", "MA-BEM"),
    town("Khouribga", "خريبكة", "MA-KHO"),
    town("Azilal", "أزيلال", "MA-AZI"),
    town("Khénifra", "خنيفرة", "MA-KHN"),
    town("Fquih Ben Salah", "الفقيه بن صالح", "MA-FQH"),
    // MA-06 Casablanca-Settat
    town("Casablanca", "الدار البيضاء", "MA-CAS"),
    town("Mohammédia", "المحمدية", "MA-MOH"),
    town("El Jadida", "الجديدة", "MA-JDI"),
    town("Settat", "سطات", "MA-SET"),
    town("Berrechid", "برشيد", "MA-BRR"),
    town("Benslimane", "بن سليمان", "MA-BES"),
    town("Sidi Bennour", "سيدي بنور", "MA-SIB"),
    // MA-07 Marrakech-Safi
    town("Marrakech", "مراكش", "MA-MAR"),
    town("Safi", "آسفي", "MA-SAF"),
    town("Essaouira", "الصويرة", "MA-ESI"),
    town("El Kelâa des Sraghna", "قلعة السراغنة", "MA-KES"),
    town("Chichaoua", "شيشاوة", "MA-CHI"),
    town("Youssoufia", "اليوسفية", "MA-YUS"),
    town("Tahannaout", "تحناوت", "MA-HAO"),
    town("Benguerir", "ابن جرير", "MA-REH"),
    // MA-08 Drâa-Tafilalet
    town("Errachidia", "الرشيدية", "MA-ERR"),
    town("Ouarzazate", "ورزازات", "MA-OUA"),
    town("Zagora", "زاكورة", "MA-ZAG"),
    town("Tinghir", "تنغير", "MA-TIN"),
    town("Midelt", "ميدلت", "MA-MID"),
    // MA-09 Souss-Massa
    town("Agadir", "أكادير", "MA-AGD"),
    town("Inezgane", "إنزكان", "MA-INE"),
    town("Tiznit", "تيزنيت", "MA-TIZ"),
    town("Taroudant", "تارودانت", "MA-TAR"),
    town("Tata", "طاطا", "MA-TAT"),
    town("Biougra", "بيوكرى", "MA-CHT"),
    // MA-10 Guelmim-Oued Noun
    town("Guelmim", "كلميم", "MA-GUE"),
    town("Tan-Tan", "طانطان", "MA-TNT"),
    town("Sidi Ifni", "سيدي إفني", "MA-SIF"),
    town("Assa", "أسا", "MA-ASZ"),
    // MA-11 Laâyoune-Sakia El Hamra
    town("Laâyoune", "العيون", "MA-LAA"),
    town("Es-Semara", "السمارة", "MA-ESM"),
    town("Boujdour", "بوجدور", "MA-BOD"),
    town("Tarfaya", "طرفاية", "MA-TAF"),
    // MA-12 Dakhla-Oued Ed-Dahab
    town("Dakhla", "الداخلة", "MA-OUD"),
    town("Aousserd", "أوسرد", "MA-AOU"),
];

/// The largest towns, where more associations are seated.
pub const BIG_TOWNS: &[&str] = &[
    "Casablanca",
    "Rabat",
    "Salé",
    "Fès",
    "Marrakech",
    "Tanger",
    "Meknès",
    "Oujda",
    "Agadir",
    "Kénitra",
    "Tétouan",
    "Béni Mellal",
    "Laâyoune",
    "Errachidia",
    "Guelmim",
    "Dakhla",
];

/// The town in France where a French local authority sits (for visits and study tours).
pub fn french_city(authority: &str) -> &'static str {
    const CITIES: &[(&str, &str)] = &[
        ("Centre-Val de Loire", "Orléans"),
        ("Nouvelle-Aquitaine", "Bordeaux"),
        ("Occitanie", "Toulouse"),
        ("Île-de-France", "Paris"),
        ("Toulouse", "Toulouse"),
        ("Lille", "Lille"),
        ("Hérault", "Montpellier"),
        ("Loire-Atlantique", "Nantes"),
        ("Drôme", "Valence"),
        ("Isère", "Grenoble"),
        ("Gironde", "Bordeaux"),
        ("Nord", "Lille"),
        ("Seine-Saint-Denis", "Bobigny"),
        ("Bretagne", "Rennes"),
        ("Provence-Alpes-Côte d'Azur", "Marseille"),
        ("Bordeaux", "Bordeaux"),
        ("Montpellier", "Montpellier"),
        ("Nantes", "Nantes"),
        ("Rennes", "Rennes"),
        ("Grenoble", "Grenoble"),
    ];
    CITIES
        .iter()
        .find(|(key, _)| authority.contains(key))
        .map_or("Paris", |(_, city)| city)
}

/// Towns whose commune the demo adds (as a territory below its province, and as a Moroccan
/// local authority governing it), by French name.
pub const COMMUNES: &[&str] = &[
    "Tiznit",
    "Chefchaouen",
    "Tétouan",
    "Nador",
    "Berkane",
    "Meknès",
    "Sefrou",
    "Salé",
    "Kénitra",
    "Khouribga",
    "Béni Mellal",
    "El Jadida",
    "Marrakech",
    "Essaouira",
    "Ouarzazate",
    "Errachidia",
    "Guelmim",
    "Laâyoune",
    "Dakhla",
    "Agadir",
];

/// Province and prefecture councils the demo adds: French name, Arabic name, territory.
pub const PROVINCE_COUNCILS: &[(&str, &str, &str)] = &[
    ("Province de Tiznit", "إقليم تيزنيت", "MA-TIZ"),
    ("Province d'Al Hoceïma", "إقليم الحسيمة", "MA-HOC"),
    ("Province de Chefchaouen", "إقليم شفشاون", "MA-CHE"),
    ("Province de Figuig", "إقليم فكيك", "MA-FIG"),
    ("Province d'Ifrane", "إقليم إفران", "MA-IFR"),
    ("Province de Kénitra", "إقليم القنيطرة", "MA-KEN"),
    ("Province d'Azilal", "إقليم أزيلال", "MA-AZI"),
    ("Province d'El Jadida", "إقليم الجديدة", "MA-JDI"),
    ("Province d'Essaouira", "إقليم الصويرة", "MA-ESI"),
    ("Province de Zagora", "إقليم زاكورة", "MA-ZAG"),
    ("Province de Tan-Tan", "إقليم طانطان", "MA-TNT"),
    ("Province de Boujdour", "إقليم بوجدور", "MA-BOD"),
    ("Préfecture de Salé", "عمالة سلا", "MA-SAL"),
    ("Province d'Oued Ed-Dahab", "إقليم وادي الذهب", "MA-OUD"),
];

/// French local authorities the demo adds (public bodies, real names): name, level, région.
pub const FRENCH_AUTHORITIES: &[(&str, &str, &str)] = &[
    (
        "Département de la Drôme",
        "FR_DEPARTEMENT",
        "Auvergne-Rhône-Alpes",
    ),
    (
        "Département de l'Isère",
        "FR_DEPARTEMENT",
        "Auvergne-Rhône-Alpes",
    ),
    (
        "Département de la Gironde",
        "FR_DEPARTEMENT",
        "Nouvelle-Aquitaine",
    ),
    ("Département du Nord", "FR_DEPARTEMENT", "Hauts-de-France"),
    (
        "Département de la Seine-Saint-Denis",
        "FR_DEPARTEMENT",
        "Île-de-France",
    ),
    ("Région Bretagne", "FR_REGION", "Bretagne"),
    (
        "Région Provence-Alpes-Côte d'Azur",
        "FR_REGION",
        "Provence-Alpes-Côte d'Azur",
    ),
    ("Ville de Bordeaux", "FR_COMMUNE", "Nouvelle-Aquitaine"),
    ("Ville de Montpellier", "FR_COMMUNE", "Occitanie"),
    ("Ville de Nantes", "FR_COMMUNE", "Pays de la Loire"),
    ("Rennes Métropole", "FR_INTERCOMMUNALITY", "Bretagne"),
    (
        "Grenoble-Alpes Métropole",
        "FR_INTERCOMMUNALITY",
        "Auvergne-Rhône-Alpes",
    ),
];

/// `de Tiznit`, `d'Agadir`: French elision before a vowel.
pub fn de(place: &str) -> String {
    match place.chars().next() {
        Some(c) if "AEIOUÉÈÊÎaeiouéèêî".contains(c) => format!("d'{place}"),
        _ => format!("de {place}"),
    }
}

/// The ISO-like code the demo gives a commune below `province`: `MA-TIZ-TIZNIT` (the form the
/// reference data uses for the communes it adds), at most 20 characters.
pub fn commune_code(province: &str, town: &str) -> String {
    let name: String = search::fold(town)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let mut code = format!("{province}-{name}");
    code.truncate(20);
    code
}

/// A lower-case ASCII slug of `name` for fictional web addresses: `horizons-citoyens-tiznit`.
pub fn slug(name: &str) -> String {
    const SMALL: &[&str] = &[
        "association",
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "pour",
        "a",
        "au",
        "aux",
        "en",
    ];
    let folded = search::fold(name);
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| !w.is_empty() && !SMALL.contains(w) && w.is_ascii())
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() > 40 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("demo");
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_elision_and_codes() {
        assert_eq!(de("Agadir"), "d'Agadir");
        assert_eq!(de("Tiznit"), "de Tiznit");
        assert_eq!(de("El Jadida"), "d'El Jadida");
        assert_eq!(commune_code("MA-BEM", "Béni Mellal"), "MA-BEM-BENIMELLAL");
        assert_eq!(commune_code("MA-LAA", "Laâyoune"), "MA-LAA-LAAYOUNE");
        assert_eq!(
            slug("Association Horizons Citoyens de Tiznit"),
            "horizons-citoyens-tiznit"
        );
    }

    #[test]
    fn every_commune_is_a_known_town() {
        for name in COMMUNES {
            assert!(TOWNS.iter().any(|t| t.fr == *name), "{name}");
        }
    }
}

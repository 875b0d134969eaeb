//! OECD DAC 5-digit purpose codes used by the pole's projects, with their English labels.
//! Codes outside this list are accepted and shown without a label.

const LABELS: &[(&str, &str)] = &[
    ("11330", "Vocational training"),
    ("11430", "Advanced technical and managerial training"),
    (
        "15110",
        "Public sector policy and administrative management",
    ),
    ("15111", "Public finance management"),
    (
        "15112",
        "Decentralisation and support to subnational government",
    ),
    ("15113", "Anti-corruption organisations and institutions"),
    ("15130", "Legal and judicial development"),
    ("15150", "Democratic participation and civil society"),
    ("15151", "Elections"),
    ("15152", "Legislatures and political parties"),
    ("15153", "Media and free flow of information"),
    ("15160", "Human rights"),
    (
        "15170",
        "Women's rights organisations and movements, and government institutions",
    ),
    ("15180", "Ending violence against women and girls"),
    ("15185", "Local government administration"),
    (
        "15190",
        "Facilitation of orderly, safe, regular and responsible migration and mobility",
    ),
    ("16010", "Social protection"),
    (
        "16015",
        "Social services (incl. youth development and women + children)",
    ),
    ("16020", "Employment creation"),
    ("16061", "Culture and recreation"),
    ("16062", "Statistical capacity building"),
    (
        "41010",
        "Environmental policy and administrative management",
    ),
    ("41030", "Biodiversity"),
    ("43030", "Urban development and management"),
    ("43040", "Rural development"),
    ("14010", "Water sector policy and administrative management"),
];

/// The English label of a DAC purpose code, if it is one we know.
pub fn label(code: &str) -> Option<&'static str> {
    LABELS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Whether `code` has the shape of a DAC 5-digit purpose code.
pub fn is_well_formed(code: &str) -> bool {
    code.len() == 5 && code.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_codes_have_labels() {
        assert_eq!(
            super::label("15113"),
            Some("Anti-corruption organisations and institutions")
        );
        assert_eq!(super::label("99999"), None);
        assert!(super::is_well_formed("15112"));
        assert!(!super::is_well_formed("1511"));
    }
}

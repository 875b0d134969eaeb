//! Project titles in French, Arabic and English, by pillar, with the DAC sectors, SDG goals and
//! targets and themes that go with each. Places go in the `{p}` slot (see `phrases`).

use super::phrases::PlacePhrase;
use crate::domain::vocabulary::Theme;

/// A project title with a `{p}` slot for a place phrase, and what such a project is about.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub fr: &'static str,
    pub ar: &'static str,
    pub en: &'static str,
    pub themes: &'static [Theme],
    pub dac: &'static [&'static str],
    pub goals: &'static [&'static str],
    pub targets: &'static [&'static str],
}

const fn t(
    fr: &'static str,
    ar: &'static str,
    en: &'static str,
    themes: &'static [Theme],
    dac: &'static [&'static str],
    goals: &'static [&'static str],
    targets: &'static [&'static str],
) -> Template {
    Template {
        fr,
        ar,
        en,
        themes,
        dac,
        goals,
        targets,
    }
}

use Theme::*;

pub const CIVIL_SOCIETY: &[Template] = &[
    t(
        "Renforcement des capacités des associations de jeunes {p}",
        "تعزيز قدرات جمعيات الشباب {p}",
        "Capacity building for youth associations {p}",
        &[Youth, CivilSociety],
        &["15150", "16015"],
        &["16", "4"],
        &["16.7", "4.4"],
    ),
    t(
        "Participation citoyenne des femmes {p}",
        "المشاركة المواطنة للنساء {p}",
        "Women's civic participation {p}",
        &[Gender, CitizenParticipation],
        &["15170", "15150"],
        &["5", "16"],
        &["5.5", "16.7"],
    ),
    t(
        "Sport et inclusion des jeunes sans emploi ni formation {p}",
        "الرياضة وإدماج الشباب غير المتمدرسين وغير العاملين {p}",
        "Sport and inclusion for young people not in employment or training {p}",
        &[SportAndInclusion, Youth],
        &["16061", "16020"],
        &["8", "10"],
        &["8.6", "10.2"],
    ),
    t(
        "Accès au droit des personnes migrantes {p}",
        "ولوج المهاجرين إلى الحقوق {p}",
        "Access to rights for migrants {p}",
        &[Migration, HumanRights],
        &["15190", "15160"],
        &["10", "16"],
        &["10.7", "16.3"],
    ),
    t(
        "Gestion participative de l'eau dans les oasis {p}",
        "التدبير التشاركي للماء في الواحات {p}",
        "Participatory water management in the oases {p}",
        &[WaterAndBiodiversity, Climate],
        &["14010", "41030"],
        &["6", "13"],
        &["6.b", "13.3"],
    ),
    t(
        "Lutte contre les violences faites aux femmes {p}",
        "مناهضة العنف ضد النساء {p}",
        "Ending violence against women {p}",
        &[Gender, HumanRights],
        &["15180"],
        &["5"],
        &["5.2"],
    ),
    t(
        "Éducation des jeunes à la citoyenneté numérique {p}",
        "تربية الشباب على المواطنة الرقمية {p}",
        "Digital citizenship education for young people {p}",
        &[Youth, DigitalPublicServices],
        &["15153", "16015"],
        &["4", "16"],
        &["4.7", "16.10"],
    ),
    t(
        "Sensibilisation au changement climatique {p}",
        "التحسيس بالتغيرات المناخية {p}",
        "Climate change awareness {p}",
        &[Climate],
        &["41010"],
        &["13"],
        &["13.3"],
    ),
    t(
        "Observatoire citoyen de la transparence locale {p}",
        "مرصد مواطن للشفافية المحلية {p}",
        "Citizen observatory of local transparency {p}",
        &[Integrity, CitizenParticipation],
        &["15113", "15150"],
        &["16"],
        &["16.5", "16.6"],
    ),
    t(
        "Conseils de jeunes et participation à la vie locale {p}",
        "مجالس الشباب والمشاركة في الحياة المحلية {p}",
        "Youth councils and participation in local life {p}",
        &[Youth, CitizenParticipation],
        &["15150"],
        &["16"],
        &["16.7"],
    ),
];

/// The projects of the 2020 call "Venir en aide aux plus vulnérables".
pub const VULNERABLE: Template = t(
    "Soutien aux familles vulnérables {p}",
    "دعم الأسر في وضعية هشاشة {p}",
    "Support to vulnerable families {p}",
    &[CivilSociety],
    &["16010", "15150"],
    &["1", "10"],
    &["1.3", "10.2"],
);

pub const INSTITUTIONAL: &[Template] = &[
    t(
        "Formation des cadres de l'administration territoriale {p}",
        "تكوين أطر الإدارة الترابية {p}",
        "Training of territorial administration staff {p}",
        &[AdministrativeCapacity, Decentralisation],
        &["15185", "11430"],
        &["16"],
        &["16.6"],
    ),
    t(
        "Appui à la déconcentration administrative {p}",
        "دعم اللاتمركز الإداري {p}",
        "Support to administrative deconcentration {p}",
        &[Deconcentration],
        &["15110"],
        &["16"],
        &["16.6"],
    ),
    t(
        "Intégrité dans la commande publique {p}",
        "النزاهة في الصفقات العمومية {p}",
        "Integrity in public procurement {p}",
        &[Integrity],
        &["15113", "15111"],
        &["16"],
        &["16.5"],
    ),
    t(
        "Évaluation des politiques publiques {p}",
        "تقييم السياسات العمومية {p}",
        "Public policy evaluation {p}",
        &[AdministrativeCapacity],
        &["15110"],
        &["16", "17"],
        &["16.6", "17.18"],
    ),
    t(
        "Droits de l'Homme et formation des agents publics {p}",
        "حقوق الإنسان وتكوين الموظفين العموميين {p}",
        "Human rights training for public officials {p}",
        &[HumanRights, AdministrativeCapacity],
        &["15160"],
        &["16"],
        &["16.10", "16.a"],
    ),
    t(
        "Modernisation des services publics numériques {p}",
        "تحديث الخدمات العمومية الرقمية {p}",
        "Modernising digital public services {p}",
        &[DigitalPublicServices],
        &["15110"],
        &["16"],
        &["16.6"],
    ),
    t(
        "Stages en France pour les cadres de l'administration {p}",
        "تداريب بفرنسا لفائدة أطر الإدارة {p}",
        "Placements in France for civil servants {p}",
        &[AdministrativeCapacity],
        &["11430"],
        &["4", "16"],
        &["4.4", "16.6"],
    ),
    t(
        "Statistiques territoriales et aide à la décision {p}",
        "الإحصاءات الترابية والمساعدة على اتخاذ القرار {p}",
        "Territorial statistics for decision-making {p}",
        &[AdministrativeCapacity, Decentralisation],
        &["16062", "15112"],
        &["17"],
        &["17.18"],
    ),
];

pub const TERRITORIAL: &[Template] = &[
    t(
        "Mobilité urbaine durable {p}",
        "التنقل الحضري المستدام {p}",
        "Sustainable urban mobility {p}",
        &[Climate, DecentralisedCooperation],
        &["43030"],
        &["11"],
        &["11.2"],
    ),
    t(
        "Plan climat territorial {p}",
        "المخطط الترابي للمناخ {p}",
        "Territorial climate plan {p}",
        &[Climate, Decentralisation],
        &["41010", "15112"],
        &["13", "11"],
        &["13.2", "11.b"],
    ),
    t(
        "Instances consultatives et participation des jeunes {p}",
        "الهيئات الاستشارية ومشاركة الشباب {p}",
        "Consultative bodies and youth participation {p}",
        &[CitizenParticipation, Youth, Decentralisation],
        &["15112", "15150"],
        &["16"],
        &["16.7"],
    ),
    t(
        "Gestion intégrée des ressources en eau {p}",
        "التدبير المندمج للموارد المائية {p}",
        "Integrated water resources management {p}",
        &[WaterAndBiodiversity, DecentralisedCooperation],
        &["14010"],
        &["6"],
        &["6.5"],
    ),
    t(
        "Appui à la maîtrise d'ouvrage locale {p}",
        "دعم قدرات الجماعات الترابية في الإشراف على المشاريع {p}",
        "Support to local project ownership {p}",
        &[Decentralisation, AdministrativeCapacity],
        &["15185", "15112"],
        &["16", "11"],
        &["16.6", "11.3"],
    ),
    t(
        "Développement économique local et emploi des jeunes {p}",
        "التنمية الاقتصادية المحلية وتشغيل الشباب {p}",
        "Local economic development and youth employment {p}",
        &[Youth, DecentralisedCooperation],
        &["16020", "43040"],
        &["8"],
        &["8.5", "8.6"],
    ),
    t(
        "Patrimoine et tourisme durable {p}",
        "التراث والسياحة المستدامة {p}",
        "Heritage and sustainable tourism {p}",
        &[DecentralisedCooperation, Climate],
        &["16061", "43030"],
        &["8", "11"],
        &["8.9", "11.4"],
    ),
    t(
        "Gestion des déchets ménagers {p}",
        "تدبير النفايات المنزلية {p}",
        "Household waste management {p}",
        &[Climate, Decentralisation],
        &["41010", "43030"],
        &["11", "12"],
        &["11.6", "12.5"],
    ),
    t(
        "Programme d'action participatif {p}",
        "برنامج العمل التشاركي {p}",
        "Participatory action programme {p}",
        &[CitizenParticipation, Decentralisation],
        &["15112", "15150"],
        &["16"],
        &["16.7"],
    ),
];

impl Template {
    /// The title in French, Arabic and English, at `place`.
    pub fn titles(&self, place: &PlacePhrase) -> (String, String, String) {
        (
            self.fr.replace("{p}", &place.fr),
            self.ar.replace("{p}", &place.ar),
            self.en.replace("{p}", &place.en),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_read_naturally() {
        let (fr, ar, en) = VULNERABLE.titles(&PlacePhrase::town("Tiznit", "تيزنيت"));
        assert_eq!(fr, "Soutien aux familles vulnérables à Tiznit");
        assert_eq!(ar, "دعم الأسر في وضعية هشاشة في تيزنيت");
        assert_eq!(en, "Support to vulnerable families in Tiznit");
        let region = PlacePhrase::region("L'Oriental", "جهة الشرق");
        assert_eq!(region.fr, "dans la région de l'Oriental");
        assert_eq!(region.en, "in the Oriental region");
        let province = PlacePhrase::province("Azilal", "أزيلال", false);
        assert_eq!(province.fr, "dans la province d'Azilal");
    }

    #[test]
    fn every_template_has_a_sector_a_goal_and_a_theme() {
        for t in CIVIL_SOCIETY
            .iter()
            .chain(INSTITUTIONAL)
            .chain(TERRITORIAL)
            .chain([&VULNERABLE])
        {
            assert!(!t.dac.is_empty() && t.dac.len() <= 3, "{}", t.fr);
            assert!(!t.goals.is_empty() && !t.themes.is_empty(), "{}", t.fr);
            assert!(t.fr.contains("{p}") && t.ar.contains("{p}") && t.en.contains("{p}"));
            // Every target belongs to one of the goals.
            for target in t.targets {
                let goal = target.split('.').next().unwrap_or_default();
                assert!(t.goals.contains(&goal), "{} {target}", t.fr);
            }
        }
    }
}

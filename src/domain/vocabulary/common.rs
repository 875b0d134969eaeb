//! Vocabularies shared by several kinds of record.

vocabulary! {
    /// Who may see a record. Scoping is applied inside every query (lists, counts, nested
    /// connections, subscriptions, network queries), so a record the viewer may not see is
    /// simply absent. New records are `INTERNAL` unless given a sensitivity.
    pub enum Sensitivity {
        /// Anyone, including anonymous clients (the public map). Projects also need
        /// `publishable` to appear in open-data exports.
        Public = "PUBLIC",
        /// Any authenticated viewer: partners, officers of any circumscription, coordinators.
        /// The default.
        Internal = "INTERNAL",
        /// Coordinators and administrators, and the officers (consulate, Institut français) of
        /// a circumscription the record belongs to. Used for evaluations, negotiations, figures
        /// not yet public.
        Restricted = "RESTRICTED",
        /// Personal data under the GDPR (named people, their contacts, grant beneficiaries):
        /// the same audience as `RESTRICTED`, never public, never exported, and changes are
        /// logged without their values.
        Personal = "PERSONAL",
    }
}

vocabulary! {
    /// The country an actor belongs to (where it is established, not where it works).
    pub enum Country {
        /// Morocco.
        Ma = "MA",
        /// France.
        Fr = "FR",
        /// An international organisation rather than a country: the European Union, UN
        /// agencies, multilateral banks. Reference files abbreviate it `INT`.
        International = "INTERNATIONAL",
        /// Any other country (a third-country donor, a foreign network).
        Other = "OTHER",
    }
}

vocabulary! {
    /// The governance pole's own thematic tags, used on actors, projects, partnerships, calls
    /// and exchanges. They are the pole's working categories; IATI's DAC 5-digit purpose codes
    /// are kept separately on projects (`dacSectors`).
    pub enum Theme {
        /// Capacity building of public administrations: training of civil servants, management,
        /// public policy evaluation.
        AdministrativeCapacity = "ADMINISTRATIVE_CAPACITY",
        /// Youth: civic engagement, employability, young leaders.
        Youth = "YOUTH",
        /// Gender equality, women's rights, fight against gender stereotypes and violence.
        Gender = "GENDER",
        /// Climate change mitigation and adaptation, ecological transition.
        Climate = "CLIMATE",
        /// Human rights and their institutions (e.g. the CNDH and its regional commissions).
        HumanRights = "HUMAN_RIGHTS",
        /// Integrity, transparency and the fight against corruption (e.g. the INPPLC, formerly
        /// ICPC).
        Integrity = "INTEGRITY",
        /// Decentralisation: powers and resources transferred to elected local authorities
        /// (Morocco's advanced regionalisation, the 2015 organic laws on regions, prefectures
        /// and provinces, and communes).
        Decentralisation = "DECENTRALISATION",
        /// Administrative deconcentration: State powers delegated to its own services in the
        /// regions and provinces (the 2018 national charter of administrative deconcentration).
        Deconcentration = "DECONCENTRATION",
        /// Decentralised cooperation: partnerships between French and Moroccan local
        /// authorities (regions, départements / provinces, communes).
        DecentralisedCooperation = "DECENTRALISED_COOPERATION",
        /// Civil society: structuring, coaching and funding of associations and their
        /// coalitions.
        CivilSociety = "CIVIL_SOCIETY",
        /// Citizen participation: petitions, consultation bodies of local authorities,
        /// participatory democracy.
        CitizenParticipation = "CITIZEN_PARTICIPATION",
        /// Digital public services and the modernisation of the administration's relations with
        /// users.
        DigitalPublicServices = "DIGITAL_PUBLIC_SERVICES",
        /// Migration and mobility, including the inclusion of migrants.
        Migration = "MIGRATION",
        /// Sport as a means of social inclusion (a theme of the embassy's calls for proposals).
        SportAndInclusion = "SPORT_AND_INCLUSION",
        /// Water resources and biodiversity.
        WaterAndBiodiversity = "WATER_AND_BIODIVERSITY",
    }
}

vocabulary! {
    /// How precisely a date is known. Partnership and agreement dates often come as a year
    /// only ("since 2002"); the stored date is then the first day of that year (or month).
    pub enum DatePrecision {
        /// Only the year is known; the date is 1 January of that year.
        Year = "YEAR",
        /// The year and month are known; the date is the first day of that month.
        Month = "MONTH",
        /// The exact day is known.
        Day = "DAY",
    }
}

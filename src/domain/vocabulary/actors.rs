//! Actors of the network, their kinds and contacts.

vocabulary! {
    /// What kind of organisation an actor is. Each kind is a concrete GraphQL type implementing
    /// the `Actor` interface, with its own fields (a local authority's level, an Institut
    /// français site's city …).
    pub enum ActorKind {
        /// A Moroccan association (civil-society organisation) that the pole funds, coaches or
        /// works with; may carry a registration number and a founding date.
        Association = "ASSOCIATION",
        /// A ministry or one of its directorates (a department is a `MINISTRY` whose parent is
        /// the ministry), e.g. the Ministry of the Interior and its DGCT, the SGG.
        Ministry = "MINISTRY",
        /// A national public institution or constitutional body, e.g. the CNDH, the INPPLC.
        NationalInstitution = "NATIONAL_INSTITUTION",
        /// A Moroccan local authority (collectivité territoriale): a region, a prefecture or
        /// province council, or a commune; it governs a territory.
        MoroccanLocalAuthority = "MOROCCAN_LOCAL_AUTHORITY",
        /// A French local authority: région, département, commune or intercommunality, usually
        /// a partner in decentralised cooperation.
        FrenchLocalAuthority = "FRENCH_LOCAL_AUTHORITY",
        /// A site of the Institut français du Maroc (or an antenna, or the Alliance
        /// franco-marocaine of Safi).
        InstitutFrancais = "INSTITUT_FRANCAIS",
        /// One of the six French consulates general (including the embassy's consular section
        /// in Rabat), each tied to its circumscription.
        Consulate = "CONSULATE",
        /// A service of the French Embassy, e.g. the Cooperation and Cultural Action Service
        /// (SCAC) and its governance pole.
        EmbassyService = "EMBASSY_SERVICE",
        /// A development agency, e.g. the Agence française de développement (AFD).
        DevelopmentAgency = "DEVELOPMENT_AGENCY",
        /// Another donor whose activities the pole monitors, e.g. the European Union, UN
        /// agencies.
        Donor = "DONOR",
        /// A network or association of actors, e.g. an association of local authorities
        /// (not itself a local authority).
        Network = "NETWORK",
        /// A university, school or research centre.
        Academic = "ACADEMIC",
        /// Anything else.
        Other = "OTHER",
    }
}

vocabulary! {
    /// The level of a local authority, Moroccan or French.
    pub enum LocalAuthorityLevel {
        /// A Moroccan region (conseil régional).
        MaRegion = "MA_REGION",
        /// A Moroccan prefecture or province council.
        MaPrefectureProvince = "MA_PREFECTURE_PROVINCE",
        /// A Moroccan commune (urban or rural).
        MaCommune = "MA_COMMUNE",
        /// A French région.
        FrRegion = "FR_REGION",
        /// A French département (conseil départemental).
        FrDepartement = "FR_DEPARTEMENT",
        /// A French commune.
        FrCommune = "FR_COMMUNE",
        /// A French intercommunality (EPCI: métropole, communauté urbaine, communauté
        /// d'agglomération or de communes).
        FrIntercommunality = "FR_INTERCOMMUNALITY",
    }
}

vocabulary! {
    /// The kind of an Institut français site.
    pub enum InstituteSiteKind {
        /// A full site of the Institut français du Maroc (Rabat, Casablanca, Fès …).
        IfSite = "IF_SITE",
        /// An antenna attached to a site.
        IfAntenna = "IF_ANTENNA",
        /// An Alliance franco-marocaine, an associative partner of the Institut français
        /// network (e.g. in Safi).
        AllianceFrancoMarocaine = "ALLIANCE_FRANCO_MAROCAINE",
    }
}

vocabulary! {
    /// The medium of a contact point. Contacts are personal data unless institutional.
    pub enum ContactKind {
        /// An e-mail address.
        Email = "EMAIL",
        /// A landline or switchboard number.
        Phone = "PHONE",
        /// A mobile number.
        Mobile = "MOBILE",
        /// A postal address.
        Address = "ADDRESS",
        /// A web page or social-network profile.
        Web = "WEB",
    }
}

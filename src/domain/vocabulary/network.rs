//! Partnerships, agreements, events and expertise exchanges.

vocabulary! {
    /// What binds the members of a partnership.
    pub enum PartnershipKind {
        /// Decentralised cooperation (coopération décentralisée): a partnership between French
        /// and Moroccan local authorities under a cooperation agreement, e.g. Région
        /// Nouvelle-Aquitaine with Région Souss-Massa.
        DecentralisedCooperation = "DECENTRALISED_COOPERATION",
        /// A partnership between institutions or administrations (ministries, national
        /// institutions, agencies), e.g. a training agreement.
        Institutional = "INSTITUTIONAL",
        /// Membership of an actor in a network, e.g. a commune in an association of local
        /// authorities.
        NetworkMembership = "NETWORK_MEMBERSHIP",
        /// A memorandum of understanding: an intent to cooperate without a detailed programme.
        Mou = "MOU",
    }
}

vocabulary! {
    /// Where a partnership stands.
    pub enum PartnershipStatus {
        /// Announced or being negotiated; nothing signed or started yet.
        Planned = "PLANNED",
        /// In force, with recent activity.
        Active = "ACTIVE",
        /// Formally in force but without recent activity.
        Dormant = "DORMANT",
        /// Expired or terminated.
        Ended = "ENDED",
    }
}

vocabulary! {
    /// Which side of a Franco-Moroccan partnership a member is on.
    pub enum Side {
        /// The French side.
        French = "FRENCH",
        /// The Moroccan side.
        Moroccan = "MOROCCAN",
        /// Neither: a third country or an international organisation.
        Other = "OTHER",
    }
}

vocabulary! {
    /// The legal form of an agreement signed within a partnership.
    pub enum AgreementKind {
        /// A framework agreement (accord-cadre) setting the areas and principles of
        /// cooperation for several years.
        FrameworkAgreement = "FRAMEWORK_AGREEMENT",
        /// A convention (partnership or funding agreement) for a defined programme.
        Convention = "CONVENTION",
        /// A protocol (protocole d'accord or additional protocol).
        Protocol = "PROTOCOL",
        /// A twinning charter between two local authorities (jumelage).
        Twinning = "TWINNING",
        /// A declaration or letter of intent.
        DeclarationOfIntent = "DECLARATION_OF_INTENT",
        /// Any other form.
        Other = "OTHER",
    }
}

vocabulary! {
    /// The kind of an event.
    pub enum EventKind {
        /// A training session (e.g. for civil servants or association staff).
        TrainingSession = "TRAINING_SESSION",
        /// A study tour: a delegation visits several sites, often in France.
        StudyTour = "STUDY_TOUR",
        /// A technical visit by experts to a site or an administration.
        TechnicalVisit = "TECHNICAL_VISIT",
        /// A visit by elected officials or ministers.
        PoliticalVisit = "POLITICAL_VISIT",
        /// A forum open to many participants (e.g. the Young Leaders Forum).
        Forum = "FORUM",
        /// A seminar, workshop or conference.
        Seminar = "SEMINAR",
        /// A high-level meeting between authorities.
        HighLevelMeeting = "HIGH_LEVEL_MEETING",
        /// A steering committee (comité de pilotage) of a project, partnership or of the joint
        /// fund.
        SteeringCommittee = "STEERING_COMMITTEE",
    }
}

vocabulary! {
    /// The part an actor plays in an event.
    pub enum EventRole {
        /// Organises the event.
        Organiser = "ORGANISER",
        /// Organises the event with others.
        CoOrganiser = "CO_ORGANISER",
        /// Takes part in the event.
        Participant = "PARTICIPANT",
        /// Speaks at the event.
        Speaker = "SPEAKER",
    }
}

vocabulary! {
    /// The kind of an expertise exchange between actors.
    pub enum ExchangeKind {
        /// An expert goes on a mission to share expertise (usually a French expert to Morocco).
        ExpertiseMission = "EXPERTISE_MISSION",
        /// Moroccan officials or experts invited to France.
        Invitation = "INVITATION",
        /// A grant for a training course or internship (stage) in France.
        TrainingGrant = "TRAINING_GRANT",
        /// A study visit to an administration or local authority.
        StudyVisit = "STUDY_VISIT",
        /// An institutional twinning between administrations (including EU twinning
        /// projects).
        Twinning = "TWINNING",
    }
}

vocabulary! {
    /// The direction in which an actor takes part in an exchange.
    pub enum ExchangePartySide {
        /// Provides the expertise (sends the expert, hosts the visit or the training).
        Provider = "PROVIDER",
        /// Receives the expertise.
        Beneficiary = "BENEFICIARY",
    }
}

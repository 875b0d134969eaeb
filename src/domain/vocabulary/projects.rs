//! Projects, modelled on IATI 2.03 activities.

vocabulary! {
    /// The three pillars of the governance pole's work.
    pub enum Pillar {
        /// Support to civil society: funding and coaching Moroccan associations.
        CivilSociety = "CIVIL_SOCIETY",
        /// Institutional cooperation with ministries and national institutions (training,
        /// expertise, exchanges between administrations).
        InstitutionalCooperation = "INSTITUTIONAL_COOPERATION",
        /// Territorial governance: decentralisation, deconcentration and decentralised
        /// cooperation between French and Moroccan local authorities.
        TerritorialGovernance = "TERRITORIAL_GOVERNANCE",
    }
}

vocabulary! {
    /// How an action is financed and delivered (the French cooperation instrument).
    pub enum Instrument {
        /// An expert mission (Programme 209 "missions, invitations, stages" credits).
        Mission = "MISSION",
        /// An invitation of Moroccan officials or experts to France (Programme 209).
        Invitation = "INVITATION",
        /// A training grant for a course or internship in France (Programme 209).
        TrainingGrant = "TRAINING_GRANT",
        /// Direct intervention credits: a grant decided by the embassy, outside a call.
        DirectInterventionCredit = "DIRECT_INTERVENTION_CREDIT",
        /// Support outside programming: a one-off action not in the yearly programme.
        SupportOutsideProgramming = "SUPPORT_OUTSIDE_PROGRAMMING",
        /// A grant awarded through one of the embassy's thematic calls for proposals.
        CallForProposals = "CALL_FOR_PROPOSALS",
        /// PISCCA (Projets innovants de la société civile et des coalitions d'acteurs): the
        /// foreign ministry's fund for small civil-society projects, awarded by the embassy.
        Piscca = "PISCCA",
        /// FSPI (Fonds de solidarité pour les projets innovants): a foreign-ministry-funded
        /// project of about two years, run by the embassy.
        Fspi = "FSPI",
        /// The joint Franco-Moroccan fund for decentralised cooperation (calls to paired
        /// French and Moroccan local authorities).
        JointDecentralisedFund = "JOINT_DECENTRALISED_FUND",
        /// Any other instrument (including another donor's).
        Other = "OTHER",
    }
}

vocabulary! {
    /// Where the money comes from.
    pub enum FundingSource {
        /// Programme 209 of the French State budget ("Solidarité à l'égard des pays en
        /// développement"), credits delegated to the embassy.
        P209 = "P209",
        /// The FSPI fund of the French foreign ministry.
        Fspi = "FSPI",
        /// The PISCCA fund of the French foreign ministry.
        Piscca = "PISCCA",
        /// The joint Franco-Moroccan decentralised cooperation fund.
        JointFund = "JOINT_FUND",
        /// Other French public funding (AFD, other ministries, French local authorities' own
        /// budgets).
        OtherFrench = "OTHER_FRENCH",
        /// Co-financing by a non-French donor (European Union, UN agencies …), or the donor's
        /// own funds for a monitored external activity.
        ExternalCofinancing = "EXTERNAL_COFINANCING",
    }
}

vocabulary! {
    /// The lifecycle stage of a project: the IATI ActivityStatus codelist (codes 1–6).
    pub enum ActivityStatus {
        /// IATI 1: identification or preparation; not yet started.
        Pipeline = "PIPELINE",
        /// IATI 2: being implemented.
        Implementation = "IMPLEMENTATION",
        /// IATI 3: physical activity complete, or final disbursement still pending.
        Finalisation = "FINALISATION",
        /// IATI 4: physically and financially complete.
        Closed = "CLOSED",
        /// IATI 5: cancelled before completion.
        Cancelled = "CANCELLED",
        /// IATI 6: temporarily suspended.
        Suspended = "SUSPENDED",
    }
}

impl ActivityStatus {
    /// The IATI ActivityStatus code (1–6).
    pub const fn iati_code(self) -> u8 {
        match self {
            Self::Pipeline => 1,
            Self::Implementation => 2,
            Self::Finalisation => 3,
            Self::Closed => 4,
            Self::Cancelled => 5,
            Self::Suspended => 6,
        }
    }
}

vocabulary! {
    /// The part an actor plays in a project: the four IATI OrganisationRole codes, plus two of
    /// the pole's own that IATI exports leave out.
    pub enum ParticipantRole {
        /// IATI 1: provides the funds.
        Funding = "FUNDING",
        /// IATI 2: responsible for oversight of the activity and its outcomes (the embassy for
        /// its own projects).
        Accountable = "ACCOUNTABLE",
        /// IATI 3: manages the budget and direction of the activity on behalf of the funder.
        Extending = "EXTENDING",
        /// IATI 4: physically carries out the activity.
        Implementing = "IMPLEMENTING",
        /// A partner without a formal IATI role (e.g. an association co-running a training).
        /// Not an IATI role.
        Partner = "PARTNER",
        /// The institution, local authority or association that the project benefits. Not an
        /// IATI role.
        Beneficiary = "BENEFICIARY",
    }
}

impl ParticipantRole {
    /// The IATI OrganisationRole code (1–4), or `None` for the pole's own roles.
    pub const fn iati_code(self) -> Option<u8> {
        match self {
            Self::Funding => Some(1),
            Self::Accountable => Some(2),
            Self::Extending => Some(3),
            Self::Implementing => Some(4),
            Self::Partner | Self::Beneficiary => None,
        }
    }
}

vocabulary! {
    /// Whose project it is.
    pub enum ProjectOrigin {
        /// Run or funded by the embassy (the SCAC and its governance pole).
        Own = "OWN",
        /// Another donor's activity, monitored to know who does what where.
        External = "EXTERNAL",
    }
}

vocabulary! {
    /// Which SDG vocabulary a project's tag uses (IATI TagVocabulary).
    pub enum SdgVocabulary {
        /// A Sustainable Development Goal, 1–17 (IATI tag vocabulary 2).
        Goal = "GOAL",
        /// An SDG target such as `5.2` or `16.a` (IATI tag vocabulary 3).
        Target = "TARGET",
    }
}

impl SdgVocabulary {
    /// The IATI TagVocabulary code.
    pub const fn iati_code(self) -> u8 {
        match self {
            Self::Goal => 2,
            Self::Target => 3,
        }
    }
}

vocabulary! {
    /// Whether a budget line is the original or a revised figure (IATI BudgetType).
    pub enum BudgetKind {
        /// IATI 1: the original budget allocated to the activity.
        Original = "ORIGINAL",
        /// IATI 2: a revised budget, replacing the original for its period.
        Revised = "REVISED",
    }
}

impl BudgetKind {
    /// The IATI BudgetType code.
    pub const fn iati_code(self) -> u8 {
        match self {
            Self::Original => 1,
            Self::Revised => 2,
        }
    }
}

vocabulary! {
    /// The kind of a financial transaction of a project (IATI TransactionType 1–4).
    pub enum TransactionKind {
        /// IATI 1: funds received by the project from an external source.
        IncomingFunds = "INCOMING_FUNDS",
        /// IATI 2: a firm written obligation to provide funds (e.g. a signed grant agreement).
        Commitment = "COMMITMENT",
        /// IATI 3: an outgoing transfer of funds to another organisation.
        Disbursement = "DISBURSEMENT",
        /// IATI 4: money spent directly on goods and services for the project.
        Expenditure = "EXPENDITURE",
    }
}

impl TransactionKind {
    /// The IATI TransactionType code.
    pub const fn iati_code(self) -> u8 {
        match self {
            Self::IncomingFunds => 1,
            Self::Commitment => 2,
            Self::Disbursement => 3,
            Self::Expenditure => 4,
        }
    }
}

//! The activity log and the record types it refers to.

vocabulary! {
    /// The type of a record referred to by reference rather than by foreign key: the subject of
    /// an activity, and the records whose circumscriptions are kept in the scope table.
    pub enum RecordType {
        /// An actor (any kind).
        Actor = "ACTOR",
        /// A project.
        Project = "PROJECT",
        /// A partnership.
        Partnership = "PARTNERSHIP",
        /// An event.
        Event = "EVENT",
        /// An expertise exchange.
        Exchange = "EXCHANGE",
        /// A call for proposals.
        Call = "CALL",
        /// An application to a call.
        Application = "APPLICATION",
        /// A named person (personal data).
        Person = "PERSON",
        /// An allocation of the joint fund.
        FundAllocation = "FUND_ALLOCATION",
        /// A fund. Not scoped to circumscriptions; appears only as an activity subject.
        Fund = "FUND",
        /// A territory (reference data). Appears only as an activity subject.
        Territory = "TERRITORY",
        /// A consular circumscription or its coverage (reference data). Appears only as an
        /// activity subject.
        Circumscription = "CIRCUMSCRIPTION",
    }
}

vocabulary! {
    /// What happened, in an entry of the activity log. Changes to personal data are logged
    /// without their values.
    pub enum ActivityKind {
        /// A new actor joined the network.
        ActorJoined = "ACTOR_JOINED",
        /// An actor's profile, themes or contacts changed.
        ActorUpdated = "ACTOR_UPDATED",
        /// An actor was archived (actors are never deleted).
        ActorArchived = "ACTOR_ARCHIVED",
        /// An archived actor was restored.
        ActorRestored = "ACTOR_RESTORED",
        /// A named person was recorded (personal data: no values in the log).
        PersonAdded = "PERSON_ADDED",
        /// A person's details or contacts changed (no values in the log).
        PersonUpdated = "PERSON_UPDATED",
        /// A person's personal data was erased at their request (GDPR right to erasure).
        PersonErased = "PERSON_ERASED",
        /// A project was created.
        ProjectCreated = "PROJECT_CREATED",
        /// A project, its participants, locations, sectors, budget or transactions changed.
        ProjectUpdated = "PROJECT_UPDATED",
        /// A project was archived.
        ProjectArchived = "PROJECT_ARCHIVED",
        /// A partnership was recorded.
        PartnershipCreated = "PARTNERSHIP_CREATED",
        /// A partnership, its members or its agreements changed.
        PartnershipUpdated = "PARTNERSHIP_UPDATED",
        /// A partnership was archived.
        PartnershipArchived = "PARTNERSHIP_ARCHIVED",
        /// An event was scheduled.
        EventScheduled = "EVENT_SCHEDULED",
        /// An event, its participants or attendees changed.
        EventUpdated = "EVENT_UPDATED",
        /// An event was archived (e.g. cancelled).
        EventArchived = "EVENT_ARCHIVED",
        /// An expertise exchange was recorded.
        ExchangeRecorded = "EXCHANGE_RECORDED",
        /// An expertise exchange or its parties changed.
        ExchangeUpdated = "EXCHANGE_UPDATED",
        /// An expertise exchange was archived.
        ExchangeArchived = "EXCHANGE_ARCHIVED",
        /// An allocation of the joint fund was proposed.
        FundingProposed = "FUNDING_PROPOSED",
        /// An allocation of the joint fund was committed against its envelope.
        FundingCommitted = "FUNDING_COMMITTED",
        /// An allocation of the joint fund was cancelled (released from the envelope if it
        /// had been committed).
        FundingCancelled = "FUNDING_CANCELLED",
        /// A call for proposals was published.
        CallPublished = "CALL_PUBLISHED",
        /// A call for proposals changed.
        CallUpdated = "CALL_UPDATED",
        /// An application to a call was submitted.
        ApplicationSubmitted = "APPLICATION_SUBMITTED",
        /// An application was decided on (its status changed: eligible, shortlisted,
        /// selected, rejected, withdrawn).
        ApplicationDecided = "APPLICATION_DECIDED",
        /// Reference data changed: territories, circumscriptions or their coverage.
        ReferenceUpdated = "REFERENCE_UPDATED",
    }
}

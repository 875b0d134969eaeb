//! Money: the joint fund, calls for proposals and applications, currencies.

vocabulary! {
    @db "Char(Some(3))";
    /// An ISO 4217 currency. Amounts are integer minor units (cents, centimes) beside their
    /// currency, never floating point; GraphQL shows them as decimal strings.
    pub enum Currency {
        /// The euro.
        Eur = "EUR",
        /// The Moroccan dirham.
        Mad = "MAD",
    }
}

impl Currency {
    /// How many decimal digits the minor unit has (ISO 4217): 2 for both the euro (cent) and
    /// the dirham (centime), so `180000000` minor units are `1800000.00`.
    pub const fn minor_unit_digits(self) -> u32 {
        match self {
            Self::Eur | Self::Mad => 2,
        }
    }
}

vocabulary! {
    /// Where an allocation of the joint fund stands. Only `COMMITTED` allocations count
    /// against the fund's envelope.
    pub enum AllocationStatus {
        /// Proposed (e.g. by a selection committee), not yet counted against the envelope.
        Proposed = "PROPOSED",
        /// Committed: counted in the fund's committed amount, which may never exceed the
        /// envelope.
        Committed = "COMMITTED",
        /// Cancelled: released from the envelope if it had been committed.
        Cancelled = "CANCELLED",
    }
}

vocabulary! {
    /// Where an application to a call for proposals stands.
    pub enum ApplicationStatus {
        /// Received, not yet examined.
        Submitted = "SUBMITTED",
        /// Found eligible (complete, within the call's rules).
        Eligible = "ELIGIBLE",
        /// Retained for the final selection.
        Shortlisted = "SHORTLISTED",
        /// Selected for funding; becomes a project.
        Selected = "SELECTED",
        /// Not selected, or found ineligible.
        Rejected = "REJECTED",
        /// Withdrawn by the applicants.
        Withdrawn = "WITHDRAWN",
    }
}

//! Territories and consular circumscriptions.

vocabulary! {
    /// The level of a Moroccan territory in the 2015 territorial organisation.
    pub enum TerritoryLevel {
        /// One of the 12 regions (decree 2-15-40 of 2015), e.g. `MA-04` Rabat-Salé-Kénitra.
        Region = "REGION",
        /// An urban prefecture (13), a subdivision of a region, e.g. `MA-RAB` Rabat.
        Prefecture = "PREFECTURE",
        /// A province (62), a subdivision of a region, e.g. `MA-KEN` Kénitra.
        Province = "PROVINCE",
        /// An urban or rural commune, a subdivision of a prefecture or province. Not in the
        /// reference data: communes are added as actors need them.
        Commune = "COMMUNE",
    }
}

vocabulary! {
    /// How sure we are that a territory belongs to a consular circumscription. No official
    /// list of the French consulates' circumscriptions in Morocco was found, so the reference
    /// coverage is provisional until a coordinator confirms it.
    pub enum CoverageConfidence {
        /// Confirmed from an official source or by the consulate.
        Confirmed = "CONFIRMED",
        /// Believed but not confirmed (e.g. inferred from the consulate's seat region or from
        /// its past tours); shown with a caveat.
        Provisional = "PROVISIONAL",
    }
}

vocabulary! {
    /// The kind of French diplomatic or consular post that serves a circumscription.
    pub enum PostKind {
        /// The embassy in Rabat, whose consular section acts as the consulate general for the
        /// Rabat circumscription.
        EmbassyAndConsulateGeneral = "EMBASSY_AND_CONSULATE_GENERAL",
        /// A consulate general (Casablanca, Fès, Marrakech, Tanger, Agadir).
        ConsulateGeneral = "CONSULATE_GENERAL",
    }
}

//! The closed vocabularies of the domain: every enumeration that is stored in a column, exposed as
//! a GraphQL enum and written in exports.
//!
//! One spelling everywhere: the value stored in the database (`VARCHAR(40)`, `CHAR(3)` for
//! currencies), the GraphQL enum value and the serde form are the same `SCREAMING_SNAKE_CASE`
//! string (`ASSOCIATION`, `DECENTRALISED_COOPERATION`). The [`vocabulary!`] macro writes that
//! string once per variant, so the three can never drift apart. Adding a variant needs no
//! migration (the columns are plain strings); renaming or removing one does (stored rows).
//!
//! Files, by area of the data model (all re-exported here: the path is always
//! `crate::domain::vocabulary::X`):
//! - `common.rs`: sensitivity, countries, themes, date precision
//! - `geography.rs`: territories and consular circumscriptions
//! - `actors.rs`: actors, local authorities, Institut français sites, contacts
//! - `projects.rs`: IATI activities (pillars, instruments, statuses, roles, budgets, transactions)
//! - `network.rs`: partnerships, agreements, events, exchanges
//! - `funding.rs`: the joint fund, calls for proposals, currencies
//! - `activity.rs`: the activity log and the record types it (and the scope table) refer to
//!
//! Every enum and variant carries a doc comment: async-graphql turns them into the schema
//! descriptions that frontend developers read.

use std::fmt;

/// Declares one vocabulary: the enum with its derives (sea-orm `DeriveActiveEnum`, async-graphql
/// `Enum`, serde), the per-variant stored / GraphQL / serde spelling, and the helpers
/// `ALL`, `as_str()`, `Display` and `FromStr`.
///
/// ```text
/// vocabulary! {
///     /// What the enum means.
///     pub enum Side {
///         /// What the value means.
///         French = "FRENCH",
///     }
/// }
/// ```
///
/// The column type defaults to `VARCHAR(40)`; `@db "Char(Some(3))";` before the enum overrides
/// it (sea-orm `ColumnType` syntax).
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:tt ),+ $(,)?
        }
    ) => {
        vocabulary! {
            @db "String(sea_orm::sea_query::StringLen::N(40))";
            $(#[$meta])*
            pub enum $name { $( $(#[$vmeta])* $variant = $value ),+ }
        }
    };
    (
        @db $db_type:tt;
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            sea_orm::EnumIter,
            sea_orm::DeriveActiveEnum,
            async_graphql::Enum,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[sea_orm(rs_type = "String", db_type = $db_type)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[sea_orm(string_value = $value)]
                #[graphql(name = $value)]
                #[serde(rename = $value)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored, GraphQL and serde spelling of this value.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::vocabulary::UnknownValue;

            /// Parses the exact stored spelling (`"ASSOCIATION"`); no case folding, no aliases.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($value => Ok(Self::$variant),)+
                    _ => Err($crate::domain::vocabulary::UnknownValue {
                        vocabulary: stringify!($name),
                        value: s.to_owned(),
                    }),
                }
            }
        }
    };
}

mod activity;
mod actors;
mod common;
mod funding;
mod geography;
mod network;
mod projects;

pub use activity::{ActivityKind, RecordType};
pub use actors::{ActorKind, ContactKind, InstituteSiteKind, LocalAuthorityLevel};
pub use common::{Country, DatePrecision, Sensitivity, Theme};
pub use funding::{AllocationStatus, ApplicationStatus, Currency};
pub use geography::{CoverageConfidence, PostKind, TerritoryLevel};
pub use network::{
    AgreementKind, EventKind, EventRole, ExchangeKind, ExchangePartySide, PartnershipKind,
    PartnershipStatus, Side,
};
pub use projects::{
    ActivityStatus, BudgetKind, FundingSource, Instrument, ParticipantRole, Pillar, ProjectOrigin,
    SdgVocabulary, TransactionKind,
};

/// A string that is not a value of the vocabulary it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum's Rust name, e.g. `ActorKind`.
    pub vocabulary: &'static str,
    /// The string that was refused.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not a {} value", self.value, self.vocabulary)
    }
}

impl std::error::Error for UnknownValue {}

#[cfg(test)]
mod tests;

//! `Circumscription`: a consulate general's district.

use async_graphql::{Context, ID, Object};

use super::actor::Actor;
use super::common::{Date, Lang, Names};
use super::territory::Territory;
use crate::domain::vocabulary::{CoverageConfidence, PostKind};
use crate::entities::{circumscription, circumscription_coverage};
use crate::graphql::loaders::actors::{ConsulateOfCircumscription, InstitutesOfCircumscription};
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::reference::{CoverageOfCircumscription, TerritoryById};
use crate::graphql::relay::{GlobalId, NodeKind, connection};

/// The district of one of the six French consulates general in Morocco. Which
/// circumscription(s) a record belongs to is derived from its territories, never typed in.
#[derive(Debug, Clone)]
pub struct Circumscription {
    id: i64,
    code: String,
    names: Names,
    consulate_city: String,
    post_kind: PostKind,
    version: i32,
}

impl From<circumscription::Model> for Circumscription {
    fn from(m: circumscription::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            names: Names::new(m.name_fr, m.name_ar, m.name_en),
            consulate_city: m.consulate_city,
            post_kind: m.post_kind,
            version: m.version,
        }
    }
}

/// The district of one of the six French consulates general in Morocco. Which
/// circumscription(s) a record belongs to is derived from its territories, never typed in.
#[Object]
impl Circumscription {
    /// The global ID of this circumscription.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Circumscription, self.id).encode()
    }

    /// Increases with every change, coverage included; pass it as `expectedVersion` to change
    /// the coverage (administrators).
    async fn version(&self) -> i32 {
        self.version
    }

    /// The code used in tokens and filters: RABAT, CASABLANCA, FES, MARRAKECH, TANGER, AGADIR.
    async fn code(&self) -> &str {
        &self.code
    }

    /// The name in `lang`, falling back to French, then Arabic, then English.
    async fn name(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.names.label(lang)
    }

    /// The city of the consulate general.
    async fn consulate_city(&self) -> &str {
        &self.consulate_city
    }

    /// The kind of post (an embassy with a consular section, or a consulate general).
    async fn post_kind(&self) -> PostKind {
        self.post_kind
    }

    /// The consulate general serving this circumscription.
    async fn consulate(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Actor>> {
        Ok(load_one::<_, ConsulateOfCircumscription>(ctx, self.id)
            .await?
            .map(Actor::from))
    }

    /// The Institut français sites in this circumscription, by name.
    async fn institutes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Actor>> {
        Ok(load_one::<_, InstitutesOfCircumscription>(ctx, self.id)
            .await?
            .unwrap_or_default()
            .into_iter()
            .map(Actor::from)
            .collect())
    }

    /// The territories this circumscription covers, with how sure we are and since when;
    /// past and planned coverage included. Covering a region covers its provinces.
    async fn coverage(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<CircumscriptionCoverage>> {
        let rows = load_one::<_, CoverageOfCircumscription>(ctx, self.id)
            .await?
            .unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(CircumscriptionCoverage::from)
            .collect())
    }
}

/// One territory covered by a circumscription, for a period.
#[derive(Debug, Clone)]
pub struct CircumscriptionCoverage {
    territory_id: i64,
    confidence: CoverageConfidence,
    valid_from: Option<chrono::NaiveDate>,
    valid_to: Option<chrono::NaiveDate>,
    evidence: Option<String>,
}

impl From<circumscription_coverage::Model> for CircumscriptionCoverage {
    fn from(m: circumscription_coverage::Model) -> Self {
        Self {
            territory_id: m.territory_id,
            confidence: m.confidence,
            valid_from: m.valid_from,
            valid_to: m.valid_to,
            evidence: m.evidence,
        }
    }
}

/// One territory covered by a circumscription, for a period.
#[Object]
impl CircumscriptionCoverage {
    /// The territory covered (with its descendants).
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Territory> {
        load_one::<_, TerritoryById>(ctx, self.territory_id)
            .await?
            .map(Territory::from)
            .ok_or_else(|| {
                crate::error::AppError::internal("coverage of a missing territory").to_graphql()
            })
    }

    /// CONFIRMED by the embassy, or PROVISIONAL (believed from public sources).
    async fn confidence(&self) -> CoverageConfidence {
        self.confidence
    }

    /// First day of the coverage; null when it has always applied.
    async fn valid_from(&self) -> Option<Date> {
        self.valid_from.map(Date)
    }

    /// Last day of the coverage; null while it applies.
    async fn valid_to(&self) -> Option<Date> {
        self.valid_to.map(Date)
    }

    /// Where the information comes from.
    async fn evidence(&self) -> Option<&str> {
        self.evidence.as_deref()
    }
}

connection!(
    CircumscriptionConnection,
    CircumscriptionEdge,
    Circumscription,
    "circumscriptions"
);

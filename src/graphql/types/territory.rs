//! `Territory`: a region, prefecture, province or commune of Morocco.

use async_graphql::{Context, ID, Object};

use super::circumscription::Circumscription;
use super::common::{Lang, Names};
use crate::domain::vocabulary::TerritoryLevel;
use crate::entities::territory;
use crate::graphql::context::RequestContext;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::reference::{CircumscriptionOfTerritory, TerritoryById};
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, PageArgs, TotalCount, connection};
use crate::services::territories;

/// A territory of Morocco: one of the 12 regions, 75 prefectures and provinces (reference
/// data, ISO 3166-2 codes), or a commune added as actors need it. Filters by territory
/// include its descendants.
#[derive(Debug, Clone)]
pub struct Territory {
    id: i64,
    code: String,
    level: TerritoryLevel,
    names: Names,
    seat: Option<String>,
    parent_id: Option<i64>,
    version: i32,
}

impl From<territory::Model> for Territory {
    fn from(m: territory::Model) -> Self {
        Self {
            id: m.id,
            code: m.code,
            level: m.level,
            names: Names::new(m.name_fr, m.name_ar, m.name_en),
            seat: m.seat,
            parent_id: m.parent_id,
            version: m.version,
        }
    }
}

/// A territory of Morocco: one of the 12 regions, 75 prefectures and provinces (reference
/// data, ISO 3166-2 codes), or a commune added as actors need it. Filters by territory
/// include its descendants.
#[Object]
impl Territory {
    /// The global ID of this territory.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Territory, self.id).encode()
    }

    /// The ISO 3166-2 code (`MA-04` for a region, `MA-RAB` for a prefecture).
    async fn code(&self) -> &str {
        &self.code
    }

    /// Region, prefecture, province or commune.
    async fn level(&self) -> TerritoryLevel {
        self.level
    }

    /// The name in `lang`, falling back to French, then Arabic, then English.
    async fn name(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.names.label(lang)
    }

    /// Increases with every change; pass it as `expectedVersion` to update (administrators).
    async fn version(&self) -> i32 {
        self.version
    }

    /// The chief town (seat of the region or province), when known.
    async fn seat(&self) -> Option<&str> {
        self.seat.as_deref()
    }

    /// The territory this one belongs to (a province's region); null for a region.
    async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        let Some(parent_id) = self.parent_id else {
            return Ok(None);
        };
        Ok(load_one::<_, TerritoryById>(ctx, parent_id)
            .await?
            .map(Territory::from))
    }

    /// The territories directly below this one (a region's prefectures and provinces).
    async fn children(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Page size from the end (at most 100).")] last: Option<i32>,
        #[graphql(desc = "Return the items before this cursor.")] before: Option<String>,
    ) -> async_graphql::Result<TerritoryConnection> {
        let rc = RequestContext::of(ctx)?;
        let page = PageArgs {
            first,
            after,
            last,
            before,
        }
        .into_request()?;
        let found = territories::children(&rc.svc, self.id, &page).await?;
        let (svc, id) = (rc.svc.clone(), self.id);
        let total = TotalCount::Lazy(std::sync::Arc::new(move || {
            let svc = svc.clone();
            Box::pin(async move { territories::count_children(&svc, id).await })
        }));
        Ok(TerritoryConnection(ConnectionData::from_page(
            found,
            total,
            Territory::from,
        )))
    }

    /// The consular circumscription this territory belongs to today (through its own coverage
    /// or its nearest ancestor's); null where no coverage is recorded.
    async fn circumscription(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<Circumscription>> {
        Ok(load_one::<_, CircumscriptionOfTerritory>(ctx, self.id)
            .await?
            .map(Circumscription::from))
    }
}

connection!(TerritoryConnection, TerritoryEdge, Territory, "territories");

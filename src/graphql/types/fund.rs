//! `Fund`: a fund with an envelope — the joint Franco-Moroccan fund for decentralised
//! cooperation.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::call::{Call, CallConnection};
use super::common::{Date, DateTime, Lang, Names};
use super::fund_allocation::{FundAllocation, FundAllocationConnection};
use super::money::Money;
use crate::domain::money;
use crate::domain::vocabulary::{AllocationStatus, Currency, Sensitivity};
use crate::entities::fund;
use crate::graphql::loaders::funds::{
    FundAllocationCounts, FundAllocations, FundCallCounts, FundCalls,
};
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::funds::AllocationListArgs;
use crate::services::nested::{NestedKey, NestedPage};

/// A fund with an envelope in one currency, allocated to partnerships and projects — the
/// joint Franco-Moroccan fund for decentralised cooperation (EUR 1.8 M).
#[derive(Debug, Clone)]
pub struct Fund {
    record: Arc<fund::Model>,
    names: Names,
}

impl From<fund::Model> for Fund {
    fn from(m: fund::Model) -> Self {
        Self {
            names: Names::new(m.name_fr.clone(), m.name_ar.clone(), m.name_en.clone()),
            record: Arc::new(m),
        }
    }
}

impl Fund {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }

    fn money(&self, minor: i64) -> Money {
        Money::from(money::Money::new(minor, self.record.currency))
    }
}

/// A fund with an envelope in one currency, allocated to partnerships and projects — the
/// joint Franco-Moroccan fund for decentralised cooperation (EUR 1.8 M).
#[Object]
impl Fund {
    /// The global ID of this fund.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Fund, self.record.id).encode()
    }

    /// The name in `lang`, falling back to French, then Arabic, then English.
    async fn name(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.names.label(lang)
    }

    /// The fund's currency: its envelope and every converted amount are in it.
    async fn currency(&self) -> Currency {
        self.record.currency
    }

    /// The envelope: the most that may ever be committed.
    async fn envelope(&self) -> Money {
        self.money(self.record.envelope_minor)
    }

    /// The sum of the committed allocations, converted to the fund's currency.
    async fn committed(&self) -> Money {
        self.money(self.record.committed_minor)
    }

    /// What may still be committed: the envelope less the committed amount.
    async fn remaining(&self) -> Money {
        self.money(self.record.envelope_minor - self.record.committed_minor)
    }

    /// First day of the fund's period, when known.
    async fn period_start(&self) -> Option<Date> {
        self.record.period_start.map(Date)
    }

    /// Last day of the fund's period, when known.
    async fn period_end(&self) -> Option<Date> {
        self.record.period_end.map(Date)
    }

    /// The allocations of the fund, in the order they were recorded; those the viewer may not
    /// see are left out (and not counted).
    async fn allocations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only allocations with this status.")] status: Option<AllocationStatus>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<FundAllocationConnection> {
        let args = AllocationListArgs {
            status,
            page: NestedPage::from_args(first, after)?,
        };
        let parent = self.record.id;
        let (page, total) = page_and_total::<FundAllocations, FundAllocationCounts, _, _, _>(
            ctx,
            NestedKey { parent, args },
            NestedKey {
                parent,
                args: status,
            },
        )
        .await?;
        Ok(FundAllocationConnection(ConnectionData::from_page(
            page,
            total,
            FundAllocation::from,
        )))
    }

    /// The fund's calls for proposals, latest first; those the viewer may not see are left out
    /// (and not counted).
    async fn calls(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size (default 20, at most 100).")] first: Option<i32>,
        #[graphql(desc = "Return the items after this cursor.")] after: Option<String>,
    ) -> async_graphql::Result<CallConnection> {
        let key = NestedKey {
            parent: self.record.id,
            args: NestedPage::from_args(first, after)?,
        };
        let (page, total) =
            page_and_total::<FundCalls, FundCallCounts, _, _, _>(ctx, key, self.record.id).await?;
        Ok(CallConnection(ConnectionData::from_page(
            page,
            total,
            Call::from,
        )))
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Increases with every change; pass it as `expectedVersion` to update.
    async fn version(&self) -> i32 {
        self.record.version
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.record.created_at)
    }

    /// When the record last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.record.updated_at)
    }

    /// Who created the record (token subject); shown to coordinators, admins and the author.
    async fn created_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.created_by.as_deref())
    }

    /// Who last changed the record (token subject); shown to coordinators, admins and the
    /// author.
    async fn updated_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.updated_by.as_deref())
    }
}

connection!(FundConnection, FundEdge, Fund, "funds");

//! `FundAllocation`: an allocation of a fund to a partnership or a project; and the
//! allocation edge that starts at a project.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::common::{Date, DateTime};
use super::fund::Fund;
use super::money::{Decimal, Money};
use super::partnership::Partnership;
use super::project::Project;
use crate::domain::money;
use crate::domain::vocabulary::{AllocationStatus, Sensitivity};
use crate::entities::fund_allocation;
use crate::graphql::loaders::funds::{FundById, ProjectAllocationCounts, ProjectAllocations};
use crate::graphql::loaders::grouped::page_and_total;
use crate::graphql::loaders::load_one;
use crate::graphql::loaders::partnerships::PartnershipById;
use crate::graphql::loaders::projects::ProjectById;
use crate::graphql::relay::{ConnectionData, GlobalId, NodeKind, connection};
use crate::services::nested::{NestedKey, NestedPage};

/// Decimal digits of a stored exchange rate (`exchange_rate_micros` is the rate × 10⁶).
const RATE_DIGITS: u32 = 6;

/// An allocation of a fund to a partnership or a project, in its own currency; the fund's
/// envelope counts its amount converted to the fund's currency.
#[derive(Debug, Clone)]
pub struct FundAllocation {
    record: Arc<fund_allocation::Model>,
}

impl From<fund_allocation::Model> for FundAllocation {
    fn from(m: fund_allocation::Model) -> Self {
        Self {
            record: Arc::new(m),
        }
    }
}

impl FundAllocation {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// An allocation of a fund to a partnership or a project, in its own currency; the fund's
/// envelope counts its amount converted to the fund's currency.
#[Object]
impl FundAllocation {
    /// The global ID of this allocation.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::FundAllocation, self.record.id).encode()
    }

    /// The fund allocated from; null when the viewer may not see it.
    async fn fund(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Fund>> {
        Ok(load_one::<_, FundById>(ctx, self.record.fund_id)
            .await?
            .map(Fund::from))
    }

    /// The amount, in the allocation's own currency.
    async fn amount(&self) -> Money {
        Money::from(money::Money::new(
            self.record.amount_minor,
            self.record.currency,
        ))
    }

    /// The amount in the fund's currency: what the envelope counts. Null only when the
    /// currencies differ and the viewer may not see the fund.
    async fn converted_amount(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Money>> {
        let currency = match self.record.exchange_rate_micros {
            None => Some(self.record.currency),
            Some(_) => load_one::<_, FundById>(ctx, self.record.fund_id)
                .await?
                .map(|f| f.currency),
        };
        Ok(currency.map(|c| Money::from(money::Money::new(self.record.converted_minor, c))))
    }

    /// The exchange rate used to convert the amount to the fund's currency (units of the
    /// fund's currency per unit of the allocation's, six decimals); null when the currencies
    /// are the same.
    async fn exchange_rate(&self) -> Option<Decimal> {
        self.record
            .exchange_rate_micros
            .map(|micros| Decimal(money::format_minor(micros, RATE_DIGITS)))
    }

    /// Proposed, committed (counted against the envelope) or cancelled.
    async fn status(&self) -> AllocationStatus {
        self.record.status
    }

    /// The partnership funded, if the allocation goes to one; null when the viewer may not
    /// see it.
    async fn partnership(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Partnership>> {
        match self.record.partnership_id {
            Some(id) => Ok(load_one::<_, PartnershipById>(ctx, id)
                .await?
                .map(Partnership::from)),
            None => Ok(None),
        }
    }

    /// The project funded, if the allocation goes to one; null when the viewer may not see it.
    async fn project(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Project>> {
        match self.record.project_id {
            Some(id) => Ok(load_one::<_, ProjectById>(ctx, id)
                .await?
                .map(Project::from)),
            None => Ok(None),
        }
    }

    /// The day the allocation was decided, when known.
    async fn decided_on(&self) -> Option<Date> {
        self.record.decided_on.map(Date)
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

connection!(
    FundAllocationConnection,
    FundAllocationEdge,
    FundAllocation,
    "fund allocations"
);

/// For `Project.allocations`: the fund allocations made to the project, in the order they were
/// recorded; those the viewer may not see are left out (and not counted).
pub async fn project_allocations(
    ctx: &Context<'_>,
    project_id: i64,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<FundAllocationConnection> {
    let key = NestedKey {
        parent: project_id,
        args: NestedPage::from_args(first, after)?,
    };
    let (page, total) = page_and_total::<ProjectAllocations, ProjectAllocationCounts, _, _, _>(
        ctx, key, project_id,
    )
    .await?;
    Ok(FundAllocationConnection(ConnectionData::from_page(
        page,
        total,
        FundAllocation::from,
    )))
}

//! Loaders of funds, their allocations and calls.

use std::sync::Arc;

use super::grouped::grouped_loader;
use super::{cached, id_loader};
use crate::domain::vocabulary::AllocationStatus;
use crate::entities::{call, fund, fund_allocation};
use crate::services::funds::AllocationListArgs;
use crate::services::nested::NestedPage;
use crate::services::pagination::Page;
use crate::services::{ServiceContext, calls, funds};

id_loader!(
    /// Funds by id, as the viewer may see them.
    FundById, i64 => fund::Model, funds::by_ids
);
id_loader!(
    /// Fund allocations by id, as the viewer may see them.
    FundAllocationById, i64 => fund_allocation::Model, funds::allocations_by_ids
);
id_loader!(
    /// How many visible calls a fund has.
    FundCallCounts, i64 => u64, calls::count_per_fund
);
id_loader!(
    /// How many visible allocations were made to a project.
    ProjectAllocationCounts, i64 => u64, funds::count_allocations_per_project
);
grouped_loader!(
    /// A page of a fund's allocations.
    FundAllocations, AllocationListArgs => Page<fund_allocation::Model>, funds::allocations_per_fund
);
grouped_loader!(
    /// How many allocations a fund has (with a status, if given).
    FundAllocationCounts, Option<AllocationStatus> => u64, funds::count_allocations_per_fund
);
grouped_loader!(
    /// A page of a fund's calls.
    FundCalls, NestedPage => Page<call::Model>, calls::per_fund
);
grouped_loader!(
    /// A page of the allocations made to a project.
    ProjectAllocations, NestedPage => Page<fund_allocation::Model>, funds::allocations_per_project
);

pub fn attach(
    request: async_graphql::Request,
    svc: &Arc<ServiceContext>,
) -> async_graphql::Request {
    request
        .data(cached(FundById(svc.clone())))
        .data(cached(FundAllocationById(svc.clone())))
        .data(cached(FundCallCounts(svc.clone())))
        .data(cached(ProjectAllocationCounts(svc.clone())))
        .data(cached(FundAllocations(svc.clone())))
        .data(cached(FundAllocationCounts(svc.clone())))
        .data(cached(FundCalls(svc.clone())))
        .data(cached(ProjectAllocations(svc.clone())))
}

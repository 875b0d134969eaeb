//! GraphQL object types. Each is built `From` a storage model and exposes only what the API
//! promises; entities are never exposed directly.

pub mod activity;
pub mod activity_summary;
pub mod actor;
pub mod application;
pub mod call;
pub mod circumscription;
pub mod collaborator;
pub mod common;
pub mod event;
pub mod exchange;
pub mod fund;
pub mod fund_allocation;
pub mod money;
pub mod node;
pub mod participation;
pub mod partnership;
pub mod partnership_parts;
pub mod person;
pub mod project;
pub mod territory;
pub mod viewer;

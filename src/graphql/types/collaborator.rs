//! `Collaborator`: another actor sharing work with an actor, and how much.

use async_graphql::{Context, Enum, Object};

use super::actor::Actor;
use crate::error::AppError;
use crate::graphql::loaders::actors::{ActorById, CollaboratorsOf};
use crate::graphql::loaders::load_one;
use crate::graphql::relay::{ConnectionData, TotalCount, connection};
use crate::services::collaborators::{self as service, Collaboration};
use crate::services::nested::{NestedKey, NestedPage};
use crate::services::pagination::{self, Page, PageRequest};

/// A kind of link through which two actors collaborate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum LinkKind {
    /// Both take part in the same project.
    Project,
    /// Both are members of the same partnership.
    Partnership,
    /// Both take part in the same event.
    Event,
    /// One provided expertise to the other, or both took part in the same exchange.
    Exchange,
}

impl From<LinkKind> for service::LinkKind {
    fn from(kind: LinkKind) -> Self {
        match kind {
            LinkKind::Project => Self::Project,
            LinkKind::Partnership => Self::Partnership,
            LinkKind::Event => Self::Event,
            LinkKind::Exchange => Self::Exchange,
        }
    }
}

/// Another actor sharing work with this one, with the evidence: how many projects,
/// partnerships, events and exchanges they share (only those the viewer may see).
#[derive(Debug, Clone)]
pub struct Collaborator(Collaboration);

/// Another actor sharing work with this one, with the evidence: how many projects,
/// partnerships, events and exchanges they share (only those the viewer may see).
#[Object]
impl Collaborator {
    /// The other actor.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Actor> {
        load_one::<_, ActorById>(ctx, self.0.actor_id)
            .await?
            .map(Actor::from)
            .ok_or_else(|| AppError::internal("collaborator not readable").to_graphql())
    }

    /// How strongly the two are linked: 3 × shared partnerships + 2 × shared projects + 1 ×
    /// shared exchanges + 0.5 × shared events.
    async fn weight(&self) -> f64 {
        self.0.weight()
    }

    /// Projects both take part in.
    async fn shared_projects(&self) -> u64 {
        self.0.projects
    }

    /// Partnerships both are members of.
    async fn shared_partnerships(&self) -> u64 {
        self.0.partnerships
    }

    /// Events both take part in.
    async fn shared_events(&self) -> u64 {
        self.0.events
    }

    /// Expertise exchanges both take part in.
    async fn shared_exchanges(&self) -> u64 {
        self.0.exchanges
    }
}

connection!(
    CollaboratorConnection,
    CollaboratorEdge,
    Collaborator,
    "collaborators"
);

/// The collaborators of one actor, a page of them, heaviest first.
pub async fn collaborator_connection(
    ctx: &Context<'_>,
    actor_id: i64,
    via: Option<Vec<LinkKind>>,
    first: Option<i32>,
    after: Option<String>,
) -> async_graphql::Result<CollaboratorConnection> {
    let page = NestedPage::from_args(first, after.clone())?;
    let request = PageRequest::from_args(first, after, None, None)?;
    let mut kinds: Vec<service::LinkKind> = match via {
        Some(kinds) if !kinds.is_empty() => kinds.into_iter().map(Into::into).collect(),
        _ => service::LinkKind::ALL.to_vec(),
    };
    kinds.sort_unstable();
    kinds.dedup();
    let all = load_one::<_, CollaboratorsOf>(
        ctx,
        NestedKey {
            parent: actor_id,
            args: kinds,
        },
    )
    .await?
    .unwrap_or_default();
    let total = all.len() as u64;
    // The whole list is small (an actor's direct collaborators) and already ordered: the page
    // is taken in memory, after the cursor's (weight, id).
    let cursor_of = |c: &Collaboration| {
        vec![
            serde_json::json!((c.weight() * 1000.0).round() as i64),
            serde_json::json!(c.actor_id),
        ]
    };
    let start = match &request.cursor {
        None => 0,
        Some(cursor) => all
            .iter()
            .position(|c| cursor_of(c) == *cursor)
            .map_or(all.len(), |i| i + 1),
    };
    let rows: Vec<Collaboration> = all
        .into_iter()
        .skip(start)
        .take(page.first as usize + 1)
        .collect();
    let found: Page<Collaboration> = pagination::into_page(rows, &request, cursor_of);
    Ok(CollaboratorConnection(ConnectionData::from_page(
        found,
        TotalCount::Known(total),
        Collaborator,
    )))
}

//! Relay building blocks: opaque global IDs, connections with `totalCount`, page arguments.

use std::sync::Arc;

use async_graphql::{ID, SimpleObject};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures_util::future::BoxFuture;

use crate::error::{AppError, AppResult};
use crate::services::pagination::{Page, PageRequest};

/// The kinds of object a global ID can name. The name is part of the (opaque) ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Territory,
    Circumscription,
    Actor,
    Project,
    Partnership,
    Event,
    Exchange,
    Call,
    Application,
    Fund,
    FundAllocation,
    Activity,
    Person,
    ContactPoint,
}

impl NodeKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Territory => "Territory",
            Self::Circumscription => "Circumscription",
            Self::Actor => "Actor",
            Self::Project => "Project",
            Self::Partnership => "Partnership",
            Self::Event => "Event",
            Self::Exchange => "Exchange",
            Self::Call => "Call",
            Self::Application => "Application",
            Self::Fund => "Fund",
            Self::FundAllocation => "FundAllocation",
            Self::Activity => "Activity",
            Self::Person => "Person",
            Self::ContactPoint => "ContactPoint",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        match name {
            "Territory" => Some(Self::Territory),
            "Circumscription" => Some(Self::Circumscription),
            "Actor" => Some(Self::Actor),
            "Project" => Some(Self::Project),
            "Partnership" => Some(Self::Partnership),
            "Event" => Some(Self::Event),
            "Exchange" => Some(Self::Exchange),
            "Call" => Some(Self::Call),
            "Application" => Some(Self::Application),
            "Fund" => Some(Self::Fund),
            "FundAllocation" => Some(Self::FundAllocation),
            "Activity" => Some(Self::Activity),
            "Person" => Some(Self::Person),
            "ContactPoint" => Some(Self::ContactPoint),
            _ => None,
        }
    }
}

/// A decoded global ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalId {
    pub kind: NodeKind,
    pub id: i64,
}

impl GlobalId {
    pub fn new(kind: NodeKind, id: i64) -> Self {
        Self { kind, id }
    }

    pub fn encode(self) -> ID {
        ID(URL_SAFE_NO_PAD.encode(format!("{}:{}", self.kind.as_str(), self.id)))
    }

    /// Decodes an ID sent by a client; `field` names the argument for the error.
    pub fn decode(id: &str, field: &str) -> AppResult<Self> {
        Self::try_decode(id)
            .ok_or_else(|| AppError::bad_input(field, format!("`{id}` is not a valid ID")))
    }

    fn try_decode(id: &str) -> Option<Self> {
        let raw = URL_SAFE_NO_PAD.decode(id).ok()?;
        let text = std::str::from_utf8(&raw).ok()?;
        let (kind, number) = text.split_once(':')?;
        let id: i64 = number.parse().ok()?;
        (id > 0).then_some(Self {
            kind: NodeKind::parse(kind)?,
            id,
        })
    }

    /// Decodes an ID that must name a `kind`.
    pub fn decode_as(id: &str, kind: NodeKind, field: &str) -> AppResult<i64> {
        let global = Self::decode(id, field)?;
        if global.kind != kind {
            return Err(AppError::bad_input(
                field,
                format!("`{id}` is not the ID of a {}", kind.as_str()),
            ));
        }
        Ok(global.id)
    }
}

/// Relay page arguments as received, checked by [`PageRequest::from_args`].
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

impl PageArgs {
    pub fn forward(first: Option<i32>, after: Option<String>) -> Self {
        Self {
            first,
            after,
            ..Self::default()
        }
    }

    pub fn into_request(self) -> AppResult<PageRequest> {
        PageRequest::from_args(self.first, self.after, self.last, self.before)
    }
}

/// Information about the page of a connection.
#[derive(Debug, Clone, SimpleObject)]
pub struct PageInfo {
    /// Whether more edges follow this page (when paging forward; when paging backward, whether
    /// the page was bounded by `before`).
    pub has_next_page: bool,
    /// Whether edges precede this page (when paging backward; when paging forward, whether the
    /// page was bounded by `after`).
    pub has_previous_page: bool,
    /// The cursor of the first edge of the page, if any.
    pub start_cursor: Option<String>,
    /// The cursor of the last edge of the page, if any.
    pub end_cursor: Option<String>,
}

/// How a connection learns its `totalCount`: already known, or counted only when asked for.
#[derive(Clone)]
pub enum TotalCount {
    Known(u64),
    Lazy(Arc<dyn Fn() -> BoxFuture<'static, AppResult<u64>> + Send + Sync>),
}

impl TotalCount {
    pub async fn get(&self) -> async_graphql::Result<i64> {
        let count = match self {
            Self::Known(count) => *count,
            Self::Lazy(count) => count().await?,
        };
        Ok(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

/// The data behind every `XConnection` type.
pub struct ConnectionData<T> {
    pub edges: Vec<(String, T)>,
    pub page_info: PageInfo,
    pub total: TotalCount,
}

impl<T> ConnectionData<T> {
    pub fn from_page<M>(page: Page<M>, total: TotalCount, map: impl Fn(M) -> T) -> Self {
        let page_info = PageInfo {
            has_next_page: page.has_next,
            has_previous_page: page.has_previous,
            start_cursor: page.items.first().map(|(cursor, _)| cursor.clone()),
            end_cursor: page.items.last().map(|(cursor, _)| cursor.clone()),
        };
        Self {
            edges: page
                .items
                .into_iter()
                .map(|(cursor, item)| (cursor, map(item)))
                .collect(),
            page_info,
            total,
        }
    }
}

/// Declares `$conn` and `$edge` GraphQL types for `$node`, with descriptions.
macro_rules! connection {
    ($conn:ident, $edge:ident, $node:ty, $what:literal) => {
        #[doc = concat!("A page of ", $what, ", with the total count over all pages.")]
        pub struct $conn(pub $crate::graphql::relay::ConnectionData<$node>);

        #[async_graphql::Object]
        #[doc = concat!("A page of ", $what, ", with the total count over all pages.")]
        impl $conn {
            /// The edges of this page, in order.
            async fn edges(&self) -> Vec<$edge> {
                self.0
                    .edges
                    .iter()
                    .map(|(cursor, node)| $edge {
                        cursor: cursor.clone(),
                        node: node.clone(),
                    })
                    .collect()
            }

            /// The nodes of this page, in order (a shortcut for `edges { node }`).
            async fn nodes(&self) -> Vec<$node> {
                self.0.edges.iter().map(|(_, node)| node.clone()).collect()
            }

            /// Where this page stands among all pages.
            async fn page_info(&self) -> &$crate::graphql::relay::PageInfo {
                &self.0.page_info
            }

            /// How many items there are over all pages, with the same filter.
            async fn total_count(&self) -> async_graphql::Result<i64> {
                self.0.total.get().await
            }
        }

        #[doc = concat!("One of ", $what, " in a page, with its cursor.")]
        #[derive(async_graphql::SimpleObject)]
        pub struct $edge {
            /// An opaque cursor: pass it as `after` or `before` to page from here.
            pub cursor: String,
            /// The item.
            pub node: $node,
        }
    };
}
pub(crate) use connection;

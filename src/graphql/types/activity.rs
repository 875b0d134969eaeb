//! `Activity`: an entry of the append-only activity log. It stores references, not copies:
//! the subject and the summary are resolved at read time, through the viewer's policy.

use std::sync::Arc;

use async_graphql::{Context, ID, Object};

use super::activity_summary::{subject_label, summary};
use super::actor::{Actor, circumscriptions};
use super::circumscription::Circumscription;
use super::common::{DateTime, Lang};
use super::node::{Node, load_nodes};
use super::territory::Territory;
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::activity as entry;
use crate::graphql::loaders::activity::{
    ActivityActors, ActivityCircumscriptions, ActivityTerritories,
};
use crate::graphql::loaders::actors::ActorById;
use crate::graphql::loaders::reference::TerritoryById;
use crate::graphql::loaders::{load_many, load_one};
use crate::graphql::relay::{GlobalId, NodeKind, connection};
use crate::services::activity;

/// An entry of the activity log: what changed, when, about whom and where. Entries are
/// listed newest first; `cursor` resumes from one.
#[derive(Debug, Clone)]
pub struct Activity {
    record: Arc<entry::Model>,
}

impl From<entry::Model> for Activity {
    fn from(m: entry::Model) -> Self {
        Self {
            record: Arc::new(m),
        }
    }
}

impl Activity {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// The kind of object a subject's record type is fetched as; `None` for persons, which are
/// not nodes (personal data).
fn node_kind(record_type: RecordType) -> Option<NodeKind> {
    Some(match record_type {
        RecordType::Actor => NodeKind::Actor,
        RecordType::Project => NodeKind::Project,
        RecordType::Partnership => NodeKind::Partnership,
        RecordType::Event => NodeKind::Event,
        RecordType::Exchange => NodeKind::Exchange,
        RecordType::Call => NodeKind::Call,
        RecordType::Application => NodeKind::Application,
        RecordType::FundAllocation => NodeKind::FundAllocation,
        RecordType::Fund => NodeKind::Fund,
        RecordType::Territory => NodeKind::Territory,
        RecordType::Circumscription => NodeKind::Circumscription,
        RecordType::Person => return None,
    })
}

/// An entry of the activity log: what changed, when, about whom and where. Entries are
/// listed newest first; `cursor` resumes from one.
#[Object]
impl Activity {
    /// The global ID of this entry.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Activity, self.record.id).encode()
    }

    /// An opaque cursor for this entry's place in the log (the same as its edge's cursor):
    /// page or resume from it.
    async fn cursor(&self) -> String {
        activity::cursor(self.record.position)
    }

    /// When the change was recorded.
    async fn at(&self) -> DateTime {
        DateTime(self.record.at)
    }

    /// What happened.
    async fn kind(&self) -> ActivityKind {
        self.record.kind
    }

    /// The record that changed, as it is now; null when it no longer exists, when the viewer
    /// may not see it, or when it is a person (personal data).
    async fn subject(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Node>> {
        let Some(kind) = node_kind(self.record.subject_type) else {
            return Ok(None);
        };
        let id = GlobalId::new(kind, self.record.subject_id);
        Ok(load_nodes(ctx, &[id]).await?.pop().flatten())
    }

    /// The actors the change concerns, as recorded when it happened; those the viewer may not
    /// see are left out.
    async fn actors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Actor>> {
        let ids = load_one::<_, ActivityActors>(ctx, self.record.position)
            .await?
            .unwrap_or_default();
        let loaded = load_many::<_, ActorById>(ctx, ids.iter().copied()).await?;
        Ok(ids
            .iter()
            .filter_map(|id| loaded.get(id).cloned().map(Actor::from))
            .collect())
    }

    /// The territories the change concerns, as recorded when it happened.
    async fn territories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Territory>> {
        let ids = load_one::<_, ActivityTerritories>(ctx, self.record.position)
            .await?
            .unwrap_or_default();
        let loaded = load_many::<_, TerritoryById>(ctx, ids.iter().copied()).await?;
        Ok(ids
            .iter()
            .filter_map(|id| loaded.get(id).cloned().map(Territory::from))
            .collect())
    }

    /// The consular circumscriptions the change concerns, as recorded when it happened.
    async fn circumscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Circumscription>> {
        let ids = load_one::<_, ActivityCircumscriptions>(ctx, self.record.position)
            .await?
            .unwrap_or_default();
        circumscriptions(ctx, ids).await
    }

    /// Who made the change (the token subject). It identifies a person, so it is shown only to
    /// viewers who may read personal data network-wide (coordinators), and to the author.
    async fn author(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        super::common::visible_author(ctx, self.record.author.as_deref())
    }

    /// A sentence saying what happened, in `lang`, naming the subject as it is now when the
    /// viewer may see it ("Nouveau partenariat : …").
    async fn summary(
        &self,
        ctx: &Context<'_>,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> async_graphql::Result<String> {
        let label = subject_label(ctx, self.record.subject_type, self.record.subject_id).await?;
        let label = label.as_ref().and_then(|names| names.get(lang));
        Ok(summary(self.record.kind, lang, label))
    }

    /// The sensitivity of what changed, recorded with the entry: who may read the entry.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }
}

connection!(
    ActivityConnection,
    ActivityEdge,
    Activity,
    "activity log entries"
);

//! `Project`: an IATI activity — the pole's own, or another donor's that it monitors.

use std::sync::Arc;

use async_graphql::{ID, Object};

use super::common::{Date, DateTime, Lang, Names};
use crate::domain::vocabulary::{
    ActivityStatus, FundingSource, Instrument, Pillar, ProjectOrigin, Sensitivity,
};
use crate::entities::project;
use crate::graphql::relay::{GlobalId, NodeKind, connection};

/// A project, in IATI terms an activity: the pole's own (OWN) or another donor's that the pole
/// monitors (EXTERNAL) — "who does what where".
#[derive(Debug, Clone)]
pub struct Project {
    record: Arc<project::Model>,
    titles: Names,
    descriptions: Names,
}

impl From<project::Model> for Project {
    fn from(m: project::Model) -> Self {
        Self {
            titles: Names::new(m.title_fr.clone(), m.title_ar.clone(), m.title_en.clone()),
            descriptions: Names::new(
                m.description_fr.clone(),
                m.description_ar.clone(),
                m.description_en.clone(),
            ),
            record: Arc::new(m),
        }
    }
}

impl Project {
    /// The database id.
    pub fn db_id(&self) -> i64 {
        self.record.id
    }
}

/// A project, in IATI terms an activity: the pole's own (OWN) or another donor's that the pole
/// monitors (EXTERNAL) — "who does what where".
#[Object]
impl Project {
    /// The global ID of this project.
    pub async fn id(&self) -> ID {
        GlobalId::new(NodeKind::Project, self.record.id).encode()
    }

    /// The IATI activity identifier, if published or known.
    async fn iati_identifier(&self) -> Option<&str> {
        self.record.iati_identifier.as_deref()
    }

    /// The title in `lang`, falling back to French, then Arabic, then English.
    async fn title(&self, #[graphql(default, desc = "The language wanted.")] lang: Lang) -> String {
        self.titles.label(lang)
    }

    /// A description in `lang`, falling back to French, then Arabic, then English.
    async fn description(
        &self,
        #[graphql(default, desc = "The language wanted.")] lang: Lang,
    ) -> Option<String> {
        self.descriptions.get(lang).map(str::to_owned)
    }

    /// The pole's pillar the project falls in.
    async fn pillar(&self) -> Pillar {
        self.record.pillar
    }

    /// How the project is financed or carried out.
    async fn instrument(&self) -> Instrument {
        self.record.instrument
    }

    /// Where the money comes from.
    async fn funding_source(&self) -> FundingSource {
        self.record.funding_source
    }

    /// The IATI activity status.
    async fn status(&self) -> ActivityStatus {
        self.record.status
    }

    /// Planned start date.
    async fn planned_start(&self) -> Option<Date> {
        self.record.planned_start.map(Date)
    }

    /// Planned end date.
    async fn planned_end(&self) -> Option<Date> {
        self.record.planned_end.map(Date)
    }

    /// Actual start date.
    async fn actual_start(&self) -> Option<Date> {
        self.record.actual_start.map(Date)
    }

    /// Actual end date.
    async fn actual_end(&self) -> Option<Date> {
        self.record.actual_end.map(Date)
    }

    /// OWN (the pole's) or EXTERNAL (another donor's, monitored).
    async fn origin(&self) -> ProjectOrigin {
        self.record.origin
    }

    /// Who may see this record.
    async fn sensitivity(&self) -> Sensitivity {
        self.record.sensitivity
    }

    /// Whether the project is approved for open-data export (PUBLIC projects only).
    async fn publishable(&self) -> bool {
        self.record.publishable
    }

    /// Whether the project is archived (kept for history, left out of lists by default).
    async fn archived(&self) -> bool {
        self.record.archived_at.is_some()
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
}

connection!(ProjectConnection, ProjectEdge, Project, "projects");

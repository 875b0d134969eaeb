//! What a project mutation receives, before validation: a new project (also the idempotency
//! fingerprint of `createProject`, hence `Serialize`), a patch, and the children's shapes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::vocabulary::{
    ActivityStatus, BudgetKind, Currency, FundingSource, Instrument, ParticipantRole, Pillar,
    ProjectOrigin, Sensitivity, Theme, TransactionKind,
};

/// A new project with its children, as received (validated by
/// [`super::insert_project`]). Other services build one to create a project inside their own
/// transaction (a selected application becoming a project).
#[derive(Debug, Clone, Serialize)]
pub struct NewProject {
    /// The IATI activity identifier; unique.
    pub iati_identifier: Option<String>,
    pub title_fr: String,
    pub title_ar: Option<String>,
    pub title_en: Option<String>,
    pub description_fr: Option<String>,
    pub description_ar: Option<String>,
    pub description_en: Option<String>,
    pub pillar: Pillar,
    pub instrument: Instrument,
    pub funding_source: FundingSource,
    /// Default PIPELINE.
    pub status: Option<ActivityStatus>,
    pub planned_start: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    /// Default OWN.
    pub origin: Option<ProjectOrigin>,
    /// Default INTERNAL.
    pub sensitivity: Option<Sensitivity>,
    /// Approved for open-data export (PUBLIC projects only).
    pub publishable: bool,
    pub participants: Vec<NewParticipant>,
    /// Territory codes (`MA-04`, `MA-RAB`).
    pub locations: Vec<String>,
    pub sectors: Vec<NewSector>,
    pub themes: Vec<Theme>,
    /// SDG goals, 1–17.
    pub sdg_goals: Vec<i32>,
    /// SDG targets (`16.6`, `5.a`).
    pub sdg_targets: Vec<String>,
    pub budget_lines: Vec<NewBudgetLine>,
    pub transactions: Vec<NewTransaction>,
}

impl NewProject {
    /// A project with only what is required; every other field empty or defaulted.
    pub fn new(
        title_fr: impl Into<String>,
        pillar: Pillar,
        instrument: Instrument,
        funding_source: FundingSource,
    ) -> Self {
        Self {
            iati_identifier: None,
            title_fr: title_fr.into(),
            title_ar: None,
            title_en: None,
            description_fr: None,
            description_ar: None,
            description_en: None,
            pillar,
            instrument,
            funding_source,
            status: None,
            planned_start: None,
            planned_end: None,
            actual_start: None,
            actual_end: None,
            origin: None,
            sensitivity: None,
            publishable: false,
            participants: Vec::new(),
            locations: Vec::new(),
            sectors: Vec::new(),
            themes: Vec::new(),
            sdg_goals: Vec::new(),
            sdg_targets: Vec::new(),
            budget_lines: Vec::new(),
            transactions: Vec::new(),
        }
    }
}

/// An actor taking part in a project, in a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct NewParticipant {
    /// The actor's database id.
    pub actor_id: i64,
    pub role: ParticipantRole,
}

/// A DAC 5-digit purpose code with its share. Shares are all given (and sum to 100) or all
/// left out (then split evenly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewSector {
    pub dac_code: String,
    /// A decimal string (`"33.33"`).
    pub percentage: Option<String>,
}

/// A budget line: an amount for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewBudgetLine {
    pub kind: BudgetKind,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value_date: Option<NaiveDate>,
    /// A decimal string (`"15000.00"`).
    pub amount: String,
    pub currency: Currency,
}

/// A financial transaction of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewTransaction {
    pub kind: TransactionKind,
    pub date: NaiveDate,
    /// A decimal string (`"15000.00"`).
    pub amount: String,
    pub currency: Currency,
    /// The providing actor's database id.
    pub provider_id: Option<i64>,
    /// The receiving actor's database id.
    pub receiver_id: Option<i64>,
    pub description: Option<String>,
}

/// A change to a project: `None` keeps a field, `Some(None)` clears it, `Some(Some(v))` sets
/// it. Lists replace the stored ones.
#[derive(Debug, Clone, Default)]
pub struct ProjectPatch {
    pub iati_identifier: Option<Option<String>>,
    pub title_fr: Option<String>,
    pub title_ar: Option<Option<String>>,
    pub title_en: Option<Option<String>>,
    pub description_fr: Option<Option<String>>,
    pub description_ar: Option<Option<String>>,
    pub description_en: Option<Option<String>>,
    pub pillar: Option<Pillar>,
    pub instrument: Option<Instrument>,
    pub funding_source: Option<FundingSource>,
    pub status: Option<ActivityStatus>,
    pub planned_start: Option<Option<NaiveDate>>,
    pub planned_end: Option<Option<NaiveDate>>,
    pub actual_start: Option<Option<NaiveDate>>,
    pub actual_end: Option<Option<NaiveDate>>,
    pub origin: Option<ProjectOrigin>,
    pub sensitivity: Option<Sensitivity>,
    pub publishable: Option<bool>,
    /// Territory codes; replaces the locations (and so the circumscriptions).
    pub locations: Option<Vec<String>>,
    pub sectors: Option<Vec<NewSector>>,
    pub themes: Option<Vec<Theme>>,
    pub sdg_goals: Option<Vec<i32>>,
    pub sdg_targets: Option<Vec<String>>,
}

impl ProjectPatch {
    /// The names of the fields this patch changes (GraphQL names, for the activity entry).
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() && !fields.contains(&$name) { fields.push($name); } )+
            };
        }
        note!(
            iati_identifier => "iatiIdentifier", title_fr => "title", title_ar => "title",
            title_en => "title", description_fr => "description",
            description_ar => "description", description_en => "description",
            pillar => "pillar", instrument => "instrument", funding_source => "fundingSource",
            status => "status", planned_start => "plannedStart", planned_end => "plannedEnd",
            actual_start => "actualStart", actual_end => "actualEnd", origin => "origin",
            sensitivity => "sensitivity", publishable => "publishable",
            locations => "locations", sectors => "sectors", themes => "themes",
            sdg_goals => "sdgGoals", sdg_targets => "sdgTargets",
        );
        fields
    }

    /// The patch that writes every field and list of a new project.
    pub(super) fn from_new(new: &NewProject) -> Self {
        Self {
            iati_identifier: Some(new.iati_identifier.clone()),
            title_fr: Some(new.title_fr.clone()),
            title_ar: Some(new.title_ar.clone()),
            title_en: Some(new.title_en.clone()),
            description_fr: Some(new.description_fr.clone()),
            description_ar: Some(new.description_ar.clone()),
            description_en: Some(new.description_en.clone()),
            pillar: Some(new.pillar),
            instrument: Some(new.instrument),
            funding_source: Some(new.funding_source),
            status: Some(new.status.unwrap_or(ActivityStatus::Pipeline)),
            planned_start: Some(new.planned_start),
            planned_end: Some(new.planned_end),
            actual_start: Some(new.actual_start),
            actual_end: Some(new.actual_end),
            origin: Some(new.origin.unwrap_or(ProjectOrigin::Own)),
            sensitivity: Some(new.sensitivity.unwrap_or(Sensitivity::Internal)),
            publishable: Some(new.publishable),
            locations: Some(new.locations.clone()),
            sectors: Some(new.sectors.clone()),
            themes: Some(new.themes.clone()),
            sdg_goals: Some(new.sdg_goals.clone()),
            sdg_targets: Some(new.sdg_targets.clone()),
        }
    }
}

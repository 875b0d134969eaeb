//! Changing a stored partnership: a patch of its own fields (status changes included, through
//! the transition rule), archive and restore.

use sea_orm::Set;
use serde_json::json;

use super::super::super::ServiceContext;
use super::checks::{self, PartialDate};
use super::edit::Editing;
use super::{replace_themes, title_key};
use crate::domain::vocabulary::{
    ActivityKind, PartnershipKind, PartnershipStatus, Sensitivity, Theme,
};
use crate::entities::partnership;
use crate::error::{AppError, AppResult};

/// A change to a partnership: `None` keeps a field, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct PartnershipPatch {
    pub kind: Option<PartnershipKind>,
    pub title_fr: Option<String>,
    pub title_ar: Option<Option<String>>,
    pub title_en: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub status: Option<PartnershipStatus>,
    pub valid_from: Option<Option<PartialDate>>,
    pub valid_to: Option<Option<PartialDate>>,
    pub themes: Option<Vec<Theme>>,
    pub source: Option<Option<String>>,
    pub asserted_by: Option<Option<String>>,
    pub sensitivity: Option<Sensitivity>,
}

impl PartnershipPatch {
    /// The names of the fields this patch changes (for the activity entry).
    fn changed_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        macro_rules! note {
            ($($field:ident => $name:literal),+ $(,)?) => {
                $( if self.$field.is_some() && !fields.contains(&$name) { fields.push($name); } )+
            };
        }
        note!(
            kind => "kind", title_fr => "title", title_ar => "title", title_en => "title",
            description => "description", status => "status", valid_from => "validFrom",
            valid_to => "validTo", themes => "themes", source => "source",
            asserted_by => "assertedBy", sensitivity => "sensitivity",
        );
        fields
    }
}

/// Applies a patch to a partnership, bumping its version from `expected_version`. A status
/// change goes through the transition rule and is logged with the old and new status.
pub async fn update(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    patch: PartnershipPatch,
) -> AppResult<()> {
    let fields = patch.changed_fields();
    if fields.is_empty() {
        return Err(AppError::bad_input("input", "nothing to change"));
    }
    let e = Editing::open(svc, id, expected_version).await?;
    e.require_active("input.id")?;
    let current = e.current.clone();
    let mut row: partnership::ActiveModel = current.clone().into();
    let mut titles = (
        current.title_fr.clone(),
        current.title_ar.clone(),
        current.title_en.clone(),
    );
    if let Some(title) = &patch.title_fr {
        titles.0 = checks::title_fr(title)?;
    }
    if let Some(title) = &patch.title_ar {
        titles.1 = checks::title_other("input.title.ar", title.as_deref())?;
    }
    if let Some(title) = &patch.title_en {
        titles.2 = checks::title_other("input.title.en", title.as_deref())?;
    }
    row.search_key = Set(title_key(
        &titles.0,
        titles.1.as_deref(),
        titles.2.as_deref(),
    ));
    row.title_fr = Set(titles.0);
    row.title_ar = Set(titles.1);
    row.title_en = Set(titles.2);
    if let Some(description) = &patch.description {
        row.description_fr = Set(checks::description(description.as_deref())?);
    }
    if let Some(source) = &patch.source {
        row.source = Set(checks::source(source.as_deref())?);
    }
    if let Some(asserted_by) = &patch.asserted_by {
        row.asserted_by = Set(checks::asserted_by(asserted_by.as_deref())?);
    }
    let mut valid_from = PartialDate::stored(current.valid_from, current.valid_from_precision);
    if let Some(from) = patch.valid_from {
        valid_from = checks::partial_date("input.validFrom", from)?;
        row.valid_from = Set(valid_from.map(|d| d.date));
        row.valid_from_precision = Set(valid_from.map(|d| d.precision));
    }
    let mut valid_to = PartialDate::stored(current.valid_to, current.valid_to_precision);
    if let Some(to) = patch.valid_to {
        valid_to = checks::partial_date("input.validTo", to)?;
        row.valid_to = Set(valid_to.map(|d| d.date));
        row.valid_to_precision = Set(valid_to.map(|d| d.precision));
    }
    if patch.valid_from.is_some() || patch.valid_to.is_some() {
        let field = if patch.valid_to.is_some() {
            "input.validTo"
        } else {
            "input.validFrom"
        };
        checks::window(field, valid_from, valid_to)?;
    }
    let themes = patch.themes.as_deref().map(checks::themes).transpose()?;
    if let Some(status) = patch.status {
        checks::transition(current.status, status)?;
        row.status = Set(status);
    }
    if let Some(kind) = patch.kind {
        e.check_members(kind, "input.kind").await?;
        row.kind = Set(kind);
    }
    if let Some(sensitivity) = patch.sensitivity {
        row.sensitivity = Set(sensitivity);
    }
    let updated = e.w.save_patched(row).await?;
    if let Some(themes) = themes {
        replace_themes(&e.w, id, &themes).await?;
    }
    let mut details = json!({ "fields": fields });
    if updated.status != current.status {
        details["status"] = json!(updated.status);
        details["previousStatus"] = json!(current.status);
    }
    e.finish(
        ActivityKind::PartnershipUpdated,
        updated.sensitivity,
        details,
        false,
        &[],
    )
    .await
}

/// Archives (`archive = true`) or restores a partnership. A restore is logged as an update of
/// its `archived` field (the vocabulary has no PARTNERSHIP_RESTORED).
pub async fn set_archived(
    svc: &ServiceContext,
    id: i64,
    expected_version: i32,
    archive: bool,
) -> AppResult<()> {
    let e = Editing::open(svc, id, expected_version).await?;
    e.w.set_archived::<partnership::Entity>(
        id,
        None,
        archive,
        e.current.archived_at.is_some(),
        "partnership",
    )
    .await?;
    let (kind, details) = if archive {
        (ActivityKind::PartnershipArchived, serde_json::Value::Null)
    } else {
        (
            ActivityKind::PartnershipUpdated,
            json!({ "fields": ["archived"], "archived": false }),
        )
    };
    let sensitivity = e.current.sensitivity;
    e.finish(kind, sensitivity, details, false, &[]).await
}

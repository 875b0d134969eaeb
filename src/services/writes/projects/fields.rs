//! A project's own columns: validating a patch's fields onto the row, with the rules that
//! span fields (end after start, publishable only when PUBLIC, a unique IATI identifier).

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::input::ProjectPatch;
use crate::domain::vocabulary::Sensitivity;
use crate::entities::project;
use crate::error::{AppError, AppResult};
use crate::search;
use crate::services::validate::{self, DESCRIPTION_MAX, NAME_MAX};
use crate::services::write::Writer;

/// Longest IATI activity identifier (the standard sets no limit; real ones stay under 100).
const IATI_IDENTIFIER_MAX: usize = 150;

/// Validates the patch's fields and applies them to `row` (a new row, or the stored one),
/// then checks the rules that span fields on the result and recomputes the search key.
/// `id` is the project's own id (an update), so its identifier does not collide with itself.
pub async fn apply(
    w: &Writer<'_>,
    row: &mut project::ActiveModel,
    patch: &ProjectPatch,
    p: &str,
    id: Option<i64>,
) -> AppResult<()> {
    if let Some(title) = &patch.title_fr {
        row.title_fr = Set(validate::required_text(
            &format!("{p}.title.fr"),
            title,
            NAME_MAX,
        )?);
    }
    macro_rules! text {
        ($field:ident, $path:literal, $check:ident, $max:expr) => {
            if let Some(value) = &patch.$field {
                row.$field = Set(validate::$check(
                    &format!("{p}.{}", $path),
                    value.as_deref(),
                    $max,
                )?);
            }
        };
    }
    text!(title_ar, "title.ar", optional_text, NAME_MAX);
    text!(title_en, "title.en", optional_text, NAME_MAX);
    text!(
        description_fr,
        "description.fr",
        optional_long_text,
        DESCRIPTION_MAX
    );
    text!(
        description_ar,
        "description.ar",
        optional_long_text,
        DESCRIPTION_MAX
    );
    text!(
        description_en,
        "description.en",
        optional_long_text,
        DESCRIPTION_MAX
    );
    macro_rules! value {
        ($($field:ident),+) => {
            $( if let Some(value) = patch.$field { row.$field = Set(value); } )+
        };
    }
    value!(
        pillar,
        instrument,
        funding_source,
        status,
        origin,
        sensitivity,
        publishable,
        planned_start,
        planned_end,
        actual_start,
        actual_end
    );
    if let Some(identifier) = &patch.iati_identifier {
        let field = format!("{p}.iatiIdentifier");
        let identifier =
            validate::optional_text(&field, identifier.as_deref(), IATI_IDENTIFIER_MAX)?;
        if let Some(identifier) = &identifier {
            check_identifier(w, &field, identifier, id).await?;
        }
        row.iati_identifier = Set(identifier);
    }
    check_dates(row, p)?;
    check_publishable(row, patch, p)?;
    let value = |v: &sea_orm::ActiveValue<Option<String>>| v.clone().take().flatten();
    let (fr, ar, en, identifier) = (
        row.title_fr.clone().take().unwrap_or_default(),
        value(&row.title_ar).unwrap_or_default(),
        value(&row.title_en).unwrap_or_default(),
        value(&row.iati_identifier).unwrap_or_default(),
    );
    row.search_key = Set(search::search_key([
        fr.as_str(),
        ar.as_str(),
        en.as_str(),
        identifier.as_str(),
    ]));
    Ok(())
}

/// An IATI identifier has no spaces and belongs to one project only.
async fn check_identifier(
    w: &Writer<'_>,
    field: &str,
    identifier: &str,
    id: Option<i64>,
) -> AppResult<()> {
    if identifier.contains(char::is_whitespace) {
        return Err(AppError::bad_input(
            field,
            "an IATI identifier has no spaces",
        ));
    }
    let mut query = project::Entity::find().filter(project::Column::IatiIdentifier.eq(identifier));
    if let Some(id) = id {
        query = query.filter(project::Column::Id.ne(id));
    }
    if query.count(w.txn()).await? > 0 {
        return Err(duplicate_identifier(field));
    }
    Ok(())
}

/// The error for an IATI identifier another project already has (also answered when the
/// unique index catches a concurrent write).
pub fn duplicate_identifier(field: &str) -> AppError {
    AppError::bad_input(field, "another project already has this IATI identifier")
}

/// Planned and actual periods end on or after they start.
fn check_dates(row: &project::ActiveModel, p: &str) -> AppResult<()> {
    let date = |v: &sea_orm::ActiveValue<Option<chrono::NaiveDate>>| v.clone().take().flatten();
    validate::date_order(
        &format!("{p}.plannedEnd"),
        date(&row.planned_start),
        date(&row.planned_end),
    )?;
    validate::date_order(
        &format!("{p}.actualEnd"),
        date(&row.actual_start),
        date(&row.actual_end),
    )
}

/// Only PUBLIC projects may be approved for open-data export. The error names the field the
/// patch changed (the flag, or the sensitivity of a project already publishable).
fn check_publishable(row: &project::ActiveModel, patch: &ProjectPatch, p: &str) -> AppResult<()> {
    let publishable = row.publishable.clone().take().unwrap_or(false);
    let sensitivity = row.sensitivity.clone().take();
    if !publishable || sensitivity == Some(Sensitivity::Public) {
        return Ok(());
    }
    if patch.publishable == Some(true) {
        Err(AppError::bad_input(
            format!("{p}.publishable"),
            "only PUBLIC projects can be approved for open-data export",
        ))
    } else {
        Err(AppError::bad_input(
            format!("{p}.sensitivity"),
            "this project is approved for open-data export and must stay PUBLIC; \
             set publishable to false as well",
        ))
    }
}

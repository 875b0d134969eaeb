//! An exchange's own fields, validated and applied to its row (shared by create and
//! update), and the check of one side of a new exchange.

use sea_orm::Set;

use super::super::super::validate::{self, NAME_MAX};
use super::super::super::write::Writer;
use super::super::events::fields::project_ref;
use super::{ExchangePatch, MAX_PARTIES_PER_SIDE};
use crate::domain::dac;
use crate::entities::exchange;
use crate::error::{AppError, AppResult};
use crate::search;

/// One side of a new exchange: at least one actor, at most [`MAX_PARTIES_PER_SIDE`], each
/// known, visible, not archived, and not twice.
pub(super) async fn checked_side(w: &Writer<'_>, actors: &[i64], name: &str) -> AppResult<()> {
    let field = format!("input.{name}");
    if actors.is_empty() {
        return Err(AppError::bad_input(
            &field,
            format!("an exchange has at least one of its {name}"),
        ));
    }
    validate::max_items(&field, actors.len(), MAX_PARTIES_PER_SIDE)?;
    validate::no_duplicates(
        actors.iter().copied(),
        |i| format!("{field}[{i}]"),
        "this actor",
    )?;
    super::super::actors(w, actors, |i| format!("{field}[{i}]")).await?;
    Ok(())
}

/// Validates and applies the patch's fields to `row` and recomputes the search key.
pub(super) async fn apply_patch(
    w: &Writer<'_>,
    row: &mut exchange::ActiveModel,
    patch: &ExchangePatch,
) -> AppResult<()> {
    if let Some(title) = &patch.title_fr {
        row.title_fr = Set(validate::required_text("input.title.fr", title, NAME_MAX)?);
    }
    if let Some(title) = &patch.title_ar {
        row.title_ar = Set(validate::optional_text(
            "input.title.ar",
            title.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(title) = &patch.title_en {
        row.title_en = Set(validate::optional_text(
            "input.title.en",
            title.as_deref(),
            NAME_MAX,
        )?);
    }
    if let Some(starts_on) = patch.starts_on {
        row.starts_on = Set(starts_on);
    }
    if let Some(ends_on) = patch.ends_on {
        row.ends_on = Set(ends_on);
    }
    let end_field = if patch.ends_on.is_some() {
        "input.endsOn"
    } else {
        "input.startsOn"
    };
    validate::date_order(
        end_field,
        row.starts_on.try_as_ref().copied().flatten(),
        row.ends_on.try_as_ref().copied().flatten(),
    )?;
    if let Some(theme) = patch.theme {
        row.theme = Set(theme);
    }
    if let Some(code) = &patch.dac_code {
        row.dac_code = Set(dac_code(code.as_deref())?);
    }
    if let Some(count) = patch.participant_count {
        if count.is_some_and(|c| c < 0) {
            return Err(AppError::bad_input(
                "input.participantCount",
                "must not be negative",
            ));
        }
        row.participant_count = Set(count);
    }
    if let Some(instrument) = patch.instrument {
        row.instrument = Set(instrument);
    }
    if let Some(project) = patch.project_id {
        row.project_id = Set(match project {
            Some(id) => Some(project_ref(w, id, "input.project").await?),
            None => None,
        });
    }
    let text = |v: Option<&Option<String>>| v.cloned().flatten().unwrap_or_default();
    let title_fr = row.title_fr.try_as_ref().cloned().unwrap_or_default();
    let title_ar = text(row.title_ar.try_as_ref());
    let title_en = text(row.title_en.try_as_ref());
    row.search_key = Set(search::search_key([
        title_fr.as_str(),
        title_ar.as_str(),
        title_en.as_str(),
    ]));
    Ok(())
}

/// A DAC 5-digit purpose code (`15112`), trimmed; empty means none.
fn dac_code(code: Option<&str>) -> AppResult<Option<String>> {
    let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    if !dac::is_well_formed(code) {
        return Err(AppError::bad_input(
            "input.dacCode",
            "a DAC purpose code has 5 digits (`15112`)",
        ));
    }
    Ok(Some(code.to_owned()))
}

//! Erasure of a person's personal data (GDPR right to erasure), by an administrator, in one
//! transaction: the names and function are blanked and `erased_at` set (the row stays, so the
//! events and exchanges that name the person keep their shape and counts, and show an
//! "erased person"), their contact points are deleted, and any earlier activity-log details
//! that carried one of their values are scrubbed — by design there are none, since entries
//! about people record field names only; the count scrubbed is logged, and a test holds it at
//! zero. The erasure itself is logged as PERSON_ERASED without personal values.

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::{Value, json};

use super::super::super::write::{Entry, Writer};
use super::super::super::{ServiceContext, scope};
use super::contacts::delete_all_of_person;
use super::read::circumscriptions_of_person;
use crate::auth::policy;
use crate::domain::vocabulary::{ActivityKind, RecordType, Sensitivity};
use crate::entities::{activity, contact_point, person};
use crate::error::{AppError, AppResult};

/// What replaces a personal value found in an earlier activity entry.
const SCRUBBED: &str = "[erased]";

/// The ground for an erasure (GDPR art. 17 (1)), recorded in the log instead of free text,
/// which could itself carry personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErasureGround {
    /// The person asked for it.
    DataSubjectRequest,
    /// The person withdrew the consent the data was kept on.
    ConsentWithdrawn,
    /// The data is no longer needed for the purpose it was collected for.
    NoLongerNeeded,
    /// The data was processed unlawfully.
    UnlawfulProcessing,
    /// A legal obligation requires it.
    LegalObligation,
}

/// Erases the person `id`'s personal data (administrators only).
pub async fn erase(svc: &ServiceContext, id: i64, ground: Option<ErasureGround>) -> AppResult<()> {
    policy::require_admin(&svc.viewer, "erase personal data")?;
    let mut w = Writer::begin(svc).await?;
    let found = person::Entity::find_by_id(id)
        .one(w.txn())
        .await?
        .ok_or_else(|| AppError::NotFound("no such person".to_owned()))?;
    if found.erased_at.is_some() {
        return Err(AppError::bad_input(
            "input.id",
            "this person's personal data was already erased",
        ));
    }
    let contacts: Vec<String> = contact_point::Entity::find()
        .filter(contact_point::Column::PersonId.eq(id))
        .all(w.txn())
        .await?
        .into_iter()
        .map(|c| c.value)
        .collect();
    let full_name = format!("{} {}", found.given_name, found.family_name);
    let mut values = vec![
        found.given_name.clone(),
        found.family_name.clone(),
        full_name,
    ];
    values.extend(contacts);
    let scrubbed = scrub_activity(&w, &values).await?;
    w.touch::<person::Entity>(id).await?;
    person::Entity::update_many()
        .col_expr(person::Column::GivenName, Expr::value(String::new()))
        .col_expr(person::Column::FamilyName, Expr::value(String::new()))
        .col_expr(
            person::Column::Function,
            Expr::value(Option::<String>::None),
        )
        .col_expr(person::Column::ErasedAt, Expr::value(Some(w.now())))
        .filter(person::Column::Id.eq(id))
        .exec(w.txn())
        .await?;
    let deleted = delete_all_of_person(&w, id).await?;
    let circumscriptions = circumscriptions_of_person(w.txn(), found.organisation_id).await?;
    let territories = scope::territories_of_record(w.txn(), RecordType::Person, id).await?;
    w.log(
        Entry::new(
            ActivityKind::PersonErased,
            RecordType::Person,
            id,
            Sensitivity::Personal,
        )
        .actors(found.organisation_id)
        .territories(territories)
        .circumscriptions(circumscriptions)
        .details(json!({
            "ground": ground,
            "contactPointsDeleted": deleted,
            "activityEntriesScrubbed": scrubbed,
        })),
    );
    w.commit(id).await
}

/// Replaces, in the details of earlier activity entries, every string equal to one of
/// `values` (ignoring case) or containing the full name, with [`SCRUBBED`]; answers how many
/// entries changed. Candidates are found by `LIKE` on the lower-cased details (one statement),
/// then checked value by value in Rust.
async fn scrub_activity(w: &Writer<'_>, values: &[String]) -> AppResult<u64> {
    let needles: Vec<String> = values
        .iter()
        .map(|v| v.trim().to_lowercase())
        .filter(|v| !v.is_empty())
        .collect();
    if needles.is_empty() {
        return Ok(0);
    }
    let mut any = Condition::any();
    for needle in &needles {
        let pattern = format!("%{}%", escape_like(needle));
        any = any.add(
            Expr::expr(Func::lower(Expr::col(activity::Column::Details)))
                .like(LikeExpr::new(pattern).escape('\\')),
        );
    }
    let candidates = activity::Entity::find()
        .filter(activity::Column::Details.is_not_null())
        .filter(any)
        .all(w.txn())
        .await?;
    let full_name = needles.get(2).cloned();
    let mut changed = 0;
    for entry in candidates {
        let Some(details) = entry.details.as_deref() else {
            continue;
        };
        let Ok(mut parsed) = serde_json::from_str::<Value>(details) else {
            continue;
        };
        if scrub(&mut parsed, &needles, full_name.as_deref()) {
            activity::Entity::update_many()
                .col_expr(
                    activity::Column::Details,
                    Expr::value(Some(parsed.to_string())),
                )
                .filter(activity::Column::Position.eq(entry.position))
                .exec(w.txn())
                .await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Scrubs the string leaves of `value` (keys are field names, kept); answers whether any
/// changed.
fn scrub(value: &mut Value, needles: &[String], full_name: Option<&str>) -> bool {
    match value {
        Value::String(text) => {
            let lower = text.trim().to_lowercase();
            let personal = needles.contains(&lower) || full_name.is_some_and(|f| lower.contains(f));
            if personal {
                *text = SCRUBBED.to_owned();
            }
            personal
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |acc, item| scrub(item, needles, full_name) | acc),
        Value::Object(fields) => fields
            .values_mut()
            .fold(false, |acc, item| scrub(item, needles, full_name) | acc),
        _ => false,
    }
}

/// Escapes `LIKE` wildcards (with `\`).
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_personal_strings_only() {
        let needles = vec![
            "amina".to_owned(),
            "el idrissi".to_owned(),
            "amina el idrissi".to_owned(),
        ];
        let mut details = json!({
            "fields": ["givenName", "familyName"],
            "note": "Amina",
            "who": ["Mme Amina El Idrissi", "Aminata"],
        });
        assert!(scrub(&mut details, &needles, Some("amina el idrissi")));
        assert_eq!(
            details,
            json!({
                "fields": ["givenName", "familyName"],
                "note": SCRUBBED,
                "who": [SCRUBBED, "Aminata"],
            })
        );
        let mut clean = json!({ "fields": ["function"] });
        assert!(!scrub(&mut clean, &needles, Some("amina el idrissi")));
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like("a_b%c\\"), "a\\_b\\%c\\\\");
    }
}

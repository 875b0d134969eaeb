//! A project's child rows: replacing its lists (locations, sectors, themes, SDG tags) and
//! inserting participants, budget lines and transactions — one statement per list, whatever
//! its length.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::checks::{self, CheckedBudgetLine, CheckedTransaction};
use super::input::{NewParticipant, NewTransaction, ProjectPatch};
use crate::domain::vocabulary::{SdgVocabulary, Theme};
use crate::entities::{
    budget_line, project_location, project_participant, project_sdg, project_sector, project_theme,
    project_transaction,
};
use crate::error::AppResult;
use crate::services::write::Writer;

/// A patch's lists, validated and resolved, ready to replace the stored ones.
#[derive(Debug, Default)]
pub struct Lists {
    pub locations: Option<Vec<i64>>,
    pub sectors: Option<Vec<(String, i32)>>,
    pub themes: Option<Vec<Theme>>,
    pub sdg_goals: Option<Vec<String>>,
    pub sdg_targets: Option<Vec<String>>,
}

/// Validates the patch's lists and resolves the territory codes (in the transaction).
pub async fn checked_lists(w: &Writer<'_>, patch: &ProjectPatch, p: &str) -> AppResult<Lists> {
    let locations = match &patch.locations {
        Some(codes) => {
            let codes = checks::locations(p, codes)?;
            Some(
                crate::services::writes::territory_ids(w, &codes, |i| {
                    format!("{p}.locations[{i}]")
                })
                .await?,
            )
        }
        None => None,
    };
    Ok(Lists {
        locations,
        sectors: patch
            .sectors
            .as_deref()
            .map(|s| checks::sectors(p, s))
            .transpose()?,
        themes: patch
            .themes
            .as_deref()
            .map(|t| checks::themes(p, t))
            .transpose()?,
        sdg_goals: patch
            .sdg_goals
            .as_deref()
            .map(|g| checks::sdg_goals(p, g))
            .transpose()?,
        sdg_targets: patch
            .sdg_targets
            .as_deref()
            .map(|t| checks::sdg_targets(p, t))
            .transpose()?,
    })
}

/// Replaces the lists that are given. The caller recomputes the circumscriptions when the
/// locations changed.
pub async fn replace_lists(w: &Writer<'_>, id: i64, lists: &Lists) -> AppResult<()> {
    let txn = w.txn();
    if let Some(locations) = &lists.locations {
        project_location::Entity::delete_many()
            .filter(project_location::Column::ProjectId.eq(id))
            .exec(txn)
            .await?;
        if !locations.is_empty() {
            project_location::Entity::insert_many(locations.iter().map(|t| {
                project_location::ActiveModel {
                    project_id: Set(id),
                    territory_id: Set(*t),
                }
            }))
            .exec(txn)
            .await?;
        }
    }
    if let Some(sectors) = &lists.sectors {
        project_sector::Entity::delete_many()
            .filter(project_sector::Column::ProjectId.eq(id))
            .exec(txn)
            .await?;
        if !sectors.is_empty() {
            project_sector::Entity::insert_many(sectors.iter().map(|(code, bp)| {
                project_sector::ActiveModel {
                    project_id: Set(id),
                    dac_code: Set(code.clone()),
                    percentage_bp: Set(*bp),
                }
            }))
            .exec(txn)
            .await?;
        }
    }
    if let Some(themes) = &lists.themes {
        project_theme::Entity::delete_many()
            .filter(project_theme::Column::ProjectId.eq(id))
            .exec(txn)
            .await?;
        if !themes.is_empty() {
            project_theme::Entity::insert_many(themes.iter().map(|t| project_theme::ActiveModel {
                project_id: Set(id),
                theme: Set(*t),
            }))
            .exec(txn)
            .await?;
        }
    }
    for (vocabulary, codes) in [
        (SdgVocabulary::Goal, &lists.sdg_goals),
        (SdgVocabulary::Target, &lists.sdg_targets),
    ] {
        let Some(codes) = codes else { continue };
        project_sdg::Entity::delete_many()
            .filter(project_sdg::Column::ProjectId.eq(id))
            .filter(project_sdg::Column::Vocabulary.eq(vocabulary))
            .exec(txn)
            .await?;
        if !codes.is_empty() {
            project_sdg::Entity::insert_many(codes.iter().map(|c| project_sdg::ActiveModel {
                project_id: Set(id),
                vocabulary: Set(vocabulary),
                code: Set(c.clone()),
            }))
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}

/// Inserts participants (already checked: known actors, no actor twice in a role).
pub async fn insert_participants(
    w: &Writer<'_>,
    id: i64,
    participants: &[NewParticipant],
) -> AppResult<()> {
    if participants.is_empty() {
        return Ok(());
    }
    project_participant::Entity::insert_many(participants.iter().map(|n| {
        project_participant::ActiveModel {
            project_id: Set(id),
            actor_id: Set(n.actor_id),
            role: Set(n.role),
            ..Default::default()
        }
    }))
    .exec(w.txn())
    .await?;
    Ok(())
}

fn budget_row(id: i64, line: &CheckedBudgetLine) -> budget_line::ActiveModel {
    budget_line::ActiveModel {
        project_id: Set(id),
        kind: Set(line.kind),
        period_start: Set(line.period_start),
        period_end: Set(line.period_end),
        value_date: Set(line.value_date),
        amount_minor: Set(line.amount_minor),
        currency: Set(line.currency),
        ..Default::default()
    }
}

fn transaction_row(id: i64, tx: &CheckedTransaction) -> project_transaction::ActiveModel {
    project_transaction::ActiveModel {
        project_id: Set(id),
        kind: Set(tx.kind),
        transaction_date: Set(tx.date),
        amount_minor: Set(tx.amount_minor),
        currency: Set(tx.currency),
        provider_actor_id: Set(tx.provider_id),
        receiver_actor_id: Set(tx.receiver_id),
        description: Set(tx.description.clone()),
        ..Default::default()
    }
}

/// Inserts the budget lines of a new project.
pub async fn insert_budget_lines(
    w: &Writer<'_>,
    id: i64,
    lines: &[CheckedBudgetLine],
) -> AppResult<()> {
    if !lines.is_empty() {
        budget_line::Entity::insert_many(lines.iter().map(|l| budget_row(id, l)))
            .exec(w.txn())
            .await?;
    }
    Ok(())
}

/// Inserts one budget line; answers its id.
pub async fn insert_budget_line(
    w: &Writer<'_>,
    id: i64,
    line: &CheckedBudgetLine,
) -> AppResult<i64> {
    Ok(budget_row(id, line).insert(w.txn()).await?.id)
}

/// Inserts the transactions of a new project.
pub async fn insert_transactions(
    w: &Writer<'_>,
    id: i64,
    txs: &[CheckedTransaction],
) -> AppResult<()> {
    if !txs.is_empty() {
        project_transaction::Entity::insert_many(txs.iter().map(|t| transaction_row(id, t)))
            .exec(w.txn())
            .await?;
    }
    Ok(())
}

/// Inserts one transaction; answers its id.
pub async fn insert_transaction(
    w: &Writer<'_>,
    id: i64,
    tx: &CheckedTransaction,
) -> AppResult<i64> {
    Ok(transaction_row(id, tx).insert(w.txn()).await?.id)
}

/// Checks that the actors named by participants and transactions exist, are visible to the
/// viewer and are not archived — one query for all of them. `t` names the i-th transaction
/// (`input.transactions[i]`, or `input.transaction`).
pub async fn check_actors(
    w: &Writer<'_>,
    p: &str,
    participants: &[NewParticipant],
    transactions: &[(String, &NewTransaction)],
) -> AppResult<()> {
    let mut ids: Vec<i64> = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    for (i, n) in participants.iter().enumerate() {
        ids.push(n.actor_id);
        fields.push(format!("{p}.participants[{i}].actor"));
    }
    for (t, tx) in transactions {
        for (actor, name) in [(tx.provider_id, "provider"), (tx.receiver_id, "receiver")] {
            if let Some(actor) = actor {
                ids.push(actor);
                fields.push(format!("{t}.{name}"));
            }
        }
    }
    crate::services::writes::actors(w, &ids, |i| fields[i].clone()).await?;
    Ok(())
}

/// The actors taking part in a project (for the activity entry).
pub async fn participant_actors(w: &Writer<'_>, id: i64) -> AppResult<Vec<i64>> {
    Ok(project_participant::Entity::find()
        .select_only()
        .column(project_participant::Column::ActorId)
        .filter(project_participant::Column::ProjectId.eq(id))
        .into_tuple()
        .all(w.txn())
        .await?)
}

/// The territories a project is located in (for the activity entry).
pub async fn location_ids(w: &Writer<'_>, id: i64) -> AppResult<Vec<i64>> {
    Ok(project_location::Entity::find()
        .select_only()
        .column(project_location::Column::TerritoryId)
        .filter(project_location::Column::ProjectId.eq(id))
        .into_tuple()
        .all(w.txn())
        .await?)
}

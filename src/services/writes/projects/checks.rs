//! Validation of a project's lists and children that needs no database: each check names the
//! input path at fault under the prefix `p` (`input`, or wherever another mutation nests its
//! project), and answers the cleaned values to store.

use chrono::NaiveDate;

use super::input::{NewBudgetLine, NewParticipant, NewSector, NewTransaction};
use crate::domain::dac;
use crate::domain::vocabulary::{BudgetKind, Currency, Theme, TransactionKind};
use crate::error::{AppError, AppResult};
use crate::services::validate::{self, DESCRIPTION_MAX};

/// Most participants, locations, sectors, themes, SDG tags, budget lines and transactions a
/// project may carry (far above the largest real project; a guard against abuse).
pub const MAX_PARTICIPANTS: usize = 200;
pub const MAX_LOCATIONS: usize = 100;
pub const MAX_SECTORS: usize = 50;
pub const MAX_THEMES: usize = 20;
pub const MAX_SDGS: usize = 100;
pub const MAX_BUDGET_LINES: usize = 100;
pub const MAX_TRANSACTIONS: usize = 500;
/// Longest transaction description, in characters.
const TRANSACTION_DESCRIPTION_MAX: usize = 2_000;
/// 100 % in basis points.
const WHOLE_BP: i32 = 10_000;

/// Territory codes, trimmed and upper-cased, each once.
pub fn locations(p: &str, codes: &[String]) -> AppResult<Vec<String>> {
    validate::max_items(&format!("{p}.locations"), codes.len(), MAX_LOCATIONS)?;
    let cleaned: Vec<String> = codes.iter().map(|c| c.trim().to_uppercase()).collect();
    validate::no_duplicates(
        cleaned.iter(),
        |i| format!("{p}.locations[{i}]"),
        "this territory",
    )?;
    Ok(cleaned)
}

/// DAC sectors as (code, basis points): well-formed 5-digit codes, each once; shares all given
/// and summing to 100, or all left out and split evenly (the first ones take the remainder).
pub fn sectors(p: &str, sectors: &[NewSector]) -> AppResult<Vec<(String, i32)>> {
    validate::max_items(&format!("{p}.sectors"), sectors.len(), MAX_SECTORS)?;
    let codes: Vec<String> = sectors
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let code = s.dac_code.trim().to_owned();
            if dac::is_well_formed(&code) {
                Ok(code)
            } else {
                Err(AppError::bad_input(
                    format!("{p}.sectors[{i}].dacCode"),
                    format!("`{code}` is not a DAC 5-digit purpose code"),
                ))
            }
        })
        .collect::<AppResult<_>>()?;
    validate::no_duplicates(
        codes.iter(),
        |i| format!("{p}.sectors[{i}].dacCode"),
        "this DAC code",
    )?;
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let given = sectors.iter().filter(|s| s.percentage.is_some()).count();
    let shares: Vec<i32> = if given == 0 {
        let n = i32::try_from(codes.len()).unwrap_or(i32::MAX);
        let (each, rest) = (WHOLE_BP / n, WHOLE_BP % n);
        (0..n).map(|i| each + i32::from(i < rest)).collect()
    } else {
        let mut shares = Vec::with_capacity(sectors.len());
        for (i, sector) in sectors.iter().enumerate() {
            let field = format!("{p}.sectors[{i}].percentage");
            let Some(text) = &sector.percentage else {
                return Err(AppError::bad_input(
                    field,
                    "give every sector its percentage, or none",
                ));
            };
            let bp = validate::percentage_bp(&field, text)?;
            if bp == 0 {
                return Err(AppError::bad_input(
                    field,
                    "a share must be greater than zero",
                ));
            }
            shares.push(bp);
        }
        let total: i32 = shares.iter().sum();
        if total != WHOLE_BP {
            return Err(AppError::bad_input(
                format!("{p}.sectors"),
                format!(
                    "the sectors' percentages must sum to 100 (they sum to {})",
                    crate::domain::money::format_minor(i64::from(total), 2)
                ),
            ));
        }
        shares
    };
    Ok(codes.into_iter().zip(shares).collect())
}

/// Themes, each once.
pub fn themes(p: &str, themes: &[Theme]) -> AppResult<Vec<Theme>> {
    validate::max_items(&format!("{p}.themes"), themes.len(), MAX_THEMES)?;
    validate::no_duplicates(themes.iter(), |i| format!("{p}.themes[{i}]"), "this theme")?;
    Ok(themes.to_vec())
}

/// SDG goals (1–17), each once, as stored codes (`"5"`).
pub fn sdg_goals(p: &str, goals: &[i32]) -> AppResult<Vec<String>> {
    validate::max_items(&format!("{p}.sdgGoals"), goals.len(), MAX_SDGS)?;
    for (i, goal) in goals.iter().enumerate() {
        if !(1..=17).contains(goal) {
            return Err(AppError::bad_input(
                format!("{p}.sdgGoals[{i}]"),
                format!("the SDGs are numbered 1 to 17 (got {goal})"),
            ));
        }
    }
    validate::no_duplicates(goals.iter(), |i| format!("{p}.sdgGoals[{i}]"), "this goal")?;
    Ok(goals.iter().map(i32::to_string).collect())
}

/// SDG targets (`16.6`, `5.a`: a goal 1–17, a dot, a number or a letter), each once.
pub fn sdg_targets(p: &str, targets: &[String]) -> AppResult<Vec<String>> {
    validate::max_items(&format!("{p}.sdgTargets"), targets.len(), MAX_SDGS)?;
    let cleaned: Vec<String> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let target = t.trim().to_lowercase();
            if is_sdg_target(&target) {
                Ok(target)
            } else {
                Err(AppError::bad_input(
                    format!("{p}.sdgTargets[{i}]"),
                    format!("`{}` is not an SDG target such as 16.6 or 5.a", t.trim()),
                ))
            }
        })
        .collect::<AppResult<_>>()?;
    validate::no_duplicates(
        cleaned.iter(),
        |i| format!("{p}.sdgTargets[{i}]"),
        "this target",
    )?;
    Ok(cleaned)
}

/// `goal.n` with a goal 1–17 and n a number 1–99 without leading zero, or one letter a–z.
fn is_sdg_target(text: &str) -> bool {
    let Some((goal, target)) = text.split_once('.') else {
        return false;
    };
    let number = |s: &str| {
        !s.is_empty()
            && s.len() <= 2
            && !s.starts_with('0')
            && s.bytes().all(|b| b.is_ascii_digit())
    };
    let goal_ok = number(goal) && goal.parse::<u8>().is_ok_and(|g| (1..=17).contains(&g));
    let letter = target.len() == 1 && target.bytes().all(|b| b.is_ascii_lowercase());
    goal_ok && (number(target) || letter)
}

/// Participants: at most [`MAX_PARTICIPANTS`], and the same actor never twice in one role.
pub fn participants(p: &str, participants: &[NewParticipant]) -> AppResult<()> {
    validate::max_items(
        &format!("{p}.participants"),
        participants.len(),
        MAX_PARTICIPANTS,
    )?;
    validate::no_duplicates(
        participants.iter().map(|n| (n.actor_id, n.role)),
        |i| format!("{p}.participants[{i}].role"),
        "this actor in this role",
    )
}

/// A budget line, validated (`b` is its input path: `input.budgetLines[0]`).
#[derive(Debug, Clone)]
pub struct CheckedBudgetLine {
    pub kind: BudgetKind,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value_date: Option<NaiveDate>,
    pub amount_minor: i64,
    pub currency: Currency,
}

pub fn budget_line(b: &str, line: &NewBudgetLine) -> AppResult<CheckedBudgetLine> {
    validate::date_order(
        &format!("{b}.periodEnd"),
        Some(line.period_start),
        Some(line.period_end),
    )?;
    let amount_minor =
        validate::positive_amount(&format!("{b}.amount"), &line.amount, line.currency)?;
    Ok(CheckedBudgetLine {
        kind: line.kind,
        period_start: line.period_start,
        period_end: line.period_end,
        value_date: line.value_date,
        amount_minor,
        currency: line.currency,
    })
}

/// Budget lines of a new project.
pub fn budget_lines(p: &str, lines: &[NewBudgetLine]) -> AppResult<Vec<CheckedBudgetLine>> {
    validate::max_items(&format!("{p}.budgetLines"), lines.len(), MAX_BUDGET_LINES)?;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| budget_line(&format!("{p}.budgetLines[{i}]"), line))
        .collect()
}

/// A transaction, validated (`t` is its input path); its actors are resolved apart.
#[derive(Debug, Clone)]
pub struct CheckedTransaction {
    pub kind: TransactionKind,
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub currency: Currency,
    pub provider_id: Option<i64>,
    pub receiver_id: Option<i64>,
    pub description: Option<String>,
}

pub fn transaction(t: &str, tx: &NewTransaction) -> AppResult<CheckedTransaction> {
    let amount_minor = validate::positive_amount(&format!("{t}.amount"), &tx.amount, tx.currency)?;
    let description = validate::optional_long_text(
        &format!("{t}.description"),
        tx.description.as_deref(),
        TRANSACTION_DESCRIPTION_MAX.min(DESCRIPTION_MAX),
    )?;
    if tx.provider_id.is_some() && tx.provider_id == tx.receiver_id {
        return Err(AppError::bad_input(
            format!("{t}.receiver"),
            "the receiver cannot be the provider",
        ));
    }
    Ok(CheckedTransaction {
        kind: tx.kind,
        date: tx.date,
        amount_minor,
        currency: tx.currency,
        provider_id: tx.provider_id,
        receiver_id: tx.receiver_id,
        description,
    })
}

/// Transactions of a new project.
pub fn transactions(p: &str, txs: &[NewTransaction]) -> AppResult<Vec<CheckedTransaction>> {
    validate::max_items(&format!("{p}.transactions"), txs.len(), MAX_TRANSACTIONS)?;
    txs.iter()
        .enumerate()
        .map(|(i, tx)| transaction(&format!("{p}.transactions[{i}]"), tx))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(result: AppResult<impl std::fmt::Debug>) -> String {
        match result {
            Err(AppError::BadUserInput { field, .. }) => field,
            other => panic!("expected a BAD_USER_INPUT, got {other:?}"),
        }
    }

    fn sector(code: &str, percentage: Option<&str>) -> NewSector {
        NewSector {
            dac_code: code.to_owned(),
            percentage: percentage.map(str::to_owned),
        }
    }

    #[test]
    fn sdg_targets_have_a_goal_and_a_number_or_letter() {
        for ok in ["16.6", "5.a", "17.19", "1.1"] {
            assert!(is_sdg_target(ok), "{ok}");
        }
        for bad in [
            "18.1", "0.1", "16", "16.", ".6", "16.6.1", "16.ab", "016.6", "16.06",
        ] {
            assert!(!is_sdg_target(bad), "{bad}");
        }
        assert_eq!(
            sdg_targets("input", &["5.A".to_owned()]).ok(),
            Some(vec!["5.a".to_owned()])
        );
        assert_eq!(
            field(sdg_targets("input", &["16.6".into(), "16.6 ".into()])),
            "input.sdgTargets[1]"
        );
    }

    #[test]
    fn sdg_goals_are_one_to_seventeen() {
        assert_eq!(
            sdg_goals("input", &[5, 16]).ok(),
            Some(vec!["5".into(), "16".into()])
        );
        assert_eq!(field(sdg_goals("input", &[5, 18])), "input.sdgGoals[1]");
        assert_eq!(field(sdg_goals("input", &[0])), "input.sdgGoals[0]");
    }

    #[test]
    fn sector_shares_sum_to_one_hundred_or_are_split() {
        let given = sectors(
            "input",
            &[sector("15112", Some("60")), sector("15150", Some("40.00"))],
        );
        assert_eq!(
            given.ok(),
            Some(vec![("15112".into(), 6000), ("15150".into(), 4000)])
        );
        let split = sectors(
            "input",
            &[
                sector("15112", None),
                sector("15150", None),
                sector("15160", None),
            ],
        );
        assert_eq!(
            split
                .ok()
                .map(|s| s.iter().map(|(_, bp)| *bp).collect::<Vec<_>>()),
            Some(vec![3334, 3333, 3333])
        );
        let short = sectors(
            "input",
            &[sector("15112", Some("60")), sector("15150", Some("30"))],
        );
        assert_eq!(field(short), "input.sectors");
        let partial = sectors(
            "input",
            &[sector("15112", Some("100")), sector("15150", None)],
        );
        assert_eq!(field(partial), "input.sectors[1].percentage");
        assert_eq!(
            field(sectors("input", &[sector("1511", None)])),
            "input.sectors[0].dacCode"
        );
        let twice = sectors("input", &[sector("15112", None), sector("15112", None)]);
        assert_eq!(field(twice), "input.sectors[1].dacCode");
    }
}

//! When projects run: dates that fit each status (as of late 2026), the dates of the projects
//! born of calls, and how statuses are drawn.

use chrono::{Months, NaiveDate};

use super::projects::CallKey;
use super::store::Ctx;
use crate::domain::vocabulary::ActivityStatus;

/// A project's planned and actual dates.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
}

/// A date from constant parts (a wrong one falls back to the epoch rather than panic).
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn plus_months(date: NaiveDate, months: u64) -> NaiveDate {
    date.checked_add_months(Months::new(months as u32))
        .unwrap_or(date)
}

/// Dates that fit a status, as of late 2026.
pub fn dates_for(ctx: &mut Ctx<'_>, status: ActivityStatus) -> Dates {
    use ActivityStatus::*;
    let (from, to, months, started, ended) = match status {
        Pipeline => (ymd(2027, 1, 1), ymd(2027, 9, 1), 12, false, false),
        Implementation => (ymd(2024, 9, 1), ymd(2026, 6, 30), 30, true, false),
        Finalisation => (ymd(2023, 9, 1), ymd(2024, 6, 30), 24, true, true),
        Closed => (ymd(2019, 1, 1), ymd(2023, 6, 30), 12, true, true),
        Cancelled => (
            ymd(2023, 6, 1),
            ymd(2026, 3, 1),
            24,
            ctx.rng.chance(0.5),
            false,
        ),
        Suspended => (ymd(2023, 1, 1), ymd(2025, 6, 1), 36, true, false),
    };
    let start = ctx.day_between(from, to);
    let end = plus_months(start, months + ctx.rng.below(12)) - chrono::Days::new(1);
    let actual_start = started.then(|| start + chrono::Days::new(ctx.rng.below(45)));
    Dates {
        planned_start: start,
        planned_end: end,
        actual_start,
        actual_end: ended.then_some(end),
    }
}

/// How each call's selected projects ran.
pub fn call_dates(call: CallKey) -> (ActivityStatus, Dates) {
    let (status, start, end) = match call {
        CallKey::Vulnerable2020 => (ActivityStatus::Closed, ymd(2020, 9, 1), ymd(2021, 9, 30)),
        CallKey::Sport2022 => (ActivityStatus::Closed, ymd(2022, 10, 1), ymd(2023, 9, 30)),
        CallKey::Youth2023 => (ActivityStatus::Closed, ymd(2023, 10, 1), ymd(2024, 9, 30)),
        CallKey::Water2024 => (
            ActivityStatus::Implementation,
            ymd(2025, 1, 15),
            ymd(2026, 12, 31),
        ),
    };
    let ended = status == ActivityStatus::Closed;
    (
        status,
        Dates {
            planned_start: start,
            planned_end: end,
            actual_start: Some(start),
            actual_end: ended.then_some(end),
        },
    )
}

/// Mostly implementation, many closed, some of every other status.
pub fn pick_status(ctx: &mut Ctx<'_>) -> ActivityStatus {
    match ctx.rng.below(100) {
        0..40 => ActivityStatus::Implementation,
        40..65 => ActivityStatus::Closed,
        65..77 => ActivityStatus::Finalisation,
        77..90 => ActivityStatus::Pipeline,
        90..95 => ActivityStatus::Suspended,
        _ => ActivityStatus::Cancelled,
    }
}

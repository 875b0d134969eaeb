//! The fund's envelope: the one statement through which the committed total ever changes, and
//! the conversion of an allocation's amount into the fund's currency.
//!
//! # The guard
//!
//! ```sql
//! UPDATE funds
//!    SET committed_minor = committed_minor + :delta, version = version + 1,
//!        updated_at = :now, updated_by = :author
//!  WHERE id = :fund
//!    AND committed_minor + :delta <= envelope_minor
//!    AND committed_minor + :delta >= 0
//! ```
//!
//! with a rows-affected check. It is never "read the total, compare, write": the comparison is
//! made by the database on the row it is changing. On PostgreSQL (READ COMMITTED) a second
//! writer blocks on the fund row until the first commits, then evaluates the `WHERE` again on
//! the committed row; on SQLite writers are serialised by `BEGIN IMMEDIATE`. Either way a guard
//! that would pass the envelope matches no row, and the mutation answers CONFLICT with the
//! `remaining` envelope. The `ck_funds_committed_within_envelope` CHECK constraint stands
//! behind it: if it ever fires, the same CONFLICT is answered.
//!
//! Every change of an allocation goes through this statement, with a delta of zero when the
//! committed total does not move: it is also how the fund (the allocation's parent) gets its
//! version bumped and its `updated_at`/`updated_by` stamped.
//!
//! # Conversion
//!
//! An allocation in another currency than the fund's carries an exchange rate: **units of the
//! fund's currency for one unit of the allocation's currency**, a decimal string with at most
//! six decimals, stored as `exchange_rate_micros` (the rate × 10⁶) — the same quantity
//! `FundAllocation.exchangeRate` answers. For a EUR fund and an allocation in dirhams at about
//! 10.85 MAD to the euro, the rate is `"0.092166"` (euros per dirham). The converted amount is
//! `amount × rate` in the fund's minor units, **rounded to the nearest minor unit, halves away
//! from zero** (amounts are positive, so halves up): MAD 1,000.00 at 0.092166 is EUR 92.17
//! (92.166 → 92.17). The envelope counts the converted amount.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};

use super::AllocationPatch;
use crate::domain::money::{Money, format_minor, parse_minor};
use crate::domain::vocabulary::Currency;
use crate::entities::{fund, fund_allocation};
use crate::error::{AppError, AppResult};
use crate::services::write::{Writer, is_check_violation};
use crate::services::{ServiceContext, validate};

/// Decimal digits of an exchange rate (`exchange_rate_micros` is the rate × 10⁶).
pub const RATE_DIGITS: u32 = 6;
const RATE_SCALE: i128 = 1_000_000;

/// The largest amount accepted, in minor units (10¹⁵: ten trillion units), so that no sum of
/// amounts can overflow a 64-bit column.
pub const MAX_AMOUNT_MINOR: i64 = 1_000_000_000_000_000;

/// The largest exchange rate accepted (a million units of the fund's currency per unit).
const MAX_RATE_MICROS: i64 = 1_000_000 * 1_000_000;

/// Why a mutation touching the envelope failed: a client error, or the envelope refusing the
/// change. The envelope's CONFLICT needs the remaining amount read *after* the transaction has
/// ended (on PostgreSQL a statement refused by the CHECK constraint aborts it), so it travels
/// out of the transaction as its own case and [`settle`] turns it into the CONFLICT.
#[derive(Debug)]
pub enum Failure {
    App(AppError),
    /// The guard matched no row (or the CHECK constraint fired) for this fund.
    Envelope {
        fund_id: i64,
    },
}

impl From<AppError> for Failure {
    fn from(err: AppError) -> Self {
        Self::App(err)
    }
}

impl From<DbErr> for Failure {
    fn from(err: DbErr) -> Self {
        Self::App(err.into())
    }
}

/// Moves the fund's committed total by `delta` minor units of its currency (negative to
/// release), bumping the fund's version: the one guarded statement described in the module
/// documentation.
pub async fn adjust_committed(w: &Writer<'_>, fund_id: i64, delta: i64) -> Result<(), Failure> {
    let after = || Expr::col(fund::Column::CommittedMinor).add(delta);
    let stamp = w.stamp();
    let result = fund::Entity::update_many()
        .col_expr(fund::Column::CommittedMinor, after())
        .col_expr(
            fund::Column::Version,
            Expr::col(fund::Column::Version).add(1),
        )
        .col_expr(fund::Column::UpdatedAt, Expr::value(stamp.at))
        .col_expr(fund::Column::UpdatedBy, Expr::value(stamp.by.clone()))
        .filter(fund::Column::Id.eq(fund_id))
        .filter(after().lte(Expr::col(fund::Column::EnvelopeMinor)))
        .filter(after().gte(0))
        .exec(w.txn())
        .await;
    match result {
        Ok(done) if done.rows_affected == 1 => Ok(()),
        Ok(_) => Err(Failure::Envelope { fund_id }),
        Err(err) if is_check_violation(&err) => Err(Failure::Envelope { fund_id }),
        Err(err) => Err(err.into()),
    }
}

/// Ends a mutation: an envelope failure becomes CONFLICT with `extensions.remaining` (the
/// envelope less the committed total, as a decimal string in the fund's currency) and
/// `extensions.currency`, read once the failed transaction is over.
pub async fn settle<T>(svc: &ServiceContext, outcome: Result<T, Failure>) -> AppResult<T> {
    match outcome {
        Ok(value) => Ok(value),
        Err(Failure::App(err)) => Err(err),
        Err(Failure::Envelope { fund_id }) => {
            let fund = fund::Entity::find_by_id(fund_id)
                .one(&svc.db.reader)
                .await?
                .ok_or_else(|| AppError::NotFound("no such fund".to_owned()))?;
            let remaining = Money::new(fund.envelope_minor - fund.committed_minor, fund.currency)
                .to_decimal_string();
            Err(AppError::Conflict {
                message: format!(
                    "the fund's envelope cannot take this change: {remaining} {} remain \
                     uncommitted",
                    fund.currency
                ),
                details: vec![
                    ("remaining", async_graphql::Value::from(remaining)),
                    (
                        "currency",
                        async_graphql::Value::from(fund.currency.as_str()),
                    ),
                ],
            })
        }
    }
}

/// An amount as the envelope counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub amount_minor: i64,
    pub currency: Currency,
    /// The rate × 10⁶; `None` when the allocation is in the fund's currency.
    pub rate_micros: Option<i64>,
    /// In the fund's currency.
    pub converted_minor: i64,
}

/// Parses an exchange rate (`"0.092166"`): positive, at most six decimals.
pub fn parse_rate(field: &str, text: &str) -> AppResult<i64> {
    let micros = parse_minor(text, RATE_DIGITS).map_err(|message| {
        AppError::bad_input(
            field,
            format!("{message}; a rate is a decimal with at most {RATE_DIGITS} decimals"),
        )
    })?;
    if micros <= 0 {
        return Err(AppError::bad_input(
            field,
            "a rate must be greater than zero",
        ));
    }
    if micros > MAX_RATE_MICROS {
        return Err(AppError::bad_input(field, "this rate is implausibly large"));
    }
    Ok(micros)
}

/// The rate as clients write it (`"0.092166"`).
pub fn format_rate(micros: i64) -> String {
    format_minor(micros, RATE_DIGITS)
}

/// Converts `amount_minor` in `currency` into the fund's currency at `rate_micros`, which is
/// required exactly when the currencies differ. `amount_field` and `rate_field` name the
/// input paths at fault.
pub fn convert(
    fund_currency: Currency,
    amount_minor: i64,
    currency: Currency,
    rate_micros: Option<i64>,
    amount_field: &str,
    rate_field: &str,
) -> AppResult<Converted> {
    if amount_minor > MAX_AMOUNT_MINOR {
        return Err(AppError::bad_input(
            amount_field,
            "this amount is too large",
        ));
    }
    let converted_minor = match (currency == fund_currency, rate_micros) {
        (true, None) => amount_minor,
        (true, Some(_)) => {
            return Err(AppError::bad_input(
                rate_field,
                format!("no exchange rate for an amount in the fund's currency ({fund_currency})"),
            ));
        }
        (false, None) => {
            return Err(AppError::bad_input(
                rate_field,
                format!(
                    "an amount in {currency} needs the exchange rate to the fund's currency \
                     ({fund_currency} per {currency})"
                ),
            ));
        }
        (false, Some(rate)) => {
            let converted = convert_minor(amount_minor, currency, fund_currency, rate);
            match i64::try_from(converted) {
                Ok(c) if c <= MAX_AMOUNT_MINOR => c,
                _ => {
                    return Err(AppError::bad_input(
                        amount_field,
                        "this amount is too large",
                    ));
                }
            }
        }
    };
    if converted_minor <= 0 {
        return Err(AppError::bad_input(
            amount_field,
            format!("the amount is worth nothing once converted to {fund_currency}"),
        ));
    }
    Ok(Converted {
        amount_minor,
        currency,
        rate_micros,
        converted_minor,
    })
}

/// The amount, currency and rate after `patch`: an absent field keeps its value; a change of
/// currency needs the amount in the new currency; a rate is kept only with its currency.
pub fn patched(
    fund_currency: Currency,
    current: &fund_allocation::Model,
    patch: &AllocationPatch,
) -> AppResult<Converted> {
    let currency = patch.currency.unwrap_or(current.currency);
    let amount_minor = match &patch.amount {
        Some(text) => validate::positive_amount("input.amount", text, currency)?,
        None if currency != current.currency => {
            return Err(AppError::bad_input(
                "input.amount",
                "give the amount in the new currency",
            ));
        }
        None => current.amount_minor,
    };
    let rate = match &patch.exchange_rate {
        Some(Some(text)) => Some(parse_rate("input.exchangeRate", text)?),
        Some(None) => None,
        None if currency == current.currency => current.exchange_rate_micros,
        None => None,
    };
    convert(
        fund_currency,
        amount_minor,
        currency,
        rate,
        "input.amount",
        "input.exchangeRate",
    )
}

/// `amount_minor` (minor units of `from`) × `rate_micros` / 10⁶ in minor units of `to`,
/// rounded to the nearest, halves away from zero. Exact integer arithmetic (i128).
fn convert_minor(amount_minor: i64, from: Currency, to: Currency, rate_micros: i64) -> i128 {
    let from_digits = from.minor_unit_digits();
    let to_digits = to.minor_unit_digits();
    let mut numerator = i128::from(amount_minor) * i128::from(rate_micros);
    let mut denominator = RATE_SCALE;
    if to_digits >= from_digits {
        numerator *= 10i128.pow(to_digits - from_digits);
    } else {
        denominator *= 10i128.pow(from_digits - to_digits);
    }
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_with_halves_away_from_zero() {
        // MAD 1,000.00 at 0.092166 EUR/MAD = EUR 92.166 → 92.17.
        assert_eq!(
            convert_minor(100_000, Currency::Mad, Currency::Eur, 92_166),
            9_217
        );
        // EUR 0.05 at 0.1 = 0.005 → 0.01 (a half rounds up).
        assert_eq!(convert_minor(5, Currency::Eur, Currency::Mad, 100_000), 1);
        // EUR 0.04 at 0.1 = 0.004 → 0.00.
        assert_eq!(convert_minor(4, Currency::Eur, Currency::Mad, 100_000), 0);
        // EUR 100.00 at 10.85 MAD/EUR = MAD 1,085.00.
        assert_eq!(
            convert_minor(10_000, Currency::Eur, Currency::Mad, 10_850_000),
            108_500
        );
    }

    #[test]
    fn checks_rates_and_currencies() {
        assert_eq!(parse_rate("r", "0.092166").ok(), Some(92_166));
        assert_eq!(parse_rate("r", "10.85").ok(), Some(10_850_000));
        for bad in ["0", "-1", "0.0000001", "abc", "1e3"] {
            assert!(parse_rate("r", bad).is_err(), "{bad}");
        }
        assert_eq!(format_rate(92_166), "0.092166");
        let eur = Currency::Eur;
        let mad = Currency::Mad;
        assert!(convert(eur, 100, mad, None, "a", "r").is_err());
        assert!(convert(eur, 100, eur, Some(1), "a", "r").is_err());
        assert!(convert(eur, 1, mad, Some(92_166), "a", "r").is_err());
        let ok = convert(eur, 100_000, mad, Some(92_166), "a", "r");
        assert_eq!(ok.map(|c| c.converted_minor).ok(), Some(9_217));
    }
}

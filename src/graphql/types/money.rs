//! `Money` and the `Decimal` scalar.

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value};

use crate::domain::money;
use crate::domain::vocabulary::Currency;

/// A decimal number written as a string (`"1800000.00"`), so no precision is lost on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal(pub String);

/// A decimal number written as a string (`"1800000.00"`), so no precision is lost on the way.
#[Scalar(name = "Decimal")]
impl ScalarType for Decimal {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) if money::parse_minor(s, 6).is_ok() => {
                Ok(Decimal(s.trim().to_owned()))
            }
            Value::String(s) => Err(InputValueError::custom(format!(
                "`{s}` is not a decimal number"
            ))),
            _ => Err(InputValueError::custom(
                "a decimal amount is written as a string, e.g. \"1500.00\"",
            )),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
}

/// An amount of money in a currency.
#[derive(Debug, Clone, SimpleObject)]
pub struct Money {
    /// The amount, as a decimal string with the currency's two decimals (`"1800000.00"`).
    pub amount: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl From<money::Money> for Money {
    fn from(m: money::Money) -> Self {
        Self {
            amount: Decimal(m.to_decimal_string()),
            currency: m.currency,
        }
    }
}

//! Money: integer minor units with a currency — never floating point. Clients read and write
//! amounts as decimal strings (`"1800000.00"`).

use super::vocabulary::Currency;

/// An amount in minor units (cents, centimes) of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// The amount as a decimal string with the currency's digits: 180000000 EUR → `1800000.00`.
    pub fn to_decimal_string(&self) -> String {
        format_minor(self.minor, self.currency.minor_unit_digits())
    }
}

/// Formats minor units with `digits` decimals.
pub fn format_minor(minor: i64, digits: u32) -> String {
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10u64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = digits as usize
    )
}

/// Parses a decimal string into minor units with `digits` decimals: `"12.5"` → 1250. Refuses
/// more decimals than the currency has, exponents, and anything that is not a plain decimal.
pub fn parse_minor(text: &str, digits: u32) -> Result<i64, String> {
    let text = text.trim();
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || (body.contains('.') && fraction.is_empty())
    {
        return Err(format!("`{text}` is not a decimal amount"));
    }
    if fraction.len() > digits as usize {
        return Err(format!("`{text}` has more than {digits} decimals"));
    }
    let scale = 10i64.pow(digits);
    let whole: i64 = whole
        .parse()
        .map_err(|_| format!("`{text}` is too large"))?;
    let padded = format!("{fraction:0<width$}", width = digits as usize);
    let fraction: i64 = if padded.is_empty() {
        0
    } else {
        padded
            .parse()
            .map_err(|_| format!("`{text}` is not a decimal amount"))?
    };
    let minor = whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or_else(|| format!("`{text}` is too large"))?;
    Ok(if negative { -minor } else { minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_minor_units() {
        assert_eq!(format_minor(180_000_000, 2), "1800000.00");
        assert_eq!(format_minor(-5, 2), "-0.05");
        assert_eq!(parse_minor("1800000.00", 2), Ok(180_000_000));
        assert_eq!(parse_minor("12.5", 2), Ok(1250));
        assert_eq!(parse_minor("7", 2), Ok(700));
        assert_eq!(parse_minor("-0.05", 2), Ok(-5));
        for bad in [
            "",
            "1.234",
            "1e5",
            "abc",
            "1.",
            ".5",
            "1,5",
            "99999999999999999999",
        ] {
            assert!(parse_minor(bad, 2).is_err(), "{bad}");
        }
    }
}

//! Validation of mutation input, shared by every service: each check names the input path at
//! fault (`input.title.fr`, `input.sectors[1].percentage`), so a client can point at the field.
//!
//! Text is stored in Unicode NFC (an `é` typed as `e` + combining accent and one typed as a
//! single code point are the same name), trimmed, with control characters refused; lengths
//! are counted in characters, not bytes, so Arabic and French get the same limits.

use std::collections::HashSet;
use std::hash::Hash;

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::domain::money::parse_minor;
use crate::domain::vocabulary::Currency;
use crate::error::{AppError, AppResult};

/// Limits on text fields, in characters.
pub const NAME_MAX: usize = 300;
pub const SHORT_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const URL_MAX: usize = 500;

/// NFC, trimmed; `None` when nothing is left.
fn normalise(value: &str) -> String {
    value.nfc().collect::<String>().trim().to_owned()
}

fn check_chars(field: &str, value: &str, multiline: bool, max: usize) -> AppResult<()> {
    if value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t')))
    {
        return Err(AppError::bad_input(
            field,
            "control characters are not allowed here",
        ));
    }
    let len = value.chars().count();
    if len > max {
        return Err(AppError::bad_input(
            field,
            format!("at most {max} characters (got {len})"),
        ));
    }
    Ok(())
}

/// A required single-line text: normalised, not empty, at most `max` characters.
pub fn required_text(field: &str, value: &str, max: usize) -> AppResult<String> {
    let value = normalise(value);
    if value.is_empty() {
        return Err(AppError::bad_input(field, "must not be empty"));
    }
    check_chars(field, &value, false, max)?;
    Ok(value)
}

/// An optional single-line text: normalised; empty means absent.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let value = normalise(value);
    if value.is_empty() {
        return Ok(None);
    }
    check_chars(field, &value, false, max)?;
    Ok(Some(value))
}

/// An optional long text (line breaks and tabs allowed).
pub fn optional_long_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> AppResult<Option<String>> {
    let Some(value) = value else { return Ok(None) };
    let value = normalise(value);
    if value.is_empty() {
        return Ok(None);
    }
    check_chars(field, &value, true, max)?;
    Ok(Some(value))
}

/// An optional web address: `http://` or `https://`, no spaces.
pub fn optional_url(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    let Some(url) = optional_text(field, value, URL_MAX)? else {
        return Ok(None);
    };
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(char::is_whitespace) => Ok(Some(url)),
        _ => Err(AppError::bad_input(
            field,
            "a web address starts with http:// or https:// and has no spaces",
        )),
    }
}

/// An e-mail address (a plain syntactic check: one `@`, a dot in the domain, no spaces).
pub fn email(field: &str, value: &str) -> AppResult<String> {
    let value = required_text(field, value, SHORT_MAX * 3)?;
    let ok = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(value)
    } else {
        Err(AppError::bad_input(field, "not an e-mail address"))
    }
}

/// A telephone number: digits, spaces, `+ - . ( )`, at least six digits.
pub fn phone(field: &str, value: &str) -> AppResult<String> {
    let value = required_text(field, value, 40)?;
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '.' | '(' | ')'));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if allowed && digits >= 6 {
        Ok(value)
    } else {
        Err(AppError::bad_input(field, "not a telephone number"))
    }
}

/// `end` must not be before `start` (both optional).
pub fn date_order(
    end_field: &str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
) -> AppResult<()> {
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        return Err(AppError::bad_input(
            end_field,
            format!("ends ({end}) before it starts ({start})"),
        ));
    }
    Ok(())
}

/// An amount given as a decimal string, in minor units of `currency`.
pub fn amount(field: &str, text: &str, currency: Currency) -> AppResult<i64> {
    parse_minor(text, currency.minor_unit_digits())
        .map_err(|message| AppError::bad_input(field, message))
}

/// A positive amount (strictly greater than zero).
pub fn positive_amount(field: &str, text: &str, currency: Currency) -> AppResult<i64> {
    let minor = amount(field, text, currency)?;
    if minor <= 0 {
        return Err(AppError::bad_input(field, "must be greater than zero"));
    }
    Ok(minor)
}

/// A non-negative amount.
pub fn non_negative_amount(field: &str, text: &str, currency: Currency) -> AppResult<i64> {
    let minor = amount(field, text, currency)?;
    if minor < 0 {
        return Err(AppError::bad_input(field, "must not be negative"));
    }
    Ok(minor)
}

/// A percentage given as a decimal string (`"33.33"`), in basis points (0–10000).
pub fn percentage_bp(field: &str, text: &str) -> AppResult<i32> {
    let bp = parse_minor(text, 2).map_err(|message| AppError::bad_input(field, message))?;
    if !(0..=10_000).contains(&bp) {
        return Err(AppError::bad_input(
            field,
            "a percentage is between 0 and 100",
        ));
    }
    i32::try_from(bp).map_err(|_| AppError::bad_input(field, "a percentage is between 0 and 100"))
}

/// Refuses the same key twice in a list; `field(i)` names the i-th item.
pub fn no_duplicates<T: Eq + Hash>(
    items: impl IntoIterator<Item = T>,
    field: impl Fn(usize) -> String,
    what: &str,
) -> AppResult<()> {
    let mut seen = HashSet::new();
    for (i, item) in items.into_iter().enumerate() {
        if !seen.insert(item) {
            return Err(AppError::bad_input(
                field(i),
                format!("{what} appears twice"),
            ));
        }
    }
    Ok(())
}

/// A list may hold at most `max` items.
pub fn max_items(field: &str, len: usize, max: usize) -> AppResult<()> {
    if len > max {
        return Err(AppError::bad_input(
            field,
            format!("at most {max} items (got {len})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_normalised_and_trimmed() {
        // "é" as e + U+0301 becomes the single code point U+00E9.
        let name = required_text("input.name", "  Association Le\u{0301}o  ", 50);
        assert_eq!(name.ok().as_deref(), Some("Association Léo"));
        let arabic = required_text("input.name", " جمعية ", 50);
        assert_eq!(arabic.ok().as_deref(), Some("جمعية"));
    }

    #[test]
    fn empty_control_and_long_text_are_refused() {
        assert!(required_text("f", "   ", 10).is_err());
        assert!(required_text("f", "a\u{0007}b", 10).is_err());
        assert!(required_text("f", "abcdefghijk", 10).is_err());
        // Ten Arabic letters are ten characters, though twenty bytes.
        assert!(required_text("f", &"ج".repeat(11), 10).is_err());
        assert!(required_text("f", &"ج".repeat(10), 10).is_ok());
        assert_eq!(optional_text("f", Some("  "), 10).ok(), Some(None));
        assert!(optional_long_text("f", Some("line\nline"), 20).is_ok());
        assert!(optional_text("f", Some("line\nline"), 20).is_err());
    }

    #[test]
    fn amounts_and_percentages() {
        assert_eq!(amount("f", "12.50", Currency::Eur).ok(), Some(1250));
        assert!(amount("f", "12.505", Currency::Eur).is_err());
        assert!(amount("f", "1e3", Currency::Eur).is_err());
        assert!(positive_amount("f", "0", Currency::Eur).is_err());
        assert_eq!(percentage_bp("f", "33.33").ok(), Some(3333));
        assert!(percentage_bp("f", "100.01").is_err());
    }

    #[test]
    fn contacts() {
        assert!(email("f", "a@b.ma").is_ok());
        assert!(email("f", "a@b").is_err());
        assert!(email("f", "a b@c.ma").is_err());
        assert!(phone("f", "+212 5 37 00 00 00").is_ok());
        assert!(phone("f", "call me").is_err());
        assert!(optional_url("f", Some("https://example.org")).is_ok());
        assert!(optional_url("f", Some("example.org")).is_err());
    }

    #[test]
    fn duplicates_name_the_second_item() {
        let err = no_duplicates([1, 2, 1], |i| format!("input.items[{i}]"), "the actor");
        match err {
            Err(AppError::BadUserInput { field, .. }) => assert_eq!(field, "input.items[2]"),
            other => panic!("expected a duplicate error, got {other:?}"),
        }
    }
}

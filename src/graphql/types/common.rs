//! Small types shared by every part of the schema: languages, multilingual names, dates.

use async_graphql::{Enum, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, SecondsFormat, Utc};

/// A language for labels. Missing translations fall back: requested → French → Arabic →
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum Lang {
    /// French (the default).
    #[default]
    Fr,
    /// Arabic.
    Ar,
    /// English.
    En,
}

/// A label in French, Arabic and English, any of which may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub fr: Option<String>,
    pub ar: Option<String>,
    pub en: Option<String>,
}

impl Names {
    pub fn new(fr: impl Into<Option<String>>, ar: Option<String>, en: Option<String>) -> Self {
        Self {
            fr: fr.into(),
            ar,
            en,
        }
    }

    /// The label in `lang`, falling back to French, then Arabic, then English; an empty
    /// translation counts as missing.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        fn pick(value: &Option<String>) -> Option<&str> {
            value.as_deref().filter(|s| !s.trim().is_empty())
        }
        let preferred = match lang {
            Lang::Fr => pick(&self.fr),
            Lang::Ar => pick(&self.ar),
            Lang::En => pick(&self.en),
        };
        preferred
            .or_else(|| pick(&self.fr))
            .or_else(|| pick(&self.ar))
            .or_else(|| pick(&self.en))
    }

    /// Like [`Names::get`], for labels that always exist (an empty string if none does).
    pub fn label(&self, lang: Lang) -> String {
        self.get(lang).unwrap_or_default().to_owned()
    }
}

/// A calendar date, `YYYY-MM-DD` (ISO 8601).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date, `YYYY-MM-DD` (ISO 8601).
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| InputValueError::custom(format!("`{s}` is not a date (YYYY-MM-DD)"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// An instant, RFC 3339 in UTC (`2026-11-29T10:00:00Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime(pub chrono::DateTime<Utc>);

/// An instant, RFC 3339 in UTC (`2026-11-29T10:00:00Z`).
#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => chrono::DateTime::parse_from_rfc3339(s)
                .map(|t| DateTime(t.with_timezone(&Utc)))
                .map_err(|_| {
                    InputValueError::custom(format!("`{s}` is not an RFC 3339 date-time"))
                }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::Secs, true))
    }
}

/// An author (token subject) as a viewer may see it: it identifies a person, so it is shown
/// only to viewers who may read personal data network-wide (coordinators, admins) and to the
/// author themself.
pub fn visible_author(
    ctx: &async_graphql::Context<'_>,
    author: Option<&str>,
) -> async_graphql::Result<Option<String>> {
    let Some(author) = author else {
        return Ok(None);
    };
    let viewer = &crate::graphql::context::RequestContext::of(ctx)?.svc.viewer;
    let allowed = viewer.author() == Some(author) || crate::auth::policy::sees_authors(viewer);
    Ok(allowed.then(|| author.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fall_back_in_order() {
        let names = Names::new(Some("Fès".to_owned()), Some(String::new()), None);
        assert_eq!(names.get(Lang::Ar), Some("Fès"));
        let names = Names::new(None, Some("فاس".to_owned()), Some("Fez".to_owned()));
        assert_eq!(names.get(Lang::Fr), Some("فاس"));
        assert_eq!(names.get(Lang::En), Some("Fez"));
        assert_eq!(Names::default().label(Lang::Fr), "");
    }
}

//! The pure checks of partnership input (no database): texts, dates kept with their
//! precision, validity windows, status transitions, themes, members and agreements. Each
//! error names the input path at fault.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::super::super::validate::{self, DESCRIPTION_MAX, NAME_MAX, SHORT_MAX};
use crate::domain::vocabulary::{
    AgreementKind, DatePrecision, PartnershipKind, PartnershipStatus, Side, Theme,
};
use crate::error::{AppError, AppResult};

/// Most themes a partnership may carry.
const MAX_THEMES: usize = 20;
/// Most members a create may list (more are added one by one).
pub const MAX_MEMBERS: usize = 100;
/// Most agreements or linked projects a create may list.
pub const MAX_LINKS: usize = 100;
/// Longest provenance text (`source`), in characters.
const SOURCE_MAX: usize = 2_000;
/// The years a partnership or agreement date may fall in (a typo guard).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date known to a precision: "since 2002" is `2002-01-01` at YEAR precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartialDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

impl PartialDate {
    /// The date truncated to its precision (the first day of its year or month), as stored.
    pub fn normalised(self) -> Self {
        let d = self.date;
        let date = match self.precision {
            DatePrecision::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1),
            DatePrecision::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
            DatePrecision::Day => Some(d),
        };
        Self {
            date: date.unwrap_or(d),
            precision: self.precision,
        }
    }

    /// The last day the date may stand for ("2002" ends on 31 December 2002).
    pub fn last_day(self) -> NaiveDate {
        let first = self.normalised().date;
        let next = match self.precision {
            DatePrecision::Year => first.checked_add_months(Months::new(12)),
            DatePrecision::Month => first.checked_add_months(Months::new(1)),
            DatePrecision::Day => return first,
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(first)
    }

    /// From the stored columns (a date without a precision is taken as exact).
    pub fn stored(date: Option<NaiveDate>, precision: Option<DatePrecision>) -> Option<Self> {
        date.map(|date| Self {
            date,
            precision: precision.unwrap_or(DatePrecision::Day),
        })
    }
}

/// A date within the years we accept, normalised to its precision.
pub fn partial_date(field: &str, value: Option<PartialDate>) -> AppResult<Option<PartialDate>> {
    let Some(value) = value else { return Ok(None) };
    plain_date(field, Some(value.date))?;
    Ok(Some(value.normalised()))
}

/// A plain date within the years we accept.
pub fn plain_date(field: &str, value: Option<NaiveDate>) -> AppResult<Option<NaiveDate>> {
    match value {
        Some(d) if !YEARS.contains(&d.year()) => Err(AppError::bad_input(
            field,
            format!(
                "the year must be between {} and {}",
                YEARS.start(),
                YEARS.end()
            ),
        )),
        other => Ok(other),
    }
}

/// A window may not end before it starts. Dates are compared through their precision: a
/// window from 2002-06-15 to "2002" is fine (it ends some time in 2002).
pub fn window(
    end_field: &str,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> AppResult<()> {
    if let (Some(from), Some(to)) = (from, to)
        && to.last_day() < from.normalised().date
    {
        return Err(AppError::bad_input(
            end_field,
            format!("ends ({}) before it starts ({})", to.date, from.date),
        ));
    }
    Ok(())
}

/// The status rule. A partnership moves freely between ACTIVE, DORMANT and ENDED (an ended
/// one may be relaunched as ACTIVE), with two exceptions: nothing goes back to PLANNED
/// ("nothing signed or started yet" cannot become true again), and an ENDED partnership does
/// not become DORMANT ("formally in force") — relaunching it makes it ACTIVE.
pub fn transition(from: PartnershipStatus, to: PartnershipStatus) -> AppResult<()> {
    use PartnershipStatus::{Dormant, Ended, Planned};
    let refusal = match (from, to) {
        _ if from == to => None,
        (_, Planned) => Some("a partnership that has started cannot go back to PLANNED"),
        (Ended, Dormant) => {
            Some("an ENDED partnership is no longer in force; relaunch it as ACTIVE instead")
        }
        _ => None,
    };
    match refusal {
        Some(message) => Err(AppError::bad_input(
            "input.status",
            format!("{message} (from {from} to {to})"),
        )),
        None => Ok(()),
    }
}

/// The French title (required).
pub fn title_fr(value: &str) -> AppResult<String> {
    validate::required_text("input.title.fr", value, NAME_MAX)
}

/// An optional title in another language.
pub fn title_other(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_text(field, value, NAME_MAX)
}

/// The (French) description.
pub fn description(value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_long_text("input.description", value, DESCRIPTION_MAX)
}

/// Where the information comes from.
pub fn source(value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_long_text("input.source", value, SOURCE_MAX)
}

/// Who asserted the partnership.
pub fn asserted_by(value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_text("input.assertedBy", value, NAME_MAX)
}

/// A member's role, in free text.
pub fn role(field: &str, value: Option<&str>) -> AppResult<Option<String>> {
    validate::optional_text(field, value, SHORT_MAX)
}

/// Themes: at most [`MAX_THEMES`], none twice.
pub fn themes(themes: &[Theme]) -> AppResult<Vec<Theme>> {
    validate::max_items("input.themes", themes.len(), MAX_THEMES)?;
    validate::no_duplicates(
        themes.iter().copied(),
        |i| format!("input.themes[{i}]"),
        "this theme",
    )?;
    Ok(themes.to_vec())
}

/// The member rule: a partnership relates at least two actors, and a decentralised
/// cooperation has at least one on the FRENCH side and one on the MOROCCAN side (it is, by
/// definition, between French and Moroccan local authorities).
pub fn member_sides(kind: PartnershipKind, sides: &[Side], field: &str) -> AppResult<()> {
    if sides.len() < 2 {
        return Err(AppError::bad_input(
            field,
            "a partnership has at least two members",
        ));
    }
    if kind == PartnershipKind::DecentralisedCooperation
        && !(sides.contains(&Side::French) && sides.contains(&Side::Moroccan))
    {
        return Err(AppError::bad_input(
            field,
            "a decentralised cooperation has at least one member on the FRENCH side and one \
             on the MOROCCAN side",
        ));
    }
    Ok(())
}

/// An agreement, as received or after a patch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAgreement {
    pub kind: AgreementKind,
    pub title: Option<String>,
    pub signed_on: Option<PartialDate>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
}

/// Validates an agreement whose fields are at `prefix` (`input.agreements[1]`,
/// `input.agreement`); answers it normalised.
pub fn agreement(prefix: &str, a: &NewAgreement) -> AppResult<NewAgreement> {
    let title = validate::optional_text(&format!("{prefix}.title"), a.title.as_deref(), NAME_MAX)?;
    let signed_on = partial_date(&format!("{prefix}.signedOn"), a.signed_on)?;
    let period_start = plain_date(&format!("{prefix}.periodStart"), a.period_start)?;
    let period_end = plain_date(&format!("{prefix}.periodEnd"), a.period_end)?;
    validate::date_order(&format!("{prefix}.periodEnd"), period_start, period_end)?;
    Ok(NewAgreement {
        kind: a.kind,
        title,
        signed_on,
        period_start,
        period_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn at(date: NaiveDate, precision: DatePrecision) -> Option<PartialDate> {
        Some(PartialDate { date, precision })
    }

    #[test]
    fn dates_keep_their_precision() {
        let year = PartialDate {
            date: day(2002, 6, 15),
            precision: DatePrecision::Year,
        };
        assert_eq!(year.normalised().date, day(2002, 1, 1));
        assert_eq!(year.last_day(), day(2002, 12, 31));
        let month = PartialDate {
            date: day(2024, 2, 10),
            precision: DatePrecision::Month,
        };
        assert_eq!(month.normalised().date, day(2024, 2, 1));
        assert_eq!(month.last_day(), day(2024, 2, 29));
    }

    #[test]
    fn windows_compare_through_precision() {
        let june = at(day(2002, 6, 15), DatePrecision::Day);
        assert!(window("e", june, at(day(2002, 1, 1), DatePrecision::Year)).is_ok());
        assert!(window("e", june, at(day(2002, 5, 1), DatePrecision::Month)).is_err());
        assert!(window("e", at(day(2003, 1, 1), DatePrecision::Year), june).is_err());
    }

    #[test]
    fn transitions() {
        use PartnershipStatus::*;
        assert!(transition(Planned, Active).is_ok());
        assert!(transition(Active, Dormant).is_ok());
        assert!(transition(Ended, Active).is_ok());
        assert!(transition(Planned, Planned).is_ok());
        assert!(transition(Ended, Planned).is_err());
        assert!(transition(Active, Planned).is_err());
        assert!(transition(Ended, Dormant).is_err());
    }

    #[test]
    fn members_and_sides() {
        use PartnershipKind::*;
        assert!(member_sides(Institutional, &[Side::Moroccan], "f").is_err());
        assert!(member_sides(Institutional, &[Side::Moroccan, Side::Moroccan], "f").is_ok());
        assert!(member_sides(DecentralisedCooperation, &[Side::French, Side::Other], "f").is_err());
        assert!(
            member_sides(
                DecentralisedCooperation,
                &[Side::Moroccan, Side::French],
                "f"
            )
            .is_ok()
        );
    }
}

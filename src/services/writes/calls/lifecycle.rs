//! The life of an application to a call for proposals: which status changes are legal.
//!
//! | from | to |
//! |---|---|
//! | SUBMITTED | ELIGIBLE, REJECTED, WITHDRAWN |
//! | ELIGIBLE | SHORTLISTED, REJECTED, WITHDRAWN |
//! | SHORTLISTED | SELECTED, REJECTED, WITHDRAWN |
//! | SELECTED, REJECTED, WITHDRAWN | — (final) |
//!
//! Each step is one decision (no skipping from SUBMITTED to SELECTED); REJECTED covers both an
//! ineligible application and one not retained; WITHDRAWN is the applicants' choice (or a
//! coordinator's on their behalf) while nothing is decided. SELECTED is final because the
//! application became a project: undoing it is a change to that project (cancel it), not to
//! the application.

use crate::domain::vocabulary::ApplicationStatus;

/// Whether an application with status `from` may be given status `to` (the table in the
/// module's documentation).
pub fn may_become(from: ApplicationStatus, to: ApplicationStatus) -> bool {
    use ApplicationStatus::{Eligible, Rejected, Selected, Shortlisted, Submitted, Withdrawn};
    matches!(
        (from, to),
        (Submitted, Eligible)
            | (Eligible, Shortlisted)
            | (Shortlisted, Selected)
            | (Submitted | Eligible | Shortlisted, Rejected | Withdrawn)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_life_of_an_application() {
        use ApplicationStatus::*;
        let legal = [
            (Submitted, Eligible),
            (Eligible, Shortlisted),
            (Shortlisted, Selected),
            (Submitted, Rejected),
            (Eligible, Rejected),
            (Shortlisted, Rejected),
            (Submitted, Withdrawn),
            (Eligible, Withdrawn),
            (Shortlisted, Withdrawn),
        ];
        for from in ApplicationStatus::ALL {
            for to in ApplicationStatus::ALL {
                assert_eq!(
                    may_become(*from, *to),
                    legal.contains(&(*from, *to)),
                    "{from} → {to}"
                );
            }
        }
    }
}

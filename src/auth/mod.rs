//! Who is asking: the viewer of a request, and the policy that decides what it may see.
//!
//! Every service call takes a [`Viewer`]; the policy module turns it into query filters.
//! [`jwt`] turns a bearer token into a viewer ([`keys`] holds the key material); a request
//! without a token is anonymous.

pub mod jwt;
pub mod keys;
pub mod policy;

/// The roles of the token contract, plus the anonymous viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum Role {
    /// No token: public records only, no writes.
    Anonymous,
    /// A partner organisation, acting for its own actor.
    Partner,
    /// A consulate or Institut français officer, scoped to a circumscription.
    Officer,
    /// A network coordinator of the pole: reads and writes everything.
    Coordinator,
    /// An administrator: everything, plus reference data.
    Admin,
}

/// The viewer of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The token subject (`sub`), if authenticated.
    pub subject: Option<String>,
    pub role: Role,
    /// The officer's circumscription code (`FES` …).
    pub circumscription: Option<String>,
    /// The officer's circumscription (database id), resolved when the request starts.
    pub circumscription_id: Option<i64>,
    /// The partner's actor (database id).
    pub actor_id: Option<i64>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Self {
            subject: None,
            role: Role::Anonymous,
            circumscription: None,
            circumscription_id: None,
            actor_id: None,
        }
    }

    /// The author recorded on writes and in the activity log.
    pub fn author(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// A viewer of `role` for unit tests: subject `t`, officer of FES (id 3), partner of the
    /// actor 7 (each role uses what applies to it).
    #[cfg(test)]
    pub(crate) fn sample(role: Role) -> Self {
        Self {
            subject: Some("t".to_owned()),
            role,
            circumscription: Some("FES".to_owned()),
            circumscription_id: Some(3),
            actor_id: Some(7),
        }
    }
}

//! What the matrix is made of: viewers, records (with where they sit and what they are linked
//! to), and the cells that name a failure. Plain data, independent of the product's types.

use std::fmt;

/// A viewer's role, as the token states it (no token: anonymous).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Anonymous,
    Partner,
    Officer,
    Coordinator,
    Admin,
}

/// The kinds of network records the matrix covers (those with a sensitivity, and persons).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Actor,
    Person,
    Project,
    Partnership,
    Event,
    Exchange,
    Call,
    Application,
    /// Reference data (territories, coverage): public facts, in the activity log only.
    Territory,
}

impl Entity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Person => "person",
            Self::Project => "project",
            Self::Partnership => "partnership",
            Self::Event => "event",
            Self::Exchange => "exchange",
            Self::Call => "call",
            Self::Application => "application",
            Self::Territory => "territory",
        }
    }

    /// The root list of this kind (also its search root), if it has one.
    pub fn root_list(self) -> Option<&'static str> {
        match self {
            Self::Actor => Some("actors"),
            Self::Project => Some("projects"),
            Self::Partnership => Some("partnerships"),
            Self::Event => Some("events"),
            Self::Exchange => Some("exchanges"),
            Self::Call => Some("calls"),
            Self::Person | Self::Application | Self::Territory => None,
        }
    }

    /// The kinds with a root list, in the order the list queries ask for them.
    pub const LISTED: [Entity; 6] = [
        Self::Actor,
        Self::Project,
        Self::Partnership,
        Self::Event,
        Self::Exchange,
        Self::Call,
    ];
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sensitivity {
    Public,
    Internal,
    Restricted,
    Personal,
}

impl Sensitivity {
    /// The sensitivities a network record may have (PERSONAL is for persons' data).
    pub const NETWORK: [Sensitivity; 3] = [Self::Public, Self::Internal, Self::Restricted];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "PUBLIC",
            Self::Internal => "INTERNAL",
            Self::Restricted => "RESTRICTED",
            Self::Personal => "PERSONAL",
        }
    }

    pub fn parse(text: &str) -> Self {
        match text {
            "PUBLIC" => Self::Public,
            "INTERNAL" => Self::Internal,
            "RESTRICTED" => Self::Restricted,
            "PERSONAL" => Self::Personal,
            other => panic!("unknown sensitivity {other}"),
        }
    }
}

impl fmt::Display for Sensitivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Someone asking: a role, with the claims that scope it, and the token that says so.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// How failures name it ("OFFICER of FES").
    pub label: String,
    pub role: Role,
    /// An officer's circumscription code.
    pub circumscription: Option<&'static str>,
    /// A partner's actor (global ID).
    pub actor: Option<String>,
    /// `None` for the anonymous viewer.
    pub token: Option<String>,
}

/// A nested connection through which a record is reached from a parent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    ActorProjects,
    ActorPartnerships,
    ActorEvents,
    ActorExchanges,
    ActorApplications,
    ProjectParticipants,
    ProjectEvents,
    ProjectExchanges,
    CallApplications,
}

impl Link {
    /// The connection field on the parent.
    pub fn field(self) -> &'static str {
        match self {
            Self::ActorProjects => "projects",
            Self::ActorPartnerships => "partnerships",
            Self::ActorEvents | Self::ProjectEvents => "events",
            Self::ActorExchanges | Self::ProjectExchanges => "exchanges",
            Self::ActorApplications | Self::CallApplications => "applications",
            Self::ProjectParticipants => "participants",
        }
    }

    /// The linked record's global ID in one node of the connection.
    pub fn item_id(self, node: &serde_json::Value) -> Option<&str> {
        let item = match self {
            Self::ActorProjects => &node["project"],
            Self::ActorPartnerships => &node["partnership"],
            Self::ActorEvents => &node["event"],
            Self::ProjectParticipants => &node["actor"],
            Self::ActorExchanges
            | Self::ActorApplications
            | Self::ProjectEvents
            | Self::ProjectExchanges
            | Self::CallApplications => node,
        };
        item["id"].as_str()
    }

    /// What the query selects of one node of the connection.
    pub fn item_selection(self) -> &'static str {
        match self {
            Self::ActorProjects => "project { id }",
            Self::ActorPartnerships => "partnership { id }",
            Self::ActorEvents => "event { id }",
            Self::ProjectParticipants => "actor { id }",
            Self::ActorExchanges
            | Self::ActorApplications
            | Self::ProjectEvents
            | Self::ProjectExchanges
            | Self::CallApplications => "id",
        }
    }

    /// The type of the parent the connection hangs off.
    pub fn parent_type(self) -> &'static str {
        match self {
            Self::ActorProjects
            | Self::ActorPartnerships
            | Self::ActorEvents
            | Self::ActorExchanges
            | Self::ActorApplications => "Actor",
            Self::ProjectParticipants | Self::ProjectEvents | Self::ProjectExchanges => "Project",
            Self::CallApplications => "Call",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::ActorProjects => "actor.projects",
            Self::ActorPartnerships => "actor.partnerships",
            Self::ActorEvents => "actor.events",
            Self::ActorExchanges => "actor.exchanges",
            Self::ActorApplications => "actor.applications",
            Self::ProjectParticipants => "project.participants",
            Self::ProjectEvents => "project.events",
            Self::ProjectExchanges => "project.exchanges",
            Self::CallApplications => "call.applications",
        }
    }
}

/// A record reached through `link` of the parent named `parent` (an alias of the nested query).
#[derive(Clone, Debug)]
pub struct Edge {
    pub parent: &'static str,
    pub link: Link,
}

/// Where a record comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// One cell of the matrix: a (kind, sensitivity, place).
    Matrix,
    /// A PUBLIC record the matrix hangs off (the parents of the nested edges).
    Hub,
    /// Reference data loaded with the hub (listed, so counted in `totalCount`).
    Reference,
}

/// A record as the matrix knows it.
#[derive(Clone, Debug)]
pub struct Record {
    pub entity: Entity,
    pub sensitivity: Sensitivity,
    /// The circumscriptions it belongs to (DESIGN §5's second table), by code.
    pub circumscriptions: Vec<String>,
    /// Its global ID.
    pub id: String,
    /// The actor it is part of (an actor itself, a person's organisation) or that takes part
    /// in it (an application's applicant, a partnership's member …): a partner bound to this
    /// actor is the "own actor" partner of the cell.
    pub owner: Option<String>,
    /// A word in its name or title and nowhere else (search, activity summaries).
    pub token: Option<String>,
    pub edges: Vec<Edge>,
    pub origin: Origin,
}

impl Record {
    pub fn is_matrix(&self) -> bool {
        self.origin == Origin::Matrix
    }
}

/// The name of one cell: viewer × kind × sensitivity × place × entry point.
pub fn cell(viewer: &Viewer, record: &Record, entry: &str) -> String {
    let at = if record.circumscriptions.is_empty() {
        "national".to_owned()
    } else {
        record.circumscriptions.join("+")
    };
    let place = match viewer.circumscription {
        Some(code) if record.circumscriptions.iter().any(|c| c == code) => {
            format!("inside ({at})")
        }
        Some(_) => format!("outside ({at})"),
        None => format!("in {at}"),
    };
    let who = match (viewer.role, &viewer.actor) {
        (Role::Partner, Some(actor)) if record.owner.as_ref() == Some(actor) => {
            format!("{} [own actor]", viewer.label)
        }
        (Role::Partner, _) => format!("{} [another actor]", viewer.label),
        _ => viewer.label.clone(),
    };
    let origin = match record.origin {
        Origin::Matrix => "",
        Origin::Hub => "hub ",
        Origin::Reference => "reference ",
    };
    format!(
        "{who} × {origin}{} {} {place} {} × {entry}",
        record.entity,
        record.sensitivity,
        record.token.as_deref().unwrap_or(&record.id)
    )
}

/// The cells one test checked, and those that disagree with the oracle.
#[derive(Default)]
pub struct Cells {
    pub checked: usize,
    pub failures: Vec<String>,
}

impl Cells {
    /// One cell: `expected` and `got` must agree.
    pub fn check<T: PartialEq + fmt::Debug>(
        &mut self,
        name: impl FnOnce() -> String,
        expected: T,
        got: T,
    ) {
        self.checked += 1;
        if expected != got {
            self.failures
                .push(format!("{}: expected {expected:?}, got {got:?}", name()));
        }
    }

    pub fn merge(&mut self, other: Cells) {
        self.checked += other.checked;
        self.failures.extend(other.failures);
    }

    /// Fails with every disagreeing cell, if any.
    pub fn finish(self, what: &str) {
        eprintln!(
            "authorization matrix, {what}: {} cells checked",
            self.checked
        );
        assert!(
            self.checked > 0,
            "{what}: the matrix checked nothing (was the data built?)"
        );
        assert!(
            self.failures.is_empty(),
            "{what}: {} of {} cells disagree with DESIGN §5:\n  {}",
            self.failures.len(),
            self.checked,
            self.failures.join("\n  ")
        );
    }
}
